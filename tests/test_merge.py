from datetime import date, datetime

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.diff import DELETE, INSERT, diff_html, word_diff
from ttdn_desktop.core.merge import (CONFLICT, Contribution, LATE, MISSING, ON_TIME,
                                     compare_percent, consolidate)
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.review import ACCEPTED, NEEDS_CHANGES

from .helpers import H1, SEED_BROCHURE

A, B, C, OLD = (Agency("A", "Sở Ngoại vụ"), Agency("B", "Ban Xúc tiến"), Agency("C", "Công an tỉnh"),
                Agency("OLD", "Sở Thông tin và Truyền thông", retired=True))


def _contribution(agency, sections=None, figures=None, sent=datetime(2021, 6, 15, 9)):
    return Contribution(agency, 1, sent, sent, ReportContent(sections or {}, figures or {}))


def test_seed_brochure_breakdown_adds_up_to_3800(form):
    half = {("ban_an_pham", ""): 1900, ("ban_an_pham", "vi"): 1400, ("ban_an_pham", "en"): 250,
            ("ban_an_pham", "ja"): 100, ("ban_an_pham", "ko"): 100, ("ban_an_pham", "zh"): 50}
    merged = consolidate(form, H1, [A, B], {"A": _contribution(A, figures=half),
                                            "B": _contribution(B, figures=half)})
    assert merged.totals[("ban_an_pham", "")] == 3800
    members = sum(merged.totals[("ban_an_pham", m)] for m in ("vi", "en", "ja", "ko", "zh"))
    assert members == 3800 == sum(SEED_BROCHURE[k] for k in SEED_BROCHURE if k[1])
    assert merged.per_agency[("ban_an_pham", "en")] == {"A": 250, "B": 250}


def test_rates_are_recomputed_never_summed(form):
    a = {("hoi_nghi_bcv", ""): 10, ("hoi_nghi_bcv_ttdn", ""): 5, ("ty_le_bcv_ttdn", ""): 50.0}
    b = {("hoi_nghi_bcv", ""): 30, ("hoi_nghi_bcv_ttdn", ""): 27, ("ty_le_bcv_ttdn", ""): 90.0}
    merged = consolidate(form, H1, [A, B], {"A": _contribution(A, figures=a),
                                            "B": _contribution(B, figures=b)})
    assert merged.totals[("ty_le_bcv_ttdn", "")] == 80.0  # 32 / 40, not 50 + 90


def test_sections_in_member_order_with_attribution_and_edits(form):
    contributions = {"C": _contribution(C, {"an_pham": "Của Công an"}),
                     "A": _contribution(A, {"an_pham": "Của Sở Ngoại vụ", "kien_nghi": "Đề nghị"})}
    merged = consolidate(form, H1, [A, B, C], contributions, edited={"kien_nghi": "Bản đã sửa"})
    section = merged.section("an_pham")
    assert [(agency.code, text) for agency, text in section.contributions] == [
        ("A", "Của Sở Ngoại vụ"), ("C", "Của Công an")]
    assert not section.is_edited
    assert merged.section("kien_nghi").edited == "Bản đã sửa"
    assert merged.section("lanh_dao_chi_dao").contributions == []


def test_who_reported_late_and_missing(form):
    deadline = date(2021, 6, 16)
    contributions = {"A": _contribution(A, sent=datetime(2021, 6, 16, 17)),
                     "C": _contribution(C, sent=datetime(2021, 6, 17, 8))}
    merged = consolidate(form, H1, [A, B, C, OLD], contributions, deadline)
    assert [(s.agency.code, s.state) for s in merged.statuses] == [
        ("A", ON_TIME), ("B", MISSING), ("C", LATE)]  # a retired agency that did not report
    counts = merged.status_counts()
    assert (counts[ON_TIME], counts[LATE], counts[MISSING]) == (1, 1, 1)
    assert merged.reported == 2
    merged = consolidate(form, H1, [A, OLD], {"OLD": _contribution(OLD)}, deadline)
    assert [s.agency.code for s in merged.statuses] == ["A", "OLD"]


def test_compare_percent():
    assert compare_percent(150, 100) == 150.0
    assert compare_percent(5, 0) is None and compare_percent(5, None) is None


def test_review_states_conflicts_and_figure_completeness(form):
    full = {(i.id, ""): 1 for i in form.indicators}
    contributions = {"A": _contribution(A, figures=full),
                     "B": _contribution(B, figures={("hop_bao", ""): 2}),
                     "C": _contribution(C, sent=datetime(2021, 6, 30))}
    merged = consolidate(form, H1, [A, B, C, OLD], contributions, date(2021, 6, 16),
                         reviews={"A": (ACCEPTED, ""), "C": (NEEDS_CHANGES, "Thiếu số liệu")},
                         conflicts={"B"})
    states = {s.agency.code: s for s in merged.statuses}
    assert [states[c].state for c in "ABC"] == [ACCEPTED, CONFLICT, NEEDS_CHANGES]
    assert states["C"].late and states["C"].comment == "Thiếu số liệu"
    assert states["A"].figures_complete == 1.0
    assert states["B"].figures_complete == 1 / len(form.indicators)


def test_merge_order_orders_and_leaves_out_and_flags_stale_edits(form):
    contributions = {code: Contribution(agency, 3, None, None,
                                        ReportContent({"an_pham": f"Của {agency.name}"}))
                     for code, agency in (("A", A), ("B", B), ("C", C))}
    merged = consolidate(form, H1, [A, B, C], contributions,
                         orders={"an_pham": (["C", "A"], {"B"})},
                         edited={"kien_nghi": "Đã sửa"},
                         based_on={"kien_nghi": {"A": 3, "C": 2}})
    section = merged.section("an_pham")
    assert [a.code for a, _ in section.contributions] == ["C", "A"]
    assert [a.code for a, _ in section.excluded] == ["B"]
    assert [(a.code, r) for a, r in merged.section("kien_nghi").changed_since_edit] == [("C", 2)]


def test_word_diff():
    pieces = word_diff("Phát hành 9.000 cuốn", "Phát hành 9.500 cuốn bản tin")
    assert (DELETE, "9.000") in pieces and (INSERT, "9.500") in pieces
    assert "line-through'>9.000</span>" in diff_html("a 9.000", "a 9.500")


def test_very_different_texts_are_not_interleaved_word_by_word():
    old = "Tổ chức hội nghị giao ban báo chí quý I với 40 phóng viên tham dự"
    new = "Phát hành 3.800 cuốn bản tin đối ngoại song ngữ Việt Anh gửi các cơ quan đại diện"
    html = diff_html(old, new)
    # the old paragraph struck through whole, then the new one whole
    assert html.count("line-through") == 1 and html.count("underline") == 1
    assert html.index("line-through") < html.index("underline")
    edited = diff_html("Phát hành 9.000 cuốn bản tin", "Phát hành 9.500 cuốn bản tin")
    assert "line-through'>9.000</span>" in edited and "underline'>9.500</span>" in edited
    paragraphs = diff_html("Đoạn một giữ nguyên.\nĐoạn hai cũ hẳn khác xa.",
                           "Đoạn một giữ nguyên.\nMột nội dung mới hoàn toàn khác biệt.")
    assert paragraphs.startswith("Đoạn một giữ nguyên.<br/>")


def test_an_agency_reporting_after_the_edit_flags_the_section(form):
    contributions = {"A": _contribution(A, {"kien_nghi": "Cũ"}),
                     "B": _contribution(B, {"kien_nghi": "Mới đến sau khi đã sửa"})}
    merged = consolidate(form, H1, [A, B], contributions, edited={"kien_nghi": "Đã sửa"},
                         based_on={"kien_nghi": {"A": 1}})
    assert [(a.code, seen) for a, seen in merged.section("kien_nghi").changed_since_edit] == \
        [("B", 0)]


def test_ratio_only_over_agencies_giving_both_parts(form):
    a = {("hoi_nghi_bcv_ttdn", ""): 50}                        # numerator only
    b = {("hoi_nghi_bcv_ttdn", ""): 1, ("hoi_nghi_bcv", ""): 2}
    merged = consolidate(form, H1, [A, B], {"A": _contribution(A, figures=a),
                                            "B": _contribution(B, figures=b)})
    assert merged.totals[("ty_le_bcv_ttdn", "")] == 50.0      # not 2.550
