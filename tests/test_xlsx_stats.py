"""The statistics workbook read back with openpyxl; recalculated by LibreOffice where it is
installed and every total compared with the sums computed in Python."""

import errno
import os
import subprocess
from datetime import date

import pytest
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.merge import Contribution, consolidate
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.export.docx_report import write_report_docx
from ttdn_desktop.export.rows import stat_rows
from ttdn_desktop.export.xlsx_stats import BY_AGENCY, CHARTS, SUMMARY, write_stats_xlsx
from ttdn_desktop.office.sheets import COUNT_FORMAT

from .ci_tools import needs, other_platform, require
from .helpers import H1, SEED_BROCHURE
from .sheetfiles import convert

A = Agency("BXTDT", "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh")
B = Agency("SNGV", "Sở Ngoại vụ")
EVIL = [Agency(f"E{n}", text) for n, text in enumerate(
    ["=HYPERLINK(\"http://x\",\"bấm\")", "+84 912", "-1+2", "@SUM(A1)", "\tTab", "\rCR"])]


@pytest.fixture
def merged(form):
    a = ReportContent({"an_pham": "x"}, {**SEED_BROCHURE, ("hoi_nghi_bcv", ""): 10,
                                          ("hoi_nghi_bcv_ttdn", ""): 5,
                                          ("ty_le_bcv_ttdn", ""): 50.0},
                      {"ban_an_pham": "=không phải công thức"})
    b = ReportContent({}, {("ban_an_pham", ""): 9000, ("ban_an_pham", "vi"): 4500,
                           ("ban_an_pham", "en"): 4500, ("hoi_nghi_bcv", ""): 30,
                           ("hoi_nghi_bcv_ttdn", ""): 27, ("ty_le_bcv_ttdn", ""): 90.0,
                           ("hop_bao", ""): 0})
    contributions = {"BXTDT": Contribution(A, 1, None, None, a),
                     "SNGV": Contribution(B, 1, None, None, b)}
    contributions.update({e.code: Contribution(e, 1, None, None,
                                               ReportContent({}, {("hop_bao", ""): 1}))
                          for e in EVIL})
    return consolidate(form, H1, [A, B, *EVIL], contributions,
                       last_year={("ban_an_pham", ""): 6400, ("hop_bao", ""): 0})


@pytest.fixture
def workbook_path(merged, tmp_path):
    path = tmp_path / "so-lieu.xlsx"
    write_stats_xlsx(merged, path, (date(2020, 12, 15), date(2021, 6, 14)))
    return path


def _summary_rows(sheet):
    return {sheet.cell(r, 2).value: r for r in range(5, sheet.max_row + 1)}


def test_sheets_properties_and_print_setup(workbook_path):
    workbook = load_workbook(workbook_path)
    assert workbook.sheetnames == [SUMMARY, BY_AGENCY, CHARTS]
    assert workbook.properties.title.startswith("Biểu số liệu: Kết quả công tác thông tin")
    assert workbook.properties.creator.startswith("TTĐN Desktop")
    summary = workbook[SUMMARY]
    assert summary["A2"].value == "6 tháng đầu năm 2021 (số liệu từ 15/12/2020 đến 14/06/2021)"
    assert [c.value for c in summary[4]] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này",
                                             "Cùng kỳ năm trước", "So sánh (%)", "Ghi chú"]
    assert summary.freeze_panes == "A5"
    for sheet in workbook:
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.oddFooter.center.text == "Trang &P/&N"  # page numbers on every sheet
        assert "6 tháng đầu năm 2021" in sheet.oddHeader.center.text  # and the period
    # Tổng hợp: A4 landscape, one page wide, its header row on every page
    assert summary.page_setup.orientation == "landscape"
    assert summary.sheet_properties.pageSetUpPr.fitToPage
    assert summary.page_setup.fitToWidth == 1 and summary.page_setup.fitToHeight == 0
    assert summary.print_title_rows == "$4:$4"
    agencies = workbook[BY_AGENCY]
    assert agencies.page_setup.orientation == "landscape" and agencies.print_title_rows == "$1:$2"
    assert agencies.print_title_cols == "$A:$C" and agencies.freeze_panes == "D3"
    # each printed page one page wide: whole indicators, the breaks where a new one starts
    breaks = [b.id for b in agencies.col_breaks.brk]
    assert breaks and all(agencies.cell(1, b + 1).value for b in breaks)
    # each page as wide as an A4 landscape page holds at 65 % (margins of 0.5 inch), with the
    # agency columns repeated: a column is 5.5 points a digit (Times New Roman, the default font)
    assert agencies.page_setup.scale == 65
    width = {c: agencies.column_dimensions[get_column_letter(c)].width
             for c in range(1, agencies.max_column + 1)}
    ends = breaks + [agencies.max_column]
    for start, end in zip([4] + [b + 1 for b in breaks], ends):
        printed = sum(width[c] for c in (1, 2, 3, *range(start, end + 1))) * 5.5 * 0.65
        assert printed <= 842 - 72, (start, end, printed)
    assert workbook._fonts[0].name == "Times New Roman"  # the unit of every width above
    charts = workbook[CHARTS]
    # the copies by language (two languages or more here); of the news per agency nobody gave
    # a figure: those two charts would be empty, and are left out
    assert len(charts._charts) == 1 and charts.print_title_rows is None
    title = charts._charts[0].title.tx.rich.p[0].r[0].t
    assert title == "Số bản ấn phẩm, tài liệu phát hành theo ngôn ngữ"


def test_totals_are_live_formulas_and_rates_never_summed(workbook_path):
    workbook = load_workbook(workbook_path)
    summary, agencies = workbook[SUMMARY], workbook[BY_AGENCY]
    rows = _summary_rows(summary)
    copies = rows["Số bản ấn phẩm, tài liệu phát hành"]
    cell = summary.cell(copies, 4)
    assert cell.data_type == "f" and "SUM('Theo đơn vị'!" in cell.value
    assert cell.number_format == COUNT_FORMAT
    assert summary.cell(copies, 5).value == 6400
    compare = summary.cell(copies, 6).value
    assert compare.startswith("=IF(OR(E") and 'E{0}=0'.format(copies) in compare
    rate = summary.cell(rows["Tỷ lệ hội nghị báo cáo viên có nội dung thông tin đối ngoại"], 4)
    assert "SUM" not in rate.value and "/" in rate.value
    # per agency: names in member order, a formula total row
    names = [agencies.cell(r, 3).value for r in range(3, agencies.max_row + 1)]
    assert names[:2] == [A.name, B.name] and names[-1] == "Tổng cộng"
    total_row = agencies.max_row
    assert all(agencies.cell(total_row, c).data_type == "f"
               for c in range(4, agencies.max_column + 1))
    assert agencies.cell(1, 4).value.endswith("(tin/bài)")


def test_agency_text_is_never_a_formula(workbook_path):
    workbook = load_workbook(workbook_path)
    agencies = workbook[BY_AGENCY]
    cells = {agencies.cell(r, 3).value: agencies.cell(r, 3) for r in range(3, agencies.max_row)}
    for agency in EVIL:
        cell = cells[agency.name.replace("\r", "\n")] if agency.name.startswith("\r") \
            else cells[agency.name]
        assert cell.data_type == "s", agency.name
    summary = workbook[SUMMARY]
    notes = [summary.cell(r, 7) for r in range(5, summary.max_row + 1) if summary.cell(r, 7).value]
    assert [(n.value, n.data_type) for n in notes] == [
        (f"{A.name}: =không phải công thức", "s")]


def test_failed_export_leaves_the_old_file_untouched(merged, tmp_path, monkeypatch):
    out = tmp_path / "bc.docx"
    out.write_bytes(b"old report")

    def broken_save(self, stream):
        stream.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("docx.document.Document.save", broken_save)
    with pytest.raises(TTDNError, match="ổ đĩa đầy"):
        write_report_docx(merged, out)
    assert out.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["bc.docx"]


def _recalculate(path, tmp_path):
    """LibreOffice opens the workbook, computes every formula and saves the values."""
    out_dir = tmp_path / "recalc"
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
                           str(out_dir), str(path)], capture_output=True, text=True, timeout=240)
    result = out_dir / path.name
    assert result.exists(), done.stderr
    return load_workbook(result, data_only=True)


needs_libreoffice = needs("soffice")


@needs_libreoffice
def test_libreoffice_totals_equal_python_sums(merged, workbook_path, tmp_path):
    workbook = _recalculate(workbook_path, tmp_path)
    summary = workbook[SUMMARY]
    checked = 0
    for n, row in enumerate(stat_rows(merged)):
        r = 5 + n
        value = summary.cell(r, 4).value
        expected = merged.totals.get(row.key)
        if expected is None:
            assert value in (None, ""), (row.label, value)
        else:
            assert value == pytest.approx(expected), row.label
            checked += 1
        compare = summary.cell(r, 6).value
        if row.compare is None:
            assert compare in (None, ""), (row.label, compare)  # blank, not #DIV/0!
        else:
            assert compare == pytest.approx(row.compare)
    assert checked >= 8
    rows = _summary_rows(summary)
    assert summary.cell(rows["Số bản ấn phẩm, tài liệu phát hành"], 4).value == 12_800
    assert summary.cell(rows["Tỷ lệ hội nghị báo cáo viên có nội dung thông tin đối ngoại"],
                        4).value == pytest.approx(80.0)
    agencies = workbook[BY_AGENCY]
    totals = [agencies.cell(agencies.max_row, c).value for c in range(4, agencies.max_column + 1)]
    assert 12_800 in totals


@needs_libreoffice
def test_correcting_one_agency_cell_moves_the_total(workbook_path, tmp_path):
    workbook = load_workbook(workbook_path)
    agencies = workbook[BY_AGENCY]
    column = next(c for c in range(4, agencies.max_column + 1)
                  if agencies.cell(1, c).value == "Số bản ấn phẩm, tài liệu phát hành (bản)")
    assert agencies.cell(3, column).value == 3800
    agencies.cell(3, column).value = 4000  # the official corrects the brochure's copies
    edited = tmp_path / "sua.xlsx"
    workbook.save(edited)
    summary = _recalculate(edited, tmp_path)[SUMMARY]
    row = _summary_rows(summary)["Số bản ấn phẩm, tài liệu phát hành"]
    assert summary.cell(row, 4).value == 13_000


@needs_libreoffice
def test_printed_pages_show_vietnamese_numbers(workbook_path, tmp_path):
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(workbook_path)],
                          capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "so-lieu.pdf"
    assert pdf.exists(), done.stderr
    require("pdftotext")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "12.800" in text and "BIỂU TỔNG HỢP SỐ LIỆU" in text and "Tiếng Việt" in text


@other_platform(__import__("os").name == "nt", "POSIX permissions")
def test_exported_file_has_the_usual_permissions(merged, tmp_path):
    out = tmp_path / "tk.xlsx"
    write_stats_xlsx(merged, out)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.needs("soffice")
def test_agency_text_stays_text_in_libreoffice(workbook_path, tmp_path):
    """Issue 22, point 8: opened in an office suite, a name like a formula is a text cell
    showing what was written (no link, no sum, no error value); the workbook's own totals
    are formulas and are calculated."""
    converted = convert(tmp_path, {"so-lieu.xlsx": workbook_path.read_bytes()}, "fods")
    root = etree.fromstring(converted["so-lieu.xlsx"])
    table, office = ("{urn:oasis:names:tc:opendocument:xmlns:table:1.0}",
                     "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}")
    shown = {}
    for element in root.iter(table + "table-cell"):
        text = "\n".join("".join(p.itertext()) for p in element.iter(
            "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"))
        shown.setdefault(text, []).append(element)
    for agency in EVIL[:4]:
        cells = shown[agency.name]
        assert all(c.get(table + "formula") is None and
                   c.get(office + "value-type") == "string" for c in cells), agency.name
    errors = [t for t in shown if t.startswith(("Err:", "#NAME", "#VALUE", "#REF"))]
    assert errors == []
    totals = [c for c in root.iter(table + "table-cell") if c.get(table + "formula")]
    assert any(c.get(office + "value-type") == "float" for c in totals)  # calculated
