"""Word XML as Word writes it, by hand: what the body reader shows, and where it goes."""

import tomllib

import pytest

from ttdn_desktop.core.errors import FormError, PackageError
from ttdn_desktop.core.forms import parse_form
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.proposals import sum_proposals
from ttdn_desktop.core.wordmatch import match_section
from ttdn_desktop.exchange.docx_body import Para, Table
from ttdn_desktop.exchange.docx_import import import_word_report, read_word_body
from ttdn_desktop.workspace import load_forms

from .ci_tools import require
from .lofiles import convert_all
from .wordxml import LETTERHEAD, SIGNATURE, TITLE, docx, p, r, tbl

AGENCIES = [("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh")]
TXBX = ('<w:txbxContent><w:p><w:r><w:t>Hộp chữ: đón 3 đoàn khách quốc tế.</w:t></w:r></w:p>'
        "</w:txbxContent>")
TEXT_BOX = ("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
            "<a:graphic><a:graphicData><wps:wsp><wps:txbx>" + TXBX + "</wps:txbx></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>"
            "<w:pict><v:shape><v:textbox>" + TXBX + "</v:textbox></v:shape></w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r>")


def texts(data: bytes) -> list[str]:
    return [b.shown if isinstance(b, Para) else b.rows for b in read_word_body("x.docx",
                                                                                 data).blocks]


def test_tracked_changes_fields_links_tags_and_controls_read_as_shown():
    body = "".join([
        p(r("Ban hành "), '<w:ins w:id="1" w:author="A">' + r("kế hoạch ") + "</w:ins>",
          '<w:del w:id="2" w:author="A"><w:r><w:delText>dự thảo </w:delText></w:r></w:del>',
          r("số 12.")),
        p('<w:moveFrom w:id="3" w:author="A">' + r("Câu đã chuyển đi.") + "</w:moveFrom>"),
        p('<w:moveTo w:id="4" w:author="A">' + r("Câu được chuyển đến.") + "</w:moveTo>"),
        p(r("Đơn vị: "), '<w:fldSimple w:instr=" DOCPROPERTY Company ">' + r("Sở Ngoại vụ")
          + "</w:fldSimple>", r(".")),
        p(r("Xem "), '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
          '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://x.vn" </w:instrText>'
          "</w:r>", '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("trang tin"),
          '<w:r><w:fldChar w:fldCharType="end"/></w:r>', r(" và "),
          '<w:hyperlink r:id="rId9">' + r("cổng thông tin") + "</w:hyperlink>", r(".")),
        p(r("Trang "), '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE'
          '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>', r("hết.")),
        p(r("Tại "), '<w:smartTag w:uri="urn:x" w:element="place">' + r("Hạ Long")
          + "</w:smartTag>", '<w:customXml w:element="x">' + r(" tỉnh") + "</w:customXml>"),
        '<w:sdt><w:sdtPr><w:alias w:val="Mục"/><w:text/></w:sdtPr><w:sdtContent>'
        + p(text="Đoạn trong điều khiển nội dung khối.") + "</w:sdtContent></w:sdt>",
        p(r("Điền: "), '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
          + r("giá trị đã điền") + "</w:sdtContent></w:sdt>"),
        p(r("Có hộp chữ"), TEXT_BOX),
        '<w:p><w:pPr><w:framePr w:w="3000" w:hAnchor="page"/></w:pPr>' + r("Khung chữ.")
        + "</w:p>",
        p(r("Chú thích"), '<w:r><w:footnoteReference w:id="1"/></w:r>',
          '<w:commentRangeStart w:id="0"/>', r(" và nhận xét"), '<w:commentRangeEnd w:id="0"/>',
          '<w:r><w:commentReference w:id="0"/></w:r>', r(".")),
        p(r("Ẩn:"), '<w:r><w:rPr><w:vanish/></w:rPr><w:t>chữ ẩn</w:t></w:r>', r(" hết.")),
        p(r("Phát hành 3."), '<w:proofErr w:type="spellStart"/>', r("8"), r("00 bản")),
        p(r("thông tin đối ngo\u00adại và "), "<w:r><w:t>tuyên</w:t><w:softHyphen/><w:t>"
          "truyền</w:t></w:r>"),
        p(r("in 3\u00a0800 bản")),
    ])
    assert texts(docx(body)) == [
        "Ban hành kế hoạch số 12.",
        "Câu được chuyển đến.",
        "Đơn vị: Sở Ngoại vụ.",
        "Xem trang tin và cổng thông tin.",
        "Trang hết.",
        "Tại Hạ Long tỉnh",
        "Đoạn trong điều khiển nội dung khối.",
        "Điền: giá trị đã điền",
        "Có hộp chữ",
        "Hộp chữ: đón 3 đoàn khách quốc tế.",   # once: one branch of AlternateContent
        "Khung chữ.",
        "Chú thích và nhận xét.",               # the footnote and comment are not in the body
        "Ẩn: hết.",
        "Phát hành 3.800 bản",
        "thông tin đối ngoại và tuyêntruyền",   # soft hyphens gone from Unicode text
        "in 3 800 bản",                         # (a non-breaking space in the file)
    ]


def test_automatic_numbering_restarts_and_outline_headings():
    body = "".join([
        p(text="CÔNG TÁC LÃNH ĐẠO", num=(1, 0)),
        p(text="KẾT QUẢ", num=(1, 0)),
        p(text="Báo chí", num=(1, 1)),
        p(text="Ấn phẩm", num=(1, 1)),
        p(text="Bản tin", num=(1, 2)),
        p(text="Tờ gấp", num=(1, 2)),
        p(text="Cổng thông tin", num=(1, 1)),
        p(text="Điểm mới", num=(1, 2)),          # restarts at a) under a new item
        p(text="ĐÁNH GIÁ", num=(1, 0)),
        p(text="gạch đầu dòng", num=(2, 0)),
        p(text="Danh sách mới", num=(3, 0)),     # startOverride: I. again
        p(text="Bắt đầu từ ba", num=(4, 0)),
        p(text="Tổng quan", style="Heading1"),
        p(text="Chi tiết", style="Heading2"),
        p(text="Điểm", style="Heading3"),
        p(text="Chi tiết hai", style="Heading2"),
        p(text="Đảng", num=(8, 0)),
        p(text="Mục Đảng", num=(8, 1)),
    ])
    blocks = read_word_body("x.docx", docx(body)).blocks
    assert [(b.number, b.text) for b in blocks] == [
        ("I.", "CÔNG TÁC LÃNH ĐẠO"), ("II.", "KẾT QUẢ"), ("1.", "Báo chí"), ("2.", "Ấn phẩm"),
        ("a)", "Bản tin"), ("b)", "Tờ gấp"), ("3.", "Cổng thông tin"), ("a)", "Điểm mới"),
        ("III.", "ĐÁNH GIÁ"), ("-", "gạch đầu dòng"), ("I.", "Danh sách mới"),
        ("III.", "Bắt đầu từ ba"), ("1.", "Tổng quan"), ("1.1.", "Chi tiết"),
        ("1.1.1.", "Điểm"), ("1.2.", "Chi tiết hai"), ("I-", "Đảng"), ("1-", "Mục Đảng")]
    assert [b.outline for b in blocks[12:16]] == [1, 2, 3, 2]


def _report(body: str, **kw):
    return import_word_report("sngv.docx", docx(LETTERHEAD + body + SIGNATURE, **kw),
                              _form(), AGENCIES)


def _form():
    return load_forms().latest()


def test_automatic_numbering_places_sections_and_keeps_points(form):
    body = TITLE + "".join([
        p(text="CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", num=(1, 0), bold=True),
        p(text="Ban hành Kế hoạch số 111/KH-SNGV.", num=None),
        p(text="Ban hành văn bản", num=(1, 1)),     # an item of a section without items
        p(text="Kế hoạch tuyên truyền năm 2021.", num=None),
        p(text="KẾT QUẢ THỰC HIỆN", num=(1, 0), bold=True),
        p(text="Công tác tuyên truyền trên các phương tiện báo chí", num=(1, 1), bold=True),
        p(text="Đăng 245 tin, bài trên Báo Quảng Ninh."),
        p(text="Báo in", num=(1, 2), bold=True),     # a point: stays in its item
        p(text="Báo Quảng Ninh mở chuyên mục mới."),
        p(text="Việc phát hành ấn phẩm, tài liệu", num=(1, 1), bold=True),
        p(text="In 3\u00a0800 bản tài liệu."),
        p(text="Tập huấn, bồi dưỡng nghiệp vụ", num=(1, 1), bold=True),
        p(text="Cử 11 lượt cán bộ tham dự lớp bồi dưỡng."),
    ])
    report = _report(body)
    assert report.period_guess == Period.parse("2021-H1")
    matched = {m.heading: m.section_id for m in report.matches}
    assert matched == {"I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO": "lanh_dao_chi_dao",
                       "II. KẾT QUẢ THỰC HIỆN": "ket_qua",
                       "1. Công tác tuyên truyền trên các phương tiện báo chí": "bao_chi",
                       "2. Việc phát hành ấn phẩm, tài liệu": "an_pham",
                       "3. Tập huấn, bồi dưỡng nghiệp vụ": "tap_huan"}
    assert report.sections["lanh_dao_chi_dao"] == [
        "Ban hành Kế hoạch số 111/KH-SNGV.", "**1. Ban hành văn bản**",
        "Kế hoạch tuyên truyền năm 2021."]
    assert report.sections["bao_chi"] == ["Đăng 245 tin, bài trên Báo Quảng Ninh.",
                                          "**a) Báo in**", "Báo Quảng Ninh mở chuyên mục mới."]
    found = {(p.key, p.value) for p in report.proposals}
    assert (("tin_bai_bao_chi", ""), 245) in found          # by its section, not the portal's
    assert (("ban_an_pham", ""), 3800) in found              # "3 800" read whole
    assert (("luot_tap_huan", ""), 11) in found              # never removals of false news
    assert not any(p.key[0] in ("tin_bai_cong_ttdt", "luot_bao_cao_go_bo")
                   for p in report.proposals)
    assert report.other == []


def test_party_style_headings_typed_and_one_cell_table_headings(form):
    body = (p(text="BÁO CÁO", bold=True)
            + p(text="Công tác thông tin đối ngoại năm 2020", bold=True)
            + tbl([[p(text="I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True)]])
            + p(text="Ban Thường vụ ban hành Chỉ thị số 05.")
            + p(text="II- KẾT QUẢ THỰC HIỆN", bold=True)
            + tbl([[p(text="1- Đấu tranh phản bác thông tin xấu độc", bold=True)]])
            + p(text="Đăng 40 bài viết phản bác các luận điệu xuyên tạc.")
            + p(text="Kiến nghị", num=(8, 0), bold=True)
            + p(text="Đề nghị tăng kinh phí."))
    report = _report(body)
    matched = {m.heading: m.section_id for m in report.matches}
    assert matched == {"I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO": "lanh_dao_chi_dao",
                       "II- KẾT QUẢ THỰC HIỆN": "ket_qua",
                       "1- Đấu tranh phản bác thông tin xấu độc": "dau_tranh",
                       "I- Kiến nghị": "kien_nghi"}
    assert report.sections["dau_tranh"] == ["Đăng 40 bài viết phản bác các luận điệu xuyên "
                                            "tạc."]
    assert report.period_guess == Period.parse("2020-Y")


def test_results_table_and_merged_header_columns(form):
    header = tbl([["STT", "Nội dung", "Kết quả thực hiện"],
                  ["1", "Thông tin trên báo chí, phát thanh, truyền hình",
                   "Đăng 120 tin, bài; 15 phóng sự truyền hình."],
                  ["2", "Tuyên truyền biển, đảo", "Tổ chức cuộc thi tìm hiểu chủ quyền."]])
    figures = tbl([["Chỉ tiêu", "Đơn vị tính", "Kết quả"],
                   ["", "", "2021", "2020"],
                   ["Số bản ấn phẩm, tài liệu phát hành", "bản", "3.800", "7.000"],
                   ["Tiếng Anh", "bản", "500", "900"],
                   ["Họp báo, giao ban báo chí", "cuộc", "4", "6"]],
                  spans={(0, 0): ("vmerge", "restart"), (1, 0): ("vmerge", "continue"),
                         (0, 2): ("span", 2)})
    body = TITLE + "".join([
        p(text="II. KẾT QUẢ THỰC HIỆN", bold=True), header,
        p(text="3. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại", bold=True),
        p(text="Phát hành 3.800 bản tài liệu giới thiệu tiềm năng."),
        p(text="Phụ lục", bold=True), figures])
    report = _report(body)
    assert report.sections["bao_chi"] == ["Đăng 120 tin, bài; 15 phóng sự truyền hình."]
    assert report.sections["bien_dao"] == ["Tổ chức cuộc thi tìm hiểu chủ quyền."]
    values = {p.key: p.value for p in report.proposals}
    assert values[("ban_an_pham", "")] == 3800            # 2021's column, not 2020's
    assert values[("ban_an_pham", "en")] == 500
    assert values[("hop_bao", "")] == 4
    brochure = [p for p in report.proposals if p.key == ("ban_an_pham", "")]
    assert len(brochure) == 1 and "cũng nêu" in brochure[0].source   # counted once
    assert sum_proposals(report.proposals)[("ban_an_pham", "")] == 3800


def test_rates_and_breakdowns_in_sentences(form):
    body = TITLE + "".join([
        p(text="II. KẾT QUẢ THỰC HIỆN", bold=True),
        p(text="3. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại", bold=True),
        p(text="Phát hành 3.800 bản, trong đó: tiếng Anh 500 bản, tiếng Việt 3 300 bản."),
        p(text="III. ĐÁNH GIÁ CHUNG", bold=True),
        p(text="Tỷ lệ hội nghị báo cáo viên có nội dung thông tin đối ngoại đạt 85,5%."),
    ])
    report = _report(body)
    found = {(p.key, p.value) for p in report.proposals}
    assert {(("ban_an_pham", ""), 3800), (("ban_an_pham", "en"), 500),
            (("ban_an_pham", "vi"), 3300), (("ty_le_bcv_ttdn", ""), 85.5)} <= found


def test_strict_ooxml_is_read(form):
    body = TITLE + p(text="I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True) + \
        p(r("Ban hành "), '<w:ins w:id="1" w:author="A">' + r("kế hoạch.") + "</w:ins>")
    report = _report(body, strict=True)
    assert report.strict
    assert report.sections["lanh_dao_chi_dao"] == ["Ban hành kế hoạch."]


def test_no_section_recognised_is_rejected_with_the_reason(form):
    body = TITLE + p(text="Danh sách khách mời dự tiệc tất niên.") + p(text="Ông A, bà B.")
    with pytest.raises(PackageError) as caught:
        _report(body)
    assert caught.value.file_name == "sngv.docx"
    assert "không nhận ra mục nào của mẫu báo cáo" in caught.value.reason


def test_a_table_is_kept_as_a_table():
    body = tbl([["A", "B"], ["1", "2"]])
    [table] = read_word_body("x.docx", docx(body)).blocks
    assert isinstance(table, Table) and table.rows == [["A", "B"], ["1", "2"]]


def test_a_vague_heading_goes_where_its_text_speaks(form):
    body = TITLE + "".join([
        p(text="I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True), p(text="Ban hành kế hoạch."),
        p(text="II. MỘT SỐ HOẠT ĐỘNG KHÁC", bold=True),
        p(text="Đăng bài phản bác các luận điệu xuyên tạc, sai trái về chủ quyền; phản bác "
               "thông tin xấu độc trên mạng."),
    ])
    report = _report(body)
    vague = next(m for m in report.matches if m.heading == "II. MỘT SỐ HOẠT ĐỘNG KHÁC")
    assert (vague.section_id, vague.how) == ("dau_tranh", "nội dung")
    assert 0.5 <= vague.score < 0.8                      # "có thể", never "chắc chắn"
    assert report.sections["dau_tranh"][0].startswith("**II. MỘT SỐ HOẠT ĐỘNG KHÁC**")


def test_a_committee_teaches_its_own_wording_in_the_form_file(form):
    assert match_section(form, "Công tác người có uy tín")[0] is None
    data = tomllib.loads(open(form.path, encoding="utf-8").read())
    section = next(s for s in data["sections"] if s["id"] == "doi_ngoai_nhan_dan")
    section["aliases"] = section.get("aliases", []) + ["Công tác người có uy tín"]
    taught = parse_form(data, "day.toml")
    assert match_section(taught, "3. Công tác người có uy tín")[0].id == "doi_ngoai_nhan_dan"
    section["groups"] = ["khong_co"]
    with pytest.raises(FormError, match="nhóm chỉ tiêu «khong_co» chưa được khai báo"):
        parse_form(data, "sai.toml")


def test_a_heading_split_over_runs_edits_and_proofing_marks(form):
    body = TITLE + "".join([
        p(r("I. CÔNG TÁC ", bold=True), '<w:proofErr w:type="spellStart"/>',
          r("LÃNH ĐẠO", bold=True), '<w:proofErr w:type="spellEnd"/>',
          '<w:ins w:id="7" w:author="A">' + r(", CHỈ ĐẠO", bold=True) + "</w:ins>",
          '<w:del w:id="8" w:author="A"><w:r><w:rPr><w:b/></w:rPr><w:delText> CŨ</w:delText>'
          "</w:r></w:del>"),
        p('<w:del w:id="9" w:author="A"><w:r><w:delText>Đoạn đã xóa hẳn.</w:delText></w:r>'
          "</w:del>"),
        p(r("Ban hành "), r("kế", italic=True), r(" hoạch.")),
    ])
    report = _report(body)
    assert [m.heading for m in report.matches] == ["I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"]
    assert report.sections["lanh_dao_chi_dao"] == ["Ban hành *kế* hoạch."]


def nested_table_report() -> bytes:
    """The whole report in one table (a row per heading), the results of a point in a table
    nested in its cell."""
    nested = tbl([["Báo Quảng Ninh", "Đăng 245 tin, bài về hoạt động đối ngoại."],
                  ["Đài Phát thanh và Truyền hình",
                   p(text="Phát 15 phóng sự truyền hình.") + p(text="Mở chuyên mục mới.")]])
    body = TITLE + tbl([
        ["I", p(text="CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True)
         + p(text="Ban hành Kế hoạch số 111/KH-SNGV.")],
        ["II", p(text="KẾT QUẢ THỰC HIỆN", bold=True)],
        ["1", p(text="Thông tin trên báo chí, phát thanh, truyền hình", bold=True)
         + p(text="Phối hợp với các cơ quan báo chí:") + nested + p(text="(hết phần 1)")]])
    return docx(LETTERHEAD + body + SIGNATURE)


NESTED_SECTION = ["Phối hợp với các cơ quan báo chí:", "Báo Quảng Ninh",
                  "Đăng 245 tin, bài về hoạt động đối ngoại.", "Đài Phát thanh và Truyền hình",
                  "Phát 15 phóng sự truyền hình.", "Mở chuyên mục mới.", "(hết phần 1)"]


def test_a_table_inside_a_table_cell_is_read_in_its_place(form):
    """Row by row, each cell's paragraphs in turn, where the nested table stands."""
    report = import_word_report("sngv.docx", nested_table_report(), form, AGENCIES)
    assert report.sections["bao_chi"] == NESTED_SECTION
    assert (("tin_bai_bao_chi", ""), 245) in {(p.key, p.value) for p in report.proposals}


@pytest.mark.parametrize("to", ["odt", "rtf:Rich Text Format", "doc:MS Word 97"])
def test_a_nested_table_saved_by_libreoffice_reads_alike(tmp_path, form, to):
    """The same report saved as .odt, .rtf and .doc by LibreOffice: its nested table read in
    the same place, the same way, whatever the format."""
    saved = convert_all(tmp_path, {"nested.docx": nested_table_report()}, to=to, sources={})
    if saved is None:
        require("soffice")
    suffix = to.split(":")[0]
    report = import_word_report(f"sngv.{suffix}", saved["nested.docx"], form, AGENCIES)
    assert report.sections["bao_chi"] == NESTED_SECTION
