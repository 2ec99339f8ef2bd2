"""Printing the report from inside the app: the same report as the Word export, the one model
core.printed builds (PrintedReport), laid out on A4 by Qt.

The page is built with QTextCursor in the printer's own units (its dots), so sizes are exact:
the two-column letterhead with its rules (or the Party "*"), the number and place–date line,
"BÁO CÁO" and the subject with its rule, the body, "Nơi nhận" beside the signature, and the
annex from a page of its own, its header row on every page and no row broken across two.
Pages are painted one by one (ui.pagepaint: each line once, on its page) so that the page
number stands centred in the top margin from page 2, as in the Word export.

QtPdf is not part of PySide6-Essentials and LibreOffice is not on every office PC, so printing
does not go through the exported .docx: this layout is the printed page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (QColor, QFont, QImage, QPageLayout, QPageSize, QPainter,
                           QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument,
                           QTextFormat, QTextFrameFormat, QTextImageFormat, QTextLength,
                           QTextTableFormat)
from PySide6.QtPrintSupport import QPrinter

from ttdn_desktop.core import docformat as fmt
from ttdn_desktop.core import printed
from ttdn_desktop.core.docformat import Layout, Letterhead, Style
from ttdn_desktop.core.merge import Consolidation
from ttdn_desktop.core.text import clean_text
from ttdn_desktop.ui.pagepaint import PagePainter
from ttdn_desktop.util.files import atomic_path

FAMILIES = ["Times New Roman", "Liberation Serif", "Tinos", "serif"]
RULE_URL = QUrl("ttdn:rule")
LEFT, CENTER, RIGHT, JUSTIFY = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter,
                                Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignJustify)
ALIGN = {printed.LEFT: LEFT, printed.CENTER: CENTER, printed.RIGHT: RIGHT}


def page_margins_mm(letterhead: Letterhead) -> tuple[float, float, float, float]:
    """(left, top, right, bottom): the settings, else the Word template's (a committee's own
    template may have other margins), as the Word export does. A committee's template is
    read here (python-docx, ~70 ms): in the worker, where a ReportPrint is made."""
    sides = ("left", "top", "right", "bottom")
    defaults = tuple(fmt.DEFAULT_MARGINS_MM[side] for side in sides)  # the shipped template's
    if letterhead.template and not all(getattr(letterhead, f"margin_{side}") for side in sides):
        from ttdn_desktop.export.template import template_margins_mm
        defaults = template_margins_mm(letterhead.template)
    return tuple(float(getattr(letterhead, f"margin_{side}") or default)
                 for side, default in zip(sides, defaults))


def a4_printer(letterhead: Letterhead, mode=QPrinter.PrinterMode.HighResolution,
               margins: tuple[float, float, float, float] | None = None) -> QPrinter:
    """`margins` (page_margins_mm) when already read, as a ReportPrint has them."""
    printer = QPrinter(mode)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait,
                                      QMarginsF(*(margins or page_margins_mm(letterhead))),
                                      QPageLayout.Unit.Millimeter))
    printer.setDocName("Báo cáo TTĐN")
    return printer


def text_cm(margins: tuple[float, float, float, float]) -> float:
    """The width between the page's margins (page_margins_mm), in cm."""
    left, _, right, _ = margins
    return 21.0 - (left + right) / 10


class ReportPrint:
    """One report, ready to paint on any printer (the preview's, the real one, a PDF file).
    Made in the worker (ui/ops/printing.py): its margins may come from the committee's Word
    template, read here, and a template that cannot be read raises TTDNError with the reason."""

    def __init__(self, consolidation: Consolidation, letterhead: Letterhead, attribute: bool,
                 today: date | None = None):
        self.consolidation = consolidation
        self.letterhead = letterhead
        self.margins = page_margins_mm(letterhead)
        self.attribute = attribute
        self.today = today
        self.issued = letterhead.issue_date(today)
        self.pages = 0
        self._report: printed.PrintedReport | None = None

    @property
    def report(self) -> printed.PrintedReport:
        """The report as printed (core.printed), built when first laid out."""
        if self._report is None:
            self._report = printed.build(self.consolidation, self.letterhead, self.attribute,
                                         self.today, text_cm(self.margins))
        return self._report

    def build(self, device) -> tuple[QTextDocument, float, float]:
        """The document laid out for `device`; with the page's text width and height in dots."""
        return _Builder(self, device).build()

    @staticmethod
    def annex_page(document: QTextDocument, height: float) -> int | None:
        """The index of the page the annex starts on, or None."""
        block = document.begin()
        while block.isValid():
            if block.userState() == ANNEX_STATE:
                top = document.documentLayout().blockBoundingRect(block).top()
                return int(round(top / height))
            block = block.next()
        return None

    def paint(self, printer: QPrinter) -> int:
        """Paints every page on `printer`; returns the number of pages."""
        left, top, right, bottom = self.margins
        printer.setFullPage(True)  # we place everything ourselves, page numbers in the margin
        dpi = printer.resolution()
        document, width, height = self.build(printer)
        annex = self.annex_page(document, height)
        apart = self.report.annex is not None and self.report.annex.numbered_apart
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        dots = dpi / 25.4
        overhang = _cm(fmt.HEADER_OVERHANG_CM, dpi)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("Không mở được máy in để in.")
        try:
            count = document.pageCount()
            pages = PagePainter(document, height)
            number_font = _font(self.letterhead.layout_rules.page_number, printer)
            for page in range(count):
                if page:
                    printer.newPage()
                painter.save()
                painter.translate(paper.left() + left * dots - overhang,
                                  paper.top() + top * dots - page * height)
                pages.paint(painter, page, width)
                painter.restore()
                number = page_number(page, annex, apart)
                if number:  # page numbers from page 2, centred in the top margin
                    painter.setFont(number_font)
                    painter.setPen(QColor("black"))
                    painter.drawText(QRectF(paper.left() + left * dots, paper.top() + 10 * dots,
                                            paper.width() - (left + right) * dots,
                                            (top - 10) * dots),
                                     int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                                     str(number))
        finally:
            painter.end()
        self.pages = count
        return count


# Qt's text layout scales some lengths from 1/96 inch to the printer's dots (column widths, cell
# padding, borders, image sizes, paragraph spacing above and below) and takes others as dots
# already (left and right margins, first-line indents, the page size): each is converted with
# the resolution Qt expects (measured on the printed PDF, see tests/test_printing.py).
DOC_DPI = 96


# the height of the Word export's rule paragraph, whose bottom border is the rule
RULE_LINE_PT = 3

ANNEX_STATE = 1101  # marks the "Phụ lục" paragraph, to find the page the annex starts on


def page_number(page: int, annex: int | None, numbered_apart: bool) -> int | None:
    """The number printed on page index `page` (None: no number). Page 1 has none. An annex
    `numbered_apart` (core.printed: Nghị định 30) numbers its pages on its own, its first page
    bare like the report's; otherwise (the Party layout) the numbers go straight on."""
    if annex is not None and numbered_apart and page >= annex:
        page -= annex
    return page + 1 if page else None


def _pt(points: float, dpi: float = DOC_DPI) -> float:
    return points * dpi / 72


def _cm(cm: float, dpi: float = DOC_DPI) -> float:
    return cm / 2.54 * dpi


def _font(style: Style, device) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSizeF(style.size)
    font.setBold(style.bold)
    font.setItalic(style.italic)
    font.setUnderline(style.underline)
    return QFont(font, device)


def _char(style: Style, bold=None, italic=None) -> QTextCharFormat:
    char = QTextCharFormat()
    char.setFontFamilies(FAMILIES)
    char.setFontPointSize(style.size)
    char.setFontWeight(QFont.Weight.Bold if (style.bold if bold is None else bold)
                       else QFont.Weight.Normal)
    char.setFontItalic(style.italic if italic is None else italic)
    char.setFontUnderline(style.underline)
    char.setForeground(QColor("black"))
    return char


class _Builder:
    def __init__(self, job: ReportPrint, device):
        self.report = job.report
        self.letterhead = job.letterhead
        self.layout: Layout = job.letterhead.layout_rules
        self.device = device
        self.dpi = DOC_DPI
        dots = device.logicalDpiY()
        _, top, _, bottom = job.margins
        self.text_cm = self.report.text_cm
        self.dots = dots
        self.overhang = _cm(fmt.HEADER_OVERHANG_CM, dots)
        self.width = _cm(self.text_cm + 2 * fmt.HEADER_OVERHANG_CM, dots)
        # whole dots: Qt's layout keeps page edges in 1/64 dot, the painting must cut the
        # pages where the layout did (the bottom margin grows by less than a dot)
        self.height = float(int((297 - top - bottom) / 25.4 * dots))
        # No layout exists while the document is built (it would lay the whole document out
        # again after every edit, seconds for an annex): it is made in build(), at the end.
        self.document = QTextDocument()
        self.document.setDocumentMargin(0)
        rule = QImage(4, 4, QImage.Format.Format_RGB32)
        rule.fill(QColor("black"))
        self.document.addResource(QTextDocument.ResourceType.ImageResource, RULE_URL, rule)
        self.cursor = QTextCursor(self.document)
        self.first = True

    def for_device(self, document: QTextDocument) -> None:
        document.documentLayout().setPaintDevice(self.device)
        document.setDefaultFont(_font(self.layout.body, self.device))

    # --- blocks ------------------------------------------------------------------------------
    def block(self, cursor, align=LEFT, style: Style | None = None, indent_cm: float = 0,
              first_line_cm: float = 0, before_pt: float = 0, after_pt: float = 0,
              inset: bool = True, line: float = 100, keep_next: bool = False,
              page_break: bool = False, fresh: bool = False) -> QTextCursor:
        """Starts a paragraph (or formats the empty one a fresh cell or document has)."""
        block = QTextBlockFormat()
        block.setAlignment(align)
        margin = self.overhang if inset else 0
        block.setLeftMargin(margin + _cm(indent_cm, self.dots))
        block.setRightMargin(margin)
        block.setTextIndent(_cm(first_line_cm, self.dots))
        block.setTopMargin(_pt(before_pt))
        block.setBottomMargin(_pt(after_pt))
        block.setLineHeight(line, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if page_break:
            block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        char = _char(style or self.layout.body)
        if fresh:
            cursor.setBlockFormat(block)
            cursor.setBlockCharFormat(char)
            cursor.setCharFormat(char)
        else:
            cursor.insertBlock(block, char)
        return cursor

    def text(self, cursor, text: str, style: Style, bold=None, italic=None) -> None:
        text = clean_text(text)
        if style.caps:
            text = text.upper()
        cursor.insertText(text, _char(style, bold, italic))

    def line(self, cursor, text: str, style: Style, align=CENTER, fresh=False, inset=False):
        self.block(cursor, align, style, inset=inset, fresh=fresh)
        self.text(cursor, text, style)

    def rule(self, cursor, length_cm: float, align=CENTER, inset=False, gap_pt: float = 2):
        """A horizontal rule of `length_cm`, 0.75 pt thick: a stretched black image, as far
        below the text as the Word export's (a 3-point paragraph after `gap_pt`, its bottom
        border the rule); Qt puts the image at the top of its line, which drew it into the
        marks below the letters (ụ, g) of the line above."""
        self.block(cursor, align, Style(3), inset=inset, before_pt=gap_pt + RULE_LINE_PT,
                   line=100)
        image = QTextImageFormat()
        image.setName(RULE_URL.toString())
        image.setWidth(_cm(length_cm, self.dpi))
        image.setHeight(max(_pt(0.75, self.dpi), 1))
        cursor.insertImage(image)

    def table(self, widths_cm, rows: int = 1, border: bool = False, header_rows: int = 0,
              inset: bool = True, padding_pt: float = 0, top_pt: float = 0):
        table_format = QTextTableFormat()
        table_format.setAlignment(CENTER)
        table_format.setCellSpacing(0)
        table_format.setCellPadding(_pt(padding_pt, self.dpi))
        table_format.setBorder(_pt(0.75) if border else 0)
        table_format.setBorderCollapse(border)
        table_format.setBorderBrush(QColor("black"))
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid if border
                                    else QTextFrameFormat.BorderStyle.BorderStyle_None)
        table_format.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.FixedLength, _cm(w, self.dpi)) for w in widths_cm])
        table_format.setHeaderRowCount(header_rows)
        table_format.setTopMargin(_pt(top_pt))
        margin = _cm(fmt.HEADER_OVERHANG_CM) if inset else 0
        table_format.setLeftMargin(margin)
        table_format.setRightMargin(margin)
        table = self.cursor.insertTable(rows, len(widths_cm), table_format)
        return table

    def after_table(self, table) -> None:
        self.cursor = QTextCursor(table.lastCursorPosition())
        self.cursor.movePosition(QTextCursor.MoveOperation.NextBlock)

    # --- the report --------------------------------------------------------------------------
    def build(self):
        self.header()
        self.title()
        self.body()
        self.signature()
        self.annex()
        self.for_device(self.document)
        self.document.setPageSize(QSizeF(self.width, self.height))
        self.lay_out_in_steps()
        self.keep_signature_together()
        return self.document, self.width, self.height

    def lay_out_in_steps(self, blocks: int = 10) -> None:
        """Lay the document out a few blocks at a time rather than in one call. Printing runs
        in the operations' worker, and PySide6 holds the interpreter lock through each Qt
        call: the whole layout at once (60 agencies, about 80 ms) made every Python slot of
        the UI thread wait that long; a few blocks at a time, the longest wait is ~10 ms."""
        layout = self.document.documentLayout()
        block, count = self.document.begin(), 0
        while block.isValid():
            if count % blocks == 0:
                layout.blockBoundingRect(block)  # lays out up to this block
            block, count = block.next(), count + 1

    def keep_signature_together(self) -> None:
        """Qt may split a table across pages: when the signature block would be, it goes to the
        next page with the last paragraph before it (never alone, as in the Word export)."""
        table = self.signature_table
        rect = self.document.documentLayout().frameBoundingRect(table)
        if int(rect.top() // self.height) == int((rect.bottom() - 1) // self.height):
            return
        cursor = QTextCursor(table.firstCursorPosition())
        cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)  # the blank line
        cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)  # the last paragraph
        block = cursor.blockFormat()
        block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        cursor.setBlockFormat(block)

    def cell_lines(self, cursor, items) -> None:
        """The lines and rules of one letterhead or signature column, the first in the
        paragraph the cell already has."""
        for n, item in enumerate(items):
            if isinstance(item, printed.Rule):
                self.rule(cursor, item.length_cm, gap_pt=item.gap_pt)
            else:
                self.line(cursor, item.text, item.style, ALIGN[item.align], fresh=n == 0)

    def header(self) -> None:
        header = self.report.header
        table = self.table(header.widths_cm, rows=2, inset=False)
        self.cell_lines(table.cellAt(0, 0).firstCursorPosition(), header.left)
        self.cell_lines(table.cellAt(0, 1).firstCursorPosition(), header.right)
        self.cell_lines(table.cellAt(1, 0).firstCursorPosition(), (header.number,))
        self.cell_lines(table.cellAt(1, 1).firstCursorPosition(), (header.place_date,))
        self.after_table(table)

    def title(self) -> None:
        report, layout = self.report, self.layout
        self.block(self.cursor, CENTER, layout.title, before_pt=_blank(layout.number),
                   fresh=False)
        self.text(self.cursor, report.title.text, report.title.style)
        self.block(self.cursor, CENTER, layout.subject, indent_cm=1)
        block = self.cursor.blockFormat()
        block.setRightMargin(block.rightMargin() + _cm(1, self.dots))
        self.cursor.setBlockFormat(block)
        self.text(self.cursor, report.subject.text, report.subject.style)
        mark = report.subject_mark
        if isinstance(mark, printed.Rule):
            self.rule(self.cursor, mark.length_cm, inset=True, gap_pt=mark.gap_pt)
        else:
            self.line(self.cursor, mark.text, mark.style, ALIGN[mark.align], inset=True)

    def paragraph(self, heading: bool = False, level: int = 1) -> QTextCursor:
        layout = self.layout
        style = (layout.heading1, layout.heading2, layout.heading3)[min(level, 3) - 1] \
            if heading else layout.body
        return self.block(self.cursor, JUSTIFY, style, first_line_cm=1.27, after_pt=6,
                          before_pt=6 if heading and level == 1 else 0, line=115,
                          keep_next=heading)

    def body(self) -> None:
        layout = self.layout
        for item in self.report.body:
            if isinstance(item, printed.Heading):
                self.paragraph(True, item.level)
                self.text(self.cursor, item.text,
                          (layout.heading1, layout.heading2, layout.heading3)[item.level - 1])
                continue
            self.paragraph()
            for run in item.runs:
                self.text(self.cursor, run.text, layout.body, bold=run.bold or None,
                          italic=run.italic or None)

    def signature(self) -> None:
        signature, layout = self.report.signature, self.layout
        self.block(self.cursor, LEFT, layout.body)
        table = self.table(signature.widths_cm, top_pt=layout.body.size)
        self.cell_lines(table.cellAt(0, 0).firstCursorPosition(), signature.left)
        self.cell_lines(table.cellAt(0, 1).firstCursorPosition(), signature.right)
        self.signature_table = table
        self.after_table(table)

    def annex(self) -> None:
        """The annex from a page of its own, its rows never broken across two pages (Qt's
        table layout moves a cell's second line alone to the next page; Word keeps a row
        whole): each page's rows are a table of their own, the header row first, the next
        table starting a new page."""
        annex = self.report.annex
        if annex is None:
            return
        pages = self.annex_pages(annex)
        self.annex_heading(annex)
        for n, (start, end) in enumerate(pages):
            self.annex_table(annex, annex.rows[start:end], new_page=n > 0)

    def annex_heading(self, annex: printed.Annex, fresh: bool = False) -> None:
        label, *lines = annex.heading
        self.block(self.cursor, ALIGN[label.align], label.style, page_break=True, fresh=fresh)
        self.cursor.block().setUserState(ANNEX_STATE)
        self.text(self.cursor, label.text, label.style)
        for line in lines:
            self.line(self.cursor, line.text, line.style, ALIGN[line.align], inset=True)

    def annex_table(self, annex: printed.Annex, rows, new_page: bool = False):
        layout = self.layout
        self.block(self.cursor, CENTER, layout.table, fresh=new_page, page_break=new_page)
        table = self.table(annex.widths_cm, rows=1 + len(rows), border=True, header_rows=1,
                           padding_pt=2)
        for r, row in enumerate((annex.header, *rows)):
            for column, cell in enumerate(row):
                cursor = table.cellAt(r, column).firstCursorPosition()
                self.block(cursor, ALIGN[cell.align], layout.table, inset=False, fresh=True,
                           indent_cm=cell.indent_cm)
                self.text(cursor, cell.text, layout.table, bold=cell.bold or None,
                          italic=cell.italic or None)
        self.after_table(table)
        return table

    def annex_pages(self, annex: printed.Annex) -> list[tuple[int, int]]:
        """The rows of each annex page, (start, end) indices: the annex laid out alone, without
        pages, in a document of its own (the annex starts a page, so its heights from the
        top are the page's), then filled page by page. A row taller than a page goes alone."""
        document, cursor = self.document, self.cursor
        self.document = QTextDocument()
        self.document.setDocumentMargin(0)
        self.for_device(self.document)
        self.document.setPageSize(QSizeF(0, 0))  # no layout while it is built: once, at the end
        self.cursor = QTextCursor(self.document)
        try:
            self.annex_heading(annex, fresh=True)
            table = self.annex_table(annex, annex.rows)
            self.document.setPageSize(QSizeF(self.width, -1))
            measure = self.document.documentLayout()
            frame = measure.frameBoundingRect(table)
            # where each row starts (its first cell's text), then the table's foot
            edges = [measure.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block())
                     .top() for r in range(len(annex.rows) + 1)] + [frame.bottom()]
            # a table starts below the empty paragraph before it (Qt hides it, not quite)
            before = QTextCursor(table.firstCursorPosition())
            before.movePosition(QTextCursor.MoveOperation.PreviousBlock)
            header = edges[1] - measure.blockBoundingRect(before.block()).top()
        finally:
            self.document, self.cursor = document, cursor
        # Qt started the next table a page further (a blank page between) when one ended
        # within about 2 points of the foot (2.1 to 2.4 measured: a cell's padding and the
        # border): 6 points spare, the table's own foot included
        room = self.height - _pt(6, self.dots)
        pages, start, top = [], 0, edges[1]
        while start < len(annex.rows):
            end = start + 1
            while end < len(annex.rows) and top + edges[end + 2] - edges[start + 1] <= room:
                end += 1
            pages.append((start, end))
            start, top = end, header
        return pages


def _blank(style: Style) -> float:
    return style.size * 1.15


def print_to_pdf(job: ReportPrint, path) -> int:
    """Prints `job` to a PDF file, written whole or not at all; returns the number of pages."""
    with atomic_path(path) as temp:
        printer = a4_printer(job.letterhead, margins=job.margins)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(temp))
        pages = job.paint(printer)
    return pages
