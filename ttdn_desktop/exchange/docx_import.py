"""Reading an agency's report written freely in Word (.docx, or .doc of Word 97–2003) into the
form.

The body is read as Word shows it (docx_body: tracked changes, fields, content controls, text
boxes, automatic numbering, Strict OOXML; doc_body for the binary .doc, told by content). The letterhead (the first table, or the short lines
before the title) gives the agency; the title block, in any of its common shapes ("BÁO CÁO"
alone, "BÁO CÁO" + line break + subject, one line "BÁO CÁO KẾT QUẢ …", or none at all), gives
the period. Headings are found by their numbering (typed or automatic: I., 1., a), Party-style
I- / 1-), by outline levels and heading styles, as short bold lines and in one-cell tables, and
matched to the form's sections by their words, the form's aliases and keywords, what the user
confirmed for this agency before, and failing those by the text under them. Points a), b) and
items of a section without sub-sections stay in their section. Text under a heading goes to its
section, paragraphs and lists kept; what matches nothing is set aside, never dropped. The
recipients and signature block are not content. Numbers in tables (the period's own column) and
sentences (by unit and by the section they stand in) become figure proposals, each with where
it came from, applied only when accepted; a figure that is no exact value of the period (about,
a range, a change, another period's, a plan) is named with why and never applied. Legacy
fonts (TCVN3, VNI) are converted on the way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.richtext import escape
from ttdn_desktop.core.text import fold
from ttdn_desktop.core.wordmatch import (LIKELY, SURE, Proposal, combine_proposals,
                                         figure_proposals, guess_agency, guess_period,
                                         heading_key, match_by_text, match_section,
                                         numbered_heading, table_proposals)
from ttdn_desktop.exchange.docx_body import Para, Table, read_body
from ttdn_desktop.exchange.odt_body import is_odt, read_odt_body
from ttdn_desktop.exchange.pdf_body import is_pdf, read_pdf_body
from ttdn_desktop.exchange.rtf_body import is_rtf, read_rtf_body
from ttdn_desktop.exchange.unpack import WORD_SUFFIXES
from ttdn_desktop.office.safezip import Limits, open_office
from ttdn_desktop.office.safezip import WORD as WORD_FILE

DOCX_LIMITS = Limits(max_file_bytes=30 << 20, max_members=500, max_member_bytes=60 << 20,
                     max_total_bytes=150 << 20)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

INTRO = "(phần mở đầu)"
NO_SECTION = ("không nhận ra mục nào của mẫu báo cáo trong văn bản (không có đề mục như «I. CÔNG "
              "TÁC LÃNH ĐẠO, CHỈ ĐẠO», «II. KẾT QUẢ THỰC HIỆN»…); không nhập gì. Hãy kiểm tra "
              "đây có đúng là báo cáo công tác thông tin đối ngoại không")


@dataclass
class SectionMatch:
    heading: str
    section_id: str | None
    score: float
    how: str = "đề mục"   # đề mục | đã xác nhận trước | nội dung


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

    def section_text(self, section_id: str) -> str:
        return "\n".join(self.sections.get(section_id, []))


def read_word_body(file_name: str, data: bytes):
    """The body (docx_body.Body) of a report from a word processor, told by its content
    whatever its name says: .docx, Word 97–2003 .doc, OpenDocument text (.odt, .fodt), RTF or
    PDF (a .docx named .doc and a .doc named .docx both read). PackageError with the reason."""
    if is_pdf(data):
        return read_pdf_body(file_name, data, DOCX_LIMITS)
    if data.startswith(_OLE):  # Word 97–2003, or an encrypted .docx (an OLE file too)
        from ttdn_desktop.exchange.doc_body import read_doc_body
        return read_doc_body(file_name, data)
    if is_rtf(data):
        return read_rtf_body(file_name, data, DOCX_LIMITS)
    if is_odt(data):
        return read_odt_body(file_name, data, DOCX_LIMITS)
    if not data.startswith(b"PK"):
        from ttdn_desktop.exchange.doc_body import not_word_reason
        reason = not_word_reason(data)
        if reason:
            raise PackageError(file_name, reason)
    archive = open_office(file_name, data, DOCX_LIMITS, WORD_FILE)
    return read_body(file_name, archive, DOCX_LIMITS)


_NATIONAL = ("cong hoa xa hoi chu nghia viet nam", "dang cong san viet nam")
_SUBJECT_WORDS = ("ket qua", "ve ", "cong tac", "tinh hinh", "so ket", "tong ket", "thong tin",
                  "trien khai", "phuong huong")
_LEVEL_OF_FORMAT = {"upperRoman": 1, "lowerRoman": 1, "decimal": 2, "decimalZero": 2,
                    "lowerLetter": 3, "upperLetter": 3}


def _heading(para: Para) -> tuple[int | None, str] | None:
    """(level or None, title as shown) if the paragraph reads as a heading."""
    shown = para.shown
    if not shown or "\n" in shown.strip():
        return None
    outline = para.outline if para.outline is not None and para.outline <= 3 else None
    numbered = numbered_heading(shown)
    auto = para.number and para.num_format not in ("bullet", "none")
    short = len(para.text) <= 120 and not para.text.endswith((";", ","))
    if auto or numbered:
        level = outline or (_LEVEL_OF_FORMAT.get(para.num_format) if auto else None) or \
            (numbered[0] if numbered else None)
        if para.bold or outline or (short and not para.text.endswith(".")) or \
                (short and level == 1):
            return level, shown
        return None
    if outline:
        return outline, shown
    if para.bold and len(para.text) <= 120 and not para.text.endswith((".", ":", ";", ",")):
        return None, shown
    return None


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


class _Reader:
    def __init__(self, form: Form, remembered: dict[str, str]):
        self.form, self.remembered = form, remembered
        self.parts: list[_Part] = []
        self.top: str | None = None       # the current level-1 section
        self.sentences: list[tuple[str, str | None]] = []   # (sentence, section id)
        self.tables: list[tuple[list[list[str]], str | None]] = []

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
        self.parts[-1].lines.append(line)
        for text_line in plain.split("\n"):
            for sentence in re.split(r"(?<=[.;])\s+", text_line):
                self.sentences.append((sentence, self.current))

    def _match(self, title: str, level: int | None):
        numbered = numbered_heading(title)
        bare = numbered[2] if numbered else title
        section, score = match_section(self.form, bare, level,
                                       self.top if level and level > 1 else None)
        remembered = self.remembered.get(heading_key(title))
        if remembered and self.form.section(remembered) is not None and \
                (section is None or section.id != remembered):
            return self.form.section(remembered), 1.0, "đã xác nhận trước"
        return section, score, "đề mục"

    def heading(self, level: int | None, title: str) -> None:
        section, score, how = self._match(title, level)
        current = self.current
        current_section = self.form.section(current) if current else None
        top_is_leaf = self.top is not None and not self.form.children(self.top)
        subpoint = current is not None and (
            level == 3 or (level == 2 and top_is_leaf and current == self.top)
            or (level is None and current_section is not None
                and not self.form.children(current)))
        if subpoint and how != "đã xác nhận trước":
            accepted = section is not None and section.id != current and (
                (level == 3 and current == self.top and section.parent == self.top)
                or (level == 2 and score >= SURE)
                or (level is None and score >= SURE))
            if not accepted:
                # a point of the section being read: it stays there, heading and all
                self.parts.append(_Part(title, None, score, fallback=current))
                return
        if section is None:
            self.parts.append(_Part(title, None, score))
            return
        own, _ = match_section(self.form, numbered[2] if (numbered := numbered_heading(title))
                               else title, level, self.top if level and level > 1 else None)
        self.parts.append(_Part(title, section.id, score, how,
                                keep_heading=own is None or own.id != section.id))
        if section.level == 1:
            self.top = section.id
        elif section.parent:
            self.top = section.parent

    def table(self, table: Table, in_body: bool) -> None:
        if in_body and self._results_table(table):
            return
        self.tables.append((table.rows, self.current))
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
        if len(rows) < 2 or table.columns < 2:
            return False
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


def import_word_report(file_name: str, data: bytes, form: Form,
                       agencies: list[tuple[str, str]],
                       remembered=None) -> WordReport:
    """Read a Word report against the form. `remembered(agency code)` gives the headings this
    agency's earlier imports were confirmed with ({heading key: section id})."""
    body = read_word_body(file_name, data)
    letterhead: list[str] = []
    subject: list[str] = []
    title = ""
    state = "start"           # start -> subject -> body -> end
    blocks = body.blocks
    # the agency first (the letterhead), so that what it confirmed before can be used
    agency_guess = guess_agency(_letterhead_lines(blocks), agencies)
    known = (remembered(agency_guess[0]) if remembered and agency_guess else None) or {}
    reader = _Reader(form, known)
    for n, block in enumerate(blocks):
        if isinstance(block, Table):
            flat = fold(" ".join(" ".join(r) for r in block.rows))
            if state == "start" and (any(m in flat for m in _NATIONAL) or n == 0):
                letterhead.extend(line for row in block.rows for cell in row
                                  for line in cell.splitlines())
                continue
            if "noi nhan" in flat:
                # rows above the signature's are a table of the report's own, run into it
                # where nothing stands between them (RTF has no end of a table)
                first = next(n for n, row in enumerate(block.rows)
                             if "noi nhan" in fold(" ".join(row)))
                if first and state != "start":
                    reader.table(Table(block.rows[:first], block.cells[:first]),
                                 state == "body")
                state = "end"
                continue
            if state in ("start", "subject"):
                state = "body"
            reader.table(block, state == "body")
            continue
        para = block
        if not re.search(r"\w", para.shown):
            continue  # empty lines and drawn rules
        folded = fold(para.text[:80]).strip()  # only its start is looked at
        heading = _heading(para)
        if state == "start":
            if folded.startswith("bao cao") and len(para.text) <= 300 and \
                    (heading is None or heading[0] is None):
                first, _, rest = para.text.partition("\n")
                title = para.text
                state = "subject"
                after = first.strip()[len("BÁO CÁO"):].strip(" :-–")
                subject.extend(x for x in ([after] if after else []) + rest.split("\n")
                               if x.strip())
                continue
            if heading is None or not _starts_body(reader, heading):
                if _is_body_text(para):
                    state = "body"
                else:
                    letterhead.append(para.text)
                    continue
            state = "body"
        elif state == "subject":
            if (heading is None or (heading[0] is None and not para.outline)) and \
                    len(subject) < 3 and len(para.text) <= 300 and _is_subject(para, subject):
                subject.append(para.text)
                continue
            if folded.startswith("kinh gui"):
                continue
            state = "body"
        if state == "end":
            continue
        if folded.startswith("noi nhan") or (folded.startswith("phu luc") and
                                              len(para.text) < 80):
            state = "end"
            continue
        if heading is not None:
            reader.heading(*heading)
            continue
        line = ("- " + re.sub(r"^\s*[-–+•]\s*", "", para.markup)) if para.listed and \
            not (para.number and para.num_format != "bullet") else para.markup
        if para.number and para.num_format not in ("bullet", "none"):
            line = f"{escape(para.number)} {para.markup}"
        reader.add_line(line, para.text)

    report = WordReport(file_name, agency_guess or guess_agency(letterhead, agencies), None,
                        legacy_runs=body.legacy_runs, strict=body.strict,
                        title=" ".join(subject) or title)
    intro = next((" ".join(p.lines[:2]) for p in reader.parts if p.intro), "")
    report.period_guess = guess_period(" ".join(subject)) or guess_period(title) or \
        guess_period(intro) or guess_period(" ".join(letterhead))
    report.saved_at = body.saved_at
    _assemble(report, reader, form)
    proposals: list[Proposal] = []
    for rows, section_id in reader.tables:
        proposals.extend(table_proposals(form, rows, report.period_guess,
                                         form.section(section_id) if section_id else None))
    for sentence, section_id in reader.sentences:
        proposals.extend(figure_proposals(form, sentence,
                                          form.section(section_id) if section_id else None,
                                          report.period_guess))
    report.proposals = combine_proposals(proposals)
    if not any(m.section_id for m in report.matches):
        raise PackageError(file_name, NO_SECTION)
    return report


def _assemble(report: WordReport, reader: _Reader, form: Form) -> None:
    """Parts into sections: matched ones to their section; a vague heading to the section
    its text speaks of; a sub-point to the section it stands in; the rest set aside."""
    for part in reader.parts:
        section_id, score, how = part.section_id, part.score, part.how
        if section_id is None and not part.intro and part.fallback is None and part.lines:
            section, text_score = match_by_text(form, " ".join(part.lines))
            if section is not None:
                section_id, score, how = section.id, text_score, "nội dung"
        if section_id is not None:
            report.matches.append(SectionMatch(part.heading, section_id, score, how))
            heading = [f"**{escape(part.heading)}**"] if part.keep_heading or \
                how == "nội dung" else []
            report.sections.setdefault(section_id, []).extend(heading + part.lines)
        elif part.fallback is not None:
            report.sections.setdefault(part.fallback, []).extend(
                [f"**{escape(part.heading)}**"] + part.lines)
        else:
            if not part.intro:
                report.matches.append(SectionMatch(part.heading, None, score, how))
            if part.lines or not part.intro:
                report.other.append((part.heading, part.lines))


def _letterhead_lines(blocks) -> list[str]:
    lines = []
    for block in blocks[:12]:
        if isinstance(block, Table):
            lines.extend(line for row in block.rows for cell in row for line in
                         cell.splitlines())
        elif len(block.text) <= 120:
            lines.extend(block.text.splitlines())
    return lines


def _starts_body(reader: _Reader, heading) -> bool:
    level, title = heading
    if level == 1:
        return True
    section, score, _ = reader._match(title, level)
    return section is not None and score >= LIKELY


def _is_body_text(para: Para) -> bool:
    """A paragraph that is the report's own text, never letterhead: long, or a sentence."""
    words = len(para.text.split())
    return len(para.text) > 160 or words > 25 or (para.text.endswith((":", ".")) and words > 8)


def _is_subject(para: Para, subject: list[str]) -> bool:
    folded = fold(para.text)
    if folded.startswith(("thuc hien", "can cu", "kinh gui", "theo ")):
        return False
    return para.bold or guess_period(para.text) is not None or \
        folded.startswith(_SUBJECT_WORDS) or (bool(subject) and len(para.text) < 120)


def is_docx_name(name: str) -> bool:
    return name.lower().endswith(WORD_SUFFIXES)


def strong_matches(report: WordReport) -> list[SectionMatch]:
    return [m for m in report.matches if m.section_id and m.score >= LIKELY]
