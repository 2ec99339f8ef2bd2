"""Tables of figures and units as agencies lay them out, in reports LibreOffice saved as .docx,
.doc, .odt, .rtf and PDF: a table with merged header cells (two header rows) is read as a
table, never as headings; its figures come from this period's column, never last year's nor
the change; a column or a unit that leaves a figure unsure names it, never stores it; units
written as agencies write them («cuốn», «lượt cán bộ», «hội chợ», «hội nghị báo cáo viên»)
reach the indicator in «bản», «lượt người», «sự kiện», «cuộc»."""

import pytest

from ttdn_desktop.core.figure_text import APPROXIMATE, COLUMN, OTHER_UNIT
from ttdn_desktop.core.proposals import sum_proposals
from ttdn_desktop.core.table_figures import table_proposals
from ttdn_desktop.exchange.docx_import import import_word_report

from .ci_tools import require
from .lofiles import LETTERHEAD, SIGNATURE, convert_all, html

AGENCIES = [("SNGV", "Sở Ngoại vụ")]
FORMATS = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97", "odt": "odt",
           "rtf": "rtf:Rich Text Format", "pdf": "pdf:writer_pdf_Export"}


def _report(subject: str, *body: str) -> str:
    return html(LETTERHEAD, '<p align="center"><b>BÁO CÁO</b></p>',
                f'<p align="center"><b>{subject}</b></p>', *body, SIGNATURE)


SOURCES = {}
EXACT = {}
NAMED = {}

# two header rows: «Kết quả» over «Năm nay | Cùng kỳ», a change column; units in other words
SOURCES["nam_nay.html"] = _report(
    "Kết quả công tác thông tin đối ngoại năm 2022",
    "<p><b>I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></p><p>Sở ban hành kế hoạch năm.</p>",
    "<p><b>II. KẾT QUẢ THỰC HIỆN</b></p><p>Các nhiệm vụ được triển khai đúng tiến độ.</p>",
    '<table border="1"><tr><td rowspan="2">TT</td><td rowspan="2">Chỉ tiêu</td>'
    '<td rowspan="2">ĐVT</td><td colspan="2">Kết quả</td><td rowspan="2">Tăng, giảm</td></tr>'
    "<tr><td>Năm nay</td><td>Cùng kỳ</td></tr>"
    "<tr><td>1</td><td>Sự kiện quảng bá, hội chợ, hội nghị xúc tiến</td><td>sự kiện</td>"
    "<td>6</td><td>3</td><td>+3</td></tr>"
    "<tr><td>2</td><td>Số bản ấn phẩm, tài liệu phát hành</td><td>cuốn</td><td>4 500</td>"
    "<td>2 000</td><td>+2 500</td></tr>"
    "<tr><td>3</td><td>Người tham gia tập huấn, bồi dưỡng</td><td>lượt cán bộ</td>"
    "<td>320</td><td>250</td><td>+70</td></tr>"
    "<tr><td>4</td><td>Lớp tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại</td><td>người</td>"
    "<td>120</td><td>80</td><td>+40</td></tr></table>",
    "<p><b>III. KIẾN NGHỊ</b></p><p>Đề nghị bổ sung kinh phí.</p>")
EXACT["nam_nay.html"] = {("su_kien_quang_ba", ""): 6, ("ban_an_pham", ""): 4500,
                         ("luot_tap_huan", ""): 320}
NAMED["nam_nay.html"] = [("lop_tap_huan", OTHER_UNIT)]   # «người» for a count of classes

# last year's column first, this period's after it under one merged «Số lượng», a note
SOURCES["cung_ky_truoc.html"] = _report(
    "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022",
    "<p><b>I. KẾT QUẢ THỰC HIỆN</b></p><p>Các nhiệm vụ được triển khai đúng tiến độ.</p>",
    '<table border="1"><tr><td rowspan="2">Nội dung</td><td rowspan="2">Đơn vị</td>'
    '<td colspan="2">Số lượng</td><td rowspan="2">Ghi chú</td></tr>'
    "<tr><td>6 tháng đầu năm 2021</td><td>6 tháng đầu năm 2022</td></tr>"
    "<tr><td>Họp báo, giao ban báo chí, cung cấp thông tin cho báo chí</td><td>cuộc</td>"
    "<td>4</td><td>6</td><td></td></tr>"
    "<tr><td>Đoàn khách quốc tế được đón tiếp</td><td>đoàn</td><td>7</td><td>9</td>"
    "<td>gồm 2 đoàn Lào</td></tr></table>",
    "<p><b>II. PHƯƠNG HƯỚNG, NHIỆM VỤ</b></p><p>Tiếp tục đón các đoàn khách.</p>")
EXACT["cung_ky_truoc.html"] = {("hop_bao", ""): 6, ("doan_quoc_te", ""): 9}
NAMED["cung_ky_truoc.html"] = []

# a half-year report whose table gives each quarter: which is the period's is unsure
SOURCES["tung_quy.html"] = _report(
    "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022",
    "<p><b>I. KẾT QUẢ THỰC HIỆN</b></p><p>Các nhiệm vụ được triển khai đúng tiến độ.</p>",
    '<table border="1"><tr><td>Chỉ tiêu</td><td>ĐVT</td><td>Quý I</td><td>Quý II</td></tr>'
    "<tr><td>Tin, bài, phóng sự về thông tin đối ngoại trên báo chí</td><td>tin/bài</td>"
    "<td>40</td><td>55</td></tr>"
    "<tr><td>Đoàn khách quốc tế được đón tiếp</td><td>đoàn</td><td>2</td><td>3</td></tr>"
    "</table>",
    "<p><b>II. KIẾN NGHỊ</b></p><p>Đề nghị bổ sung kinh phí.</p>")
EXACT["tung_quy.html"] = {}
NAMED["tung_quy.html"] = [("doan_quoc_te", COLUMN), ("tin_bai_bao_chi", COLUMN)]

# units in sentences as agencies write them; an approximation stays named
SOURCES["don_vi.html"] = _report(
    "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022",
    "<p><b>I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</b></p>",
    "<p>Tổ chức 2 hội nghị quán triệt Chỉ thị của Tỉnh ủy về thông tin đối ngoại.</p>",
    "<p><b>II. KẾT QUẢ THỰC HIỆN</b></p>",
    "<p>Tổ chức 5 hội nghị báo cáo viên, trong đó 3 hội nghị có nội dung thông tin đối "
    "ngoại.</p>",
    "<p><b>1. Quảng bá hình ảnh, xúc tiến du lịch</b></p>",
    "<p>Tham gia 2 hội chợ du lịch quốc tế tại Hà Nội và Thành phố Hồ Chí Minh.</p>",
    "<p><b>2. Tập huấn, bồi dưỡng nghiệp vụ</b></p>",
    "<p>Bồi dưỡng kiến thức đối ngoại cho 60 lượt đoàn viên thanh niên.</p>",
    "<p>Ngoài ra, khoảng 40 lượt giáo viên tự học trên nền tảng trực tuyến.</p>",
    "<p><b>III. KIẾN NGHỊ</b></p><p>Đề nghị bổ sung kinh phí.</p>")
EXACT["don_vi.html"] = {("hoi_nghi_bcv", ""): 5, ("hoi_nghi_bcv_ttdn", ""): 3,
                        ("su_kien_quang_ba", ""): 2, ("luot_tap_huan", ""): 60}
NAMED["don_vi.html"] = [("luot_tap_huan", APPROXIMATE)]


# «Ước thực hiện» is the period's column: estimates, named; a row of column numbers under
# the header; a label merged down over its members («Tiếng Anh», «Tiếng Trung») beside it
SOURCES["uoc_thuc_hien.html"] = _report(
    "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2022",
    "<p><b>I. KẾT QUẢ THỰC HIỆN</b></p><p>Các nhiệm vụ được triển khai đúng tiến độ.</p>",
    '<table border="1"><tr><td>TT</td><td>Chỉ tiêu</td><td>ĐVT</td><td>Kế hoạch năm 2022</td>'
    "<td>Ước thực hiện 6 tháng đầu năm 2022</td></tr>"
    "<tr><td>A</td><td>B</td><td>C</td><td>1</td><td>2</td></tr>"
    "<tr><td>1</td><td>Lớp tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại</td><td>lớp</td>"
    "<td>6</td><td>3</td></tr></table>",
    "<p><b>II. SỐ LIỆU THỐNG KÊ</b></p>",
    '<table border="1"><tr><td colspan="2">Chỉ tiêu</td><td>6 tháng đầu năm 2022</td></tr>'
    '<tr><td rowspan="2">Số bản ấn phẩm, tài liệu phát hành</td><td>Tiếng Anh</td>'
    "<td>300</td></tr><tr><td>Tiếng Trung</td><td>200</td></tr></table>",
    "<p><b>III. KIẾN NGHỊ</b></p><p>Đề nghị bổ sung kinh phí.</p>")
EXACT["uoc_thuc_hien.html"] = {("ban_an_pham", "en"): 300, ("ban_an_pham", "zh"): 200}
NAMED["uoc_thuc_hien.html"] = [("lop_tap_huan", APPROXIMATE)]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """{format: {source: bytes}}: each report as LibreOffice saves it."""
    out = {}
    for suffix, to in FORMATS.items():
        files = convert_all(tmp_path_factory.mktemp(suffix), to=to, sources=SOURCES)
        if files is None:
            require("soffice")
        out[suffix] = files
    return out


@pytest.mark.parametrize("suffix", sorted(FORMATS))
@pytest.mark.parametrize("source", sorted(SOURCES))
def test_figures_from_the_periods_column_and_units_as_written(saved, form, source, suffix):
    assert source in saved[suffix], f"LibreOffice did not save {source} as .{suffix}"
    report = import_word_report(f"bao-cao.{suffix}", saved[suffix][source], form, AGENCIES)
    assert sum_proposals(report.proposals) == EXACT[source]
    named = sorted((p.key[0], p.not_exact.split(":")[0]) for p in report.proposals
                   if not p.exact)
    assert named == sorted(NAMED[source])
    # the table's labels are no headings: every heading is one the report wrote as such
    assert all("tin" not in m.heading.lower() or "thông tin đối ngoại" in m.heading.lower()
               for m in report.matches)
    assert not any(m.heading.startswith(("Sự kiện", "Số bản", "Họp báo", "Đoàn khách"))
                   for m in report.matches)


def test_a_headerless_tables_row_number_is_no_figure(form):
    """«1 | Số bản ấn phẩm | 3.800»: the row's number in its first cell is never the figure."""
    rows = [["1", "Số bản ấn phẩm, tài liệu phát hành", "3.800"],
            ["2", "Đoàn khách quốc tế được đón tiếp", "7"]]
    assert sum_proposals(table_proposals(form, rows)) == {("ban_an_pham", ""): 3800,
                                                          ("doan_quoc_te", ""): 7}


def test_two_figures_on_a_headerless_row_are_named_not_guessed(form):
    rows = [["Số bản ấn phẩm, tài liệu phát hành", "3.800", "2.000"]]
    proposals = table_proposals(form, rows)
    assert sum_proposals(proposals) == {}
    assert [(p.key[0], p.not_exact, p.phrase) for p in proposals] == [
        ("ban_an_pham", COLUMN, "3.800 | 2.000")]


def test_the_import_line_names_why_figures_are_left_out(saved, workspace, tmp_path):
    """The batch's line for a Word report says why its figures are left out, not a fixed list
    of reasons it may not have («ước lượng, khoảng, so với kỳ khác, kế hoạch» for a unit)."""
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(saved["docx"]["nam_nay.html"])
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    [result] = workspace.imports.run([path])
    assert "3 số liệu đề xuất, 1 số không lấy (khác đơn vị tính)" in result.detail
    path.write_bytes(saved["docx"]["tung_quy.html"])
    [result] = workspace.imports.run([path])
    assert "2 số không lấy (không rõ cột của kỳ)" in result.detail
    assert not workspace.reports.exist()
