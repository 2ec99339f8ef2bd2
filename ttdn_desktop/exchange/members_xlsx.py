"""The member list from an Excel sheet the secretariat already keeps: a header row naming the
code and name columns (and optionally the kind and the e-mail address), one agency a row."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.mail_address import check_address
from ttdn_desktop.core.text import clean_line, fold, hidden_character, shown
from ttdn_desktop.office.safezip import CORRUPT, XLSX_LIMITS
from ttdn_desktop.office.sheetsize import open_workbook

CODE_HEADERS = ("ma", "ma don vi", "ky hieu", "code")
NAME_HEADERS = ("ten", "ten don vi", "don vi", "ten co quan", "co quan", "name")
KIND_HEADERS = ("loai", "loai don vi", "nhom", "kind")
EMAIL_HEADERS = ("thu dien tu", "dia chi thu", "dia chi thu dien tu", "email", "e-mail",
                 "dia chi email", "dia chi e-mail", "mail")


def read_members_xlsx(file_name: str, data: bytes) -> list[tuple[str, str, str, str]]:
    """(code, name, kind, email) rows; email "" where the file has no such column or cell (an
    older file). PackageError names the file, and the row, of any problem."""
    open_workbook(file_name, data, XLSX_LIMITS)
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        # rows as long as their cells, not as the sheet's <dimension>: Excel declares
        # A1:XFD1048576 over a formatted column, and each row came padded to 16.384 values
        sheet.reset_dimensions()
        raw_rows = [[str(v) if v is not None else "" for v in row]
                    for row in sheet.iter_rows(max_row=2000, values_only=True)]
        rows = [[clean_line(v) for v in row] for row in raw_rows]
    except CORRUPT + (KeyError, TypeError, IndexError):
        raise PackageError(file_name, "tệp Excel bị hỏng, không đọc được") from None
    for index, row in enumerate(rows[:20]):
        headers = [fold(cell) for cell in row]
        code_col = next((n for n, h in enumerate(headers) if h in CODE_HEADERS), None)
        name_col = next((n for n, h in enumerate(headers) if h in NAME_HEADERS), None)
        if code_col is not None and name_col is not None:
            kind_col = next((n for n, h in enumerate(headers) if h in KIND_HEADERS), None)
            email_col = next((n for n, h in enumerate(headers) if h in EMAIL_HEADERS), None)
            break
    else:
        raise PackageError(file_name, "không thấy dòng tiêu đề có cột «Mã» và cột «Tên đơn vị» "
                                      "trong 20 dòng đầu của trang đầu tiên")
    members, seen = [], set()
    for number, row in enumerate(rows[index + 1:], start=index + 2):
        cell = lambda col: row[col] if col is not None and col < len(row) else ""  # noqa: E731
        raw = raw_rows[number - 1]
        for what, col in (("mã đơn vị", code_col), ("tên đơn vị", name_col),
                          ("loại đơn vị", kind_col), ("địa chỉ thư", email_col)):
            hidden = hidden_character(raw[col]) if col is not None and col < len(raw) else None
            if hidden:
                raise PackageError(file_name, f"dòng {number}: {what} {hidden} "
                                              f"(«{shown(raw[col], 60)}»): không nhận")
        code, name = cell(code_col).upper(), cell(name_col)
        if not code and not name:
            continue
        if not code or not name:
            raise PackageError(file_name, f"dòng {number}: thiếu {'mã' if not code else 'tên'} "
                                          "đơn vị")
        if code in seen:
            raise PackageError(file_name, f"dòng {number}: mã «{shown(code, 40)}» bị trùng")
        seen.add(code)
        try:
            email = check_address(cell(email_col), f"của {code}")
        except TTDNError as error:
            raise PackageError(file_name, f"dòng {number}: {error.message}") from None
        members.append((code, name, cell(kind_col), email))
    if not members:
        raise PackageError(file_name, "không có đơn vị nào dưới dòng tiêu đề")
    return members
