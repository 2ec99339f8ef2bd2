"""What an agency's report written freely (Word, PDF, RTF, OpenDocument, a mail's text) was read
into: its sections, the headings matched and how sure each match is, the parts set aside, the
figure proposals."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.proposals import Proposal
from ttdn_desktop.core.wordmatch import SURE, bold_heading


INTRO = "(phần mở đầu)"


NO_SECTION = ("không nhận ra mục nào của mẫu báo cáo trong văn bản (không có đề mục như «I. CÔNG "
              "TÁC LÃNH ĐẠO, CHỈ ĐẠO», «II. KẾT QUẢ THỰC HIỆN»…); không nhập gì. Hãy kiểm tra "
              "đây có đúng là báo cáo công tác thông tin đối ngoại không")


CONFIRMED = "đã xác nhận trước"


CHOSEN = "người dùng chọn"


@dataclass
class SectionMatch:
    heading: str
    section_id: str | None
    score: float
    how: str = "đề mục"   # đề mục | đã xác nhận trước | nội dung | người dùng chọn
    also: tuple[str, ...] = ()   # other sections of the form the heading covers (merged)
    split: dict[str, int] = field(default_factory=dict)  # section id -> paragraphs put there

    @property
    def needs_confirmation(self) -> bool:
        """A heading placed by a guess the user has to confirm: matched with less than
        "chắc chắn", or covering several sections of the form."""
        return self.section_id is not None and self.how not in (CONFIRMED, CHOSEN) and \
            (self.score < SURE or bool(self.also))

    def targets(self) -> tuple[str, ...]:
        return ((self.section_id,) + self.also) if self.section_id else ()


@dataclass
class WordReport:
    file_name: str
    agency_guess: tuple[str, float] | None
    period_guess: Period | None
    sections: dict[str, list[str]] = field(default_factory=dict)  # section id -> lines
    matches: list[SectionMatch] = field(default_factory=list)
    other: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, lines)
    proposals: list[Proposal] = field(default_factory=list)
    legacy_runs: int = 0
    strict: bool = False
    title: str = ""
    saved_at: datetime | None = None  # the document's own "last saved" time, if it has one
    # what each match brought, in reading order: (index in matches or None for a sub-point
    # kept in its section, section id, lines), so a placement the user changes is redone
    pieces: list[tuple[int | None, str, list[str]]] = field(default_factory=list)
    # for each proposal, the matches whose text it was read in
    proposal_matches: list[tuple[int, ...]] = field(default_factory=list)
    kind: str = "báo cáo"  # what it was read from, in words (office.formats.report_words)

    def to_confirm(self) -> list[int]:
        """Indices of the matches the user has to confirm before anything is stored."""
        return [n for n, m in enumerate(self.matches) if m.needs_confirmation]

    def held_proposals(self, confirmed=()) -> list[int]:
        """Indices of the figure proposals read under a heading still to confirm (those
        of `confirmed` are not): never stored until it is."""
        waiting = set(self.to_confirm()) - set(confirmed)
        return [n for n, found in enumerate(self.proposal_matches) if waiting & set(found)]

    def placed_as(self, choices: dict[int, str | None], whole=()) -> "WordReport":
        """This report with the user's placement of some matches ({match index: section id,
        or None to set the part aside}): what each brought goes there as a whole (a merged
        heading put in its proposed section keeps its proposed split, unless its index is in
        `whole`); the choice is remembered as the agency's for next time."""
        report = dataclasses.replace(self, matches=list(self.matches), other=list(self.other),
                                     pieces=list(self.pieces))
        for index, section_id in choices.items():
            match = report.matches[index]
            if section_id == match.section_id and index not in whole:  # as proposed
                report.matches[index] = dataclasses.replace(match, how=CHOSEN)
                continue
            lines = [line for m, _, chunk in report.pieces if m == index for line in chunk]
            heading = bold_heading(match.heading)
            report.pieces = [piece for piece in report.pieces if piece[0] != index]
            if section_id is None:
                report.matches[index] = dataclasses.replace(match, section_id=None, also=(),
                                                            split={}, how=CHOSEN)
                report.other.append((match.heading, [x for x in lines if x != heading]))
            else:
                report.matches[index] = dataclasses.replace(match, section_id=section_id,
                                                            also=(), split={}, score=1.0,
                                                            how=CHOSEN)
                # its heading kept, as when the agency's next report is placed by memory
                report.pieces.append((index, section_id,
                                      ([] if heading in lines else [heading]) + lines))
        report.rebuild()
        return report

    def rebuild(self) -> None:
        """The sections from what each match brought."""
        self.sections = {}
        for _, section_id, lines in self.pieces:
            self.sections.setdefault(section_id, []).extend(lines)
