"""What every workbook we write or hand out shares: safe text cells, Vietnamese number formats,
print set-up."""

from __future__ import annotations

from datetime import datetime

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ttdn_desktop import __version__
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


def put(sheet, row: int, column: int, value, *, font=BODY_FONT, number_format=None,
        alignment=None, border=None):
    """Write one cell. Text is always a string cell, never a formula, whatever it starts with
    (=, +, -, @, tab, CR); formulas are written through `formula()` only."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean_text(value)
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


def row_height(text: str, width_chars: float, line_pt: float = 15) -> float:
    """A row tall enough for wrapped text: openpyxl cannot measure, and LibreOffice keeps the
    default height of rows in a file it did not write."""
    per_line = max(width_chars * 1.15, 1)
    lines = sum(max(1, -(-len(part) // int(per_line))) for part in str(text or "").split("\n"))
    return max(1, lines) * line_pt


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


def fit_columns(sheet, minimum: int = 6, maximum: int = 60, skip_rows: int = 0) -> None:
    """Column widths from the longest line of text in each column (formulas count as numbers)."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=skip_rows + 1):
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            text = "0000000000" if cell.data_type == "f" else str(cell.value)
            longest = max(len(line) for line in text.split("\n"))
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for index, width in widths.items():
        sheet.column_dimensions[column(index)].width = max(minimum, min(maximum, width + 2))


def set_properties(workbook, title: str, subject: str) -> None:
    properties = workbook.properties
    properties.title = title
    properties.subject = subject
    properties.creator = f"TTĐN Desktop {__version__}"
    properties.created = properties.modified = datetime.now().replace(microsecond=0)
    properties.language = "vi-VN"
