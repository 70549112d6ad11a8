"""The shared result-file test vectors (tests/data/result-vectors.json) made into files.

Each vector is a file and the verdict the browser and `python -m macros results` must both
give it: 'ok', or the key of the message in macros/uitext.py RESULTS. Placeholders stand for
what depends on the fixture bank: its version and the questions of variant VEC-1.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from macros.exam.grading import result_document
from macros.uitext import RESULTS

VECTORS = Path(__file__).parent / "data" / "result-vectors.json"


def files(bank) -> list[tuple[str, bytes, str]]:
    """(file name, bytes, expected verdict) for every vector."""
    questions = result_document(bank, "VEC-1", {})["questions"]
    first = {**questions[0], "chosen": "@"}
    listed = {
        "$QUESTIONS_PROTO": [*questions, {"id": "__proto__", "chosen": [0]}],
        "$QUESTIONS_TRAP_ID": [*questions[:-1], {"id": {"toString": 1, "valueOf": 1}, "chosen": []}],
        "$QUESTIONS_SHORT": questions[:-1],
    }
    literal = {
        "$QUESTIONS_HUGE": "[1e300]",
        "$QUESTIONS_NEGATIVE": "[-1]",
        "$QUESTIONS_STRING": '["0"]',
        "$QUESTIONS_BOOL": "[true]",
        "$QUESTIONS_HALF": "[0.5]",
        "$QUESTIONS_WHOLE_FLOAT": "[1.0]",
    }
    out = []
    for vector in json.loads(VECTORS.read_text(encoding="utf-8")):
        if "hex" in vector:
            data = bytes.fromhex(vector["hex"])
        else:
            text = vector["text"].replace("$VERSION", bank.version)
            for name, value in listed.items():
                text = text.replace(name, json.dumps(value, ensure_ascii=False))
            for name, value in literal.items():
                text = text.replace(name, json.dumps([first, *questions[1:]], ensure_ascii=False).replace('"@"', value))
            text = text.replace("$QUESTIONS", json.dumps(questions, ensure_ascii=False))
            data = text.encode("utf-8")
        out.append((vector["file"], data, vector["verdict"]))
    return out


def verdict_of(message: str | None) -> str:
    """The RESULTS key whose text a message is, or 'ok' for none."""
    if message is None:
        return "ok"
    for key, template in RESULTS.items():
        if isinstance(template, str) and "{file}" in template:
            pattern = re.escape(template).replace(r"\{file\}", ".*?")
            pattern = re.sub(r"\\\{\w+\\\}", ".*?", pattern)
            if re.fullmatch(pattern, message, re.DOTALL):
                return key
    return f"unknown message: {message}"
