"""The dialog of an unexpected error: a Vietnamese sentence, the details to copy for support,
the log's folder (ui/errors.py shows it, wherever the error happened)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout)

from ttdn_desktop import APP_NAME
from ttdn_desktop.ui.screen_fit import fit_size
from ttdn_desktop.util.crashlog import log_dir, log_path


class ErrorDialog(QDialog):
    def __init__(self, summary: str, text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} — Lỗi không mong đợi")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = QLabel(
            f"<b>Đã xảy ra lỗi không mong đợi</b> ({summary}).<br/>Thao tác vừa làm có thể chưa "
            "hoàn tất; dữ liệu đã lưu không bị ảnh hưởng. Nếu lỗi lặp lại, hãy gửi chi tiết dưới "
            f"đây (hoặc tệp nhật ký «{log_path()}») cho bộ phận hỗ trợ.")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(text)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        self.copy_button = QPushButton("Sao chép chi tiết")
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        folder = QPushButton("Mở thư mục nhật ký")
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))))
        buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        fit_size(self, 720, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.message.text()}\n\n{self.details.toPlainText()}")
        self.copy_button.setText("Đã sao chép")
