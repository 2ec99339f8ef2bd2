"""The secretariat's view: periods on the left, the selected period's agencies and their state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHeaderView, QLabel, QListWidget, QListWidgetItem, QSplitter,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ttdn_desktop.core.periods import Period, format_date
from ttdn_desktop.storage.periods import known_periods


class SecretariatView(QWidget):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.status = QLabel()

        self.periods = QListWidget()
        self.periods.currentItemChanged.connect(self._show_period)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Mã", "Đơn vị", "Tình trạng", "Lần gửi"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(self.periods)
        splitter.addWidget(right)
        splitter.setSizes([220, 880])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(splitter)
        self._load_periods()

    def _load_periods(self) -> None:
        periods = known_periods(self.workspace.db)
        for period in periods:
            item = QListWidgetItem(period.label)
            item.setData(Qt.UserRole, period.code)
            self.periods.addItem(item)
        if periods:
            self.periods.setCurrentRow(0)
        else:
            self.heading.setText("Chưa có kỳ báo cáo nào. Nhập gói báo cáo của các đơn vị bằng "
                                 "lệnh «ttdn import», hoặc tạo dữ liệu dùng thử bằng «ttdn demo».")
        self.status.setText(f"{len(self.workspace.agencies())} đơn vị thành viên")

    def _show_period(self, item) -> None:
        if item is None:
            return
        period = Period.parse(item.data(Qt.UserRole))
        consolidation = self.workspace.consolidation(period)
        counts = consolidation.status_counts()
        reported = counts["on_time"] + counts["late"]
        self.heading.setText(
            f"<b>{period.label}</b> — hạn gửi {format_date(consolidation.deadline)}: "
            f"{reported}/{len(consolidation.statuses)} đơn vị đã nộp, {counts['late']} nộp muộn, "
            f"{counts['missing']} chưa nộp.")
        self.table.setRowCount(len(consolidation.statuses))
        for row, status in enumerate(consolidation.statuses):
            values = [status.agency.code, status.agency.name, status.label,
                      str(status.revision or "")]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
