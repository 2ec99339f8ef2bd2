"""The statistics workbook: "Tổng hợp" (totals) and "Theo đơn vị" (per agency)."""

from __future__ import annotations

import os

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ttdn_desktop.core.merge import Consolidation
from ttdn_desktop.core.text import clean_text
from ttdn_desktop.export.rows import stat_rows
from ttdn_desktop.util.files import atomic_path

COUNT_FORMAT = "#,##0"
RATE_FORMAT = "#,##0.00"
HEADERS = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Cùng kỳ năm trước", "So sánh (%)",
           "Ghi chú"]


def append_row(sheet, values) -> None:
    """Append a row; text never becomes a formula, whatever it starts with (openpyxl turns a
    str starting with "=" into a formula unless the cell is typed as a string)."""
    sheet.append([clean_text(v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def write_stats_xlsx(consolidation: Consolidation, out: str | os.PathLike) -> None:
    workbook = Workbook()
    totals = workbook.active
    totals.title = "Tổng hợp"
    title = consolidation.form.report_title(consolidation.period)
    append_row(totals, ["BIỂU TỔNG HỢP SỐ LIỆU CÔNG TÁC THÔNG TIN ĐỐI NGOẠI"])
    append_row(totals, [title])
    append_row(totals, [])
    append_row(totals, HEADERS)
    for cell in totals[4]:
        cell.font = Font(bold=True)
    for row in stat_rows(consolidation):
        append_row(totals, [row.number, row.label, row.unit, row.this, row.last, row.compare, row.note])
        number_format = RATE_FORMAT if row.kind == "rate" else COUNT_FORMAT
        for cell in totals[totals.max_row][3:5]:
            cell.number_format = number_format
        totals.cell(totals.max_row, 6).number_format = RATE_FORMAT
        if row.is_member:
            totals.cell(totals.max_row, 2).font = Font(italic=True)
    totals.column_dimensions["B"].width = 70
    totals.column_dimensions["C"].width = 14
    for column in "DEF":
        totals.column_dimensions[column].width = 16
    totals.freeze_panes = "A5"

    agencies = workbook.create_sheet("Theo đơn vị")
    keys = [(row.key, row) for row in stat_rows(consolidation)]
    append_row(agencies, ["STT", "Đơn vị"] + [row.label.strip("– ") if not row.is_member
                                          else f"{row.key[0]}: {row.label.strip('– ')}"
                                          for _, row in keys])
    for cell in agencies[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for n, status in enumerate(consolidation.statuses, start=1):
        code = status.agency.code
        append_row(agencies, [n, status.agency.name] + [consolidation.per_agency.get(key, {}).get(code)
                                                   for key, _ in keys])
    append_row(agencies, ["", "Tổng cộng"] + [consolidation.totals.get(key) for key, _ in keys])
    agencies.column_dimensions["B"].width = 40
    agencies.freeze_panes = "C2"

    with atomic_path(out) as temp:
        workbook.save(temp)
