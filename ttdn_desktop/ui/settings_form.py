"""The letterhead settings as a form, built from the list of keys (core.docformat), used by the
first-start setup and by the Settings dialog."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from ttdn_desktop.core.docformat import (MULTILINE_KEYS, PARTY, SETTING_HELP, SETTING_LABELS,
                                         STATE, Letterhead, check_setting)
from ttdn_desktop.core.periods import format_date
from ttdn_desktop.ui.date_input import DateInput
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.ui import filedialogs

LABELS = SETTING_LABELS
LAYOUT_CHOICES = ((STATE, "Nhà nước — Nghị định 30/2020/NĐ-CP"),
                  (PARTY, "Đảng — Hướng dẫn 36-HD/VPTW"))


class LetterheadForm(QWidget):
    changed = Signal()

    def __init__(self, letterhead: Letterhead, parent=None):
        super().__init__(parent)
        self.inputs: dict[str, QWidget] = {}
        self.error = QLabel()
        self.error.setStyleSheet("color:#B02A37")
        self.error.setWordWrap(True)
        layout = QFormLayout(self)
        for field in fields(Letterhead):
            key = field.name
            if key == "layout":
                widget = QComboBox()
                for value, text in LAYOUT_CHOICES:
                    widget.addItem(text, value)
                widget.currentIndexChanged.connect(self.changed)
            elif key in MULTILINE_KEYS:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(64 if key != "recipients" else 96)
                widget.textChanged.connect(self.changed)
            elif key == "issued_on":
                widget = DateInput(allow_empty=True)
                widget.setPlaceholderText("ví dụ 15/07/2021; để trống: ngày xuất báo cáo")
                widget.textChanged.connect(self.changed)
                widget.problem.connect(self.error.setText)
            else:
                widget = QLineEdit()
                widget.textChanged.connect(self.changed)
            if key != "issued_on":
                widget.setToolTip(SETTING_HELP[key])
            self.inputs[key] = widget
            if key == "template":
                row = QWidget()
                row_layout = QHBoxLayout(row)
                row_layout.setContentsMargins(0, 0, 0, 0)
                row_layout.addWidget(widget, 1)
                browse = QPushButton("Chọn…")
                browse.clicked.connect(self._choose_template)
                row_layout.addWidget(browse)
                layout.addRow(LABELS[key], row)
            else:
                layout.addRow(LABELS[key], widget)
        layout.addRow(self.error)
        self.set_values(letterhead)

    def _choose_template(self) -> None:
        path = filedialogs.open_file(self, "Chọn mẫu Word", "Word (*.docx)")
        if path:
            self.inputs["template"].setText(path)

    def set_values(self, letterhead: Letterhead) -> None:
        for key, value in asdict(letterhead).items():
            widget = self.inputs[key]
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            elif isinstance(widget, DateInput):
                widget.setText(format_date(date.fromisoformat(value)) if value else "")
            else:
                widget.setText(value)

    def raw_values(self) -> dict[str, str]:
        values = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                values[key] = widget.currentData()
            elif isinstance(widget, QPlainTextEdit):
                values[key] = widget.toPlainText()
            else:
                values[key] = widget.text()
        return values

    def checked_values(self) -> dict[str, str] | None:
        """Every value checked; None (with the reason shown under the form) if one is wrong."""
        checked = {}
        for key, value in self.raw_values().items():
            try:
                checked[key] = check_setting(key, value)
            except TTDNError as error:
                self.error.setText(error.message)
                self.inputs[key].setFocus()
                return None
        self.error.setText("")
        return checked


class SettingsDialog(QDialog):
    """The letterhead settings, opened window-modal with open(): nothing waits on it."""

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Thiết lập thể thức báo cáo")
        self.form = LetterheadForm(workspace.letterhead())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(640, 640)

    def save(self) -> None:
        values = self.form.checked_values()
        if values is None:
            return
        for key, value in values.items():
            self.workspace.set_letterhead_setting(key, value)
        self.accept()
