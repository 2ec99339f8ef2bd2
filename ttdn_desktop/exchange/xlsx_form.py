"""The Excel form for agencies without the app: written for one agency and period, filled in,
e-mailed back and read by `ttdn import`.

Sheets: "Báo cáo" (one row per section: heading, a large input cell, the help text), "Số liệu"
(indicators and breakdown members with an input column, whole non-negative numbers enforced by
data validation) and a very hidden "_ttdn" sheet with the identity (form and version, period,
agency, report id, revision) and the address of every input cell. Everything but the input
cells is locked, and the workbook structure is protected so the identity cannot be unhidden.

On import every problem is named by sheet, cell and reason; an accepted form becomes a package
and goes through exactly the same rules as one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from ttdn_desktop.core.errors import PackageError, TTDNError
from ttdn_desktop.core.forms import TOTAL, Form, FormLibrary
from ttdn_desktop.core.periods import Period, format_date
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.richtext import escape, parse_blocks
from ttdn_desktop.core.text import (clean_line, clean_text, format_number, parse_number,
                                    shown)
from ttdn_desktop.core.validation import check_value
from ttdn_desktop.exchange.manifest import XLSX_FORM, Manifest, parse_manifest
from ttdn_desktop.exchange.sheet_grid import cell_position, check_cells, load_xlsx
from ttdn_desktop.office.safezip import (LIBRARY_FAULTS, XLSX_LIMITS, XML_ERRORS, bad_xml,
                                         library_fault)
from ttdn_desktop.office.sheetsize import open_workbook
from ttdn_desktop.office.sheets import (BOX, CENTER, COUNT_FORMAT, FONT, HEADER_FONT, MIDDLE,
                                        RATE_FORMAT, WRAP_MIDDLE, WRAP_TOP, formula,
                                        new_workbook, print_setup, put, row_height,
                                        set_properties)
from ttdn_desktop.util.files import save_atomic

PROSE = "Báo cáo"
FIGURES = "Số liệu"
IDENTITY = "_ttdn"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
UNLOCKED = Protection(locked=False)
MAX_PROBLEMS_SHOWN = 12
LABEL_WIDTH = 60  # digits, the «Số liệu» sheet's indicator column
_CELL = __import__("re").compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")


@dataclass(frozen=True)
class FormIdentity:
    form: Form
    agency_code: str
    agency_name: str
    period: Period
    report_id: str
    revision: int
    supersedes: int | None


def stable_report_id(agency_code: str, period: Period, form_id: str) -> str:
    """The id an Excel-filled report gets when the database has none: the same for every form
    written for that agency and period, so two copies of the form are one report."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ttdn-xlsx:{agency_code}:{period.code}:{form_id}"))


# --- Section text in a cell: what the reader sees, never our mark-up ---------------------------
def readable_cell(text: str | None):
    """The stored text as Excel shows it: bold and italic as formatting (not "**…**"), a list
    item as "- …", a literal asterisk as itself. Plain text when there is no formatting."""
    if not text:
        return None
    blocks = parse_blocks(text)
    if not any(run.bold or run.italic for block in blocks for run in block.runs):
        return "\n".join(("- " if b.kind == "bullet" else "") + b.text for b in blocks)
    parts: list = []
    for n, block in enumerate(blocks):
        prefix = ("\n" if n else "") + ("- " if block.kind == "bullet" else "")
        if prefix:
            parts.append(TextBlock(InlineFont(rFont=FONT, sz=11), prefix))
        for run in block.runs:
            parts.append(TextBlock(InlineFont(rFont=FONT, sz=11, b=run.bold or None,
                                              i=run.italic or None), run.text))
    return CellRichText(parts)


def markup_of_cell(value) -> str:
    """A section cell read back: formatting becomes our mark-up again; asterisks typed by the
    user stay asterisks."""
    if isinstance(value, CellRichText):
        out = []
        for part in value:
            if isinstance(part, TextBlock):
                text = escape(part.text)
                font = part.font
                if font is not None and font.b and text.strip():
                    text = f"**{text}**"
                if font is not None and font.i and text.strip():
                    text = f"*{text}*"
                out.append(text)
            else:
                out.append(escape(str(part)))
        return "".join(out)
    return escape(value if isinstance(value, str) else str(value))


# --- Writing ---------------------------------------------------------------------------------
def write_form_xlsx(identity: FormIdentity, out, prefill: ReportContent | None = None,
                    deadline: date | None = None) -> None:
    prefill = (prefill or ReportContent()).normalized()
    form = identity.form
    workbook = new_workbook()
    prose = workbook.active
    prose.title = PROSE
    figures = workbook.create_sheet(FIGURES)
    hidden = workbook.create_sheet(IDENTITY)
    cells: list[tuple[str, str]] = []

    top = _identity_block(prose, identity, deadline)
    put(prose, top, 1, "Mục", font=HEADER_FONT, alignment=CENTER, border=BOX)
    put(prose, top, 2, "Nội dung báo cáo (gõ hoặc dán vào ô màu vàng; xuống dòng: Alt+Enter)",
        font=HEADER_FONT, alignment=CENTER, border=BOX)
    put(prose, top, 3, "Hướng dẫn", font=HEADER_FONT, alignment=CENTER, border=BOX)
    row = top + 1
    for section in form.prose_sections:
        indent = "    " * (section.level - 1)
        put(prose, row, 1, indent + section.numbered_heading,
            font=Font(name=FONT, size=12, bold=True, italic=section.level == 3),
            alignment=WRAP_TOP, border=BOX)
        cell = put(prose, row, 2, readable_cell(prefill.sections.get(section.id)),
                   alignment=WRAP_TOP, border=BOX)
        cell.fill, cell.protection = INPUT_FILL, UNLOCKED
        put(prose, row, 3, section.help, font=Font(name=FONT, size=10, italic=True,
                                                   color="595959"),
            alignment=WRAP_TOP, border=BOX)
        prose.row_dimensions[row].height = 110 if section.level > 1 or not form.children(
            section.id) else 60
        cells.append((f"section:{section.id}", f"B{row}"))
        row += 1
    for letter, width in (("A", 38), ("B", 90), ("C", 42)):
        prose.column_dimensions[letter].width = width
    prose.freeze_panes = f"A{top + 1}"
    print_setup(prose, f"{top}:{top}")

    _figures_sheet(figures, identity, prefill, cells)
    _identity_sheet(hidden, identity, cells)

    for sheet in (prose, figures):
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False  # widths and heights may still be adjusted
        sheet.protection.formatRows = False
    workbook.security = WorkbookProtection(lockStructure=True)
    set_properties(workbook, f"Mẫu báo cáo TTĐN {identity.period.label} — {identity.agency_name}",
                   form.name)
    save_atomic(out, workbook.save)


def _identity_block(sheet, identity: FormIdentity, deadline: date | None) -> int:
    put(sheet, 1, 1, f"{identity.form.name.upper()}",
        font=Font(name=FONT, size=14, bold=True))
    sheet.merge_cells("A1:C1")
    lines = [
        ("Đơn vị", f"{identity.agency_name} (mã {identity.agency_code})"),
        ("Kỳ báo cáo", f"{identity.period.label} ({identity.period.code})"),
        ("Mẫu", f"{identity.form.id}, phiên bản {identity.form.version}; lần gửi "
                f"{identity.revision}"),
    ]
    if deadline:
        lines.append(("Hạn gửi", format_date(deadline)))
    row = 2
    for label, value in lines:
        put(sheet, row, 1, label, font=HEADER_FONT)
        put(sheet, row, 2, value)
        row += 1
    put(sheet, row, 1, "Điền vào các ô màu vàng ở trang «Báo cáo» và «Số liệu», lưu lại dưới "
                       "dạng .xlsx (không đổi tên trang, không dùng macro) rồi gửi qua thư điện "
                       "tử. Các ô khác đã được khóa.",
        font=Font(name=FONT, size=11, italic=True), alignment=WRAP_TOP)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    sheet.row_dimensions[row].height = 32
    return row + 2


def _figures_sheet(sheet, identity: FormIdentity, prefill: ReportContent, cells) -> None:
    form = identity.form
    put(sheet, 1, 1, f"SỐ LIỆU {identity.period.phrase.upper()} — {identity.agency_name}",
        font=Font(name=FONT, size=13, bold=True))
    sheet.merge_cells("A1:F1")
    headers = ("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú", "Kiểm tra")
    for index, text in enumerate(headers, start=1):
        put(sheet, 3, index, text, font=HEADER_FONT, alignment=CENTER, border=BOX)
    counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True, showErrorMessage=True,
                            errorTitle="Số liệu không hợp lệ",
                            error="Chỉ nhập số nguyên không âm (ví dụ 3800).")
    rates = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                           allow_blank=True, showErrorMessage=True,
                           errorTitle="Tỷ lệ không hợp lệ", error="Nhập tỷ lệ từ 0 đến 100.")
    sheet.add_data_validation(counts)
    sheet.add_data_validation(rates)
    row = 4
    for number, indicator in enumerate(form.indicators, start=1):
        total_row = row
        for key in indicator.keys:
            member = indicator.breakdown.member(key[1]) if key[1] else None
            label = f"– {member.label}" if member else indicator.label
            style = Font(name=FONT, size=11, bold=member is None, italic=member is not None)
            put(sheet, row, 1, "" if member else number, alignment=CENTER, border=BOX)
            put(sheet, row, 2, label, font=style, alignment=WRAP_MIDDLE, border=BOX)
            put(sheet, row, 3, indicator.unit, alignment=CENTER, border=BOX)
            value = put(sheet, row, 4, prefill.figures.get(key), border=BOX, alignment=MIDDLE,
                        number_format=RATE_FORMAT if indicator.kind == "rate" else COUNT_FORMAT)
            value.fill, value.protection = INPUT_FILL, UNLOCKED
            (rates if indicator.kind == "rate" else counts).add(value.coordinate)
            cells.append((f"figure:{key[0]}:{key[1]}", f"D{row}"))
            note = put(sheet, row, 5, prefill.notes.get(indicator.id) if not member else None,
                       alignment=WRAP_MIDDLE, border=BOX)
            if not member:
                note.fill, note.protection = INPUT_FILL, UNLOCKED
                cells.append((f"note:{indicator.id}", f"E{row}"))
            put(sheet, row, 6, None, border=BOX)
            sheet.row_dimensions[row].height = row_height(label, LABEL_WIDTH,
                                                          bold=member is None)
            row += 1
        if indicator.breakdown_adds_up:
            parts = f"D{total_row + 1}:D{row - 1}"
            formula(sheet, total_row, 6,
                    f'IF(COUNT({parts})=0,"",IF(SUM({parts})=D{total_row},"Khớp",'
                    f'"Các thành phần cộng lại "&SUM({parts})&", khác số tổng"))',
                    font=Font(name=FONT, size=10, italic=True, color="C00000"),
                    alignment=WRAP_MIDDLE, border=BOX)
    for letter, width in (("A", 6), ("B", LABEL_WIDTH), ("C", 13), ("D", 14), ("E", 28),
                          ("F", 26)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"
    print_setup(sheet, "3:3", landscape=False)


def _identity_sheet(sheet, identity: FormIdentity, cells) -> None:
    manifest = Manifest(XLSX_FORM, identity.form.id, identity.form.version, identity.period,
                        identity.agency_code, identity.agency_name, identity.report_id,
                        identity.revision, identity.supersedes, datetime.now())
    values = manifest.to_cells() + cells
    for row, (key, value) in enumerate(values, start=1):
        put(sheet, row, 1, key)
        put(sheet, row, 2, value)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


# --- Reading -----------------------------------------------------------------------------------
def read_form_xlsx(file_name: str, data: bytes, forms: FormLibrary
                   ) -> tuple[FormIdentity, ReportContent, datetime | None]:
    """Check and read a filled-in form. Returns (identity, content, when it was last saved).
    Raises PackageError naming every problem by sheet and cell."""
    if not getattr(openpyxl, "DEFUSEDXML", False):
        raise PackageError(file_name, "thiếu thư viện defusedxml nên không thể đọc tệp Excel an "
                                      "toàn; hãy cài lại TTĐN Desktop")
    archive = open_workbook(file_name, data, XLSX_LIMITS)
    try:
        check_cells(file_name, archive)
        return _read_form(file_name, data, forms)
    except XML_ERRORS:
        raise bad_xml(file_name, data, XLSX_LIMITS, "tệp Excel") from None
    except LIBRARY_FAULTS as error:
        fault = library_fault(file_name, error, "tệp Excel")
        if fault is None:
            raise
        raise fault from None


MAX_IDENTITY_ROWS = 5_000


def _read_form(file_name: str, data: bytes, forms: FormLibrary
               ) -> tuple[FormIdentity, ReportContent, datetime | None]:
    workbook = load_xlsx(file_name, data, data_only=True, rich_text=True)
    if IDENTITY not in workbook.sheetnames:
        raise PackageError(file_name, "tệp Excel này không phải mẫu báo cáo TTĐN (thiếu phần "
                                      "nhận dạng); hãy dùng mẫu do TTĐN Desktop tạo ra")
    if workbook[IDENTITY].max_row > MAX_IDENTITY_ROWS:
        raise PackageError(file_name, f"phần nhận dạng của mẫu có ô ở dòng "
                                      f"{format_number(workbook[IDENTITY].max_row)}, quá giới hạn "
                                      f"{format_number(MAX_IDENTITY_ROWS)} dòng: tệp đã bị sửa")
    raw = {str(r[0]): r[1] for r in workbook[IDENTITY].iter_rows(min_col=1, max_col=2,
                                                                  values_only=True) if r[0]}
    identity = _identity(file_name, raw, forms)
    content, problems = _content(workbook, raw, identity.form)
    if problems:
        listed = "; ".join(problems[:MAX_PROBLEMS_SHOWN])
        more = f" (và {len(problems) - MAX_PROBLEMS_SHOWN} lỗi khác)" \
            if len(problems) > MAX_PROBLEMS_SHOWN else ""
        raise PackageError(file_name, f"{len(problems)} lỗi, chưa nhập gì: {listed}{more}")
    if not (content.sections or content.figures):
        raise PackageError(file_name, "mẫu chưa được điền gì (các ô màu vàng đều trống)")
    modified = workbook.properties.modified
    return identity, content, modified if isinstance(modified, datetime) else None


def _identity(file_name: str, raw: dict, forms: FormLibrary) -> FormIdentity:
    manifest = parse_manifest(file_name, raw, XLSX_FORM)
    try:
        form = forms.get(manifest.form_id, manifest.form_version)
    except TTDNError:
        raise PackageError(file_name, f"mẫu báo cáo «{shown(manifest.form_id)}» phiên bản "
                                      f"{manifest.form_version} chưa có trong máy này") from None
    return FormIdentity(form, manifest.agency_code, manifest.agency_name, manifest.period,
                        manifest.report_id, manifest.revision, manifest.supersedes)


def _content(workbook, raw: dict, form: Form) -> tuple[ReportContent, list[str]]:
    problems: list[str] = []
    sections: dict[str, str] = {}
    figures: dict[tuple[str, str], int | float] = {}
    notes: dict[str, str] = {}
    for key, address in raw.items():
        if not isinstance(address, str) or ":" not in key:
            continue
        kind, _, rest = key.partition(":")
        sheet_name = PROSE if kind == "section" else FIGURES
        if sheet_name not in workbook.sheetnames:
            problems.append(f"thiếu trang «{sheet_name}»")
            break
        if not _CELL.match(address) or cell_position(address) is None:
            problems.append(f"phần nhận dạng của mẫu có địa chỉ ô «{shown(address, 30)}» không hợp lệ")
            continue
        value = workbook[sheet_name][address].value
        where = f"{sheet_name}!{address}"
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if kind == "section" and form.section(rest):
            sections[rest] = clean_text(markup_of_cell(value))
        elif kind == "note" and form.indicator(rest):
            notes[rest] = clean_line(str(value))
        elif kind == "figure":
            indicator_id, _, member = rest.partition(":")
            indicator = form.indicator(indicator_id)
            if indicator is None:
                continue
            try:
                number = _number(value)
            except ValueError as error:
                problems.append(f"{where}: {error}")
                continue
            reason = check_value(indicator.kind, number)
            if reason:
                problems.append(f"{where}: {reason}")
                continue
            figures[(indicator_id, member)] = number
    addresses = {k: v for k, v in raw.items() if k.startswith("figure:")}
    for indicator in form.indicators:
        if not indicator.breakdown_adds_up:
            continue
        parts = [figures[k] for k in indicator.keys[1:] if k in figures]
        total = figures.get((indicator.id, TOTAL))
        if parts and total is not None and sum(parts) != total:
            where = f"{FIGURES}!{addresses.get(f'figure:{indicator.id}:', '?')}"
            problems.append(f"{where}: {indicator.label}: các thành phần cộng lại "
                            f"{format_number(sum(parts))}, khác số tổng {format_number(total)}")
        elif parts and total is None:
            where = f"{FIGURES}!{addresses.get(f'figure:{indicator.id}:', '?')}"
            problems.append(f"{where}: {indicator.label}: có số theo thành phần nhưng thiếu số "
                            "tổng")
    return ReportContent(sections, figures, notes).normalized(), problems


def _number(value):
    """The number in a cell; ValueError (its text the reason) if there is none."""
    if isinstance(value, bool):
        raise ValueError(f"«{shown(value, 30)}» không phải là số")
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    return parse_number(str(value))
