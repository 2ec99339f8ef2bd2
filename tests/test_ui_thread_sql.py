"""The UI thread never waits on SQLite: once the first window is built, every flow a user
drives (open a report, switch sections, type, create a report, find, print, settings; the
secretariat's dashboard, merge, search, review, members) runs its SQL in the operations'
worker thread, and so do the reads of files (a request package, a folder dropped, a key
file). UiThreadSql records what the window's own connection runs and which of its Workspace's
methods the UI thread calls; a failure names the line of ui/ that still asks on the UI thread.
Outside ui/ops/, ui/ calls no Workspace method that reads the database or files."""

import ast
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from ttdn_desktop.core import rules
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.settings import FOLDER, LAST_REPORT
from ttdn_desktop.demo import write_demo_packages
from ttdn_desktop.ui import filedialogs, print_actions, printing
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.ui.secretariat_view import RequestDialog
from ttdn_desktop.ui.upward_panel import IdentityDialog
from ttdn_desktop.workspace import Workspace

from .test_word_safety import FULL
from .uihelpers import (UI_THREAD_WORKSPACE, UiThreadSql, preview_outcomes, set_up_agency,
                        set_up_secretariat, set_value, type_text, visible_codes)

H1 = Period.parse("2021-H1")
H2 = Period.parse("2021-H2")


def _window(qtbot, workspace):
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.ops.wait()
    return window


def _settle(qtbot, window):
    window.ops.wait()
    QApplication.processEvents()
    window.ops.wait()


@pytest.fixture
def agency(qtbot, tmp_path, forms):
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    set_up_agency(workspace)
    last = workspace.reports.new("SNGV", Period.parse("2020-H1"))
    workspace.reports.save_draft(last, {"an_pham": "Năm trước"})
    first = workspace.reports.new("SNGV", H1)
    workspace.reports.save_draft(first, {"an_pham": "Phát hành bản tin"})
    workspace.setup.set_state(LAST_REPORT, first)
    window = _window(qtbot, workspace)
    yield window, first, last
    window.close()
    workspace.close()


def test_agency_flows_run_no_sql_on_the_ui_thread(qtbot, agency, tmp_path, monkeypatch):
    window, first, last = agency
    view = window.agency_view
    assert view.report_id == first
    sql = UiThreadSql(window.workspace, monkeypatch)
    # open another report from the tree, then back, switching sections
    item = next(view.tree.topLevelItem(n) for n in range(view.tree.topLevelItemCount())
                if view.tree.topLevelItem(n).data(0, Qt.ItemDataRole.UserRole)[0] == last)
    view.tree.setCurrentItem(item)
    _settle(qtbot, window)
    assert view.report_id == last
    view.open_report(first, "s:an_pham")
    _settle(qtbot, window)
    assert view.prose.editor.toPlainText() == "Phát hành bản tin"
    view.show_section(f"s:{view.form.prose_sections[0].id}")
    view.show_section("s:an_pham")
    # type, let autosave run
    type_text(view.prose.editor, " đối ngoại")
    qtbot.waitUntil(lambda: window.saved_label.text().startswith("Đã lưu"), timeout=5000)
    # a new report
    view.create_report(H2)
    _settle(qtbot, window)
    assert view.period == H2
    # find across the report
    view.open_find()
    # print to PDF, then the preview
    out = tmp_path / "in.pdf"
    window.prints.print_pdf(str(out))
    qtbot.waitUntil(lambda: "Đã in" in view.notice.label.text(), timeout=20000)
    assert out.read_bytes().startswith(b"%PDF")
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: getattr(window.prints, "preview_dialog", None) is not None
                    and window.prints.preview_dialog.isVisible(), timeout=20000)
    window.prints.preview_dialog.close()
    # Ctrl+P: the print dialog, accepted (a printer that writes to a file)
    printed = tmp_path / "may-in.pdf"

    def to_file(job):
        printer = printing.a4_printer(job.letterhead, margins=job.margins)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(print_actions, "a4_printer", to_file)
    window.print_action.trigger()
    _settle(qtbot, window)
    window.prints.print_dialog.accept()
    qtbot.waitUntil(lambda: printed.exists() and not window.ops.busy, timeout=20000)
    # settings: a letterhead field changed and accepted
    window.commands.open_settings()
    _settle(qtbot, window)
    dialog = window.commands.settings_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    _settle(qtbot, window)
    dialog.form.inputs["signer_name"].setText("Trần Văn C")
    dialog.save()
    _settle(qtbot, window)
    found = sql.stop()
    assert not found, "SQL on the UI thread:\n" + "\n".join(found)
    assert window.workspace.setup.letterhead().signer_name == "Trần Văn C"
    assert "đối ngoại" in window.workspace.reports.content(first).sections["an_pham"]


@pytest.fixture
def secretariat(qtbot, tmp_path, forms, form):
    workspace = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(workspace, 6)
    workspace.imports.run(write_demo_packages(form, tmp_path / "in", H1, 5))
    window = _window(qtbot, workspace)
    yield window
    for review in window.secretariat_view.reviews:
        review.close()
    window.close()
    workspace.close()


def test_secretariat_flows_run_no_sql_on_the_ui_thread(qtbot, secretariat, tmp_path, form,
                                                       monkeypatch):
    window = secretariat
    view = window.secretariat_view
    sql = UiThreadSql(window.workspace, monkeypatch)
    view.select_period(H1)
    _settle(qtbot, window)
    assert visible_codes(view.dashboard)
    # the merge view, section after section
    view.tabs.setCurrentWidget(view.merge)
    for row in range(min(4, view.merge.sections.count())):
        view.merge.sections.setCurrentRow(row)
        _settle(qtbot, window)
    # search, and a hit opens its review window
    view.tabs.setCurrentWidget(view.search)
    view.search.field.setText("phan bac")
    view.search.run()
    qtbot.waitUntil(lambda: view.search.results.rowCount() > 0, timeout=5000)
    view.search.results.cellDoubleClicked.emit(0, 0)
    _settle(qtbot, window)
    review = view.reviews[-1]
    qtbot.waitUntil(lambda: "Đấu tranh" in review.current.toPlainText(), timeout=5000)
    review.comment.setText("Bổ sung số liệu")
    review.ask_changes()
    _settle(qtbot, window)
    review.accept_report()
    _settle(qtbot, window)
    assert "đã duyệt" in review.header.text()
    # members: add, rename
    members = view.members
    members.new_code.setText("xa20")
    members.new_name.setText("UBND xã Quan Lạn")
    members.add()
    _settle(qtbot, window)
    row = members.codes().index("XA20")
    members.table.item(row, 1).setText("UBND đặc khu Vân Đồn")
    _settle(qtbot, window)
    # a request to the members, written to the file chosen (the folder remembered)
    request = tmp_path / "de-nghi.ttdn"
    monkeypatch.setattr(filedialogs, "save_file", lambda parent, *a, **k: (
        filedialogs.remember(window.workspace, "export", str(request), parent),
        str(request))[1])
    view.choose_request()
    _settle(qtbot, window)
    dialog = view.findChild(RequestDialog)
    assert dialog.agency.count() == 8  # all, and the 7 members not retired
    dialog.accept()
    _settle(qtbot, window)
    assert request.exists()
    # our name at the level above, asked for, then the package for it
    upward = tmp_path / "len.ttdn"
    monkeypatch.setattr(filedialogs, "save_file", lambda *a, **k: str(upward))
    view.choose_upward_export()
    _settle(qtbot, window)
    identity = view.findChild(IdentityDialog)
    identity.code.setText("QNINH")
    identity.name.setText("Tỉnh Quảng Ninh")
    identity.accept()
    _settle(qtbot, window)
    assert upward.exists()
    found = sql.stop()
    assert not found, "SQL on the UI thread:\n" + "\n".join(found)
    assert window.workspace.agencies.get("XA20")["name"] == "UBND đặc khu Vân Đồn"
    assert window.workspace.setup.state(FOLDER, "export") == str(tmp_path)


def test_switching_reports_quickly_loses_no_edit(qtbot, agency):
    """An edit queued for saving is written before the next report is read (operations run
    in order); a report asked for and then left before it came is not shown; while one is
    being read, the text on screen takes no typing (it is about to be replaced)."""
    window, first, last = agency
    view = window.agency_view
    view.show_section("s:an_pham")
    view.prose.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(view.prose.editor, " mới")
    view.open_report(last)  # at once, before the automatic save
    assert view.heading.text() == "Đang mở báo cáo…"
    type_text(view.prose.editor, " lạc")  # the old report is read-only until the new one
    view.open_report(first, "s:an_pham")  # changed one's mind before it came
    window.ops.wait()
    assert view.report_id == first and view.section_key == "s:an_pham"
    assert view.prose.editor.toPlainText() == "Phát hành bản tin mới"
    assert not view.prose.editor.isReadOnly()
    assert window.workspace.reports.content(first).sections["an_pham"] == "Phát hành bản tin mới"


def test_the_agency_name_in_the_title_follows_a_rename_from_outside(qtbot, agency):
    """Who we are is held by the view (read as it is built), and read again with the reports
    whenever they are: a rename made elsewhere reaches the title without a query of its own."""
    window, _first, _last = agency
    assert window.windowTitle().endswith("— Sở Ngoại vụ")
    with Workspace(window.workspace.path, window.workspace.forms) as other:  # the CLI, say
        other.agencies.update("SNGV", name="Sở Ngoại vụ tỉnh")
    window.outside.check()
    window.ops.wait()
    assert window.windowTitle().endswith("— Sở Ngoại vụ tỉnh")


def test_figures_typed_while_the_same_report_is_read_again_are_kept(qtbot, agency):
    """«Mở lại chỗ đang soạn» on the report already open: a figure typed while it is read
    again is saved, and the report read once more with it."""
    window, first, _last = agency
    view = window.agency_view
    view.show_section("g:an_pham")
    view.open_report(first, "g:an_pham")
    set_value(view.groups["an_pham"], ("ban_an_pham", ""), "3000")  # while it is being read
    window.ops.wait()
    assert view.section_key == "g:an_pham" and not view.has_unsaved()
    assert view.values[("ban_an_pham", "")] == 3000
    assert window.workspace.reports.content(first).figures[("ban_an_pham", "")] == 3000


def test_first_start_reads_the_request_and_sets_up_in_the_worker(qtbot, tmp_path, forms,
                                                                 monkeypatch):
    """The setup page: the request package chosen is read, and the choices written, by the
    worker; before, the page read the package on the UI thread."""
    secretariat = Workspace(tmp_path / "btg.sqlite3", forms)
    set_up_secretariat(secretariat, 3)
    request = tmp_path / "de-nghi.ttdn"
    request.write_bytes(secretariat.files.request_bytes(H2, "SNGV", date(2021, 12, 12)))
    secretariat.close()
    workspace = Workspace(tmp_path / "donvi.sqlite3", forms)
    window = _window(qtbot, workspace)
    page = window.stack.currentWidget()
    sql = UiThreadSql(window.workspace, monkeypatch)
    page.use_request(request)
    _settle(qtbot, window)
    assert page.agency.currentData() == "SNGV"
    page.letterhead.inputs["superior_body"].setPlainText("UBND TỈNH QUẢNG NINH")
    page.letterhead.inputs["place"].setText("Quảng Ninh")
    page.start.click()
    _settle(qtbot, window)
    found = sql.stop()
    assert not found, "SQL or files on the UI thread:\n" + "\n".join(found)
    assert window.agency_view is not None and window.workspace.reports.find("SNGV", H2)
    window.close()
    workspace.close()


def test_files_brought_in_and_key_files_are_read_in_the_worker(qtbot, secretariat, tmp_path,
                                                               form, monkeypatch):
    """A folder dropped on the secretariat's window is expanded, a Word report read for its
    confirmation window and a key file looked at, all by the worker; before, the folder and
    the key file were read on the UI thread."""
    window = secretariat
    view = window.secretariat_view
    folder = tmp_path / "thu-den"
    write_demo_packages(form, folder, H2, 2)
    (folder / "bao-cao.docx").write_bytes(FULL)
    key = tmp_path / "khoa.ttdnkey"
    window.workspace.keys.export(key, "mật khẩu dài")
    sql = UiThreadSql(window.workspace, monkeypatch)
    window.import_paths([str(folder)])
    _settle(qtbot, window)
    assert sorted(preview_outcomes(view.preview)).count(rules.WORD) == 1
    view.preview.word_button.click()
    _settle(qtbot, window)
    assert view.word_dialogs[-1].report.file_name == "bao-cao.docx"
    view.word_dialogs[-1].reject()
    view.apply_import(view.preview.paths)
    _settle(qtbot, window)
    monkeypatch.setattr(filedialogs, "open_file", lambda *a, **k: str(key))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("mật khẩu dài", True)))
    window.open_keys()
    _settle(qtbot, window)
    window.commands.keys_dialog.restore_key()
    _settle(qtbot, window)
    found = sql.stop()
    assert not found, "SQL or files on the UI thread:\n" + "\n".join(found)
    assert window.workspace.reports.find("SNGV", H2) is not None
    window.commands.keys_dialog.close()


def test_ui_asks_the_workspace_only_through_ui_ops():
    """Outside ui/ops/, no work function (a `ws` parameter) and no Workspace method but what
    it holds in memory: what reads the database or files is an operation of ui/ops/, run in
    the worker, and declares what it changes there."""
    ui = Path(__file__).resolve().parent.parent / "ttdn_desktop" / "ui"
    found = []
    for path in sorted(ui.glob("*.py")):
        if path.name == "operations.py":  # the runner hands the worker its Workspace
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.Lambda)) and any(
                    a.arg == "ws" for a in node.args.args):
                found.append(f"{path.name}:{node.lineno} a work function outside ui/ops/")
            if isinstance(node, ast.Attribute) and node.attr not in UI_THREAD_WORKSPACE and (
                    isinstance(node.value, ast.Name) and node.value.id == "workspace"
                    or isinstance(node.value, ast.Attribute) and node.value.attr == "workspace"):
                found.append(f"{path.name}:{node.lineno} workspace.{node.attr}")
    assert not found, "\n".join(found)
