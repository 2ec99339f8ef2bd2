"""Search every report of every period and agency, with or without accents; a result opens
the agency's report at its section. The search runs in the worker; the field keeps the
keyboard meanwhile, and only the answer to the latest question is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.text import SEARCH_RULE
from ttdn_desktop.ui.ops import reports
from ttdn_desktop.workspace import reports as report_door

HIT_ROLE = Qt.ItemDataRole.UserRole


class SearchView(QWidget):
    open_hit = Signal(str, str, str)  # agency code, period code, section id

    def __init__(self, workspace, ops, parent=None):
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops
        self.period: Period | None = None
        self.asked: tuple | None = None  # the question whose answer is awaited
        self.field = QLineEdit()
        self.field.setPlaceholderText("Tìm trong mọi báo cáo, ví dụ «phản bác» hoặc «phan bac»…")
        self.field.setToolTip(SEARCH_RULE)
        self.field.returnPressed.connect(self.run)
        self.only_period = QCheckBox("Chỉ kỳ đang chọn")
        self.only_period.toggled.connect(self.run)
        self.count = QLabel()
        self.results = QTableWidget(0, 4)
        self.results.setHorizontalHeaderLabels(["Đơn vị", "Kỳ", "Mục", "Đoạn có chữ cần tìm"])
        self.results.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setWordWrap(True)
        self.results.verticalHeader().setVisible(False)
        self.results.cellDoubleClicked.connect(self._open)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.only_period)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)

    def run(self) -> None:
        text = self.field.text()
        period = self.period if self.only_period.isChecked() else None
        self.asked = (text, period)
        if not text.strip():
            self._show(text, period, [])
            return
        self.count.setText("Đang tìm…")
        self.ops.run(reports.search(text, period),
                     on_done=lambda hits: self._show(text, period, hits),
                     on_error=self.count.setText)

    def _show(self, text: str, period, hits) -> None:
        if (text, period) != self.asked:
            return  # asked again meanwhile: that answer follows
        shown = report_door.SEARCH_SHOWN
        more, hits = len(hits) > shown, hits[:shown]
        form = self.workspace.form
        self.results.setRowCount(len(hits))
        for row, hit in enumerate(hits):
            section = form.section(hit.section_id)
            values = (hit.agency_name, Period.parse(hit.period_code).label,
                      section.numbered_heading if section else hit.section_id, hit.snippet)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(HIT_ROLE, (hit.agency_code, hit.period_code, hit.section_id))
                self.results.setItem(row, column, item)
        self.results.resizeColumnsToContents()
        self.results.resizeRowsToContents()
        if more:  # the best of more: said, not told as if they were all
            self.count.setText(f"{shown} kết quả đầu tiên; còn nữa: thêm từ hoặc chọn «Chỉ kỳ "
                               "đang chọn» để thu hẹp.")
        else:
            self.count.setText(f"{len(hits)} kết quả." if text.strip() else "")

    def _open(self, row: int, _column: int) -> None:
        self.open_hit.emit(*self.results.item(row, 0).data(HIT_ROLE))
