"""The level above, in the secretariat's window: a bar under the period saying whether the report
sent upward is still current (or «đã thay đổi sau khi gửi lên», with what changed), what the
upper level asked for, and the two actions: send the report upward, pass the request down."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton)

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import format_date
from ttdn_desktop.core.upward import CHANGED_LABEL
from ttdn_desktop.ui.date_input import DateInput
from ttdn_desktop.ui.form_parts import error_line, ok_cancel

SHOWN_CHANGES = 2  # agencies named on the bar; all of them under «Xem thay đổi…» and its tip
COLOURS = {"stale": "#FFF3CD", "current": "#D1E7DD", "none": "#EEF2F6"}


class UpwardBar(QFrame):
    export_requested = Signal()
    forward_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("upwardBar")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.export_button = QPushButton("Gửi lên cấp trên…")
        self.export_button.setToolTip("Ghi gói báo cáo tổng hợp của kỳ để gửi cấp trên qua thư "
                                      "điện tử")
        self.export_button.clicked.connect(self.export_requested)
        self.forward_button = QPushButton("Chuyển đề nghị xuống…")
        self.forward_button.setToolTip("Gửi đề nghị báo cáo của cấp trên cho các đơn vị thành "
                                       "viên, với hạn gửi sớm hơn")
        self.forward_button.clicked.connect(self.forward_requested)
        self.details_button = QPushButton("Xem thay đổi…")
        self.details_button.clicked.connect(self.show_details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.details_button)
        layout.addWidget(self.forward_button)
        layout.addWidget(self.export_button)
        self.state = "none"
        self.changes = []

    def show_status(self, status, request, identity=None) -> None:
        """`status`: core.upward.UpwardStatus; `request`: the request from above, or None;
        `identity`: our name up there. A committee with none of these (the top level) has
        no bar: the actions stay in the File menu."""
        self.setVisible(bool(status.sent is not None or request is not None or identity))
        asked = ""
        if request is not None:
            asked = (f"Cấp trên đề nghị báo cáo, hạn gửi lên <b>{format_date(request.deadline)}"
                     f"</b> (mẫu phiên bản {request.form_version}). ")
        # shown only with a request to pass down (the action stays in the File menu): its
        # width went to the text, three lines high at 1366×768 and 125 % (issue 20)
        self.forward_button.setEnabled(request is not None)
        self.forward_button.setVisible(request is not None)
        changes = status.changes if status.stale else []
        if status.sent is None:
            self.state = "none"
            body = "Chưa gửi báo cáo tổng hợp của kỳ này lên cấp trên."
        elif status.stale:
            self.state = "stale"
            body = (f"⚑ <b>Lần {status.sent.revision}: «{CHANGED_LABEL}»</b> — "
                    f"{escape(summarise(changes))}. Hãy gửi lại (lần gửi mới của cùng báo cáo).")
        else:
            self.state = "current"
            body = (f"✓ Đã gửi lên cấp trên lần {status.sent.revision}; bản gửi lên vẫn là bản "
                    "hiện hành.")
        self.text.setText(asked + body)
        self.changes = changes
        self.details_button.setVisible(bool(changes))
        self.setToolTip("\n".join(c.text for c in changes))
        self.setStyleSheet(f"#upwardBar {{ background:{COLOURS[self.state]}; "
                           "border-radius:4px; }")


    def show_details(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Thay đổi sau khi gửi lên cấp trên",
                          "Những gì khác với bản đã gửi lên cấp trên:", parent=self)
        box.setInformativeText("\n".join(f"• {c.text}" for c in self.changes[:20]) +
                               (f"\n… và {len(self.changes) - 20} thay đổi khác"
                                if len(self.changes) > 20 else ""))
        box.setDetailedText("\n".join(c.text for c in self.changes))
        box.open()


def summarise(changes) -> str:
    """The agencies by name (what the secretariat acts on), sections and figures by count."""
    agencies = [c.text for c in changes if c.kind in ("newer", "new_agency", "withdrawn")]
    parts = agencies[:SHOWN_CHANGES]
    if len(agencies) > SHOWN_CHANGES:
        parts.append(f"và {len(agencies) - SHOWN_CHANGES} đơn vị khác")
    sections = sum(1 for c in changes if c.kind == "section")
    figures = sum(1 for c in changes if c.kind == "figure")
    counts = [f"{n} {what}" for n, what in ((sections, "mục"), (figures, "số liệu")) if n]
    if counts:
        parts.append(" và ".join(counts) + " khác bản đã gửi")
    return "; ".join(parts)


class IdentityDialog(QDialog):
    """Our code and name as the upper level's member list has them."""

    def __init__(self, identity: tuple[str, str] | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Tên gọi ở cấp trên")
        self.code = QLineEdit(identity[0] if identity else "")
        self.code.setPlaceholderText("ví dụ QNINH")
        self.name = QLineEdit(identity[1] if identity else "")
        self.name.setPlaceholderText("ví dụ Tỉnh Quảng Ninh")
        self.name.setMinimumWidth(320)
        note = QLabel("Mã và tên của Ban Chỉ đạo đúng như trong danh sách thành viên của cấp "
                      "trên (hỏi cơ quan thường trực cấp trên nếu chưa rõ).")
        note.setWordWrap(True)
        buttons = ok_cancel("Tiếp tục…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow("Mã", self.code)
        form.addRow("Tên", self.name)
        form.addRow(buttons)


class ForwardDialog(QDialog):
    """The deadline for our own members, before the one above."""

    def __init__(self, request, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Chuyển đề nghị của cấp trên xuống các đơn vị")
        self.upper_deadline = request.deadline
        proposed = request.deadline - timedelta(days=7)
        # typed as Vietnamese users type dates; the workspace says if it is not early enough
        self.deadline = DateInput(proposed)
        self.error = error_line()
        self.deadline.problem.connect(self.error.setText)
        info = QLabel(f"Cấp trên ({escape(request.issuer or 'không ghi')}) đề nghị gửi báo cáo "
                      f"trước <b>{format_date(request.deadline)}</b>, mẫu phiên bản "
                      f"{request.form_version}. Hạn gửi cho các đơn vị thành viên phải sớm hơn, "
                      "để còn thời gian tổng hợp.")
        info.setWordWrap(True)
        info.setMinimumWidth(440)
        buttons = ok_cancel("Ghi gói đề nghị…")
        buttons.accepted.connect(self.check_and_accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(info)
        form.addRow("Hạn gửi cho các đơn vị", self.deadline)
        form.addRow(self.error)
        form.addRow(buttons)

    def chosen_deadline(self) -> date:
        """The deadline typed; TTDNError (Vietnamese, naming the field) if it is not a date."""
        try:
            return self.deadline.date()
        except TTDNError as error:
            raise TTDNError(f"«Hạn gửi cho các đơn vị»: {error.message}") from None

    def check_and_accept(self) -> None:
        try:
            chosen = self.chosen_deadline()
        except TTDNError as error:
            self.error.setText(error.message)
            self.deadline.setFocus()
            return
        if chosen >= self.upper_deadline:
            self.error.setText(f"Hạn gửi cho các đơn vị phải trước hạn gửi lên cấp trên "
                               f"({format_date(self.upper_deadline)}).")
            return
        self.accept()
