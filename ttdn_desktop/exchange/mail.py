"""Attachments of e-mail files saved from a mail program: .eml (MIME) and Outlook .msg.

The secretariat drops the e-mails as they came; what is attached (packages, Excel forms, Word
reports) is imported as if dropped one by one. Nothing is written to disk.
"""

from __future__ import annotations

import email
import email.policy
import io

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.text import clean_line

MAX_MAIL_BYTES = 60 << 20
MAX_ATTACHMENTS = 50
MAX_ATTACHMENT_BYTES = 30 << 20
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_mail(name: str) -> bool:
    return name.lower().endswith((".eml", ".msg"))


def attachments(file_name: str, data: bytes) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every attachment. Raises PackageError if the mail is unreadable."""
    if not data:
        raise PackageError(file_name, "tệp rỗng (0 byte)")
    if len(data) > MAX_MAIL_BYTES:
        raise PackageError(file_name, "thư quá lớn")
    if data.startswith(_OLE_MAGIC):
        found = _msg_attachments(file_name, data)
    elif file_name.lower().endswith(".msg"):
        raise PackageError(file_name, "không phải tệp thư Outlook (.msg)")
    else:
        found = _eml_attachments(file_name, data)
    if len(found) > MAX_ATTACHMENTS:
        raise PackageError(file_name, f"thư có quá nhiều tệp đính kèm ({len(found)})")
    for name, payload in found:
        if len(payload) > MAX_ATTACHMENT_BYTES:
            raise PackageError(file_name, f"tệp đính kèm «{name}» quá lớn")
    return found


def _safe_name(name: str | None, n: int) -> str:
    name = clean_line(name or "").replace("\\", "/").split("/")[-1]
    return name or f"tep-dinh-kem-{n}"


def _eml_attachments(file_name: str, data: bytes) -> list[tuple[str, bytes]]:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception:  # the parser raises many kinds on garbage
        raise PackageError(file_name, "thư bị hỏng, không đọc được") from None
    if not message.keys():
        raise PackageError(file_name, "không phải tệp thư (.eml)")
    found = []
    for n, part in enumerate(message.iter_attachments(), start=1):
        payload = part.get_payload(decode=True)
        if payload is None:
            continue
        found.append((_safe_name(part.get_filename(), n), payload))
    return found


def _msg_attachments(file_name: str, data: bytes) -> list[tuple[str, bytes]]:
    """Outlook .msg is an OLE compound file: each attachment is a storage
    "__attach_version1.0_#XXXXXXXX" holding its data (property 0x3701, binary) and its name
    (0x3707 long name, else 0x3704), as MS-OXMSG describes."""
    import olefile
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # olefile raises OSError and its own kinds on a damaged file
        raise PackageError(file_name, "tệp thư Outlook (.msg) bị hỏng") from None
    found = []
    try:
        storages = sorted({entry[0] for entry in ole.listdir()
                           if entry and entry[0].startswith("__attach_version1.0_#")})
        for n, storage in enumerate(storages, start=1):
            def stream(name):
                path = f"{storage}/{name}"
                return ole.openstream(path).read() if ole.exists(path) else None
            payload = stream("__substg1.0_37010102")
            if payload is None:
                continue  # an embedded message or OLE object, not a file
            raw_name = stream("__substg1.0_3707001F") or stream("__substg1.0_3704001F")
            name = raw_name.decode("utf-16-le", errors="replace").rstrip("\x00") if raw_name \
                else None
            found.append((_safe_name(name, n), payload))
    except Exception:
        raise PackageError(file_name, "tệp thư Outlook (.msg) bị hỏng") from None
    finally:
        ole.close()
    return found
