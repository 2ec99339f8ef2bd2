"""The main window: the frame (menus, toolbar, status bar, the page), on screen before the
database is open, and the parts it hands its concerns to once it is: ui/startup.py builds the
page of the role, ui/session.py keeps the session and the geometry, ui/commands.py,
ui/import_actions.py, ui/export_actions.py and ui/print_actions.py do what the menus
(ui/menus.py) ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QMainWindow, QMessageBox,
                               QStackedWidget, QVBoxLayout, QWidget)

from ttdn_desktop import APP_NAME
from ttdn_desktop.ui.menus import Menus
from ttdn_desktop.ui.operations import Operations
from ttdn_desktop.ui.qt_vi import install as install_vietnamese
from ttdn_desktop.ui.screen_fit import fit_size

if TYPE_CHECKING:
    from ttdn_desktop.ui.agency_view import AgencyView
    from ttdn_desktop.ui.secretariat_view import SecretariatView

# The start-up boundary. The first paint imports only this module, ui/menus.py and
# ui/operations.py: the window, its menus and "Đang mở cơ sở dữ liệu…". Then the worker
# imports ui/ops/setup.py (the workspace, storage) as it opens the database,
# and once it has, the UI thread imports ui/startup.py (the window's parts, the page), as
# the two functions below (bench/bench_startup.py measures both moments: first paint, ready
# to type).
def _worker_setup():
    from ttdn_desktop.ui.ops import setup
    return setup


def _startup():
    from ttdn_desktop.ui import startup
    return startup


def _start(workspace):
    """In the worker, as it opens the database: what ui/ops/setup.py reads for the page."""
    return _worker_setup().start(workspace)


def _centered(widget):
    """`widget` in the middle of a page (stretches around it: no alignment enum needed)."""
    page = QWidget()
    rows = QVBoxLayout(page)
    rows.addStretch(1)
    line = QHBoxLayout()
    line.addStretch(1)
    line.addWidget(widget)
    line.addStretch(1)
    rows.addLayout(line)
    rows.addStretch(1)
    return page


class _FirstPaint(QObject):
    """Tells when the window has painted once (its first update request done), then goes. A
    window that is never painted (started minimized, a screen locked) is told after
    LATEST_MS all the same: its database opens and later starts can hand over to it."""

    LATEST_MS = 1000

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.told = False
        window.installEventFilter(self)
        QTimer.singleShot(self.LATEST_MS, self._tell)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            self.window.removeEventFilter(self)
            # queued: told once this paint is done
            QTimer.singleShot(0, self._tell)
        return False

    def _tell(self) -> None:
        if not self.told:
            self.told = True
            self.window.first_painted.emit()


class MainWindow(QMainWindow):
    """The window comes first, the data after: `MainWindow()` is the frame with its menus
    (every action off) and a line saying the database is being opened; `open_database(path)`
    opens it on the worker thread and `attach(workspace)` builds the page. `MainWindow(ws)`
    does both at once (tests, a database already open)."""

    attached = Signal()       # the page of the opened database is built
    first_painted = Signal()  # the window is on screen: start-up work may begin

    def __init__(self, workspace=None):
        super().__init__()
        install_vietnamese(QApplication.instance())
        self.workspace = None
        self.ops: Operations | None = None
        self.outside = None  # ui/watcher.py, once the database is open
        # the window's parts, made once the database is open (attach)
        self.pages = self.session = None
        self._parts: dict = {}  # commands, imports, exports, prints: made when first used
        self.setWindowTitle(APP_NAME)
        fit_size(self, 1280, 800)
        self._closing = False
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.opening_label = QLabel("Đang mở cơ sở dữ liệu…")
        self.stack.addWidget(_centered(self.opening_label))
        self.agency_view: AgencyView | None = None
        self.secretariat_view: SecretariatView | None = None
        self.saved_label = QLabel()
        self.words_label = QLabel()
        self.statusBar().addPermanentWidget(self.words_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        self.menus = Menus(self)
        self.menus.set_all(False)
        self._first_paint = _FirstPaint(self)
        self.first_painted.connect(self.menus.set_shortcuts)
        if workspace is not None:
            self._make_operations(lambda: _worker_setup().worker_workspace(workspace.path,
                                                                           workspace.forms))
            self.attach(workspace)

    def _make_operations(self, open_workspace) -> None:
        self.ops = Operations(open_workspace, self)
        self.ops.failed.connect(lambda message: self.notify(message, "error"))

    def open_database(self, path, on_failed) -> None:
        """Start-up: the worker opens and checks the database while this window is already on
        screen; then the page is built here, and the day's backup and the signing key follow
        a moment later (after_page). on_failed(exception) if it cannot be used (damaged,
        busy, read-only, newer)."""
        if self._closing:  # closed before its first paint
            return
        if self.ops is None:
            self._make_operations(lambda: _worker_setup().worker_workspace(path))
        self.ops.open(_start,
                      lambda result: self._opened(path, result),
                      lambda error: None if self._closing else on_failed(error))

    def _opened(self, path, result) -> None:
        if self._closing:  # closed while it opened: nothing to show, nothing to save
            return
        forms, state = result
        self.attach(_startup().window_workspace(path, forms), state)

    def attach(self, workspace, state=None) -> None:
        """Build the page of an open workspace: the setup, the agency's or the secretariat's.
        `state` (ops.setup.PageState) as read by the worker; without it (a workspace opened by
        the caller), the worker reads it now."""
        startup = _startup()
        if state is None:
            state = startup.read_state(self.ops)
        self.workspace = workspace
        self.menus.set_shortcuts()
        startup.make_parts(self, state)
        self.menus.set_all(True)
        self.session.restore_geometry(state.geometry)
        self.pages.show(state)
        self.stack.removeWidget(self.stack.widget(0))
        self.session.offer_recovery(state.recovery)
        self.warn(state.warnings)
        self.session.write(clean=False)
        self.attached.emit()

    def after_page(self) -> None:
        """A moment after the page is up: ui/startup.py `after_page`."""
        _startup().after_page(self)

    def _part(self, name: str):
        part = self._parts.get(name)
        if part is None:
            part = self._parts[name] = _startup().action_part(name, self)
        return part

    # what the menus' actions do (ui/commands.py, ui/import_actions.py, ui/export_actions.py,
    # ui/print_actions.py), made when an action first asks
    commands = property(lambda self: self._part("commands"))
    imports = property(lambda self: self._part("imports"))
    exports = property(lambda self: self._part("exports"))
    prints = property(lambda self: self._part("prints"))

    def report_opened(self) -> None:
        """A report is open: a request to open one, if the exports made it, goes."""
        if "exports" in self._parts:
            self.exports.report_opened()

    def update_title(self) -> None:
        view = self.agency_view  # the secretariat's title names nobody
        who = f" — {view.own_name}" if view is not None and view.own_name else ""
        self.setWindowTitle(f"{APP_NAME}{who}")

    def notify(self, message: str, kind: str = "info", actions=(), *,
               keep_offer: bool = False) -> None:
        """In the page's notice bar (else the status bar). `keep_offer`: added below an offer
        the bar is making rather than in its place (NoticeBar.add_message)."""
        view = self.agency_view or self.secretariat_view
        if view is not None and keep_offer:
            view.notice.add_message(message, kind)
        elif view is not None:
            view.notice.show_message(message, kind, actions)
        else:
            self.statusBar().showMessage(message, 10000)

    def warn(self, sentences: list[str]) -> None:
        """What the start has to warn about (a network share, a backup that failed), all of it
        at once and below an offer the bar is making (to go back after a crash), never in its
        place."""
        if sentences:
            self.notify("\n".join(sentences), "warning", keep_offer=True)

    def import_paths(self, paths) -> None:
        """Dropped or picked files (ui/import_actions.py)."""
        self.imports.import_paths(paths)

    def open_keys(self, party: str | None = None) -> None:
        """Công cụ › Khóa ký và đối chiếu (ui/commands.py); asked for by the views too."""
        self.commands.open_keys(party)

    def activate(self) -> None:
        """Another start on the same database handed over to us: come to the front."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def dragEnterEvent(self, event) -> None:
        # a role is set up once a view is shown (asked of the view: a drag asks on every move)
        if (self.agency_view or self.secretariat_view) and self.imports.takes(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = self.imports.dropped(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def closeEvent(self, event) -> None:
        if self.workspace is None:
            self._closing = True  # whatever is still opening will not build a page
        if self.ops is None or self.ops.closed:
            super().closeEvent(event)
            return
        if self.workspace is None:  # closed while opening: the worker finishes first
            self.ops.close()
            super().closeEvent(event)
            return
        self.outside.stop()
        if self.secretariat_view is not None:
            self.secretariat_view.merge.save_now()
        if self.agency_view is not None:
            self.agency_view.save_now()
        self.session.write(clean=True, geometry=True)
        self.ops.wait()  # the last save must land before the window goes
        view = self.agency_view
        if view is not None and view.has_unsaved():
            # never lose the window with unsaved text silently: the save failed, say so, stay
            QMessageBox.critical(self, APP_NAME, "Chưa lưu được phần vừa soạn (lý do ở thông báo "
                                 "trong cửa sổ). Cửa sổ vẫn mở để bạn không mất chữ; hãy thử "
                                 "lại hoặc chép phần đó ra nơi khác.")
            event.ignore()
            return
        self.ops.close()
        super().closeEvent(event)
