"""Outlook's rich-text body: PR_RTF_COMPRESSED (the .msg stream __substg1.0_10090102), as
[MS-OXRTFCP] describes it, and the HTML or plain text Outlook wraps in it ([MS-OXRTFEX]).

A mail written in Outlook may keep its text nowhere else (no PR_BODY, no PR_HTML): the RTF is
then decompressed here. An HTML mail wrapped in it (\\fromhtml1) comes back as its HTML, a
plain-text one (\\fromtext) as its text, each then read as a mail's HTML or text is; Outlook's
own rich text is RTF for exchange/rtf_body.py.
"""

from __future__ import annotations

import re
import struct
import zlib

COMPRESSED = 0x75465A4C    # "LZFu"
UNCOMPRESSED = 0x414C454D  # "MELA"
MAX_RTF = 32 << 20
# The dictionary starts with these 207 bytes ([MS-OXRTFCP] 3.1.1.1.1): the RTF a body begins
# with most often is then a reference from the first byte.
PRELOAD = (b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss "
           b"\\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier"
           b"{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx")


def crc(data: bytes) -> int:
    """The CRC of [MS-OXRTFCP] 3.1.3.2: CRC-32's table, started at 0, never inverted."""
    return zlib.crc32(data, 0xFFFFFFFF) ^ 0xFFFFFFFF


def decompress(data: bytes) -> bytes:
    """The RTF of a PR_RTF_COMPRESSED stream. ValueError when the stream is damaged (its
    header, its CRC, a reference out of the stream) or says it holds more than MAX_RTF."""
    if len(data) < 16:
        raise ValueError("compressed RTF: header cut short")
    size, raw_size, kind, check = struct.unpack_from("<IIII", data)
    if raw_size > MAX_RTF:
        raise ValueError("compressed RTF: too large")
    body = data[16:size + 4]
    if kind == UNCOMPRESSED:
        return body[:raw_size]
    if kind != COMPRESSED:
        raise ValueError("compressed RTF: unknown kind")
    if crc(body) != check:
        raise ValueError("compressed RTF: CRC does not match")
    window = bytearray(4096)
    window[:len(PRELOAD)] = PRELOAD
    write = len(PRELOAD)
    out = bytearray()
    pos, end = 0, len(body)
    while pos < end:
        control = body[pos]
        pos += 1
        for bit in range(8):
            if pos >= end:
                break
            if not control & (1 << bit):  # a literal byte
                byte = body[pos]
                pos += 1
                out.append(byte)
                window[write] = byte
                write = (write + 1) & 0xFFF
                continue
            if pos + 2 > end:
                raise ValueError("compressed RTF: reference cut short")
            word = body[pos] << 8 | body[pos + 1]
            pos += 2
            offset, length = word >> 4, (word & 0xF) + 2
            if offset == write:  # the end of the stream
                return bytes(out[:raw_size] if raw_size else out)
            for n in range(length):  # byte by byte: a reference may overlap what it writes
                byte = window[(offset + n) & 0xFFF]
                out.append(byte)
                window[write] = byte
                write = (write + 1) & 0xFFF
            if len(out) > MAX_RTF:
                raise ValueError("compressed RTF: too large")
    return bytes(out[:raw_size] if raw_size else out)


# --- the HTML inside: [MS-OXRTFEX] 2.1.3.1 -----------------------------------------------------
_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|"
                    rb"[\r\n]+|([^\\{}\r\n]+)", re.S)
_SYMBOLS = {b"par": b"\r\n", b"line": b"\r\n", b"tab": b"\t", b"lquote": "‘", b"rquote": "’",
            b"ldblquote": "“", b"rdblquote": "”", b"bullet": "•", b"endash": "–",
            b"emdash": "—", b"emspace": " ", b"enspace": " "}
_MAX_DEPTH = 300


def wrapped(rtf: bytes) -> str | None:
    """"html" or "text" for an RTF body that wraps HTML (\\fromhtml1) or plain text
    (\\fromtext), None for RTF of its own."""
    head = rtf[:1024]
    if re.search(rb"\\fromhtml1?(?![0-9])", head):
        return "html"
    if re.search(rb"\\fromtext(?![0-9])", head):
        return "text"
    return None


def unwrapped(rtf: bytes) -> str | None:
    """The HTML or plain text an Outlook RTF body wraps ([MS-OXRTFEX]): the text of the
    \\*\\htmltag groups and the text outside them that \\htmlrtf does not mark as RTF's own,
    \\par as a line's end; None if it wraps nothing."""
    if wrapped(rtf) is None:
        return None
    page = re.search(rb"\\ansicpg(\d{3,5})", rtf[:1024])
    codec = f"cp{page.group(1).decode()}" if page else "cp1252"
    try:
        b"".decode(codec)
    except LookupError:
        codec = "cp1252"
    out: list[str] = []
    pending = bytearray()   # \'hh bytes, decoded together (a code page's byte pairs)

    def flush():
        if pending:
            out.append(pending.decode(codec, "replace"))
            pending.clear()

    # a group's state: (skipped, inside an htmltag, \htmlrtf on, \uc count)
    state = (False, False, False, 1)
    stack: list[tuple[bool, bool, bool, int]] = []
    first = False     # the next token is the first of its group
    starred = False
    skip_chars = 0    # the ANSI fallback after a \uN
    for match in _TOKEN.finditer(rtf):
        word, arg, hexa, symbol, brace, plain = match.groups()
        skipped, tag, suppressed, uc = state
        if brace == b"{":
            if len(stack) >= _MAX_DEPTH:
                return None
            stack.append(state)
            first, starred, skip_chars = True, False, 0
            continue
        if brace == b"}":
            if not stack:
                break
            state = stack.pop()
            first = False
            continue
        at_start, first = first, False
        if symbol == b"*" and at_start:
            starred, first = True, True
            continue
        if word is not None and at_start:
            if word in (b"htmltag", b"mhtmltag") and not skipped:
                # \mhtmltag repeats a tag with its address rewritten: the \htmltag is kept
                state = (word == b"mhtmltag", True, False, uc)
                continue
            if starred or word in (b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict"):
                state = (True, tag, suppressed, uc)
                continue
        if skipped:
            continue
        if word is not None:
            if word == b"htmlrtf":
                state = (skipped, tag, arg != b"0", uc)
                continue
            if suppressed and not tag:
                continue
            if word == b"uc" and arg is not None:
                state = (skipped, tag, suppressed, max(0, int(arg)))
            elif word == b"u" and arg is not None:
                flush()
                out.append(chr(int(arg) % 65536))
                skip_chars = uc
            elif word in _SYMBOLS:
                flush()
                value = _SYMBOLS[word]
                out.append(value.decode() if isinstance(value, bytes) else value)
            continue
        if suppressed and not tag:
            continue
        if hexa is not None:
            if skip_chars:
                skip_chars -= 1
                continue
            pending.append(int(hexa, 16))
            continue
        if symbol is not None:
            if symbol in (b"\\", b"{", b"}"):
                flush()
                out.append(symbol.decode())
            elif symbol == b"~":
                flush()
                out.append("\u00a0")
            continue
        if plain:
            if skip_chars:
                cut = min(skip_chars, len(plain))
                plain, skip_chars = plain[cut:], skip_chars - cut
            flush()
            out.append(plain.decode(codec, "replace"))
    flush()
    text = "".join(out)
    return text if text.strip() else None
