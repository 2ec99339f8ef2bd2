"""Oversized sheets are refused before any spreadsheet library parses them, with the cap in
words (issue 22, point 7): a 5 MB form of 1.000.000 rows took 37 s and 1 GB before it was
held. Times and memory are measured by bench/bench_sheet_caps.py, not here."""

import io
import re
import struct
import zipfile

import pytest
from openpyxl import Workbook

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.rules import REJECTED
from ttdn_desktop.exchange.sheet_grid import read_grids
from ttdn_desktop.office.sheetsize import (MAX_CELLS, MAX_SHARED_STRINGS, MAX_SHEET_ROWS,
                                           check_xlsx_size)

from .helpers import H1, count
from .sheetfiles import cell, fods, ole_file, row, sheet


def _tables(ws):
    return {t: count(ws.db, t) for t in ("reports", "revisions", "held_packages")}


def _with_sheet_xml(data: bytes, part: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            value = old.read(item.filename)
            new.writestr(item.filename, change(value) if item.filename == part else value)
        if part not in old.namelist():
            new.writestr(part, change(b""))
    return out.getvalue()


def _rows(first: int, count: int, cells: int = 1) -> bytes:
    return b"".join(b'<row r="%d">' % r + b"".join(b'<c r="%s%d"><v>1</v></c>' % (
        bytes([65 + c]), r) for c in range(cells)) + b"</row>"
        for r in range(first, first + count))


def test_the_apps_form_with_too_many_rows_is_refused_unread(workspace, tmp_path):
    """The attack: the form sent to an agency comes back with rows added to «Số liệu»."""
    workspace.agencies.add("XA01", "UBND xã Hạ Long")
    form = tmp_path / "mau.xlsx"
    workspace.files.form_xlsx("XA01", H1, form)
    empty_rows = b"".join(b'<row r="%d"/>' % r for r in range(1000, 1001 + MAX_SHEET_ROWS))
    data = _with_sheet_xml(form.read_bytes(), "xl/worksheets/sheet2.xml",
                           lambda xml: xml.replace(b"</sheetData>", empty_rows + b"</sheetData>"))
    path = tmp_path / "da-dien.xlsx"
    path.write_bytes(data)
    before = _tables(workspace)
    [result] = workspace.imports.run([path])
    assert result.outcome == REJECTED, result
    assert "bảng tính quá lớn: trang «Số liệu» có hơn 50.000 dòng (giới hạn: 50.000 dòng " \
           "một trang)" in result.detail, result.detail
    assert _tables(workspace) == before


def _workbook(rows: int, columns: int) -> bytes:
    book = Workbook()
    for r in range(rows):
        book.active.append([f"Dòng {r}"] + [r * c for c in range(columns - 1)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _lying_dimension(xml: bytes) -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>', xml)


@pytest.mark.parametrize("case, reason", [
    ("cells", "có hơn 15.000 ô (giới hạn: 15.000 ô cả tệp)"),
    ("strings", "có hơn 50.000 chuỗi chữ khác nhau"),
    ("utf-16", "có hơn 15.000 ô"),
])
def test_an_agency_sheet_past_a_cap_is_refused(case, reason):
    data = _workbook(3, 3)
    part = "xl/worksheets/sheet1.xml"
    if case == "cells":  # a dimension that lies does not hide them
        def change(xml):
            return _lying_dimension(xml).replace(b"</sheetData>", _rows(10, MAX_CELLS // 4, 4)
                                                 + b"</sheetData>")
    elif case == "strings":  # a part of any name: openpyxl finds it by the relationships
        part = "xl/texts.xml"

        def change(_):
            return (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    + b"<si><t>x</t></si>" * (MAX_SHARED_STRINGS + 1) + b"</sst>")
    else:  # the sheet's XML in UTF-16: counted as the parser reads it
        def change(xml):
            text = xml.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
            text = text.replace("</sheetData>", _rows(10, MAX_CELLS + 1).decode()
                                + "</sheetData>")
            return text.encode("utf-16")
    hostile = _with_sheet_xml(data, part, change)
    with pytest.raises(PackageError, match=re.escape(reason)):
        read_grids("so-lieu.xlsx", hostile)


def test_the_largest_real_sheets_are_admitted():
    """100 agencies × every indicator (the app's own statistics workbook: 101 rows of 44
    cells), and a workbook just under every cap."""
    for data in (_workbook(101, 44), _workbook(MAX_CELLS // 10, 10)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_xlsx_size("so-lieu.xlsx", archive)
    under = _with_sheet_xml(_workbook(1, 1), "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b"</sheetData>", b"".join(b'<row r="%d"/>' % r for r in range(2, MAX_SHEET_ROWS))
        + b"</sheetData>"))
    assert read_grids("so-lieu.xlsx", under)[0].cells == {(1, 1): "Dòng 0"}


def test_a_sheet_declaring_the_whole_grid_is_read_by_its_real_rows():
    """Excel declares <dimension ref="A1:XFD1048576"> once a user formats whole columns, over
    the few dozen rows the sheet holds: before, it was refused as «trang «Sheet» có hơn 50.000
    dòng», which was untrue. The rows it really holds are what is counted."""
    whole = _with_sheet_xml(_workbook(44, 10), "xl/worksheets/sheet1.xml", lambda xml: re.sub(
        rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml))
    with zipfile.ZipFile(io.BytesIO(whole)) as archive:
        assert b'<dimension ref="A1:XFD1048576"/>' in archive.read("xl/worksheets/sheet1.xml")
    [grid] = read_grids("so-lieu.xlsx", whole)
    assert {r for r, _ in grid.cells} == set(range(1, 45))
    assert grid.cells[(44, 1)] == "Dòng 43" and grid.cells[(44, 10)] == 43 * 8


def _biff(*records: tuple[int, bytes]) -> bytes:
    return b"".join(struct.pack("<HH", kind, len(body)) + body for kind, body in records)


BOF = (0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
EOF_RECORD = (0x000A, b"")


@pytest.mark.parametrize("records, reason", [
    # MULBLANK: one record stands for 4.000 blank cells
    ([(0x00BE, struct.pack("<HH", 0, 0) + b"\0\0" * 4000 + b"\0\0")] * 6,
     "có hơn 15.000 ô"),
    ([(0x00FC, struct.pack("<II", 70_000, 70_000))], "có hơn 50.000 chuỗi chữ khác nhau"),
])
def test_an_xls_past_a_cap_is_refused_before_xlrd(records, reason):
    data = ole_file({"Workbook": _biff(BOF, *records, EOF_RECORD)})
    with pytest.raises(PackageError, match=re.escape(reason)):
        read_grids("so-lieu.xls", data)


def test_an_ods_past_a_cap_is_refused():
    cells = [cell(n) for n in range(MAX_CELLS + 1)]
    text = fods(sheet("Số liệu", 1, *(row(*cells[n:n + 100])
                                      for n in range(0, len(cells), 100))))
    with pytest.raises(PackageError, match=re.escape("có hơn 15.000 ô")):
        read_grids("so-lieu.fods", text.encode())
