"""The printed report as one model (core.printed.PrintedReport): what it holds, and that the Word
export and printing from the app both print it, paragraph for paragraph."""

from dataclasses import replace
from datetime import date

import pytest
from docx import Document

from tests.helpers import demo_letterhead
from ttdn_desktop.core import printed
from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.docformat import SUBJECT_MARK_PARTY
from ttdn_desktop.core.merge import Contribution, consolidate
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.richtext import Run
from ttdn_desktop.export.docx_report import write_report_docx
from ttdn_desktop.ui.printing import ReportPrint, a4_printer

from .helpers import H1, SEED_BROCHURE

A = Agency("SNGV", "Sở Ngoại vụ")
B = Agency("BXTDT", "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh")
ISSUED = date(2021, 7, 5)
STATE = demo_letterhead(layout="state", superior_body="UBND TỈNH QUẢNG NINH",
                        issuing_body="SỞ NGOẠI VỤ", number="05", code="BC-SNgV",
                        place="Quảng Ninh", issued_on=ISSUED.isoformat(),
                        signing_capacity="KT. GIÁM ĐỐC", signer_title="PHÓ GIÁM ĐỐC",
                        signer_name="Trần Thị B", recipients="Ban Chỉ đạo TTĐN tỉnh\nLưu: VT")
PARTY = demo_letterhead(number="127", code="BC/BTGTU", issued_on="2021-01-05")


@pytest.fixture
def merged(form):
    a = ReportContent({"lanh_dao_chi_dao": "Ban hành Kế hoạch số 12/KH.",
                       "an_pham": "Phát hành **9.000 cuốn** bản tin.\n- tiếng Việt và tiếng Anh",
                       "uu_diem": "Kịp thời."},
                      {("ban_an_pham", ""): 9000, ("ban_an_pham", "vi"): 4500,
                       ("ban_an_pham", "en"): 4500})
    b = ReportContent({"an_pham": "Bộ tài liệu 3.800 bản."}, dict(SEED_BROCHURE))
    return consolidate(form, H1, [A, B], {"SNGV": Contribution(A, 1, None, None, a),
                                          "BXTDT": Contribution(B, 2, None, None, b)},
                       edited={"uu_diem": "Đã sửa: phối hợp tốt."},
                       last_year={("ban_an_pham", ""): 6400})


def _text(item) -> str:
    return item.text if isinstance(item, printed.Heading) else "".join(r.text for r in item.runs)


def test_body_names_each_agency_before_its_text(merged):
    report = printed.build(merged, STATE, today=ISSUED)
    headings = [item for item in report.body if isinstance(item, printed.Heading)]
    assert headings[0].level == 1 and headings[0].text.startswith("I. ")
    assert all(1 <= h.level <= 3 for h in headings)
    texts = [_text(item) for item in report.body]
    first = texts.index("Sở Ngoại vụ: Phát hành 9.000 cuốn bản tin.")
    assert texts[first + 1] == "- tiếng Việt và tiếng Anh"
    assert texts[first + 2] == "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh: Bộ tài liệu 3.800 bản."
    paragraph = report.body[first]
    assert paragraph.runs[0] == Run("Sở Ngoại vụ: ", bold=True, italic=True)
    assert Run("9.000 cuốn", bold=True) in paragraph.runs
    assert report.body[first + 1].kind == "bullet"
    # a section the secretariat rewrote is printed as written, under no agency's name
    assert "Đã sửa: phối hợp tốt." in texts
    # the annex is referred to in the text, last
    assert report.body[-1].runs == (Run(printed.ANNEX_REFERENCE, italic=True),)


def test_one_agencys_report_names_no_one(merged):
    report = printed.build(merged, STATE, attribute=False, today=ISSUED)
    texts = [_text(item) for item in report.body]
    assert "Phát hành 9.000 cuốn bản tin." in texts
    assert not any(t.startswith(("Sở Ngoại vụ:", "Ban Xúc tiến")) for t in texts)


def test_letterhead_state_and_party(merged):
    state = printed.build(merged, STATE, today=ISSUED)
    assert [item.text for item in state.header.left[:-1]] == ["UBND TỈNH QUẢNG NINH",
                                                              "SỞ NGOẠI VỤ"]
    assert isinstance(state.header.left[-1], printed.Rule)
    assert [type(item) for item in state.header.right] == [printed.Line, printed.Line,
                                                            printed.Rule]
    assert state.header.number.text == "Số: 05/BC-SNgV"
    assert state.header.place_date.text == "Quảng Ninh, ngày 05 tháng 7 năm 2021"
    assert state.title.text == "BÁO CÁO"
    assert state.subject.text == merged.form.report_title(merged.period)
    assert isinstance(state.subject_mark, printed.Rule) and state.subject_mark.gap_pt == 4
    assert 0 < state.subject_mark.length_cm < state.text_cm

    party = printed.build(merged, PARTY, today=ISSUED)
    assert party.party and not state.party
    assert party.header.left[-1] == printed.Line("*", party.layout.issuer)
    assert [type(item) for item in party.header.right] == [printed.Line, printed.Rule]
    assert party.subject_mark == printed.Line(SUBJECT_MARK_PARTY, party.layout.subject)
    assert party.header.number.text.startswith("Số 127-BC/BTGTU")


def test_signature_leaves_room_to_sign(merged):
    signature = printed.build(merged, STATE, today=ISSUED).signature
    assert signature.left[0].text == "Nơi nhận:" and signature.left[0].keep_with_next
    assert {line.align for line in signature.left} == {printed.LEFT}
    assert [line.text for line in signature.right] == [
        "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "", "", "Trần Thị B"]
    # a sample name is never printed: the line stays, empty, for the name to be written in
    sample = printed.build(merged, replace(STATE, signer_name="Nguyễn Văn A"), today=ISSUED)
    assert sample.signature.right[-1].text == "\u00a0"


def test_annex_cells_and_numbering(merged):
    report = printed.build(merged, STATE, today=ISSUED)
    annex = report.annex
    assert [line.text for line in annex.heading][0] == "Phụ lục"
    assert annex.heading[-1].text == "(Kèm theo Báo cáo số 05/BC-SNgV ngày 05 tháng 7 năm 2021)"
    assert [cell.text for cell in annex.header] == list(printed.ANNEX_HEADERS)
    assert all(cell.bold for cell in annex.header)
    rows = {row[1].text: row for row in annex.rows}
    group = next(row for row in annex.rows if row[3].text == "12.800")
    assert group[0].bold and group[1].bold and not group[3].bold and not group[1].italic
    assert [cell.align for cell in group] == ["center", "left", "center", "right", "right",
                                              "right", "left"]
    member = next(row for label, row in rows.items() if label.startswith("– Tiếng Việt"))
    assert all(cell.italic and not cell.bold for cell in member)
    assert member[1].indent_cm == 0.4 and member[0].indent_cm == 0
    assert abs(sum(annex.widths_cm) - report.text_cm) < 0.05
    assert annex.numbered_apart
    assert not printed.build(merged, PARTY, today=ISSUED).annex.numbered_apart


def test_widths_follow_the_page(merged):
    wide = printed.build(merged, STATE, today=ISSUED)
    narrow = printed.build(merged, STATE, today=ISSUED, text_cm=15.0)
    assert sum(wide.signature.widths_cm) == pytest.approx(16.5)
    assert sum(narrow.signature.widths_cm) == pytest.approx(15.0)
    assert narrow.annex.widths_cm[1] < wide.annex.widths_cm[1]


def test_no_statistics_no_annex(merged):
    bare = replace(merged, form=replace(merged.form, indicators=()))
    report = printed.build(bare, STATE, today=ISSUED)
    assert report.annex is None
    assert all(_text(item) != printed.ANNEX_REFERENCE for item in report.body)


def _consecutive(items: list[str], within: list[str]) -> bool:
    return any(within[n:n + len(items)] == items for n in range(len(within)))


def test_word_export_prints_the_model(merged, tmp_path):
    report = printed.build(merged, STATE, today=ISSUED)
    out = tmp_path / "bc.docx"
    write_report_docx(merged, out, STATE, today=ISSUED)
    paragraphs = [p.text for p in Document(out).paragraphs]
    assert _consecutive([_text(item) for item in report.body], paragraphs)
    assert _consecutive([line.text for line in report.annex.heading], paragraphs)


def test_printing_prints_the_model(merged, qapp):
    job = ReportPrint(merged, STATE, True, ISSUED)
    document, _, _ = job.build(a4_printer(STATE))
    # Qt's plain text gives a no-break space as a space (the annex title's period)
    blocks = document.toPlainText().split("\n")
    expected = [line.text.replace("\u00a0", " ") for line in job.report.annex.heading]
    assert job.report == printed.build(merged, STATE, today=ISSUED)
    assert _consecutive([_text(item) for item in job.report.body], blocks)
    assert _consecutive(expected, blocks)
