"""The Word report read back with python-docx, element by element against shared/domain §5."""

import io
import subprocess
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from openpyxl import Workbook

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.merge import Contribution, consolidate
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.export import template as tpl
from ttdn_desktop.export.docx_report import write_report_docx
from ttdn_desktop.storage.agencies import add_agency
from ttdn_desktop.storage.reports import save_content

from .ci_tools import needs
from .helpers import H1, SEED_BROCHURE, demo_letterhead

A = Agency("SNGV", "Sở Ngoại vụ")
B = Agency("BXTDT", "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh")
ISSUED = date(2021, 7, 5)
STATE = demo_letterhead(layout="state", superior_body="UBND TỈNH QUẢNG NINH",
                   issuing_body="SỞ NGOẠI VỤ", number="05", code="BC-SNgV", place="Quảng Ninh",
                   issued_on=ISSUED.isoformat(), signing_capacity="KT. GIÁM ĐỐC",
                   signer_title="PHÓ GIÁM ĐỐC", signer_name="Trần Thị B",
                   recipients="Ban Chỉ đạo TTĐN tỉnh\nLưu: VT, TTTH")
PARTY = demo_letterhead(number="127", code="BC/BTGTU", issued_on="2021-01-05")


@pytest.fixture
def merged(form):
    a = ReportContent({"lanh_dao_chi_dao": "Ban hành Kế hoạch số 12/KH.",
                       "an_pham": "Phát hành **9.000 cuốn** bản tin.\n- tiếng Việt và tiếng Anh",
                       "uu_diem": "Kịp thời."},
                      {("ban_an_pham", ""): 9000, ("ban_an_pham", "vi"): 4500,
                       ("ban_an_pham", "en"): 4500})
    b = ReportContent({"an_pham": "Bộ tài liệu 3.800 bản."}, dict(SEED_BROCHURE))
    last_year = {("ban_an_pham", ""): 6400}
    return consolidate(form, H1, [A, B], {"SNGV": Contribution(A, 1, None, None, a),
                                          "BXTDT": Contribution(B, 2, None, None, b)},
                       edited={"uu_diem": "Đã sửa: phối hợp tốt."}, last_year=last_year)


def _write(merged, tmp_path, letterhead, **kwargs):
    out = tmp_path / "bao-cao.docx"
    write_report_docx(merged, out, letterhead, **kwargs)
    return Document(out)


def _size(run, paragraph):
    """The effective size of a run: its own, else its paragraph style's chain."""
    if run.font.size is not None:
        return run.font.size.pt
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return None


def _lines(cell):
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_page_a4_margins_and_page_numbers_from_page_2(merged, tmp_path):
    document = _write(merged, tmp_path, STATE)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(getattr(section, f"{s}_margin").mm) for s in ("top", "bottom", "left", "right")]
    assert margins == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert all(not p.text for p in section.first_page_header.paragraphs)
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(t.text for t in header._p.iter(qn("w:instrText")))
    document = _write(merged, tmp_path, replace(STATE, margin_left="35", margin_top="25"))
    assert round(document.sections[0].left_margin.mm) == 35
    assert round(document.sections[0].top_margin.mm) == 25


def test_times_new_roman_in_every_font_slot_and_no_theme_font(merged, tmp_path):
    document = _write(merged, tmp_path, PARTY)
    styles = document.styles.element
    fonts = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(
        qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert fonts.get(qn(slot)) == "Times New Roman"
    for element in styles.iter(qn("w:rFonts")):
        assert not any(element.get(qn(a)) for a in ("w:asciiTheme", "w:hAnsiTheme",
                                                    "w:eastAsiaTheme", "w:cstheme"))
    used = {p.style.name for p in document.paragraphs}
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                used |= {p.style.name for p in cell.paragraphs}
    for name in used:
        style = document.styles[name]
        while style is not None and style.font.name is None:
            style = style.base_style
        assert style is not None and style.font.name == "Times New Roman", name
    # no run names a font of its own
    body = document.element.body
    assert all(f.get(qn("w:ascii")) in (None, "Times New Roman") for f in body.iter(qn("w:rFonts")))


def test_state_header_elements_and_sizes(merged, tmp_path):
    document = _write(merged, tmp_path, STATE)
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert _lines(left) == ["UBND TỈNH QUẢNG NINH", "SỞ NGOẠI VỤ"]
    assert _lines(right) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number, place = header.rows[1].cells
    assert _lines(number) == ["Số: 05/BC-SNgV"]
    assert _lines(place) == ["Quảng Ninh, ngày 05 tháng 7 năm 2021"]

    def element(cell, text):
        paragraph = next(p for p in cell.paragraphs if p.text == text)
        run = paragraph.runs[0]
        return _size(run, paragraph), bool(run.bold), bool(run.italic)

    assert element(left, "UBND TỈNH QUẢNG NINH") == (13, False, False)
    assert element(left, "SỞ NGOẠI VỤ") == (13, True, False)
    assert element(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == (12, True, False)
    assert element(right, "Độc lập - Tự do - Hạnh phúc") == (13, True, False)
    assert element(place, "Quảng Ninh, ngày 05 tháng 7 năm 2021") == (14, False, True)
    # the rules: under the issuing body (1/3–1/2 of it) and under the motto (its full length)
    rules = [p for cell in (left, right) for p in cell.paragraphs
             if p._p.find(qn("w:pPr")) is not None and p._p.find(qn("w:pPr")).find(qn("w:pBdr"))
             is not None]
    assert len(rules) == 2


def test_party_header_star_and_number_without_colon(merged, tmp_path):
    document = _write(merged, tmp_path, PARTY)
    left, right = document.tables[0].rows[0].cells
    assert _lines(left) == ["ĐẢNG BỘ TỈNH QUẢNG NINH", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "TỈNH ỦY", "*"]
    assert _lines(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    title = right.paragraphs[0]
    assert _size(title.runs[0], title) == 15 and title.runs[0].bold
    number, place = document.tables[0].rows[1].cells
    assert _lines(number) == ["Số 127-BC/BTGTU"]
    assert _lines(place) == ["Quảng Ninh, ngày 05 tháng 01 năm 2021"]
    report = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert report.style.font.size.pt == 16 and report.style.font.bold


def test_title_subject_and_numbered_body(merged, tmp_path):
    document = _write(merged, tmp_path, STATE)
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == "BÁO CÁO"
    assert texts[1] == ("Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2021, phương "
                        "hướng, nhiệm vụ 6 tháng cuối năm 2021")
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
        ("Heading 1", "II. KẾT QUẢ THỰC HIỆN"),
        ("Heading 2", "3. Xuất bản ấn phẩm, tài liệu thông tin đối ngoại"),
        ("Heading 1", "III. ĐÁNH GIÁ CHUNG"),
        ("Heading 2", "1. Ưu điểm"),
    ]
    body = next(p for p in document.paragraphs if p.text.startswith("Sở Ngoại vụ: Phát hành"))
    fmt, style = body.paragraph_format, body.style.paragraph_format
    assert style.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(style.first_line_indent.cm - 1.27) < 0.01
    assert style.space_after.pt >= 6 and 1.0 <= style.line_spacing <= 1.5
    assert fmt.alignment is None  # from the style, not forced on the paragraph
    assert _size(body.runs[-1], body) == 14
    assert [r.text for r in body.runs if r.bold] == ["Sở Ngoại vụ: ", "9.000 cuốn"]
    texts_all = [p.text for p in document.paragraphs]
    bullet = document.paragraphs[texts_all.index(body.text) + 1]
    assert bullet.text == "- tiếng Việt và tiếng Anh" and bullet.style.name == tpl.BULLET
    # contributions in member order, the secretariat's edit instead of contributions
    order = [p.text.split(":")[0] for p in document.paragraphs if "bản tin" in p.text
             or "3.800 bản" in p.text]
    assert order == ["Sở Ngoại vụ", "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh"]
    assert "Đã sửa: phối hợp tốt." in texts and not any("Kịp thời" in t for t in texts)


def test_recipients_beside_signature(merged, tmp_path):
    document = _write(merged, tmp_path, STATE)
    block = document.tables[1]
    recipients, signature = block.rows[0].cells
    assert _lines(recipients) == ["Nơi nhận:", "- Ban Chỉ đạo TTĐN tỉnh;", "- Lưu: VT, TTTH."]
    label = recipients.paragraphs[0]
    assert _size(label.runs[0], label) == 12 and label.runs[0].bold and label.runs[0].italic
    item = recipients.paragraphs[1]
    assert _size(item.runs[0], item) == 11
    assert signature.paragraphs[0].text == "KT. GIÁM ĐỐC"
    assert signature.paragraphs[1].text == "PHÓ GIÁM ĐỐC"
    assert signature.paragraphs[-1].text == "Trần Thị B"
    blank = [p for p in signature.paragraphs[2:-1] if not p.text]
    assert len(blank) >= 4  # room to sign and stamp


def test_annex_table_sums_and_repeated_header(merged, tmp_path):
    document = _write(merged, tmp_path, STATE)
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Phụ lục")
    # the period on a line of its own, with no-break spaces: the title never breaks inside it
    assert texts[start + 1] == "BIỂU THỐNG KÊ SỐ LIỆU CÔNG TÁC THÔNG TIN ĐỐI NGOẠI"
    assert texts[start + 2] == "6\u00a0THÁNG\u00a0ĐẦU\u00a0NĂM\u00a02021"
    assert texts[start + 3] == "(Kèm theo Báo cáo số 05/BC-SNgV ngày 05 tháng 7 năm 2021)"
    annex = document.tables[2]
    first = annex.rows[0]
    assert [c.text for c in first.cells] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này",
                                             "Cùng kỳ năm trước", "So sánh (%)", "Ghi chú"]
    assert first._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in annex.rows[1:]}
    copies = rows["Số bản ấn phẩm, tài liệu phát hành"]
    assert copies[2:6] == ["bản", "12.800", "6.400", "200,00"]  # one rule: two decimals
    assert rows["– Tiếng Việt"][3] == "7.300" and rows["– Tiếng Anh"][3] == "5.000"
    members = sum(int(rows[f"– {name}"][3].replace(".", "")) for name in
                  ("Tiếng Việt", "Tiếng Anh", "Tiếng Trung", "Tiếng Nhật", "Tiếng Hàn"))
    assert members == 12_800
    assert "– Tiếng Nga" not in rows  # nobody reported in Russian: no blank row


def test_agency_report_under_its_own_letterhead(workspace, form, tmp_path):
    add_agency(workspace.db, "SNGV", "Sở Ngoại vụ")
    report_id = workspace.reports.new("SNGV", H1)
    save_content(workspace.db, report_id, ReportContent({"an_pham": "Bản tin đối ngoại."}))
    workspace.setup.set_letterhead("signer_name", "Lê Văn C", agency_code="SNGV")
    letterhead = workspace.setup.letterhead("SNGV")
    assert (letterhead.layout, letterhead.issuing_body) == ("state", "SỞ NGOẠI VỤ")
    out = tmp_path / "sngv.docx"
    write_report_docx(workspace.merge.consolidation(H1, "SNGV"), out, letterhead, attribute=False)
    document = Document(out)
    left = document.tables[0].rows[0].cells[0]
    assert _lines(left) == ["UBND TỈNH QUẢNG NINH", "SỞ NGOẠI VỤ"]
    assert "Bản tin đối ngoại." in [p.text for p in document.paragraphs]  # no attribution
    assert document.tables[1].rows[0].cells[1].paragraphs[-1].text == "Lê Văn C"


def test_hostile_text_never_breaks_the_file(form, tmp_path):
    long_paragraph = "Rất dài " * 30_000
    body = ReportContent({"an_pham": "<w:p> & </script> \"x\"\x01\x1f\ufffe ok\n" + long_paragraph})
    merged = consolidate(form, H1, [A], {"SNGV": Contribution(A, 1, None, None, body)})
    out = tmp_path / "x.docx"
    write_report_docx(merged, out, STATE)
    texts = [p.text for p in Document(out).paragraphs]
    assert any(t.startswith("Sở Ngoại vụ: <w:p> & </script> \"x\"") for t in texts)
    assert any(len(t) >= len(long_paragraph.strip()) for t in texts)


@pytest.mark.parametrize("content, reason", [
    (b"this is not a docx", "không phải gói"),
    (None, "không phải tệp Word"),          # an Excel workbook
    ("docm", "macro"),
    ("missing-styles", "thiếu các kiểu"),
])
def test_broken_or_foreign_template_is_refused_and_nothing_written(merged, tmp_path, content,
                                                                   reason):
    path = tmp_path / "mau.docx"
    if content is None:
        Workbook().save(path)
    elif content == "docm":
        buffer = io.BytesIO()
        tpl.build_default_template().save(buffer)
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.writestr("word/vbaProject.bin", b"macro")
        path.write_bytes(buffer.getvalue())
    elif content == "missing-styles":
        Document().save(path)
    else:
        path.write_bytes(content)
    out = tmp_path / "bao-cao.docx"
    with pytest.raises(TTDNError) as caught:
        write_report_docx(merged, out, replace(STATE, template=str(path)))
    assert str(path) in caught.value.message
    assert reason in caught.value.message or "không dùng được" in caught.value.message
    assert not out.exists()


def test_shipped_template_has_every_style(tmp_path):
    path = tpl.default_template_path()
    assert path.exists()
    assert tpl.template_problem(path.read_bytes()) == ""


def test_a_committee_template_is_used(merged, tmp_path):
    custom = tpl.build_default_template()
    custom.styles[tpl.BODY].paragraph_format.first_line_indent = None
    custom.core_properties.title = "Mẫu của tỉnh"
    path = tmp_path / "mau-tinh.docx"
    custom.save(path)
    document = _write(merged, tmp_path, replace(STATE, template=str(path)))
    assert document.styles[tpl.BODY].paragraph_format.first_line_indent is None


@needs("soffice", "pdftotext")
@pytest.mark.parametrize("letterhead", [STATE, PARTY], ids=["state", "party"])
def test_libreoffice_opens_and_prints_it(merged, tmp_path, letterhead):
    document_path = tmp_path / "bao-cao.docx"
    write_report_docx(merged, document_path, letterhead)
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(document_path)],
                          capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists(), done.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60).stdout
    pages = text.count("\f")
    assert pages >= 2  # the report, then the annex on a page of its own
    for expected in ("BÁO CÁO", "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "Xuất bản ấn phẩm",
                     "Nơi nhận:", "Phụ lục", "12.800", "Tiếng Việt"):
        assert expected in text, expected
    assert ("Quảng Ninh, ngày 05 tháng 7 năm 2021" in text or
            "Quảng Ninh, ngày 05 tháng 01 năm 2021" in text)
