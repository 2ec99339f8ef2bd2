"""The figures of one indicator group, as a table: one row per indicator and breakdown member,
the value typed in "Kỳ này", last year's figure beside it, the check on the row.

Keyboard first: typing starts editing, Enter moves down, Tab moves to the next input cell.
Numbers are shown as 3.800 once a cell is left (never while typing); a wrong value or a
breakdown that does not add up is marked on its row, never in a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHeaderView,
                               QTableWidget, QTableWidgetItem)

from ttdn_desktop.core.forms import TOTAL, Form, Group
from ttdn_desktop.core.text import format_number, parse_number
from ttdn_desktop.core.validation import check_value, group_keys, group_problems

LABEL, UNIT, VALUE, LAST, NOTE, CHECK = range(6)
HEADERS = ("Chỉ tiêu", "Đơn vị\ntính", "Kỳ này", "Cùng kỳ\nnăm trước", "Ghi chú", "Kiểm tra")
VALUE_ROOM = "999.999.999.999"  # "Kỳ này" is where the typing happens: room for this and more
# what is left beside the label, units and figures: a share for "Ghi chú" and for "Kiểm tra",
# the rest for the label (at 1366×768 and 125 % the pane is 600 pixels wide)
NOTE_SHARE, CHECK_SHARE = 0.18, 0.27
ERROR_BRUSH = QBrush(QColor("#F8D7DA"))
WARNING_BRUSH = QBrush(QColor("#FFF3CD"))
INPUT_BRUSH = QBrush(QColor("#FFFDF0"))
TYPED_BRUSH = QBrush(QColor("#0B5394"))  # last year's figure typed by hand, in italics
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def is_redo(event) -> bool:
    """Ctrl+Y and Ctrl+Shift+Z both redo, whatever the platform's own habit."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    return event.matches(QKeySequence.StandardKey.Redo) or \
        (event.key() == Qt.Key.Key_Y and modifiers == ctrl) or \
        (event.key() == Qt.Key.Key_Z and modifiers == ctrl | shift)


class FigureTable(QTableWidget):
    """A table where Enter moves down and Tab skips to the next input cell."""

    def __init__(self, rows: int, parent=None):
        super().__init__(rows, len(HEADERS), parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed |
                             QAbstractItemView.EditTrigger.DoubleClicked |
                             QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def undo(self) -> bool:
        return False

    def redo(self) -> bool:
        return False

    def _input_cells(self):
        return [(r, c) for r in range(self.rowCount()) for c in (VALUE, LAST, NOTE)
                if self.item(r, c) and self.item(r, c).flags() & Qt.ItemFlag.ItemIsEditable]

    def _step(self, forward: bool, same_column: bool) -> None:
        current = (self.currentRow(), self.currentColumn())
        cells = self._input_cells()
        if same_column:
            cells = [c for c in cells if c[1] == current[1]]
        if not forward:
            cells = list(reversed(cells))
        following = [c for c in cells if (c > current if forward else c < current)]
        if following:
            self.setCurrentCell(*following[0])

    def closeEditor(self, editor, hint) -> None:
        hints = QAbstractItemDelegate.EndEditHint
        if hint in (hints.SubmitModelCache, hints.EditNextItem, hints.EditPreviousItem):
            super().closeEditor(editor, hints.NoHint)
            self._step(forward=hint != hints.EditPreviousItem,
                       same_column=hint == hints.SubmitModelCache)
        else:
            super().closeEditor(editor, hint)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._step(forward=True, same_column=True)
                return
            if key == Qt.Key.Key_Tab:
                self._step(forward=True, same_column=False)
                return
            if key == Qt.Key.Key_Backtab:
                self._step(forward=False, same_column=False)
                return
            if is_redo(event):
                self.redo()
                return
            if event.matches(QKeySequence.StandardKey.Undo):
                self.undo()
                return
            if key == Qt.Key.Key_Delete:
                item = self.currentItem()
                if item and item.flags() & Qt.ItemFlag.ItemIsEditable:
                    item.setText("")
                return
        super().keyPressEvent(event)


class GroupFigures(FigureTable):
    """One group's table. `values` and `notes` are shared with the other groups of the report;
    `changed` fires when a value or note is committed."""

    changed = Signal()

    def __init__(self, form: Form, group: Group, values: dict, notes: dict,
                 last_year: dict, parent=None, typed_last_year: dict | None = None,
                 invalid: dict | None = None, invalid_last: dict | None = None):
        """`last_year`: from last year's report in the database (read-only); where it has no
        figure, "Cùng kỳ năm trước" is typed by hand into `typed_last_year`. `invalid` and
        `invalid_last`: key -> what was typed that is not a number, kept (and saved) as typed
        until it is fixed; shared with the other groups like `values`."""
        self.form, self.group = form, group
        self.values, self.notes, self.last_year = values, notes, last_year
        self.typed_last_year = typed_last_year if typed_last_year is not None else {}
        self.invalid: dict[tuple[str, str], str] = {} if invalid is None else invalid
        self.invalid_last: dict[tuple[str, str], str] = {} if invalid_last is None \
            else invalid_last
        self.rows: list[tuple[str, str]] = group_keys(form, group.id)
        super().__init__(len(self.rows), parent)
        self.setHorizontalHeaderLabels(HEADERS)
        self.verticalHeader().setVisible(False)
        # The columns from their content, never wider than the pane: units and last year's
        # figure as wide as they are, «Kỳ này» as wide as a large number, «Ghi chú» and «Kiểm
        # tra» a share of what is left (set again when the pane's width changes, see _fit), the
        # label the rest, wrapped. Fixed widths (120 + 170 + …) left the label 95 pixels at
        # 125 %: seven lines a label, and «Kiểm tra» behind a sideways scroll bar.
        header = self.horizontalHeader()
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        for column in (UNIT, LAST):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (VALUE, NOTE, CHECK):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(VALUE, max(self.fontMetrics().horizontalAdvance(VALUE_ROOM) + 16,
                                       self._title_width(VALUE)))
        self._shared_for = -1  # the viewport width the shares were last set for
        self.setWordWrap(True)
        self.undo_stack: list[tuple[int, int, str]] = []  # (row, column, text before)
        self.redo_stack: list[tuple[int, int, str]] = []  # (row, column, text undone)
        self._committed: dict[tuple[int, int], str] = {}
        self._loading = True
        for row, key in enumerate(self.rows):
            self._fill_row(row, key)
        self._loading = False
        self._committed = {(r, c): self.item(r, c).text() for r in range(len(self.rows))
                           for c in (VALUE, LAST, NOTE)}
        self.refresh_checks()
        self.itemChanged.connect(self._on_item_changed)
        # wrapped labels need their row heights measured at the width they are shown at: on
        # show, on every resize and when a column is dragged, not only after an edit
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit)
        header.sectionResized.connect(lambda *_: self._fit_timer.start())
        self.resizeRowsToContents()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()  # shown at once with its columns shared and rows fitted
        self._fit_timer.start()  # and again once the header has stretched the label

    def _title_width(self, column: int) -> int:
        """The widest line of a column's title, with the header's padding."""
        metrics = self.horizontalHeader().fontMetrics()
        return max(metrics.horizontalAdvance(line) for line in HEADERS[column].split("\n")) + 16

    def _fit(self) -> None:
        width = self.viewport().width()
        if width != self._shared_for:  # only then: a column the user dragged keeps its width
            self._shared_for = width
            spare = width - sum(self.columnWidth(c) for c in (UNIT, VALUE, LAST))
            for column, share in ((NOTE, NOTE_SHARE), (CHECK, CHECK_SHARE)):
                self.setColumnWidth(column, max(self._title_width(column), int(spare * share)))
        self.resizeRowsToContents()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def _fixed(self, text: str, align=Qt.AlignmentFlag.AlignLeft) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _fill_row(self, row: int, key: tuple[str, str]) -> None:
        indicator = self.form.indicator(key[0])
        member = indicator.breakdown.member(key[1]) if key[1] else None
        label = self._fixed(f"    – {member.label}" if member else indicator.label)
        if member is None:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        label.setToolTip(indicator.help or indicator.label)
        self.setItem(row, LABEL, label)
        self.setItem(row, UNIT, self._fixed(indicator.unit, Qt.AlignmentFlag.AlignCenter))
        decimals = 2 if indicator.kind == "rate" else 0
        value = QTableWidgetItem(self.invalid[key] if key in self.invalid else
                                 format_number(self.values.get(key), decimals)
                                 if key in self.values else "")
        value.setData(KEY_ROLE, key)
        value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        value.setBackground(INPUT_BRUSH)
        value.setToolTip("Số nguyên không âm, ví dụ 3800 hoặc 3.800" if indicator.kind == "count"
                         else "Tỷ lệ từ 0 đến 100, ví dụ 85,5")
        self.setItem(row, VALUE, value)
        if key in self.last_year:
            self.setItem(row, LAST, self._fixed(format_number(self.last_year[key], decimals),
                                                Qt.AlignmentFlag.AlignRight))
        else:  # no report of last year here: typed by hand, and shown to be
            last = QTableWidgetItem(self.invalid_last[key] if key in self.invalid_last else
                                    format_number(self.typed_last_year[key], decimals)
                                    if key in self.typed_last_year else "")
            last.setData(KEY_ROLE, key)
            last.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            last.setBackground(INPUT_BRUSH)
            last.setForeground(TYPED_BRUSH)
            font = last.font()
            font.setItalic(True)
            last.setFont(font)
            last.setToolTip("Chưa có báo cáo cùng kỳ năm trước trong máy: gõ số vào đây (ghi là "
                            "số gõ tay, gửi kèm báo cáo)")
            self.setItem(row, LAST, last)
        if member is None:
            note = QTableWidgetItem(self.notes.get(indicator.id, ""))
            note.setBackground(INPUT_BRUSH)
            note.setData(KEY_ROLE, key)
        else:
            note = self._fixed("")
        self.setItem(row, NOTE, note)
        self.setItem(row, CHECK, self._fixed(""))

    # --- editing ---------------------------------------------------------------------------
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        key = item.data(KEY_ROLE)
        if key is None:
            return
        place = (item.row(), item.column())
        before = self._committed.get(place, "")
        if before == item.text():
            return
        if not self._undoing:
            self.undo_stack.append((*place, before))
            self.redo_stack.clear()
        if item.column() == NOTE:
            text = item.text().strip()
            if text:
                self.notes[key[0]] = text
            else:
                self.notes.pop(key[0], None)
        elif item.column() == VALUE:
            self._take_value(item, key)
        elif item.column() == LAST:
            self._take_value(item, key, self.typed_last_year, self.invalid_last)
        self._committed[place] = item.text()
        self.refresh_checks()
        self.changed.emit()

    _undoing = False

    def undo(self) -> bool:
        """Put back the cell changed last. False when there is nothing to undo."""
        return self._swap(self.undo_stack, self.redo_stack)

    def redo(self) -> bool:
        """Make again the change undone last. False when there is nothing to redo."""
        return self._swap(self.redo_stack, self.undo_stack)

    def _swap(self, source: list, target: list) -> bool:
        if not source:
            return False
        row, column, text = source.pop()
        target.append((row, column, self._committed.get((row, column), "")))
        self._undoing = True
        self.item(row, column).setText(text)
        self._undoing = False
        self.setCurrentCell(row, column)
        return True

    def _take_value(self, item: QTableWidgetItem, key, values=None, invalid=None) -> None:
        values = self.values if values is None else values
        invalid = self.invalid if invalid is None else invalid
        text = item.text().strip()
        indicator = self.form.indicator(key[0])
        invalid.pop(key, None)
        if not text:
            values.pop(key, None)
            return
        try:
            number = parse_number(text)
        except ValueError:
            values.pop(key, None)
            invalid[key] = text
            return
        if check_value(indicator.kind, number):
            values.pop(key, None)
            invalid[key] = text
            return
        values[key] = number
        shown = format_number(number, 2 if indicator.kind == "rate" else 0)
        if shown != text:  # the cell has been left: now it may show 3.800
            self._loading = True
            item.setText(shown)
            self._loading = False

    def add_note(self, indicator_id: str, text: str) -> None:
        """Append `text` to an indicator's note (as typed in its "Ghi chú" cell: undoable)."""
        key = (indicator_id, TOTAL)
        if key not in self.rows:
            return
        item = self.item(self.rows.index(key), NOTE)
        current = item.text().strip()
        if text in current:
            return
        item.setText(f"{current} — {text}" if current else text)

    # --- checks ------------------------------------------------------------------------------
    def problems(self) -> list[tuple[str, str, tuple[str, str]]]:
        """(severity, message, key) for every problem in this group."""
        return group_problems(self.form, self.group.id, self.values, self.invalid,
                              self.invalid_last)

    def refresh_checks(self) -> None:
        self._loading = True
        marks = {key: (severity, message) for severity, message, key in self.problems()}
        for row, key in enumerate(self.rows):
            mark = marks.get(key)
            check = self.item(row, CHECK)
            brush = QBrush() if mark is None else (ERROR_BRUSH if mark[0] == "error"
                                                   else WARNING_BRUSH)
            for column in (LABEL, UNIT, LAST, CHECK):
                cell = self.item(row, column)
                if cell.flags() & Qt.ItemFlag.ItemIsEditable:
                    cell.setBackground(INPUT_BRUSH if mark is None else brush)
                else:
                    cell.setBackground(brush)
            check.setText("" if mark is None else ("✗ " if mark[0] == "error" else "⚠ ")
                          + mark[1].split(": ", 1)[-1])
            check.setToolTip("" if mark is None else mark[1])
        self._loading = False
        self.resizeRowsToContents()

    def select_first_value(self) -> None:
        """«Kỳ này» of the first row current, where typed digits go."""
        self.setCurrentCell(0, VALUE)

    def focus_key(self, key) -> None:
        if key in self.rows:
            self.setCurrentCell(self.rows.index(key), VALUE)
            self.setFocus()
