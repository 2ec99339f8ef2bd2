"""What the printed report says, decided once for the Word export and for printing from the
app: which sections appear and with whose name, the annex's rows as text, its column widths,
its title and its note. Layout sizes and the letterhead are in core.docformat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ttdn_desktop.core.docformat import (CELL_PADDING_CM, Letterhead, date_phrase,
                                         document_number, text_width_cm)
from ttdn_desktop.core.forms import Section
from ttdn_desktop.core.merge import Consolidation, is_attributed
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
        if item and (item.edited or item.contributions):
            return True
        return any(has_content(child.id) for child in form.children(section_id))

    result = []
    for section in form.prose_sections:
        if not has_content(section.id):
            continue
        item = merged[section.id]
        if item.is_edited:
            texts = [(None, item.edited)]
        else:
            texts = [(agency.name if attribute else None, text)
                     for agency, text in item.contributions]
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
