"""Driving the Qt app as a user would, offscreen."""

import sys
import threading
import traceback
from dataclasses import asdict

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from tests.helpers import H1, demo_letterhead, show_pasted
from ttdn_desktop.core.role import Role
from ttdn_desktop.demo import demo_agencies, write_demo_packages
from ttdn_desktop.ui.figures_editor import VALUE
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.ui.operations import Operations
from ttdn_desktop.ui.ops.settings import current_settings
from ttdn_desktop.ui.settings_form import SettingsDialog
from ttdn_desktop.workspace import Workspace


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
    values = asdict(demo_letterhead(layout="state", superior_body="UBND TỈNH QUẢNG NINH",
                                    issuing_body=name.upper(), code=f"BC-{code}",
                                    signing_capacity="", signer_title="GIÁM ĐỐC",
                                    signer_name="Nguyễn Văn B",
                                    recipients="Ban Chỉ đạo TTĐN tỉnh\nLưu: VT"))
    workspace.setup.first_start(Role.AGENCY, values, code, name)


# What the UI thread may ask of its own Workspace: what it holds in memory (the forms, the
# path, the notes of the start), a sentence for an error, closing it. Everything else reads
# the database or files, and is asked by ui/ops/ in the worker.
UI_THREAD_WORKSPACE = {"form", "forms", "path", "explain", "close"}


class UiThreadSql:
    """Every SQL statement the UI thread runs on its own connection (the window's Workspace;
    the worker's connection is another one, on another thread), and every other method of
    that Workspace the UI thread calls (one that reads files: a request package, a folder, a
    key file), each with the line of ui/ that asked for it, so a failure says which flow
    still waits on SQLite or the disk.

        sql = UiThreadSql(window.workspace, monkeypatch)   # after the first window is built
        ...drive the window...
        assert sql.stop() == []

    The Workspace's methods are watched through pytest's monkeypatch, which puts them back
    after the test, failed or not."""

    def __init__(self, workspace, monkeypatch):
        self.workspace = workspace
        self.connection = workspace.db.conn
        self.statements: list[str] = []
        self._ui_thread = threading.current_thread()
        self.connection.set_trace_callback(self._trace)
        self._recording = True
        for name in dir(type(workspace)):
            member = getattr(type(workspace), name)
            if name.startswith("_") or name in UI_THREAD_WORKSPACE or not callable(member) \
                    or isinstance(member, type):
                continue
            monkeypatch.setattr(workspace, name, self._watch(name, getattr(workspace, name)))

    def _watch(self, name: str, method):
        def watched(*args, **kwargs):
            if self._recording and threading.current_thread() is self._ui_thread:
                self.statements.append(f"{self._asker()}: Workspace.{name}()")
            return method(*args, **kwargs)

        return watched

    @staticmethod
    def _asker() -> str:
        return next((f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} {frame.name}"
                     for frame in reversed(traceback.extract_stack())
                     if "/ttdn_desktop/ui/" in frame.filename.replace("\\", "/")), "?")

    def _trace(self, statement: str) -> None:
        where = "" if threading.current_thread() is self._ui_thread else " (other thread)"
        self.statements.append(f"{self._asker()}{where}: {statement.split(chr(10))[0][:120]}")

    def stop(self) -> list[str]:
        """Stop recording; what was run, one line per asking line of ui/ (its first)."""
        self.connection.set_trace_callback(None)
        self._recording = False
        firsts: dict[str, str] = {}
        for line in self.statements:
            firsts.setdefault(line.split(": ", 1)[0], line)
        return list(firsts.values())

def set_up_secretariat(workspace, members: int = 0) -> None:
    """The secretariat's first start, and the first `members` demo agencies on its list in
    their order."""
    workspace.setup.first_start(Role.SECRETARIAT, {"number": "127"})
    for order, (code, name) in enumerate(demo_agencies(members), start=1):
        workspace.agencies.add(code, name, sort_order=order)


def new_report(view, period) -> str:
    """Create (or find) the agency's report for `period` as the button does, and wait until it
    is open (it is made and read in the worker); returns its id."""
    view.create_report(period)
    view.ops.wait()
    assert view.report_id is not None and view.period == period
    return view.report_id


def active_window(qtbot, workspace, width: int = 1280, height: int = 800):
    """The main window on `workspace`, shown and active: keyboard focus goes where a user's
    typing would."""
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(width, height)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    return main


def _window(qtbot, workspace):
    main = active_window(qtbot, workspace, 1280, 720)
    main.ops.wait()  # what the window shows is read off the UI thread
    return main


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


def set_value(table, key, text: str) -> None:
    """Type a value in a figures table's cell as a user would (the cell's own edit signal)."""
    table.item(table.rows.index(key), VALUE).setText(text)


def preview_outcomes(preview) -> list[str]:
    """What the import preview would do with each file, in its order (rules.Outcome values)."""
    return [result.outcome for result in preview.results]


def visible_codes(board) -> list[str]:
    """The agency codes of the dashboard's rows as shown (filtered, sorted)."""
    return [board.proxy.index(r, 1).data() for r in range(board.proxy.rowCount())]


def uninstall_reporter(reporter) -> None:
    """Give Python back the exception hooks an ErrorReporter replaced."""
    sys.excepthook, threading.excepthook = reporter.previous


def settings_dialog(qtbot, workspace):
    """The settings dialog as the window opens it: what it shows read, what it saves written,
    by an operations worker of its own on the same database (closed with the dialog)."""
    ops = Operations(lambda: Workspace(workspace.path, workspace.forms))
    current = []
    ops.run(current_settings(), on_done=current.append)
    ops.wait()
    dialog = SettingsDialog(workspace, ops=ops, current=current[0])
    qtbot.addWidget(dialog, before_close_func=lambda _dialog: ops.close())
    return dialog


def members(workspace) -> list[tuple[str, str]]:
    """(code, name) of the members not retired: what the worker reads for the dialogs."""
    return workspace.agencies.members()
