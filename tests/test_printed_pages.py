"""Every printed page right: a 60-agency report with seven-digit figures, exported to Word
(both layouts), to the Excel workbook, and the Excel form, then printed to PDF by LibreOffice
(one soffice call for all) and read back with pdftotext (-bbox: each word and its position),
beside python-docx and openpyxl."""

import os
import random
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.docformat import convert_layout
from ttdn_desktop.core.merge import Contribution, consolidate
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.demo import demo_agencies, demo_content
from ttdn_desktop.exchange.xlsx_form import (PROSE, FormIdentity, read_form_xlsx,
                                             write_form_xlsx)
from ttdn_desktop.export.docx_report import write_report_docx
from ttdn_desktop.export.xlsx_stats import BY_AGENCY, CHARTS, SUMMARY, write_stats_xlsx
from ttdn_desktop.office.sheets import COUNT_FORMAT

from .ci_tools import needs, other_platform, require
from .helpers import H1, demo_letterhead

PARTY = demo_letterhead(number="5", code="BC/BTGDVTU", issued_on="2021-07-05",
                   signer_name="Trần Văn Bình")
STATE = replace(convert_layout(PARTY, "state"), superior_body="UBND TỈNH QUẢNG NINH",
                issuing_body="BAN CHỈ ĐẠO CÔNG TÁC\nTHÔNG TIN ĐỐI NGOẠI TỈNH")
PROSE_TEXT = "Phát hành **9.000 cuốn** bản tin *Quảng Ninh hội nhập*.\n- Tiếp tục tuyên truyền."

needs_office = needs("soffice", "pdftotext", "fonts")


@pytest.fixture(scope="module")
def big(forms):
    """60 agencies, figures adding up to seven digits, last year for "So sánh (%)"."""
    form = forms.latest()
    rng = random.Random(4)
    agencies, contributions = [], {}
    for n in range(60):
        agency = Agency(f"DV{n:02d}", f"Ủy ban nhân dân xã số {n + 1} huyện Vân Đồn")
        agencies.append(agency)
        figures = {key: rng.randint(15000, 40000) if not key[1] else rng.randint(10, 900)
                   for indicator in form.indicators if indicator.kind == "count"
                   for key in indicator.keys}
        text = "- Tiếp tục tuyên truyền.\n- Đăng 20 tin." if n == 1 else \
            f"Đơn vị thứ {n + 1} đăng **120 tin** bài."
        contributions[agency.code] = Contribution(agency, 1, None, None,
                                                  ReportContent({"bao_chi": text}, figures))
    last = {("tin_bai_bao_chi", ""): 1_500_000, ("ban_an_pham", ""): 420_000}
    return consolidate(form, H1, agencies, contributions, last_year=last)


@pytest.fixture(scope="module")
def province(forms):
    """The demo province's 60 members: departments with long names and codes (TINHDOAN,
    BINHLIEU), then communes."""
    form = forms.latest()
    agencies = [Agency(code, name) for code, name in demo_agencies(60)]
    contributions = {a.code: Contribution(a, 1, None, None, demo_content(form, a.code, a.name, H1))
                     for a in agencies}
    return consolidate(form, H1, agencies, contributions)


@pytest.fixture(scope="module")
def own(province):
    """One agency's own report, as `ttdn export xlsx --agency TINHDOAN` makes it."""
    agency = next(s.agency for s in province.statuses if s.agency.code == "TINHDOAN")
    contribution = Contribution(agency, 1, None, None, demo_content(
        province.form, agency.code, agency.name, H1))
    return consolidate(province.form, H1, [agency], {agency.code: contribution})


@pytest.fixture(scope="module")
def files(big, province, own, forms, tmp_path_factory):
    out = tmp_path_factory.mktemp("pages")
    write_report_docx(big, out / "state.docx", STATE)
    write_report_docx(big, out / "party.docx", PARTY)
    write_stats_xlsx(big, out / "so-lieu.xlsx")
    write_stats_xlsx(province, out / "tinh.xlsx")
    write_stats_xlsx(own, out / "don-vi.xlsx")
    identity = FormIdentity(forms.latest(), "XA01", "UBND xã Hạ Long", H1,
                            "6f1c2a1e-4b1d-4c7e-9d2a-2f3b4c5d6e7f", 1, None)
    write_form_xlsx(identity, out / "mau.xlsx", ReportContent(
        {"an_pham": PROSE_TEXT}, {("tin_bai_bao_chi", ""): 12345,
                                  ("chuyen_muc_ngoai_ngu", ""): 13}))
    return out


@pytest.fixture(scope="module")
def pdfs(files):
    """All printed by LibreOffice in one call."""
    require("soffice", "pdftotext")
    names = ["state.docx", "party.docx", "so-lieu.xlsx", "tinh.xlsx", "don-vi.xlsx", "mau.xlsx"]
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{files}/lo",
                           "--convert-to", "pdf", "--outdir", str(files / "pdf"),
                           *[str(files / n) for n in names]],
                          capture_output=True, text=True, timeout=300)
    result = {n.split(".")[0]: files / "pdf" / (n.split(".")[0] + ".pdf") for n in names}
    assert all(p.exists() for p in result.values()), done.stderr
    return result


def _pages(pdf):
    """Per page: its size and its words as (text, xMin, yMin, xMax, yMax)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         timeout=60).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        words = [(m.group(5), *map(float, m.group(1, 2, 3, 4))) for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page.group(3))]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


def _line_of(words, *sequence):
    texts = [w[0] for w in words]
    for n in range(len(texts) - len(sequence) + 1):
        if tuple(texts[n:n + len(sequence)]) == sequence:
            return words[n:n + len(sequence)]
    return None


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60).stdout


def _page_lines(pdf) -> list[list[str]]:
    """Per page, its lines with spaces collapsed. LibreOffice positions Vietnamese letters one
    by one, so -bbox cuts words apart; the layout text keeps them whole."""
    pages = _text(pdf).replace("\u00a0", " ").split("\f")
    return [[re.sub(r"\s+", " ", line).strip() for line in page.splitlines() if line.strip()]
            for page in pages]


# --- Word -------------------------------------------------------------------------------------
def test_word_annex_widths_padding_and_numbers(big, files):
    document = Document(files / "state.docx")
    annex = document.tables[-1]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in annex.rows[1:]}
    news = rows["Tin, bài, phóng sự về thông tin đối ngoại trên báo chí, phát thanh, truyền hình"]
    assert re.fullmatch(r"\d\.\d{3}\.\d{3}", news[3])  # seven digits
    assert news[5] == f"{big.totals[('tin_bai_bao_chi', '')] / 15000:.2f}".replace(".", ",")
    widths = [c.width.cm for c in annex.rows[0].cells]
    assert min(widths[3:6]) >= 2.2 and abs(sum(widths) - 16.5) < 0.05
    margins = annex._tbl.tblPr.find(qn("w:tblCellMar"))
    assert int(margins.find(qn("w:top")).get(qn("w:w"))) >= 40  # marks below letters clear
    assert int(margins.find(qn("w:bottom")).get(qn("w:w"))) >= 40
    texts = [p.text for p in document.paragraphs]
    assert "(Kèm theo Báo cáo số 05/BC-BTGDVTU ngày 05 tháng 7 năm 2021)" in texts
    assert "(Số liệu chi tiết tại Phụ lục kèm theo Báo cáo này.)" in texts
    # an agency text that starts with a list: its name alone, then the items
    n = texts.index("Ủy ban nhân dân xã số 2 huyện Vân Đồn:")
    assert texts[n + 1] == "- Tiếp tục tuyên truyền."


@needs_office
def test_word_pages_as_printed(pdfs, big):
    # Nghị định 30 writes 05; Hướng dẫn 36 asks no leading zero
    for name, number in (("state", "Số: 05/BC-BTGDVTU"), ("party", "Số 5-BC/BTGDVTU")):
        pages = _pages(pdfs[name])
        lines = _page_lines(pdfs[name])
        assert any(number in line for line in lines[0]), (name, lines[0][:6])
        annex = next(n for n, page in enumerate(lines) if any("(Kèm theo" in x for x in page))
        words = [w for page in pages[annex:] for w in page[2]]
        total = f"{big.totals[('tin_bai_bao_chi', '')]:,}".replace(",", ".")
        assert any(w[0] == total for w in words), (name, total)  # on one line, never "1.694.53|7"
        # the title's period never broken in the middle
        assert "6 THÁNG ĐẦU NĂM 2021" in lines[annex], lines[annex][:4]
        assert any(f"(Kèm theo Báo cáo số {number.split()[-1]}" in x for x in lines[annex])
        # Nghị định 30: the annex numbered on its own; Hướng dẫn 36: straight on
        heads = [[w[0] for w in page[2] if w[4] < 50] for page in pages[annex:annex + 2]]
        if name == "state":
            assert heads == [[], ["2"]], heads
        else:
            assert heads == [[str(annex + 1)], [str(annex + 2)]], heads
    text = _text(pdfs["party"])
    assert "-----" in text and "- Lưu VT, TTTH." in text


# --- Excel workbook -----------------------------------------------------------------------------
def test_workbook_page_setup_and_charts(files):
    workbook = load_workbook(files / "so-lieu.xlsx")
    summary = workbook[SUMMARY]
    assert summary.page_setup.orientation == "landscape" and summary.page_setup.fitToWidth == 1
    for sheet in workbook:
        assert sheet.oddFooter.center.text == "Trang &P/&N"
    agencies = workbook[BY_AGENCY]
    assert "6 tháng đầu năm 2021" in agencies.oddHeader.center.text
    assert agencies.print_title_cols == "$A:$C"
    charts = workbook[CHARTS]
    breaks = {b.id for b in charts.row_breaks.brk}
    assert charts.print_title_rows is None  # no title row printed over the charts
    for chart in charts._charts:
        top = chart.anchor._from.row  # 0-based: the chart starts on row top + 1
        rows = int(chart.height / (15 / 72 * 2.54)) + 1
        assert not any(top < b < top + rows for b in breaks)  # no page break through it
        axis = chart.y_axis
        assert axis.numFmt.formatCode == COUNT_FORMAT and not axis.numFmt.sourceLinked
        for text in (chart.x_axis.txPr, chart.y_axis.txPr):
            assert text.p[0].pPr.defRPr.latin.typeface == "Times New Roman"
        run = chart.title.tx.rich.p[0].r[0]
        assert run.rPr.latin.typeface == "Times New Roman"


@needs_office
def test_workbook_pages_as_printed(pdfs, big):
    pages = _pages(pdfs["so-lieu"])
    assert pages[0][0] > pages[0][1]  # Tổng hợp in landscape
    text = _text(pdfs["so-lieu"])
    assert "112,97" in text  # "So sánh (%)": two decimals, as in the Word annex
    assert all(any(re.search(r"Trang \d+/\d+", x) for x in page)  # a page number everywhere
               for page in _page_lines(pdfs["so-lieu"]) if page)
    lines = _page_lines(pdfs["so-lieu"])
    by_agency = [page for page in lines if any("Số liệu theo đơn vị" in x for x in page)]
    assert len(by_agency) >= 4
    for page in by_agency:  # title and period, the header rows, a page number: on every page
        assert any("6 tháng đầu năm 2021" in x for x in page)
        assert any(x.startswith("STT") for x in page) and any("Trang" in x for x in page)
    chart_pages = [words for _, _, words in pages
                   if any(w[0] in ("10.000", "20.000", "30.000", "40.000") for w in words)]
    assert chart_pages
    for words in chart_pages:
        assert not any(re.fullmatch(r"\d{1,3},000", w[0]) for w in words)  # never 12,000
    # every chart whole on one page: its title with its axis
    chart_lines = [page for page in lines
                   if any(re.search(r"\b40\.000\b|\b30\.000\b", x) for x in page)]
    titles = ("Tin, bài đăng trên cổng/trang", "Số bản ấn phẩm, tài liệu phát hành theo ngôn ngữ")
    for title in titles:  # (LibreOffice sets chart text letter by letter: compare unspaced)
        bare = title.replace(" ", "")
        assert any(any(bare in x.replace(" ", "") for x in page) for page in chart_lines), title


@needs_office
@other_platform(not Path("/etc/fonts/fonts.conf").exists(), "fontconfig (Linux)")
def test_workbook_prints_alike_with_or_without_calibri(pdfs, files):
    """A PC without Calibri (nor Carlito, its look-alike) prints the same pages: the widths are
    counted in digits of the default font, which is the cells' Times New Roman."""
    conf = files / "no-calibri.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><include>/etc/fonts/fonts.conf</include>'
                    '<selectfont><rejectfont><glob>*Carlito*</glob><glob>*Calibri*</glob>'
                    '</rejectfont></selectfont></fontconfig>', encoding="utf-8")
    out = files / "no-calibri"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{files}/lo2",
                    "--convert-to", "pdf", "--outdir", str(out), str(files / "tinh.xlsx")],
                   capture_output=True, timeout=300,
                   env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    assert _page_lines(out / "tinh.pdf") == _page_lines(pdfs["tinh"])


def _figure(value) -> str:
    return f"{value:,}".replace(",", ".")


@needs_office
def test_workbook_rows_line_up_as_printed(pdfs, province):
    """Each agency's row on one line: its number, its whole code, its whole name, its figures;
    on every page of «Theo đơn vị»."""
    lines = _page_lines(pdfs["tinh"])
    pages = [page for page in lines if any("Số liệu theo đơn vị" in x for x in page)]
    assert pages
    numbered = {s.agency.code: (n, s.agency.name) for n, s in enumerate(province.statuses, 1)}
    seen = {code: 0 for code in numbered}
    for page in pages:
        for line in page:
            words = line.split(" ")
            codes = [w for w in words if w in numbered]
            clipped = [w for w in words if w not in numbered and len(w) >= 4 and w.isupper()
                       and any(c.startswith(w) for c in numbered)]
            assert not clipped, (line, "a code cut short by the name column")
            if not codes:
                continue
            n, name = numbered[codes[0]]
            # the number, the code and the figures on one baseline (a figure ends the line)
            assert re.match(rf"{n} {codes[0]} ", line), line
            assert re.search(r" \d[\d.,]*$", line), line
            seen[codes[0]] += 1
            # the name whole, on this line or wrapped around it, never cut at the column
            assert _whole(page, name), (name, line)
    assert len(set(seen.values())) == 1 and min(seen.values()) >= 1, seen


@needs_office
def test_workbook_summary_figures_sit_on_the_middle_line(pdfs, province):
    """«Tổng hợp» row 1 (its label the longest): its number and its figure level with the
    middle of the label, not at the top or the bottom of the row."""
    _, _, words = _pages(pdfs["tinh"])[0]
    _assert_level_with_label(words, _figure(province.totals[("tin_bai_bao_chi", "")]))


def _whole(page, text) -> bool:
    """Whether the page's lines hold every word of `text` in order, none cut short: on one
    line, or wrapped around the figures of its row. (LibreOffice sets Vietnamese text letter by
    letter, so words are compared unspaced.)"""
    bare = "".join(page).replace(" ", "")
    at = 0
    for word in text.split(" "):
        at = bare.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True


def _assert_level_with_label(words, figure_text):
    """Row 1, whose figure is `figure_text`: the figure and the number 1 on the middle line of
    the label «Tin, bài, phóng sự…» (one line or several, down to row 2's «Trong đó…»)."""
    figure = next(w for w in words if w[0] == figure_text)
    first = min((w for w in words if w[0] == "Tin,"), key=lambda w: abs(w[2] - figure[2]))
    below = min(w[2] for w in words if w[0] == "Trong" and w[2] > first[2])
    unit = min(w[1] for w in words if w[0] == "tin/bài" and first[2] - 1 < w[2] < below)
    label = [w for w in words if first[1] <= w[1] and w[3] < unit and first[2] - 1 < w[2] < below]
    number = next(w for w in words if w[0] == "1" and w[3] < first[1]
                  and abs(w[2] - figure[2]) < 20)
    top, bottom = min(w[2] for w in label), max(w[4] for w in label)
    middle = (top + bottom) / 2
    for word in (figure, number):
        assert abs((word[2] + word[4]) / 2 - middle) < 2, (word, top, bottom)


def test_agency_workbook_has_no_per_agency_sheet_nor_one_bar_charts(files, own):
    workbook = load_workbook(files / "don-vi.xlsx")
    assert BY_AGENCY not in workbook.sheetnames
    summary = workbook[SUMMARY]
    # its own figures, not a "tổng hợp": whose they are under the title
    assert summary["A1"].value == "BIỂU SỐ LIỆU CÔNG TÁC THÔNG TIN ĐỐI NGOẠI"
    assert summary["A2"].value == "Tỉnh đoàn — 6 tháng đầu năm 2021"
    rows = {summary.cell(r, 2).value: r for r in range(5, summary.max_row + 1)}
    # its own figures, written as numbers (there is no sheet to sum)
    brochure = rows["Số bản ấn phẩm, tài liệu phát hành"]
    assert summary.cell(brochure, 4).value == own.totals[("ban_an_pham", "")]
    for sheet in workbook:
        for chart in sheet._charts:
            for series in chart.series:
                ref = series.val.numRef.f
                name, cells = ref.rsplit("!", 1)
                source = workbook[name.strip("'").replace("''", "'")]
                values = [c.value for row in source[cells.replace("$", "")] for c in row]
                bars = [v for v in values if isinstance(v, (int, float)) and v]
                assert len(bars) >= 2, (ref, values)


@needs_office
def test_agency_workbook_pages_as_printed(pdfs):
    printed = [page for page in _page_lines(pdfs["don-vi"]) if page]
    assert len(printed) <= 3, [page[:3] for page in printed]  # the summary, the charts
    assert not any("Số liệu theo đơn vị" in x for page in printed for x in page)


# --- Excel form ---------------------------------------------------------------------------------
def test_form_shows_formatting_not_markup(files, forms):
    workbook = load_workbook(files / "mau.xlsx", rich_text=True)
    cell = next(c for row in workbook[PROSE].iter_rows() for c in row
                if isinstance(c.value, CellRichText))
    assert str(cell.value) == ("Phát hành 9.000 cuốn bản tin Quảng Ninh hội nhập.\n"
                               "- Tiếp tục tuyên truyền.")
    bold = [b.text for b in cell.value if getattr(b, "font", None) is not None and b.font.b]
    assert bold == ["9.000 cuốn"]
    # read back, the formatting is the report's again
    _, content, _ = read_form_xlsx("mau.xlsx", (files / "mau.xlsx").read_bytes(), forms)
    assert content.sections["an_pham"] == PROSE_TEXT


@needs_office
def test_form_pages_as_printed(pdfs):
    # the figures: row 1's label on two lines, its number and its figure on their middle line;
    # no label cut short by a row one line high
    words = next(w for _, _, w in _pages(pdfs["mau"]) if any(x[0] == "12.345" for x in w))
    _assert_level_with_label(words, "12.345")
    figures = next(p for p in _page_lines(pdfs["mau"]) if any("12.345" in x for x in p))
    assert _whole(figures, "Chuyên mục bằng tiếng nước ngoài trên cổng/trang thông tin điện tử")
    text = _text(pdfs["mau"])
    assert "Phát hành 9.000 cuốn bản tin" in text
    assert "**" not in text and "*Quảng" not in text
    assert "Trang 1/" in text
