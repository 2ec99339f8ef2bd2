"""The light mark-up section texts are stored in, and its reading into blocks and runs.

One line is one paragraph; a line starting with "- " (or "* ", "+ ", "• ") is a bulleted item;
**bold** and *italic* mark runs; a backslash keeps a literal * (\\*). This is what the editors
write and what the Word export reads, and it stays readable as plain text in a package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[-*+•])\s+")
_MARK = re.compile(r"(\\\*|\*\*|\*)")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one weight and slant."""
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph or a bullet of runs."""
    kind: str  # "paragraph" or "bullet"
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def parse_blocks(text: str) -> list[Block]:
    blocks = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        kind = "paragraph"
        match = _BULLET.match(line)
        if match:
            kind, line = "bullet", line[match.end():]
        # A paragraph keeps the spaces it starts with (the writer's indent); a bullet does not.
        line = line.rstrip() if kind == "paragraph" else line.strip()
        blocks.append(Block(kind, tuple(parse_runs(line))))
    return blocks


def parse_runs(line: str) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    buffer = ""
    # A marker only counts if it is closed later on the line; a lone "*" stays a character.
    tokens = _MARK.split(line)
    opens = {"**": tokens.count("**"), "*": tokens.count("*")}
    for token in tokens:
        if token == "\\*":
            buffer += "*"
        elif token in ("**", "*") and opens[token] >= 2 or (token == "**" and bold) \
                or (token == "*" and italic):
            if buffer:
                runs.append(Run(buffer, bold, italic))
                buffer = ""
            opens[token] -= 1
            if token == "**":
                bold = not bold
            else:
                italic = not italic
        else:
            buffer += token
    if buffer:
        runs.append(Run(buffer, bold, italic))
    return runs


def plain_text(text: str) -> str:
    """The text without mark-up, one paragraph a line (for search and previews)."""
    return "\n".join(block.text for block in parse_blocks(text))


def escape(text: str) -> str:
    """Plain text made safe to store: literal asterisks kept as they are."""
    return text.replace("*", "\\*")
