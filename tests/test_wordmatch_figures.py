"""Figures as agencies write them in their own reports: each sentence (or table) with the
figures an import would store once accepted, and the figures it must leave out and name.
Exact values are read exactly; approximations, ranges, year-on-year changes, last year's
figures and plans are never stored as this period's value."""

from pathlib import Path

import pytest

from ttdn_desktop.core.figure_text import (APPROXIMATE, CHANGE, EARLIER, PLAN, RANGE, UNCLEAR,
                                           WHICH, WORDS)
from ttdn_desktop.core.forms import load_form
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.proposals import Proposal, combine_proposals, sum_proposals
from ttdn_desktop.core.sentence_figures import figure_proposals
from ttdn_desktop.core.table_figures import table_proposals

H1 = Period.parse("2021-H1")
NBSP, THIN, NARROW = "\u00a0", "\u2009", "\u202f"

# (section the sentence stands in, sentence, figures stored when accepted, left out and named:
# (indicator, why))
SENTENCES = [
    # thousands: dot, space, non-breaking and thin spaces; a decimal comma is not thousands
    ("an_pham", "Phát hành 3.800 bản tài liệu giới thiệu tiềm năng.", {"ban_an_pham": 3800}, []),
    ("an_pham", "Phát hành 3 800 bản tài liệu giới thiệu tiềm năng.", {"ban_an_pham": 3800}, []),
    ("an_pham", f"Phát hành 3{NBSP}800 bản tài liệu.", {"ban_an_pham": 3800}, []),
    ("an_pham", f"Phát hành 3{THIN}800 bản tài liệu.", {"ban_an_pham": 3800}, []),
    ("an_pham", f"Phát hành 3{NARROW}800 bản tài liệu.", {"ban_an_pham": 3800}, []),
    ("an_pham", "Phát hành 1.250.000 bản tờ gấp.", {"ban_an_pham": 1250000}, []),
    ("an_pham", "Sở Ngoại vụ phát hành 9.000 cuốn bản tin đối ngoại Thái Nguyên.",
     {"ban_an_pham": 9000}, []),
    # a decimal without a multiplier is no count of copies; "3,800" may be English thousands
    ("an_pham", "Phát hành 3,8 bản tài liệu.", {}, [("ban_an_pham", UNCLEAR)]),
    ("an_pham", "Phát hành 3,800 bản tài liệu.", {}, [("ban_an_pham", UNCLEAR)]),
    ("an_pham", "In 3.8 nghìn bản tài liệu.", {}, [("ban_an_pham", UNCLEAR)]),
    # multipliers with decimals, exactly
    ("an_pham", "In 3,8 nghìn bản tờ gấp giới thiệu du lịch.", {"ban_an_pham": 3800}, []),
    ("an_pham", "In 3,8 ngàn bản tờ gấp giới thiệu du lịch.", {"ban_an_pham": 3800}, []),
    ("an_pham", "In 12 nghìn bản tờ gấp.", {"ban_an_pham": 12000}, []),
    ("cong_thong_tin", "Các bài đăng trên trang của tỉnh đạt 1,25 triệu lượt tiếp cận.",
     {"luot_tiep_can_mxh": 1250000}, []),
    ("cong_thong_tin", "Thu hút 2,5 triệu lượt tương tác trên mạng xã hội.",
     {"luot_tuong_tac_mxh": 2500000}, []),
    ("cong_thong_tin", "Thu hút 1,2 tỷ lượt tiếp cận.", {"luot_tiep_can_mxh": 1200000000}, []),
    ("cong_thong_tin", "Thu hút 1,2345 nghìn lượt tiếp cận.", {},
     [("luot_tiep_can_mxh", UNCLEAR)]),
    # leading zeros
    ("tap_huan", "Tổ chức 02 lớp tập huấn nghiệp vụ thông tin đối ngoại cho 120 lượt học viên.",
     {"lop_tap_huan": 2, "luot_tap_huan": 120}, []),
    ("doi_ngoai_nhan_dan", "Đón tiếp 05 đoàn khách quốc tế đến thăm và làm việc.",
     {"doan_quoc_te": 5}, []),
    # a total stated after its parts, or before them: the total, never the parts on top
    ("cung_cap_thong_tin", "Hướng dẫn 5 phóng viên Nhật Bản, 9 phóng viên Hàn Quốc, tổng cộng "
     "14 phóng viên nước ngoài đến tác nghiệp.", {"phong_vien_nn": 14}, []),
    ("cung_cap_thong_tin", "Đón 3 đoàn phóng viên Lào, 2 đoàn phóng viên Trung Quốc, nâng tổng "
     "số lên 5 đoàn phóng viên nước ngoài.", {"doan_phong_vien_nn": 5}, []),
    ("cung_cap_thong_tin", "Hướng dẫn 14 phóng viên nước ngoài (5 phóng viên Nhật Bản, 9 phóng "
     "viên Hàn Quốc) đến tác nghiệp.", {"phong_vien_nn": 14}, []),
    ("cung_cap_thong_tin", "Hướng dẫn 5 phóng viên Nhật Bản, 9 phóng viên Hàn Quốc, tổng cộng "
     "khoảng 15 phóng viên nước ngoài.", {}, [("phong_vien_nn", APPROXIMATE)]),
    ("cung_cap_thong_tin", "Hướng dẫn hơn 14 phóng viên nước ngoài (5 phóng viên Nhật Bản, 9 "
     "phóng viên Hàn Quốc).", {}, [("phong_vien_nn", APPROXIMATE)]),
    ("bao_chi", "Đăng 165 tin, bài, gồm 120 tin, bài trên Báo Quảng Ninh và 45 tin, bài trên "
     "Đài Phát thanh và Truyền hình tỉnh.", {"tin_bai_bao_chi": 165}, []),
    ("bao_chi", "Đăng 120 tin, bài trên Báo Quảng Ninh và 45 tin, bài trên Đài Phát thanh và "
     "Truyền hình tỉnh.", {"tin_bai_bao_chi": 165}, []),   # two outlets, added up
    ("cung_cap_thong_tin", "Hướng dẫn 5 phóng viên Nhật Bản, 9 phóng viên Hàn Quốc.",
     {"phong_vien_nn": 14}, []),
    ("cung_cap_thong_tin", "Tổ chức 03 cuộc giao ban báo chí với sự tham gia của 50 phóng "
     "viên các cơ quan báo chí của tỉnh.", {"hop_bao": 3}, []),   # not foreign journalists
    # "trong đó" by language stays as it was
    ("an_pham", "Bộ tài liệu với 3.800 bản, trong đó tiếng Anh 500 bản, tiếng Nhật 200 bản, "
     "tiếng Việt 3.100 bản.",
     {"ban_an_pham": 3800, ("ban_an_pham", "en"): 500, ("ban_an_pham", "ja"): 200,
      ("ban_an_pham", "vi"): 3100}, []),
    ("cung_cap_thong_tin", "Tổ chức 4 cuộc họp báo, trong đó 2 cuộc họp báo quốc tế.",
     {"hop_bao": 4}, []),
    ("bao_chi", "Báo Quảng Ninh đăng tải 1.245 tin, bài, ảnh về công tác đối ngoại, trong đó có "
     "156 tin, bài bằng tiếng Anh.",
     {"tin_bai_bao_chi": 1245, ("tin_bai_ngoai_ngu", "en"): 156}, []),
    ("doi_ngoai_nhan_dan", "Đón 3 đoàn khách quốc tế với tổng số 45 người.",
     {"doan_quoc_te": 3}, []),   # 45 visitors, no journalists
    # approximations: left out and named
    ("bao_chi", "Đăng hơn 200 tin, bài về hoạt động đối ngoại của tỉnh.", {},
     [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng trên 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng hơn 200 tin, bài, tăng 35 tin, bài so với cùng kỳ.", {},
     [("tin_bai_bao_chi", APPROXIMATE), ("tin_bai_bao_chi", CHANGE)]),
    ("bao_chi", "Đăng gần 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng khoảng 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Ước đăng 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Số tin, bài ước đạt 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng xấp xỉ 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng dưới 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng chưa đến 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng ít nhất 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng tối thiểu 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng gần như 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng ngót 200 tin, bài.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng 200 tin, bài trở lên.", {}, [("tin_bai_bao_chi", APPROXIMATE)]),
    ("bao_chi", "Đăng 200 tin, bài trên 02 trang báo điện tử; 35 bài viết phản bác.",
     {"tin_bai_bao_chi": 200, "bai_phan_bac": 35}, []),   # "trên" before the unit's number
    ("cong_thong_tin", "Đạt khoảng 1,2 triệu lượt tiếp cận.", {},
     [("luot_tiep_can_mxh", APPROXIMATE)]),
    ("bao_chi", "Đăng hàng trăm tin, bài về hoạt động đối ngoại.", {},
     [("tin_bai_bao_chi", APPROXIMATE)]),
    ("cong_thong_tin", "Thu hút hàng nghìn lượt tương tác.", {},
     [("luot_tuong_tac_mxh", APPROXIMATE)]),
    ("an_pham", "In hơn 3,8 nghìn bản tờ gấp.", {}, [("ban_an_pham", APPROXIMATE)]),
    # ranges
    ("bao_chi", "Mỗi quý đăng khoảng 150–170 tin, bài.", {}, [("tin_bai_bao_chi", RANGE)]),
    ("bao_chi", "Đăng 150-170 tin, bài.", {}, [("tin_bai_bao_chi", RANGE)]),
    ("bao_chi", "Đăng 150 - 170 tin, bài.", {}, [("tin_bai_bao_chi", RANGE)]),
    ("doi_ngoai_nhan_dan", "Mỗi tháng đón từ 3 đến 4 đoàn khách quốc tế.", {},
     [("doan_quoc_te", RANGE)]),
    ("doi_ngoai_nhan_dan", "Đón 3 đến 4 đoàn khách quốc tế.", {}, [("doan_quoc_te", RANGE)]),
    ("doi_ngoai_nhan_dan", "Mỗi tháng đón từ 3 đoàn đến 4 đoàn khách quốc tế.", {},
     [("doan_quoc_te", RANGE), ("doan_quoc_te", RANGE)]),
    ("doi_ngoai_nhan_dan", "Tiếp nhận thông tin từ 3 đoàn khách quốc tế.", {"doan_quoc_te": 3},
     []),
    ("doi_ngoai_nhan_dan", "Giai đoạn 2021–2025, đón 3 đoàn khách quốc tế.", {"doan_quoc_te": 3},
     []),
    ("doi_ngoai_nhan_dan", "Đón 3 - 4 đoàn khách quốc tế.", {}, [("doan_quoc_te", RANGE)]),
    ("doi_ngoai_nhan_dan", "Đón 3 hoặc 4 đoàn khách quốc tế.", {}, [("doan_quoc_te", RANGE)]),
    ("doi_ngoai_nhan_dan", "Đón 3, 4 đoàn khách quốc tế.", {}, [("doan_quoc_te", RANGE)]),
    # year on year and last year's figure: never in this period's value
    ("quang_ba", "Tổ chức 5 sự kiện quảng bá, tăng 02 sự kiện so với cùng kỳ.",
     {"su_kien_quang_ba": 5}, [("su_kien_quang_ba", CHANGE)]),
    ("cung_cap_thong_tin", "Tổ chức 5 cuộc họp báo, giảm 3 cuộc so với năm 2020.",
     {"hop_bao": 5}, [("hop_bao", CHANGE)]),
    ("cung_cap_thong_tin", "So với cùng kỳ năm 2020, số cuộc họp báo tăng 2 cuộc.", {},
     [("hop_bao", CHANGE)]),
    ("cung_cap_thong_tin", "Tổ chức 10 cuộc họp báo (cùng kỳ năm 2020 là 8 cuộc).",
     {"hop_bao": 10}, [("hop_bao", EARLIER)]),
    ("cung_cap_thong_tin", "Tổ chức 10 cuộc họp báo (năm 2020: 5 cuộc).", {"hop_bao": 10},
     [("hop_bao", EARLIER)]),
    ("cung_cap_thong_tin", "Tổ chức 10 cuộc họp báo, trong khi năm 2020 chỉ là 8 cuộc.",
     {"hop_bao": 10}, [("hop_bao", EARLIER)]),
    ("cung_cap_thong_tin", "Tổ chức 10 cuộc họp báo, nhiều hơn 2 cuộc so với cùng kỳ.",
     {"hop_bao": 10}, [("hop_bao", CHANGE)]),
    ("cung_cap_thong_tin", "Tổ chức 10 cuộc họp báo, bằng cùng kỳ năm 2020.", {"hop_bao": 10},
     []),
    ("cung_cap_thong_tin", "Trong 6 tháng đầu năm 2021, tổ chức 10 cuộc họp báo.",
     {"hop_bao": 10}, []),
    ("cung_cap_thong_tin", "Quý I năm 2021 tổ chức 2 cuộc họp báo, quý II năm 2021 tổ chức 3 "
     "cuộc họp báo.", {"hop_bao": 5}, []),
    ("bao_chi", "Đăng 245 tin, bài, bằng 120% so với cùng kỳ.", {"tin_bai_bao_chi": 245}, []),
    ("tap_huan", "Tổ chức 3 lớp tập huấn, tăng cường bồi dưỡng cho 150 lượt học viên.",
     {"lop_tap_huan": 3, "luot_tap_huan": 150}, []),
    # plans are not results
    ("tap_huan", "Dự kiến tổ chức 02 lớp tập huấn trong 6 tháng cuối năm.", {},
     [("lop_tap_huan", PLAN)]),
    ("tap_huan", "Phấn đấu tổ chức 3 lớp tập huấn.", {}, [("lop_tap_huan", PLAN)]),
    ("tap_huan", "Tổ chức 3 lớp tập huấn, đạt 100% kế hoạch.", {"lop_tap_huan": 3}, []),
    ("tap_huan", "Kế hoạch năm 2021 là 4 lớp tập huấn.", {}, [("lop_tap_huan", PLAN)]),
    ("tap_huan", "Xây dựng kế hoạch và tổ chức 3 lớp tập huấn.", {"lop_tap_huan": 3}, []),
    ("quang_ba", "Nhằm mục tiêu quảng bá hình ảnh tỉnh tổ chức 3 sự kiện quảng bá.",
     {"su_kien_quang_ba": 3}, []),
    ("tap_huan", "Đã tổ chức 5 lớp tập huấn và sẽ tổ chức thêm 2 lớp.", {"lop_tap_huan": 5},
     [("lop_tap_huan", PLAN)]),
    ("phuong_huong", "Tổ chức 02 lớp tập huấn nghiệp vụ thông tin đối ngoại.", {},
     [("lop_tap_huan", PLAN)]),
    ("kien_nghi", "Đề nghị hỗ trợ in 5.000 bản tài liệu giới thiệu tiềm năng.", {},
     [("ban_an_pham", PLAN)]),
    ("tap_huan", "Thực hiện Kế hoạch số 45/KH-BCĐ, tổ chức 3 lớp tập huấn.",
     {"lop_tap_huan": 3}, []),
    ("tap_huan", "Tổ chức 3 lớp tập huấn gồm 2 lớp cho cán bộ cấp tỉnh và 1 lớp cấp huyện.",
     {"lop_tap_huan": 3}, []),
    # numbers that are no figures: document numbers, dates, ordinals, quarters
    ("lanh_dao_chi_dao", "Ban hành Kế hoạch số 111/KH-UBND ngày 15/6/2021 về công tác thông "
     "tin đối ngoại.", {}, []),
    ("tap_huan", "Thực hiện Nghị định 30/2020/NĐ-CP, Quý II tổ chức 2 lớp tập huấn.",
     {"lop_tap_huan": 2}, []),
    ("an_pham", "Phát hành bản tin số 12 bản tiếng Anh.", {}, []),
    ("cung_cap_thong_tin", "Tổ chức họp báo lần thứ 3 cuộc thi ảnh.", {}, []),
    ("an_pham", "Tháng 5 300 bản tờ gấp được phát hành.", {"ban_an_pham": 300}, []),
    ("an_pham", "Bản tin Công tác thông tin đối ngoại của tỉnh (02 số/tháng).", {}, []),
    # numbers in words: only single trivial ones, never part of a longer number
    ("cung_cap_thong_tin", "Tổ chức hai cuộc họp báo về tình hình kinh tế.", {"hop_bao": 2}, []),
    ("cung_cap_thong_tin", "Tổ chức mười hai cuộc họp báo.", {}, [("hop_bao", WORDS)]),
    ("cung_cap_thong_tin", "Tổ chức bốn mươi hai cuộc họp báo.", {}, [("hop_bao", WORDS)]),
    ("an_pham", "Trong năm bản tin được phát hành đều đặn.", {}, []),
    ("tap_huan", "Lớp bồi dưỡng lần thứ hai lớp cán bộ nguồn.", {}, []),
    # percentages: for rate indicators only
    ("lanh_dao_chi_dao", "Tỷ lệ hội nghị báo cáo viên có nội dung thông tin đối ngoại đạt 85%.",
     {"ty_le_bcv_ttdn": 85}, []),
    ("lanh_dao_chi_dao", "Tỷ lệ hội nghị báo cáo viên có nội dung thông tin đối ngoại tăng 15% "
     "so với cùng kỳ.", {}, [("ty_le_bcv_ttdn", CHANGE)]),
    ("an_pham", "Phát hành 3.800 bản, đạt 95% kế hoạch.", {"ban_an_pham": 3800}, []),
    # «lượt» counts what follows it: «8 lượt phóng viên» no «thông tin xấu độc», even where
    # «thông tin đối ngoại» comes later in the sentence (a run-in heading read as text); it
    # is visits of people («lượt người») to a training the sentence speaks of
    ("ket_qua", "Tập huấn, bồi dưỡng: Cử 8 lượt phóng viên tham dự lớp bồi dưỡng nghiệp vụ "
     "thông tin đối ngoại.", {"luot_tap_huan": 8}, []),
    ("ket_qua", "Phát hiện, đề nghị gỡ bỏ 35 lượt thông tin xấu độc trên mạng.",
     {"luot_bao_cao_go_bo": 35}, []),
]


def _key(name):
    return name if isinstance(name, tuple) else (name, "")


def _read(form, section_id, sentence):
    return figure_proposals(form, sentence, form.section(section_id), H1)


@pytest.mark.parametrize("section_id, sentence, stored, left_out", SENTENCES,
                         ids=[s[1][:60] for s in SENTENCES])
def test_sentence_figures(form, section_id, sentence, stored, left_out):
    proposals = _read(form, section_id, sentence)
    assert sum_proposals(proposals) == {_key(k): v for k, v in stored.items()}
    named = sorted((p.key[0], next(kind for kind in (APPROXIMATE, RANGE, CHANGE, EARLIER, PLAN,
                                                      UNCLEAR, WORDS)
                                   if p.not_exact.startswith(kind)))
                   for p in proposals if not p.exact)
    assert named == sorted(left_out)
    for proposal in proposals:
        if not proposal.exact:
            assert proposal.phrase and proposal.phrase in sentence  # named as written


def test_exact_values_are_whole_numbers_of_the_right_type(form):
    [proposal] = _read(form, "an_pham", "In 3,8 nghìn bản tờ gấp.")
    assert proposal.value == 3800 and isinstance(proposal.value, int)
    [proposal] = _read(form, "cong_thong_tin", "Đạt 1,25 triệu lượt tiếp cận.")
    assert proposal.value == 1250000 and isinstance(proposal.value, int)


def test_left_out_figures_are_never_summed_nor_merged_with_exact_ones(form):
    exact = Proposal(("hop_bao", ""), 10, "Tổ chức 10 cuộc họp báo.", 0.9)
    rough = Proposal(("hop_bao", ""), 10, "Tổ chức khoảng 10 cuộc họp báo.", 0.9,
                     not_exact=APPROXIMATE, phrase="khoảng 10 cuộc")
    assert sum_proposals([rough]) == {}
    assert sum_proposals([exact, rough]) == {("hop_bao", ""): 10}
    combined = combine_proposals([exact, rough])
    assert [p.exact for p in combined] == [True, False]   # shown apart, one named


def _table(form, rows):
    return table_proposals(form, rows, H1)


def test_table_takes_the_periods_column_and_leaves_a_rough_note_out(form):
    rows = [["TT", "Chỉ tiêu", "Đơn vị tính", "6 tháng đầu năm 2021", "Cùng kỳ 2020",
             "Ghi chú"],
            ["1", "Số bản ấn phẩm, tài liệu phát hành", "bản", "3 800", "7.600", ""],
            ["2", "Đoàn khách quốc tế được đón tiếp", "đoàn", "05", "4", ""],
            ["3", "Lượt tiếp cận trên mạng xã hội", "lượt tiếp cận", "1,25 triệu", "", ""],
            ["4", "Họp báo, giao ban báo chí, cung cấp thông tin cho báo chí", "cuộc", "",
             "", "khoảng 200"],
            ["5", "Người tham gia tập huấn, bồi dưỡng", "lượt người", "khoảng 150", "", ""],
            ["6", "Lớp tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại", "lớp", "3-4", "",
             ""],
            ["7", "Tài khoản, trang (fanpage) mạng xã hội do cơ quan, đơn vị quản lý",
             "tài khoản", "85%", "", ""],
            ["8", "Tỷ lệ hội nghị báo cáo viên có nội dung thông tin đối ngoại", "%", "85,5%",
             "", ""]]
    proposals = _table(form, rows)
    assert sum_proposals(proposals) == {("ban_an_pham", ""): 3800, ("doan_quoc_te", ""): 5,
                                        ("luot_tiep_can_mxh", ""): 1250000,
                                        ("ty_le_bcv_ttdn", ""): 85.5}
    named = sorted((p.key[0], p.not_exact.split(":")[0]) for p in proposals if not p.exact)
    assert named == [("hop_bao", APPROXIMATE), ("lop_tap_huan", RANGE),
                     ("luot_tap_huan", APPROXIMATE), ("tai_khoan_mxh", UNCLEAR)]


def test_table_total_row_and_its_parts(form):
    """A «Tổng» row under rows that are its parts (not members of a breakdown) is the figure;
    the parts are not added on top."""
    rows = [["TT", "Nội dung", "Số lượng"],
            ["1", "Đoàn phóng viên nước ngoài được đón tiếp, hướng dẫn", ""],
            ["", "- Nhật Bản", "2"],
            ["", "- Hàn Quốc", "3"],
            ["", "Tổng", "5"],
            ["2", "Số bản ấn phẩm, tài liệu phát hành", "3.800"],
            ["", "Trong đó: Tiếng Anh", "500"]]
    proposals = _table(form, rows)
    assert sum_proposals(proposals) == {("doan_phong_vien_nn", ""): 5,
                                        ("ban_an_pham", ""): 3800, ("ban_an_pham", "en"): 500}



# Every «Trong đó: …» indicator of the form, with sentences written as the seeds write them: the
# number before «trong đó» is the whole (never the «of which» indicator's), the number after
# it is the part, by language where one is named. (section, sentence, figures stored)
OF_WHICH = {
    "tin_bai_ngoai_ngu": [
        ("bao_chi", "Đăng 48 tin, bài, trong đó 10 tin, bài bằng tiếng Anh.",
         {"tin_bai_bao_chi": 48, ("tin_bai_ngoai_ngu", "en"): 10}),
        ("bao_chi", "Đăng 48 tin, bài, trong đó 10 tin, bài bằng tiếng nước ngoài.",
         {"tin_bai_bao_chi": 48, "tin_bai_ngoai_ngu": 10}),
        ("bao_chi", "Đăng 48 tin, bài, trong đó có 10 tin, bài bằng ngoại ngữ.",
         {"tin_bai_bao_chi": 48, "tin_bai_ngoai_ngu": 10}),
        ("bao_chi", "Báo Thái Nguyên đăng tải 1.245 tin, bài về công tác đối ngoại, trong đó "
         "tiếng Anh 156 tin, bài, tiếng Trung 40 tin, bài.",
         {"tin_bai_bao_chi": 1245, ("tin_bai_ngoai_ngu", "en"): 156,
          ("tin_bai_ngoai_ngu", "zh"): 40}),
    ],
    "hoi_nghi_bcv_ttdn": [
        ("ket_qua", "Tổ chức 14 hội nghị báo cáo viên, trong đó 9 hội nghị có nội dung thông "
         "tin đối ngoại.", {"hoi_nghi_bcv": 14, "hoi_nghi_bcv_ttdn": 9}),
        ("ket_qua", "Tổ chức 14 cuộc hội nghị báo cáo viên, tuyên truyền miệng, trong đó có 9 "
         "cuộc lồng ghép nội dung thông tin đối ngoại.",
         {"hoi_nghi_bcv": 14, "hoi_nghi_bcv_ttdn": 9}),
    ],
}


def test_every_of_which_indicator_of_the_form_has_its_sentences(form):
    of_which = {i.id for i in form.indicators if i.label.startswith("Trong đó")}
    assert of_which == set(OF_WHICH)


@pytest.mark.parametrize("indicator_id, section_id, sentence, stored",
                         [(i, *case) for i, cases in OF_WHICH.items() for case in cases],
                         ids=[s[1][:50] for cases in OF_WHICH.values() for s in cases])
def test_of_which_takes_the_part_never_the_whole(form, indicator_id, section_id, sentence,
                                                 stored):
    proposals = _read(form, section_id, sentence)
    assert all(p.exact for p in proposals), [p.not_exact for p in proposals]
    assert sum_proposals(proposals) == {_key(k): v for k, v in stored.items()}
    whole = next(v for k, v in stored.items() if _key(k)[0] != indicator_id)
    assert not [p for p in proposals if p.key[0] == indicator_id and p.value == whole]


def test_two_indicators_scored_alike_leave_the_figure_unsure(form, tmp_path):
    """A form whose press figures are split by kind of paper: «Đăng 48 tin, bài trên báo»
    speaks of both alike; the figure is named, with both labels, and never stored."""
    text = Path(form.path).read_text(encoding="utf-8").replace(
        'label = "Tin, bài, phóng sự về thông tin đối ngoại trên báo chí, phát thanh, truyền '
        'hình"', 'label = "Tin, bài đăng trên báo giấy"')
    text += ('\n[[indicators]]\nid = "tin_bai_bao_mang"\ngroup = "bao_chi"\n'
             'label = "Tin, bài đăng trên báo mạng"\nunit = "tin/bài"\n')
    path = tmp_path / "form.toml"
    path.write_text(text, encoding="utf-8")
    split = load_form(path)
    [proposal] = figure_proposals(split, "Đăng 48 tin, bài trên báo.", split.section("bao_chi"),
                                  H1)
    assert proposal.not_exact.startswith(WHICH)
    assert "«Tin, bài đăng trên báo giấy»" in proposal.not_exact
    assert "«Tin, bài đăng trên báo mạng»" in proposal.not_exact
    assert proposal.phrase.startswith("48 tin") and sum_proposals([proposal]) == {}
    [proposal] = figure_proposals(split, "Đăng 48 tin, bài trên báo mạng.",
                                  split.section("bao_chi"), H1)
    assert proposal.exact and proposal.key == ("tin_bai_bao_mang", "")
