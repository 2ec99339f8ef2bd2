"""What an IMAP server says about a message, read without downloading it: the FETCH response's
parenthesised lists (RFC 3501 §7.4.2), BODYSTRUCTURE as parts with their section numbers,
which parts are worth downloading, and the message rebuilt from the parts downloaded.

The rebuilt message is an RFC 822 mail like the one on the server, its own headers as they
were, holding the downloaded parts with their own MIME headers, and, for each part left on the
server, its MIME headers with an empty body: the import then reads it as the .eml of the same
mail dropped into the window would be read (names decoded as mail programs write them,
forwarded mail, winmail.dat, a report pasted in the text), and names what was passed over.
"""

from __future__ import annotations

import base64
import email.header
import re
import uuid
from urllib.parse import unquote
from dataclasses import dataclass

from ttdn_desktop.core import filekinds
from ttdn_desktop.core.text import fold

NIL = None


class _Open:
    pass


class _Close:
    pass


OPEN, CLOSE = _Open(), _Close()


def _tokens(pieces):
    """imaplib's FETCH data (bytes lines, and (prefix, literal) pairs) as tokens: OPEN, CLOSE,
    str for an atom (BODY[1.MIME] whole, brackets and all), bytes for a string or a literal,
    None for NIL."""
    for piece in pieces:
        if isinstance(piece, tuple):
            prefix, literal = piece
            yield from _line_tokens(re.sub(rb"\{\d+\}$", b"", prefix.rstrip()))
            yield bytes(literal)
        elif piece is not None:
            yield from _line_tokens(piece)


def _line_tokens(line: bytes):
    i, n = 0, len(line)
    while i < n:
        c = line[i:i + 1]
        if c in (b" ", b"\r", b"\n"):
            i += 1
        elif c == b"(":
            yield OPEN
            i += 1
        elif c == b")":
            yield CLOSE
            i += 1
        elif c == b'"':
            i += 1
            out = bytearray()
            while i < n and line[i:i + 1] != b'"':
                if line[i:i + 1] == b"\\":
                    i += 1
                out += line[i:i + 1]
                i += 1
            i += 1
            yield bytes(out)
        else:
            start = i
            depth = 0
            while i < n:
                c = line[i:i + 1]
                if c == b"[":
                    depth += 1
                elif c == b"]":
                    depth -= 1
                elif depth == 0 and c in (b" ", b"(", b")", b'"', b"\r", b"\n"):
                    break
                i += 1
            atom = line[start:i].decode("latin-1")
            yield NIL if atom.upper() == "NIL" else atom


def _nested(tokens, i: int):
    out = []
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token is OPEN:
            inner, i = _nested(tokens, i)
            out.append(inner)
        elif token is CLOSE:
            return out, i
        else:
            out.append(token)
    return out, i


def parse_fetch(pieces) -> list[dict]:
    """Each message's attributes: {"UID": "5", "BODYSTRUCTURE": [...], "BODY[1]": b"…"}."""
    tokens = list(_tokens(pieces))
    found, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token is OPEN:
            items, i = _nested(tokens, i)
            found.append({str(items[k]).upper(): items[k + 1]
                          for k in range(0, len(items) - 1, 2) if isinstance(items[k], str)})
    return found


# --- BODYSTRUCTURE ----------------------------------------------------------------------------
@dataclass
class Part:
    section: str        # "1", "2.1": what BODY[...] takes
    ctype: str          # "application/pdf"
    name: str | None    # the file name as the structure gives it (decoded for choosing only)
    attachment: bool    # Content-Disposition: attachment
    size: int           # encoded bytes

    @property
    def is_text_body(self) -> bool:
        return self.ctype in ("text/plain", "text/html") and not self.attachment \
            and not self.name


@dataclass
class Tree:
    """A multipart's subtype and children (Tree or Part); a single-part message is its Part."""
    subtype: str
    children: list


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value or ""


def _params(value) -> dict[str, str]:
    if not isinstance(value, list):
        return {}
    return {_text(value[k]).lower(): _text(value[k + 1]) for k in range(0, len(value) - 1, 2)}


def _decoded_name(value: str | None) -> str | None:
    if not value:
        return None
    if "=?" in value:
        try:
            value = str(email.header.make_header(email.header.decode_header(value)))
        except Exception:  # only for choosing: the import decodes it properly
            pass
    if "''" in value:  # RFC 2231: charset''percent-encoded
        value = unquote(value.split("''", 1)[1], errors="replace")
    return value


def structure(value, section: str = "") -> Tree | Part:
    if value and isinstance(value[0], list):
        children = []
        k = 0
        while k < len(value) and isinstance(value[k], list):
            children.append(structure(value[k], f"{section}.{k + 1}" if section else
                                      str(k + 1)))
            k += 1
        subtype = _text(value[k]).lower() if k < len(value) else "mixed"
        return Tree(subtype, children)
    ctype = f"{_text(value[0]).lower()}/{_text(value[1]).lower()}"
    params = _params(value[2])
    size = int(value[6]) if len(value) > 6 and str(value[6]).isdigit() else 0
    # the extension data starts after the type's own fields
    rest = value[8:] if ctype.startswith("text/") else \
        value[10:] if ctype == "message/rfc822" else value[7:]
    disposition = rest[1] if len(rest) > 1 and isinstance(rest[1], list) else None
    kind = _text(disposition[0]).lower() if disposition else ""
    dparams = _params(disposition[1]) if disposition and len(disposition) > 1 else {}
    name = dparams.get("filename") or dparams.get("filename*") or params.get("name") \
        or params.get("name*")
    return Part(section or "1", ctype, _decoded_name(name), kind == "attachment", size)


def leaves(tree) -> list[Part]:
    if isinstance(tree, Part):
        return [tree]
    return [leaf for child in tree.children for leaf in leaves(child)]


# What is never a report, by its type or its name: not downloaded, named as passed over.
_NOT_READ = ("image/", "audio/", "video/", "font/", "model/")
_NOT_READ_NAMES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".webp",
                   ".mp3", ".mp4", ".avi", ".mov", ".wav", ".ics", ".vcf", ".txt", ".htm",
                   ".html", ".exe", ".p7s")
_READ_NAMES = filekinds.EXTENSIONS + (".eml", ".msg", ".zip", ".ttd", ".dat")


def readable(part: Part) -> bool:
    """Whether a part may hold something to import: worth its download."""
    name = (part.name or "").lower()
    if part.is_text_body:
        return False
    if part.ctype in ("message/rfc822", "application/ms-tnef", "application/vnd.ms-tnef",
                      "text/rtf", "application/rtf"):
        return True
    if name.endswith(_READ_NAMES):
        return True
    if part.ctype.startswith(_NOT_READ) or name.endswith(_NOT_READ_NAMES) \
            or part.ctype.startswith("text/"):
        return False
    if part.ctype == "application/pkcs7-signature":
        return False
    return part.ctype.startswith("application/")  # a renamed package, an 8.3 name: by content


# Words of a subject that may head a report pasted into the text of a mail (folded).
_ABOUT_REPORTS = ("bao cao", "ttdn", "doi ngoai", "report")


def about_reports(subject: str) -> bool:
    """Whether a mail with nothing attached that could be read may hold a report in its text:
    its subject says so. The rest of a secretariat's mail (notices, invitations, newsletters)
    is then never downloaded, nor read as a report that it is not."""
    folded = " ".join(fold(subject).replace("_", " ").split())
    return any(word in folded for word in _ABOUT_REPORTS)


# --- the message rebuilt from what was downloaded ----------------------------------------------
_TOP_TYPE = re.compile(rb"^(content-type|content-transfer-encoding)[ \t]*:.*(\r?\n[ \t].*)*\r?\n",
                       re.I | re.M)


def rebuild(header: bytes, tree, got: dict[str, tuple[bytes, bytes]]) -> bytes:
    """The mail from its HEADER and, per section, (MIME header, body) as downloaded (body
    b"" for a part left on the server). Parts absent from `got` are left out."""
    header = header.rstrip(b"\r\n") + b"\r\n"
    if isinstance(tree, Part):
        _mime, body = got.get(tree.section, (b"", b""))
        return header + b"\r\n" + body
    boundary = f"=_ttdn_{uuid.uuid4().hex}"
    top = _TOP_TYPE.sub(b"", header)
    return (top + f"Content-Type: multipart/{tree.subtype}; boundary=\"{boundary}\"\r\n\r\n"
            .encode() + _inner(tree, got, boundary))


def _inner(tree: Tree, got, boundary: str) -> bytes:
    out = bytearray()
    for child in tree.children:
        if isinstance(child, Tree):
            sub = f"=_ttdn_{uuid.uuid4().hex}"
            inner = _inner(child, got, sub)
            if inner:
                out += (f"--{boundary}\r\nContent-Type: multipart/{child.subtype}; "
                        f"boundary=\"{sub}\"\r\n\r\n").encode() + inner
        elif child.section in got:
            mime, body = got[child.section]
            out += f"--{boundary}\r\n".encode() + mime.rstrip(b"\r\n") + b"\r\n\r\n" + body \
                + b"\r\n"
    if out:
        out += f"--{boundary}--\r\n".encode()
    return bytes(out)


def imap_utf7(name: str) -> str:
    """A folder name as IMAP writes it (RFC 3501 §5.1.3, modified UTF-7): «Báo cáo» is
    "B&AOE-o c&AOE-o"."""
    out, run = [], []

    def flush():
        if run:
            data = "".join(run).encode("utf-16-be")
            out.append("&" + base64.b64encode(data).decode().rstrip("=").replace("/", ",")
                       + "-")
            run.clear()

    for c in name:
        if 0x20 <= ord(c) <= 0x7E:
            flush()
            out.append("&-" if c == "&" else c)
        else:
            run.append(c)
    flush()
    return "".join(out)
