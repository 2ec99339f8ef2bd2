from datetime import date, datetime

from ttdn_desktop.core.merge import (LATE, MISSING, ON_TIME, Agency, Contribution, compare_percent,
                                     consolidate)
from ttdn_desktop.core.report import ReportContent

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
    assert merged.status_counts() == {ON_TIME: 1, LATE: 1, MISSING: 1}
    merged = consolidate(form, H1, [A, OLD], {"OLD": _contribution(OLD)}, deadline)
    assert [s.agency.code for s in merged.statuses] == ["A", "OLD"]


def test_compare_percent():
    assert compare_percent(150, 100) == 150.0
    assert compare_percent(5, 0) is None and compare_percent(5, None) is None
