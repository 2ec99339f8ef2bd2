"""The printed report as one model, built once (`build`) and walked by each renderer: the Word
export (export.docx_report) and printing from the app (ui.printing). It holds what the page
says and the decisions both renderers must agree on: the letterhead's lines and rules, the
headings and paragraphs with their runs, the signature, the annex's rows as printed cells and
its column widths. How a line becomes a Word paragraph or a Qt block stays in the renderer.
Sizes and the rules of the letterhead are in core.docformat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ttdn_desktop.core.docformat import (CELL_PADDING_CM, PARTY, SUBJECT_MARK_PARTY,
                                         Layout, Letterhead, Style, date_phrase,
                                         document_number, header_columns, issuer_rule_cm, lines,
                                         place_date_line, recipient_lines, signature_lines,
                                         signer_name, subject_rule_cm, text_width_cm)
from ttdn_desktop.core.forms import Section
from ttdn_desktop.core.merge import PASTED, Consolidation, is_attributed
from ttdn_desktop.core.richtext import Run, parse_blocks
from ttdn_desktop.core.statrows import StatRow, stat_rows
from ttdn_desktop.core.text import clean_line, clean_text, format_number, format_percent

ANNEX_HEADERS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Cùng kỳ năm trước", "So sánh (%)",
                 "Ghi chú")
# STT, label, unit, this period, last year, comparison, note: the base widths for a 16.5 cm
# text width (A4 with 30/15 mm margins); the label column gives up what the numbers need.
ANNEX_BASE_CM = (1.3, 5.1, 1.9, 2.2, 2.2, 1.9, 1.9)
WIDEST_EXPECTED = "9.999.999"  # every count up to this fits on one line, in every layout
ANNEX_REFERENCE = "(Số liệu chi tiết tại Phụ lục kèm theo Báo cáo này.)"


def body_sections(consolidation: Consolidation, attribute: bool
                  ) -> list[tuple[Section, list[tuple[str | None, str]]]]:
    """The prose sections that have something in them (or below them), each with its texts as
    (agency name to print before it, or None; text)."""
    form = consolidation.form
    merged = {m.section.id: m for m in consolidation.sections}

    def has_content(section_id: str) -> bool:
        item = merged.get(section_id)
        if item and item.shown.strip():
            return True
        return any(has_content(child.id) for child in form.children(section_id))

    result = []
    for section in form.prose_sections:
        if not has_content(section.id):
            continue
        item = merged[section.id]
        if item.source == PASTED:
            texts = [(agency.name if attribute else None, text)
                     for agency, text in item.contributions]
        else:  # the draft or the secretariat's text: what the section shows
            texts = [(None, item.shown)]
        result.append((section, texts))
    return result


@dataclass(frozen=True)
class Paragraph:
    kind: str                 # "body" or "bullet"
    runs: tuple[Run, ...]     # the "- " of an item and an agency's name included
    keep_with_next: bool = False


def text_paragraphs(text: str, attribution: str | None = None) -> list[Paragraph]:
    """One contribution as printed paragraphs: the agency's name (bold italic) before its first
    paragraph, or on a line of its own when the text starts with a list ("Trung tâm …:" then
    "- Tiếp tục …", never "Trung tâm …: - Tiếp tục …") or already names its own members."""
    name = Run(f"{clean_line(attribution)}:", bold=True, italic=True) if attribution else None
    result = []
    blocks = parse_blocks(clean_text(text))
    if name and (is_attributed(text) or (blocks and blocks[0].kind == "bullet")):
        result.append(Paragraph("body", (name,), keep_with_next=True))
        name = None
    for n, block in enumerate(blocks):
        runs = list(block.runs)
        if block.kind == "bullet":
            runs.insert(0, Run("- "))
        if n == 0 and name:
            runs.insert(0, Run(name.text + " ", bold=True, italic=True))
        result.append(Paragraph("bullet" if block.kind == "bullet" else "body", tuple(runs)))
    return result


def annex_reference(consolidation: Consolidation) -> str:
    """Nghị định 30/2020, Phụ lục I, mục II.11 (and Hướng dẫn 36-HD/VPTW alike): a document
    with an annex says so in its text. "" when there is no annex."""
    return ANNEX_REFERENCE if annex_rows(consolidation) else ""


@dataclass(frozen=True)
class AnnexRow:
    cells: tuple[str, ...]  # as printed, in the order of ANNEX_HEADERS
    is_member: bool
    row: StatRow


def annex_cells(row: StatRow) -> tuple[str, ...]:
    """One rule for every printed figure: counts as whole numbers (3.800), rates and "So sánh
    (%)" always with two decimals (38,10; 100,00), as the Excel workbook shows them."""
    value = format_percent if row.kind == "rate" else (lambda v: format_number(v, 0))
    return (row.number, row.label, row.unit, value(row.this), value(row.last),
            format_percent(row.compare), row.note)


def annex_rows(consolidation: Consolidation) -> list[AnnexRow]:
    rows = []
    for row in stat_rows(consolidation):
        if row.is_member and row.this is None and row.last is None:
            continue  # a language nobody reported in: a blank row says nothing
        rows.append(AnnexRow(annex_cells(row), row.is_member, row))
    return rows


def annex_widths_cm(rows: list[AnnexRow], size_pt: float, text_cm: float) -> tuple[float, ...]:
    """Column widths for the annex: each number column wide enough for 9.999.999 (and for the
    widest figure actually present), the label column taking what is left."""
    widths = [w * text_cm / sum(ANNEX_BASE_CM) for w in ANNEX_BASE_CM]
    for column in (3, 4, 5):
        texts = [WIDEST_EXPECTED] + [row.cells[column] for row in rows]
        need = max(text_width_cm(t, size_pt) for t in texts) + CELL_PADDING_CM + 0.15
        widths[column] = max(widths[column], need)
    widths[1] = max(3.0, text_cm - sum(widths) + widths[1])
    return tuple(round(w, 2) for w in widths)


def annex_title_lines(consolidation: Consolidation) -> list[str]:
    """The annex title in capitals, the period on a line of its own so the title never breaks
    inside "6 THÁNG ĐẦU NĂM 2021"."""
    statistics = next((s for s in consolidation.form.sections if s.kind == "statistics"), None)
    title = statistics.heading if statistics else "BIỂU THỐNG KÊ SỐ LIỆU"
    phrase = consolidation.period.phrase.upper().replace(" ", "\u00a0")
    return [title.upper(), phrase]


def annex_note(letterhead: Letterhead, issued: date) -> str:
    """ "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 01 năm 2021)"; the Party layout writes
    "số 127-BC/BTGTU"."""
    number = document_number(letterhead.number, letterhead.layout) or "\u00a0" * 5
    joiner = "-" if letterhead.layout == "party" else "/"
    return f"(Kèm theo Báo cáo số {number}{joiner}{letterhead.code} {date_phrase(issued)})"


# --- The model -------------------------------------------------------------------------------
# Alignments, named here so that neither renderer's enum leaks into core.
LEFT, CENTER, RIGHT = "left", "center", "right"
# The text width of A4 with the default margins (30 and 15 mm); a renderer passes its own page's.
TEXT_CM = 16.5
SIGN_ROOM_LINES = 4  # blank lines under the signer's title: room to sign and stamp


@dataclass(frozen=True)
class Line:
    """One line of the letterhead, the signature or the annex heading."""
    text: str
    style: Style
    align: str = CENTER
    keep_with_next: bool = False


@dataclass(frozen=True)
class Rule:
    """A centred horizontal rule. `style`: the line it stands under, whose size Word gives the
    rule's own (empty) paragraph."""
    length_cm: float
    gap_pt: float = 2
    style: Style | None = None


@dataclass(frozen=True)
class Header:
    """Page 1's two columns (issuing body | national title), then the number and the place and
    date beneath them."""
    widths_cm: tuple[float, float]
    left: tuple[Line | Rule, ...]
    right: tuple[Line | Rule, ...]
    number: Line
    place_date: Line


@dataclass(frozen=True)
class Heading:
    level: int  # 1 to 3: deeper sections print as level 3
    text: str   # numbered as in the form: "I. …", "1. …", "a) …"


@dataclass(frozen=True)
class Signature:
    """«Nơi nhận» and its list on the left, capacity, title, room to sign and the name right."""
    widths_cm: tuple[float, float]
    left: tuple[Line, ...]
    right: tuple[Line, ...]


@dataclass(frozen=True)
class Cell:
    text: str
    align: str = CENTER
    bold: bool = False
    italic: bool = False
    indent_cm: float = 0


@dataclass(frozen=True)
class Annex:
    heading: tuple[Line, ...]  # "Phụ lục", the title's lines, "(Kèm theo Báo cáo số …)"
    header: tuple[Cell, ...]   # repeated at the top of every page
    rows: tuple[tuple[Cell, ...], ...]
    widths_cm: tuple[float, ...]
    numbered_apart: bool       # its pages numbered from 1 again (Nghị định 30, Phụ lục I)


@dataclass(frozen=True)
class PrintedReport:
    letterhead: Letterhead     # the settings it was printed with (page margins, template)
    layout: Layout
    issued: date
    text_cm: float
    header: Header
    title: Line                # "BÁO CÁO"
    subject: Line
    subject_mark: Line | Rule  # the rule under the subject, or the Party's "-----"
    body: tuple[Heading | Paragraph, ...]
    signature: Signature
    annex: Annex | None

    @property
    def party(self) -> bool:
        return self.letterhead.layout == PARTY


def build(consolidation: Consolidation, letterhead: Letterhead, attribute: bool = True,
          today: date | None = None, text_cm: float = TEXT_CM) -> PrintedReport:
    """The report as printed. `attribute`: each agency named before its contribution (the
    consolidated report); `text_cm`: the width between the page's margins."""
    layout = letterhead.layout_rules
    issued = letterhead.issue_date(today)
    subject = consolidation.form.report_title(consolidation.period)
    if letterhead.layout == PARTY:
        mark: Line | Rule = Line(SUBJECT_MARK_PARTY, layout.subject)
    else:
        mark = Rule(subject_rule_cm(subject, layout, text_cm), gap_pt=4)
    return PrintedReport(
        letterhead=letterhead, layout=layout, issued=issued, text_cm=text_cm,
        header=_header(letterhead, layout, issued, text_cm),
        title=Line("BÁO CÁO", layout.title), subject=Line(subject, layout.subject),
        subject_mark=mark, body=tuple(_body(consolidation, attribute)),
        signature=_signature(letterhead, layout, text_cm),
        annex=_annex(consolidation, letterhead, layout, issued, text_cm))


def _header(letterhead: Letterhead, layout: Layout, issued: date, text_cm: float) -> Header:
    widths = header_columns(letterhead, issued, text_cm)
    left: list[Line | Rule] = [Line(text, layout.superior)
                               for text in lines(letterhead.superior_body)]
    left += [Line(text, layout.issuer) for text in lines(letterhead.issuing_body)]
    if layout.issuer_mark == "*":
        left.append(Line("*", layout.issuer))
    else:
        left.append(Rule(issuer_rule_cm(letterhead, widths[0]), style=layout.issuer))
    national = layout.national_lines
    right: list[Line | Rule] = [Line(national[0], layout.national)]
    if layout.motto is None:  # Party: the rule runs the full length of the title
        right.append(Rule(text_width_cm(national[0], layout.national.size, True),
                          style=layout.national))
    else:
        right.append(Line(national[1], layout.motto))
        right.append(Rule(text_width_cm(national[1], layout.motto.size, True),
                          style=layout.motto))
    return Header(widths, tuple(left), tuple(right), Line(letterhead.number_line, layout.number),
                  Line(place_date_line(letterhead.place, issued), layout.place_date))


def _body(consolidation: Consolidation, attribute: bool):
    for section, texts in body_sections(consolidation, attribute):
        yield Heading(min(section.level, 3), section.numbered_heading)
        for attribution, text in texts:
            yield from text_paragraphs(text, attribution)
    reference = annex_reference(consolidation)
    if reference:
        yield Paragraph("body", (Run(reference, italic=True),))


def _signature(letterhead: Letterhead, layout: Layout, text_cm: float) -> Signature:
    left = [Line("Nơi nhận:", layout.recipients_label, LEFT, keep_with_next=True)]
    left += [Line(text, layout.recipients, LEFT)
             for text in recipient_lines(letterhead.recipient_lines, letterhead.layout)]
    right = [Line(text, layout.signature) for text in signature_lines(letterhead)]
    right += [Line("", layout.signer)] * SIGN_ROOM_LINES
    right.append(Line(signer_name(letterhead) or "\u00a0", layout.signer))
    return Signature((text_cm * 0.45, text_cm * 0.55), tuple(left), tuple(right))


def _annex(consolidation: Consolidation, letterhead: Letterhead, layout: Layout, issued: date,
           text_cm: float) -> Annex | None:
    rows = annex_rows(consolidation)
    if not rows:
        return None
    heading = [Line("Phụ lục", layout.annex_label)]
    heading += [Line(text, layout.annex_title) for text in annex_title_lines(consolidation)]
    heading.append(Line(annex_note(letterhead, issued), layout.annex_note))
    return Annex(tuple(heading), tuple(Cell(text, bold=True) for text in ANNEX_HEADERS),
                 tuple(_annex_cells(row) for row in rows),
                 annex_widths_cm(rows, layout.table.size, text_cm),
                 numbered_apart=letterhead.layout != PARTY)


def _annex_cells(row: AnnexRow) -> tuple[Cell, ...]:
    """Figures right, STT and unit centred; a group's number and label bold, its members'
    rows italic, their labels indented under it."""
    cells = []
    for n, text in enumerate(row.cells):
        align = RIGHT if 3 <= n <= 5 else CENTER if n in (0, 2) else LEFT
        cells.append(Cell(text, align, bold=not row.is_member and n <= 1,
                          italic=row.is_member,
                          indent_cm=0.4 if n == 1 and row.is_member else 0))
    return tuple(cells)
