"""Starting the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ttdn_desktop import APP_NAME, __version__
from ttdn_desktop.core.errors import TTDNError


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("TTDN")
    return app


def run_app(db_path=None, smoke: bool = False) -> int:
    app = make_application()
    from ttdn_desktop.ui.main_window import MainWindow
    from ttdn_desktop.workspace import Workspace
    try:
        workspace = Workspace(db_path)
    except TTDNError as error:
        if smoke:
            print(f"ttdn: {error.message}", file=sys.stderr)
        else:
            QMessageBox.critical(None, APP_NAME, error.message)
        return 1
    window = MainWindow(workspace)
    window.show()
    if smoke:
        # Paint once for real, then quit: proves Qt, the database and the forms all load.
        app.processEvents()
        window.grab()
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    workspace.close()
    return code
