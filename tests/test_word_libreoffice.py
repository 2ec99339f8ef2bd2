"""Reports written by LibreOffice (HTML and flat ODF the tests write, converted to .docx by
LibreOffice in one call), read as the secretariat would import them."""

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.proposals import sum_proposals
from ttdn_desktop.exchange.docx_import import import_word_report
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.workspace import Workspace

from .ci_tools import require
from .lofiles import convert_all

AGENCIES = [("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh")]
H1 = Period.parse("2021-H1")


@pytest.fixture(scope="session")
def exported(tmp_path_factory):
    """Our own Word export of a demo agency's report, and the database it came from."""
    folder = tmp_path_factory.mktemp("word-export")
    db = str(folder / "db.sqlite3")
    main(["--db", db, "demo", str(folder / "in"), "--agencies", "2"])
    main(["--db", db, "import"] + [str(p) for p in sorted((folder / "in").glob("*.ttdn"))])
    main(["--db", db, "export", "docx", "--period", "2021-H1", "--agency", "SNGV", "--out",
          str(folder / "sngv.docx")])
    return folder / "db.sqlite3", (folder / "sngv.docx").read_bytes()


@pytest.fixture(scope="session")
def lo_files(tmp_path_factory, exported):
    files = convert_all(tmp_path_factory.mktemp("lo-word"), {"resaved.docx": exported[1]})
    if files is None:
        require("soffice")
    return files


def read(lo_files, form, name):
    assert name in lo_files, f"LibreOffice did not convert {name}"
    return import_word_report(name.rsplit(".", 1)[0] + ".docx", lo_files[name], form, AGENCIES)


def matched(report):
    return {m.heading: m.section_id for m in report.matches}


def test_title_alone_typed_numbers_points_and_figures(lo_files, form):
    report = read(lo_files, form, "title_alone.html")
    assert report.agency_guess == ("SNGV", 1.0)
    assert report.period_guess == Period.parse("2021-H1")
    assert matched(report) == {
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO": "lanh_dao_chi_dao",
        "II. KẾT QUẢ THỰC HIỆN": "ket_qua",
        "1. Công tác tuyên truyền trên các phương tiện báo chí": "bao_chi",
        "2. Việc phát hành ấn phẩm, tài liệu": "an_pham",
        "3. Tập huấn, bồi dưỡng nghiệp vụ": "tap_huan",
        "4. Tình hình thời tiết": None,
        "III. NHỮNG HẠN CHẾ, TỒN TẠI": "han_che",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM": "phuong_huong",
        "V. KIẾN NGHỊ, ĐỀ XUẤT": "kien_nghi"}
    assert report.sections["bao_chi"][1:] == ["**a) Báo in**", "Mở chuyên mục «Quảng Ninh hội "
                                                               "nhập»."]
    assert report.sections["an_pham"][1:] == ["- gửi các đại sứ quán;", "- gửi các nhà đầu tư."]
    assert report.sections["phuong_huong"] == [
        "1. Tiếp tục nâng cao chất lượng thông tin đối ngoại;",
        "2. Đẩy mạnh tuyên truyền trên mạng xã hội."]       # tasks, not sub-sections
    assert [h for h, _ in report.other] == ["(phần mở đầu)", "4. Tình hình thời tiết"]
    everything = " ".join(" ".join(lines) for lines in report.sections.values())
    assert "Nơi nhận" not in everything and "CỘNG HÒA" not in everything
    found = {(p.key, p.value) for p in report.proposals}
    assert {(("tin_bai_bao_chi", ""), 245), (("ban_an_pham", ""), 9000),
            (("ban_an_pham", ""), 3800), (("ban_an_pham", "en"), 500),
            (("ban_an_pham", "vi"), 3100), (("luot_tap_huan", ""), 11)} <= found
    assert not any(p.key[0] in ("tin_bai_cong_ttdt", "luot_bao_cao_go_bo")
                   for p in report.proposals)


def test_title_with_line_break_and_automatic_numbering(lo_files, form):
    report = read(lo_files, form, "title_break.html")
    assert report.agency_guess == ("SNGV", 1.0)
    assert report.period_guess == Period.parse("2021-Q3")
    assert matched(report) == {
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO": "lanh_dao_chi_dao",
        "II. KẾT QUẢ THỰC HIỆN": "ket_qua",
        "1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình": "bao_chi",
        "2. Đấu tranh, phản bác thông tin sai trái, xuyên tạc": "dau_tranh",
        "III. ĐỀ XUẤT, KIẾN NGHỊ": "kien_nghi"}
    assert report.sections["bao_chi"] == [
        "Đài Phát thanh và Truyền hình tỉnh phát 30 phóng sự.",
        "**a. Chuyên mục tiếng Anh**", "Duy trì bản tin tiếng Anh hằng tuần."]
    assert "SỞ NGOẠI VỤ" not in " ".join(" ".join(v) for v in report.sections.values())


def test_one_line_title_and_party_style_numbers(lo_files, form):
    report = read(lo_files, form, "title_oneline.html")
    assert report.period_guess == Period.parse("2021-9M")
    assert matched(report) == {"I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO": "lanh_dao_chi_dao",
                               "II- KẾT QUẢ THỰC HIỆN": "ket_qua",
                               "1- Quảng bá hình ảnh, xúc tiến đầu tư": "quang_ba",
                               "III- KIẾN NGHỊ": "kien_nghi"}
    assert report.sections["lanh_dao_chi_dao"] == ["Ban hành 2 kế hoạch."]


def test_no_title_the_opening_text_is_kept_not_taken_for_letterhead(lo_files, form):
    report = read(lo_files, form, "no_title.html")
    assert report.period_guess == Period.parse("2021-H1")
    assert report.other[0][0] == "(phần mở đầu)"
    assert report.other[0][1][0].startswith("Trong 6 tháng đầu năm 2021, công tác")
    assert report.sections["dau_tranh"] == ["Phát hiện, đề nghị gỡ bỏ 35 lượt thông tin xấu "
                                            "độc."]
    assert {(p.key, p.value) for p in report.proposals} == {(("luot_bao_cao_go_bo", ""), 35)}


def test_outline_headings_tracked_changes_frames_notes(lo_files, form):
    report = read(lo_files, form, "outline.fodt")
    assert report.agency_guess == ("SNGV", 1.0)
    assert matched(report) == {"I. Công tác lãnh đạo, chỉ đạo": "lanh_dao_chi_dao",
                               "II. Kết quả thực hiện": "ket_qua",
                               "1. Cung cấp thông tin cho báo chí": "cung_cap_thong_tin",
                               "III. Đề xuất, kiến nghị": "kien_nghi"}
    assert report.sections["lanh_dao_chi_dao"] == ["Ban hành kế hoạch mới số 111."]
    assert report.sections["cung_cap_thong_tin"] == [
        "Đón 2 đoàn phóng viên nước ngoài.", "Trong khung: tổ chức 4 cuộc họp báo.",
        "**a) Họp báo định kỳ**", "Họp báo hằng quý về thông tin đối ngoại."]
    everything = " ".join(" ".join(v) for v in report.sections.values())
    for never in ("dự thảo cũ", "Chú thích", "Nhận xét", "tiêu đề trang", "Chân trang"):
        assert never not in everything
    assert {p.value for p in report.proposals} == {2, 4}   # not the footnote's, the footer's


def test_tables_headings_results_and_the_periods_column(lo_files, form):
    report = read(lo_files, form, "tables.html")
    assert report.period_guess == Period.parse("2021-Y")
    assert matched(report)["I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"] == "lanh_dao_chi_dao"
    assert report.sections["lanh_dao_chi_dao"] == ["Kiện toàn Ban Chỉ đạo công tác thông tin "
                                                   "đối ngoại."]
    assert report.sections["bien_dao"] == ["Tổ chức cuộc thi tìm hiểu chủ quyền biển, đảo."]
    assert report.sections["an_pham"] == ["Phát hành 3.800 bản tài liệu giới thiệu tiềm năng."]
    assert report.sections.get("ket_qua", []) == []
    figures = sum_proposals(report.proposals)
    assert figures[("ban_an_pham", "")] == 3800     # 2021's column, once (also in a sentence)
    assert figures[("doan_quoc_te", "")] == 7


def test_nothing_recognised_is_rejected(lo_files, form):
    with pytest.raises(PackageError) as caught:
        read(lo_files, form, "nothing.html")
    assert caught.value.file_name == "nothing.docx"
    assert "không nhận ra mục nào" in caught.value.reason


def test_command_line_reads_a_libreoffice_report(lo_files, capsys, tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    main(["--db", db, "agencies", "add", "SNGV", "Sở Ngoại vụ"])
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(lo_files["title_break.html"])
    capsys.readouterr()
    assert main(["--db", db, "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "bao-cao.docx: Sở Ngoại vụ, Quý III năm 2021 (đoán đơn vị, kỳ từ văn bản)" in out
    assert "«2. Đấu tranh, phản bác thông tin sai trái, xuyên tạc» → 6. Đấu tranh" in out
    assert "(Chạy thử: chưa nhập gì.)" in out
    assert main(["--db", db, "status", "--period", "2021-Q3"]) == 0
    assert "0/1 đơn vị đã nộp" in capsys.readouterr().out


def test_our_own_export_saved_again_by_libreoffice_reads_back_whole(lo_files, exported, forms):
    with Workspace(exported[0], forms) as workspace:
        report = workspace.word.read("resaved.docx", lo_files["resaved.docx"])
        assert report.agency_guess[0] == "SNGV"
        assert report.period_guess == Period.parse("2021-H1")
        assert len([m for m in report.matches if m.section_id]) == 17 and report.other == []
        assert workspace.word.losses(report, "SNGV", report.period_guess,
                                     accepted=report.proposals) == []
        stored = report_store.load_content(workspace.db,
                                           workspace.reports.of("SNGV", H1)["id"])
        assert len(stored.figures) > 10
        assert sum_proposals(report.proposals) == stored.figures   # every figure, exactly
