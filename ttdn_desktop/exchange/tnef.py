"""Outlook rich-text mail: the attachments inside winmail.dat (application/ms-tnef).

When Outlook sends a rich-text (RTF) message, every attachment travels inside one TNEF stream
(MS-OXTNEF): a run of attributes, each `level, id, length, value, checksum`. An attachment
starts at attAttachRendData; its bytes are attAttachData, its name attAttachTitle (8-bit, in
the OEM code page) or, better, PR_ATTACH_LONG_FILENAME among its MAPI properties
(attAttachment). A forwarded message is an attachment whose PR_ATTACH_DATA_OBJ holds a TNEF
stream of its own; it is handed back as such and unpacked like any other.

Our own reader, not tnefparse (LGPLv3, last release 1.4.0 in 2021): its MAPI decoder loops
over whatever property count a file states, so a 25-byte winmail.dat kept it busy for
minutes. Here every count is checked against the bytes that remain before any loop.
"""

from __future__ import annotations

import struct

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.text import nfc

SIGNATURE = b"\x78\x9f\x3e\x22"
_MESSAGE, _ATTACHMENT = 1, 2
_OEM_CODEPAGE, _REND_DATA, _TITLE, _DATA, _MAPI = 0x9007, 0x9002, 0x8010, 0x800F, 0x9005
_LONG_FILENAME, _FILENAME, _DISPLAY_NAME, _ATTACH_DATA = 0x3707, 0x3704, 0x3001, 0x3701
_IMESSAGE = bytes.fromhex("0703020000000000c000000000000046")
_FIXED = {0x0001: 4, 0x0002: 4, 0x0003: 4, 0x0004: 4, 0x0005: 8, 0x0006: 8, 0x0007: 8,
          0x000A: 4, 0x000B: 4, 0x0014: 8, 0x0040: 8, 0x0048: 16}
_STRING8, _UNICODE, _BINARY, _OBJECT = 0x001E, 0x001F, 0x0102, 0x000D
_VARIABLE = {_STRING8, _UNICODE, _BINARY, _OBJECT}


class _Damaged(Exception):
    pass


def is_tnef(data: bytes) -> bool:
    return data.startswith(SIGNATURE)


def decode_8bit(raw: bytes, codepage: int | None) -> str:
    """An 8-bit string from Outlook: in its code page if known, else UTF-8 if it is that,
    else Windows-1258 (Vietnamese), the code page of the machines that write to us."""
    raw = raw.split(b"\0", 1)[0]
    if codepage:
        name = "utf-8" if codepage == 65001 else f"cp{codepage}"
        try:
            return nfc(raw.decode(name, errors="replace"))
        except LookupError:
            pass
    try:
        return nfc(raw.decode("utf-8"))
    except UnicodeDecodeError:  # Windows-1258 writes tones as combining marks: NFC joins them
        return nfc(raw.decode("cp1258", errors="replace"))


def attachments(file_name: str, data: bytes) -> list[tuple[str | None, bytes]]:
    """(name or None, bytes) of every attachment. PackageError if the stream is damaged."""
    if not is_tnef(data):
        raise PackageError(file_name, "không phải tệp thư Outlook định dạng RTF (winmail.dat)")
    try:
        return _attachments(data)
    except (_Damaged, struct.error):
        raise PackageError(file_name, "tệp thư Outlook định dạng RTF (winmail.dat) bị hỏng hoặc "
                                      "bị cắt cụt") from None


def _attachments(data: bytes) -> list[tuple[str | None, bytes]]:
    offset, codepage = 6, None
    current: dict | None = None
    found: list[dict] = []
    while offset < len(data):
        if offset + 9 > len(data):
            raise _Damaged
        level = data[offset]
        attribute, length = struct.unpack_from("<II", data, offset + 1)
        start, end = offset + 9, offset + 9 + length
        if end + 2 > len(data):
            raise _Damaged
        value = data[start:end]
        if struct.unpack_from("<H", data, end)[0] != sum(value) & 0xFFFF:
            raise _Damaged
        offset = end + 2
        kind = attribute & 0xFFFF
        if level == _MESSAGE and kind == _OEM_CODEPAGE and len(value) >= 4:
            codepage = struct.unpack_from("<I", value)[0]
        elif level == _ATTACHMENT:
            if kind == _REND_DATA:
                current = {}
                found.append(current)
            elif current is None:
                raise _Damaged  # attachment attributes before any attachment began
            elif kind == _TITLE:
                current["title"] = decode_8bit(value, codepage)
            elif kind == _DATA:
                current["data"] = value
            elif kind == _MAPI:
                current.update(_properties(value, codepage))
        elif level != _MESSAGE:
            raise _Damaged
    result = []
    for attachment in found:
        name = attachment.get("long") or attachment.get("title") or attachment.get("display")
        payload = attachment.get("data", attachment.get("bin"))
        if payload is None and attachment.get("object", b"").startswith(_IMESSAGE):
            payload = attachment["object"][len(_IMESSAGE):]  # a message: TNEF of its own
            name = (name or "thư đính kèm") + ".winmail.dat"
        if payload is not None:
            result.append((name, payload))
    return result


def _pad(size: int) -> int:
    return size + (-size % 4)


def _properties(data: bytes, codepage: int | None) -> dict:
    """The few MAPI properties we want from an attachment, every count checked first."""
    def u32(at: int) -> int:
        return struct.unpack_from("<I", data, at)[0]

    found: dict = {}
    count, pos = u32(0), 4
    if count * 8 > len(data):
        raise _Damaged
    for _ in range(count):
        kind, ident = struct.unpack_from("<HH", data, pos)
        pos += 4
        if ident >= 0x8000:  # a named property: GUID, then a number or a name
            pos += 16
            named_by_string = u32(pos)
            pos += 4
            pos += _pad(u32(pos)) + 4 if named_by_string else 4
        base, multi = kind & 0x0FFF, kind & 0x1000
        values = 1
        if multi or base in _VARIABLE:
            values = u32(pos)
            pos += 4
            if values * 4 > len(data) - pos:
                raise _Damaged
        for _ in range(values):
            if base in _VARIABLE:
                size = u32(pos)
                pos += 4
                if size > len(data) - pos:
                    raise _Damaged
                value = data[pos:pos + size]
                pos += _pad(size)
            elif base in _FIXED:
                value = data[pos:pos + _FIXED[base]]
                pos += _FIXED[base]
            else:
                raise _Damaged
            if pos > len(data):
                raise _Damaged
            if base == _UNICODE:
                text = value.decode("utf-16-le", errors="replace").split("\0", 1)[0]
            elif base == _STRING8:
                text = decode_8bit(value, codepage)
            else:
                text = None
            if ident == _LONG_FILENAME and text:
                found["long"] = text
            elif ident == _FILENAME and text:
                found.setdefault("title", text)
            elif ident == _DISPLAY_NAME and text:
                found["display"] = text
            elif ident == _ATTACH_DATA and base == _BINARY:
                found["bin"] = value
            elif ident == _ATTACH_DATA and base == _OBJECT:
                found["object"] = value
    return found
