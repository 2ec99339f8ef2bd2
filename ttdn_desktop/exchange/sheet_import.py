"""An agency's own statistics sheet (.xlsx or Excel 97–2003 .xls, not the app's form): read
for its figures, each proposed with the cell it came from and confirmed by the user exactly as
a Word report's figures are (the same report object, the same CLI and window). It brings no
text: the agency's current text stays as it is.

The app's own form (.xlsx with its identity sheet) is still read by exchange/xlsx_form.py."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.sheetmatch import read_grid, title_lines
from ttdn_desktop.core.guesses import guess_agency, guess_period
from ttdn_desktop.exchange.docx_import import import_word_report
from ttdn_desktop.exchange.word_report import WordReport
from ttdn_desktop.office.formats import (MAIL_TEXT, OLE, is_encrypted_office, is_xls, name_of,
                                         ole_streams, report_words)
from ttdn_desktop.office.safezip import CORRUPT
from ttdn_desktop.office.sheetsize import is_ods

SHEET_SUFFIXES = (".xls", ".xlsx", ".xlsm", ".ods", ".fods")
NO_FIGURES = ("bảng tính này không phải mẫu báo cáo TTĐN, và không có số liệu nào khớp chỉ "
              "tiêu của mẫu báo cáo")


@dataclass
class SheetReport(WordReport):
    """Figures only: `warnings` says what was not taken and why (hidden rows, formulas never
    calculated, a total that does not add up, rows matching nothing or the same indicator)."""
    warnings: list[str] = field(default_factory=list)
    figures_only: bool = True
    source: bytes = field(default=b"", repr=False)  # the file, read again for another period


def is_form_xlsx(data: bytes) -> bool:
    """The app's own Excel form: it carries the identity sheet «_ttdn»."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > 4 << 20:
                return False
            return b'name="_ttdn"' in archive.read(info)
    except CORRUPT + (KeyError, RuntimeError):
        return False


def is_agency_sheet(name: str, data: bytes) -> bool:
    """An Excel workbook that is not the app's form (or one locked with a password, named
    as Excel): read here for its figures."""
    if is_xls(data) or is_ods(data):
        return True
    if is_encrypted_office(data):
        return name.lower().endswith(SHEET_SUFFIXES)
    if data.startswith(OLE) and name.lower().endswith(".xls"):
        return "worddocument" not in (ole_streams(data) or set())  # damaged: said so
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                return False
    except CORRUPT + (RuntimeError,):
        return False
    return not is_form_xlsx(data)


def import_sheet_report(file_name: str, data: bytes, form: Form,
                        agencies: list[tuple[str, str]], period=None) -> SheetReport:
    """Every visible sheet's figures, against the form. `period`: the report's period when the
    user gave it (the column of that period is read); else guessed from the title block."""
    # Here, not at the top: openpyxl and xlrd (~150 ms) load when a sheet is read, never for
    # the Word reports read_report takes through this module too.
    from ttdn_desktop.exchange.sheet_grid import read_grids
    grids = read_grids(file_name, data)
    warnings: list[str] = []
    for grid in grids:
        if grid.hidden and grid.cells:
            warnings.append(f"trang «{grid.name}» đang bị ẩn: không đọc")
    visible = [g for g in grids if not g.hidden]
    title = [line for grid in visible for line in title_lines(grid)]
    guess = period or guess_period(" ".join(title))
    found = [read_grid(form, grid, guess) for grid in visible]  # the period's own column
    proposals = []
    for item in found:
        if item.column_note:
            warnings.append(item.column_note)
        warnings.extend(item.warnings)
        proposals.extend(item.proposals)
    if not proposals:
        said = "; ".join(warnings[:6])
        raise PackageError(file_name, NO_FIGURES + (f" ({said})" if said else ""))
    report = SheetReport(file_name, guess_agency(title, agencies),
                         guess,
                         title=" ".join(title[:3]))
    report.proposals = proposals
    report.warnings = warnings
    report.source = data
    return report


def read_report(file_name: str, data: bytes, form: Form, agencies: list[tuple[str, str]],
                remembered=None, period=None) -> WordReport:
    """A report to confirm before it is stored: an agency's own statistics sheet, or a report
    from a word processor (exchange.docx_import)."""
    if is_agency_sheet(file_name, data):
        report = import_sheet_report(file_name, data, form, agencies, period)
        report.kind = report_words(data)
        return report
    kind = name_of(data)
    if file_name.lower().endswith(SHEET_SUFFIXES) and not kind.startswith(
            ("tệp Word", "tệp RTF", "tệp OpenDocument (.odt)")):
        # a web page named .xls, as some systems export their tables, or anything else
        raise PackageError(file_name, f"tệp mang tên bảng tính Excel nhưng thực ra là {kind}; "
                                      "đề nghị đơn vị mở bằng Excel và lưu lại dưới dạng .xlsx "
                                      "rồi gửi lại")
    report = import_word_report(file_name, data, form, agencies, remembered=remembered)
    report.kind = MAIL_TEXT if getattr(report, "mail", None) is not None else report_words(data)
    return report
