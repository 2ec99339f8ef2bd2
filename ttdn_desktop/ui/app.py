"""Starting the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from ttdn_desktop import APP_NAME, __version__
from ttdn_desktop.core.errors import TTDNError


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        # Fractional scaling (125 %, 150 %) as Windows sets it, not rounded to whole steps.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("TTDN")
    # Operations run Python in a worker thread; by default a thread waiting for the GIL waits
    # up to 5 ms at a time, and the UI thread needs it for every slot: a shorter switch keeps
    # the event loop within a frame while the worker consolidates.
    sys.setswitchinterval(0.001)
    from ttdn_desktop.ui.qt_vi import install
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
    from ttdn_desktop.ui.errors import ErrorReporter
    from ttdn_desktop.util.crashlog import setup_logging
    setup_logging()
    reporter = ErrorReporter(app)
    reporter.install()
    app.error_reporter = reporter  # lives as long as the application
    return reporter


def run_app(db_path=None, smoke: bool = False) -> int:
    app = make_application()
    install_error_handling(app)
    from ttdn_desktop.ui.instance import InstanceGuard, hand_over
    from ttdn_desktop.ui.main_window import MainWindow
    from ttdn_desktop.workspace import resolve_db_path

    path = resolve_db_path(db_path)
    guard = InstanceGuard(path)
    try:
        acquired = guard.acquire()
    except TTDNError as error:  # the folder is read-only: not "open in another window"
        _tell(error.message, smoke)
        return 1
    if not acquired:
        if hand_over(path):
            print("TTĐN Desktop đang mở với cơ sở dữ liệu này; đã chuyển sang cửa sổ đó.",
                  file=sys.stderr)
            return 0
        _tell(f"TTĐN Desktop đang mở với cơ sở dữ liệu «{path}» ở một cửa sổ khác. Hãy dùng "
              "cửa sổ đó (mỗi cơ sở dữ liệu chỉ mở ở một nơi, để không ghi đè lên nhau).", smoke)
        return 1
    workspace = open_workspace(path, smoke)
    if workspace is None:
        guard.release()
        return 1
    window = MainWindow(workspace)
    guard.activated.connect(window.activate)
    window.show()
    if smoke:
        # Paint once for real, then quit: proves Qt, the database and the forms all load.
        app.processEvents()
        window.grab()
        QTimer.singleShot(0, window.close)
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    workspace.close()
    guard.release()
    return code


def open_workspace(path, smoke: bool = False):
    """The workspace of `path`, after a daily backup; None (the user told why) if it cannot be
    used. A damaged database offers its backups to restore, then opens the restored one."""
    from ttdn_desktop.ui.restore_dialog import RestoreDialog
    from ttdn_desktop.util.storage_errors import DatabaseDamaged
    from ttdn_desktop.workspace import Workspace
    while True:
        try:
            workspace = Workspace(path)
        except DatabaseDamaged as error:
            if smoke:
                _tell(error.message, smoke)
                return None
            dialog = RestoreDialog(path, error.message)
            if dialog.exec() != RestoreDialog.DialogCode.Accepted:
                return None
            QMessageBox.information(None, APP_NAME, f"Đã khôi phục cơ sở dữ liệu từ bản sao lưu "
                                    f"lúc {dialog.restored.taken_at:%H:%M:%S ngày %d/%m/%Y}. "
                                    f"Tệp hỏng được giữ lại là «{dialog.kept}».")
            continue
        except TTDNError as error:
            _tell(error.message, smoke)
            return None
        try:
            workspace.daily_backup()
        except TTDNError as error:  # the app still opens; the user knows backups are failing
            workspace.notes.append(error.message)
        try:
            workspace.signer  # the signing key is made at the first start, not at the first send
        except TTDNError as error:
            workspace.notes.append(error.message)
        return workspace
