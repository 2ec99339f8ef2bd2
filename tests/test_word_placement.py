"""Where the sentences of an agency's own outline go when its headings do not name a section of
the form for sure: a topic the form counts without a section of its own, a heading that covers
two sections, a heading of the agency's own words. Each placement is proposed from the form's
words (names, keywords, the help of each section, the labels of its indicator groups) and the
text under the heading, and asked about: nothing placed by a guess is stored unconfirmed."""

import pytest

from ttdn_desktop.cli import main
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.sentence_figures import figure_proposals
from ttdn_desktop.core.wordmatch import also_named, match_section
from ttdn_desktop.exchange.docx_import import import_word_report
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.workspace import Workspace

from .wordxml import LETTERHEAD, SIGNATURE, TITLE, docx, p

AGENCIES = [("SNGV", "Sở Ngoại vụ")]
H1 = Period.parse("2021-H1")


def read(form, *paragraphs):
    body = LETTERHEAD + TITLE + "".join(p(text=t, bold=b) for t, b in paragraphs) + SIGNATURE
    return import_word_report("bao-cao.docx", docx(body), form, AGENCIES)


def where(report, sentence):
    found = [sid for sid, lines in report.sections.items() if any(sentence in x for x in lines)]
    found += [None for _, lines in report.other if any(sentence in x for x in lines)]
    return found


def asked(report, heading):
    return any(report.matches[n].heading == heading for n in report.to_confirm())


@pytest.mark.parametrize("heading", [
    "1- Công tác thông tin qua đội ngũ báo cáo viên",
    "1. Hoạt động của đội ngũ báo cáo viên",
    "1. Công tác báo cáo viên, tuyên truyền miệng",
    "1. Tuyên truyền miệng",
])
def test_a_topic_the_form_counts_without_a_section_goes_to_the_results_part(form, heading):
    """«báo» of «báo cáo viên» made the heading the press section's («báo chí»); the form
    counts that topic in an indicator group no section holds, so its text is told in the
    results part, its heading kept above it, and asked."""
    sentence = "Tổ chức 14 hội nghị báo cáo viên cấp tỉnh, trong đó 9 hội nghị có nội dung " \
               "thông tin đối ngoại."
    report = read(form, ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
                  ("Ban Thường vụ ban hành Chỉ thị về công tác thông tin đối ngoại.", False),
                  ("II. KẾT QUẢ THỰC HIỆN", True), (heading, True), (sentence, False),
                  ("2. Đấu tranh, phản bác thông tin sai trái, xuyên tạc", True),
                  ("Viết 27 bài phản bác các quan điểm sai trái.", False))
    assert where(report, sentence) == ["ket_qua"]
    assert f"**{heading}**" in report.sections["ket_qua"]
    assert asked(report, heading)
    assert where(report, "Viết 27 bài phản bác") == ["dau_tranh"]
    # its figures, the part after «trong đó» too, proposed and held until it is confirmed
    found = {p.key[0]: (p.value, n) for n, p in enumerate(report.proposals)}
    assert (found["hoi_nghi_bcv"][0], found["hoi_nghi_bcv_ttdn"][0]) == (14, 9)
    held = set(report.held_proposals())
    assert {found["hoi_nghi_bcv"][1], found["hoi_nghi_bcv_ttdn"][1]} <= held


@pytest.mark.parametrize("section, sentence, expected", [
    ("quang_ba", "Tổ chức 3 hội nghị xúc tiến đầu tư với doanh nghiệp Hàn Quốc.",
     {("su_kien_quang_ba", ""): 3}),
    ("cung_cap_thong_tin", "Tổ chức 4 hội nghị giao ban báo chí.", {("hop_bao", ""): 4}),
    ("ket_qua", "Tổ chức 20 hội nghị tuyên truyền miệng, trong đó 12 hội nghị có nội dung "
                "thông tin đối ngoại.",
     {("hoi_nghi_bcv", ""): 20, ("hoi_nghi_bcv_ttdn", ""): 12}),
    # a conference of another kind counts in no indicator; a part that says nothing of
    # the «of which» indicator's label is none of it
    ("lanh_dao_chi_dao", "Tổ chức 2 hội nghị quán triệt Chỉ thị tới cán bộ chủ chốt.", {}),
    ("ket_qua", "Tổ chức 14 hội nghị báo cáo viên, trong đó 9 hội nghị ở cấp huyện.",
     {("hoi_nghi_bcv", ""): 14}),
])
def test_conferences_counted_by_what_they_are(form, section, sentence, expected):
    """«hội nghị» is written where a unit stands; it was no unit, so no figure of a
    conference was proposed."""
    found = figure_proposals(form, sentence, form.section(section))
    assert {p.key: p.value for p in found} == expected


@pytest.mark.parametrize("heading, lines, expected", [
    ("III. Những hạn chế và nguyên nhân",
     ["Lực lượng chuyên trách còn mỏng so với yêu cầu nhiệm vụ.",
      "Nguyên nhân chủ yếu là kinh phí chưa được bố trí."],
     ["han_che", "nguyen_nhan"]),
    ("III. Khó khăn, hạn chế và nguyên nhân",
     ["Đội ngũ cán bộ còn kiêm nhiệm, thiếu kinh nghiệm.",
      "Do kinh phí còn hạn chế nên chưa in được tài liệu bằng tiếng nước ngoài.",
      "Một số đơn vị chưa quan tâm đúng mức."],
     ["han_che", "nguyen_nhan", "nguyen_nhan"]),
    ("III. Ưu điểm, hạn chế",
     ["Các ngành chủ động cung cấp thông tin kịp thời.",
      "Cán bộ làm công tác đối ngoại thiếu kinh nghiệm."],
     ["uu_diem", "han_che"]),
])
def test_a_heading_of_limitations_and_causes_shares_them_by_what_they_say(form, heading,
                                                                         lines, expected):
    """A paragraph that names neither went to the section the heading named best
    («nguyên nhân», whole), not to the one it names first; a cause that says «hạn chế»
    went to the limitations, and what is still lacking stayed among the achievements. The
    heading is asked about."""
    report = read(form, ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
                  ("Ban hành kế hoạch thông tin đối ngoại năm 2022.", False),
                  (heading, True), *[(line, False) for line in lines],
                  ("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", True),
                  ("Tiếp tục đổi mới nội dung tuyên truyền.", False))
    assert [where(report, line) for line in lines] == [[sid] for sid in expected]
    assert asked(report, heading)
    # shown as the heading names them («Những hạn chế và nguyên nhân»: limitations first)
    [merged] = [m for m in report.matches if m.heading == heading]
    assert (merged.section_id,) + merged.also == tuple(dict.fromkeys(expected))


def test_a_heading_naming_achievements_by_an_alias_and_limitations_covers_both(form):
    """«Kết quả đạt được, hạn chế» names the achievements by their alias («Những kết quả
    đạt được»), no keyword: it was taken for the achievements alone, «chắc chắn»."""
    title = "Kết quả đạt được, hạn chế"
    section, score = match_section(form, title, 2, "danh_gia")
    assert section.id == "uu_diem"
    assert [s.id for s in also_named(form, title, section, score, 2, "danh_gia")] == ["han_che"]


def test_a_topic_is_named_by_headings_of_the_text_only(form):
    """A row of the statistics table names the group it heads («Thông tin qua đội ngũ báo
    cáo viên»): read as a heading of the results part, it made our own export's annex a
    table holding the report, and its 28 figures were read as 13, one of them twice."""
    title = "Thông tin qua đội ngũ báo cáo viên"
    assert match_section(form, title)[0] is None
    assert match_section(form, title, topics=True)[0].id == "ket_qua"


@pytest.mark.parametrize("title, level, parent, best, also", [
    # what follows «của», «với» qualifies the topic; a name of the section is one section
    ("Nguyên nhân của hạn chế", 2, "danh_gia", "nguyen_nhan", []),
    ("Nguyên nhân của những hạn chế, tồn tại", 2, "danh_gia", "nguyen_nhan", []),
    ("Giao lưu hữu nghị với lực lượng bảo vệ biên giới nước bạn", 2, "ket_qua",
     "doi_ngoai_nhan_dan", []),
    ("Kế hoạch thời gian tới", 1, None, "phuong_huong", []),
    # … but two topics named side by side are two, whatever order
    ("Hạn chế, tồn tại và nguyên nhân", 2, "danh_gia", "nguyen_nhan", ["han_che"]),
    ("Phương hướng, nhiệm vụ và kiến nghị", 1, None, "phuong_huong", ["kien_nghi"]),
])
def test_what_a_heading_covers(form, title, level, parent, best, also):
    """«Nguyên nhân của hạn chế» (the form's own alias of the causes) was taken to cover the
    limitations too, «Kế hoạch thời gian tới» the leadership («kế hoạch»), and a sister
    force «bảo vệ biên giới» the border section: each asked as merged, its paragraphs
    shared out by their words."""
    section, score = match_section(form, title, level, parent)
    assert section.id == best
    assert [s.id for s in also_named(form, title, section, score, level, parent)] == also


@pytest.mark.parametrize("heading, sentence", [
    ("1. Việc triển khai các văn bản của cấp trên",
     "Đảng ủy Bộ đội Biên phòng tỉnh ban hành Nghị quyết chuyên đề về đối ngoại biên phòng."),
    ("1. Triển khai văn bản của cấp trên",
     "Đồn Biên phòng quán triệt Chỉ thị của Ban Thường vụ tới toàn thể cán bộ, chiến sĩ."),
])
def test_an_own_heading_leaning_to_a_section_is_placed_with_its_text_and_asked(
        form, heading, sentence):
    """A heading of the agency's own words that only leans to a section, over text using
    that section's words or what its help names (a resolution, a directive): placed there,
    its heading kept, and asked; it was set aside."""
    report = read(form, (heading, True), (sentence, False),
                  ("2. Tuyên truyền chủ quyền lãnh thổ, biên giới quốc gia", True),
                  ("Tổ chức 42 buổi tuyên truyền pháp luật về biên giới.", False))
    assert where(report, sentence) == ["lanh_dao_chi_dao"]
    assert f"**{heading}**" in report.sections["lanh_dao_chi_dao"]
    assert asked(report, heading)


@pytest.mark.parametrize("heading, sentence, expected", [
    ("3. Công tác bảo vệ nền tảng tư tưởng của Đảng",
     "Ban Chỉ đạo 35 đăng 40 bài phản bác các quan điểm sai trái.", "dau_tranh"),
    ("3. Giới thiệu tiềm năng của tỉnh",
     "Tham gia hội chợ thương mại tại Côn Minh, giới thiệu các sản phẩm du lịch.", "quang_ba"),
])
def test_a_point_of_the_results_in_own_words_goes_where_its_text_speaks(form, heading,
                                                                       sentence, expected):
    """A point of «II. KẾT QUẢ THỰC HIỆN» in the agency's own words, naming none of its
    sections: in the one of them its text clearly speaks of (twice, nothing else), its
    heading kept, and asked; it was set aside as fitting nowhere."""
    report = read(form, ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", True),
                  ("Ban hành kế hoạch thông tin đối ngoại năm 2022.", False),
                  ("II. KẾT QUẢ THỰC HIỆN", True),
                  ("1. Thông tin trên báo chí", True),
                  ("Báo tỉnh đăng 45 tin, bài về hoạt động đối ngoại.", False),
                  ("2. Tập huấn nghiệp vụ", True),
                  ("Mở 2 lớp tập huấn cho cán bộ cấp huyện.", False),
                  (heading, True), (sentence, False),
                  ("III. KIẾN NGHỊ", True), ("Đề nghị hỗ trợ kinh phí.", False))
    assert where(report, sentence) == [expected]
    assert f"**{heading}**" in report.sections[expected]
    assert asked(report, heading)
    assert where(report, "Mở 2 lớp tập huấn") == ["tap_huan"]
    assert where(report, "Đề nghị hỗ trợ") == ["kien_nghi"]


def test_a_heading_leaning_nowhere_over_text_of_one_section_only(form):
    """«Công tác tham mưu» names no section; the text under it uses two of the leadership's
    words and none of another section's: placed there, asked. It was set aside."""
    heading, sentence = "1. Công tác tham mưu", \
        "Tham mưu UBND tỉnh ban hành Kế hoạch số 15/KH-UBND về thông tin đối ngoại."
    report = read(form, (heading, True), (sentence, False),
                  ("2. Tuyên truyền chủ quyền lãnh thổ, biên giới quốc gia", True),
                  ("Tổ chức 42 buổi tuyên truyền pháp luật về biên giới.", False))
    assert where(report, sentence) == ["lanh_dao_chi_dao"]
    assert asked(report, heading)


def test_an_own_heading_leaning_nowhere_stays_unplaced(form):
    report = read(form, ("1. Công tác lãnh đạo, chỉ đạo", True),
                  ("Ban hành kế hoạch thông tin đối ngoại năm 2022.", False),
                  ("2. Các nội dung khác", True),
                  ("Đơn vị duy trì nghiêm chế độ trực sẵn sàng chiến đấu.", False))
    assert where(report, "Đơn vị duy trì nghiêm") == [None]


TOPIC = LETTERHEAD + TITLE + "".join([
    p(text="I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", bold=True),
    p(text="Ban hành kế hoạch thông tin đối ngoại năm 2021."),
    p(text="II. KẾT QUẢ THỰC HIỆN", bold=True),
    p(text="1. Hoạt động của đội ngũ báo cáo viên", bold=True),
    p(text="Tổ chức 14 hội nghị báo cáo viên, trong đó 9 hội nghị có nội dung thông tin đối "
           "ngoại."),
]) + SIGNATURE


def test_command_line_asks_before_storing_a_topic_placed_in_the_results(tmp_path, capsys,
                                                                         forms):
    db = tmp_path / "cli.sqlite3"
    main(["--db", str(db), "agencies", "add", "SNGV", "Sở Ngoại vụ"])
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(docx(TOPIC))
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(path), "--accept-figures"]) == 1
    out = capsys.readouterr().out
    assert "cần xác nhận: «1. Hoạt động của đội ngũ báo cáo viên»" in out
    with Workspace(db, forms) as ws:
        assert report_store.report_for(ws.db, "SNGV", H1, ws.form.id) is None
    assert main(["--db", str(db), "import", str(path), "--accept-figures",
                 "--accept-placement"]) == 0
    with Workspace(db, forms) as ws:
        found = report_store.report_for(ws.db, "SNGV", H1, ws.form.id)
        stored = report_store.load_content(ws.db, found["id"])
    assert "Tổ chức 14 hội nghị báo cáo viên" in stored.sections["ket_qua"]
    assert (stored.figures[("hoi_nghi_bcv", "")], stored.figures[("hoi_nghi_bcv_ttdn", "")]) \
        == (14, 9)
