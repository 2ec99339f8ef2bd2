"""Ed25519 signatures of .ttdn files: who made a package, and that nothing in it changed since.

A signed package carries one more member, signature.json:

    format, version     "ttdn-signature", 1
    algorithm           "Ed25519"
    public_key          the signer's public key (base64, 32 bytes)
    fingerprint         SHA-256 of the public key (hex): what a pin records
    members             SHA-256 of every other member, by name (mimetype, manifest.json,
                        content.json or form.toml, …): a member added, removed or changed
                        after signing is caught
    signature           Ed25519 signature (base64) of the statement below

The statement signed is a fixed prefix and the canonical JSON of {format, version, fingerprint,
members}. Readers older than signatures ignore the extra member, so the format version of the
package is unchanged.

A valid signature proves the package was made by whoever holds the private key and was not
changed since. Whether that key belongs to the agency the manifest names is the pin's question
(storage/keys.py), answered the first time by a phone call.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import zipfile
from dataclasses import dataclass

import nacl.exceptions
import nacl.signing

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.signer import ALGORITHM, FORMAT, VERSION, fingerprint, statement
from ttdn_desktop.core.trust import short_form
from ttdn_desktop.exchange.jsondata import load_json
from ttdn_desktop.office.safezip import PACKAGE_LIMITS, read_member

MEMBER = "signature.json"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Signature:
    """A signature that verified: the key that made it."""
    public_key: bytes
    fingerprint: str

    @property
    def short(self) -> str:
        return short_form(self.fingerprint)


class SignatureError(PackageError):
    """A signature that does not hold: the file was changed after signing, or is damaged."""


def _tampered(file_name: str, why: str) -> PackageError:
    return SignatureError(file_name, f"chữ ký không hợp lệ: {why}; gói có thể đã bị sửa sau khi "
                                   "ký hoặc bị hỏng trên đường gửi, không nhận")


def verify_archive(file_name: str, archive: zipfile.ZipFile) -> Signature | None:
    """The signature of an opened package: None if it has none; PackageError if it has one that
    does not hold (a member changed, added or removed after signing, or a key swapped)."""
    names = archive.namelist()
    if MEMBER not in names:
        return None
    if names.count(MEMBER) > 1:
        raise _tampered(file_name, "gói có hai chữ ký")
    try:
        record = load_json(file_name, read_member(file_name, archive, MEMBER,
                                                   PACKAGE_LIMITS), MEMBER)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _tampered(file_name, "signature.json không đọc được") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise _tampered(file_name, "signature.json không đúng dạng")
    if record.get("version") != VERSION or record.get("algorithm") != ALGORITHM:
        raise PackageError(file_name, "chữ ký dùng định dạng mới hơn phiên bản này hiểu được; "
                                      "hãy cập nhật TTĐN Desktop")
    try:
        public_key = base64.b64decode(record["public_key"], validate=True)
        signature = base64.b64decode(record["signature"], validate=True)
    except (KeyError, TypeError, binascii.Error, ValueError):
        raise _tampered(file_name, "khóa hoặc chữ ký không đọc được") from None
    digests = record.get("members")
    if len(public_key) != 32 or len(signature) != 64 or not isinstance(digests, dict) or \
            not all(isinstance(v, str) and _HEX64.match(v) for v in digests.values()):
        raise _tampered(file_name, "khóa hoặc chữ ký không đúng độ dài")
    if record.get("fingerprint") != fingerprint(public_key):
        raise _tampered(file_name, "dấu vân tay không khớp với khóa công khai đi kèm")
    others = [n for n in names if n != MEMBER]
    if set(others) != set(digests) or len(others) != len(set(others)):
        missing = sorted(set(digests) - set(others))
        extra = sorted(set(others) - set(digests))
        which = ", ".join([f"thiếu «{n}»" for n in missing] + [f"thêm «{n}»" for n in extra]) \
            or "tên thành phần bị lặp"
        raise _tampered(file_name, f"các thành phần không khớp với lúc ký ({which})")
    for name in others:
        if hashlib.sha256(read_member(file_name, archive, name, PACKAGE_LIMITS)).hexdigest() \
                != digests[name]:
            raise _tampered(file_name, f"«{name}» đã thay đổi sau khi ký")
    try:
        nacl.signing.VerifyKey(public_key).verify(
            statement(fingerprint(public_key), digests), signature)
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.CryptoError, ValueError):
        raise _tampered(file_name, "chữ ký không khớp với khóa công khai đi kèm") from None
    return Signature(public_key, fingerprint(public_key))
