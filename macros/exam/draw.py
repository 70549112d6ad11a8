"""Seeded orders: the exam draw for a variant code, and the option order of quiz questions.

docs/assets/exam-core.js implements the same arithmetic; the browser tests check that both
draw the same variant for the same code. Integer-only steps keep the two exact.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..banks import Bank, Question

_CODE = re.compile(r"^[A-Z0-9-]{1,32}$")
_MASK = 0xFFFFFFFF


def normalise_code(code: str) -> str | None:
    """The canonical form of a variant code (trimmed, upper case), or None if it is not one."""
    code = code.strip().upper()
    return code if _CODE.match(code) else None


def seed_of(text: str) -> int:
    """FNV-1a, 32 bits, over the UTF-8 bytes of a text."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & _MASK
    return value


def random_source(seed: int) -> Callable[[], float]:
    """mulberry32: a small generator that JavaScript reproduces bit for bit."""
    state = seed & _MASK

    def next_value() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & _MASK
        t = state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & _MASK
        return ((t ^ (t >> 14)) & _MASK) / 4294967296

    return next_value


def _imul(a: int, b: int) -> int:
    return (a * b) & _MASK


def shuffled(items: list, rand: Callable[[], float]) -> list:
    """Fisher–Yates from the end, as in the browser."""
    items = list(items)
    for i in range(len(items) - 1, 0, -1):
        j = int(rand() * (i + 1))
        items[i], items[j] = items[j], items[i]
    return items


def draw(bank: Bank, code: str) -> list[Question]:
    """The questions of a variant, in the order the candidate sees them."""
    if bank.exam is None:
        raise ValueError(f"bank '{bank.id}' has no exam settings")
    rand = random_source(seed_of(f"{bank.id}:{code}"))
    chosen: list[Question] = []
    used: set[str] = set()  # same-fact groups already in the variant
    for topic_id, count in bank.exam.draw.items():
        pool = [q for q in bank.questions if q.topic == topic_id]
        taken = 0
        for question in shuffled(pool, rand):
            if taken == count:
                break
            if question.group in used:
                continue
            if question.group:
                used.add(question.group)
            chosen.append(question)
            taken += 1
    return shuffled(chosen, rand)


def option_order(bank: Bank, code: str, question: Question) -> list[int]:
    """The order of a question's options in a variant: bank order unless the exam shuffles."""
    order = list(range(len(question.options)))
    if bank.exam is None or not bank.exam.shuffle_options:
        return order
    return shuffled(order, random_source(seed_of(f"{bank.id}:{code}:{question.id}")))


def quiz_orders(bank: Bank) -> dict[str, list[int]]:
    """The order a quiz page shows each question's options in, by question id.

    Options are shuffled with a seed made of the bank and question id, so the order is the
    same on every visit. Where a question has one key option (the right answer of a
    'single' question, the ideal's answer in a self-assessment), its places are dealt
    from an evenly filled deck, so that no place holds the answer more often than chance:
    always picking the first option gets about one answer in four right.
    """
    keys = {q.id: _key_option(bank, q) for q in bank.questions}
    sizes = sorted({len(q.options) for q in bank.questions if keys[q.id] is not None})
    places: dict[str, int] = {}
    for size in sizes:
        dealt = [q for q in bank.questions if keys[q.id] is not None and len(q.options) == size]
        deck = shuffled([n % size for n in range(len(dealt))], random_source(seed_of(f"{bank.id}:{size}")))
        places.update({q.id: place for q, place in zip(dealt, deck, strict=True)})
    orders = {}
    for q in bank.questions:
        order = shuffled(list(range(len(q.options))), random_source(seed_of(f"{bank.id}:{q.id}")))
        key = keys[q.id]
        if key is not None:
            order.remove(key)
            order.insert(places[q.id], key)
        orders[q.id] = order
    return orders


def _key_option(bank: Bank, question: Question) -> int | None:
    if question.type == "single":
        return next(i for i, o in enumerate(question.options) if o.correct)
    if question.type == "scale" and bank.rule.ideal:
        return next((i for i, o in enumerate(question.options) if o.subtype == bank.rule.ideal), None)
    return None
