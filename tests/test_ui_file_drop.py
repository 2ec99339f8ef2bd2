"""A file dragged from the file manager and let go over the report's text is imported, not
typed in as its address; text dragged in is still text."""

from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from ttdn_desktop.core.periods import Period

from .uihelpers import new_report

H1 = Period.parse("2021-H1")


def _drop(widget, mime) -> None:
    """A drag from a file manager let go over `widget`, as Qt delivers it (an event a widget
    ignores goes on to its parents)."""
    copy, left, none = (Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, QDragEnterEvent(QPoint(20, 20), copy, mime, left, none))
    QApplication.sendEvent(widget, QDragMoveEvent(QPoint(20, 20), copy, mime, left, none))
    QApplication.sendEvent(widget, QDropEvent(QPointF(20, 20), copy, mime, left, none))


def test_a_file_dropped_on_the_text_is_imported_not_typed_in(qtbot, window, tmp_path):
    """A request package dragged from the file manager onto the report's text went in as the
    line «file:///…/de-nghi.ttdn» (the text takes most of the window; found in the real window,
    issue 21). Text dragged in is still text."""
    view = window.agency_view
    new_report(view, H1)
    editor = view.prose.editor
    path = tmp_path / "de-nghi.ttdn"
    path.write_bytes(b"PK\x03\x04 cut off")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    _drop(editor.viewport(), mime)
    window.ops.wait()
    assert editor.toPlainText() == ""
    assert "de-nghi.ttdn" in view.notice.label.text()  # imported: refused, and said why
    words = QMimeData()
    words.setText("Ban hành kế hoạch.")
    _drop(editor.viewport(), words)
    assert editor.toPlainText() == "Ban hành kế hoạch."
