"""Starting the desktop app.

What the first paint imports: this module and what it names at its top (the main window with
its menus, the instance lock, the log's paths), nothing of the database. What waits is imported
where it is first needed: the error reporter (install_error_handling, just after the first
paint), the hand-over server (ui/instance.py, a moment after the page is up: nothing of it is
needed to type, and a later start waits for it) and the restore dialog (_recover, only when the database cannot be opened; it brings the
workspace). The worker thread imports the workspace itself when it opens the database
(ui/main_window.py `_worker_workspace`)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ttdn_desktop import APP_NAME, __version__
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.ui.instance import LISTEN_AFTER_MS, LISTEN_LATEST_MS, InstanceGuard, hand_over
from ttdn_desktop.ui.main_window import MainWindow
from ttdn_desktop.ui.qt_vi import install
from ttdn_desktop.util.crashlog import log_exception, setup_logging, unexpected_message
from ttdn_desktop.util.paths import resolve_db_path
from ttdn_desktop.util.storage_errors import DatabaseDamaged, DatabaseMissing


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        # Fractional scaling (125 %, 150 %) as Windows sets it, not rounded to whole steps, is
        # Qt 6's default rounding policy (PassThrough; tests/test_ui_start.py checks it). Not
        # set here: naming it builds Python enums for all of Qt's namespace, 15 ms of start-up.
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("TTDN")
    # Operations run Python in a worker thread; by default a thread waiting for the GIL waits
    # up to 5 ms at a time, and the UI thread needs it for every slot: a shorter switch keeps
    # the event loop within a frame while the worker consolidates.
    sys.setswitchinterval(0.001)
    install(app)
    return app


def _tell(message: str, smoke: bool) -> None:
    if smoke:
        print(f"ttdn: {message}", file=sys.stderr)
    else:
        QMessageBox.warning(None, APP_NAME, message)


def install_error_handling(app) -> "ErrorReporter":
    """The log in the data folder, native crashes beside it, and every uncaught exception (UI
    thread or worker) shown to the user with its details."""
    from ttdn_desktop.ui.errors import ErrorReporter  # after the first paint (module docstring)
    setup_logging()
    reporter = ErrorReporter(app)
    reporter.install()
    app.error_reporter = reporter  # lives as long as the application
    return reporter


def run_app(db_path=None, smoke: bool = False) -> int:
    app = make_application()
    started = launch(app, db_path, smoke)
    if isinstance(started, int):
        return started
    window, guard = started
    if smoke:
        # Paint once for real once the page is built, then quit: proves Qt, the database and
        # the forms all load.
        def painted() -> None:
            window.grab()
            QTimer.singleShot(0, window.close)
            QTimer.singleShot(0, app.quit)
        window.attached.connect(painted)
    code = app.exec()  # 1 if the database could not be used (_open_after_paint)
    if window.workspace is not None:
        window.workspace.close()
    guard.release()
    return code


def launch(app, db_path=None, smoke: bool = False):
    """(window, instance guard), or an exit code if this start hands over or cannot run.

    The window is on screen first (its frame and menus, "Đang mở cơ sở dữ liệu…"); the
    database is opened, checked and backed up on the worker thread meanwhile, and the page is
    built when it is ready: a large database never keeps the user looking at nothing."""

    path = resolve_db_path(db_path)
    guard = InstanceGuard(path)
    try:
        acquired = guard.acquire(listen=False)
    except TTDNError as error:  # the folder is read-only: not "open in another window"
        _tell(error.message, smoke)
        return 1
    if not acquired:
        if hand_over(path):
            print("TTĐN Desktop đang mở với cơ sở dữ liệu này; đã chuyển sang cửa sổ đó.",
                  file=sys.stderr)
            return 0
        # the other window may have closed while this start waited for it
        acquired = guard.acquire(listen=False)
    if not acquired:
        _tell(f"TTĐN Desktop đang mở với cơ sở dữ liệu «{path}» ở một cửa sổ khác. Hãy dùng "
              "cửa sổ đó (mỗi cơ sở dữ liệu chỉ mở ở một nơi, để không ghi đè lên nhau).", smoke)
        return 1
    window = MainWindow()
    guard.activated.connect(window.activate)
    window.show()
    # after the first paint: error reporting, then the database
    window.first_painted.connect(
        lambda: QTimer.singleShot(0, lambda: _open_after_paint(app, window, guard, path, smoke)))
    return window, guard


def _open_after_paint(app, window, guard, path, smoke: bool) -> None:
    install_error_handling(app)
    # a moment after the page is up: later starts on this database are answered
    # (ui/instance.py), and the day's backup and the signing key follow (window.after_page);
    # a page slow to come (a long check, the restore dialog) answers later starts all the same
    # after LISTEN_LATEST_MS
    window.attached.connect(lambda: QTimer.singleShot(
        LISTEN_AFTER_MS, lambda: (guard.listen(), window.after_page())))
    QTimer.singleShot(LISTEN_LATEST_MS, guard.listen)

    def failed(error: Exception) -> None:
        if _recover(window, path, error, smoke):
            window.open_database(path, failed)  # the restored copy
        else:
            app.exit(1)  # before the window goes, whose closing would quit with 0
            window.close()

    window.open_database(path, failed)


def _recover(window, path, error: Exception, smoke: bool) -> bool:
    """The database could not be opened: a damaged one offers its backups (then opens the
    restored one); anything else is said. True if a backup was restored."""
    from ttdn_desktop.ui.restore_dialog import RestoreDialog  # on failure only (docstring)
    if isinstance(error, (DatabaseDamaged, DatabaseMissing)) and not smoke:
        title = None if isinstance(error, DatabaseDamaged) else \
            "Không thấy cơ sở dữ liệu — khôi phục từ bản sao lưu"
        dialog = RestoreDialog(path, error.message, window, title)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted:
            return False
        aside = f" Tệp cũ được giữ lại là «{dialog.kept}»." if dialog.kept else ""
        QMessageBox.information(window, APP_NAME, f"Đã khôi phục cơ sở dữ liệu từ bản sao lưu "
                                f"lúc {dialog.restored.taken_at:%H:%M:%S ngày %d/%m/%Y}.{aside}")
        return True
    if isinstance(error, TTDNError):
        _tell(error.message, smoke)
    else:  # a bug: the details go to the log
        log_exception(error)
        _tell(unexpected_message(error), smoke)
    return False
