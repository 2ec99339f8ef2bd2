"""The same report sent twice in one mail or archive: a .docx and the PDF saved from it (signed
by the document system or not), a .doc and a .docx of the same text, the Word file and a scan
of the signed paper.

«The same» is told by the text read, never by names («Báo cáo.docx» and «BC-ky-so.pdf» are
one report; «Quý 1.docx» and «Quý 1 (sửa).docx» may not be): the sentences of both, folded,
overlap for the most part. Of copies of one report the most readable is imported and the
others are named as the same report, not imported: a word processor's own file before RTF,
RTF before a mail's text, that before a PDF rebuilt from positions, a scan last; then the one
whose text placed more. A scan has no text to compare: beside a report that was read, it is
named as a scan of it, and nothing is stored from it either way.
"""

from __future__ import annotations

import re

from ttdn_desktop.core.text import fold
from ttdn_desktop.exchange.pdf_page import LOCK, pdfium

SAME_SHARE = 0.6   # of the shorter text's sentences found in the other
MIN_WORDS = 4      # shorter pieces ("Không có.") say nothing of which report it is
_MARKUP = re.compile(r"\\(.)|\*+")


def sentences(report) -> set[str]:
    """The report's sentences as read (in its sections and set aside), folded: no accents,
    marks or mark-up, one space between words; headings left out (every report of the form
    has the same ones)."""
    lines = [line for section in report.sections.values() for line in section]
    lines += [line for _, part in report.other for line in part]
    found = set()
    for line in lines:
        for piece in re.split(r"[.;:!?\n]+", _MARKUP.sub(r"\1", line)):
            words = re.sub(r"[^a-z0-9]+", " ", fold(piece)).split()
            if len(words) >= MIN_WORDS:
                found.add(" ".join(words))
    return found


def same(first, second) -> bool:
    """Whether two reports read are one: most sentences of the shorter are in the other, and
    their letterheads do not name two agencies."""
    if first.agency_guess and second.agency_guess and \
            first.agency_guess[0] != second.agency_guess[0]:
        return False
    a, b = sentences(first), sentences(second)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= SAME_SHARE


def _tier(data: bytes) -> tuple[int, int]:
    """(how readable the format is, higher better; its order inside the tier)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return 1, 0
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return 3, 0
    if data.startswith(b"PK"):
        return 4, 0 if b"word/" in data[:65536] or b"[Content_Types]" in head else 1
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return 4, 2   # Word 97-2003
    if b"<office:document" in head:
        return 4, 1   # flat OpenDocument
    return 2, 0       # a mail's own text


def readability(data: bytes, report) -> tuple:
    """What ranks copies of one report: the format, then how much text was placed in the
    form's sections, then the format's order within its tier."""
    tier, order = _tier(data)
    placed = sum(len(line) for lines in report.sections.values() for line in lines)
    return tier, placed, -order


def is_scan(data: bytes) -> bool:
    """A PDF whose pages hold no text at all (images of paper)."""
    if b"%PDF-" not in data[:1024]:
        return False
    with LOCK:  # PDFium must not be entered from two threads
        return _no_text(data)


def _no_text(data: bytes) -> bool:
    try:
        document = pdfium().PdfDocument(data)
    except Exception:  # damaged, or needs a password: not known to be a scan
        return False
    try:
        for n in range(min(len(document), 50)):
            page = document[n]
            try:
                text = page.get_textpage()
                try:
                    if text.get_text_range().strip():
                        return False
                finally:
                    text.close()
            finally:
                page.close()
        return len(document) > 0
    except Exception:
        return False
    finally:
        document.close()
