"""The report as a Word document: title, sections with attributed contributions, annex.

(The official State/Party layouts with letterhead and signature block come from the template
work; this writes complete, correctly numbered content on A4 in Times New Roman.)
"""

from __future__ import annotations

import os

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ttdn_desktop.core.merge import Consolidation
from ttdn_desktop.core.richtext import parse_blocks
from ttdn_desktop.core.text import clean_line, clean_text, format_number
from ttdn_desktop.export.rows import stat_rows
from ttdn_desktop.util.files import atomic_path

FONT = "Times New Roman"


def _set_font(style, size: float) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def _paragraph(document, text="", bold=False, italic=False, align=None, size=None):
    paragraph = document.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _body(document, text: str, attribution: str | None = None) -> None:
    # Cleaned again here: a control character anywhere would make the whole file unreadable.
    for n, block in enumerate(parse_blocks(clean_text(text))):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
        paragraph.paragraph_format.space_after = Pt(6)
        if n == 0 and attribution:
            paragraph.add_run(f"{clean_line(attribution)}: ").bold = True
        if block.kind == "bullet":
            paragraph.add_run("- ")
        for part in block.runs:
            run = paragraph.add_run(part.text)
            run.bold, run.italic = part.bold or None, part.italic or None


def write_report_docx(consolidation: Consolidation, out: str | os.PathLike,
                      attribute: bool = True, issuer: str = "") -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _set_font(document.styles["Normal"], 14)

    if issuer:
        _paragraph(document, issuer.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    _paragraph(document, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, consolidation.form.report_title(consolidation.period), bold=True,
               align=WD_ALIGN_PARAGRAPH.CENTER)

    for merged in consolidation.sections:
        heading = _paragraph(document, merged.section.numbered_heading, bold=True)
        heading.paragraph_format.first_line_indent = Cm(1.27)
        heading.paragraph_format.keep_with_next = True
        if merged.is_edited:
            _body(document, merged.edited)
            continue
        for agency, text in merged.contributions:
            _body(document, text, agency.name if attribute else None)

    rows = stat_rows(consolidation)
    if rows:
        document.add_page_break()
        _paragraph(document, "Phụ lục", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        statistics = next((s for s in consolidation.form.sections if s.kind == "statistics"),
                          None)
        if statistics:
            _paragraph(document, statistics.heading.upper(), bold=True,
                       align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
        _paragraph(document, consolidation.period.label, italic=True,
                   align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
        headers = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Cùng kỳ năm trước",
                   "So sánh (%)", "Ghi chú"]
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(11)
        for row in rows:
            decimals = 2 if row.kind == "rate" else 0
            values = [row.number, row.label, row.unit, format_number(row.this, decimals),
                      format_number(row.last, decimals), format_number(row.compare, 2), row.note]
            cells = table.add_row().cells
            for n, (cell, text) in enumerate(zip(cells, values)):
                run = cell.paragraphs[0].add_run(text)
                run.font.size = Pt(11)
                run.italic = row.is_member or None
                if n >= 3 and n <= 5:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    with atomic_path(out) as temp:
        document.save(temp)
