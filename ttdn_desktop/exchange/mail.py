"""Attachments of e-mail files saved from a mail program: .eml (MIME) and Outlook .msg.

The secretariat drops the e-mails as they came; what is attached (packages, Excel forms, Word
reports, a zip of them, a forwarded mail) is imported as if dropped one by one. Mail is read as
real programs write it: encoded-word file names left unquoted, raw 8-bit names, x-uuencode
parts and uuencoded blocks in the text, forwarded messages as message/rfc822 parts, Outlook's
8-bit (PT_STRING8) properties in the mail's code page, 8.3 short names only, and messages
embedded in a .msg. Nothing is written to disk.
"""

from __future__ import annotations

import binascii
import contextlib
import email
import email.errors
import email.header
import email.policy
import email.utils
import io
import re
import struct

import olefile

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.exchange.tnef import decode_8bit
from ttdn_desktop.office.formats import name_of, refusal

MAX_MAIL_BYTES = 60 << 20
MAX_ATTACHMENTS = 50
MAX_ATTACHMENT_BYTES = 30 << 20
MAX_DEPTH = 4  # a forward of a forward of a forward …
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# (name or None, bytes, or the PackageError saying why this attachment could not be taken out)
Found = tuple[str | None, "bytes | PackageError"]


def is_mail(name: str) -> bool:
    return name.lower().endswith((".eml", ".msg"))


def _checked(file_name: str, data: bytes) -> None:
    if not data:
        raise PackageError(file_name, "tệp rỗng (0 byte)")
    if len(data) > MAX_MAIL_BYTES:
        raise PackageError(file_name, "thư quá lớn")


def not_mail(data: bytes, what: str) -> str:
    """Why a file named as a mail is none, naming what it is in a secretary's words."""
    return refusal(data) or f"đây là {name_of(data)}, không phải {what}"


def _capped(file_name: str, found: list) -> list:
    if len(found) > MAX_ATTACHMENTS:
        raise PackageError(file_name, f"thư có quá nhiều tệp đính kèm ({len(found)})")
    return [(name, PackageError(file_name, f"tệp đính kèm quá lớn ({len(payload) >> 20} MB; tối "
                                           f"đa {MAX_ATTACHMENT_BYTES >> 20} MB)")
             if isinstance(payload, bytes) and len(payload) > MAX_ATTACHMENT_BYTES else payload)
            for name, payload in found]


# --- MIME (.eml) -------------------------------------------------------------------------------
class _Lenient(email.policy.Compat32):
    """compat32, the lenient parser (it never raises on a header the strict one chokes on, and
    leaves an unquoted encoded-word file name for us to decode), but handing a header over as
    the mail wrote it. compat32 itself turns a header with raw 8-bit bytes (Gmail writes an
    attachment's UTF-8 name so, unencoded) into an "unknown-8bit" Header, whose text has
    every such byte replaced by U+FFFD: the name was lost before we saw it. Kept raw
    (surrogate-escaped), _header_text decodes it as UTF-8, else Windows-1258."""

    def header_fetch_parse(self, name, value):
        return value


POLICY = _Lenient()
_MAIL_HEADERS = re.compile(rb"^(from|to|subject|date|mime-version|received|message-id|"
                           rb"return-path|content-type|x-mailer|cc):", re.I | re.M)


def looks_like_eml(data: bytes) -> bool:
    """Whether bytes of unknown name read as an RFC 822 message: header lines first, several
    of the usual ones."""
    head = data[:4096].split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if not re.match(rb"^[A-Za-z][A-Za-z0-9-]*:", head):
        return False
    return len({m.lower() for m in _MAIL_HEADERS.findall(head)}) >= 3


def eml_attachments(file_name: str, data: bytes) -> list[Found]:
    """Every attachment of an RFC 822 message; a forwarded message comes back as a nested
    .eml (bytes) to be unpacked in its turn. PackageError if this is no mail at all."""
    _checked(file_name, data)
    try:
        message = email.message_from_bytes(data, policy=POLICY)
    except Exception:  # the parser raises many kinds on garbage
        raise PackageError(file_name, "thư bị hỏng, không đọc được") from None
    if not message.keys():
        raise PackageError(file_name, not_mail(data, "tệp thư (.eml)"))
    found: list[Found] = []
    _collect(message, found, top=True)
    return _capped(file_name, found)


def _collect(part, found: list, top: bool = False) -> None:
    if len(found) > MAX_ATTACHMENTS:
        return
    ctype = part.get_content_type()
    if ctype == "message/rfc822" and not top:
        found.append(_forwarded(part))
        return
    if part.is_multipart():
        for sub in part.get_payload():
            _collect(sub, found)
        return
    name = _filename(part)
    disposition = str(part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    if name or disposition == "attachment" or part.get_content_maintype() in ("application",
                                                                                 "message"):
        found.append((name, _decoded(part, name)))
    elif ctype == "text/plain":
        found.extend(_uuencoded_blocks(part))


def _forwarded(part) -> Found:
    """A message/rfc822 part: the forwarded message as .eml bytes."""
    name = _filename(part)
    inner = part.get_payload(0) if part.is_multipart() else None
    if inner is None:
        payload = _decoded(part, name)
    else:
        subject = _header_text(inner.get("Subject", ""))
        name = name or (f"{subject}.eml" if subject else "thư chuyển tiếp.eml")
        try:
            payload = inner.as_bytes(policy=email.policy.compat32)
        except Exception:  # the generator chokes on what the parser let through
            payload = PackageError(name, "thư chuyển tiếp bị hỏng, không đọc được")
    if not (name or "").lower().endswith(".eml"):
        name = (name or "thư chuyển tiếp") + ".eml"
    return name, payload


def _header_text(value) -> str:
    """A header as text: encoded words decoded, raw 8-bit bytes as UTF-8 (else Windows-1258)."""
    if isinstance(value, email.header.Header):
        value = str(value)
    value = str(value or "")
    if any("\udc80" <= c <= "\udcff" for c in value):  # raw 8-bit, kept by surrogateescape
        value = decode_8bit(value.encode("ascii", "surrogateescape"), None)
    if "=?" in value:
        try:
            value = str(email.header.make_header(email.header.decode_header(value)))
        except (ValueError, LookupError, UnicodeError, binascii.Error, AssertionError,
                email.errors.MessageError):
            pass  # left as written: a name still, if an odd one
    return " ".join(value.split())


def _filename(part) -> str | None:
    try:
        name = part.get_filename() or part.get_param("name")
    except Exception:  # a garbled parameter list
        return None
    if isinstance(name, tuple):  # RFC 2231 parts the library did not join
        name = email.utils.collapse_rfc2231_value(name)
    return _header_text(name) or None


_UU = ("x-uuencode", "uuencode", "x-uue", "uue")


def _decoded(part, name: str | None) -> bytes | PackageError:
    what = name or "tệp đính kèm"
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    try:
        if encoding in _UU:
            payload = uudecode(_raw(part))
        else:
            payload = part.get_payload(decode=True)
    except ValueError:
        return PackageError(what, f"không giải mã được tệp đính kèm (mã hóa {encoding})")
    except Exception:  # the library's own decoders on a garbled part
        return PackageError(what, "không giải mã được tệp đính kèm")
    if not payload and _raw(part).strip():
        return PackageError(what, "không giải mã được tệp đính kèm"
                                  + (f" (mã hóa {encoding})" if encoding else ""))
    return payload if isinstance(payload, bytes) else b""


def _raw(part) -> bytes:
    try:
        payload = part.get_payload()
    except (ValueError, LookupError):  # a charset name with a NUL in it, or unknown
        payload = getattr(part, "_payload", "")  # the text as the parser kept it
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    return payload if isinstance(payload, bytes) else b""


_BEGIN = re.compile(rb"^begin(?:-base64)? +[0-7]{3,4} +(.+?)\r?$", re.M)


def uudecode(raw: bytes) -> bytes:
    """uuencoded data, forgiving as mail demands: CR LF, trailing blanks cut by a mail server,
    "`" or " " for zero, a missing "end". ValueError if there is no uuencoded block."""
    begin = _BEGIN.search(raw)
    if begin is None:
        raise ValueError("no begin line")
    out = bytearray()
    for line in raw[begin.end():].splitlines()[1:]:  # [0]: the rest of the begin line
        line = line.rstrip(b"\r")
        if line.strip() == b"end" or not line:
            break
        size = (line[0] - 32) & 63
        if size == 0:
            continue
        chars = (size * 4 + 2) // 3
        body = line[1:1 + chars].ljust(chars, b" ")
        try:
            out += binascii.a2b_uu(bytes([line[0]]) + body)[:size]
        except binascii.Error:
            raise ValueError("bad uuencoded line") from None
    return bytes(out)


def _uuencoded_blocks(part) -> list[Found]:
    """Attachments an old mail program put in the text itself ("begin 644 name" … "end")."""
    raw = _raw(part)
    if str(part.get("Content-Transfer-Encoding", "")).strip().lower() in ("base64",
                                                                          "quoted-printable"):
        try:
            raw = part.get_payload(decode=True) or b""
        except Exception:
            return []
    found = []
    for begin in list(_BEGIN.finditer(raw))[:MAX_ATTACHMENTS]:
        name = _header_text(begin.group(1).decode("ascii", "surrogateescape")) or None
        try:
            found.append((name, uudecode(raw[begin.start():])))
        except ValueError:
            found.append((name, PackageError(name or "tệp đính kèm",
                                             "không giải mã được khối uuencode trong thư")))
    return found


# --- Outlook (.msg) ----------------------------------------------------------------------------
_ATTACH = "__attach_version1.0_#"
_EMBEDDED = "__substg1.0_3701000D"
_PROPERTIES = "__properties_version1.0"
_CODEPAGE_TAGS = (0x3FFD0003, 0x3FDE0003)  # PR_MESSAGE_CODEPAGE, PR_INTERNET_CPID


def is_msg(data: bytes) -> bool:
    """An OLE file laid out as an Outlook message (not an old .doc or .xls)."""
    if not data.startswith(OLE_MAGIC):
        return False
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return ole.exists(_PROPERTIES) or any(
                entry[0].startswith(("__substg1.0_", _ATTACH)) for entry in ole.listdir())
    except Exception:  # olefile raises OSError and its own kinds on a damaged file
        return False


def msg_attachments(file_name: str, data: bytes) -> list[Found]:
    """Outlook .msg (MS-OXMSG) is an OLE compound file: each attachment a storage
    "__attach_version1.0_#XXXXXXXX" holding its bytes (0x3701, binary) and its name (0x3707
    long name, else 0x3704 short, else 0x3001 display name; Unicode, or 8-bit in the
    message's code page), or a whole message embedded in it (0x3701, object)."""
    _checked(file_name, data)
    if not data.startswith(OLE_MAGIC):
        raise PackageError(file_name, not_mail(data, "tệp thư Outlook (.msg)"))
    found: list[Found] = []
    with opened_msg(file_name, data) as ole:
        entries = [entry for entry in ole.listdir(streams=True, storages=True)]
        _msg_collect(ole, entries, [], _codepage(ole, [], 32), found, 0)
    return _capped(file_name, found)


@contextlib.contextmanager
def opened_msg(file_name: str, data: bytes):
    """An Outlook .msg opened as the OLE file it is, for its attachments and for its text
    (mail_body) alike; whatever a damaged file makes olefile raise is said as one refusal."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # olefile raises OSError and its own kinds on a damaged file
        raise PackageError(file_name, "tệp thư Outlook (.msg) bị hỏng") from None
    try:
        yield ole
    except PackageError:
        raise
    except Exception:
        raise PackageError(file_name, "tệp thư Outlook (.msg) bị hỏng") from None
    finally:
        ole.close()


def _stream(ole, path: list[str]) -> bytes | None:
    name = "/".join(path)
    return ole.openstream(name).read() if ole.exists(name) and \
        ole.get_type(name) == 2 else None  # 2: a stream (olefile.STGTY_STREAM)


def _string(ole, path: list[str], prop: int, codepage: int | None) -> str | None:
    raw = _stream(ole, path + [f"__substg1.0_{prop:04X}001F"])
    if raw is not None:
        text = raw.decode("utf-16-le", errors="replace").split("\0", 1)[0]
    else:
        raw = _stream(ole, path + [f"__substg1.0_{prop:04X}001E"])
        text = decode_8bit(raw, codepage) if raw is not None else None
    return text.strip() or None if text else None


def _codepage(ole, path: list[str], header: int) -> int | None:
    """The message's code page from its fixed-size property stream (16-byte entries after a
    32-byte header, 24 for an embedded message)."""
    raw = _stream(ole, path + [_PROPERTIES]) or b""
    for at in range(header, len(raw) - 15, 16):
        tag, _, value = struct.unpack_from("<III", raw, at)
        if tag in _CODEPAGE_TAGS and value:
            return value
    return None


def _msg_collect(ole, entries, prefix: list[str], codepage, found: list, depth: int) -> None:
    n = len(prefix)
    storages = sorted({entry[n] for entry in entries if len(entry) > n + 1 and
                       [e.lower() for e in entry[:n]] == [p.lower() for p in prefix] and
                       entry[n].lower().startswith(_ATTACH.lower())})
    for storage in storages:
        if len(found) > MAX_ATTACHMENTS:
            return
        path = prefix + [storage]
        name = (_string(ole, path, 0x3707, codepage) or _string(ole, path, 0x3704, codepage)
                or _string(ole, path, 0x3001, codepage))
        payload = _stream(ole, path + ["__substg1.0_37010102"])
        if payload is not None:
            found.append((name, payload))
            continue
        inner = path + [_EMBEDDED]
        if not ole.exists("/".join(inner)):
            continue  # an OLE object or a link, not a file
        inner_codepage = _codepage(ole, inner, 24) or codepage
        label = name or _string(ole, inner, 0x0037, inner_codepage) or "thư đính kèm"
        if depth + 1 >= MAX_DEPTH:
            found.append((label, PackageError(label, "thư lồng nhau quá nhiều lớp")))
            continue
        nested: list[Found] = []
        _msg_collect(ole, entries, inner, inner_codepage, nested, depth + 1)
        found.extend((f"{label} › {sub or 'tệp đính kèm'}", payload)
                     for sub, payload in nested)
