"""The letterhead settings as a form, built from their declarations (core.settings: each
field's kind gives its input, its label and meaning are shown), used by the first-start setup
and by the Settings dialog."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QRadioButton,
                               QScrollArea, QVBoxLayout, QWidget)

from ttdn_desktop.core.docformat import (DEFAULT_MARGINS_MM, PARTY, STATE, Letterhead,
                                         convert_layout, layout_problems)
from ttdn_desktop.core.settings import DAY, FILE, LAYOUT, LETTERHEAD, letterhead_from
from ttdn_desktop.core.periods import format_date
from ttdn_desktop.ui.date_input import DateInput
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.form_parts import error_line
from ttdn_desktop.ui.ops.settings import CurrentSettings, margins_of, save_settings
from ttdn_desktop.ui.screen_fit import fit_size
from ttdn_desktop.core.role import Role

# examples shown in empty fields: never stored, so nothing is assumed about the province
PLACEHOLDERS = {
    "superior_body": "ví dụ: UBND TỈNH QUẢNG NINH, hoặc ĐẢNG BỘ TỈNH QUẢNG NINH",
    "issuing_body": "ví dụ: SỞ NGOẠI VỤ",
    "number": "để trống cho văn thư điền khi đăng ký",
    "code": "ví dụ: BC-SNGV",
    "place": "ví dụ: Quảng Ninh",
    "signing_capacity": "ví dụ: KT. GIÁM ĐỐC (để trống nếu thủ trưởng ký)",
    "signer_title": "ví dụ: GIÁM ĐỐC",
    "signer_name": "họ và tên người ký",
    "member_superior_body": "ví dụ: UBND TỈNH QUẢNG NINH",
    "template": "để trống: dùng mẫu kèm chương trình",
}
LAYOUT_CHOICES = ((STATE, "Nhà nước — Nghị định 30/2020/NĐ-CP"),
                  (PARTY, "Đảng — Hướng dẫn 36-HD/VPTW"))
SIDES = ("top", "bottom", "left", "right")


class LetterheadForm(QWidget):
    changed = Signal()

    def __init__(self, letterhead: Letterhead, parent=None, *, ops,
                 read: tuple[str, dict | None] | None = None):
        """`read`: (template, its margins or None if it cannot be read) as the caller read them
        (ops.settings.template_margins); another template's margins are read by `ops`, in the
        worker."""
        super().__init__(parent)
        self.ops = ops
        self.inputs: dict[str, QWidget] = {}
        # (template, its margins) as last read; no template: the shipped one's
        self._margins_of = read or ("", dict(DEFAULT_MARGINS_MM))
        self.error = error_line()
        layout = QFormLayout(self)
        for key, setting in LETTERHEAD.items():
            if setting.kind == LAYOUT:
                widget = QComboBox()
                for value, text in LAYOUT_CHOICES:
                    widget.addItem(text, value)
                widget.currentIndexChanged.connect(self.changed)
                widget.activated.connect(self._layout_chosen)
            elif setting.multiline:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(64 if key != "recipients" else 96)
                widget.textChanged.connect(self.changed)
            elif setting.kind == DAY:
                widget = DateInput(allow_empty=True)
                widget.setPlaceholderText("ví dụ 15/07/2021; để trống: ngày xuất báo cáo")
                widget.textChanged.connect(self.changed)
                widget.problem.connect(self.error.setText)
            else:
                widget = QLineEdit()
                widget.textChanged.connect(self.changed)
            if setting.kind != DAY:
                widget.setToolTip(setting.meaning)
            if key in PLACEHOLDERS and hasattr(widget, "setPlaceholderText"):
                widget.setPlaceholderText(PLACEHOLDERS[key])
            self.inputs[key] = widget
            if setting.kind == FILE:
                row = QWidget()
                row_layout = QHBoxLayout(row)
                row_layout.setContentsMargins(0, 0, 0, 0)
                row_layout.addWidget(widget, 1)
                browse = QPushButton("Chọn…")
                browse.clicked.connect(self._choose_template)
                row_layout.addWidget(browse)
                layout.addRow(setting.label, row)
            else:
                layout.addRow(setting.label, widget)
        layout.addRow(self.error)
        self.problems = QLabel()
        self.problems.setStyleSheet("color:#8A5A00")
        self.problems.setWordWrap(True)
        layout.addRow(self.problems)
        self.inputs["template"].editingFinished.connect(self._show_margin_defaults)
        self.set_values(letterhead)
        self.changed.connect(self._show_problems)
        self._show_problems()

    def current(self) -> Letterhead:
        """What the form holds, as a letterhead (values that do not check keep the defaults)."""
        return letterhead_from(self.raw_values())

    def _layout_chosen(self) -> None:
        """The user picked a layout: the code's separator and the signing capacity follow it
        (BC-UBND / BC/BTGTU; KT. / K/T)."""
        converted = convert_layout(self.current(), self.inputs["layout"].currentData())
        for key in ("code", "signing_capacity"):
            widget = self.inputs[key]
            value = getattr(converted, key)
            text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            if text.strip() and text != value:
                if isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(value)
                else:
                    widget.setText(value)

    def _show_problems(self) -> None:
        problems = layout_problems(self.current())
        self.problems.setText("".join(f"⚠ {p}<br/>" for p in problems))
        self.problems.setVisible(bool(problems))

    def _choose_template(self) -> None:
        path = filedialogs.open_file(self, "Chọn mẫu Word", "Word (*.docx)")
        if path:
            self.inputs["template"].setText(path)
            self._show_margin_defaults()

    def _show_margin_defaults(self) -> None:
        """An empty margin shows the one that applies: the Word template's, read in the worker
        when the template is one not read yet (shown once it is)."""
        template = self.inputs["template"].text().strip()
        if self._margins_of[0] == template:
            self._put_margins(template, self._margins_of[1])
            return
        for side in SIDES:
            self.inputs[f"margin_{side}"].setPlaceholderText("đang đọc lề của mẫu Word…")
        self.ops.run(margins_of(template),
                     on_done=lambda margins: self._margins_read(template, margins))

    def _margins_read(self, template: str, margins: dict | None) -> None:
        self._margins_of = (template, margins)
        if self.inputs["template"].text().strip() == template:  # else another is being read
            self._put_margins(template, margins)

    def _put_margins(self, template: str, margins: dict | None) -> None:
        whose = "mẫu Word đã chọn" if template else "mẫu Word kèm chương trình"
        for side in SIDES:
            self.inputs[f"margin_{side}"].setPlaceholderText(
                f"{margins[side]:g} mm — theo {whose}" if margins else f"để trống: theo {whose}")

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
        self._show_margin_defaults()

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
                checked[key] = LETTERHEAD[key].check(value)
            except TTDNError as error:
                self.error.setText(error.message)
                self.inputs[key].setFocus()
                return None
        self.error.setText("")
        return checked


class RoleForm(QWidget):
    """Who uses this database, and which agency: changeable after the first start."""

    def __init__(self, current: CurrentSettings, parent=None):
        super().__init__(parent)
        self.current = current
        self.agency_role = QRadioButton("Cơ quan, đơn vị thành viên")
        self.secretariat_role = QRadioButton("Cơ quan thường trực Ban Chỉ đạo (tổng hợp)")
        agency = current.role == Role.AGENCY
        (self.agency_role if agency else self.secretariat_role).setChecked(True)
        self.agency = QComboBox()
        for code, name in current.agencies:
            self.agency.addItem(f"{name} ({code})", code)
        self.agency.addItem("— Đơn vị khác: nhập mã và tên —", "__new__")
        own = current.own_agency
        self.agency.setCurrentIndex(max(0, self.agency.findData(own)) if own else 0)
        self.new_code = QLineEdit()
        self.new_name = QLineEdit()
        self.agency.currentIndexChanged.connect(self._sync)
        self.agency_role.toggled.connect(self._sync)
        layout = QFormLayout(self)
        layout.addRow(self.agency_role)
        layout.addRow(self.secretariat_role)
        layout.addRow("Đơn vị", self.agency)
        layout.addRow("Mã đơn vị mới", self.new_code)
        layout.addRow("Tên đơn vị mới", self.new_name)
        self._sync()

    def _sync(self) -> None:
        agency = self.agency_role.isChecked()
        self.agency.setEnabled(agency)
        new = agency and self.agency.currentData() == "__new__"
        self.new_code.setEnabled(new)
        self.new_name.setEnabled(new)

    def chosen(self) -> tuple[Role, str | None, str | None]:
        if not self.agency_role.isChecked():
            return Role.SECRETARIAT, None, None
        code = self.agency.currentData()
        if code == "__new__":
            return Role.AGENCY, self.new_code.text().strip().upper(), self.new_name.text().strip()
        return Role.AGENCY, code, None

    def changed(self) -> bool:
        role, code, _ = self.chosen()
        return role != self.current.role or (code or None) != (self.current.own_agency or None)


class SettingsDialog(QDialog):
    """Công cụ › Thiết lập: who uses this copy and the letterhead, opened window-modal with
    open(): nothing waits on it. `role_changed` when the role or the agency changed.

    What it shows was read by the worker (`current`: ops.settings.current_settings) and what
    is saved is written by the worker (`ops`)."""

    role_changed = Signal()

    def __init__(self, workspace, parent=None, *, ops, current: CurrentSettings):
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops
        self.setWindowTitle("Thiết lập")
        self.role = RoleForm(current)
        role_box = QGroupBox("Ai dùng máy này")
        QVBoxLayout(role_box).addWidget(self.role)
        self.form = LetterheadForm(current.letterhead, ops=ops,
                                   read=(current.letterhead.template, current.margins))
        letterhead_box = QGroupBox("Thông tin in trên báo cáo")
        QVBoxLayout(letterhead_box).addWidget(self.form)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(role_box)
        content_layout.addWidget(letterhead_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self.error = error_line()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_size(self, 680, 680)

    def save(self) -> None:
        values = self.form.checked_values()
        if values is None:
            return
        role_changed = self.role.changed()
        self.ops.run(save_settings(self.role.chosen() if role_changed else None, values),
                     on_done=lambda _: self._saved(role_changed),
                     on_error=self.error.setText, source=self)

    def _saved(self, role_changed: bool) -> None:
        self.accept()
        if role_changed:
            self.role_changed.emit()
