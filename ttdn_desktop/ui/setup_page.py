"""First start: who uses this copy (a member agency, or the secretariat), which agency, and its
letterhead. Shown inside the main window, not as a dialog; everything can be changed later in
Settings."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QRadioButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ttdn_desktop.core.docformat import STATE, Letterhead
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.ui.settings_form import LetterheadForm
from ttdn_desktop.workspace import AGENCY, SECRETARIAT

NEW_AGENCY = "__new__"


class SetupPage(QWidget):
    finished = Signal()

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        title = QLabel("<h2>Chào mừng đến với TTĐN Desktop</h2>"
                       "<p>Trước khi bắt đầu, hãy cho biết ai dùng máy này và thông tin in trên "
                       "báo cáo. Có thể sửa lại bất cứ lúc nào trong <i>Công cụ › Thiết lập</i>."
                       "</p>")
        title.setWordWrap(True)

        self.agency_mode = QRadioButton("Cơ quan, đơn vị thành viên: soạn và gửi báo cáo của "
                                        "đơn vị mình")
        self.secretariat_mode = QRadioButton("Cơ quan thường trực Ban Chỉ đạo: nhận và tổng hợp "
                                             "báo cáo của các đơn vị")
        self.agency_mode.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.agency_mode)
        modes.addButton(self.secretariat_mode)
        self.agency_mode.toggled.connect(self._mode_changed)

        self.agency = QComboBox()
        for row in workspace.agencies(include_retired=False):
            self.agency.addItem(f"{row['name']} ({row['code']})", row["code"])
        self.agency.addItem("— Đơn vị chưa có trong danh sách: nhập mới —", NEW_AGENCY)
        self.agency.currentIndexChanged.connect(self._agency_changed)
        self.new_code = QLineEdit()
        self.new_code.setPlaceholderText("ví dụ SNGV")
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("ví dụ Sở Ngoại vụ")
        self.new_name.editingFinished.connect(self._agency_changed)
        agency_box = QGroupBox("Đơn vị của bạn")
        agency_form = QFormLayout(agency_box)
        agency_form.addRow("Đơn vị", self.agency)
        agency_form.addRow("Mã đơn vị mới", self.new_code)
        agency_form.addRow("Tên đơn vị mới", self.new_name)
        self.agency_box = agency_box

        self.letterhead = LetterheadForm(workspace.letterhead())
        letterhead_box = QGroupBox("Thông tin in trên báo cáo")
        QVBoxLayout(letterhead_box).addWidget(self.letterhead)
        self.error = QLabel()
        self.error.setStyleSheet("color:#B02A37")
        self.start = QPushButton("Bắt đầu")
        self.start.setDefault(True)
        self.start.clicked.connect(self.finish)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(title)
        layout.addWidget(self.agency_mode)
        layout.addWidget(self.secretariat_mode)
        layout.addWidget(agency_box)
        layout.addWidget(letterhead_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        # the button stays in sight below the scrolled form, whatever the screen's height
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.start)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        self._agency_changed()

    def _mode_changed(self) -> None:
        self.agency_box.setEnabled(self.agency_mode.isChecked())
        if self.secretariat_mode.isChecked():
            self.letterhead.set_values(Letterhead())
        else:
            self._agency_changed()

    def _agency_code_and_name(self) -> tuple[str, str]:
        code = self.agency.currentData()
        if code == NEW_AGENCY:
            return self.new_code.text().strip().upper(), self.new_name.text().strip()
        name = self.agency.currentText().rsplit(" (", 1)[0]
        return code, name

    def _agency_changed(self) -> None:
        new = self.agency.currentData() == NEW_AGENCY
        self.new_code.setEnabled(new)
        self.new_name.setEnabled(new)
        if not self.agency_mode.isChecked():
            return
        code, name = self._agency_code_and_name()
        defaults = Letterhead()
        self.letterhead.set_values(replace(
            defaults, layout=STATE, superior_body=defaults.member_superior_body,
            issuing_body=name.upper(), code=f"BC-{code}" if code else "BC-",
            signing_capacity="", signer_title="GIÁM ĐỐC", signer_name="",
            recipients="Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh (b/c)\nLưu: VT"))

    def finish(self) -> None:
        values = self.letterhead.checked_values()
        if values is None:
            return
        mode = AGENCY if self.agency_mode.isChecked() else SECRETARIAT
        code, name = self._agency_code_and_name() if mode == AGENCY else (None, None)
        try:
            self.workspace.set_up(mode, values, code, name)
        except TTDNError as error:
            self.error.setText(error.message)
            return
        self.finished.emit()
