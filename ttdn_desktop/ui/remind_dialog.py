"""The reminders to review before they go (issue 25, point 4): each member that has not
reported, reported late or was asked for changes, with its address and when it was last
reminded; the secretariat unticks whom not to remind, then sends. A member without an address
is shown, unticked and untickable, with where to give one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from ttdn_desktop.core.periods import format_stamp

HEADERS = ("Nhắc", "Mã", "Đơn vị", "Tình trạng", "Địa chỉ thư", "Nhắc lần trước")
NO_ADDRESS = "(chưa có: đặt trong trang Đơn vị thành viên)"


class RemindDialog(QDialog):
    send_requested = Signal(list)  # the codes ticked

    def __init__(self, period, reminders, has_server: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Nhắc đơn vị báo cáo — {period.label}")
        self.setMinimumWidth(820)
        self.reminders = reminders
        self.has_server = has_server
        intro = QLabel(f"<b>{len(reminders)}</b> đơn vị chưa nộp, nộp muộn hoặc cần bổ sung "
                       f"báo cáo {period.label}. Mỗi đơn vị được chọn nhận một thư kèm gói đề "
                       "nghị báo cáo; các thư gửi cách nhau vài giây. Bỏ chọn đơn vị không cần "
                       "nhắc." if reminders else
                       f"Mọi đơn vị đã nộp báo cáo {period.label}: không có ai cần nhắc.")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(reminders), len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for row, reminder in enumerate(reminders):
            tick = QTableWidgetItem()
            if reminder.email:
                tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                tick.setCheckState(Qt.CheckState.Checked)
            else:
                tick.setFlags(Qt.ItemFlag.NoItemFlags)
                tick.setCheckState(Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, reminder.code)
            self.table.setItem(row, 0, tick)
            for column, text in enumerate((reminder.code, reminder.name, reminder.reason,
                                           reminder.email or NO_ADDRESS,
                                           format_stamp(reminder.last_reminded)), start=1):
                item = QTableWidgetItem(text)
                if column == 4 and not reminder.email:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._count)
        self.buttons = QDialogButtonBox()
        self.send_button = QPushButton()
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._send)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._count()

    def chosen(self) -> list[str]:
        return [self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
                for row in range(self.table.rowCount())
                if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    def _count(self, *_args) -> None:
        count = len(self.chosen())
        self.send_button.setText(f"Gửi thư nhắc ({count})")
        self.send_button.setEnabled(count > 0)

    def _send(self) -> None:
        codes = self.chosen()
        self.accept()
        self.send_requested.emit(codes)
