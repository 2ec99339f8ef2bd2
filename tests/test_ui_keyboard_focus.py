"""Where the keyboard goes when something is shown, driven offscreen with real widgets on a
real database file: a figures table takes typing in its first input cell, the search tab in
its field; back in a section, a report or the merged text, or after a crash, typing goes on
where it stopped."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.role import Role
from ttdn_desktop.demo import write_demo_packages
from ttdn_desktop.ui.figures_editor import VALUE
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.workspace import Workspace

from .helpers import show_pasted
from .uihelpers import new_report, press, set_up_agency, set_up_secretariat, type_text

H1 = Period.parse("2021-H1")


def report_item(view, report_id):
    """The report's own line in the tree (what a click on it selects)."""
    tree = view.tree
    return next(tree.topLevelItem(n) for n in range(tree.topLevelItemCount())
                if tree.topLevelItem(n).data(0, Qt.ItemDataRole.UserRole)[0] == report_id)


def test_a_figures_table_takes_typing_in_its_first_input_cell(qtbot, window):
    """Chosen in the tree, a group's table has the keyboard: digits typed at once land in the
    first 'Kỳ này' cell, not in the read-only indicator name (where they went nowhere)."""
    view = window.agency_view
    new_report(view, H1)
    group = window.workspace.form.groups[0]
    view.show_section(f"g:{group.id}")
    table = view.groups[group.id]
    assert QApplication.focusWidget() is table
    type_text(QApplication.focusWidget(), "12")
    press(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert table.item(0, VALUE).text() == "12"


def test_back_in_a_section_typing_goes_on_where_it_stopped(qtbot, window):
    """Typing in one section, then another, then back: the text goes on after what was typed
    there, not before it (the cursor used to jump to the very start of the section)."""
    view = window.agency_view
    new_report(view, H1)
    first, second = (f"s:{s.id}" for s in window.workspace.form.prose_sections[:2])
    view.show_section(first)
    type_text(view.prose.editor, "Một.")
    view.show_section(second)
    type_text(view.prose.editor, "Khác.")
    view.show_section(first)
    type_text(view.prose.editor, " Hai.")
    assert view.prose.editor.toPlainText() == "Một. Hai."


def test_back_where_typing_was_after_a_crash_the_cursor_is_after_the_text(qtbot, tmp_path,
                                                                           forms):
    """«Mở lại chỗ đang soạn» after the app died: typing goes on after the saved text, not
    before its first word."""
    db = tmp_path / "donvi.sqlite3"
    workspace = Workspace(db, forms)
    set_up_agency(workspace)
    first = MainWindow(workspace)
    qtbot.addWidget(first)
    first.show()
    view = first.agency_view
    new_report(view, H1)
    view.show_section("s:an_pham")
    type_text(view.prose.editor, "Đã in bản tin.")
    first.save_action.trigger()
    first.ops.wait()
    first.ops.close()  # died: its session was never marked as closed properly
    again_workspace = Workspace(db, forms)
    again = MainWindow(again_workspace)
    qtbot.addWidget(again)
    again.show()
    again.ops.wait()
    notice = again.agency_view.notice
    assert "đóng đột ngột" in notice.label.text()
    notice.buttons[0].click()  # «Mở lại chỗ đang soạn»
    again.ops.wait()
    editor = again.agency_view.prose.editor
    type_text(editor, " Tiếp.")
    assert editor.toPlainText() == "Đã in bản tin. Tiếp."
    again.close()
    again_workspace.close()
    workspace.close()


def test_back_in_a_report_typing_goes_on_where_it_stopped(qtbot, window):
    """Another report opened and this one again: typing goes on after what was typed."""
    view = window.agency_view
    first = new_report(view, H1)
    second = new_report(view, Period.parse("2021-Q1"))
    view.open_report(first)
    window.ops.wait()
    for word in ("Một.", " Hai."):
        type_text(view.prose.editor, word)
        view.tree.setCurrentItem(report_item(view, second))  # a click on the other report
        window.ops.wait()
        view.tree.setCurrentItem(report_item(view, first))
        window.ops.wait()
    assert view.report_id == first
    assert view.prose.editor.toPlainText() == "Một. Hai."


def test_merged_text_opens_at_its_top_with_the_cursor_there(qtbot, tmp_path, forms):
    """Packages imported, then «Tổng hợp»: the merged text is shown from its first line, and
    typing starts there (the cursor was left at the end and the view scrolled down to it)."""
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 8)
    show_pasted(workspace)  # a long text, to open at its top
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1264, 680)
    main.show()
    main.ops.wait()
    view = main.secretariat_view
    main.import_paths([str(p) for p in write_demo_packages(
        workspace.form, tmp_path / "in", H1, 8)])
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.preview, timeout=20000)
    view.preview.apply_button.click()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.tabs and not main.ops.busy,
                    timeout=20000)
    view.tabs.setCurrentWidget(view.merge)
    main.ops.wait()
    editor = view.merge.editor.editor
    qtbot.waitUntil(lambda: editor.toPlainText().startswith("Sở Ngoại vụ"))
    QApplication.processEvents()
    assert editor.textCursor().position() == 0
    assert editor.verticalScrollBar().value() == 0
    # typing in it while the period is read again (another import, the command line): the
    # text goes on where it was being typed
    editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    type_text(editor, " một")
    view.refresh()  # as on a change from outside
    main.ops.wait()
    type_text(editor, " hai")
    assert editor.document().firstBlock().text().endswith(" một hai")
    main.close()
    workspace.close()


def test_the_search_tab_takes_typing(qtbot, tmp_path, forms):
    """«Tìm kiếm» chosen: what is typed next goes into its field (it went nowhere)."""
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    workspace.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    main.ops.wait()
    view = main.secretariat_view
    view.tabs.tabBar().setCurrentIndex(view.tabs.indexOf(view.search))  # a click on the tab
    assert QApplication.focusWidget() is view.search.field
    main.close()
    workspace.close()
