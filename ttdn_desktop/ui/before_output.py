"""Before a report is exported or printed: a signer must be named (a sample name or the generic
"THỦ TRƯỞNG CƠ QUAN" is never printed), a missing place or superior body is named and asked
for, and a letterhead that does not fit its layout is shown, so the user fixes it or goes on
knowingly."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout)

from ttdn_desktop.core.docformat import (Letterhead, is_placeholder_signer, layout_problems,
                                         missing_fields, missing_signer)
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.settings import LETTERHEAD
from ttdn_desktop.ui.form_parts import error_line, ok_cancel


def needs_dialog(letterhead: Letterhead) -> bool:
    return (missing_signer(letterhead) or bool(missing_fields(letterhead))
            or bool(layout_problems(letterhead)))


class BeforeOutputDialog(QDialog):
    """Asks for the signer when there is none, and for a missing place or superior body; lists
    what does not fit the layout."""

    def __init__(self, letterhead: Letterhead, what: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Trước khi {what}")
        self.letterhead = letterhead
        layout = QVBoxLayout(self)
        self.ask_signer = missing_signer(letterhead)
        self.inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        if self.ask_signer:
            intro = QLabel("<b>Báo cáo chưa có người ký.</b> Hãy nhập quyền hạn ký, chức vụ và họ "
                           "tên người ký; thông tin được lưu vào thiết lập để dùng cho các lần "
                           "sau.")
            intro.setWordWrap(True)
            layout.addWidget(intro)
            form = QFormLayout()
            title = letterhead.signer_title
            if title.strip().casefold() == "thủ trưởng cơ quan":
                title = ""
            name = "" if is_placeholder_signer(letterhead.signer_name) else letterhead.signer_name
            for key, label, value, hint in (
                    ("signing_capacity", "Quyền hạn ký", letterhead.signing_capacity,
                     "ví dụ TM. ỦY BAN NHÂN DÂN, KT. GIÁM ĐỐC, K/T TRƯỞNG BAN"),
                    ("signer_title", "Chức vụ người ký", title, "ví dụ PHÓ GIÁM ĐỐC"),
                    ("signer_name", "Họ tên người ký", name, "ví dụ Trần Văn B")):
                widget = QLineEdit(value.replace("\n", "; "))
                widget.setPlaceholderText(hint)
                widget.textChanged.connect(self._update)
                self.inputs[key] = widget
                form.addRow(label, widget)
            layout.addLayout(form)
        self.missing = missing_fields(letterhead)
        if self.missing:
            names = ", ".join(f"«{LETTERHEAD[key].label}»" for key in self.missing)
            intro = QLabel(f"<b>Tiêu đề văn bản chưa có {names}.</b> Nhập vào đây (được lưu "
                           "vào thiết lập), hoặc để trống nếu sẽ viết tay lên bản in.")
            intro.setWordWrap(True)
            layout.addWidget(intro)
            form = QFormLayout()
            for key in self.missing:
                widget = QLineEdit()
                widget.setPlaceholderText(LETTERHEAD[key].meaning)
                widget.setToolTip(LETTERHEAD[key].meaning)
                self.inputs[key] = widget
                form.addRow(LETTERHEAD[key].label, widget)
            layout.addLayout(form)
        problems = layout_problems(letterhead)
        if problems:
            text = QLabel("<b>Tiêu đề văn bản chưa khớp với thể thức đã chọn:</b><ul>" +
                          "".join(f"<li>{p}</li>" for p in problems) +
                          "</ul>Sửa trong <i>Công cụ › Thiết lập…</i>, hoặc tiếp "
                          "tục nếu đúng là như vậy.")
            text.setWordWrap(True)
            layout.addWidget(text)
        self.error = error_line()
        layout.addWidget(self.error)
        self.buttons = ok_cancel("Tiếp tục")
        self.settings_button = self.buttons.addButton("Sửa thiết lập…",
                                                      QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # as high as the wrapped explanations need at this width: a top-level window is sized
        # from its layout's minimum, counted with each explanation on one line, and the signer's
        # fields were squeezed until their text was cut
        layout.activate()
        self.resize(620, max(layout.heightForWidth(620), self.sizeHint().height()))
        self._update()

    def _update(self) -> None:
        ok = True
        if self.ask_signer:
            name = self.inputs["signer_name"].text().strip()
            title = self.inputs["signer_title"].text().strip()
            sample = name and is_placeholder_signer(name)
            generic = title.casefold() == "thủ trưởng cơ quan"
            ok = bool(name and title) and not sample and not generic
            # «Tiếp tục» greyed says nothing by itself: the reason, beside it
            self.error.setText(
                f"«{name}» là tên mẫu, không phải người ký: hãy nhập họ tên thật." if sample
                else f"«{title}» là chức vụ chung: hãy nhập chức vụ thật của người ký."
                if generic else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> dict[str, str]:
        """The signer settings typed in, checked; {} when nothing was asked."""
        result = {}
        for key, widget in self.inputs.items():
            if key in self.missing and not widget.text().strip():
                continue  # left blank on purpose: to be written by hand
            result[key] = LETTERHEAD[key].check(widget.text().replace(";", "\n"))
        return result

    def _accept(self) -> None:
        try:
            self.values()
        except TTDNError as error:
            self.error.setText(error.message)
            return
        self.accept()
