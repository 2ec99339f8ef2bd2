"""Outlook's rich-text body as Outlook writes it in a .msg (PR_RTF_COMPRESSED): compressed by
[MS-OXRTFCP] (a compressor of our own, greedy, with the dictionary the format preloads), and
the three bodies it holds — HTML wrapped by \\fromhtml1 ([MS-OXRTFEX]: tags in \\*\\htmltag
groups, RTF-only parts between \\htmlrtf and \\htmlrtf0), plain text wrapped by \\fromtext, and
Outlook's own rich text."""

import re
import struct

from ttdn_desktop.exchange.rtf_compressed import COMPRESSED, PRELOAD, UNCOMPRESSED, crc


def compress(raw: bytes, stored: bool = False) -> bytes:
    """A PR_RTF_COMPRESSED stream; `stored`: the uncompressed form («MELA») some writers use."""
    if stored:
        return struct.pack("<IIII", len(raw) + 12, len(raw), UNCOMPRESSED, 0) + raw
    history = bytearray(PRELOAD)   # position n of it is position n % 4096 of the dictionary
    out, pos = bytearray(), 0
    while True:
        control, chunk = 0, bytearray()
        for bit in range(8):
            if pos >= len(raw):  # the end: a reference to where the next byte would go
                control |= 1 << bit
                chunk += struct.pack(">H", (len(history) & 0xFFF) << 4)
                out += bytes([control]) + chunk
                body = bytes(out)
                return struct.pack("<IIII", len(body) + 12, len(raw), COMPRESSED,
                                   crc(body)) + body
            start = max(0, len(history) - 4095)
            for length in range(min(17, len(raw) - pos), 1, -1):
                found = history.rfind(raw[pos:pos + length], start)
                if found >= 0:
                    control |= 1 << bit
                    chunk += struct.pack(">H", (found & 0xFFF) << 4 | (length - 2))
                    break
            else:
                length = 1
                chunk.append(raw[pos])
            history += raw[pos:pos + length]
            pos += length
        out += bytes([control]) + chunk


def _text(text: str) -> str:
    """Text in RTF as Outlook escapes it: Windows-1252 letters as \\'hh, the rest \\uN?."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                out.append("\\'%02x" % ch.encode("cp1252")[0])
            except UnicodeEncodeError:
                out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
    return "".join(out)


_HEAD = ("{\\rtf1\\ansi\\ansicpg1252\\%s \\fbidis \\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 "
         "Arial;}{\\f1\\fmodern Courier New;}{\\f2\\fnil\\fcharset2 Symbol;}}{\\colortbl\\red0"
         "\\green0\\blue0;\\red5\\green99\\blue193;}\r\n{\\*\\generator Microsoft Exchange "
         "Server;}\r\n{\\*\\formatConverter converted from %s;}\r\n\\viewkind5\\viewscale100\r\n")


def from_html(html: str) -> bytes:
    """HTML wrapped as Exchange and Outlook wrap it: each tag in an \\*\\htmltag group, the
    text between tags as it is, and RTF of its own for each paragraph's end (\\par) between
    \\htmlrtf and \\htmlrtf0, which a reader of the HTML leaves out."""
    out = [_HEAD % ("fromhtml1", "html"), "{\\*\\bkmkstart BM_BEGIN}"]
    for token in re.findall(r"<[^>]*>|[^<]+", html):
        if token.startswith("<"):
            out.append("{\\*\\htmltag64 " + _text(token) + "}")
            if re.match(r"</(p|div)>|<br", token, re.I):
                out.append("\\htmlrtf \\par\r\n\\htmlrtf0 ")
            elif re.match(r"<b>", token, re.I):
                out.append("\\htmlrtf {\\b \\htmlrtf0 ")
            elif re.match(r"</b>", token, re.I):
                out.append("\\htmlrtf }\\htmlrtf0 ")
        else:
            out.append(_text(token))
    return ("".join(out) + "}").encode("ascii")


def from_text(text: str) -> bytes:
    """Plain text wrapped as Outlook wraps it (\\fromtext): a \\par at each line's end."""
    lines = "\\par\r\n".join(_text(line) for line in text.split("\r\n"))
    return (_HEAD % ("fromtext", "text") + "{\\*\\bkmkstart BM_BEGIN}\\pard\\plain\\f0\\fs20 "
            + lines + "}").encode("ascii")


def rich_text(paragraphs: list[tuple[str, bool]]) -> bytes:
    """Outlook's own rich text (the RTF editor, Riched20): (text, bold) per paragraph."""
    body = "".join(("\\b " if bold else "") + _text(text) + ("\\b0" if bold else "")
                   + "\\par\r\n" for text, bold in paragraphs)
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1066{\\fonttbl{\\f0\\fswiss"
            "\\fcharset0 Calibri;}}\r\n{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n"
            "\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang9 " + body + "}\r\n").encode("ascii")

