"""An Ed25519 key that signs packages, and the statement it signs: what the key file
(storage/keyfile.py) holds and what exchange/signing.py verifies, so neither imports the
other. The format of signature.json is described there."""

from __future__ import annotations

import base64
import functools
import hashlib
import json

import nacl.signing

from ttdn_desktop.core.demo_agencies import COMMUNES, MORE_AGENCIES, SEED_AGENCIES, demo_agencies
from ttdn_desktop.core.trust import short_form

FORMAT = "ttdn-signature"
VERSION = 1
ALGORITHM = "Ed25519"
_PREFIX = b"TTDN-SIGNATURE-V1\n"


def fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()


class Signer:
    """A private key able to sign packages."""

    def __init__(self, seed: bytes):
        self._key = nacl.signing.SigningKey(seed)
        self.public_key = bytes(self._key.verify_key)
        self.fingerprint = fingerprint(self.public_key)

    @classmethod
    def generate(cls) -> "Signer":
        return cls(bytes(nacl.signing.SigningKey.generate()))

    @property
    def seed(self) -> bytes:
        return bytes(self._key)

    @property
    def short(self) -> str:
        return short_form(self.fingerprint)

    def sign_members(self, members: dict[str, bytes]) -> bytes:
        """signature.json for a package whose other members are `members`."""
        digests = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
        signed = statement(self.fingerprint, digests)
        signature = self._key.sign(signed).signature
        return json.dumps({
            "format": FORMAT, "version": VERSION, "algorithm": ALGORITHM,
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "fingerprint": self.fingerprint, "members": digests,
            "signature": base64.b64encode(signature).decode("ascii"),
        }, ensure_ascii=False, indent=2).encode("utf-8")


def demo_signer(code: str) -> Signer:
    """The signing key of a demo agency (`ttdn demo`): made from its code, so every demo run
    signs alike. Anyone can compute it from this text: it proves nothing."""
    return Signer(hashlib.sha256(f"ttdn-demo-key/{code}".encode()).digest())


@functools.lru_cache(maxsize=1)
def _demo_fingerprints() -> frozenset[str]:
    # the demo's named agencies and communes (71 keys, a few ms once); its numbered ones
    # (DV051…) are caught by their own code
    named = demo_agencies(len(SEED_AGENCIES) + len(MORE_AGENCIES) + len(COMMUNES))
    return frozenset(demo_signer(code).fingerprint for code, _ in named)


def is_demo_key(fingerprint: str | None, code: str = "") -> bool:
    """Whether `fingerprint` is a demo key: of `code`, or of an agency the demo names (a demo
    key signing another code's package is no less public)."""
    if not fingerprint:
        return False
    return fingerprint in _demo_fingerprints() or \
        bool(code) and fingerprint == demo_signer(code).fingerprint


def statement(fingerprint_hex: str, digests: dict[str, str]) -> bytes:
    body = {"format": FORMAT, "version": VERSION, "fingerprint": fingerprint_hex,
            "members": dict(sorted(digests.items()))}
    return _PREFIX + json.dumps(body, sort_keys=True, separators=(",", ":"),
                                ensure_ascii=True).encode("ascii")
