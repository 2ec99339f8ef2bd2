"""Before a package with figures that do not add up is sent: say which, and let the official
go back to fix them or send anyway with a note that explains (carried as the indicators'
"Ghi chú", so the secretariat reads it beside the figures)."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout)


class MismatchDialog(QDialog):
    def __init__(self, problems, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Số liệu chưa khớp")
        self.setMinimumWidth(560)
        items = "".join(f"<li>{p.message}</li>" for p in problems)
        intro = QLabel(f"<b>Các thành phần không cộng lại bằng số tổng ở {len(problems)} chỉ "
                       f"tiêu:</b><ul>{items}</ul>Có thể quay lại sửa, hoặc vẫn gửi và ghi vài "
                       "dòng giải thích (ghi chú này đi kèm số liệu đến cơ quan thường trực).")
        intro.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Ví dụ: số tổng gồm cả 100 ấn phẩm tiếng Pháp, chưa có "
                                     "trong các thành phần.")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.error = QLabel()
        self.error.setStyleSheet("color:#B02A37")
        buttons = QDialogButtonBox()
        self.fix_button = QPushButton("Quay lại sửa")
        self.send_button = QPushButton("Vẫn gửi, kèm ghi chú")
        buttons.addButton(self.fix_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.fix_button.setDefault(True)
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("Ghi chú gửi kèm:"))
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def note_text(self) -> str:
        return " ".join(self.note.toPlainText().split())

    def send(self) -> None:
        if not self.note_text():
            self.error.setText("Hãy ghi vài dòng giải thích vì sao số liệu chưa khớp.")
            self.note.setFocus()
            return
        self.accept()
