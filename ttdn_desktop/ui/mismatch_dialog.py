"""Before a report with cells marked ✗ or ⚠ is sent, exported or printed: say which, each named
where it is (figures typed that are not numbers, left out of the file; breakdowns that do not
add up), and let the official go back to fix them or go on. A package with breakdowns that do
not add up is sent only with a note that explains (carried as the indicators' "Ghi chú", so the
secretariat reads it beside the figures); the note given last time is offered again."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout)

from ttdn_desktop.core.validation import ERROR


class MismatchDialog(QDialog):
    def __init__(self, problems, parent=None, what: str = "gửi", with_note: bool = True,
                 previous_note: str = ""):
        """`what`: the verb of the output ("gửi", "xuất", "in"); `with_note`: a note is asked
        for the breakdowns that do not add up (a package), prefilled with `previous_note`."""
        super().__init__(parent)
        self.errors = [p for p in problems if p.severity == ERROR]
        self.mismatches = [p for p in problems if p.severity != ERROR]
        self.with_note = with_note and bool(self.mismatches)
        self.setWindowTitle("Số liệu còn lỗi" if self.errors else "Số liệu chưa khớp")
        self.setMinimumWidth(560)
        parts = []
        if self.errors:
            items = "".join(f"<li>✗ {html.escape(p.message)}</li>" for p in self.errors)
            parts.append(f"<b>{len(self.errors)} ô số liệu gõ sai, chưa phải là số hợp lệ:</b>"
                         f"<ul>{items}</ul>Nếu vẫn {what}, các số đó không có trong "
                         f"{'gói gửi' if what == 'gửi' else 'báo cáo'}; chúng vẫn được giữ "
                         "nguyên trong bảng để sửa sau.")
        if self.mismatches:
            items = "".join(f"<li>⚠ {html.escape(p.message)}</li>" for p in self.mismatches)
            parts.append(f"<b>Các thành phần không cộng lại bằng số tổng ở "
                         f"{len(self.mismatches)} chỉ tiêu:</b><ul>{items}</ul>")
        if self.with_note:
            parts.append(f"Có thể quay lại sửa, hoặc vẫn {what} và ghi vài dòng giải thích "
                         "(ghi chú này đi kèm số liệu đến cơ quan thường trực).")
        else:
            parts.append(f"Có thể quay lại sửa, hoặc vẫn {what}.")
        intro = QLabel("".join(f"<p>{part}</p>" for part in parts))
        intro.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Ví dụ: số tổng gồm cả 100 ấn phẩm tiếng Pháp, chưa có "
                                     "trong các thành phần.")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        if previous_note:  # offered, selected: typing replaces it, Enter keeps it
            self.note.setPlainText(previous_note)
            self.note.selectAll()
        self.error = QLabel()
        self.error.setStyleSheet("color:#B02A37")
        buttons = QDialogButtonBox()
        self.fix_button = QPushButton("Quay lại sửa")
        go_on = f"Vẫn {what}"
        if self.with_note:
            go_on += ", kèm ghi chú"
        elif self.errors:
            go_on += ", bỏ các số gõ sai"
        self.send_button = QPushButton(go_on)
        buttons.addButton(self.fix_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.fix_button.setDefault(True)
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        note_label = QLabel("Ghi chú gửi kèm" + (" (lần trước đã ghi, sửa được):"
                                                 if previous_note else ":"))
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        note_label.setVisible(self.with_note)
        self.note.setVisible(self.with_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # as high as the wrapped list needs at this width: a long list is not cut, and a short
        # one leaves no blank band (the size hint wraps the text at a narrower width)
        layout.activate()
        height = layout.totalHeightForWidth(620)
        self.resize(620, height if height > 0 else self.sizeHint().height())

    def note_text(self) -> str:
        return " ".join(self.note.toPlainText().split())

    def send(self) -> None:
        if self.with_note and not self.note_text():
            self.error.setText("Hãy ghi vài dòng giải thích vì sao số liệu chưa khớp.")
            self.note.setFocus()
            return
        self.accept()
