"""First start: who uses this copy (a member agency, or the secretariat), which agency, and its
letterhead. Shown inside the main window, not as a dialog; everything can be changed later in
Công cụ › Thiết lập.

Nothing is guessed: the agency is picked from the member list the secretariat's request
package brings (importable here), else from the usual list shipped in resources/, else typed;
fields that depend on the province start empty with an example shown, never stored.

A database may hold settings before its first start in the window (`ttdn demo`, `ttdn settings
set`, a restored backup): those are shown as they are, the role's usual wording fills only what
the database does not hold, and saving writes only what differs from what is stored."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QRadioButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ttdn_desktop.core.docformat import PARTY, STATE, Letterhead
from ttdn_desktop.core.periods import format_date
from ttdn_desktop.core.settings import LETTERHEAD, letterhead_from
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.form_parts import error_line
from ttdn_desktop.ui.ops import setup
from ttdn_desktop.ui.settings_form import LetterheadForm
from ttdn_desktop.core.role import Role

NEW_AGENCY = "__new__"
# what must be filled before the first report can be printed right
REQUIRED = ("superior_body", "issuing_body", "place")


def blank_letterhead(role: Role, code: str = "", name: str = "") -> Letterhead:
    """The starting letterhead: the layout's usual wording, no province, no person."""
    if role == Role.AGENCY:
        return replace(Letterhead(), layout=STATE, superior_body="", issuing_body=name.upper(),
                       code=f"BC-{code}" if code else "", place="", signing_capacity="",
                       signer_title="", signer_name="",
                       recipients="Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh (b/c)\nLưu: VT",
                       member_superior_body="")
    return replace(Letterhead(), layout=PARTY, superior_body="", place="", signer_name="",
                   member_superior_body="")


class SetupPage(QWidget):
    finished = Signal()

    def __init__(self, workspace, ops, parent=None, *, members: list, stored: dict,
                 proposed: Role = Role.AGENCY):
        """`members`: the agencies to choose from; `stored`: the letterhead settings the
        database already holds (workspace.setup.stored_letterhead); both read by the worker with
        the page state (ops.setup.PageState). `proposed`: the role checked at first
        (ops.setup.proposed_role)."""
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops
        self.members = members
        self.stored = dict(stored)
        self.request = None       # the request package read here, applied after set-up
        self.request_path = None
        self.imported_lines: list[str] = []
        self.imported: list = []  # the import results of the request chosen
        title = QLabel("<h2>Chào mừng đến với TTĐN Desktop</h2>"
                       "<p>Trước khi bắt đầu, hãy cho biết ai dùng máy này và thông tin in trên "
                       "báo cáo. Có thể sửa lại bất cứ lúc nào trong <i>Công cụ › Thiết lập</i>."
                       "</p>" + ("<p><b>Cơ sở dữ liệu này đã có thông tin in trên báo cáo</b> "
                                 "(đặt từ dòng lệnh, dữ liệu mẫu hoặc bản sao lưu): các mục đã "
                                 "điền dưới đây là thông tin đó, được giữ nguyên nếu bạn không "
                                 "sửa.</p>" if self.stored else ""))
        title.setWordWrap(True)

        self.agency_role = QRadioButton("Cơ quan, đơn vị thành viên: soạn và gửi báo cáo của "
                                        "đơn vị mình")
        self.secretariat_role = QRadioButton("Cơ quan thường trực Ban Chỉ đạo: nhận và tổng hợp "
                                             "báo cáo của các đơn vị")
        self.agency_role.setChecked(True)
        roles = QButtonGroup(self)
        roles.addButton(self.agency_role)
        roles.addButton(self.secretariat_role)
        self.agency_role.toggled.connect(self._role_changed)

        self.request_button = QPushButton("Nhập gói đề nghị báo cáo…")
        self.request_button.setToolTip("Tệp .ttdn cơ quan thường trực gửi qua thư điện tử: "
                                       "mang danh sách đơn vị, kỳ báo cáo và hạn gửi")
        self.request_button.clicked.connect(self.choose_request)
        self.request_info = QLabel("Chưa có gói đề nghị: chọn đơn vị trong danh sách thường "
                                   "gặp, hoặc nhập mã và tên.")
        self.request_info.setWordWrap(True)
        self.agency = QComboBox()
        self.agency.currentIndexChanged.connect(self._agency_changed)
        self.new_code = QLineEdit()
        self.new_code.setPlaceholderText("mã ngắn do cơ quan thường trực đặt")
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("tên đầy đủ của đơn vị")
        self.new_name.editingFinished.connect(self._agency_changed)
        agency_box = QGroupBox("Đơn vị của bạn")
        agency_form = QFormLayout(agency_box)
        request_row = QHBoxLayout()
        request_row.addWidget(self.request_button)
        request_row.addWidget(self.request_info, 1)
        agency_form.addRow(request_row)
        agency_form.addRow("Đơn vị", self.agency)
        agency_form.addRow("Mã đơn vị", self.new_code)
        agency_form.addRow("Tên đơn vị", self.new_name)
        self.agency_box = agency_box
        self.fill_members(self.members)

        self.letterhead = LetterheadForm(blank_letterhead(Role.AGENCY), ops=ops)
        letterhead_box = QGroupBox("Thông tin in trên báo cáo")
        QVBoxLayout(letterhead_box).addWidget(self.letterhead)
        self.error = error_line()
        self.start = QPushButton("Bắt đầu")
        self.start.setDefault(True)
        self.start.clicked.connect(self.finish)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(title)
        layout.addWidget(self.agency_role)
        layout.addWidget(self.secretariat_role)
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
        if proposed == Role.SECRETARIAT:
            self.secretariat_role.setChecked(True)

    # --- the member list --------------------------------------------------------------------------
    def fill_members(self, members, chosen: str | None = None) -> None:
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem("— Chọn đơn vị —", None)
        for code, name in members:
            self.agency.addItem(f"{name} ({code})", code)
        self.agency.addItem("— Đơn vị khác, chưa có trong danh sách: nhập mã và tên —",
                            NEW_AGENCY)
        index = self.agency.findData(chosen) if chosen else 0
        self.agency.setCurrentIndex(max(0, index))
        self.agency.blockSignals(False)
        self._agency_changed()

    def choose_request(self) -> None:
        path = filedialogs.open_file(self, "Chọn gói đề nghị báo cáo", "Gói TTĐN (*.ttdn)",
                                     self.workspace, "import")
        if path:
            self.use_request(path)

    def use_request(self, path) -> None:
        """Read a request package (in the worker): its members fill the list, the agency it is
        addressed to is chosen. It is imported (dates, the report for its period) once set-up
        is done."""
        path = str(path)
        self.ops.run(setup.read_request(path), on_done=lambda request: self._read(path, request),
                     on_error=self.error.setText)

    def _read(self, path: str, request) -> None:
        self.request, self.request_path = request, path
        self.error.setText("")
        members = request.members or self.members
        if request.agency_code and request.agency_code not in [m[0] for m in members]:
            members = [(request.agency_code, request.agency_name or request.agency_code)] + \
                members
        self.fill_members(members, request.agency_code)
        who = f" của {request.issuer}" if request.issuer else ""
        listed = f"{len(request.members)} đơn vị thành viên" if request.members else \
            "gói không kèm danh sách đơn vị"
        self.request_info.setText(f"Đã đọc gói đề nghị báo cáo {request.period.label}{who}: "
                                  f"hạn gửi {format_date(request.deadline)}; {listed}.")

    # --- choices ------------------------------------------------------------------------------------
    def _role_changed(self) -> None:
        self.agency_box.setEnabled(self.agency_role.isChecked())
        if self.secretariat_role.isChecked():
            self._show(blank_letterhead(Role.SECRETARIAT))
        else:
            self._agency_changed()

    def _agency_code_and_name(self) -> tuple[str, str]:
        code = self.agency.currentData()
        if code == NEW_AGENCY:
            return self.new_code.text().strip().upper(), self.new_name.text().strip()
        if not code:
            return "", ""
        name = self.agency.currentText().rsplit(" (", 1)[0]
        return code, name

    def _agency_changed(self) -> None:
        new = self.agency.currentData() == NEW_AGENCY
        self.new_code.setEnabled(new)
        self.new_name.setEnabled(new)
        if not hasattr(self, "letterhead") or not self.agency_role.isChecked():
            return
        code, name = self._agency_code_and_name()
        kept = self.letterhead.raw_values()
        # what the user typed in province-wide fields stays when another agency is picked
        self._show(blank_letterhead(Role.AGENCY, code, name),
                   {k: kept[k] for k in ("superior_body", "place", "signer_title",
                                         "signer_name") if kept.get(k)})

    def _show(self, fresh: Letterhead, typed: dict | None = None) -> None:
        """The role's usual wording under what the database holds, under what was typed."""
        self.letterhead.set_values(letterhead_from({**self.stored, **(typed or {})}, fresh))

    def finish(self) -> None:
        role = Role.AGENCY if self.agency_role.isChecked() else Role.SECRETARIAT
        code, name = self._agency_code_and_name() if role == Role.AGENCY else (None, None)
        if role == Role.AGENCY and not code:
            self.error.setText("Hãy chọn đơn vị của bạn trong danh sách, hoặc chọn «Đơn vị "
                               "khác» và nhập mã, tên.")
            return
        values = self.letterhead.checked_values()
        if values is None:
            return
        missing = [LETTERHEAD[key].label for key in REQUIRED if not values.get(key)]
        if missing:
            self.error.setText("Hãy điền: " + ", ".join(f"«{m}»" for m in missing) + ".")
            return
        request_path = self.request_path
        # a setting the database holds is written only if it was changed here: saving the
        # page never blanks what it was given
        changed = {key: value for key, value in values.items()
                   if key not in self.stored or self.stored[key] != value}

        self.start.setEnabled(False)
        self.ops.run(setup.set_up(role, changed, code, name, request_path),
                     on_done=self._set_up, on_error=self._refused)

    def _refused(self, message: str) -> None:
        self.start.setEnabled(True)
        self.error.setText(message)

    def _set_up(self, imported: list) -> None:
        self.imported = imported  # a request refused for its new form is asked about next
        self.imported_lines = [r.line() for r in imported]
        self.finished.emit()
