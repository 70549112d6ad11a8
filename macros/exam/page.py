"""What the exam and results pages carry: settings in the open, the key sealed or locked.

Practice (instant marking): the key is sealed, which keeps the right answers out of the
page's text, its search index and a casual look, not from a developer. Trainer marking: the
key is locked with the trainer's passphrase (lock.py), and without it nothing on the site
marks an attempt or shows a right answer.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable
from typing import Any

from ..banks import Bank


def seal(payload: Any, secret: str) -> str:
    """JSON, compressed, XORed with the secret's bytes, in base64: unreadable without running
    the page. Compressed first because XORed bytes no longer compress: the exam's key took
    188 KB of its page's 439 KB and most of the 122 KB sent; compressed, 42 KB (the browser
    opens it with DecompressionStream, exam-core.js)."""
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(_xor(zlib.compress(raw, 9), secret.encode("utf-8"))).decode("ascii")


def _xor(data: bytes, key: bytes) -> bytes:
    """data XOR the key repeated; as one big integer, since a byte-by-byte loop over the
    exam's key was a tenth of the macros' build time."""
    stream = (key * (len(data) // len(key) + 1))[: len(data)]
    mixed = int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")
    return mixed.to_bytes(len(data), "big")


def unseal(sealed: str, secret: str) -> Any:
    """The inverse of seal(), for tests and tools."""
    raw = zlib.decompress(_xor(base64.b64decode(sealed), secret.encode("utf-8")))
    return json.loads(raw.decode("utf-8"))


def marking(bank: Bank, locking: bool) -> str:
    """How the exam is marked on this build: 'trainer'; 'practice' when the bank asks for the
    trainer's marking but the build has no passphrase; 'instant' when the bank asks for it."""
    assert bank.exam is not None
    if bank.exam.marking == "trainer":
        return "trainer" if locking else "practice"
    return "instant"


def settings(bank: Bank, marked_by: str = "instant") -> dict[str, Any]:
    """The open part: topics, the draw and the marking rules (no answers); marked_by is marking()."""
    assert bank.exam is not None
    return {
        "marking": "trainer" if marked_by == "trainer" else "instant",
        "bank": bank.id,
        "version": bank.version,
        "title": bank.title,
        "topics": [{"id": t.id, "name": t.name} for t in bank.topics],
        "draw": [[topic, count] for topic, count in bank.exam.draw.items()],
        # Same-fact groups: the draw takes at most one question of each into a variant.
        "groups": {q.id: q.group for q in bank.questions if q.group},
        "pass_mark": bank.exam.pass_mark,
        "time_limit": bank.exam.time_limit,
        "shuffle": bank.exam.shuffle_options,
    }


def key(
    bank: Bank, block: Callable[[str | None], str], link: Callable[[str], str], title: Callable[[str], str]
) -> dict[str, Any]:
    """The sealed part, per question in bank order: right options, explanation, where to study.

    Texts travel as written in the bank, so result files from Python and the browser agree.
    """
    questions = []
    for q in bank.questions:
        entry: dict[str, Any] = {
            "id": q.id,
            "topic": q.topic,
            "type": q.type,
            "points": q.points,
            "correct": [i for i, o in enumerate(q.options) if o.correct],
            "explanation": str(block(q.explanation)),
            "link": link(q.link) if q.link else None,
            "link_title": title(q.link) if q.link else None,
            "text": q.text,
            "options": [o.text for o in q.options],
        }
        questions.append(entry)
    return {"questions": questions}
