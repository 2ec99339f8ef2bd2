"""The outline of a report read line by line: each heading matched to a section of the form (or
kept as a point of the section above, or a division naming none), and the text and tables under
it gathered as parts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.richtext import escape
from ttdn_desktop.core.table_figures import figures_table
from ttdn_desktop.core.wordmatch import (LIKELY, SURE, also_named, group_named, heading_key,
                                         heading_score, match_section, numbered_heading)
from ttdn_desktop.exchange.docx_body import Table
from ttdn_desktop.exchange.word_report import CONFIRMED, INTRO


@dataclass
class _Part:
    heading: str
    section_id: str | None
    score: float = 0.0
    how: str = "đề mục"
    lines: list[str] = field(default_factory=list)
    fallback: str | None = None   # the section a sub-point stays in when nothing better fits
    intro: bool = False
    keep_heading: bool = False    # placed where its heading would not have gone by itself
    also: tuple[str, ...] = ()    # other sections the heading covers (a merged heading)
    division: bool = False        # «PHẦN THỨ HAI»: divides the report, names no section
    kind: object = None           # the heading's level, or how an unnumbered one was told
    under: str | None = None      # the part a heading naming nothing is a point of


class OutlineReader:
    def __init__(self, form: Form, remembered: dict[str, str]):
        self.form, self.remembered = form, remembered
        self.parts: list[_Part] = []
        self.top: str | None = None       # the current level-1 section
        self.top_by: int | None = None    # the level of the heading that gave it
        self.top_sure = False             # … and whether that heading surely named it
        self.numbered = False             # a numbered (or outline) heading has been read
        # (sentence, part index, line index) and (rows, section id, part index)
        self.sentences: list[tuple[str, int, int]] = []
        self.tables: list[tuple[list[list[str]], str | None, int | None]] = []

    @property
    def current(self) -> str | None:
        """The section the text being read belongs to (a sub-point's host included)."""
        for part in reversed(self.parts):
            if part.section_id:
                return part.section_id
            if part.fallback:
                return part.fallback
            return None
        return None

    def add_line(self, line: str, plain: str) -> None:
        if not self.parts:
            self.parts.append(_Part(INTRO, None, intro=True))
        part = self.parts[-1]
        part.lines.append(line)
        for text_line in plain.split("\n"):
            for sentence in re.split(r"(?<=[.;])\s+", text_line):
                self.sentences.append((sentence, len(self.parts) - 1, len(part.lines) - 1))

    def _match(self, title: str, level: int | None, topics: bool = False):
        numbered = numbered_heading(title)
        bare = numbered[2] if numbered else title
        section, score = match_section(self.form, bare, level,
                                       self.top if level and level > 1 else None, topics)
        remembered = self.remembered.get(heading_key(title))
        if remembered and self.form.section(remembered) is not None and \
                (section is None or section.id != remembered):
            return self.form.section(remembered), 1.0, CONFIRMED
        if remembered and section is not None:
            return section, score, CONFIRMED
        return section, score, "đề mục"

    def part_break(self, title: str) -> None:
        """A heading that only divides the report («PHẦN THỨ HAI»): what follows is not a
        point of the section before it."""
        self.parts.append(_Part(title, None, division=True))
        self.top, self.top_by, self.top_sure = None, None, False

    def _last_heading(self) -> _Part | None:
        return next((p for p in reversed(self.parts) if not p.intro and not p.division), None)

    def heading(self, level: int | None, title: str, caps: bool = False,
                kind: str = "bold") -> None:
        section, score, how = self._match(title, level, topics=True)
        kind = level or kind
        current = self.current
        current_section = self.form.section(current) if current else None
        top_is_leaf = self.top is not None and not self.form.children(self.top)
        # a heading of the level (or the look) of the one that gave the section is its
        # peer, never its point (an agency's own outline: «1. Việc ban hành văn bản» then
        # «2. Thông tin trên báo chí»; «a) Báo chí: …» then «b) Trang thông tin: …»)
        last = self._last_heading()
        peer = (level is not None and level == self.top_by) or (
            last is not None and last.section_id is not None and last.kind == kind
            and section is not None and section.id != current)
        subpoint = current is not None and not peer and (
            level == 3 or (level == 2 and top_is_leaf and current == self.top)
            or (level is None and current_section is not None
                and not self.form.children(current)))
        if level is not None:
            self.numbered = True
        if subpoint and how != CONFIRMED:
            # bold lines are the headings of a report that numbers none; capitals a part
            unnumbered = level is None and score >= LIKELY and (
                not self.numbered or (caps and section is not None and section.level == 1))
            # under a part the agency named its own way («I. TÌNH HÌNH TRIỂN KHAI»), a point
            # that names a section of another part is that section
            own_part = level == 2 and not self.top_sure and score >= LIKELY and \
                section is not None and section.parent not in (None, self.top)
            accepted = section is not None and section.id != current and (
                (level == 3 and current == self.top and section.parent == self.top)
                or (level == 2 and score >= SURE) or own_part
                or (level is None and score >= SURE) or unnumbered)
            if not accepted:
                # a point of the section being read: it stays there, heading and all
                self.parts.append(_Part(title, None, score, fallback=current, kind=kind))
                return
        if section is None:
            # a point of a part with sections of its own, named its own way: the part's
            under = self.top if level is not None and self.top_by is not None and \
                level > self.top_by and self.form.children(self.top) else None
            self.parts.append(_Part(title, None, score, kind=kind, under=under))
            return
        numbered = numbered_heading(title)
        bare = numbered[2] if numbered else title
        parent = self.top if level and level > 1 else None
        own, own_score = match_section(self.form, bare, level, parent, topics=True)
        # a merged heading stays merged once confirmed: its paragraphs are shared alike
        also = tuple(s.id for s in also_named(self.form, bare, own, own_score, level, parent)) \
            if own is not None and own.id == section.id else ()
        # a topic of the part being read that the form counts but gives no section of its
        # own («1- Công tác thông tin qua đội ngũ báo cáo viên» under «II- KẾT QUẢ»): its
        # heading stays with its text, and it leaves the part's outline as it was
        topic = own is not None and own.id == section.id and \
            heading_score(bare, section) < LIKELY and group_named(self.form, bare)[0] == section
        self.parts.append(_Part(title, section.id, score, how,
                                keep_heading=own is None or own.id != section.id or topic,
                                also=also, kind=kind))
        if section.level == 1 and not (topic and section.id == self.top):
            self.top, self.top_by, self.top_sure = section.id, level, score >= SURE
        elif section.parent:
            if self.top != section.parent:
                self.top_by, self.top_sure = None, True
            self.top = section.parent

    def table(self, table: Table, in_body: bool) -> None:
        if in_body and self._results_table(table):
            return
        self.tables.append((table.rows, self.current, len(self.parts) - 1 if self.parts
                            else None))
        if in_body:
            for row in table.rows:
                cells = list(dict.fromkeys(c for c in row if c.strip()))
                if cells:
                    line = " | ".join(" ".join(c.split()) for c in cells)
                    self.add_line(escape(line), line)

    def _results_table(self, table: Table) -> bool:
        """A section written as a table of results: a row per item ("Báo chí | đăng 245
        tin, bài …"), the item naming a section of the form."""
        rows = table.rows
        if len(rows) < 2 or table.columns < 2 or figures_table(rows):
            return False  # a table of figures is read by table_proposals, never as headings
        labels = []
        for row in rows:
            texts = [c for c in row if c.strip() and not re.fullmatch(r"[0-9IVXivx\.\)\s]+", c)]
            labels.append(texts[0] if texts else "")
        found = []
        for n, label in enumerate(labels):
            if not label or len(label) > 150:
                found.append(None)
                continue
            section, score, how = self._match(label, None)
            found.append((section, score, how) if section is not None else None)
        matched = [f for f in found if f]
        if len(matched) < 2 and not (len(matched) == 1 and len(rows) <= 3):
            return False
        section_id = None
        for row, label, hit in zip(rows, labels, found):
            if hit:
                section, score, how = hit
                self.parts.append(_Part(label, section.id, score, how))
                section_id = section.id
            elif section_id is None:
                continue  # the header row
            texts = list(dict.fromkeys(c for c in row if c.strip() and c != label
                                       and not re.fullmatch(r"[0-9IVXivx\.\)\s]+", c)))
            for text in texts:
                for line in text.split("\n"):
                    if line.strip():
                        self.add_line(escape(line.strip()), line.strip())
        return True
