"""The member list written as the Excel sheet the secretariat keeps (and reads back with
exchange/members_xlsx.py): code, name, kind and e-mail address, one member a row."""

from __future__ import annotations

import os

from ttdn_desktop.office.sheets import (BODY_FONT, HEADER_FONT, new_workbook, put,
                                        set_properties, width_for)
from ttdn_desktop.util.files import save_atomic

# the headers the reader knows (exchange/members_xlsx.py), in the words of the window
HEADERS = ("Mã", "Tên đơn vị", "Loại", "Thư điện tử")


def write_members_xlsx(rows: list[dict], out: str | os.PathLike) -> None:
    """`rows`: the members (code, name, kind, email), retired ones left out by the caller."""
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Đơn vị thành viên"
    for number, header in enumerate(HEADERS, start=1):
        put(sheet, 1, number, header, font=HEADER_FONT)
    keys = ("code", "name", "kind", "email")
    for row, member in enumerate(rows, start=2):
        for number, key in enumerate(keys, start=1):
            put(sheet, row, number, member[key] or None, font=BODY_FONT)
    for number, key in enumerate(keys, start=1):
        letter = sheet.cell(1, number).column_letter
        sheet.column_dimensions[letter].width = width_for(
            [HEADERS[number - 1], *(m[key] or "" for m in rows)], minimum=8)
    sheet.freeze_panes = "A2"
    set_properties(workbook, "Danh sách đơn vị thành viên", "TTĐN")
    save_atomic(out, workbook.save)
