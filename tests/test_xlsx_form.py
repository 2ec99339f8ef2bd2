"""The Excel form: written, filled in with openpyxl as an agency would, imported back."""

import io
import zipfile

import openpyxl
import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from ttdn_desktop.cli import main
from ttdn_desktop.core import rules
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.exchange.xlsx_form import FIGURES, IDENTITY, PROSE
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage.agencies import add_agency
from ttdn_desktop.storage.held import list_held
from ttdn_desktop.workspace import Workspace

from .helpers import H1, count, package
from .sheetfiles import convert


@pytest.fixture
def ws(workspace):
    add_agency(workspace.db, "XA01", "UBND xã Hạ Long")
    return workspace


def _addresses(workbook):
    return {row[0]: row[1] for row in workbook[IDENTITY].iter_rows(values_only=True) if row[0]}


def _fill(path, out, sections=None, figures=None, identity=None):
    workbook = load_workbook(path)
    addresses = _addresses(workbook)
    for section_id, text in (sections or {}).items():
        workbook[PROSE][addresses[f"section:{section_id}"]].value = text
    for (indicator, member), value in (figures or {}).items():
        workbook[FIGURES][addresses[f"figure:{indicator}:{member}"]].value = value
    for key, value in (identity or {}).items():
        row = next(r for r in workbook[IDENTITY].iter_rows() if r[0].value == key)
        row[1].value = value
    workbook.save(out)
    return out


def _form(ws, tmp_path, name="mau.xlsx", agency="XA01"):
    path = tmp_path / name
    ws.files.form_xlsx(agency, H1, path)
    return path


BROCHURE = {("ban_an_pham", ""): 3800, ("ban_an_pham", "vi"): 2800, ("ban_an_pham", "en"): 500,
            ("ban_an_pham", "ja"): 200, ("ban_an_pham", "ko"): 200, ("ban_an_pham", "zh"): 100}


def test_defusedxml_guards_openpyxl():
    assert openpyxl.DEFUSEDXML is True


def test_form_is_locked_but_for_its_input_cells(ws, form, tmp_path):
    workbook = load_workbook(_form(ws, tmp_path))
    assert workbook.sheetnames == [PROSE, FIGURES, IDENTITY]
    assert workbook[IDENTITY].sheet_state == "veryHidden"
    assert workbook.security.lockStructure
    addresses = _addresses(workbook)
    assert addresses["format"] == "ttdn-xlsx-form"
    assert (addresses["form_id"], addresses["form_version"]) == (form.id, form.version)
    assert (addresses["agency_code"], addresses["period"], addresses["revision"]) == \
        ("XA01", "2021-H1", 1)
    for name in (PROSE, FIGURES):
        assert workbook[name].protection.sheet
    prose, figures = workbook[PROSE], workbook[FIGURES]
    an_pham = prose[addresses["section:an_pham"]]
    assert an_pham.protection.locked is False
    heading = prose.cell(an_pham.row, 1)
    assert heading.value.strip() == "3. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại"
    assert heading.protection.locked is True
    assert prose.cell(an_pham.row, 3).value.startswith("Tên ấn phẩm")  # the help text beside
    copies = figures[addresses["figure:ban_an_pham:"]]
    assert copies.protection.locked is False
    assert figures.cell(copies.row, 2).protection.locked is True
    rules_by_cell = {}
    for validation in figures.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            rules_by_cell[cell_range.coord] = (validation.type, validation.operator,
                                               validation.formula1)
    assert rules_by_cell[copies.coordinate] == ("whole", "greaterThanOrEqual", "0")
    rate = addresses["figure:ty_le_bcv_ttdn:"]
    assert rules_by_cell[rate][0] == "decimal"


def test_filled_form_becomes_a_revision_like_a_package(ws, tmp_path):
    path = _fill(_form(ws, tmp_path), tmp_path / "da-dien.xlsx",
                 {"an_pham": "Bộ tài liệu 3.800 bản.\n- tiếng Anh 500 bản", "tap_huan": "2 lớp"},
                 {**BROCHURE, ("lop_tap_huan", ""): 2, ("ty_le_bcv_ttdn", ""): 62.5,
                  ("hop_bao", ""): "1.200"})
    [result] = ws.imports.run([path])
    assert result.outcome == rules.NEW and result.agency_name == "UBND xã Hạ Long"
    report = ws.reports.of("XA01", H1)
    content = report_store.load_content(ws.db, report["id"])
    assert content.sections["an_pham"] == "Bộ tài liệu 3.800 bản.\n- tiếng Anh 500 bản"
    assert content.figures[("ban_an_pham", "en")] == 500
    assert content.figures[("hop_bao", "")] == 1200  # "1.200" typed as text, read the Vietnamese way
    assert content.figures[("ty_le_bcv_ttdn", "")] == 62.5
    # the same file again: already there; another fill of the same form: a conflict
    assert ws.imports.run([path])[0].outcome == rules.SAME
    other = _fill(_form(ws, tmp_path, "lan-dau.xlsx"), tmp_path / "khac.xlsx",
                  {"an_pham": "Khác hẳn"})
    assert load_workbook(other)[IDENTITY]["B9"].value == 2  # a fresh form is revision 2
    newer = ws.imports.run([other])[0]
    assert newer.outcome == rules.NEWER


def test_two_different_fills_of_one_form_conflict(ws, tmp_path):
    blank = _form(ws, tmp_path)
    first = _fill(blank, tmp_path / "a.xlsx", {"an_pham": "Bản A"})
    second = _fill(blank, tmp_path / "b.xlsx", {"an_pham": "Bản B"})
    results = ws.imports.run([first, second])
    assert [r.outcome for r in results] == [rules.NEW, rules.CONFLICT]
    assert list_held(ws.db)[0]["file_name"] == "b.xlsx"


def _tables(ws):
    return {t: count(ws.db, t) for t in ("reports", "revisions", "held_packages")}


def test_problems_named_by_sheet_cell_and_reason_nothing_imported(ws, tmp_path):
    blank = _form(ws, tmp_path)
    addresses = _addresses(load_workbook(blank))
    bad = _fill(blank, tmp_path / "loi.xlsx", {"an_pham": "Có nội dung"},
                {("hop_bao", ""): "ba mươi", ("lop_tap_huan", ""): -2,
                 ("luot_tap_huan", ""): 2.5, ("ban_an_pham", ""): 3800,
                 ("ban_an_pham", "vi"): 2800, ("ban_an_pham", "en"): 500})
    before = _tables(ws)
    [result] = ws.imports.run([bad])
    assert result.outcome == rules.REJECTED
    detail = result.detail
    assert f"Số liệu!{addresses['figure:hop_bao:']}: «ba mươi» không phải là số" in detail
    assert f"Số liệu!{addresses['figure:lop_tap_huan:']}: «-2» không được âm" in detail
    assert f"Số liệu!{addresses['figure:luot_tap_huan:']}: «2,5» phải là số nguyên" in detail
    assert (f"Số liệu!{addresses['figure:ban_an_pham:']}: Số bản ấn phẩm, tài liệu phát hành: "
            "các thành phần cộng lại 3.300, khác số tổng 3.800") in detail
    assert _tables(ws) == before


@pytest.mark.parametrize("identity, reason", [
    ({"form_version": 9}, "phiên bản 9 chưa có"),
    ({"period": "2021-H7"}, "kỳ báo cáo «2021-H7» không hợp lệ"),
    ({"report_id": "abc"}, "mã báo cáo không hợp lệ"),
    ({"format_version": 5}, "mới hơn"),
    ({"revision": True}, "số lần gửi"),  # a bool is not a revision (one manifest check)
])
def test_wrong_identity_is_refused(ws, tmp_path, identity, reason):
    path = _fill(_form(ws, tmp_path), tmp_path / "sai.xlsx", {"an_pham": "x"}, identity=identity)
    [result] = ws.imports.run([path])
    assert result.outcome == rules.REJECTED and reason in result.detail


def test_another_agency_is_held_until_added(ws, tmp_path):
    add_agency(ws.db, "XA02", "UBND xã Bãi Cháy")
    path = _fill(_form(ws, tmp_path, agency="XA02"), tmp_path / "xa02.xlsx", {"an_pham": "x"})
    other = tmp_path / "khac.sqlite3"
    with Workspace(other, ws.forms) as second:
        [result] = second.imports.run([path])
        assert result.outcome == rules.UNKNOWN_AGENCY and "UBND xã Bãi Cháy" in result.line()
        _, released = second.agencies.add("XA02", "UBND xã Bãi Cháy")
        assert [r.outcome for r in released] == [rules.NEW]


def test_empty_form_is_refused(ws, tmp_path):
    [result] = ws.imports.run([_form(ws, tmp_path)])
    assert result.outcome == rules.REJECTED and "chưa được điền" in result.detail


def _rezip(source: bytes, changes: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            new.writestr(item, changes.pop(item.filename, old.read(item.filename)))
        for name, value in changes.items():
            new.writestr(name, value)
    return out.getvalue()


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol3;'
        b'</workbook>')
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&xxe;'
            b'</workbook>')


@pytest.mark.parametrize("kind, reason", [
    ("bomb", "XML bị cấm"), ("external", "XML bị cấm"), ("macro", "macro"),
    ("xlsm-name", "macro"), ("plain", "không phải mẫu báo cáo TTĐN"),
    ("docx", "không phải tệp Excel"), ("truncated", "hỏng"),
])
def test_hostile_or_foreign_workbooks_are_refused(ws, tmp_path, kind, reason):
    filled = _fill(_form(ws, tmp_path), tmp_path / "ok.xlsx", {"an_pham": "x"}).read_bytes()
    name = "tep.xlsx"
    if kind == "bomb":
        data = _rezip(filled, {"xl/workbook.xml": BOMB})
    elif kind == "external":
        data = _rezip(filled, {"xl/workbook.xml": EXTERNAL})
    elif kind == "macro":
        data = _rezip(filled, {"xl/vbaProject.bin": b"\0" * 100})
    elif kind == "xlsm-name":
        data, name = _rezip(filled, {"xl/vbaProject.bin": b"x"}), "tep.xlsm"
    elif kind == "plain":
        buffer = io.BytesIO()
        Workbook().save(buffer)
        data = buffer.getvalue()
    elif kind == "docx":
        buffer = io.BytesIO()
        Document().save(buffer)
        data, name = buffer.getvalue(), "tep.xlsx"
    else:
        data = filled[: len(filled) // 2]
    path = tmp_path / name
    path.write_bytes(data)
    before = _tables(ws)
    [result] = ws.imports.run([path])
    assert result.outcome == rules.REJECTED, result
    assert reason in result.detail, result.detail
    assert _tables(ws) == before


def test_command_line_form_and_import(capsys, tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    main(["--db", db, "agencies", "add", "XA01", "UBND xã Hạ Long"])
    out = tmp_path / "mau.xlsx"
    assert main(["--db", db, "form", "xlsx", "--period", "2021-H1", "--agency", "XA01",
                 "--out", str(out)]) == 0
    _fill(out, out, {"an_pham": "=1+1 không phải công thức"}, BROCHURE)
    capsys.readouterr()
    assert main(["--db", db, "import", str(out)]) == 0
    assert "mau.xlsx: đã nhập — UBND xã Hạ Long" in capsys.readouterr().out


# Issue 22, point 8: a package's text written into a form is text, never a live formula.
FORMULA_LIKE = {"an_pham": '=HYPERLINK("http://example.invalid/x","Bấm vào đây")',
                "tap_huan": "=> Đã tổ chức 5 hội nghị, =SUM(1;2)",
                "bao_chi": "**+84 912 345 678** đường dây nóng\n@người phụ trách"}


@pytest.mark.needs("soffice")
def test_text_from_a_package_is_never_a_formula_in_the_form(ws, form, tmp_path):
    sections = {k: v for k, v in FORMULA_LIKE.items() if form.section(k)}
    assert len(sections) == 3
    source = tmp_path / "goi.ttdn"
    source.write_bytes(package(form, "XA01", "UBND xã Hạ Long",
                               body=ReportContent(sections, {})))
    assert ws.imports.run([source])[0].outcome == rules.NEW
    path = _form(ws, tmp_path)
    workbook = load_workbook(path, rich_text=True)
    addresses = _addresses(workbook)
    for section_id, text in sections.items():
        cell = workbook[PROSE][addresses[f"section:{section_id}"]]
        assert cell.data_type == "s", (section_id, cell.value)
    assert workbook[PROSE][addresses["section:an_pham"]].value == sections["an_pham"]
    # the form's own formulas (the «Kiểm tra» column) are the only ones
    formulas = {(sheet.title, cell.column_letter) for sheet in workbook.worksheets
                for row in sheet.iter_rows() for cell in row if cell.data_type == "f"}
    assert formulas == {(FIGURES, "F")}
    # LibreOffice shows the text as it is: nothing evaluated, no error value
    converted = convert(tmp_path, {"mau.xlsx": path.read_bytes()},
                        'csv:Text - txt - csv (StarCalc):44,34,76')
    text = converted["mau.xlsx"].decode("utf-8")
    assert '=HYPERLINK(""http://example.invalid/x"",""Bấm vào đây"")' in text
    assert "=> Đã tổ chức 5 hội nghị, =SUM(1;2)" in text
    assert "Err:" not in text and "#NAME" not in text
