"""What a user of the real window met, driven offscreen with real widgets on a real database
file: where the keyboard goes after a section or report is shown, and what follows."""

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QRect, QUrl, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.role import Role
from ttdn_desktop.demo import demo_agencies, write_demo_packages
from ttdn_desktop.ui.figures_editor import VALUE
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.workspace import Workspace

from .helpers import show_pasted
from .uihelpers import (active_window, new_report, press, set_up_agency, set_up_secretariat,
                        type_text)

H1 = Period.parse("2021-H1")


def report_item(view, report_id):
    """The report's own line in the tree (what a click on it selects)."""
    tree = view.tree
    return next(tree.topLevelItem(n) for n in range(tree.topLevelItemCount())
                if tree.topLevelItem(n).data(0, Qt.ItemDataRole.UserRole)[0] == report_id)


@pytest.fixture
def window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    main = active_window(qtbot, workspace, 1280, 720)
    yield main
    main.close()
    workspace.close()


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


def test_before_output_shows_every_line_and_field_whole(qtbot, window):
    """No signer and no place: two wrapped explanations and four fields. Each gets at least
    the height it needs (the dialog was sized before the labels wrapped, and the signer's
    fields were squeezed until their text was cut)."""
    view = window.agency_view
    new_report(view, H1)
    window.workspace.setup.set_letterhead("signer_name", "")
    window.workspace.setup.set_letterhead("place", "")
    window.exports.when_ready("in", lambda: None)
    window.ops.wait()  # the letterhead is read in the worker
    dialog = window.exports.before_output
    qtbot.waitUntil(dialog.isVisible)
    QApplication.processEvents()
    fields = dialog.findChildren(QLineEdit)
    assert len(fields) == 4
    for field in fields:
        assert field.height() >= field.sizeHint().height(), field.placeholderText()
    for label in dialog.findChildren(QLabel):
        if label.wordWrap() and label.text():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    dialog.reject()


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


def _painted_like_fresh(window, widget) -> bool:
    """What the window shows of `widget` (its backing store) is what the widget paints now."""
    top = widget.mapTo(window, QPoint(0, 0))
    shown = QApplication.primaryScreen().grabWindow(window.winId()).copy(
        QRect(top, widget.size())).toImage()
    fresh = widget.grab().toImage()
    return shown.convertToFormat(fresh.format()) == fresh


def test_dashboard_headers_all_painted_after_members_arrive(qtbot, tmp_path, forms):
    """Members added from outside (the command line) while the empty dashboard is shown: its
    rows come, and so do all its column titles (they stayed blank past «Tình trạng»)."""
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    workspace.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1264, 680)
    main.show()
    main.ops.wait()
    dashboard = main.secretariat_view.dashboard
    qtbot.waitUntil(dashboard.table.isVisible)
    outside = Workspace(tmp_path / "btg.sqlite3", forms)
    for order, (code, name) in enumerate(demo_agencies(8), start=1):
        outside.agencies.add(code, name, sort_order=order)
    qtbot.waitUntil(lambda: dashboard.model.rowCount() == 8, timeout=10000)
    header = dashboard.table.horizontalHeader()
    qtbot.waitUntil(lambda: _painted_like_fresh(main, header), timeout=2000)
    main.close()
    outside.close()
    workspace.close()


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


def test_a_new_role_leaves_nothing_of_the_old_page_in_the_status_bar(qtbot, window):
    """Agency → secretariat → agency in Thiết lập: the word count and «Đã lưu lúc» of the
    report that was open, and the secretariat's count of members, go with their page."""
    view = window.agency_view
    new_report(view, H1)
    type_text(view.prose.editor, "Ba từ đây")
    window.save_action.trigger()
    window.ops.wait()
    qtbot.waitUntil(lambda: window.words_label.text() == "3 từ")

    def shown() -> list[str]:
        return [label.text() for label in window.statusBar().findChildren(QLabel)
                if label.isVisibleTo(window) and label.text()]

    window.workspace.setup.set_role(Role.SECRETARIAT)
    window.pages.rebuild_view()
    window.ops.wait()
    assert window.secretariat_view is not None
    qtbot.waitUntil(lambda: any("thành viên" in text for text in shown()))
    assert not any("từ" in text.split() or "Đã lưu" in text for text in shown())
    window.workspace.setup.set_role(Role.AGENCY, "SNGV")
    window.pages.rebuild_view()
    window.ops.wait()
    assert window.agency_view is not None
    assert not any("thành viên" in text for text in shown())


def test_create_clicked_twice_makes_one_report_and_says_nothing_false(qtbot, window):
    """A double click on «Tạo báo cáo»: one report, opened, and no «Đã có báo cáo…» about the
    report that the first click has just made."""
    view = window.agency_view
    view.period_year.setValue(2021)
    view.period_kind.setCurrentIndex(view.period_kind.findData(H1.kind))
    view.new_button.click()
    view.new_button.click()
    window.ops.wait()
    assert view.period == H1 and view.report_id is not None
    assert not (view.notice.isVisibleTo(window) and "Đã có" in view.notice.label.text())
    assert len([r for r, _ in window.workspace.reports.of_agency("SNGV")]) == 1


def _merge_window(qtbot, tmp_path, forms, pasted=False):
    """The secretariat's window on «Tổng hợp», three agencies' reports of H1 imported:
    (window, workspace, merge view). `pasted`: the sections show the agencies' texts under
    their names (not the draft)."""
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 3)
    if pasted:
        show_pasted(workspace)
    workspace.imports.run(write_demo_packages(workspace.form, tmp_path / "in", H1, 3))
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    main.ops.wait()
    view = main.secretariat_view
    view.tabs.setCurrentWidget(view.merge)
    main.ops.wait()
    return main, workspace, view.merge


def test_merged_text_typed_then_sections_switched_fast_is_kept(qtbot, tmp_path, forms):
    """Typed into the merged text of a section, another section and back before the worker has
    written it: the section shows what was typed, and what follows is saved with it (it showed
    the text without it, and the next save wrote that)."""
    main, workspace, merge = _merge_window(qtbot, tmp_path, forms)
    assert merge.period == H1
    merge.sections.setCurrentRow(0)
    type_text(merge.editor.editor, "Một. ")
    merge.sections.setCurrentRow(1)  # the first section's text is queued for writing...
    merge.sections.setCurrentRow(0)  # ...and shown again before it is written
    assert merge.editor.plain_text().startswith("Một. ")
    type_text(merge.editor.editor, "Hai. ")
    merge.save_now()
    main.ops.wait()
    first = workspace.merge.consolidation(H1).sections[0]
    assert first.is_edited and "Hai. Một. " in first.edited.replace("*", "")
    main.close()
    workspace.close()


def test_merged_text_not_written_is_shown_again_and_written_later(qtbot, tmp_path, forms,
                                                                  monkeypatch):
    """The disk refused the merged text of a section left for another: back in it, the text
    is there and is written at the next save."""
    main, workspace, merge = _merge_window(qtbot, tmp_path, forms)
    merge.sections.setCurrentRow(0)

    def refused(self, *args, **kwargs):
        raise TTDNError("Ổ đĩa đang bận.")

    with monkeypatch.context() as disk:  # busy for this save only
        disk.setattr("ttdn_desktop.workspace.merge.Merge.save_section", refused)
        type_text(merge.editor.editor, "Một. ")
        merge.sections.setCurrentRow(1)  # its save is refused
        main.ops.wait()
    merge.sections.setCurrentRow(0)
    assert merge.editor.plain_text().startswith("Một. ")
    merge.save_now()
    main.ops.wait()
    first = workspace.merge.consolidation(H1).sections[0]
    assert first.is_edited and first.edited.replace("*", "").startswith("Một. ")
    main.close()
    workspace.close()


def test_figures_shown_leave_no_word_count_of_the_section_before(qtbot, window):
    """The status bar counts the words of the prose shown; a figures table has none, and the
    count of the section shown before stayed."""
    view = window.agency_view
    new_report(view, H1)
    type_text(view.prose.editor, "Ba từ đây")
    qtbot.waitUntil(lambda: window.words_label.text() == "3 từ")
    view.show_section(f"g:{window.workspace.form.groups[0].id}")
    assert window.words_label.text() == ""
    view.show_section(f"s:{window.workspace.form.prose_sections[0].id}")
    assert window.words_label.text() == "3 từ"


def test_opening_reports_one_after_another_keeps_only_the_shown_ones_documents(qtbot, window):
    view = window.agency_view
    first = new_report(view, H1)
    second = new_report(view, Period.parse("2021-H2"))
    sections = len(view.form.prose_sections)
    for _ in range(5):
        for report_id in (first, second):
            view.open_report(report_id)
            window.ops.wait()
            QApplication.sendPostedEvents(None, 0)  # deleteLater
            QApplication.processEvents()
    kept = [d for d in view.findChildren(QTextDocument) if d.parent() is view]
    assert len(kept) == sections  # it was 17 more for every report opened
    assert view.prose.editor.document() in kept


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
