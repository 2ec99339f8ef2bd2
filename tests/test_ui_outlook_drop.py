"""A message dragged out of Outlook arrives as a virtual file (FileGroupDescriptorW and
FileContents, as Qt on Windows exposes them), not a path: hand-made QMimeData with those two
formats, dropped on the window, is imported as the .msg would be. Not tried: a real drag from
Outlook on Windows (no such machine here); see README «Kéo thư từ Outlook»."""

from __future__ import annotations

import struct

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from ttdn_desktop.core import rules
from ttdn_desktop.ui import outlook_drop
from ttdn_desktop.workspace import Workspace

from .helpers import package
from .msgfile import Attached, make_msg
from .uihelpers import active_window, preview_outcomes, set_up_secretariat


def descriptor(*names: str) -> bytes:
    """FILEGROUPDESCRIPTORW as Outlook writes it: the count, then one FILEDESCRIPTORW (592
    bytes, the name at 72 as UTF-16) per message, named after its subject."""
    out = struct.pack("<I", len(names))
    for name in names:
        entry = bytearray(592)
        struct.pack_into("<I", entry, 0, 0x4000 | 0x40)  # FD_PROGRESSUI | FD_WRITESTIME
        encoded = name.encode("utf-16-le")[:518]
        entry[72:72 + len(encoded)] = encoded
        out += bytes(entry)
    return out


def test_the_names_of_a_descriptor():
    assert outlook_drop.names(descriptor("Báo cáo TTĐN.msg", "a/b:c?.msg")) == \
        ["Báo cáo TTĐN.msg", "b_c_.msg"]
    assert outlook_drop.names(b"\x05\0\0\0") == []  # says five, holds none
    assert outlook_drop.names(b"") == []


@pytest.fixture
def window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 8)
    main = active_window(qtbot, workspace)
    yield main
    main.close()
    workspace.close()


def _drop(window, mime: QMimeData) -> bool:
    point = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(QPoint(int(point.x()), int(point.y())), Qt.DropAction.CopyAction,
                            mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return True


def test_a_message_dragged_from_outlook_is_imported(qtbot, window, form):
    view = window.secretariat_view
    msg = make_msg("Báo cáo TTĐN 6 tháng", [Attached("Báo cáo SNGV.ttdn",
                                                     package(form, "SNGV"))])
    mime = QMimeData()
    mime.setData(outlook_drop.DESCRIPTOR, descriptor("Báo cáo TTĐN 6 tháng.msg",
                                                     "Thư thứ hai.msg"))
    mime.setData(outlook_drop.CONTENTS, msg)
    assert not mime.hasUrls()
    assert _drop(window, mime)
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    assert preview_outcomes(view.preview) == [rules.NEW]
    name = view.preview.table.item(0, 0).text()
    assert name == "Báo cáo TTĐN 6 tháng.msg › Báo cáo SNGV.ttdn", name
    # only the first message's bytes come through Qt: the second is named, not lost silently
    text = view.notice.label.text()
    assert "Chỉ nhận được thư đầu tiên" in text and "Thư thứ hai.msg" in text, text


def test_a_drag_without_contents_is_not_taken(qtbot, window):
    mime = QMimeData()
    mime.setData(outlook_drop.DESCRIPTOR, descriptor("Thư.msg"))
    assert _drop(window, mime)  # accepted as a drag, but nothing to import
    view = window.secretariat_view
    assert view.pages.currentWidget() is view.tabs
    assert "Không nhận được nội dung thư kéo từ Outlook: «Thư.msg»" in view.notice.label.text()
    mime = QMimeData()
    mime.setText("chữ thường")  # neither files nor a virtual file: refused at the door
    assert not _drop(window, mime)
