"""Trợ giúp › Hướng dẫn sử dụng: the short guide for both roles, shipped as Markdown in
resources/ and shown offline in a window of its own."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ttdn_desktop.util.paths import resources_dir
from ttdn_desktop.ui.screen_fit import fit_size

GUIDE_FILE = "huong-dan.md"


def guide_text() -> str:
    path = resources_dir() / GUIDE_FILE
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return (f"# Hướng dẫn sử dụng\n\nKhông đọc được tệp hướng dẫn «{path}». Hãy cài lại "
                "chương trình.")


def anchors(markdown: str) -> dict[str, str]:
    """Anchor name -> the heading that follows it (Qt's Markdown reader drops <a name>)."""
    return {name: heading.strip() for name, heading in
            re.findall(r'<a name="([^"]+)"></a>\s*\n#+ (.+)', markdown)}


class GuideWindow(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Hướng dẫn sử dụng — TTĐN Desktop")
        text = guide_text()
        self.headings = anchors(text)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(lambda url: self.go_to(url.fragment()))
        self.browser.setMarkdown(text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        fit_size(self, 820, 680)

    def go_to(self, anchor: str) -> bool:
        """Scroll the heading of `anchor` to the top of the window."""
        heading = self.headings.get(anchor)
        if not heading:
            return False
        document = self.browser.document()
        found = document.find(heading, 0)
        while not found.isNull() and found.block().blockFormat().headingLevel() == 0:
            found = document.find(heading, found)
        if found.isNull():
            return False
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())  # so the heading can come up to the top
        cursor = QTextCursor(found.block())
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        return True

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
