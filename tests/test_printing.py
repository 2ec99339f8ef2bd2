"""Printing from the app: printed to a PDF file offscreen, read back with pdftotext (-bbox gives
every word's position), against the same rules as the Word export."""

import re
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from docx.shared import Mm
from PySide6.QtGui import QTextCursor, QTextFormat

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.merge import Contribution, consolidate
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.export.docx_report import write_report_docx
from ttdn_desktop.export.template import build_default_template
from ttdn_desktop.ui.printing import (ReportPrint, a4_printer, page_margins_mm, page_number,
                                      print_to_pdf)

from .ci_tools import needs
from .helpers import H1, SEED_BROCHURE, demo_letterhead

A = Agency("SNGV", "Sở Ngoại vụ")
B = Agency("TTTT", "Trung tâm Truyền thông tỉnh")
STATE = demo_letterhead(layout="state", superior_body="UBND TỈNH QUẢNG NINH",
                   issuing_body="SỞ NGOẠI VỤ", number="5", code="BC-SNgV", place="Quảng Ninh",
                   issued_on="2021-07-05", signing_capacity="KT. GIÁM ĐỐC",
                   signer_title="PHÓ GIÁM ĐỐC", signer_name="Trần Thị B",
                   recipients="Ban Chỉ đạo TTĐN tỉnh\nLưu: VT, TTTH")
PARTY = demo_letterhead(number="127", code="BC/BTGTU", issued_on="2021-01-05",
                   signer_name="Lê Văn C")

needs_pdftotext = needs("pdftotext", "fonts")  # a user's fonts: printing must not depend on them


@pytest.fixture(scope="module")
def merged(forms):
    form = forms.latest()
    long_text = "\n".join(f"Hoạt động thứ {n}: tuyên truyền về biển, đảo, biên giới đất liền "
                          "trên báo chí và mạng xã hội, kết hợp với quảng bá hình ảnh địa phương."
                          for n in range(1, 40))
    a = ReportContent({"lanh_dao_chi_dao": "Ban hành Kế hoạch số 12/KH.",
                       "bien_dao": long_text},
                      {("ban_an_pham", ""): 9000, ("ban_an_pham", "vi"): 4500,
                       ("ban_an_pham", "en"): 4500, ("tin_bai_bao_chi", ""): 1622414})
    b = ReportContent({"an_pham": "- Tiếp tục phát hành bản tin.\n- In tờ gấp."},
                      dict(SEED_BROCHURE))
    return consolidate(form, H1, [A, B], {"SNGV": Contribution(A, 1, None, None, a),
                                          "TTTT": Contribution(B, 2, None, None, b)},
                       last_year={("ban_an_pham", ""): 6400, ("tin_bai_bao_chi", ""): 1500000})


def _words(pdf) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page: (word, xMin, yMin, xMax, yMax) in points."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         timeout=60).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        pages.append([(m.group(5), float(m.group(1)), float(m.group(2)), float(m.group(3)),
                       float(m.group(4))) for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page)])
    return pages


def _find(page, *words):
    """The first place where `words` follow each other on `page`."""
    texts = [w[0] for w in page]
    for n in range(len(texts) - len(words) + 1):
        if tuple(texts[n:n + len(words)]) == words:
            return page[n]
    return None


@pytest.fixture(scope="module")
def printed(merged, qapp, tmp_path_factory):
    out = {}
    for name, letterhead in (("state", STATE), ("party", PARTY)):
        path = tmp_path_factory.mktemp("in") / f"{name}.pdf"
        pages = print_to_pdf(ReportPrint(merged, letterhead, True), path)
        out[name] = (path, pages)
    return out


def test_pdf_is_a4_and_written_whole(printed):
    path, pages = printed["state"]
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and pages >= 3
    assert b"/MediaBox [0 0 595" in data  # A4: 595 × 842 points
    assert not list(path.parent.glob(".*.tmp"))  # the temporary file is gone


@needs_pdftotext
def test_state_letterhead_number_title_and_page_numbers(printed):
    path, count = printed["state"]
    pages = _words(path)
    assert len(pages) == count
    first = pages[0]
    issuer = _find(first, "SỞ", "NGOẠI", "VỤ")
    national = _find(first, "CỘNG", "HÒA", "XÃ", "HỘI")
    assert issuer and national and issuer[1] < 250 < national[1]  # two columns
    assert _find(first, "Số:", "05/BC-SNgV")  # Nghị định 30: a leading zero below 10
    assert _find(first, "Quảng", "Ninh,", "ngày", "05", "tháng", "7", "năm", "2021")
    title = _find(first, "BÁO", "CÁO")
    assert title and title[2] > national[2]
    assert not any(w[4] < 56 for w in first)  # page 1: nothing in the top margin (no number)
    second = pages[1]
    number = [w for w in second if w[4] < 57]  # the 20 mm top margin
    assert [w[0] for w in number] == ["2"]
    centre = (number[0][1] + number[0][3]) / 2
    assert abs(centre - (85.04 + 595.28 - 42.52) / 2) < 3  # centred over the text
    # an agency whose text starts with a list: its name on a line of its own, then "- Tiếp…"
    words = [w for page in pages for w in page]
    n = next(n for n in range(len(words)) if [w[0] for w in words[n:n + 3]] ==
             ["Truyền", "thông", "tỉnh:"])
    assert words[n + 3][0] == "-" and words[n + 3][2] > words[n + 2][4] - 1


def _rules(pdf, dpi: int = 150) -> list[tuple[float, float, float]]:
    """The horizontal rules drawn on page 1: (y, x from, x to) in points, from the page
    rendered by pdftoppm (a row with a dark run of 1 cm or more)."""
    gray = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf)],
                          capture_output=True, timeout=60).stdout
    magic, width, height, _, pixels = gray.split(maxsplit=4)
    assert magic == b"P5"
    width, height, scale, least = int(width), int(height), 72 / dpi, 1 / 2.54 * dpi
    found = []
    for y in range(height):
        row = pixels[y * width:(y + 1) * width]
        start = None
        for x in range(width + 1):
            dark = x < width and row[x] < 128
            if dark and start is None:
                start = x
            elif not dark and start is not None:
                if x - start >= least and not (found and found[-1][0] >= (y - 1) * scale
                                                and found[-1][1] == start * scale):
                    found.append((y * scale, start * scale, x * scale))
                start = None
    return found


@needs_pdftotext
@needs("pdftoppm")
def test_rules_sit_clearly_below_the_text_above_them(printed):
    """As in the Word export: the rule under the issuing body 2 pt, under the subject 4 pt,
    below the lowest marks of the line above (pdftotext's box includes the font's descent)."""
    path, _ = printed["state"]
    first = _words(path)[0]
    rules = _rules(path)
    for words, gap in ((("NGOẠI", "VỤ"), 2), (("nhiệm", "vụ", "6"), 4)):
        word = _find(first, *words)
        centre = (word[1] + word[3]) / 2
        below = [r for r in rules if r[0] > word[2] and r[1] < centre < r[2]]
        assert below, words
        assert below[0][0] - word[4] >= gap + 1, (words, below[0][0] - word[4])


@needs_pdftotext
def test_signature_beside_recipients_and_annex_on_its_own_pages(printed):
    path, _ = printed["state"]
    pages = _words(path)
    where = next(n for n, page in enumerate(pages) if _find(page, "Nơi", "nhận:"))
    page = pages[where]
    label = _find(page, "Nơi", "nhận:")
    capacity = _find(page, "KT.", "GIÁM", "ĐỐC")
    signer = _find(page, "Trần", "Thị", "B")
    assert capacity and abs(capacity[2] - label[2]) < 4  # level with "Nơi nhận"
    assert signer[1] > label[3] and signer[2] > capacity[2] + 40  # room to sign and stamp
    assert _find(page, "-", "Lưu:", "VT,", "TTTH.")
    annex = where + 1
    assert pages[annex][0][0] == "Phụ" or _find(pages[annex], "Phụ", "lục")
    assert _find(pages[annex], "(Kèm", "theo", "Báo", "cáo", "số", "05/BC-SNgV")
    assert _find(pages[annex], "6 THÁNG ĐẦU NĂM 2021".replace(" ", "\u00a0")) or \
        _find(pages[annex], "6", "THÁNG", "ĐẦU", "NĂM", "2021")
    # Nghị định 30: the annex is numbered on its own, its first page bare
    assert not any(w[4] < 56 for w in pages[annex])
    later = pages[annex + 1]
    assert [w[0] for w in later if w[4] < 57] == ["2"]
    assert _find(later, "STT", "Chỉ", "tiêu")  # the header row again on every annex page
    # 1.622.414 on one line, the comparison with two decimals
    figures = pages[annex] + later
    big = _find(figures, "1.622.414")
    assert big and _find(figures, "108,16")


@needs_pdftotext
def test_party_layout_as_in_the_word_export(printed):
    path, _ = printed["party"]
    pages = _words(path)
    first = pages[0]
    assert _find(first, "ĐẢNG", "CỘNG", "SẢN", "VIỆT", "NAM")
    assert _find(first, "Số", "127-BC/BTGTU")
    assert _find(first, "*")
    assert _find(first, "-----")  # Hướng dẫn 36: five hyphens under the subject line
    text = " ".join(w[0] for page in pages for w in page)
    assert "- Lưu VT, TTTH." in text  # no colon after "Lưu" in a Party document
    annex = next(n for n, page in enumerate(pages) if _find(page, "(Kèm", "theo"))
    assert [w[0] for w in pages[annex] if w[4] < 57] == [str(annex + 1)]  # numbered straight on


def test_page_numbers_rule():
    assert [page_number(n, 3, True) for n in range(6)] == [None, 2, 3, None, 2, 3]
    assert [page_number(n, 3, False) for n in range(6)] == [None, 2, 3, 4, 5, 6]
    assert [page_number(n, None, True) for n in range(3)] == [None, 2, 3]


def test_same_content_as_the_word_export(merged, qapp, tmp_path):
    """Both read the same rules: every body paragraph of the Word export is in the printed
    document, in the same order."""
    out = tmp_path / "r.docx"
    write_report_docx(merged, out, STATE)
    word = [p.text.replace("\u00a0", " ") for p in Document(out).paragraphs if p.text.strip()]
    printer = a4_printer(STATE)
    document, _, _ = ReportPrint(merged, STATE, True).build(printer)
    printed_text = document.toPlainText().replace("\u00a0", " ").replace("\u2029", "\n")
    position = 0
    for paragraph in word:
        found = printed_text.find(paragraph, position)
        assert found >= 0, paragraph
        position = found
    assert date.today()  # the issue date comes from the letterhead, not today
    assert replace(STATE, number="").number_line.startswith("Số: ")


def test_signature_block_never_split_across_pages(forms, qapp):
    """Whatever the length of the text, the signature block (and Nơi nhận) stays on one page,
    with the paragraph before it."""
    form = forms.latest()
    printer = a4_printer(STATE)
    moved = 0
    for lines in range(18, 44):
        text = "\n".join(f"Dòng thứ {n}." for n in range(lines))
        merged = consolidate(form, H1, [A], {"SNGV": Contribution(
            A, 1, None, None, ReportContent({"lanh_dao_chi_dao": text}))})
        job = ReportPrint(merged, STATE, False)
        builder_document, _, height = job.build(printer)
        table = next(f for f in builder_document.rootFrame().childFrames()
                     if f.firstCursorPosition().block().text() == "Nơi nhận:")
        rect = builder_document.documentLayout().frameBoundingRect(table)
        assert int(rect.top() // height) == int((rect.bottom() - 1) // height), lines
        before = QTextCursor(table.firstCursorPosition())
        before.movePosition(QTextCursor.MoveOperation.PreviousBlock, n=2)
        moved += before.blockFormat().pageBreakPolicy() != QTextFormat.PageBreakFlag.PageBreak_Auto
    assert moved  # the case did happen and was handled


def test_margins_of_a_committee_template(tmp_path, qapp):
    """A committee's own Word template with other margins: printing uses them too."""
    document = build_default_template()
    document.sections[0].left_margin = Mm(35)
    document.sections[0].top_margin = Mm(25)
    path = tmp_path / "mau-tinh.docx"
    document.save(path)
    letterhead = replace(STATE, template=str(path))
    assert page_margins_mm(letterhead) == (35.0, 25.0, 15.0, 20.0)
    assert page_margins_mm(replace(letterhead, margin_left="32")) == (32.0, 25.0, 15.0, 20.0)
    assert page_margins_mm(STATE) == (30.0, 20.0, 15.0, 20.0)
