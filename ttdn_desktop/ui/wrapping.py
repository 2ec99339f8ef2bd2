"""Long item texts wrapped onto further lines at the width they are shown at, rather than cut
with "…": a tree (report headings are long; the panel beside them is narrow) and table rows
(a reason for refusing a file is a sentence or two)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (QStyledItemDelegate, QStyleOptionViewItem, QTableView,
                               QTreeWidget, QWidget)


class WrapDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree

    def _text_width(self, index) -> int:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        indent = self.tree.indentation() * (depth + (1 if self.tree.rootIsDecorated() else 0))
        return max(60, self.tree.viewport().width() - indent - 6)

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self._text_width(index)
        rect = opt.fontMetrics.boundingRect(QRect(0, 0, width, 10_000),
                                            Qt.TextFlag.TextWordWrap, opt.text)
        return QSize(width, rect.height() + 6)


class WrappingTree(QTreeWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        # a viewport made here, not by Qt: the delegate asks for its width, and PySide6 finds
        # the type of a widget Qt made by loading every widget class (QWizard, QCalendarWidget,
        # … with their enums: 15 ms of start-up)
        self.setViewport(QWidget())
        self.setItemDelegate(WrapDelegate(self))
        # painted wrapped, never cut with "…", by Qt's own delegate: the tree gives its items
        # these options (a paint of our own named QStyle, whose enums cost 9 ms of start-up)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setUniformRowHeights(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header().setStretchLastSection(True)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


def keep_rows_fitted(table: QTableView) -> None:
    """Each row as tall as its wrapped text at the widths the columns have now: Qt sizes rows
    when asked, at whatever width a column had then (a stretched column widens only once the
    table is shown), and cuts with "…" what no longer fits."""
    table.setWordWrap(True)
    timer = QTimer(table)
    timer.setSingleShot(True)
    timer.setInterval(0)  # one refit for the many sections a resize moves
    timer.timeout.connect(table.resizeRowsToContents)
    table.horizontalHeader().sectionResized.connect(lambda *_: timer.start())
