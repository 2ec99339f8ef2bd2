"""Paragraph- and word-level differences between two texts, for review and for a merged section flagged
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


SIMILAR = 0.5  # below this share of words in common, two paragraphs are not one edited


def _delete_html(text: str) -> str:
    return f"<span style='color:#B02A37;text-decoration:line-through'>{text}</span>"


def _insert_html(text: str) -> str:
    return f"<span style='color:#146C43;text-decoration:underline'>{text}</span>"


def _words_html(old: str, new: str) -> str:
    out = []
    for op, text in word_diff(old, new):
        text = html.escape(text).replace("\n", "<br/>")
        out.append(_delete_html(text) if op == DELETE else _insert_html(text) if op == INSERT
                   else text)
    return "".join(out)


def similarity(old: str, new: str) -> float:
    """Share of words two texts have in common, in order (0 to 1)."""
    a, b = (old or "").split(), (new or "").split()
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def diff_html(old: str, new: str) -> str:
    """The new text with deletions struck through in red and insertions underlined in green.
    Paragraph by paragraph: a paragraph edited shows its words changed; one rewritten (few
    words in common) shows whole, the old struck through above the new, never the two
    interleaved word by word."""
    a, b = (old or "").split("\n"), (new or "").split("\n")
    if not old:
        a = []
    if not new:
        b = []
    lines: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            lines.extend(html.escape(line) for line in b[j1:j2])
            continue
        olds, news = a[i1:i2], b[j1:j2]
        removed, added = [], []
        for k in range(max(len(olds), len(news))):
            before = olds[k] if k < len(olds) else None
            after = news[k] if k < len(news) else None
            if before is not None and after is not None and similarity(before, after) >= SIMILAR:
                lines.extend(_delete_html(html.escape(x)) for x in removed)
                lines.extend(_insert_html(html.escape(x)) for x in added)
                removed, added = [], []
                lines.append(_words_html(before, after))
                continue
            if before is not None and before.strip():
                removed.append(before)
            if after is not None and after.strip():
                added.append(after)
        lines.extend(_delete_html(html.escape(x)) for x in removed)
        lines.extend(_insert_html(html.escape(x)) for x in added)
    return "<br/>".join(lines)


def changed(old: str, new: str) -> bool:
    return (old or "").strip() != (new or "").strip()
