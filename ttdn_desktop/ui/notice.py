"""An inline message bar above the editor: what a dialog would say, without stopping work."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton

STYLES = {
    "info": "background:#E7F1FF; border:1px solid #9EC5FE;",
    "success": "background:#D1E7DD; border:1px solid #A3CFBB;",
    "warning": "background:#FFF3CD; border:1px solid #FFE69C;",
    "error": "background:#F8D7DA; border:1px solid #F1AEB5;",
}


class NoticeBar(QFrame):
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setOpenExternalLinks(False)
        self.buttons: list[QPushButton] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 4, 4)
        self._layout.addWidget(self.label, 1)
        close = QToolButton(text="✕")
        close.setToolTip("Đóng thông báo")
        close.clicked.connect(self.dismiss)
        self._close = close
        self._layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, kind: str = "info", actions=()) -> None:
        """`actions`: (label, callable) pairs shown as buttons; each also closes the bar."""
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self.setStyleSheet(f"NoticeBar {{{STYLES[kind]} border-radius:4px;}}")
        self.label.setText(text)
        for label, callback in actions:
            button = QPushButton(label)
            button.clicked.connect(self._action_slot(callback))
            self._layout.insertWidget(self._layout.count() - 1, button)
            self.buttons.append(button)
        self.show()

    def add_message(self, text: str, kind: str = "info") -> None:
        """Says `text` without taking away an offer the bar is making (its buttons): a warning
        that comes a moment after the page, while «Mở lại chỗ đang soạn» waits, is added
        below it. (Not isVisible(): false too while the window itself is not yet shown.)"""
        if self.isHidden() or not self.buttons:
            self.show_message(text, kind)
            return
        said = self.label.text()
        # not Qt.mightBeRichText: naming QtGui's Qt builds its enums, 14 ms of the start
        if "<" in said:  # rich text (a caller's <br/>, <b>): the sentence goes in escaped
            self.label.setText(f"{said}<br/>" + text.replace("&", "&amp;").replace("<", "&lt;"))
        else:
            self.label.setText(f"{said}\n{text}")

    def _action_slot(self, callback):
        def slot(*_args) -> None:
            self.dismiss()
            callback()
        return slot

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()
