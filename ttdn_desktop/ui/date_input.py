"""A date typed as Vietnamese users type it (15/07/2021, 15-7-2021, 15/7/21), shown back as
dd/mm/yyyy once understood, with the reason under the field when it is not."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import format_date, parse_date

HINT = "ngày/tháng/năm, ví dụ 15/07/2021"


class DateInput(QLineEdit):
    problem = Signal(str)  # the reason the text is not a date; "" once it is

    def __init__(self, value: date | None = None, allow_empty: bool = False, parent=None):
        super().__init__(parent)
        self.allow_empty = allow_empty
        self.setPlaceholderText(HINT + (" (để trống nếu không cần)" if allow_empty else ""))
        self.setToolTip("Gõ " + HINT + "; cũng nhận 15-7-2021, 15.7.2021, 15/7/21")
        if value is not None:
            self.set_date(value)
        self.editingFinished.connect(self._tidy)

    def set_date(self, value: date | None) -> None:
        self.setText(format_date(value) if value else "")

    def date(self) -> date | None:
        """The date typed; None when empty and allowed; TTDNError (Vietnamese) otherwise."""
        text = self.text().strip()
        if not text:
            if self.allow_empty:
                return None
            raise TTDNError(f"Chưa gõ ngày ({HINT}).")
        return parse_date(text)

    def _tidy(self) -> None:
        try:
            value = self.date()
        except TTDNError as error:
            self.problem.emit(error.message)
            return
        self.set_date(value)
        self.problem.emit("")
