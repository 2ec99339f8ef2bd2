"""The cells of a workbook an agency made itself, .xlsx (openpyxl) or Excel 97–2003 .xls
(xlrd), in one shape (core.sheetmatch.Grid): values, merged ranges, hidden rows, columns and
sheets, and the formulas whose value was never calculated (never guessed: named).

A password-protected workbook is refused saying so, and a damaged one with a reason naming
the file: never another exception."""

from __future__ import annotations

import io
import warnings

import olefile
import xlrd
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.sheetmatch import MAX_COLUMNS, MAX_ROWS, Grid
from ttdn_desktop.core.text import shown
from ttdn_desktop.office.formats import OLE, is_encrypted_office
from ttdn_desktop.office.safezip import (CORRUPT, XLSX_LIMITS, XML_ERRORS, bad_xml,
                                         check_xml_parts, forbidden_xml, library_fault, open_zip,
                                         read_member)
from ttdn_desktop.office.sheetsize import check_ods_size, check_xls_size, is_ods, open_workbook

ENCRYPTED = ("tệp Excel được đặt mật khẩu; đề nghị đơn vị gỡ mật khẩu rồi gửi lại")
DAMAGED_XLS = "tệp Excel 97–2003 (.xls) bị hỏng hoặc tải về chưa hết, không đọc được"
_NO_VALUE = object()


def read_grids(file_name: str, data: bytes) -> list[Grid]:
    """Every worksheet of an .xls, .xlsx or .ods, by content whatever the name says."""
    if is_encrypted_office(data):
        raise PackageError(file_name, ENCRYPTED)
    if is_ods(data):
        return read_ods(file_name, data)
    if data.startswith(OLE):
        return read_xls(file_name, data)
    return read_xlsx(file_name, data)


# --- Excel 97–2003 -----------------------------------------------------------------------------
def read_xls(file_name: str, data: bytes) -> list[Grid]:
    check_xls_size(file_name, _workbook_stream(data))
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True,
                                  logfile=io.StringIO(), ragged_rows=True)
    except xlrd.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise PackageError(file_name, ENCRYPTED) from None
        raise PackageError(file_name, DAMAGED_XLS) from None
    except Exception:  # xlrd fails on damaged records with whatever Python raises
        raise PackageError(file_name, DAMAGED_XLS) from None
    try:
        return [_xls_grid(book.sheet_by_index(n)) for n in range(book.nsheets)]
    except Exception:
        raise PackageError(file_name, DAMAGED_XLS) from None


def _workbook_stream(data: bytes) -> bytes:
    """The «Workbook» (or Excel 5 «Book») stream of an .xls; b"" if there is none to read,
    which xlrd then names as damage."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            for name in ("Workbook", "Book"):
                if ole.exists(name):
                    return ole.openstream(name).read()
    except Exception:  # olefile raises OSError and its own kinds on a damaged file
        pass
    return b""


def _xls_grid(sheet) -> Grid:
    grid = Grid(sheet.name, hidden=sheet.visibility != 0)
    for r in range(min(sheet.nrows, MAX_ROWS)):
        for c, cell in enumerate(sheet.row(r)[:MAX_COLUMNS]):
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            if cell.ctype == xlrd.XL_CELL_TEXT:
                value = cell.value if cell.value.strip() else None
            elif cell.ctype == xlrd.XL_CELL_NUMBER:
                value = cell.value
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                value = xlrd.error_text_from_code.get(cell.value, "#lỗi")
            else:  # a date or a yes/no: no figure
                value = str(cell.value)
            if value is not None:
                grid.cells[(r + 1, c + 1)] = value
    grid.merged = [(top + 1, left + 1, bottom, right)
                   for top, bottom, left, right in sheet.merged_cells]
    grid.hidden_rows = {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden}
    grid.hidden_columns = {c + 1 for c, info in sheet.colinfo_map.items() if info.hidden}
    return grid


# --- Excel 2007 and later ------------------------------------------------------------------------
def read_xlsx(file_name: str, data: bytes) -> list[Grid]:
    archive = open_workbook(file_name, data, XLSX_LIMITS)
    try:
        check_cells(file_name, archive)
        formulas = load_xlsx(file_name, data, data_only=False)
        values = load_xlsx(file_name, data, data_only=True)
        return [_xlsx_grid(formulas[name], values[name]) for name in formulas.sheetnames
                if formulas[name].__class__.__name__ == "Worksheet"]
    except XML_ERRORS:
        raise bad_xml(file_name, data, XLSX_LIMITS, "tệp Excel") from None
    except PackageError:
        raise
    except Exception as error:
        fault = library_fault(file_name, error, "tệp Excel")
        if fault is None:
            raise
        raise fault from None


def load_xlsx(file_name: str, data: bytes, **options):
    """An .xlsx opened with openpyxl (`options` as load_workbook's); a damaged file, or one
    carrying entities or a DTD (refused by defusedxml), a PackageError saying so."""
    try:
        with warnings.catch_warnings():  # openpyxl's notes on odd parts are not for the user
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), **options)
    except CORRUPT + (KeyError, TypeError):
        raise PackageError(file_name, "tệp Excel bị hỏng, không đọc được") from None
    except Exception as error:  # defusedxml refuses entities and DTDs with its own classes
        if type(error).__module__.startswith("defusedxml"):
            raise PackageError(file_name, "tệp Excel chứa khai báo XML bị cấm (thực thể ngoài "
                                          "hoặc «XML bomb»): không nhận") from None
        raise


def _xlsx_grid(formulas, values) -> Grid:
    grid = Grid(formulas.title, hidden=formulas.sheet_state != "visible")
    rows, columns = min(formulas.max_row, MAX_ROWS), min(formulas.max_column, MAX_COLUMNS)
    for row in formulas.iter_rows(min_row=1, max_row=rows, max_col=columns):
        for cell in row:
            value = cell.value
            if value is None or cell.__class__.__name__ == "MergedCell":
                continue
            if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")
                                         and cell.data_type != "s"):
                value = values.cell(row=cell.row, column=cell.column).value
                if value is None:
                    grid.unevaluated.add((cell.row, cell.column))
                    continue
            if isinstance(value, str) and not value.strip():
                continue
            if not isinstance(value, (str, int, float)):
                value = str(value)  # a date, an array formula: no figure
            grid.cells[(cell.row, cell.column)] = value
    grid.merged = [(m.min_row, m.min_col, m.max_row, m.max_col)
                   for m in formulas.merged_cells.ranges]
    grid.hidden_rows = {r for r, d in formulas.row_dimensions.items() if d.hidden}
    for letter, dimension in formulas.column_dimensions.items():
        if dimension.hidden:
            first = dimension.min or column_index_from_string(letter)
            last = dimension.max or first
            grid.hidden_columns.update(range(first, min(last, MAX_COLUMNS) + 1))
    return grid


# --- OpenDocument spreadsheets (LibreOffice Calc) ------------------------------------------------
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DAMAGED_ODS = "bảng tính OpenDocument (.ods) bị hỏng, không đọc được"


def read_ods(file_name: str, data: bytes) -> list[Grid]:

    if data.startswith(b"PK"):
        archive = open_zip(file_name, data, XLSX_LIMITS)
        if "META-INF/manifest.xml" in archive.namelist() and b"encryption-data" in \
                read_member(file_name, archive, "META-INF/manifest.xml", XLSX_LIMITS):
            raise PackageError(file_name, "bảng tính OpenDocument được đặt mật khẩu; đề nghị "
                                          "đơn vị gỡ mật khẩu rồi gửi lại")
        check_xml_parts(file_name, archive, XLSX_LIMITS)
        content = read_member(file_name, archive, "content.xml", XLSX_LIMITS) \
            if "content.xml" in archive.namelist() else b""
    else:
        content = data
        reason = forbidden_xml(data)
        if reason:
            raise PackageError(file_name, f"bảng tính OpenDocument {reason}")
    check_ods_size(file_name, io.BytesIO(content))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise PackageError(file_name, DAMAGED_ODS) from None
    hidden_styles = {style.get(f"{_STYLE}name") for style in root.iter(f"{_STYLE}style")
                     if any(p.get(f"{_TABLE}display") == "false"
                            for p in style.iter(f"{_STYLE}table-properties"))}
    try:
        return [_ods_grid(table, hidden_styles) for table in root.iter(f"{_TABLE}table")
                if table.getparent() is not None and
                table.getparent().tag == f"{_OFFICE}spreadsheet"]
    except (ValueError, TypeError):
        raise PackageError(file_name, DAMAGED_ODS) from None


def _repeat(element, attribute: str) -> int:
    return max(1, int(element.get(f"{_TABLE}{attribute}", "1")))


def _ods_grid(table, hidden_styles: set) -> Grid:
    grid = Grid(table.get(f"{_TABLE}name", ""), hidden=table.get(f"{_TABLE}style-name")
                in hidden_styles)
    column = 1
    for item in table.iter(f"{_TABLE}table-column"):
        count = _repeat(item, "number-columns-repeated")
        if item.get(f"{_TABLE}visibility", "visible") != "visible":
            grid.hidden_columns.update(range(column, min(column + count, MAX_COLUMNS + 1)))
        column += count
    row = 1
    for item in table.iter(f"{_TABLE}table-row"):
        if row > MAX_ROWS:
            break
        cells = _ods_cells(item)
        count = _repeat(item, "number-rows-repeated")
        for n in range(min(count, MAX_ROWS + 1 - row) if cells else 0):
            for c, (value, pending, span, down) in cells.items():
                if pending:
                    grid.unevaluated.add((row + n, c))
                elif value is not None:
                    grid.cells[(row + n, c)] = value
                if span > 1 or down > 1:
                    grid.merged.append((row + n, c, row + n + down - 1, c + span - 1))
        if item.get(f"{_TABLE}visibility", "visible") != "visible":
            grid.hidden_rows.update(range(row, min(row + count, MAX_ROWS + 1)))
        row += count
    return grid


def _ods_cells(row) -> dict[int, tuple]:
    """{column: (value, formula without a value, columns spanned, rows spanned)}."""
    cells, column = {}, 1
    for cell in row:
        if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            continue
        count = _repeat(cell, "number-columns-repeated")
        if column > MAX_COLUMNS:
            break
        kind = cell.get(f"{_OFFICE}value-type")
        formula = cell.get(f"{_TABLE}formula")
        span = _repeat(cell, "number-columns-spanned")
        down = _repeat(cell, "number-rows-spanned")
        value = None
        if kind in ("float", "percentage", "currency"):
            raw = cell.get(f"{_OFFICE}value")
            value = float(raw) if raw is not None else None
        elif kind is not None or cell.tag == f"{_TABLE}table-cell":
            text = "\n".join("".join(p.itertext()) for p in cell.iter(f"{_TEXT}p"))
            value = cell.get(f"{_OFFICE}string-value") or text or None
        pending = formula is not None and value is None
        if value is not None or pending or span > 1 or down > 1:
            for n in range(min(count, MAX_COLUMNS + 1 - column)):
                cells[column + n] = (value, pending, span, down)
        column += count
    return cells


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
_ADDRESS = __import__("re").compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")


def cell_position(address: str) -> tuple[int, int] | None:
    """(row, column) of "D12", None if it is no address or lies past Excel's last row
    (1.048.576) or column (XFD)."""
    match = _ADDRESS.match(address)
    if not match:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    row = int(match.group(2))
    return (row, column) if 1 <= row <= MAX_ROW and 1 <= column <= MAX_COLUMN else None


def check_cells(file_name: str, archive) -> None:
    """What openpyxl would fail on inside itself, named by part and cell first: an address
    past the last row or column, a style or shared string that is not there."""


    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

    def root(name):
        return etree.fromstring(read_member(file_name, archive, name, XLSX_LIMITS), parser)

    names = set(archive.namelist())
    strings = len(root("xl/sharedStrings.xml").findall(_MAIN + "si")) \
        if "xl/sharedStrings.xml" in names else 0
    styles = None
    if "xl/styles.xml" in names:
        sheet = root("xl/styles.xml")
        xfs = sheet.find(_MAIN + "cellXfs")
        styles = len(xfs) if xfs is not None else 0
        named = sheet.find(_MAIN + "cellStyleXfs")
        for style in sheet.iterfind(f"{_MAIN}cellStyles/{_MAIN}cellStyle"):
            ref = style.get("xfId", "0")
            # openpyxl prints "N is out of range" to stdout before it fails on this
            if not (ref.isascii() and ref.isdigit() and named is not None and
                    int(ref) < len(named)):
                raise PackageError(file_name, f"thành phần «xl/styles.xml» có kiểu ô "
                                              f"«{shown(style.get('name', ''), 40)}» trỏ tới "
                                              f"định dạng số «{shown(ref, 20)}», không có trong "
                                              "tệp")
    for name in sorted(n for n in names if n.startswith("xl/worksheets/") and
                       n.endswith(".xml")):
        where = f"thành phần «{shown(name)}»"
        for element in root(name).iter(_MAIN + "row", _MAIN + "c"):
            ref = element.get("r")
            if element.tag == _MAIN + "row":
                if ref is not None and not (ref.isascii() and ref.isdigit() and
                                            1 <= int(ref) <= MAX_ROW):
                    raise PackageError(file_name, f"{where} có dòng «{shown(ref, 20)}» không "
                                                  "hợp lệ (Excel có từ dòng 1 đến 1.048.576)")
                continue
            if ref is not None and cell_position(ref) is None:
                raise PackageError(file_name, f"{where} có địa chỉ ô «{shown(ref, 20)}» không "
                                              "hợp lệ (quá dòng 1.048.576 hoặc cột XFD)")
            style = element.get("s")
            if style is not None and styles is not None and not (
                    style.isascii() and style.isdigit() and int(style) < max(styles, 1)):
                raise PackageError(file_name, f"{where}, ô {shown(ref or '?', 20)} dùng kiểu "
                                              f"định dạng số «{shown(style, 20)}» không có trong "
                                              "xl/styles.xml")
            if element.get("t") == "s":
                value = element.find(_MAIN + "v")
                index = (value.text or "").strip() if value is not None else "0"
                if not (index.isascii() and index.isdigit() and int(index) < strings):
                    raise PackageError(file_name, f"{where}, ô {shown(ref or '?', 20)} trỏ tới "
                                                  f"chuỗi dùng chung số «{shown(index, 20)}», "
                                                  "không có trong xl/sharedStrings.xml")
