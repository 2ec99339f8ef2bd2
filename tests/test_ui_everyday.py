"""Everyday window behaviour: pickers, preview counts, undo/find, layout, staying current."""

from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from tests.helpers import package
from ttdn_desktop.cli import main as ttdn
from ttdn_desktop.core import rules
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.role import Role
from ttdn_desktop.demo import write_demo_packages
from ttdn_desktop.exchange.import_result import ImportResult
from ttdn_desktop.exchange.package import read_package
from ttdn_desktop.ui import filedialogs
from ttdn_desktop.ui.figures_editor import LABEL, LAST, UNIT, VALUE
from ttdn_desktop.ui.import_preview import ImportPreview
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.ui.secretariat_view import RequestDialog
from ttdn_desktop.ui.upward_panel import ForwardDialog
from ttdn_desktop.workspace import Workspace

from .uihelpers import (members, new_report, press, set_up_agency, set_up_secretariat, set_value,
                        settings_dialog, type_text)

H1 = Period.parse("2021-H1")
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_preview_does_not_count_a_word_report_as_unchanged(qtbot):
    preview = ImportPreview()
    qtbot.addWidget(preview)
    preview.show_results(["a.docx", "b.ttdn"], [
        ImportResult("a.docx", rules.WORD, "", payload=b"x"),
        ImportResult("b.ttdn", rules.SAME, "")])
    text = preview.title.text()
    assert "1 báo cáo cần xác nhận riêng" in text
    assert "1 không thay đổi gì" in text


def test_pickers_start_in_documents_or_downloads_and_remember(workspace, tmp_path, monkeypatch):
    start = filedialogs.start_folder(workspace, "import")
    assert "ttdn_desktop" not in start and start  # never the program's folder
    filedialogs.remember(workspace, "import", str(tmp_path / "thu" / "a.ttdn"))
    assert filedialogs.start_folder(workspace, "import") != str(tmp_path / "thu")  # gone folder
    (tmp_path / "thu").mkdir()
    filedialogs.remember(workspace, "import", str(tmp_path / "thu" / "a.ttdn"))
    assert filedialogs.start_folder(workspace, "import") == str(tmp_path / "thu")
    assert "*.docx" in filedialogs.IMPORT_FILTERS.split(";;")[0]


def test_settings_take_a_date_typed_the_vietnamese_way(qtbot, workspace):
    dialog = settings_dialog(qtbot, workspace)
    field = dialog.form.inputs["issued_on"]
    type_text(field, "31/02/2021")
    dialog.save()
    dialog.ops.wait()
    assert dialog.result() == 0 and "Ngày ban hành" in dialog.form.error.text()
    assert "issued_on" not in dialog.form.error.text()
    field.clear()
    type_text(field, "15/7/21")
    dialog.save()
    dialog.ops.wait()
    assert workspace.setup.letterhead().issued_on == "2021-07-15"
    again = settings_dialog(qtbot, workspace)
    assert again.form.inputs["issued_on"].text() == "15/07/2021"


def test_request_dialog_has_cut_off_dates_typed_freely(qtbot, workspace):
    period = Period.parse("2021-H2")
    dialog = RequestDialog(period, (members(workspace), workspace.periods.dates(period)))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.data_from.text() and dialog.deadline.text()
    for field, typed in ((dialog.data_from, "15-12-2020"), (dialog.data_to, "14.6.21"),
                         (dialog.deadline, "20/6/21")):
        field.clear()
        type_text(field, typed)
    assert dialog.chosen_dates() == (date(2020, 12, 15), date(2021, 6, 14), date(2021, 6, 20))
    dialog.data_to.clear()
    type_text(dialog.data_to, "1/1/2020")
    dialog.check_and_accept()
    assert not dialog.result() and "trước" in dialog.error.text()
    workspace.files.request_bytes(period, None, date(2021, 6, 20), date(2020, 12, 15), date(2021, 6, 14))
    dates = workspace.periods.dates(period)
    assert (dates.data_from, dates.data_to) == (date(2020, 12, 15), date(2021, 6, 14))
    # the title fits: the period is said inside the dialog, not only in a cut window title
    assert any(period.label in label.text() for label in dialog.findChildren(type(dialog.error)))


# --- undo, redo and find in both roles ----------------------------------------------------------
def _window(qtbot, workspace):
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    main.ops.wait()  # what the window shows is read off the UI thread
    return main


@pytest.fixture
def agency_window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    main = _window(qtbot, workspace)
    yield main
    main.close()
    workspace.close()


@pytest.fixture
def secretariat_window(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 3)
    workspace.imports.run(write_demo_packages(workspace.form, tmp_path / "in", H1, 3))
    main = _window(qtbot, workspace)
    main.secretariat_view.select_period(H1)
    main.ops.wait()
    yield main
    main.close()
    workspace.close()


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


# --- review windows ----------------------------------------------------------------------------
def test_review_window_one_per_report_escape_closes(qtbot, secretariat_window):
    view = secretariat_window.secretariat_view
    code = secretariat_window.workspace.agencies.all()[0]["code"]
    first = view.open_review(code)
    qtbot.waitExposed(first)
    second = view.open_review(code)
    assert second is first and len(view.reviews) == 1
    qtbot.keyClick(first.comment, Qt.Key.Key_Escape)  # from wherever the keyboard is
    assert not first.isVisible()
    again = view.open_review(code)
    assert again is first and again.isVisible()
    again.close()


def test_guide_in_the_help_menu_for_both_roles(qtbot, agency_window):
    agency_window.guide_action.trigger()
    guide = agency_window.guide
    assert guide.isVisible()
    text = guide.browser.toPlainText()
    for words in ("Cán bộ cơ quan, đơn vị thành viên", "Cơ quan thường trực", "Xuất gói gửi",
                  "Gửi đề nghị báo cáo", "Ctrl+F"):
        assert words in text
    assert guide.go_to("phim-tat")
    assert guide.browser.textCursor().block().text() == "Phím tắt"
    menu_texts = [a.text() for a in agency_window.menuBar().actions()[-1].menu().actions()]
    assert "&Hướng dẫn sử dụng" in menu_texts


# --- breakdowns that do not add up --------------------------------------------------------------
def _mismatch(table):
    set_value(table, ("ban_an_pham", ""), "3800")
    set_value(table, ("ban_an_pham", "vi"), "3200")
    set_value(table, ("ban_an_pham", "en"), "500")


def test_agency_is_asked_before_sending_a_mismatch_and_can_send_with_a_note(
        qtbot, agency_window, tmp_path, monkeypatch):
    window = agency_window
    view = window.agency_view
    new_report(view, H1)
    view.show_section("g:an_pham")
    _mismatch(view.groups["an_pham"])
    chosen = []
    monkeypatch.setattr(filedialogs, "save_file", lambda *a, **k: chosen.append(a) or
                        str(tmp_path / "gui.ttdn"))
    view.show_section(f"s:{view.form.prose_sections[0].id}")
    window.package_action.trigger()  # Ctrl+E
    dialog = window.exports.mismatch_dialog
    assert dialog.isVisible() and "3.700" in dialog.findChild(type(dialog.error)).text()
    dialog.fix_button.click()  # back to the table, nothing written
    assert not chosen and view.section_key == "g:an_pham"
    window.package_action.trigger()
    dialog = window.exports.mismatch_dialog
    dialog.send_button.click()  # a note is asked for
    assert dialog.isVisible() and "giải thích" in dialog.error.text()
    dialog.note.setPlainText("Số tổng gồm 100 bản tiếng Pháp.")
    dialog.send_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "gui.ttdn").exists() and not window.ops.busy,
                    timeout=10000)
    package = read_package("gui.ttdn", (tmp_path / "gui.ttdn").read_bytes(),
                           window.workspace.forms)
    assert package.content.notes["ban_an_pham"] == "Số tổng gồm 100 bản tiếng Pháp."
    assert package.content.figures[("ban_an_pham", "")] == 3800


def test_secretariat_sees_the_mismatch_in_review_merge_and_sums(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    workspace.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    workspace.agencies.add("SNGV", "Sở Ngoại vụ")
    workspace.agencies.add("CAT", "Công an tỉnh")
    form = workspace.form
    odd = ReportContent({}, {("ban_an_pham", ""): 3800, ("ban_an_pham", "vi"): 3200,
                             ("ban_an_pham", "en"): 500}, {"ban_an_pham": "Gồm 100 bản Pháp"})
    fine = ReportContent({}, {("ban_an_pham", ""): 1000, ("ban_an_pham", "vi"): 1000})
    for name, code, body in (("a.ttdn", "SNGV", odd), ("b.ttdn", "CAT", fine)):
        (tmp_path / name).write_bytes(package(form, code=code, name=code, body=body))
    workspace.imports.run([tmp_path / "a.ttdn", tmp_path / "b.ttdn"])
    window = _window(qtbot, workspace)
    view = window.secretariat_view
    view.select_period(H1)
    window.ops.wait()
    merge = view.merge
    assert not merge.figures_flag.isHidden() and "Sở Ngoại vụ" in merge.figures_flag.text()
    assert merge.tabs.tabText(1) == "Số liệu ⚠"
    view.tabs.setCurrentWidget(merge)
    merge.tabs.setCurrentIndex(1)  # the table is filled when its tab is shown
    total = next(merge.figures.topLevelItem(n) for n in range(merge.figures.topLevelItemCount())
                 if "Số bản ấn phẩm" in merge.figures.topLevelItem(n).text(0))
    assert total.text(0).startswith("⚠") and total.text(2) == "4.800"
    assert "4.700" in total.toolTip(0) and "Sở Ngoại vụ" in total.toolTip(0)
    children = [total.child(n).text(0).strip() for n in range(total.childCount())]
    assert "⚠ Sở Ngoại vụ" in children and "Công an tỉnh" in children
    review = view.open_review("SNGV")
    window.ops.wait()  # read in the worker
    text = review.current.toPlainText()
    assert "⚠ các thành phần cộng lại 3.700, khác số tổng 3.800" in text
    assert "Gồm 100 bản Pháp" in text
    review.close()
    fine_review = view.open_review("CAT")
    window.ops.wait()
    assert "Công an" in fine_review.header.text()
    assert "⚠" not in fine_review.current.toPlainText()
    fine_review.close()
    window.close()
    workspace.close()


# --- screens that fit ---------------------------------------------------------------------------
def test_figure_rows_fit_on_open_and_on_resize_and_the_typing_column_is_wide(qtbot, agency_window):
    view = agency_window.agency_view
    new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    member_row = table.rows.index(("ban_an_pham", "vi"))
    qtbot.waitUntil(lambda: table.rowHeight(member_row) < 40)  # not ~140 px as before
    line = table.fontMetrics().height()
    label = table.item(0, LABEL).text()
    width = table.columnWidth(LABEL)
    lines = table.fontMetrics().boundingRect(0, 0, width - 8, 10_000, Qt.TextFlag.TextWordWrap,
                                             label).height() // line
    assert table.rowHeight(0) <= (lines + 1) * line + 12
    assert table.columnWidth(VALUE) >= 110 and table.columnWidth(VALUE) > table.columnWidth(UNIT)
    agency_window.resize(1600, 1000)
    qtbot.waitUntil(lambda: table.columnWidth(LABEL) > width)
    qtbot.waitUntil(lambda: table.rowHeight(0) <= (lines + 1) * line + 12)
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        text = table.horizontalHeaderItem(column).text()
        widest = max(header.fontMetrics().horizontalAdvance(part) for part in text.split("\n"))
        assert header.sectionSize(column) >= widest, text  # no header cut


def test_long_headings_wrap_in_the_section_tree(qtbot, agency_window):
    view = agency_window.agency_view
    new_report(view, H1)
    tree = view.tree
    top = tree.topLevelItem(0)
    longest = max((top.child(n) for n in range(top.childCount())), key=lambda i: len(i.text(0)))
    rect = tree.visualItemRect(longest)
    line = tree.fontMetrics().height()
    assert rect.height() >= 2 * line  # on two lines or more, not cut with "…"
    assert tree.fontMetrics().horizontalAdvance(longest.text(0)) > tree.viewport().width()


def test_setup_start_button_visible_at_1280x720(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "moi.sqlite3", forms)
    window = _window(qtbot, workspace)
    window.resize(1280, 720)
    setup = window.stack.currentWidget()
    qtbot.waitUntil(lambda: setup.start.isVisible())
    corner = setup.start.mapTo(window, setup.start.rect().bottomRight())
    assert corner.y() <= window.height() and not setup.start.visibleRegion().isEmpty()
    window.close()
    workspace.close()


# --- first start without guessing ---------------------------------------------------------------
def test_first_start_takes_the_agency_from_the_request_package(qtbot, tmp_path, forms):
    secretariat = Workspace(tmp_path / "btg.sqlite3", forms)
    secretariat.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    for code, name in (("SNGV", "Sở Ngoại vụ"), ("CAT", "Công an tỉnh"), ("XA01", "UBND xã A")):
        secretariat.agencies.add(code, name)
    period = Period.parse("2025-H2")
    request = tmp_path / "de-nghi.ttdn"
    request.write_bytes(secretariat.files.request_bytes(period, "CAT", date(2025, 12, 12)))
    secretariat.close()

    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    window = _window(qtbot, workspace)
    page = window.stack.currentWidget()
    starter = [page.agency.itemText(n) for n in range(page.agency.count())]
    assert "Sở Văn hóa, Thể thao và Du lịch (SVHTTDL)" in starter  # the shipped list
    assert page.request_button.isEnabled()
    page.use_request(request)  # read in the worker
    window.ops.wait()
    assert page.request is not None
    listed = [page.agency.itemData(n) for n in range(page.agency.count())]
    assert sorted(listed[1:4]) == ["CAT", "SNGV", "XA01"] and page.agency.currentData() == "CAT"
    assert "12/12/2025" in page.request_info.text()
    values = page.letterhead.raw_values()
    assert values["issuing_body"] == "CÔNG AN TỈNH"
    assert not values["superior_body"] and not values["place"] and not values["signer_name"]
    page.letterhead.inputs["superior_body"].setPlainText("UBND TỈNH LẠNG SƠN")
    page.letterhead.inputs["place"].setText("Lạng Sơn")
    page.start.click()
    window.ops.wait()  # written by the worker
    assert workspace.setup.role == "agency" and workspace.setup.own_agency == "CAT"
    assert workspace.reports.of("CAT", period) is not None  # the request was applied
    assert workspace.periods.dates(period).deadline == date(2025, 12, 12)
    stored = " ".join(row["value"] for row in workspace.db.query("SELECT value FROM settings"))
    assert "QUẢNG NINH" not in stored.upper() and "Nguyễn Văn A" not in stored
    window.close()
    workspace.close()


def test_role_and_agency_changed_later_in_settings(qtbot, agency_window):
    window = agency_window
    workspace = window.workspace
    workspace.agencies.add("CAT", "Công an tỉnh")
    window.settings_action.trigger()
    window.ops.wait()
    dialog = window.commands.settings_dialog
    dialog.role.agency.setCurrentIndex(dialog.role.agency.findData("CAT"))
    dialog.save()
    window.ops.wait()
    assert workspace.setup.own_agency == "CAT" and "Công an tỉnh" in window.windowTitle()
    window.settings_action.trigger()
    window.ops.wait()
    dialog = window.commands.settings_dialog
    dialog.role.secretariat_role.setChecked(True)
    dialog.save()
    window.ops.wait()
    assert workspace.setup.role == Role.SECRETARIAT and window.secretariat_view is not None
    assert window.agency_view is None
    window.settings_action.trigger()
    window.ops.wait()
    dialog = window.commands.settings_dialog
    dialog.role.agency_role.setChecked(True)
    dialog.role.agency.setCurrentIndex(dialog.role.agency.count() - 1)
    dialog.role.new_code.setText("XA07")
    dialog.save()  # a new agency needs its name: said, nothing changed
    window.ops.wait()
    assert "tên đơn vị" in dialog.error.text() and workspace.setup.role == Role.SECRETARIAT
    dialog.role.new_name.setText("UBND xã Bảy")
    dialog.save()
    window.ops.wait()
    assert (workspace.setup.role, workspace.setup.own_agency) == (Role.AGENCY, "XA07")
    assert window.agency_view is not None


# --- last year's figures typed by hand ----------------------------------------------------------
def test_last_year_typed_where_none_is_known_carried_and_summed(qtbot, agency_window, tmp_path,
                                                                 monkeypatch, forms):
    window = agency_window
    view = window.agency_view
    new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    key = ("ban_an_pham", "")
    row = table.rows.index(key)
    cell = table.item(row, LAST)
    assert cell.flags() & Qt.ItemFlag.ItemIsEditable and cell.font().italic()
    set_value(table, key, "3800")
    table.setCurrentCell(row, LAST)
    type_text(table, "3500")
    press(table, Qt.Key.Key_Return)
    assert cell.text() == "3.500" and view.typed_last_year == {key: 3500}
    window.save_action.trigger()
    monkeypatch.setattr(filedialogs, "save_file", lambda *a, **k: str(tmp_path / "p.ttdn"))
    window.package_action.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "p.ttdn").exists() and not window.ops.busy,
                    timeout=10000)
    data = (tmp_path / "p.ttdn").read_bytes()
    assert read_package("p.ttdn", data, forms).content.last_year == {key: 3500}

    secretariat = Workspace(tmp_path / "btg.sqlite3", forms)
    secretariat.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    secretariat.agencies.add("SNGV", "Sở Ngoại vụ")
    secretariat.imports.run([tmp_path / "p.ttdn"])
    merged = secretariat.merge.consolidation(H1)
    assert merged.last_year[key] == 3500 and key in merged.last_year_typed
    secretariat.close()


def test_last_year_from_a_report_is_not_typed_over(qtbot, agency_window):
    window = agency_window
    view = window.agency_view
    last = new_report(view, Period.parse("2020-H1"))
    view.show_section("g:an_pham")
    set_value(view.groups["an_pham"], ("ban_an_pham", ""), "3000")
    view.save_now()
    window.ops.wait()  # the save is written by the worker
    assert last
    new_report(view, H1)
    view.show_section("g:an_pham")
    table = view.groups["an_pham"]
    cell = table.item(table.rows.index(("ban_an_pham", "")), LAST)
    assert cell.text() == "3.000" and not cell.flags() & Qt.ItemFlag.ItemIsEditable


# --- screens that stay current ------------------------------------------------------------------
def test_changes_from_the_command_line_reach_an_open_window(qtbot, tmp_path, forms):
    path = tmp_path / "btg.sqlite3"
    workspace = Workspace(path, forms)
    workspace.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    window = _window(qtbot, workspace)
    view = window.secretariat_view
    status = view.status
    assert status.parent() is window.statusBar()
    qtbot.waitUntil(lambda: status.text() == "0 đơn vị thành viên")
    assert window.outside.timer.isActive()
    # another program: the command line, on the same database file
    packages = write_demo_packages(workspace.form, tmp_path / "in", H1, 3)
    other = Workspace(path, forms)
    for n, code in enumerate(("SNGV", "STTTT", "TTTT"), start=1):
        other.agencies.add(code, f"Đơn vị {n}")
    other.close()
    assert ttdn(["--db", str(path), "import", *map(str, packages)]) == 0
    qtbot.waitUntil(lambda: status.text() == "3 đơn vị thành viên", timeout=8000)
    assert view.members.codes() == ["SNGV", "STTTT", "TTTT"]
    assert view.period == H1 and window.workspace.merge.consolidation(H1).reported == 3
    notices = []
    window.ops.changed.connect(notices.append)
    window.outside.check()
    window.ops.wait()
    assert notices == []  # seen once, announced once
    window.close()
    workspace.close()


def test_the_request_to_open_a_report_goes_once_one_is_open(qtbot, agency_window):
    window = agency_window
    view = window.agency_view
    window.docx_action.trigger()
    assert view.notice.isVisible() and "Hãy mở hoặc tạo" in view.notice.label.text()
    new_report(view, H1)
    assert not view.notice.isVisible()


def test_forward_deadline_typed_the_vietnamese_way(qtbot):
    request = SimpleNamespace(deadline=date(2021, 7, 5), issuer="Ban Tuyên giáo Trung ương",
                              form_version=1)
    dialog = ForwardDialog(request)
    qtbot.addWidget(dialog)
    assert dialog.deadline.text() == "28/06/2021"
    dialog.deadline.clear()
    type_text(dialog.deadline, "30-6-21")
    assert dialog.chosen_deadline() == date(2021, 6, 30)
    dialog.deadline.clear()
    type_text(dialog.deadline, "6/7/21")
    dialog.check_and_accept()
    assert not dialog.result() and "05/07/2021" in dialog.error.text()


def _lines(label, width: int) -> list[str]:
    """The lines a word-wrapped rich-text label shows at `width`."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setHtml(label.text())
    document.setTextWidth(width)
    document.size()  # laid out now
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            lines.append(block.text()[line.textStart():line.textStart() + line.textLength()])
        block = block.next()
    return [line.strip() for line in lines if line.strip()]


def test_the_counts_break_between_items_never_inside_one(secretariat_window):
    """At 125 % the counts wrapped «… · đã / duyệt 0 · …»: a count is read whole on its line
    (found in the real window, issue 21)."""
    summary = secretariat_window.secretariat_view.dashboard.summary
    assert len(_lines(summary, 300)) > 2
    for width in (300, 420, 560, 700):
        lines = _lines(summary, width)
        for line in lines[:-1]:
            assert line.endswith(("·", "—")), lines
