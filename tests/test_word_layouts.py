"""Reports laid out as agencies lay them out: the whole report in one table, run-in headings,
bold headings without numbers, A./B./C. and «Phần thứ» outlines, an agency's own outline with a
heading that covers two of the form's sections, a letterhead and a signature block laid out
with tabs. Every sentence goes where it belongs, in every format; whatever is placed by a guess
is asked about before anything is stored."""

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core import trust
from ttdn_desktop.core.periods import Period
from ttdn_desktop.exchange.docx_import import import_word_report
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.workspace import Workspace

from . import layoutcorpus
from .ci_tools import require
from .test_signing import H1 as SIGNED_PERIOD, Office, set_up_agency
from .wordxml import LETTERHEAD, SIGNATURE, TITLE, docx, p, r, tbl

AGENCIES = [("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh")]
H1 = Period.parse("2021-H1")
TAB = "<w:r><w:tab/></w:r>"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    files = layoutcorpus.files(tmp_path_factory.mktemp("layouts"))
    if not any(suffix != "docx" for _, suffix in files):
        require("soffice")
    return files


# the files written by hand as .docx are read as .docx only; the others in every format
CASES = [(name, suffix) for name in sorted(layoutcorpus.SOURCES)
         for suffix in (["docx"] if name.endswith(".docx") else ["docx", "odt", "rtf", "doc"])]


@pytest.mark.parametrize("name, suffix", CASES)
def test_every_sentence_where_it_belongs(corpus, form, name, suffix):
    assert (name, suffix) in corpus, f"LibreOffice did not save {name} as .{suffix}"
    report = import_word_report(f"bao-cao.{suffix}", corpus[(name, suffix)], form, AGENCIES)
    wrong = [(s, e, w) for s, e, w in layoutcorpus.judge(name, report) if e != w]
    assert wrong == []


def read(body: str, form):
    return import_word_report("bao-cao.docx", docx(body), form, AGENCIES)


def test_the_whole_report_in_one_table(form):
    """A template with the letterhead, the title, a row per heading (its number in a cell of
    its own) and the signature, all in one table: it was taken whole for the letterhead."""
    body = tbl([
        [p(text="UBND TỈNH QUẢNG NINH") + p(text="SỞ NGOẠI VỤ", bold=True),
         p(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)],
        ["", p(text="BÁO CÁO", bold=True) + p(text="Kết quả công tác thông tin đối ngoại 6 "
                                                    "tháng đầu năm 2021", bold=True)],
        [p(text="I", bold=True), p(text="CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True)
         + p(text="Sở ban hành kế hoạch thông tin đối ngoại năm 2021.")],
        [p(text="II", bold=True), p(text="KẾT QUẢ THỰC HIỆN", bold=True)],
        ["1", p(text="Xuất bản ấn phẩm, tài liệu thông tin đối ngoại", bold=True)
         + p(text="Phát hành 9.000 cuốn bản tin đối ngoại.")],
        [p(text="III", bold=True), p(text="KIẾN NGHỊ, ĐỀ XUẤT", bold=True)
         + p(text="Đề nghị hỗ trợ kinh phí in ấn.")],
        [p(text="Nơi nhận:", bold=True) + p(text="- Lưu: VT."),
         p(text="GIÁM ĐỐC", bold=True) + p(text="Trần Văn B")]])
    report = read(body, form)
    assert report.agency_guess == ("SNGV", 1.0) and report.period_guess == H1
    assert report.sections == {
        "lanh_dao_chi_dao": ["Sở ban hành kế hoạch thông tin đối ngoại năm 2021."],
        "an_pham": ["Phát hành 9.000 cuốn bản tin đối ngoại."],
        "kien_nghi": ["Đề nghị hỗ trợ kinh phí in ấn."]}
    assert report.to_confirm() == []
    assert {(p.key, p.value) for p in report.proposals} == {(("ban_an_pham", ""), 9000)}


def test_run_in_headings(form):
    report = read(LETTERHEAD + TITLE + "".join([
        p(r("I. Công tác lãnh đạo, chỉ đạo:", bold=True),
          r(" Ban Thường vụ chỉ đạo triển khai kế hoạch năm.")),
        p(text="II. KẾT QUẢ THỰC HIỆN", bold=True),
        p(text="1. Tập huấn, bồi dưỡng nghiệp vụ: Trong kỳ, mở 3 lớp tập huấn cho 120 lượt "
               "người."),
        p(text="Các lớp do giảng viên Bộ Ngoại giao giảng dạy."),
        p(text="2. Đấu tranh, phản bác thông tin sai trái", bold=True),
        p(r("Đài Phát thanh và Truyền hình tỉnh", bold=True),
          r(" phát 12 phóng sự phản bác luận điệu xuyên tạc.")),
        p(text="III. PHƯƠNG HƯỚNG, NHIỆM VỤ", bold=True),
        p(text="1. Tiếp tục: nâng cao chất lượng thông tin đối ngoại."),
        p(r("2. Báo chí:", bold=True), r(" tiếp tục phối hợp đăng tin về hội nhập quốc tế.")),
    ]) + SIGNATURE, form)
    assert report.sections["lanh_dao_chi_dao"] == [
        "Ban Thường vụ chỉ đạo triển khai kế hoạch năm."]
    assert report.sections["tap_huan"] == ["Trong kỳ, mở 3 lớp tập huấn cho 120 lượt người.",
                                           "Các lớp do giảng viên Bộ Ngoại giao giảng dạy."]
    # a task that opens with a word and a colon names no section: it stays as written
    assert report.sections["phuong_huong"] == [
        "1. Tiếp tục: nâng cao chất lượng thông tin đối ngoại.",
        # a task on the press under the tasks: a point of theirs, its paragraph whole
        "**2. Báo chí:** tiếp tục phối hợp đăng tin về hội nhập quốc tế."]
    # bold words that open a sentence are no heading
    assert report.sections["dau_tranh"] == [
        "**Đài Phát thanh và Truyền hình tỉnh** phát 12 phóng sự phản bác luận điệu xuyên tạc."]
    found = {(p.key, p.value) for p in report.proposals}
    assert {(("lop_tap_huan", ""), 3), (("luot_tap_huan", ""), 120)} <= found


def test_signature_in_plain_paragraphs_with_tabs_is_not_text(form):
    """After the last section: the place and date, the signer's titles, «(Đã ký)» and the
    name, each pushed right with tabs, no «Nơi nhận» at all. They reached the last section."""
    report = read(LETTERHEAD + TITLE + "".join([
        p(text="I. KIẾN NGHỊ, ĐỀ XUẤT", bold=True),
        p(text="Đề nghị cung cấp tài liệu kịp thời."),
        p(TAB, TAB, r("Quảng Ninh, ngày 12 tháng 6 năm 2021")),
        p(TAB, TAB, r("KT. GIÁM ĐỐC", bold=True)),
        p(TAB, TAB, r("PHÓ GIÁM ĐỐC", bold=True)),
        p(TAB, TAB, r("(Đã ký)")),
        p(TAB, TAB, r("Nguyễn Thị Hoa", bold=True)),
    ]), form)
    assert report.sections == {"kien_nghi": ["Đề nghị cung cấp tài liệu kịp thời."]}
    assert [lines for _, lines in report.other if lines] == []


def test_letterhead_in_plain_paragraphs_with_tabs(form):
    report = read("".join([
        p(r("UBND TỈNH QUẢNG NINH"), TAB, TAB, r("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True)),
        p(r("SỞ NGOẠI VỤ", bold=True), TAB, TAB, r("Độc lập - Tự do - Hạnh phúc")),
        p(r("Số: 21/BC-SNGV"), TAB, r("Quảng Ninh, ngày 12 tháng 6 năm 2021")),
    ]) + TITLE + p(text="I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True)
        + p(text="Ban hành kế hoạch số 15.") + SIGNATURE, form)
    assert report.agency_guess[0] == "SNGV" and report.period_guess == H1
    assert report.sections == {"lanh_dao_chi_dao": ["Ban hành kế hoạch số 15."]}


MERGED = LETTERHEAD + TITLE + "".join([
    p(text="I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True),
    p(text="Ban hành kế hoạch thông tin đối ngoại năm 2021."),
    p(text="II. KẾT QUẢ THỰC HIỆN", bold=True),
    p(text="1. Thông tin trên báo chí và trang thông tin điện tử", bold=True),
    p(text="Báo Quảng Ninh đăng 245 tin, bài về hoạt động đối ngoại."),
    p(text="Trang thông tin điện tử của Sở cập nhật 320 tin, bài trên cổng thông tin."),
    p(text="III. KIẾN NGHỊ, ĐỀ XUẤT", bold=True),
    p(text="Đề nghị hỗ trợ kinh phí."),
]) + SIGNATURE

LOW = LETTERHEAD + TITLE + "".join([
    p(text="I. TÌNH HÌNH TRIỂN KHAI", bold=True),
    p(text="Tổ chức 3 lớp tập huấn cho 120 lượt người."),
    p(text="II. KIẾN NGHỊ, ĐỀ XUẤT", bold=True),
    p(text="Đề nghị hỗ trợ kinh phí."),
]) + SIGNATURE


def test_a_heading_covering_two_sections_is_proposed_split_and_asked(form):
    report = read(MERGED, form)
    [asked] = report.to_confirm()
    merged = report.matches[asked]
    assert (merged.section_id, merged.also) == ("bao_chi", ("cong_thong_tin",))
    assert merged.split == {"bao_chi": 1, "cong_thong_tin": 1}
    assert report.sections["bao_chi"] == ["Báo Quảng Ninh đăng 245 tin, bài về hoạt động đối "
                                          "ngoại."]
    assert report.sections["cong_thong_tin"] == [
        "Trang thông tin điện tử của Sở cập nhật 320 tin, bài trên cổng thông tin."]
    # each figure read in the section its paragraph goes to, and held until confirmed
    found = {(p.key, p.value) for p in report.proposals}
    assert {(("tin_bai_bao_chi", ""), 245), (("tin_bai_cong_ttdt", ""), 320)} <= found
    held = {report.proposals[n].value for n in report.held_proposals()}
    assert held == {245, 320}
    assert report.held_proposals(confirmed=[asked]) == []
    # the user puts the whole part in one section: it goes there, as chosen
    chosen = report.placed_as({asked: "cong_thong_tin"})
    assert chosen.to_confirm() == [] and "bao_chi" not in chosen.sections
    assert chosen.sections["cong_thong_tin"][0] == f"**{merged.heading}**"
    assert chosen.sections["cong_thong_tin"][1].startswith("Báo Quảng Ninh")
    whole = report.placed_as({asked: "bao_chi"}, whole={asked})
    assert "cong_thong_tin" not in whole.sections and len(whole.sections["bao_chi"]) == 3
    assert report.placed_as({asked: "bao_chi"}).sections == report.sections  # as proposed
    aside = report.placed_as({asked: None})
    assert aside.other[-1] == (merged.heading, report.sections["bao_chi"]
                               + report.sections["cong_thong_tin"])


def _cli(tmp_path, capsys, body: str, *options):
    db = tmp_path / "cli.sqlite3"
    main(["--db", str(db), "agencies", "add", "SNGV", "Sở Ngoại vụ"])
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(docx(body))
    capsys.readouterr()
    code = main(["--db", str(db), "import", str(path), *options])
    return code, capsys.readouterr().out, db


def _stored(db, forms):
    with Workspace(db, forms) as ws:
        report = report_store.report_for(ws.db, "SNGV", H1, ws.form.id)
        return report_store.load_content(ws.db, report["id"]) if report else None


@pytest.mark.parametrize("body, says", [
    (MERGED, "cần xác nhận: «1. Thông tin trên báo chí và trang thông tin điện tử» gộp nhiều "
             "mục của mẫu (1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền hình, "
             "2. Cổng/trang thông tin điện tử và mạng xã hội); đề xuất: mỗi đoạn vào mục mà nó "
             "nói đến — 1 đoạn vào 1. Thông tin, tuyên truyền trên báo chí, phát thanh, truyền "
             "hình; 1 đoạn vào 2. Cổng/trang thông tin điện tử và mạng xã hội"),
    (LOW, "cần xác nhận: «I. TÌNH HÌNH TRIỂN KHAI» khớp có thể với I. CÔNG TÁC LÃNH ĐẠO, CHỈ "
          "ĐẠO; đề xuất: đưa vào I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
])
def test_command_line_stops_on_a_guessed_placement(tmp_path, capsys, forms, body, says):
    code, out, db = _cli(tmp_path, capsys, body, "--accept-figures")
    assert code == 1
    assert says in out
    assert "không nhập — 1 đề mục cần xác nhận" in out and "--accept-placement" in out
    assert "(dưới đề mục cần xác nhận)" in out and "  nhận:" not in out.replace(
        "xác nhận", "")
    assert _stored(db, forms) is None


def test_command_line_accepts_the_proposed_placement(tmp_path, capsys, forms):
    code, out, db = _cli(tmp_path, capsys, MERGED, "--accept-placement", "--accept-figures")
    assert code == 0, out
    stored = _stored(db, forms)
    assert stored.sections["bao_chi"] == ("Báo Quảng Ninh đăng 245 tin, bài về hoạt động đối "
                                          "ngoại.")
    assert stored.sections["cong_thong_tin"].startswith("Trang thông tin điện tử của Sở")
    assert stored.figures[("tin_bai_bao_chi", "")] == 245
    assert stored.figures[("tin_bai_cong_ttdt", "")] == 320


def test_command_line_placement_without_figures_stores_no_figure(tmp_path, capsys, forms):
    code, out, db = _cli(tmp_path, capsys, LOW, "--accept-placement")
    assert code == 0, out
    stored = _stored(db, forms)
    assert stored.sections["lanh_dao_chi_dao"] == "Tổ chức 3 lớp tập huấn cho 120 lượt người."
    assert not any(v not in (None, "") for v in stored.figures.values())


@pytest.mark.parametrize("suffix", ["docx", "odt", "rtf", "doc"])
def test_a_signed_agencys_report_is_never_replaced_by_a_guess(tmp_path, capsys, forms, corpus,
                                                              suffix):
    """The agency signs its reports; the same agency's report comes as a word-processor file
    whose outline is its own. From the command line nothing replaces the signed revision
    until the placement is confirmed and the replacing of a signed report too; then the new
    revision is recorded as unsigned, in every format alike."""
    assert SIGNED_PERIOD == H1
    secretariat = Office(tmp_path, forms, "ban")
    secretariat.ws.agencies.add("SNGV", "Sở Ngoại vụ")
    agency = Office(tmp_path, forms, "so-ngoai-vu")
    set_up_agency(agency.ws, "SNGV", "Sở Ngoại vụ")
    agency.ws.reports.new("SNGV", H1)
    [result] = secretariat.ws.imports.run([agency.write_report("Bản tin đối ngoại.")])
    assert result.outcome == "new"
    assert secretariat.ws.keys.signature_states(H1)["SNGV"]["state"] == trust.FIRST
    agency.ws.close()
    secretariat.ws.close()
    db = secretariat.folder / "ttdn.sqlite3"
    path = tmp_path / f"bao-cao.{suffix}"
    path.write_bytes(corpus[("own_outline.html", suffix)])
    capsys.readouterr()
    command = ["--db", str(db), "import", str(path), "--agency", "SNGV", "--allow-shorter"]
    assert main(command) == 1
    assert "cần xác nhận" in capsys.readouterr().out
    with Workspace(db, forms) as ws:
        assert ws.reports.of("SNGV", H1)["current_revision"] == 1
        assert ws.keys.signature_states(H1)["SNGV"]["state"] == trust.FIRST
    # an unsigned file over a signed report: asked for in so many words (issue 22)
    assert main(command + ["--accept-placement"]) == 1
    assert "--replace-signed" in capsys.readouterr().out
    with Workspace(db, forms) as ws:
        assert ws.reports.of("SNGV", H1)["current_revision"] == 1
    assert main(command + ["--accept-placement", "--replace-signed"]) == 0
    with Workspace(db, forms) as ws:
        assert ws.reports.of("SNGV", H1)["current_revision"] == 2
        assert ws.keys.signature_states(H1)["SNGV"]["state"] == trust.UNSIGNED
        content = report_store.load_content(ws.db, ws.reports.of("SNGV", H1)["id"])
        assert content.sections["cong_thong_tin"].startswith("Trang thông tin điện tử của Sở")


def test_a_heading_boxed_with_its_number_and_an_item_that_opens_like_a_heading(form):
    report = read(LETTERHEAD + TITLE + "".join([
        tbl([[p(text="I", bold=True), p(text="CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True)]]),
        p(text="Ban hành kế hoạch số 15."),
        tbl([[p(text="II", bold=True), p(text="KẾT QUẢ THỰC HIỆN", bold=True)]]),
        p(text="1. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại", bold=True),
        p(text="2. Phát hành ấn phẩm: in 3.000 cuốn sách ảnh giới thiệu tỉnh."),
    ]) + SIGNATURE, form)
    assert report.sections == {
        "lanh_dao_chi_dao": ["Ban hành kế hoạch số 15."],
        # its own words kept: an item of the section being read, no heading of another
        "an_pham": ["2. Phát hành ấn phẩm: in 3.000 cuốn sách ảnh giới thiệu tỉnh."]}


def test_a_batch_names_the_headings_to_confirm(workspace, tmp_path):
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(docx(MERGED))
    [result] = workspace.imports.run([path])
    assert result.outcome == "word" and "1 đề mục cần xác nhận cách xếp" in result.detail
