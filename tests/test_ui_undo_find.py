"""Undo, redo and find in both roles: Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z and the «Sửa» menu in a
figures table, in the report's text and in the consolidated text; Ctrl+F finds across every
section of the report, both ways."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.figures_editor import VALUE

from .uihelpers import new_report, set_value, type_text

H1 = Period.parse("2021-H1")
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_figures_table_undo_redo_with_every_shortcut(qtbot, agency_window):
    view = agency_window.agency_view
    new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    key = ("ban_an_pham", "")
    set_value(table, key, "3800")
    cell = table.item(table.rows.index(key), VALUE)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert cell.text() == "" and key not in table.values
    qtbot.keyClick(table, Qt.Key.Key_Y, CTRL)
    assert cell.text() == "3.800" and table.values[key] == 3800
    agency_window.undo_action.trigger()  # Sửa › Hoàn tác
    assert cell.text() == ""
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert cell.text() == "3.800"
    agency_window.undo_action.trigger()
    agency_window.redo_action.trigger()  # Sửa › Làm lại
    assert cell.text() == "3.800"


def test_prose_undo_redo_with_ctrl_y_and_the_menu(qtbot, agency_window):
    view = agency_window.agency_view
    new_report(view, H1)
    editor = view.prose.editor
    type_text(editor, "Một hai ba")
    agency_window.undo_action.trigger()
    assert editor.toPlainText() == ""
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert editor.toPlainText() == "Một hai ba"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == ""
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | SHIFT)
    assert editor.toPlainText() == "Một hai ba"


def test_find_goes_across_the_agency_report_both_ways(qtbot, agency_window):
    view = agency_window.agency_view
    new_report(view, H1)
    sections = [f"s:{s.id}" for s in view.form.prose_sections]
    view.show_section(sections[0])
    type_text(view.prose.editor, "Hội nghị báo chí")
    view.show_section(sections[2])
    type_text(view.prose.editor, "Đoàn khách Nhật Bản")
    view.show_section("g:an_pham")  # Ctrl+F from a figures table works too
    qtbot.keyClick(view.groups["an_pham"], Qt.Key.Key_F, CTRL)
    bar = view.prose.find_bar
    assert bar.isVisible() and view.section_key == sections[0]
    bar.field.setText("nhật bản")
    assert bar.find_next() and view.section_key == sections[2]
    assert view.prose.editor.textCursor().selectedText() == "Nhật Bản"
    bar.field.setText("báo chí")
    assert bar.find_previous() and view.section_key == sections[0]
    assert view.prose.editor.textCursor().selectedText() == "báo chí"
    bar.field.setText("không có đâu")
    assert not bar.find_next() and bar.message.text() == "Không thấy"


def test_secretariat_undo_redo_and_find_in_the_consolidated_text(qtbot, secretariat_window):
    window = secretariat_window
    view = window.secretariat_view
    merge = view.merge
    view.tabs.setCurrentWidget(merge)
    editor = merge.editor.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)  # a section opens at its top
    before = editor.toPlainText()
    type_text(editor, "Thêm ")
    window.undo_action.trigger()
    assert editor.toPlainText() == before
    window.redo_action.trigger()
    assert editor.toPlainText() != before
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == before
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert editor.toPlainText().endswith("Thêm ")
    assert window.find_action.isEnabled()
    window.find_action.trigger()
    bar = merge.editor.find_bar
    assert bar.isVisible()
    last = merge.merged.sections[-1]
    words = merge.section_text(last.section.id).split()
    assert words, "the demo packages fill every section"
    target = " ".join(words[:3])
    first = merge.section_id
    bar.field.setText(target)
    found = bar.find_next()
    assert found and target.casefold() in editor.textCursor().selectedText().casefold()
    assert merge.section_id != first or target in before
