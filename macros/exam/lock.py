"""The exam's key locked with the trainer's passphrase: PBKDF2-SHA-256, then AES-GCM.

The same steps run in the browser with WebCrypto (js/exam-key.js), which is why these
and no others: a page can derive and decrypt with them without any library. The
passphrase never enters the repository or the site; it comes from the environment of the
build. Without one, an exam asking for trainer marking runs as practice (README).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import unicodedata
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ENV = "BIRD_TRAINER_PASSPHRASE"
ENV_FILE = "BIRD_TRAINER_PASSPHRASE_FILE"
# OWASP's figure for PBKDF2-HMAC-SHA256 (2023): each guess costs the guesser as much.
ITERATIONS = 600_000
SCHEME = "pbkdf2-sha256"


class LockError(Exception):
    """A passphrase that cannot be had, or a locked text that does not open with it."""


def normalised(passphrase: str) -> str:
    """As typed, less surrounding spaces and line ends (a file's last newline), in NFC."""
    return unicodedata.normalize("NFC", passphrase.strip())


def passphrase_from(environ: Mapping[str, str] = os.environ) -> str | None:
    """The trainer's passphrase from the environment or the file it names, or None."""
    if environ.get(ENV_FILE):
        path = Path(environ[ENV_FILE])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise LockError(f"{ENV_FILE} names '{path}', which cannot be read as UTF-8 text: {error}") from None
        if not normalised(text):
            raise LockError(f"{ENV_FILE} names '{path}', which is empty; write the passphrase in it")
        return normalised(text)
    value = normalised(environ.get(ENV, ""))
    return value or None


class Lock:
    """One salt and one derived key per build; a fresh nonce for every text it locks."""

    def __init__(self, passphrase: str, salt: bytes | None = None, iterations: int = ITERATIONS):
        self.salt = salt or secrets.token_bytes(16)
        self.iterations = iterations
        self._key = _derive(passphrase, self.salt, iterations)

    def lock(self, payload: Any) -> str:
        """JSON, compressed, encrypted: 'pbkdf2-sha256.<iterations>.<salt>.<nonce>.<data>' in base64 parts."""
        raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        nonce = secrets.token_bytes(12)
        data = AESGCM(self._key).encrypt(nonce, zlib.compress(raw, 9), None)
        parts = [self.salt, nonce, data]
        return ".".join([SCHEME, str(self.iterations), *(base64.b64encode(p).decode("ascii") for p in parts)])


def unlock(locked: str, passphrase: str) -> Any:
    """The payload of a locked text; LockError when the passphrase is not the one it was locked with."""
    try:
        scheme, iterations, salt, nonce, data = locked.split(".")
        if scheme != SCHEME:
            raise ValueError(scheme)
        key = _derive(passphrase, base64.b64decode(salt), int(iterations))
        raw = AESGCM(key).decrypt(base64.b64decode(nonce), base64.b64decode(data), None)
    except InvalidTag:
        raise LockError("the passphrase does not open this key") from None
    except ValueError as error:
        raise LockError(f"not a locked key: {error}") from None
    return json.loads(zlib.decompress(raw).decode("utf-8"))


def _derive(passphrase: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", normalised(passphrase).encode("utf-8"), salt, iterations, 32)
