"""Qt's own words (context menus, dialog buttons, file and print dialogs) in Vietnamese."""

import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QMessageBox,
                               QPlainTextEdit, QPushButton, QTextEdit, QTreeView)

from ttdn_desktop.ui import qt_vi
from ttdn_desktop.ui.filedialogs import FileDialog

ENGLISH = re.compile(r"\b(Undo|Redo|Cut|Copy|Paste|Delete|Select All|OK|Cancel|Save|Open|Yes|"
                     r"No|Look in|File name|Files of type|Name|Size|Type|Date Modified|Print|"
                     r"Close|Options|Printer|Properties)\b")


@pytest.fixture
def vietnamese(qapp):
    return qt_vi.install(qapp)


def _texts(menu):
    return [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]


def _english(texts):
    return [t for t in texts if ENGLISH.search(t.replace("&", ""))]


@pytest.mark.parametrize("make", [QLineEdit, QPlainTextEdit, QTextEdit])
def test_text_context_menus_speak_vietnamese(qtbot, vietnamese, make):
    widget = make()
    qtbot.addWidget(widget)
    texts = _texts(widget.createStandardContextMenu())
    assert "&Hoàn tác" in texts and "&Dán" in texts and "Chọn &tất cả" in texts
    assert _english(texts) == [], texts


def test_message_box_and_button_box_buttons(qtbot, vietnamese):
    box = QMessageBox(QMessageBox.Icon.Question, "T", "?", QMessageBox.StandardButton.Ok |
                      QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes |
                      QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    texts = [b.text() for b in box.buttons()]
    assert set(texts) == {"Đồng ý", "Hủy", "&Có", "&Không"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                               QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    assert {b.text() for b in buttons.buttons()} == {"Lưu", "Đóng"}


def test_file_dialog_drawn_by_qt_has_no_english(qtbot, vietnamese, tmp_path):
    (tmp_path / "bao-cao.docx").write_bytes(b"x")
    dialog = FileDialog(None, "Chọn tệp", str(tmp_path), "Word (*.docx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.findChild(QTreeView) is not None)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)]
    texts = [t for t in texts if t]
    assert _english(texts) == [], texts
    assert "Tìm t&rong:" in texts and "&Loại tệp:" in texts
    model = dialog.findChild(QTreeView).model()
    headers = [model.headerData(i, qt_vi_orientation()) for i in range(model.columnCount())]
    assert headers == ["Tên", "Kích thước", "Loại", "Ngày sửa"]
    dialog.fit_columns()
    header = dialog.findChild(QTreeView).header()
    assert header.sectionResizeMode(3) == header.ResizeMode.ResizeToContents


def qt_vi_orientation():
    return Qt.Orientation.Horizontal


def test_print_dialog_has_no_english(qtbot, vietnamese):
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)
             if w.isVisible() and w.text()]
    assert texts and _english(texts) == [], texts
    dialog.close()


def test_unknown_strings_fall_back_to_qt(vietnamese):
    assert QCoreApplication.translate("QLineEdit", "&Undo") == "&Hoàn tác"
    assert QCoreApplication.translate("SomethingElse", "&Undo") == "&Undo"
    assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"
