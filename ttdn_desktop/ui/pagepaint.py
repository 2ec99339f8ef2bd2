"""Painting a paginated QTextDocument one page at a time, each line once, on the page Qt's
layout put it.

QTextDocument.drawContents(painter, page rect) does not paint only what is inside the rect: a
paragraph whose box reaches into the rect is drawn with the last of its lines *above* the rect
as well (QTextLayout::draw starts one line early), and a PDF keeps the text of a clipped line.
So a paragraph running over a page break had its last line on the page painted again, clipped,
in the next page's top margin: pdftotext, a search or a copy found it twice. Whether it
happened depended on where the lines fell, so on the fonts installed (more fonts, other line
heights). Here the paragraphs that cross a page edge (or touch one) are hidden from Qt while
that page is painted, and their lines of that page are painted one by one."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QTextDocument

# a line whose top is within this many dots of a page edge is on the page below it (Qt keeps
# positions in 1/64 dot)
EDGE = 0.5
# rounding allowed in deciding whether Qt draws a paragraph on a page
NEAR = 0.05


class PagePainter:
    """`document` laid out with page height `height` (in dots, a whole number: Qt computes
    page edges in 1/64 dot and they must fall where ours do)."""

    def __init__(self, document: QTextDocument, height: float):
        self.document = document
        self.height = height
        # page -> [(block, origin, its lines on that page)]: the paragraphs painted here
        self.by_hand: dict[int, list] = defaultdict(list)
        layout = document.documentLayout()
        block = document.begin()
        while block.isValid():
            self._sort(block, layout.blockBoundingRect(block))
            block = block.next()

    def page_of(self, y: float) -> int:
        return int((y + EDGE) // self.height)

    def clip(self, page: int, width: float) -> QRectF:
        # one dot short: a table starting right at the next page draws no border here
        return QRectF(0, page * self.height, width, self.height - 1)

    def drawn_on(self, box: QRectF, page: int) -> bool:
        """Whether Qt draws a paragraph with this box when painting `page` (as its
        drawBlock decides, give or take a rounding)."""
        top = page * self.height
        return box.bottom() >= top - NEAR and box.top() <= top + self.height - 1 + NEAR

    def _sort(self, block, rect: QRectF) -> None:
        text = block.layout()
        lines = [self.page_of(rect.top() + text.lineAt(n).y()) for n in range(text.lineCount())]
        # the box Qt tests against the page (its lines are placed from rect's top-left)
        box = text.boundingRect().translated(0, rect.top())
        touched = {page for page in range(int(box.top() // self.height) - 1,
                                          int(box.bottom() // self.height) + 2)
                   if self.drawn_on(box, page)}
        if len(set(lines)) <= 1 and touched <= set(lines):
            return  # within one page, nowhere near another: Qt paints it right
        for page in touched | set(lines):
            self.by_hand[page].append(
                (block, rect.topLeft(), [n for n, p in enumerate(lines) if p == page]))

    def paint(self, painter: QPainter, page: int, width: float) -> None:
        """Paints page `page` with the painter's origin at the document's origin (translate it
        so that the page's top lands where it should)."""
        top = page * self.height
        by_hand = [entry for entry in self.by_hand.get(page, []) if entry[0].isVisible()]
        for block, _, _ in by_hand:
            block.setVisible(False)
        try:
            # the lines of a paragraph begun on an earlier page come first, in reading order
            self._lines(painter, [entry for entry in by_hand if entry[1].y() < top])
            self.document.drawContents(painter, self.clip(page, width))
            self._lines(painter, [entry for entry in by_hand if entry[1].y() >= top])
        finally:
            for block, _, _ in by_hand:
                block.setVisible(True)

    @staticmethod
    def _lines(painter: QPainter, entries) -> None:
        if not any(lines for _, _, lines in entries):
            return
        painter.save()
        painter.setPen(QColor("black"))
        for block, origin, lines in entries:
            layout = block.layout()
            for n in lines:
                layout.lineAt(n).draw(painter, QPointF(origin))
        painter.restore()
