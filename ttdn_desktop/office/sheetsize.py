"""How big a workbook is, told before any spreadsheet library parses it: rows and cells counted
by streaming each sheet's XML (.xlsx, .ods) or walking the BIFF records (.xls), shared strings
by their count. openpyxl holds every cell as an object (a 5 MB .xlsx of 1.000.000 rows took
37 s and 1 GB), so a workbook past a cap is refused with the cap in words, never parsed.

The caps admit the largest real statistics sheets three times over: the app's own statistics
workbook for 100 agencies and every indicator of the form (41 figures each) holds 4.830 cells
(its «Theo đơn vị» sheet 103 rows of 44); an agency's appendix of activities runs to a few
hundred rows. They are set by what reads within 3 s: openpyxl loads an agency's sheet twice
(formulas, then their values), and 20.000 cells took 2,6 s on a shared two-core machine
(bench/bench_sheet_caps.py); 15.000 leaves room."""

from __future__ import annotations

import codecs
import re
import struct
import zipfile

from lxml import etree

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.text import format_number, shown
from ttdn_desktop.office.formats import zip_mimetype
from ttdn_desktop.office.safezip import (CORRUPT, EXCEL, Limits, open_office, xml_encoding,
                                         xml_head)

MAX_CELLS = 15_000            # cells of the whole workbook, every sheet together
MAX_SHEET_ROWS = 50_000       # rows of one sheet, empty ones too (formatted down the page)
MAX_SHARED_STRINGS = 50_000   # distinct texts of an .xlsx or .xls (Excel keeps unused ones)
MAX_XLS_RECORDS = 500_000     # BIFF records of an .xls, whatever they are

_CHUNK = 1 << 20
_CARRY = 64  # longer than any tag the counters look for


def _tags(*names: str) -> re.Pattern:
    """An opening tag of any of `names`, with or without a namespace prefix."""
    alternatives = b"|".join(re.escape(name.encode()) for name in names)
    return re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:" + alternatives + rb")[\s/>]")


XLSX_ROW, XLSX_CELL, XLSX_STRING = _tags("row"), _tags("c"), _tags("si")
ODS_ROW, ODS_CELL = _tags("table-row"), _tags("table-cell", "covered-table-cell")


def _utf8_chunks(stream):
    """The stream's XML in chunks of UTF-8, whatever encoding it is written in (a UTF-16 part
    counted as bytes would show no tag at all)."""
    first = stream.read(_CHUNK)
    encoding = xml_encoding(first)
    try:
        plain = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        plain = True  # the DTD check (safezip.forbidden_xml) refuses it by name
    if plain:
        yield first
        yield from iter(lambda: stream.read(_CHUNK), b"")
        return
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    chunk = first
    while chunk:
        yield decoder.decode(chunk).encode("utf-8")
        chunk = stream.read(_CHUNK)


def count_tags(stream, patterns: dict[str, re.Pattern], caps: dict[str, int]) -> dict[str, int]:
    """How many opening tags of each pattern `stream` holds, stopping as soon as one passes its
    cap (in `caps`, by the same keys). The XML is never parsed: a tag split between two reads
    is counted once."""
    counts = {key: 0 for key in patterns}
    carry = b""
    for chunk in _utf8_chunks(stream):
        data = carry + chunk
        for key, pattern in patterns.items():
            counts[key] += sum(1 for m in pattern.finditer(data) if m.end() > len(carry))
            if counts[key] > caps.get(key, float("inf")):
                return counts
        carry = data[-_CARRY:]
    return counts


def _refuse(file_name: str, what: str, cap: int, scope: str, where: str = "") -> PackageError:
    return PackageError(file_name, f"bảng tính quá lớn: {where}có hơn {format_number(cap)} "
                                   f"{what} (giới hạn: {format_number(cap)} {what} {scope}), "
                                   "không phải một biểu số liệu; không đọc")


# --- .xlsx -------------------------------------------------------------------------------------
def check_xlsx_size(file_name: str, archive: zipfile.ZipFile) -> None:
    """Every worksheet's rows and the workbook's cells and shared strings under the caps, by
    the tags each part really holds. The sheet's own <dimension> is not asked: Excel declares
    A1:XFD1048576 once a user formats whole columns, over a few dozen rows, and a dimension
    can as well understate what follows."""
    try:
        _check_xlsx_size(file_name, archive)
    except CORRUPT + (RuntimeError,):  # RuntimeError: an encrypted member
        raise PackageError(file_name, "tệp Excel bị hỏng hoặc tải về chưa hết, không đọc "
                                      "được") from None


def _check_xlsx_size(file_name: str, archive: zipfile.ZipFile) -> None:
    # Every XML part is counted, not only those named like worksheets and shared strings:
    # openpyxl finds them through the workbook's relationships, whatever they are called.
    titles = _sheet_titles(archive)
    cells = strings = 0
    for name in archive.namelist():
        if not name.lower().endswith(".xml"):
            continue
        where = f"trang «{shown(titles.get(name, name.rsplit('/', 1)[-1]), 40)}» "
        with archive.open(name) as stream:
            counts = count_tags(stream, {"rows": XLSX_ROW, "cells": XLSX_CELL,
                                         "strings": XLSX_STRING},
                                {"rows": MAX_SHEET_ROWS, "cells": MAX_CELLS - cells,
                                 "strings": MAX_SHARED_STRINGS - strings})
        if counts["rows"] > MAX_SHEET_ROWS:
            raise _refuse(file_name, "dòng", MAX_SHEET_ROWS, "một trang", where)
        cells += counts["cells"]
        strings += counts["strings"]
        if cells > MAX_CELLS:
            raise _refuse(file_name, "ô", MAX_CELLS, "cả tệp")
        if strings > MAX_SHARED_STRINGS:
            raise _refuse(file_name, "chuỗi chữ khác nhau", MAX_SHARED_STRINGS, "cả tệp")


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """{part: the sheet's name as Excel shows it}, for the message; {} if they cannot be told
    (the parts were checked free of DTDs and sizes before, by safezip)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    relation = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        book = etree.fromstring(archive.read("xl/workbook.xml"), parser)
        links = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser)
        targets = {link.get("Id"): "xl/" + link.get("Target", "").lstrip("/").removeprefix("xl/")
                   for link in links}
        return {targets[sheet.get(relation)]: sheet.get("name", "") for sheet in book.iter()
                if sheet.get(relation) in targets}
    except Exception:  # a name in a message is a nicety: the file is refused either way
        return {}


# --- .ods, .fods -------------------------------------------------------------------------------
def check_ods_size(file_name: str, stream) -> None:
    """An OpenDocument spreadsheet's content.xml (or the flat file) under the caps: its row and
    cell elements counted (a «number-rows-repeated» costs nothing past the 5.000 rows the
    reader takes)."""
    counts = count_tags(stream, {"rows": ODS_ROW, "cells": ODS_CELL},
                        {"rows": MAX_SHEET_ROWS, "cells": MAX_CELLS})
    if counts["rows"] > MAX_SHEET_ROWS:
        raise _refuse(file_name, "dòng", MAX_SHEET_ROWS, "một trang")
    if counts["cells"] > MAX_CELLS:
        raise _refuse(file_name, "ô", MAX_CELLS, "cả tệp")


# --- .xls (BIFF8) -------------------------------------------------------------------------------
_ROW, _SST, _EOF, _FILEPASS = 0x0208, 0x00FC, 0x000A, 0x002F
_CELL_RECORDS = {0x0203, 0x00FD, 0x027E, 0x0006, 0x0201, 0x0204, 0x0205, 0x00D6, 0x0406}
_MULRK, _MULBLANK = 0x00BD, 0x00BE


def check_xls_size(file_name: str, stream: bytes) -> None:
    """The records of an Excel 97–2003 «Workbook» stream walked, not read: ROW records per
    sheet, cell records (a MULRK or MULBLANK counts each of its cells) and the shared string
    table's count under the caps. A record running past the stream is left to xlrd to name as
    damage."""
    position, records, rows, cells = 0, 0, 0, 0
    end = len(stream)
    while position + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        position = body + length
        records += 1
        if kind == _FILEPASS:
            return  # what follows is encrypted: xlrd says the file has a password
        if records > MAX_XLS_RECORDS:
            raise _refuse(file_name, "bản ghi", MAX_XLS_RECORDS, "cả tệp")
        if kind in _CELL_RECORDS:
            cells += 1
        elif kind == _MULRK:
            cells += max(0, (length - 6) // 6)
        elif kind == _MULBLANK:
            cells += max(0, (length - 6) // 2)
        elif kind == _ROW:
            rows += 1
            if rows > MAX_SHEET_ROWS:
                raise _refuse(file_name, "dòng", MAX_SHEET_ROWS, "một trang", "một trang ")
        elif kind == _EOF:
            rows = 0  # the end of the globals or of one sheet: the next counts its own rows
        elif kind == _SST and length >= 8:
            unique = struct.unpack_from("<I", stream, body + 4)[0]
            if unique > MAX_SHARED_STRINGS:
                raise _refuse(file_name, "chuỗi chữ khác nhau", MAX_SHARED_STRINGS, "cả tệp")
        if cells > MAX_CELLS:
            raise _refuse(file_name, "ô", MAX_CELLS, "cả tệp")


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def is_ods(data: bytes) -> bool:
    """A LibreOffice Calc sheet: .ods (a zip whose mimetype says so) or flat .fods."""
    if data.startswith(b"PK"):
        return zip_mimetype(data) == ODS_MIMETYPE
    head = xml_head(data, 4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<?xml") and ODS_MIMETYPE in head


def open_workbook(file_name: str, data: bytes, limits: Limits) -> zipfile.ZipFile:
    """An .xlsx opened and checked as every Office file is (safezip.open_office), then counted
    before anything parses its cells (check_xlsx_size)."""
    archive = open_office(file_name, data, limits, EXCEL)
    check_xlsx_size(file_name, archive)
    return archive
