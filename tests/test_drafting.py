"""The drafted consolidated report (core.drafting): lead paragraphs from templates kept as data,
paragraphs several agencies sent alike written once, every number proved."""

import pytest

from ttdn_desktop.core.draft_templates import (DraftTemplateError, default_templates,
                                               parse_templates)
from ttdn_desktop.core.drafting import draft_sections
from ttdn_desktop.core.forms import TOTAL
from ttdn_desktop.core.merge import Agency, Contribution, consolidate
from ttdn_desktop.core.report import ReportContent

from .conftest import FORMS_DIR
from .helpers import H1, SEED_BROCHURE

SNGV, CAT, STTTT = Agency("SNGV", "Sở Ngoại vụ"), Agency("CAT", "Công an tỉnh"), \
    Agency("STTTT", "Sở Thông tin và Truyền thông")


def _merged(form, reports: dict, last_year: dict | None = None, agencies=None, period=H1):
    """reports: agency -> (sections, figures); last_year: agency -> figures."""
    agencies = agencies or list(reports)
    contributions = {a.code: Contribution(a, 1, None, None, ReportContent(*reports[a]))
                     for a in reports}
    previous = consolidate(form, period.same_period_last_year(), agencies,
                           {a.code: Contribution(a, 1, None, None, ReportContent({}, figures))
                            for a, figures in (last_year or {}).items()})
    return consolidate(form, period, agencies, contributions, last_year=previous.totals,
                       last_year_per_agency=previous.per_agency)


def test_the_lead_states_the_seed_brochure_with_its_languages_in_vietnamese_style(form):
    merged = _merged(form, {SNGV: ({"an_pham": "Phát hành bộ tài liệu."}, SEED_BROCHURE)})
    lead = draft_sections(merged)["an_pham"].split("\n")[0]
    assert "3.800 bản, trong đó tiếng Việt 2.800 bản, tiếng Anh 500 bản" in lead
    assert "tiếng Trung 100 bản, tiếng Nhật 200 bản, tiếng Hàn 200 bản" in lead
    assert "Có 1/1 cơ quan, đơn vị" in lead


def test_the_comparison_is_made_over_the_agencies_that_reported_both_years(form):
    this = {SNGV: ({}, {("hop_bao", TOTAL): 9}), CAT: ({}, {("hop_bao", TOTAL): 6})}
    both = _merged(form, this, {SNGV: {("hop_bao", TOTAL): 8}, CAT: {("hop_bao", TOTAL): 4}})
    assert "tăng 25% so với cùng kỳ năm 2020." in draft_sections(both)["cung_cap_thong_tin"]
    one = _merged(form, this, {SNGV: {("hop_bao", TOTAL): 8}})
    lead = draft_sections(one)["cung_cap_thong_tin"]
    # 15 against 8 would be «tăng 87,5%»: only SNGV has both years, 9 against 8
    assert "tăng 12,5% so với cùng kỳ năm 2020 (1 đơn vị có số liệu cùng kỳ)" in lead
    assert "87,5" not in lead
    none = _merged(form, this, {})
    assert "cùng kỳ" not in draft_sections(none)["cung_cap_thong_tin"]


def test_sentences_alike_are_written_once_with_the_agencies_named(form):
    text = "Tổ chức {n} cuộc họp giao ban, kiểm tra việc thực hiện nhiệm vụ thông tin đối ngoại."
    merged = _merged(form, {
        SNGV: ({"lanh_dao_chi_dao": text.format(n=3)}, {}),
        CAT: ({"lanh_dao_chi_dao": text.format(n=6)}, {}),
        STTTT: ({"lanh_dao_chi_dao": "Tiếp tục quán triệt các văn bản chỉ đạo của Trung ương."
                 }, {})})
    drafted = draft_sections(merged)["lanh_dao_chi_dao"].split("\n")
    assert drafted[0] == ("Tổ chức các cuộc họp giao ban, kiểm tra việc thực hiện nhiệm vụ "
                          "thông tin đối ngoại: Sở Ngoại vụ 3 cuộc, Công an tỉnh 6 cuộc.")
    assert drafted[1] == ("Sở Thông tin và Truyền thông: Tiếp tục quán triệt các văn bản chỉ "
                          "đạo của Trung ương.")
    assert "9" not in drafted[0]   # no statistics prove 3 + 6: never stated


def test_the_shipped_templates_read_and_the_form_library_leaves_them_alone(forms):
    assert default_templates().version == 1
    assert not forms.problems
    assert all("draft-templates" not in form.path for form in forms)


@pytest.mark.parametrize("change, reason", [
    ('count = "{label}: {total} {unit}{breakdown}{change}."',
     'count = "{label}: {tong} {unit}."'),
    ('count = "{label}: {total} {unit}{breakdown}{change}."',
     'count = "{label}: {total {unit}."'),
    ('count = "{label}: {total} {unit}{breakdown}{change}."',
     'count = "{label.__class__}: {total}."'),
])
def test_an_unknown_placeholder_or_a_stray_brace_is_refused_naming_the_file(change, reason):
    text = (FORMS_DIR / "draft-templates-v1.toml").read_text(encoding="utf-8")
    assert change in text
    with pytest.raises(DraftTemplateError) as error:
        parse_templates(text.replace(change, reason), "mau-moi.toml")
    assert "«mau-moi.toml»" in error.value.message
    assert "lead.count" in error.value.message
