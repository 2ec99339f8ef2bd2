"""A damaged database: say so, list the backups in sao-luu/ (newest first, with their dates) and
restore the chosen one. The damaged file is kept beside it, never deleted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QVBoxLayout)

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.workspace.backups import list_backups, restore_backup
from ttdn_desktop.ui.screen_fit import fit_size


class RestoreDialog(QDialog):
    def __init__(self, db_path: Path, message: str, parent=None, title: str | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.kept: Path | None = None
        self.restored = None  # the Backup chosen
        self.setWindowTitle(title or "Cơ sở dữ liệu bị hỏng — khôi phục từ bản sao lưu")
        fit_size(self, 760, 420)
        layout = QVBoxLayout(self)
        text = QLabel(message)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        self.found = list_backups(self.db_path)
        self.list = QListWidget()
        for item in self.found:
            row = QListWidgetItem(item.label())
            row.setToolTip(str(item.path))
            self.list.addItem(row)
        if self.found:
            layout.addWidget(QLabel("Chọn bản sao lưu để khôi phục (mới nhất ở trên cùng). Những "
                                    "gì soạn sau thời điểm sao lưu sẽ cần nhập hoặc soạn lại; "
                                    "tệp hỏng được giữ lại bên cạnh."))
            layout.addWidget(self.list)
            self.list.setCurrentRow(0)
        else:
            layout.addWidget(QLabel(f"Không có bản sao lưu nào trong thư mục "
                                    f"«{self.db_path.parent / 'sao-luu'}». Hãy nhờ bộ phận hỗ "
                                    "trợ, và gửi kèm tệp cơ sở dữ liệu bị hỏng."))
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("Khôi phục bản đã chọn",
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.found))
        self.buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.restore)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _: self.restore())
        layout.addWidget(self.buttons)

    def chosen(self):
        row = self.list.currentRow()
        return self.found[row] if 0 <= row < len(self.found) else None

    def restore(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        try:
            self.kept = restore_backup(self.db_path, chosen.path)
            self.restored = chosen
        except TTDNError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return
        self.accept()
