"""What the app's dialogs are built from alike: the line under a form that says in red what is
wrong, and the row of OK and Cancel in Vietnamese."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel

ERROR_STYLE = "color:#B02A37"


def error_line() -> QLabel:
    """Empty until a field says what is wrong; wrapped, never cut off."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


def ok_cancel(ok: str, cancel: str = "Hủy") -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                               QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    return buttons
