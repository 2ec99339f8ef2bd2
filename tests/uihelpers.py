"""Driving the Qt app as a user would, offscreen."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ttdn_desktop.demo import demo_letterhead
from ttdn_desktop.workspace import AGENCY


def _target(widget):
    """Where the keyboard's events go: the focused widget if it is (inside) `widget`, as when a
    table's first key press opens a cell editor."""
    focused = QApplication.focusWidget()
    if focused is not None and (focused is widget or widget.isAncestorOf(focused)):
        return focused
    return widget


def type_text(widget, text: str) -> None:
    """Key events carrying text, as a keyboard (or UniKey) sends them; QTest.keyClicks only
    knows ASCII."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(_target(widget), QKeyEvent(
                kind, 0, Qt.KeyboardModifier.NoModifier, char))
    QApplication.processEvents()


def press(widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(_target(widget), QKeyEvent(kind, key, modifiers))
    QApplication.processEvents()  # item views commit an edit through a queued call


def set_up_agency(workspace, code="SNGV", name="Sở Ngoại vụ") -> None:
    from dataclasses import asdict
    values = asdict(demo_letterhead(layout="state", superior_body="UBND TỈNH QUẢNG NINH",
                                    issuing_body=name.upper(), code=f"BC-{code}",
                                    signing_capacity="", signer_title="GIÁM ĐỐC",
                                    signer_name="Nguyễn Văn B",
                                    recipients="Ban Chỉ đạo TTĐN tỉnh\nLưu: VT"))
    workspace.set_up(AGENCY, values, code, name)
