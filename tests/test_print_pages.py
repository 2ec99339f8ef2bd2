"""Printed pages whatever fonts the PC has: a 60-agency report printed from the app to PDF, in
both layouts, read back with pdftotext. Every word of the report once, in order; nothing in the
top margin but the page number; no annex row broken across two pages. (With DejaVu, Carlito
and Caladea installed, as LibreOffice brings them, the last line of a page was painted again,
clipped, in the next page's top margin, and an annex row broke across pages.)"""

import html
import re
import subprocess
from collections import Counter
from dataclasses import replace

import pytest

from ttdn_desktop.core import printed
from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.docformat import convert_layout
from ttdn_desktop.core.merge import Contribution, consolidate
from ttdn_desktop.demo import demo_agencies, demo_content
from ttdn_desktop.ui.printing import ReportPrint, a4_printer, page_number, print_to_pdf

from .ci_tools import needs
from .helpers import H1, demo_letterhead

pytestmark = needs("pdftotext", "fonts")  # a user's fonts: printing must not depend on them

PARTY = demo_letterhead(number="5", code="BC/BTGDVTU", issued_on="2021-07-05",
                        signer_name="Trần Văn Bình")
STATE = replace(convert_layout(PARTY, "state"), superior_body="UBND TỈNH QUẢNG NINH")
TOP_MARGIN_PT = 20 / 25.4 * 72
PAGE_PT = 841.89


def _consolidation(form, count: int):
    agencies, contributions = [], {}
    for code, name in demo_agencies(count):
        agency = Agency(code, name)
        agencies.append(agency)
        contributions[code] = Contribution(agency, 1, None, None,
                                           demo_content(form, code, name, H1))
    return consolidate(form, H1, agencies, contributions)


def _bbox(pdf) -> list[list[tuple[str, float, float]]]:
    """Per page, in pdftotext's reading order: (word, yMin, yMax) in points."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, timeout=120).stdout
    return [[(html.unescape(m.group(3)), float(m.group(1)), float(m.group(2))) for m in
             re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)]
            for page in xml.split("<page ")[1:]]


def _raw_pages(pdf) -> list[list[str]]:
    """Per page, the words in the order they were painted (pdftotext -raw)."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, timeout=120).stdout
    return [page.split() for page in text.split("\f")[:-1]]


def _expected_words(job: ReportPrint, letterhead) -> list[str]:
    """The report's words, as laid out for the PDF printer (the same device as print_to_pdf)."""
    document, _, _ = job.build(a4_printer(letterhead))
    return document.toPlainText().split()


@pytest.fixture(scope="module")
def sixty(forms, qapp, tmp_path_factory):
    merged = _consolidation(forms.latest(), 60)
    out = {}
    for name, letterhead in (("state", STATE), ("party", PARTY)):
        path = tmp_path_factory.mktemp("sixty") / f"{name}.pdf"
        job = ReportPrint(merged, letterhead, True)
        pages = print_to_pdf(job, path)
        out[name] = (path, pages, _expected_words(ReportPrint(merged, letterhead, True),
                                                  letterhead))
    return out


def _margin_words(page) -> list[str]:
    return [w[0] for w in page if w[2] < TOP_MARGIN_PT + 5]


@pytest.mark.parametrize("layout", ["state", "party"])
def test_nothing_in_the_margins_but_the_page_number(sixty, layout):
    path, count, _ = sixty[layout]
    pages = _bbox(path)
    assert len(pages) == count > 40
    annex = next(n for n, page in enumerate(pages)
                 if [w[0] for w in page if w[2] >= TOP_MARGIN_PT + 5][:2] == ["Phụ", "lục"])
    for n, page in enumerate(pages):
        number = page_number(n, annex, numbered_apart=layout == "state")  # Nghị định 30
        assert _margin_words(page) == ([str(number)] if number else []), n + 1
        assert not [w for w in page if w[1] > PAGE_PT - TOP_MARGIN_PT], n + 1
        assert [w for w in page if w[2] >= TOP_MARGIN_PT + 5], n + 1  # no blank page


def _first_difference(a: str, b: str) -> str:
    n = next((n for n, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at {n}: painted «…{a[max(0, n - 60):n + 60]}…», report «…{b[max(0, n - 60):n + 60]}…»"


@pytest.mark.parametrize("layout", ["state", "party"])
def test_every_word_once_in_order(sixty, layout):
    """Compared letter by letter, spaces aside (pdftotext may cut "cổng/trang" in two where a
    justified line spreads it): a line painted twice, or lost, shows here."""
    path, _, expected = sixty[layout]
    pages = _bbox(path)
    words = []
    for bbox, raw in zip(pages, _raw_pages(path)):
        number = [w[0] for w in bbox if w[2] < TOP_MARGIN_PT + 5 and w[0].isdigit()]
        if number and raw and raw[-1] == number[-1]:
            raw = raw[:-1]  # the page number, painted after the page's text
        words += raw
    painted = "".join(words)
    report = "".join(w for w in expected if w != "\ufffc")  # the rules are images
    assert painted == report, _first_difference(painted, report)
    # as a PDF viewer reads it (copy, search): the title and the body, each line once
    read = "".join(w[0] for page in pages for w in page if w[2] >= TOP_MARGIN_PT + 5)
    body = report[report.index("BÁOCÁO"):report.index("Nơinhận:")]
    assert body in read


def _annex_labels(merged) -> Counter:
    return Counter(tuple(row.cells[1].split()) for row in printed.annex_rows(merged))


def _whole_rows(pages: list[list[str]], label: tuple[str, ...]) -> int:
    """How many times `label` is painted whole on one page."""
    return sum("".join(page).count("".join(label)) for page in pages)


def _row_box(page, label: tuple[str, ...]):
    """(top, bottom) of `label`'s words on a page read with -bbox, or None."""
    words = [w[0] for w in page]
    for n in range(len(words) - 1):
        if tuple(words[n:n + 2]) == label[:2]:
            last = next(m for m in range(n + 1, len(words)) if words[m] == label[-1])
            return page[n][1], page[last][2]
    return None


def _line_height(page, label: tuple[str, ...]) -> float:
    word = next(w for w in page if w[0] == label[0])
    return word[2] - word[1]


def test_agency_report_never_breaks_an_annex_row(forms, qapp, tmp_path):
    """An agency's own report, its annex longer than a page: at every bottom margin the rows of
    two lines or more ("Người tham gia tập huấn, bồi dưỡng") stay whole, on one page; and at
    some margins such a row starts the next page where its first line alone would have fitted
    at the foot of the page before (the case that broke rows)."""
    form = forms.latest()
    code, name = demo_agencies(1)[0]
    agency = Agency(code, name)
    merged = consolidate(form, H1, [agency], {code: Contribution(
        agency, 1, None, None, demo_content(form, code, name, H1))})
    labels = _annex_labels(merged)
    long_labels = [label for label in labels if len(" ".join(label)) > 25]
    assert long_labels
    moved = 0
    for tenths in range(150, 400, 7):
        letterhead = replace(STATE, margin_bottom=str(tenths / 10))
        path = tmp_path / f"r{tenths}.pdf"
        print_to_pdf(ReportPrint(merged, letterhead, False), path)
        pages = _raw_pages(path)
        annex = next(n for n, page in enumerate(pages) if page[:2] == ["Phụ", "lục"])
        assert all(len(page) > 1 for page in pages), tenths / 10  # no blank page
        for label in long_labels:
            assert _whole_rows(pages[annex:], label) == labels[label], \
                (tenths / 10, " ".join(label))
        boxes = _bbox(path)[annex:]
        foot = PAGE_PT - tenths / 10 / 25.4 * 72
        for before, page, painted in zip(boxes, boxes[1:], pages[annex + 1:]):
            after = painted.index("STT") + 17  # the header row's 17 words, then the first row
            first = [label for label in long_labels
                     if tuple(painted[after + 1:after + 1 + len(label)]) == label]
            if not first:
                continue
            top, bottom = _row_box(page, first[0])
            room = foot - max(w[2] for w in before)  # below the last row of the page before
            line = _line_height(page, first[0])
            moved += line + 2 < room < bottom - top
    assert moved  # the case happened
