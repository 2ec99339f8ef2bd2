"""The report as a Word document in the official format (shared/domain §5).

Page 1: the two-column header (issuing body | national title), the place–date line, "BÁO
CÁO" and the subject line; then the body numbered I. / 1. / a) as in the form; "Nơi nhận"
beside the signature block; a statistics annex on its own page. A4, Times New Roman in every
font slot, sizes of the chosen layout (State: Nghị định 30/2020; Party: Hướng dẫn 36-HD/VPTW),
page numbers centred in the top margin from page 2. What each part says is the PrintedReport of
core.printed, which printing from the app walks too; this module says how Word shows it.
"""

from __future__ import annotations

import os
from copy import deepcopy
from datetime import date

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from ttdn_desktop.core import printed
from ttdn_desktop.core.docformat import CELL_PADDING_CM, Layout, Letterhead, Style
from ttdn_desktop.core.merge import Consolidation
from ttdn_desktop.core.text import clean_text
from ttdn_desktop.export import template as tpl
from ttdn_desktop.util.files import save_atomic

ALIGN = {printed.LEFT: WD_ALIGN_PARAGRAPH.LEFT, printed.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
         printed.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT}
# Space above and below the text of each annex cell, so that marks below a letter (ạ, ộ) do
# not touch the rule: 1 mm, in twentieths of a point.
ANNEX_CELL_MARGIN_TWIPS = 57
# Word allows any paragraph length, but a single run of hundreds of thousands of characters
# slows every reader down; text is cut into runs of this size.
MAX_RUN_CHARS = 4000


def write_report_docx(consolidation: Consolidation, out: str | os.PathLike,
                      letterhead: Letterhead | None = None, attribute: bool = True,
                      today: date | None = None) -> None:
    """`attribute`: name each agency before its contribution (the consolidated report). The
    report is built (core.printed) once the template's page gives its text width."""
    letterhead = letterhead or Letterhead()
    document = tpl.load_template(letterhead.template or None)
    layout = letterhead.layout_rules
    _clear_body(document)
    _apply_layout(document, layout)
    width_cm = _page_setup(document, letterhead, layout)
    report = printed.build(consolidation, letterhead, attribute, today, width_cm)

    _header_table(document, report.header)
    _add(document, tpl.LETTERHEAD)  # a blank line before the title
    # title and subject take their sizes from their styles, which follow the layout
    _add(document, tpl.TITLE).add_run(report.title.text)
    subject = _add(document, tpl.SUBJECT)
    _run(subject, report.subject.text)
    subject.paragraph_format.left_indent = Cm(1)
    subject.paragraph_format.right_indent = Cm(1)
    _mark(document, report.subject_mark, width_cm)
    _body(document, report.body)
    _signature_block(document, report.signature)
    if report.annex:
        _annex(document, report.annex)

    save_atomic(out, document.save)


# --- Document set-up -----------------------------------------------------------------------
def _clear_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _apply_layout(document, layout: Layout) -> None:
    """Sizes live in the styles, so the whole document follows the layout; every style names
    Times New Roman in all four slots, whatever the template said (a theme font would win)."""
    styles = document.styles
    for fonts in list(styles.element.iter(qn("w:rFonts"))):
        tpl.set_font_attributes(fonts)
    sizes = {tpl.BODY: layout.body, tpl.BULLET: layout.body, tpl.TITLE: layout.title,
             tpl.SUBJECT: layout.subject, "Heading 1": layout.heading1,
             "Heading 2": layout.heading2, "Heading 3": layout.heading3,
             tpl.TABLE_TEXT: layout.table, "Header": layout.page_number,
             tpl.LETTERHEAD: layout.number, "Normal": layout.body}
    for name, style in sizes.items():
        tpl.set_font(styles[name].element, style.size)


def _page_setup(document, letterhead: Letterhead, layout: Layout) -> float:
    """A4 portrait, margins (settings, else the template's), page numbers from page 2.
    Returns the text width in cm."""
    section = document.sections[0]
    section.orientation = 0
    section.page_width, section.page_height = Mm(210), Mm(297)
    margins = [getattr(letterhead, f"margin_{side}") for side in ("top", "bottom", "left", "right")]
    for side, value in zip(("top", "bottom", "left", "right"), margins):
        if value:
            setattr(section, f"{side}_margin", Mm(float(value)))
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    for paragraph in header.paragraphs[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    paragraph = header.paragraphs[0]
    paragraph.text = ""
    paragraph.style = document.styles["Header"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(paragraph)
    first = section.first_page_header
    first.is_linked_to_previous = False
    for paragraph in first.paragraphs:
        paragraph.text = ""
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text.strip() == "PAGE" else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _set_style(paragraph, name: str):
    """Set a paragraph style by its id, looked up once per document: python-docx's own lookup
    by name scans every style each time, which made a 60-agency report take seconds."""
    part = paragraph.part
    ids = part.__dict__.setdefault("_ttdn_style_ids", {})
    if name not in ids:
        ids[name] = part.document.styles[name].style_id
    paragraph._p.get_or_add_pPr().style = ids[name]
    return paragraph


def _add(container, name: str):
    return _set_style(_new_paragraph(container), name)


def _new_paragraph(container):
    """A paragraph at the end of `container`. For the document body, python-docx looks for the
    closing sectPr among all of the body's children on every call, so a report grew in
    quadratic time: a centre's report of 3,400 members' texts ran for minutes. The sectPr is
    found once per document and each paragraph goes straight before it."""
    if not isinstance(container, DocxDocument):
        return container.add_paragraph()
    part = container.part
    if "_ttdn_sect_pr" not in part.__dict__:
        part.__dict__["_ttdn_sect_pr"] = container.element.body.sectPr
    sect_pr = part.__dict__["_ttdn_sect_pr"]
    if sect_pr is None or sect_pr.getparent() is None:
        return container.add_paragraph()
    p = OxmlElement("w:p")
    sect_pr.addprevious(p)
    return Paragraph(p, container._body)


# --- Small helpers -------------------------------------------------------------------------
def _run(paragraph, text: str, style: Style | None = None, bold=None, italic=None):
    text = clean_text(text)
    if style and style.caps:
        text = text.upper()
    runs = []
    for start in range(0, max(len(text), 1), MAX_RUN_CHARS):
        run = paragraph.add_run(text[start:start + MAX_RUN_CHARS])
        if style:
            run.font.size = Pt(style.size)
            run.bold = style.bold or None
            run.italic = style.italic or None
            run.underline = style.underline or None
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
        runs.append(run)
    return runs


def _line(container, text: str, style: Style, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = _add(container, tpl.LETTERHEAD)
    paragraph.alignment = align
    _run(paragraph, text, style)
    _mark_size(paragraph, style.size)
    return paragraph


_PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                     "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                     "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                     "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                     "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                     "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _mark_size(paragraph, size: float) -> None:
    """The size of the paragraph mark, which sets the height of an empty line."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        successor = next((c for c in ppr if c.tag in (qn("w:sectPr"), qn("w:pPrChange"))), None)
        if successor is not None:
            successor.addprevious(rpr)
        else:
            ppr.append(rpr)
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.append(element)
        element.set(qn("w:val"), str(int(round(size * 2))))


def _rule(paragraph, length_cm: float, available_cm: float, gap_pt: float = 2) -> None:
    """A centred horizontal rule of `length_cm`: the bottom border of an almost empty, 3-point
    high paragraph whose indents make it that long (the same in Word and LibreOffice)."""
    indent = max((available_cm - length_cm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(indent)
    fmt.first_line_indent = Cm(0)
    fmt.space_before = Pt(gap_pt)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(3)
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"),
                       ("w:color", "000000")):
        top.set(qn(key), value)
    border.append(top)
    successor = next((child for child in ppr if child.tag in {qn(t) for t in _PPR_AFTER_BORDER}),
                     None)
    if successor is not None:
        successor.addprevious(border)
    else:
        ppr.append(border)
    _mark_size(paragraph, 3)


def _borderless_table(document, widths_cm):
    table = document.add_table(rows=1, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for cell, width in zip(table.rows[0].cells, widths_cm):
        cell.width = Cm(width)
    return table


def _add_row(table, widths_cm):
    cells = table.add_row().cells
    for cell, width in zip(cells, widths_cm):
        cell.width = Cm(width)
    return cells


class _CellText:
    """Writes lines into a table cell, starting in the empty paragraph every cell has."""

    def __init__(self, cell):
        self.cell = cell
        self.fresh = True

    def line(self, text: str, style: Style, align=WD_ALIGN_PARAGRAPH.CENTER):
        paragraph = self.cell.paragraphs[0] if self.fresh else self.cell.add_paragraph()
        self.fresh = False
        _set_style(paragraph, tpl.LETTERHEAD)
        paragraph.alignment = align
        _run(paragraph, text, style)
        _mark_size(paragraph, style.size)
        return paragraph


def _cell_lines(cell: _CellText, items, width_cm: float) -> None:
    """The lines and rules of one letterhead or signature column; `width_cm`: the column's."""
    for item in items:
        if isinstance(item, printed.Rule):
            _rule(cell.line("", item.style), item.length_cm, width_cm - CELL_PADDING_CM,
                  item.gap_pt)
        else:
            paragraph = cell.line(item.text, item.style, ALIGN[item.align])
            if item.keep_with_next:
                paragraph.paragraph_format.keep_with_next = True


def _mark(document, item, width_cm: float) -> None:
    """The rule under the subject (or the Party's "-----"), across the text width."""
    if isinstance(item, printed.Rule):
        _rule(_add(document, tpl.LETTERHEAD), item.length_cm, width_cm, gap_pt=item.gap_pt)
    else:
        _line(document, item.text, item.style, ALIGN[item.align])


# --- Page 1 header ---------------------------------------------------------------------------
def _header_table(document, header: printed.Header) -> None:
    widths = header.widths_cm
    table = _borderless_table(document, widths)
    left, right = (_CellText(cell) for cell in table.rows[0].cells)
    _cell_lines(left, header.left, widths[0])
    _cell_lines(right, header.right, widths[1])
    number, place = (_CellText(cell) for cell in _add_row(table, widths))
    _cell_lines(number, (header.number,), widths[0])
    _cell_lines(place, (header.place_date,), widths[1])


# --- Body ---------------------------------------------------------------------------------------
def _body(document, items) -> None:
    for item in items:
        if isinstance(item, printed.Heading):
            _run(_add(document, tpl.HEADINGS[item.level - 1]), item.text)
            continue
        paragraph = _add(document, tpl.BULLET if item.kind == "bullet" else tpl.BODY)
        if item.keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        for part in item.runs:
            _run(paragraph, part.text, bold=part.bold or None, italic=part.italic or None)


# --- Signature block -----------------------------------------------------------------------------
def _signature_block(document, signature: printed.Signature) -> None:
    # The signature never stands alone on a page: the last paragraph goes over with it.
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    _add(document, tpl.LETTERHEAD).paragraph_format.keep_with_next = True
    table = _borderless_table(document, signature.widths_cm)
    left, right = (_CellText(cell) for cell in table.rows[0].cells)
    _cell_lines(left, signature.left, signature.widths_cm[0])
    _cell_lines(right, signature.right, signature.widths_cm[1])
    for row in table.rows:
        _keep_row_together(row)


def _keep_row_together(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


# --- Annex ------------------------------------------------------------------------------------------
def _annex(document, annex: printed.Annex) -> None:
    if annex.numbered_apart:
        _annex_section(document)
    else:
        breaker = _add(document, tpl.LETTERHEAD)
        breaker.add_run().add_break(WD_BREAK.PAGE)
    for line in annex.heading:
        _line(document, line.text, line.style, ALIGN[line.align])
    _add(document, tpl.LETTERHEAD)

    widths = annex.widths_cm
    table = _borderless_table(document, widths)
    table.style = document.styles["Table Grid"]
    _cell_margins(table, ANNEX_CELL_MARGIN_TWIPS)
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row again at the top of every page
    tr_pr.append(repeat)
    _keep_row_together(header)
    _annex_cells(header.cells, annex.header, widths)
    for row in annex.rows:
        cells = table.add_row().cells
        _keep_row_together(table.rows[-1])
        _annex_cells(cells, row, widths)


def _annex_cells(cells, texts, widths) -> None:
    for cell, text, width in zip(cells, texts, widths):
        cell.width = Cm(width)
        paragraph = cell.paragraphs[0]
        _set_style(paragraph, tpl.TABLE_TEXT)
        paragraph.alignment = ALIGN[text.align]
        if text.indent_cm:
            paragraph.paragraph_format.left_indent = Cm(text.indent_cm)
        _run(paragraph, text.text, bold=text.bold or None, italic=text.italic or None)


def _cell_margins(table, top_bottom_twips: int) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", top_bottom_twips), ("left", 108), ("bottom", top_bottom_twips),
                        ("right", 108)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    # CT_TblPr order: tblStyle … tblLayout, tblCellMar, tblLook
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _annex_section(document) -> None:
    """Nghị định 30/2020 (Phụ lục I): the pages of an annex are numbered on their own. The
    annex becomes a section of its own whose numbering starts again at 1, its first page
    without a number like page 1 of the report."""
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    report_section = deepcopy(final)
    paragraph = _add(document, tpl.LETTERHEAD)
    paragraph._p.get_or_add_pPr().append(report_section)  # ends the report's section here
    number_type = final.find(qn("w:pgNumType"))
    if number_type is None:
        number_type = OxmlElement("w:pgNumType")
        anchor = next((final.find(qn(t)) for t in ("w:cols", "w:formProt", "w:vAlign",
                                                   "w:noEndnote", "w:titlePg", "w:textDirection",
                                                   "w:bidi", "w:rtlGutter", "w:docGrid")
                       if final.find(qn(t)) is not None), None)
        if anchor is not None:
            anchor.addprevious(number_type)
        else:
            final.append(number_type)
    number_type.set(qn("w:start"), "1")
    type_element = final.find(qn("w:type"))
    if type_element is None:
        type_element = OxmlElement("w:type")
        final.find(qn("w:pgSz")).addprevious(type_element)
    type_element.set(qn("w:val"), "nextPage")
