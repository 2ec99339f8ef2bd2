"""Reading an agency's report written freely in Word (.docx) into the form.

The letterhead (the first table, or the lines before "BÁO CÁO") gives the agency; the subject
line gives the period. Headings are found by their numbering (I., 1., a)), by Word heading
styles and as short bold lines, and matched to the form's sections by their words. Text under a
heading goes to its section, paragraphs and lists kept; what matches nothing is set aside for
the user to place. The recipients and signature block are not content. Numbers in tables and
sentences become figure proposals, each with where it came from, applied only when accepted.
Every run in a legacy font (TCVN3, VNI) is converted to Unicode on the way.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import datetime

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.legacy import repair_run
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.richtext import escape
from ttdn_desktop.core.text import clean_text, fold
from ttdn_desktop.core.wordmatch import (Proposal, figure_proposals, guess_agency,
                                         guess_period, match_section, numbered_heading,
                                         table_proposals)
from ttdn_desktop.office.safezip import (CORRUPT, LIBRARY_FAULTS, XML_ERRORS, Limits,
                                         bad_xml, library_fault, open_office)
from ttdn_desktop.office.safezip import WORD as WORD_FILE

DOCX_LIMITS = Limits(max_file_bytes=30 << 20, max_members=500, max_member_bytes=60 << 20,
                     max_total_bytes=150 << 20)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Para:
    text: str            # plain text, legacy fonts repaired
    markup: str          # our mark-up: bold and italic runs kept
    style: str
    bold: bool
    listed: bool


@dataclass
class SectionMatch:
    heading: str
    section_id: str | None
    score: float


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
    saved_at: datetime | None = None  # the document's own "last saved" time, if it has one

    def section_text(self, section_id: str) -> str:
        return "\n".join(self.sections.get(section_id, []))


def _refuse_foreign(file_name: str, data: bytes) -> None:
    if data.startswith(_OLE):
        try:
            import olefile
            ole = olefile.OleFileIO(io.BytesIO(data))
            encrypted = ole.exists("EncryptedPackage")
            ole.close()
        except Exception:  # unreadable OLE: treated as the old format it claims to be
            encrypted = False
        if encrypted:
            raise PackageError(file_name, "tệp Word được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu "
                                          "rồi lưu lại")
        raise PackageError(file_name, "đây là tệp Word định dạng cũ (.doc); hãy mở bằng Word và "
                                      "lưu lại dưới dạng .docx")


def read_docx(file_name: str, data: bytes):
    """The python-docx Document, after the checks; PackageError with the reason otherwise."""
    _refuse_foreign(file_name, data)
    open_office(file_name, data, DOCX_LIMITS, WORD_FILE)
    from docx import Document
    try:
        document = Document(io.BytesIO(data))
    except XML_ERRORS:
        raise bad_xml(file_name, data, DOCX_LIMITS, "tệp Word") from None
    except CORRUPT + (KeyError, TypeError, AttributeError) as error:
        fault = library_fault(file_name, error, "tệp Word")
        raise (fault or PackageError(file_name, "tệp Word bị hỏng, không đọc được")) from None
    root = document.element
    if root.tag != W + "document" or root.find(W + "body") is None:
        raise PackageError(file_name, "tệp Word bị hỏng: thành phần «word/document.xml» không có "
                                      "thân văn bản (w:document, w:body)")
    return document


def _style_font(style) -> str | None:
    while style is not None:
        if style.font is not None and style.font.name:
            return style.font.name
        style = style.base_style
    return None


class _Styles:
    """Styles by id, looked up once: python-docx's own lookup scans every style for each
    paragraph and run, which made a 30-page report take seconds."""

    def __init__(self, document):
        from docx.enum.style import WD_STYLE_TYPE
        self.by_id = {style.style_id: style for style in document.styles}
        self.default = next((s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH
                             and s.element.get(W + "default") in ("1", "true")), None)
        self.fonts: dict[str | None, str | None] = {}
        self.default_font = _style_font(self.default)

    def paragraph(self, paragraph):
        p_pr = paragraph._p.pPr
        style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        return self.by_id.get(style_id, self.default)

    def run_style_id(self, run) -> str | None:
        r_pr = run._r.rPr
        return r_pr.rStyle.val if r_pr is not None and r_pr.rStyle is not None else None

    def font(self, style) -> str | None:
        key = style.style_id if style is not None else None
        if key not in self.fonts:
            self.fonts[key] = _style_font(style)
        return self.fonts[key]


def _run_text(run) -> str:
    """A run's text, keeping <w:softHyphen/> (TCVN3's "ư") that python-docx would drop."""
    parts = []
    for child in run._r:
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "softHyphen":
            parts.append("\u00ad")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _paragraph(paragraph, styles: _Styles, counter: list[int]) -> Para:
    paragraph_style = styles.paragraph(paragraph)
    style_font = styles.font(paragraph_style) or styles.default_font
    style_bold = bool(paragraph_style is not None and paragraph_style.font.bold)
    texts, marks, bold_runs, runs = [], [], 0, 0
    for run in paragraph.runs:
        raw = _run_text(run)
        if not raw:
            continue
        run_style = styles.by_id.get(styles.run_style_id(run))
        font = run.font.name or (styles.font(run_style) if run_style else None) or style_font
        text = clean_text(repair_run(raw, font))
        if text != clean_text(raw):
            counter[0] += 1
        texts.append(text)
        bold = bool(run.bold or (run.bold is None and style_bold))
        italic = bool(run.italic)
        runs += 1 if text.strip() else 0
        bold_runs += 1 if bold and text.strip() else 0
        piece = escape(text)
        if text.strip() and (bold or italic):
            core = piece.strip()
            core = f"*{core}*" if italic else core
            core = f"**{core}**" if bold else core
            piece = piece[: len(piece) - len(piece.lstrip())] + core + \
                piece[len(piece.rstrip()):]
        marks.append(piece)
    # a line break inside a paragraph (Shift+Enter) stays a line of its own
    text = "\n".join(" ".join(line.split()) for line in "".join(texts).split("\n")).strip()
    style = paragraph_style.name if paragraph_style is not None else ""
    p_pr = paragraph._p.pPr
    listed = (p_pr is not None and p_pr.numPr is not None) or "list" in style.lower() or \
        bool(re.match(r"^\s*[-–+•]\s", text))
    markup = "\n".join(" ".join(line.split()) for line in "".join(marks).split("\n")).strip()
    return Para(text, markup, style, runs > 0 and bold_runs == runs, listed)


def _is_heading(para: Para) -> tuple[int | None, str] | None:
    """(level or None, title) if the paragraph reads as a heading."""
    if not para.text:
        return None
    style = fold(para.style)
    styled = re.match(r"^(heading|tieu de|muc)\s*(\d)", style)
    numbered = numbered_heading(para.text)
    if numbered and (para.bold or styled or len(para.text) <= 120):
        return numbered[0], para.text
    if styled:
        return int(styled.group(2)), para.text
    if para.bold and len(para.text) <= 120 and not para.text.endswith((".", ":", ";")):
        return None, para.text
    return None


def _body_blocks(document):
    """Paragraphs and tables in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    for child in document.element.body.iterchildren():
        if child.tag == W + "p":
            yield Paragraph(child, document)
        elif child.tag == W + "tbl":
            yield Table(child, document)


def _table_rows(table, styles: _Styles, counter) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            cells.append("\n".join(_paragraph(p, styles, counter).text
                                   for p in cell.paragraphs).strip())
        rows.append(cells)
    return rows


_NATIONAL = ("cong hoa xa hoi chu nghia viet nam", "dang cong san viet nam")


def import_word_report(file_name: str, data: bytes, form: Form,
                       agencies: list[tuple[str, str]]) -> WordReport:
    """Read and match a report written in Word. PackageError with the reason if it cannot be,
    also when python-docx fails inside itself on a damaged part."""
    document = read_docx(file_name, data)
    try:
        return _read_report(file_name, document, form, agencies)
    except XML_ERRORS:  # a part python-docx parses only when it is first used
        raise bad_xml(file_name, data, DOCX_LIMITS, "tệp Word") from None
    except LIBRARY_FAULTS as error:
        fault = library_fault(file_name, error, "tệp Word")
        if fault is None:
            raise
        raise fault from None


def _read_report(file_name: str, document, form: Form,
                 agencies: list[tuple[str, str]]) -> WordReport:
    styles = _Styles(document)
    counter = [0]
    letterhead: list[str] = []
    subject: list[str] = []
    state = "start"           # start -> subject -> body -> end
    report = WordReport(file_name, None, None)
    current_id: str | None = None
    current_other: list[str] | None = None
    parent_id: str | None = None

    def add_line(line: str) -> None:
        nonlocal current_other
        if current_id is not None:
            report.sections.setdefault(current_id, []).append(line)
        else:
            if current_other is None:
                current_other = []
                report.other.append(("(phần mở đầu)", current_other))
            current_other.append(line)

    for block in _body_blocks(document):
        if block.__class__.__name__ == "Table":
            rows = _table_rows(block, styles, counter)
            flat = fold(" ".join(" ".join(r) for r in rows))
            if state == "start" and any(n in flat for n in _NATIONAL):
                letterhead.extend(line for row in rows for cell in row
                                  for line in cell.splitlines())
                continue
            if "noi nhan" in flat:
                state = "end"
                continue
            report.proposals.extend(table_proposals(form, rows))
            continue
        para = _paragraph(block, styles, counter)
        if not re.search(r"\w", para.text):
            continue  # empty lines and drawn rules
        folded = fold(para.text)
        numbered = numbered_heading(para.text)
        styled = re.match(r"^(heading|tieu de)", fold(para.style))
        if state == "start":
            if folded.strip() == "bao cao":
                state = "subject"
                continue
            if not (numbered and numbered[0] == 1):
                letterhead.append(para.text)
                continue
            state = "body"  # no "BÁO CÁO" line: the body starts at the first part heading
        if state == "subject":
            if not (numbered or styled) and para.bold and len(subject) < 3:
                subject.append(para.text)
                continue
            state = "body"
        if state == "end":
            continue
        if folded.startswith("noi nhan") or folded.startswith("phu luc"):
            state = "end"
            continue
        heading = _is_heading(para)
        if heading is not None:
            level, title = heading
            numbered = numbered_heading(title)
            bare = numbered[2] if numbered else title
            section, score = match_section(form, bare, level,
                                           parent_id if level and level > 1 else None)
            report.matches.append(SectionMatch(title, section.id if section else None, score))
            if section is not None:
                current_id, current_other = section.id, None
                if section.level == 1:
                    parent_id = section.id
            else:
                current_id = None
                current_other = []
                report.other.append((title, current_other))
            continue
        line = ("- " + re.sub(r"^\s*[-–+•]\s*", "", para.markup)) if para.listed \
            else para.markup
        add_line(line)
        for sentence in re.split(r"(?<=[.;])\s+", para.text):
            report.proposals.extend(figure_proposals(form, sentence))

    report.agency_guess = guess_agency(letterhead, agencies)
    report.period_guess = guess_period(" ".join(subject))
    report.legacy_runs = counter[0]
    modified = document.core_properties.modified
    report.saved_at = modified.replace(tzinfo=None) if isinstance(modified, datetime) else None
    return report


def is_docx_name(name: str) -> bool:
    return name.lower().endswith((".docx", ".docm", ".doc"))
