"""An agency's own statistics sheet, as LibreOffice Calc saves it (.xlsx and Excel 97–2003
.xls) and as a program writes it (openpyxl): figures matched to indicators by label and unit,
proposed with their cell, stored only when confirmed; everything not taken is named."""

from __future__ import annotations

import io
import random

import pytest
from openpyxl import Workbook

from ttdn_desktop.cli import main
from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.rules import REJECTED, WORD
from ttdn_desktop.core.sheetmatch import Grid, cell_number, read_grid
from ttdn_desktop.exchange.sheet_import import SheetReport, read_report
from ttdn_desktop.storage import reports as report_store

from .ci_tools import needs
from .sheetfiles import convert, encrypted, encrypted_ooxml, statistics_sheet
from .wordfiles import numbered_report

AGENCIES = [("SNGV", "Sở Ngoại vụ"), ("STTTT", "Sở Thông tin và Truyền thông")]
H1 = Period.parse("2021-H1")
EXPECTED = {("tin_bai_bao_chi", ""): 245, ("tin_bai_cong_ttdt", ""): 1250,
            ("ban_an_pham", ""): 3800, ("ban_an_pham", "en"): 500, ("ban_an_pham", "ja"): 200,
            ("ban_an_pham", "vi"): 3100, ("doan_phong_vien_nn", ""): 4,
            ("phong_vien_nn", ""): 14}


@pytest.fixture(scope="module")
def calc_files(tmp_path_factory):
    """The statistics sheet saved by LibreOffice as .xlsx, .xls and .ods."""
    target = tmp_path_factory.mktemp("sheets")
    source = {"so-lieu.fods": statistics_sheet()}
    xlsx = convert(target, source, "xlsx:Calc MS Excel 2007 XML")
    xls = convert(target, source, "xls:MS Excel 97")
    ods = convert(target, source, "ods")
    if not xlsx or not xls or not ods:
        return None
    return {"xlsx": xlsx["so-lieu.fods"], "xls": xls["so-lieu.fods"], "ods": ods["so-lieu.fods"]}


@needs("soffice")
@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods", ""])
def test_calc_sheet_figures_by_label_and_unit(form, calc_files, suffix):
    # "": an .xls attached with no name, told by its content
    name = f"so-lieu.{suffix}" if suffix else "so-lieu"
    report = read_report(name, calc_files[suffix or "xls"], form, AGENCIES)
    assert isinstance(report, SheetReport) and report.figures_only
    assert report.agency_guess[0] == "SNGV" and report.period_guess == H1
    assert {p.key: p.value for p in report.proposals} == EXPECTED
    sources = {p.key: p.source for p in report.proposals}
    # the cell each figure came from, this period's column (D), not last year's (E)
    assert sources[("tin_bai_cong_ttdt", "")].startswith("ô 'Số liệu'!D8")  # «1.250» as text
    notes = "\n".join(report.warnings)
    assert "cột D «Kết quả 6 tháng đầu năm 2021»" in notes
    # the hidden row is named, its figure not taken
    assert "dòng 13 «Lớp tập huấn" in notes and "bị ẩn" in notes
    assert ("lop_tap_huan", "") not in {p.key for p in report.proposals}
    assert "«Tình hình thời tiết» = 40: không khớp chỉ tiêu nào" in notes
    # Calc's SUM counted «1.250» typed as text as 0: the total is checked, never taken
    assert "tổng ghi 4.106 nhưng các dòng trên cộng lại được 5.356" in notes


@needs("soffice")
def test_last_years_column_when_the_user_says_the_period(form, calc_files):
    report = read_report("so-lieu.xls", calc_files["xls"], form, AGENCIES,
                         period=Period.parse("2020-H1"))
    values = {p.key: p.value for p in report.proposals}
    assert values[("tin_bai_bao_chi", "")] == 198 and values[("tin_bai_cong_ttdt", "")] == 1100
    assert values[("ban_an_pham", "")] == 2900  # «2 900» typed as text


def _program_sheet() -> bytes:
    """A sheet written by a program: a formula never calculated, a unit written otherwise
    («cuốn»), two rows on one indicator, a unit that is not the indicator's, a number with a
    thousands comma, an approximation, a «Cộng» row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet["A1"] = "BÁO CÁO SỐ LIỆU THÔNG TIN ĐỐI NGOẠI NĂM 2021"
    sheet.merge_cells("A1:E1")
    for column, text in zip("ABCDE", ("STT", "Chỉ tiêu", "ĐVT", "Số lượng", "Ghi chú")):
        sheet[f"{column}3"] = text
    rows = [
        ("1", "Tin, bài đăng trên cổng/trang thông tin điện tử", "tin/bài", "=1000+250"),
        ("2", "Số bản ấn phẩm, tài liệu phát hành", "cuốn", "3 800"),
        ("3", "Lớp tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại", "lớp", 2),
        ("4", "Lớp tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại (bổ sung)", "lớp", 1),
        ("5", "Người tham gia tập huấn, bồi dưỡng", "lớp", 40),
        ("6", "Bài viết đấu tranh, phản bác thông tin sai trái", "bài", "1,250"),
        ("7", "Hội nghị báo cáo viên, tuyên truyền miệng đã tổ chức", "cuộc", "khoảng 15"),
        ("8", "Đoàn khách quốc tế được đón tiếp", "đoàn", 6),
        ("", "Cộng", "", 3849),
    ]
    for n, row in enumerate(rows, start=4):
        for column, value in zip("ABCD", row):
            sheet[f"{column}{n}"] = value
    old = book.create_sheet("Năm trước")  # hidden by the agency: never read
    old.append(["Chỉ tiêu", "ĐVT", "Số lượng"])
    old.append(["Sự kiện quảng bá, hội chợ, hội nghị xúc tiến", "sự kiện", 9])
    old.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_program_written_sheet_says_what_it_does_not_take(form):
    report = read_report("so-lieu.xlsx", _program_sheet(), form, AGENCIES)
    assert {p.key: p.value for p in report.proposals} == {("ban_an_pham", ""): 3800,
                                                          ("doan_quoc_te", ""): 6}
    notes = "\n".join(report.warnings)
    assert "trang «Năm trước» đang bị ẩn: không đọc" in notes
    assert "ô Sheet1!D4 có công thức chưa tính giá trị" in notes  # never guessed
    assert "dòng 6 (2) và dòng 7 (1) cùng khớp chỉ tiêu «Lớp tập huấn" in notes
    assert "dòng 8 «Người tham gia tập huấn, bồi dưỡng»: giống chỉ tiêu" in notes
    assert "đơn vị tính «lớp» khác «lượt người»" in notes
    assert "ô Sheet1!D9 ghi 1,250" in notes and "số nguyên không âm" in notes
    assert "ô Sheet1!D10 ghi «khoảng 15»" in notes
    # a total over cells whose number cannot be known is not checked, and said so
    assert "dòng 12 «Cộng»: không kiểm tra được tổng ghi 3.849 vì ở trên có ô không đọc " \
           "được số (Sheet1!D4, Sheet1!D9, Sheet1!D10)" in notes


def test_numbers_typed_as_text_are_read_exactly():
    assert cell_number("3.800") == 3800 and cell_number("3 800") == 3800
    assert cell_number("1.250") == 1250 and cell_number("3\u00a0800") == 3800
    assert cell_number(3800.0) == 3800 and cell_number("99,5") == 99.5
    assert cell_number("1,250") == 1.25  # a decimal comma: never a count
    for text in ("khoảng 150", "150-170", "3 80", "", "-", "12 lớp"):
        assert cell_number(text) is None, text


def test_no_column_of_this_period_takes_nothing(form):
    grid = Grid("Sheet1", {(1, 1): "Chỉ tiêu", (1, 2): "Năm 2019", (1, 3): "Năm 2020",
                           (2, 1): "Đoàn khách quốc tế được đón tiếp", (2, 2): 3, (2, 3): 4})
    found = read_grid(form, grid, H1)
    assert found.proposals == []
    assert "không rõ cột nào là số liệu của kỳ báo cáo" in found.warnings[0]


@needs("soffice")
def test_password_protected_xls_is_refused_saying_so(form, tmp_path):
    data = encrypted(tmp_path, statistics_sheet())
    assert data is not None and data.startswith(b"\xd0\xcf\x11\xe0")
    with pytest.raises(PackageError, match="tệp Excel được đặt mật khẩu; đề nghị đơn vị gỡ "
                                           "mật khẩu rồi gửi lại"):
        read_report("so-lieu.xls", data, form, AGENCIES)


@pytest.mark.parametrize("name", ["so-lieu.xlsx", "so-lieu.xls", "bao-cao.docx"])
def test_password_protected_office_file_is_refused_saying_so(workspace, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(encrypted_ooxml())
    [result] = workspace.imports.run([path])
    assert result.outcome == REJECTED
    assert "được đặt mật khẩu" in result.detail and "gỡ mật khẩu" in result.detail


def test_web_page_named_xls_is_named(form):
    data = "<html><body><table><tr><td>Tin bài</td><td>12</td></tr></table></body></html>"
    with pytest.raises(PackageError, match="thực ra là trang web \\(HTML\\)"):
        read_report("so-lieu.xls", data.encode(), form, AGENCIES)


def test_flat_calc_sheet_as_written(form):
    report = read_report("so-lieu.fods", statistics_sheet().encode(), form, AGENCIES)
    assert {p.key: p.value for p in report.proposals} == EXPECTED


@needs("soffice")
@pytest.mark.parametrize("suffix", ["xls", "xlsx", "ods"])
def test_damaged_sheets_give_a_reason_never_a_crash(form, calc_files, suffix):
    original = calc_files[suffix]
    rng = random.Random(21)
    refused = 0
    for _ in range(60):
        data = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(data))
            data[at] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[:rng.randrange(len(data))]
        try:
            read_report(f"hong.{suffix}", bytes(data), form, AGENCIES)
        except PackageError as error:
            assert error.file_name == f"hong.{suffix}" and error.reason
            refused += 1
    assert refused  # some mutations must have hit something that matters


@needs("soffice")
def test_command_line_stores_only_confirmed_figures(capsys, tmp_path, calc_files):
    db = str(tmp_path / "ttdn.sqlite3")
    main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ"])
    path = tmp_path / "so-lieu.xls"
    path.write_bytes(calc_files["xls"])
    capsys.readouterr()
    assert main(["--db", db, "import", str(path), "--agency", "SNGV", "--period",
                 "2021-H1"]) == 1
    out = capsys.readouterr().out
    assert "đề xuất: Tin, bài đăng trên cổng/trang thông tin điện tử = 1.250 tin/bài" in out
    assert "ô 'Số liệu'!D8" in out and "chưa nhập gì" in out and "--accept-figures" in out
    assert main(["--db", db, "figures", "--period", "2021-H1"]) in (0, 1)
    assert "1.250" not in capsys.readouterr().out
    assert main(["--db", db, "import", str(path), "--agency", "SNGV", "--period", "2021-H1",
                 "--accept-figures"]) == 0
    out = capsys.readouterr().out
    assert "nhận: Số bản ấn phẩm, tài liệu phát hành = 3.800 bản" in out
    assert "cần xem: dòng 13 «Lớp tập huấn" in out and "đã nhập" in out


@needs("soffice")
def test_sheet_keeps_the_agencys_text(workspace, tmp_path, calc_files):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    word = workspace.word.read("bao-cao.docx", numbered_report())
    workspace.word.import_report(word, "SNGV", H1)
    before = report_store.load_content(workspace.db, workspace.reports.of("SNGV", H1)["id"])
    path = tmp_path / "so-lieu.xlsx"
    path.write_bytes(calc_files["xlsx"])
    [result] = workspace.imports.run([path])  # a batch: waits for confirmation
    assert result.outcome == WORD and result.payload is not None
    assert any("bị ẩn" in w for w in result.warnings)
    report = workspace.word.read(result.file_name, result.payload)
    with pytest.raises(Exception, match="chưa nhận số liệu nào"):
        workspace.word.import_report(report, "SNGV", H1, accepted=[])
    accepted = [p for p in report.proposals if p.key[0] == "ban_an_pham"]
    assert workspace.word.losses(report, "SNGV", H1, accepted=accepted) == []
    done = workspace.word.import_report(report, "SNGV", H1, accepted=accepted)
    assert done.ok
    after = report_store.load_content(workspace.db, workspace.reports.of("SNGV", H1)["id"])
    assert after.sections == before.sections
    assert {k: v for k, v in after.figures.items() if k[0] == "ban_an_pham"} == {
        ("ban_an_pham", ""): 3800, ("ban_an_pham", "en"): 500, ("ban_an_pham", "ja"): 200,
        ("ban_an_pham", "vi"): 3100}


@needs("soffice")
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_sheet_with_no_name_waits_for_confirmation(workspace, tmp_path, calc_files, suffix):
    path = tmp_path / "ATT00012"  # as some mail programs name attachments
    path.write_bytes(calc_files[suffix])
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    [result] = workspace.imports.run([path])
    assert result.outcome == WORD and "8 số liệu đề xuất" in result.detail
    assert not workspace.reports.exist()


def test_numbering_without_a_header_is_no_figure(form):
    grid = Grid("Sheet1", {(1, 2): "Nội dung", (1, 3): "Đạt được",
                           (2, 1): "1", (2, 2): "Đoàn khách quốc tế được đón tiếp", (2, 3): 6,
                           (3, 1): "2", (3, 2): "Lớp tập huấn, bồi dưỡng nghiệp vụ thông tin "
                                                "đối ngoại", (3, 3): 2})
    found = read_grid(form, grid, H1)
    assert {p.key: p.value for p in found.proposals} == {("doan_quoc_te", ""): 6,
                                                         ("lop_tap_huan", ""): 2}
