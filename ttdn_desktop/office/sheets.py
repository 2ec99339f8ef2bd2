"""What every workbook we write or hand out shares: safe text cells, Vietnamese number formats,
print set-up."""

from __future__ import annotations

from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList

from ttdn_desktop import __version__
from ttdn_desktop.core.docformat import text_width_cm
from ttdn_desktop.core.text import clean_text

# "3.800" whatever the PC's regional settings: literal dots between groups of three (a Windows
# with English regional settings would otherwise show 3,800). Up to 999.999.999.
COUNT_FORMAT = r'[>=1000000]#\.###\.##0;[>=1000]#\.##0;0'
# Decimals follow the PC's settings ("99,69" on a Vietnamese Windows); the locale tag makes
# LibreOffice show them the Vietnamese way everywhere.
RATE_FORMAT = "[$-42A]0.00"
FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FONT = Font(name=FONT, size=11, bold=True)
BODY_FONT = Font(name=FONT, size=11)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
# In a table every cell of a row sits on the middle line: a number at the bottom of a row
# whose label takes two lines reads as belonging to the row below.
MIDDLE = Alignment(vertical="center")
WRAP_MIDDLE = Alignment(wrap_text=True, vertical="center")
# Column widths count digits of the workbook's default font; with Times New Roman as that font
# (new_workbook) a digit is half an em, 5.5 points at 11 points (LibreOffice; Excel adds a few
# pixels). The cell's own margins, both sides, with a little room.
DIGIT_PT = 5.5
CELL_MARGINS_PT = 8
TEXT_ALLOWANCE = 1.06
LINE_PT = 15  # a line of 11-point text in a row, as Excel and LibreOffice space it


def new_workbook() -> Workbook:
    """A workbook whose default font is Times New Roman 11, the font of its cells. Column
    widths are counted in digits of the default font: left at Calibri, a PC without it (most
    with LibreOffice) measures them in another font and every column comes out up to a quarter
    narrower or wider than the text it was measured for."""
    workbook = Workbook()
    workbook._fonts = IndexedList([BODY_FONT])
    workbook._named_styles["Normal"].font = BODY_FONT  # recomputed: font 0, the one above
    return workbook


def text_pt(text, size: float = 11, bold: bool = False) -> float:
    """The printed width of the widest line of `text`, in points, with the 5 % LibreOffice adds
    to the font's metrics (it sets Vietnamese text letter by letter; measured on its PDF)."""
    widest = max(text_width_cm(line, size, bold) for line in str(text).split("\n"))
    return widest / 2.54 * 72 * TEXT_ALLOWANCE


def width_for(texts, size: float = 11, bold: bool = False, minimum: float = 0) -> float:
    """The column width (in digits) that shows the widest of `texts` on one line."""
    widest = max((text_pt(t, size, bold) for t in texts if t not in (None, "")), default=0)
    return max(minimum, round((widest + CELL_MARGINS_PT) / DIGIT_PT + 0.5, 1))


def line_count(text, width: float, size: float = 11, bold: bool = False) -> int:
    """How many lines `text` takes wrapped in a column `width` digits wide, broken at spaces as
    the office suites break it (a word longer than the column overflows its line)."""
    room = width * DIGIT_PT - CELL_MARGINS_PT
    count = 0
    for paragraph in str(text or "").split("\n"):
        count += 1
        line = ""
        for word in paragraph.split(" "):
            longer = f"{line} {word}" if line else word
            if line and text_pt(longer, size, bold) > room:
                count += 1
                longer = word
            line = longer
    return max(count, 1)


def put(sheet, row: int, column: int, value, *, font=BODY_FONT, number_format=None,
        alignment=None, border=None):
    """Write one cell: every writer's one door. Text, plain or formatted (CellRichText), is
    always a string cell, never a formula, whatever it starts with (=, +, -, @, tab, CR):
    openpyxl makes any text starting with "=" a live formula. Formulas are written through
    `formula()` only."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
    elif isinstance(value, CellRichText):
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value
    cell.font = font
    if number_format:
        cell.number_format = number_format
    if alignment:
        cell.alignment = alignment
    if border:
        cell.border = border
    return cell


def formula(sheet, row: int, column: int, expression: str, **style):
    cell = put(sheet, row, column, None, **style)
    cell.value = expression if expression.startswith("=") else "=" + expression
    cell.data_type = "f"
    return cell


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def column(index: int) -> str:
    return get_column_letter(index)


def row_height(text, width: float, size: float = 11, bold: bool = False) -> float:
    """A row tall enough for `text` wrapped in a column `width` digits wide: openpyxl cannot
    measure, and LibreOffice keeps the height a file gives its rows."""
    return line_count(text, width, size, bold) * LINE_PT * max(size, 11) / 11


def print_setup(sheet, title_rows: str | None, landscape: bool = True, pages_wide: int = 1,
                heading: str = "", scale: int | None = None, first_page_heading: bool = True
                ) -> None:
    """A4, fit to the page width (or `pages_wide` pages; or a fixed `scale` in per cent when
    the sheet places its own page breaks, which "fit to" would ignore), the header rows printed
    again on every page, `heading` (title and period) at the top of each page and "Trang 2/5"
    at the bottom."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    if scale is None:
        sheet.page_setup.fitToWidth = pages_wide
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        sheet.page_setup.scale = scale
        sheet.sheet_properties.pageSetUpPr.fitToPage = False
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.print_options.horizontalCentered = True
    font = f"{FONT},Regular"
    if heading:
        sheet.oddHeader.center.text = heading.replace("&", "&&")
        sheet.oddHeader.center.font = f"{FONT},Italic"
        sheet.oddHeader.center.size = 10
        if not first_page_heading:  # page 1 shows the title in its cells
            sheet.HeaderFooter.differentFirst = True
            sheet.firstFooter.center.text = "Trang &P/&N"
            sheet.firstFooter.center.font = font
            sheet.firstFooter.center.size = 10
    sheet.oddFooter.center.text = "Trang &P/&N"
    sheet.oddFooter.center.font = font
    sheet.oddFooter.center.size = 10


def set_properties(workbook, title: str, subject: str) -> None:
    properties = workbook.properties
    properties.title = title
    properties.subject = subject
    properties.creator = f"TTĐN Desktop {__version__}"
    properties.created = properties.modified = datetime.now().replace(microsecond=0)
    properties.language = "vi-VN"
