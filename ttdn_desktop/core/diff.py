"""Word-level differences between two texts, for review and for a merged section flagged
because an agency's text changed after the secretariat edited it."""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(operation, text) pieces that turn `old` into `new`, words and spaces kept."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append((EQUAL, "".join(a[i1:i2])))
        else:
            if i2 > i1:
                pieces.append((DELETE, "".join(a[i1:i2])))
            if j2 > j1:
                pieces.append((INSERT, "".join(b[j1:j2])))
    return pieces


def diff_html(old: str, new: str) -> str:
    """The new text with deletions struck through in red and insertions underlined in green."""
    out = []
    for op, text in word_diff(old, new):
        text = html.escape(text).replace("\n", "<br/>")
        if op == DELETE:
            out.append(f"<span style='color:#B02A37;text-decoration:line-through'>{text}</span>")
        elif op == INSERT:
            out.append(f"<span style='color:#146C43;text-decoration:underline'>{text}</span>")
        else:
            out.append(text)
    return "".join(out)


def changed(old: str, new: str) -> bool:
    return (old or "").strip() != (new or "").strip()
