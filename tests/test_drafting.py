"""The drafted consolidated report (core.drafting): lead paragraphs from templates kept as data,
paragraphs several agencies sent alike written once, every number proved."""

import re
import tomllib

import pytest

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.draft_templates import (DraftTemplateError, default_templates,
                                               load_templates, parse_templates)
from ttdn_desktop.core.drafting import draft_sections
from ttdn_desktop.core.forms import TOTAL, parse_form
from ttdn_desktop.core.merge import Contribution, attributed_lines, compare_percent, consolidate
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.richtext import plain_text
from ttdn_desktop.core.text import format_number, format_percent
from ttdn_desktop.demo import demo_agencies, demo_kind, write_demo_packages
from ttdn_desktop.workspace import Workspace

from .conftest import FORMS_DIR
from .draftcorpus import corpus_reports, varied_demo
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


# --- every number proved --------------------------------------------------------------------
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
# counts of agencies: «Có 58/60 cơ quan», «cả 60 cơ quan», «12 xã», «10 đơn vị khác»
_AGENCY_COUNT = re.compile(r"\b(\d+)/(\d+) cơ quan|\b(\d+) (?:cơ quan|đơn vị|xã|phường|huyện|"
                           r"đặc khu)\b")
_TOTAL = re.compile(r"tổng cộng ((?:[^.;]|\.(?=\d))*)")   # «tổng cộng 228 cuộc và 217 đoàn»


def _shown(value, rate=False) -> str:
    return format_percent(value) if rate else format_number(value)


def _proved(merged) -> set[str]:
    """Every number the statistics prove, as the draft writes it: stored figures of both
    years, their totals and the comparisons computed from them, annex-wide or over the
    agencies that have both years; and the two years compared."""
    out = {str(merged.period.year), str(merged.period.year - 1)}
    for values in (merged.totals, merged.last_year):
        for key, value in values.items():
            rate = merged.form.indicator(key[0]).kind == "rate"
            out |= {_shown(value, rate), format_number(value)}
    for by_agency in (merged.per_agency, merged.last_year_per_agency):
        for values in by_agency.values():
            out |= {format_number(v) for v in values.values()}
    for key in merged.form.figure_keys():
        this, last = merged.per_agency.get(key, {}), merged.last_year_per_agency.get(key, {})
        common = [c for c in this if c in last]
        for percent in (compare_percent(merged.totals.get(key), merged.last_year.get(key)),
                        compare_percent(sum(this[c] for c in common),
                                        sum(last[c] for c in common)) if common else None):
            if percent is not None:
                out.add(format_number(abs(round(percent - 100, 2))))
    return out


def unproved(merged, drafted: dict[str, str]) -> list[str]:
    """Numbers of the draft that are no stored figure, total or comparison, no count of
    agencies, and not in the sentence quoted from the agency named with it."""
    proved, found = _proved(merged), []
    members = len(merged.statuses)
    texts = {m.section.id: {a.name: set(_NUMBER.findall(plain_text(t)))
                            for a, t in m.contributions} for m in merged.sections}
    for section_id, text in drafted.items():
        quoted = set().union(*texts[section_id].values()) if texts[section_id] else set()
        for total in (n for said in _TOTAL.findall(text) for n in _NUMBER.findall(said)):
            if total not in {format_number(merged.totals[k]) for k in merged.totals}:
                found.append(f"{section_id}: tổng cộng {total} is no stored total")
        for name, numbers in texts[section_id].items():
            # by its name, or by its short name after «các xã» or another commune's figure
            short = name.removeprefix("UBND xã ")
            patterns = [rf"(?<!\w){re.escape(name)} (\d+(?:[.,]\d+)*)"] + (
                [rf"(?:các xã |[,;] ){re.escape(short)} (\d+(?:[.,]\d+)*)"]
                if short != name else [])
            for said in (m.group(1) for p in patterns for m in re.finditer(p, text)):
                if said not in numbers:
                    found.append(f"{section_id}: {name} {said} is not in {name}'s text")
        for match in _AGENCY_COUNT.finditer(text):
            if any(int(n) > members for n in match.groups() if n):
                found.append(f"{section_id}: {match.group()} counts more agencies than there are")
        rest = _AGENCY_COUNT.sub(" ", text)
        for number in _NUMBER.findall(rest):
            if number not in proved and number not in quoted:
                found.append(f"{section_id}: {number} in «{_around(rest, number)}»")
    return found


def _around(text: str, number: str) -> str:
    at = text.index(number)
    return text[max(0, at - 60):at + 40]


def test_the_proof_finds_a_sum_of_prose_no_statistics_prove(form):
    """The check below is no check if it passes whatever the draft says."""
    text = "Tổ chức {n} cuộc họp giao ban, kiểm tra việc thực hiện nhiệm vụ."
    merged = _merged(form, {SNGV: ({"lanh_dao_chi_dao": text.format(n=3)}, {}),
                            CAT: ({"lanh_dao_chi_dao": text.format(n=6)}, {})})
    drafted = draft_sections(merged)
    assert unproved(merged, drafted) == []
    drafted["lanh_dao_chi_dao"] += "; tổng cộng 9 cuộc. Công an tỉnh 3 cuộc. Tổng 9."
    found = unproved(merged, drafted)
    # «tổng cộng 9» is no stored total, and 9 (twice) no figure; CAT wrote 6, not 3
    assert len(found) == 4 and sum("9 in" in f for f in found) == 2, found
    assert any("tổng cộng 9 is no stored total" in f for f in found)
    assert any("Công an tỉnh 3 is not in" in f for f in found)


# --- the 60-agency demo, both years imported, and reports written as real ones are -------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory, forms):
    """A secretariat's database holding the demo's 60 agencies for 2021-H1 and 2020-H1, as
    `ttdn demo` writes their packages and the import reads them."""
    folder = tmp_path_factory.mktemp("demo")
    with Workspace(folder / "ttdn.sqlite3", forms) as ws:
        for order, (code, name) in enumerate(demo_agencies(60), start=1):
            ws.agencies.add(code, name, demo_kind(code), order, new_kind=True)
        paths = []
        for period in (H1, H1.same_period_last_year()):
            paths += write_demo_packages(ws.form, folder / period.code, period, 60)
        assert all(r.outcome == "new" for r in ws.imports.run(paths))
        yield ws


def _pasted_length(merged) -> int:
    """What the pasted report prints: each agency's name before its text."""
    return sum(len(line) for m in merged.sections for agency, text in m.contributions
               for line in attributed_lines(agency.name, plain_text(text)))


def test_the_demo_draft_is_a_quarter_of_the_pasted_report_and_proves_every_number(demo):
    merged = demo.merge.consolidation(H1)
    assert len(merged.last_year_per_agency[("hop_bao", TOTAL)]) == 60
    drafted = draft_sections(merged)
    assert set(drafted) == {s.id for s in merged.form.prose_sections}
    assert sum(map(len, drafted.values())) <= _pasted_length(merged) / 4
    assert unproved(merged, drafted) == []
    # the seeds' sentences: totals with their breakdown, agencies' figures, a proved total
    assert "bản, trong đó tiếng Việt" in drafted["an_pham"]
    assert "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh 3.800 bản" in drafted["an_pham"]
    assert re.search(r"; tổng cộng [\d.]+ bản\.", drafted["an_pham"])
    assert "so với cùng kỳ năm 2020" in drafted["bao_chi"]


def test_what_is_particular_follows_member_order_or_the_member_lists_kinds(form):
    xa = Agency("XA01", "UBND xã Hạ Long")
    other = Agency("DV099", "Đơn vị thành viên số 99")
    order = [SNGV, xa, CAT, STTTT, other]
    merged = _merged(form, {a: ({"kien_nghi": f"Đề nghị riêng của {a.code.lower()}."}, {})
                            for a in order})
    assert [line.split(":")[0] for line in draft_sections(merged)["kien_nghi"].split("\n")] \
        == [a.name for a in order]
    kinds = {"SNGV": "Sở, ban, ngành", "STTTT": "Sở, ban, ngành", "XA01": "Xã, phường, đặc khu",
             "CAT": "Lực lượng vũ trang"}
    lines = draft_sections(merged, grouping="kinds", kinds=kinds)["kien_nghi"].split("\n")
    assert [line.split(":")[0] for line in lines] == [
        "Sở, ban, ngành", SNGV.name, STTTT.name, "Xã, phường, đặc khu", xa.name,
        "Lực lượng vũ trang", CAT.name, "Đơn vị chưa xếp loại", other.name]


def test_reports_written_as_real_ones_are_drafted_without_an_unproved_number(form):
    """The Word-import corpora's reports, and the demo's reworded agency by agency: what is
    alike is still found («Đã tổ chức 03 cuộc…» beside «Tổ chức 3 cuộc…»), nothing else is."""
    for reports in (corpus_reports(form), varied_demo(form, 60, H1)):
        merged = _merged(form, dict((a, (c.sections, c.figures)) for a, c in reports))
        drafted = draft_sections(merged)
        assert unproved(merged, drafted) == []
    lines = drafted["lanh_dao_chi_dao"].split("\n")
    meetings = next(line for line in lines if line.startswith("Tổ chức các cuộc họp giao ban"))
    assert "Sở Ngoại vụ 6 cuộc, Sở Thông tin và Truyền thông 03 cuộc" in meetings
    assert sum(map(len, drafted.values())) <= _pasted_length(merged) / 4


# --- odd input ----------------------------------------------------------------------------------
def test_an_agency_with_no_text_in_a_section_counts_in_the_lead_and_is_not_named(form):
    merged = _merged(form, {SNGV: ({"an_pham": "Phát hành bản tin đối ngoại hằng tháng."},
                                   {("ban_an_pham", TOTAL): 900}),
                            CAT: ({"an_pham": "  \n"}, {("ban_an_pham", TOTAL): 100})})
    drafted = draft_sections(merged)
    lines = drafted["an_pham"].split("\n")
    assert "1.000 bản" in lines[0] and "Có 2/2 cơ quan" in lines[0]
    assert lines[1:] == ["Sở Ngoại vụ: Phát hành bản tin đối ngoại hằng tháng."]
    assert drafted["han_che"] == ""   # nobody wrote anything: nothing drafted
    assert unproved(merged, drafted) == []


def test_a_section_with_one_contribution_keeps_it_under_its_agency(form):
    merged = _merged(form, {CAT: ({"dau_tranh": "Viết 12 bài phản bác luận điệu xuyên tạc."},
                                  {("bai_phan_bac", TOTAL): 12})})
    lines = draft_sections(merged)["dau_tranh"].split("\n")
    assert lines[0].startswith("Đăng 12 bài đấu tranh, phản bác") and "Có 1/1" in lines[0]
    assert lines[1] == "Công an tỉnh: Viết 12 bài phản bác luận điệu xuyên tạc."


def test_a_rate_is_recomputed_from_the_summed_counts_never_averaged(forms):
    form = forms.latest()
    text = (FORMS_DIR / "ttdn-dinh-ky-v1.toml").read_text(encoding="utf-8").replace(
        'groups = ["tap_huan"]', 'groups = ["tap_huan", "bao_cao_vien"]')
    form = parse_form(tomllib.loads(text))
    merged = _merged(form, {
        SNGV: ({}, {("hoi_nghi_bcv", TOTAL): 10, ("hoi_nghi_bcv_ttdn", TOTAL): 1,
                    ("ty_le_bcv_ttdn", TOTAL): 10.0}),
        CAT: ({}, {("hoi_nghi_bcv", TOTAL): 30, ("hoi_nghi_bcv_ttdn", TOTAL): 29,
                   ("ty_le_bcv_ttdn", TOTAL): 96.67}),
        STTTT: ({}, {("ty_le_bcv_ttdn", TOTAL): 50.0})})   # a rate without its counts
    drafted = draft_sections(merged)
    # (1 + 29) / (10 + 30) = 75 %, as the annex computes; the mean of the rates is 52,22
    assert "đạt 75,00% (tính trên số liệu của 2 đơn vị)" in drafted["tap_huan"]
    assert "52,22" not in drafted["tap_huan"]
    assert unproved(merged, drafted) == []


def test_a_retired_agency_that_reported_is_named_and_counted(form):
    retired = Agency("HUYEN", "Huyện Hoành Bồ", retired=True)
    text = "Tổ chức {n} lớp tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ, công chức."
    merged = _merged(form, {SNGV: ({"tap_huan": text.format(n=2)}, {("lop_tap_huan", TOTAL): 2}),
                            retired: ({"tap_huan": text.format(n=1)},
                                      {("lop_tap_huan", TOTAL): 1})},
                     agencies=[SNGV, CAT, retired])
    drafted = draft_sections(merged)["tap_huan"]
    assert "Tổ chức 3 lớp" in drafted and "Có 2/2 cơ quan" in drafted
    assert "Sở Ngoại vụ 2 lớp, Huyện Hoành Bồ 1 lớp; tổng cộng 3 lớp." in drafted
    assert unproved(merged, {"tap_huan": drafted, **{s.id: "" for s in form.prose_sections
                                                     if s.id != "tap_huan"}}) == []


def test_a_text_not_in_vietnamese_is_quoted_whole_and_never_grouped(form):
    english = "The Department held 3 press conferences and received 2 foreign delegations."
    lao = "ຈັດກອງປະຊຸມ 3 ຄັ້ງ"
    merged = _merged(form, {SNGV: ({"cung_cap_thong_tin": english}, {("hop_bao", TOTAL): 3}),
                            CAT: ({"cung_cap_thong_tin": english}, {("hop_bao", TOTAL): 3}),
                            STTTT: ({"cung_cap_thong_tin": lao}, {})})
    drafted = draft_sections(merged)
    lines = drafted["cung_cap_thong_tin"].split("\n")
    assert lines[1:] == [f"{name} (nguyên văn, không phải tiếng Việt có dấu): {text}"
                         for name, text in ((SNGV.name, english), (CAT.name, english),
                                            (STTTT.name, lao))]
    assert unproved(merged, drafted) == []


def test_a_total_of_agencies_figures_is_stated_only_when_the_statistics_hold_it(form):
    text = "Tổ chức {n} cuộc họp báo, cung cấp thông tin cho báo chí về tình hình địa phương."
    reports = {SNGV: ({"cung_cap_thong_tin": text.format(n=3)}, {("hop_bao", TOTAL): 3}),
               CAT: ({"cung_cap_thong_tin": text.format(n=6)}, {("hop_bao", TOTAL): 6})}
    proved = draft_sections(_merged(form, reports))["cung_cap_thong_tin"]
    assert "Sở Ngoại vụ 3 cuộc, Công an tỉnh 6 cuộc; tổng cộng 9 cuộc." in proved
    drafted = draft_sections(_merged(form, {a: ({"cung_cap_thong_tin": f"Tổ chức {n} cuộc họp "
                                                 f"báo; đón tiếp {n + 1} đoàn phóng viên nước "
                                                 "ngoài đến tác nghiệp tại tỉnh."},
                                                {("hop_bao", TOTAL): n,
                                                 ("doan_phong_vien_nn", TOTAL): n + 1})
                                             for a, n in ((SNGV, 3), (CAT, 6))}))
    assert ("Sở Ngoại vụ 3 cuộc và 4 đoàn; Công an tỉnh 6 cuộc và 7 đoàn; tổng cộng 9 cuộc và "
            "11 đoàn.") in drafted["cung_cap_thong_tin"]
    reports[CAT] = (reports[CAT][0], {("hop_bao", TOTAL): 7})   # the text says 6, stored 7
    merged = _merged(form, reports)
    drafted = draft_sections(merged)
    assert "Sở Ngoại vụ 3 cuộc, Công an tỉnh 6 cuộc." in drafted["cung_cap_thong_tin"]
    assert "tổng cộng" not in drafted["cung_cap_thong_tin"]
    assert unproved(merged, drafted) == []


# --- templates kept as data -----------------------------------------------------------------
def _template_text() -> str:
    return (FORMS_DIR / "draft-templates-v1.toml").read_text(encoding="utf-8")


def test_the_draft_says_what_the_templates_say(form):
    """Sentences come from the template file, not from the code: another wording given as
    data is the wording of the draft."""
    text = _template_text().replace(
        'sentence = "Tổng số ấn phẩm, tài liệu phát hành là {total} {unit}{breakdown}{change}."',
        'sentence = "Phát hành {total} {unit} ấn phẩm{breakdown}{change}."').replace(
        'part = "{member} {value} {unit}"', 'part = "{value} {unit} {member}"')
    merged = _merged(form, {SNGV: ({"an_pham": "Phát hành bộ tài liệu."}, SEED_BROCHURE)})
    lead = draft_sections(merged, parse_templates(text, "v2.toml"))["an_pham"]
    assert lead.startswith("Phát hành 3.800 bản ấn phẩm, trong đó 2.800 bản tiếng Việt, "
                           "500 bản tiếng Anh")


@pytest.mark.parametrize("change, reason, expected", [
    ('partial = "{change} ({count} đơn vị có số liệu cùng kỳ)"\n', "",
     "thiếu câu mẫu «lead.partial»"),
    ('[words]\n', '[extra]\nx = 1\n\n[words]\n',
     "bảng [extra] không có"),
    ('slot = "các"', 'slot = "các"\nsum = "{total}"', "câu mẫu «groups.sum» không có"),
    ('slot = "các"', 'slot = 3', "câu mẫu «groups.slot» phải là một chuỗi chữ"),
    ('version = 1', 'version = "1"', "version là một số nguyên dương"),
    ('[templates]', '[templates', "sai cú pháp TOML"),
    ('sentence = "Đón tiếp {total} {unit} khách quốc tế đến thăm, làm việc{change}."',
     'sentence = "Đón tiếp {total} {unit} khách quốc tế {year}{change}."',
     "«indicators.doan_quoc_te.sentence»: chỗ trống «{year}» không có"),
])
def test_a_malformed_template_file_is_refused_with_its_reason(change, reason, expected):
    text = _template_text()
    assert change in text
    with pytest.raises(DraftTemplateError) as error:
        parse_templates(text.replace(change, reason, 1), "forms/draft-templates-v2.toml")
    assert "«forms/draft-templates-v2.toml»" in error.value.message
    assert expected in error.value.message, error.value.message


def test_a_template_file_that_cannot_be_read_is_named(tmp_path):
    missing = tmp_path / "draft-templates-v9.toml"
    with pytest.raises(DraftTemplateError, match="(?s)draft-templates-v9.toml.*không tìm thấy"):
        load_templates(missing)
    missing.write_bytes("câu".encode("cp1258"))
    with pytest.raises(DraftTemplateError, match="không ở mã UTF-8"):
        load_templates(missing)


def test_last_year_typed_by_an_agency_counts_as_its_own(form):
    """An agency with no report of last year types last year's figure beside this year's."""
    reports = {SNGV: ({}, {("hop_bao", TOTAL): 9}), CAT: ({}, {("hop_bao", TOTAL): 6})}
    contributions = {a.code: Contribution(a, 1, None, None, ReportContent(*reports[a]))
                     for a in reports}
    contributions["CAT"].content.last_year = {("hop_bao", TOTAL): 4}
    merged = consolidate(form, H1, [SNGV, CAT], contributions,
                         last_year_per_agency={("hop_bao", TOTAL): {"SNGV": 8}})
    assert merged.last_year_per_agency[("hop_bao", TOTAL)] == {"SNGV": 8, "CAT": 4}
    assert "tăng 25% so với cùng kỳ năm 2020." in draft_sections(merged)["cung_cap_thong_tin"]


def test_a_committees_text_naming_its_members_is_kept_as_it_names_them(form):
    committee = Agency("BINHLIEU", "Huyện Bình Liêu")
    text = ("***UBND xã Hoành Mô:*** Tổ chức 2 cuộc họp giao ban.\n"
            "***UBND xã Đồng Văn:*** Tổ chức 3 cuộc họp giao ban.")
    other = "Tổ chức 2 cuộc họp giao ban."
    merged = _merged(form, {committee: ({"lanh_dao_chi_dao": text}, {}),
                            SNGV: ({"lanh_dao_chi_dao": other}, {})})
    drafted = draft_sections(merged)
    assert drafted["lanh_dao_chi_dao"].split("\n") == [
        *attributed_lines(committee.name, text), f"Sở Ngoại vụ: {other}"]
    assert unproved(merged, drafted) == []


def test_sentences_naming_different_partners_are_not_alike(form):
    """Only the writer's own name is set aside: «phối hợp với Công an tỉnh» and «phối hợp với
    Sở Ngoại vụ» say different things."""
    merged = _merged(form, {
        SNGV: ({"bien_dao": "Sở Ngoại vụ phối hợp với Công an tỉnh tổ chức tuyên truyền biên "
                            "giới cho nhân dân."}, {}),
        CAT: ({"bien_dao": "Công an tỉnh phối hợp với Sở Ngoại vụ tổ chức tuyên truyền biên "
                           "giới cho nhân dân."}, {}),
        STTTT: ({"bien_dao": "Sở Thông tin và Truyền thông phối hợp với Công an tỉnh tổ chức "
                             "tuyên truyền biên giới cho nhân dân."}, {})})
    assert draft_sections(merged)["bien_dao"].split("\n") == [
        "Sở Ngoại vụ và Sở Thông tin và Truyền thông phối hợp với Công an tỉnh tổ chức tuyên "
        "truyền biên giới cho nhân dân.",
        # named by its own words already: no «Công an tỉnh: Công an tỉnh phối hợp…»
        "Công an tỉnh phối hợp với Sở Ngoại vụ tổ chức tuyên truyền biên giới cho nhân dân."]


def test_short_sentences_alike_list_markers_and_a_name_in_front_read_well(form):
    merged = _merged(form, {
        SNGV: ({"kien_nghi": "Không có.", "phuong_huong": "1. Sở Ngoại vụ tổ chức 2 lớp tập "
                                                          "huấn cho cán bộ cơ sở."}, {}),
        CAT: ({"kien_nghi": "Không có.", "phuong_huong": "2) Công an tỉnh tổ chức 3 lớp tập "
                                                         "huấn cho cán bộ cơ sở."}, {})})
    drafted = draft_sections(merged)
    assert drafted["kien_nghi"] == "Không có (Sở Ngoại vụ và Công an tỉnh)."
    assert drafted["phuong_huong"] == ("Các cơ quan, đơn vị tổ chức các lớp tập huấn cho cán bộ "
                                       "cơ sở: Sở Ngoại vụ 2 lớp, Công an tỉnh 3 lớp.")
