"""How the self-assessment's rule treats random answers: every subtype's share of results.

Random answer sets are not people, but they show the rule's bias: with every option equally
likely, the four subtypes should come out about equally often and the ideal almost never,
since it must be chosen in most situations to be named.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .banks import Bank
from .scoring import chosen_subtypes, classify, human


@dataclass
class Share:
    result_id: str
    name: str
    results: int
    seconds: int


def simulate(bank: Bank, sets: int = 10_000, seed: int = 1) -> list[Share]:
    """Classify `sets` answer sets drawn uniformly at random, with a fixed seed."""
    rng = random.Random(seed)
    shares = {r.id: Share(r.id, r.name, 0, 0) for r in bank.results}
    for _ in range(sets):
        answers = {q.id: rng.randrange(len(q.options)) for q in bank.questions}
        result, second = classify(bank, chosen_subtypes(bank, answers))
        shares[result.id].results += 1
        if second:
            shares[second.id].seconds += 1
    return list(shares.values())


def table(bank: Bank, sets: int = 10_000, seed: int = 1) -> str:
    """A Markdown table of the simulation, for the terminal and for the README."""
    lines = [
        f"{bank.title}: {sets} random answer sets over {len(bank.questions)} situations (seed {seed})",
        "",
        "| Subtype | Named as the result | Share | Named as a close second |",
        "|---|---:|---:|---:|",
    ]
    for share in simulate(bank, sets, seed):
        percent = human(share.results * 100 / sets)
        lines.append(f"| {share.name} | {share.results} | {percent} % | {share.seconds} |")
    return "\n".join(lines)
