"""No error vanishes: an exception nobody caught (in a slot, in a worker thread) is logged and
shown to the user as a Vietnamese sentence with the details to copy for support.

Without this, PySide6 prints the traceback to a console that a Windows user does not have,
and the button they pressed simply does nothing."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from ttdn_desktop import APP_NAME
from ttdn_desktop.util.crashlog import details, log_exception, storage_sentence

MAX_OPEN = 3  # an error repeating in a loop must not bury the window under dialogs


class ErrorReporter(QObject):
    """Installs the hooks; shows the dialog on the UI thread, wherever the error happened."""

    reported = Signal(str, str)
    storage_problem = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.storage_problem.connect(self._show_storage, Qt.ConnectionType.QueuedConnection)
        self.dialogs: list = []  # ErrorDialog (ui/error_dialog.py) or QMessageBox
        self.previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def excepthook(self, kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous[0](kind, error, trace)
            return
        self.report(error if error is not None else kind(), trace)

    def thread_excepthook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread else "?"
        self.report(args.exc_value or args.exc_type(), args.exc_traceback, f"(luồng {name})")

    def report(self, error: BaseException, trace=None, where: str = "") -> None:
        if trace is not None and error.__traceback__ is None:
            error = error.with_traceback(trace)
        try:
            log_exception(error, where)
            text = details(error)
        except Exception:  # the hook itself must never raise
            text = repr(error)
        storage = storage_sentence(error)
        if storage:  # the database or the disk, not a bug: say what to do (details are logged)
            self.storage_problem.emit(storage)
            return
        print(text, file=sys.stderr)
        self.reported.emit(f"{type(error).__name__}{' ' + where if where else ''}", text)

    def _show_storage(self, sentence: str) -> None:
        self.dialogs = [d for d in self.dialogs if _alive(d)]
        if len(self.dialogs) >= MAX_OPEN:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, sentence,
                          QMessageBox.StandardButton.Close, QApplication.activeWindow())
        box.button(QMessageBox.StandardButton.Close).setText("Đóng")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialogs.append(box)
        box.show()

    def _show(self, summary: str, text: str) -> None:
        # the dialog's module when an error first comes: the app's start loads only the hooks
        try:
            from ttdn_desktop.ui.error_dialog import ErrorDialog
        except Exception:  # noqa: BLE001 (the program's files changed under it: logged already)
            return  # an error raised here would come back to this slot without end
        self.dialogs = [d for d in self.dialogs if _alive(d)]
        if len(self.dialogs) >= MAX_OPEN:
            return  # logged already
        dialog = ErrorDialog(summary, text, QApplication.activeWindow())
        self.dialogs.append(dialog)
        dialog.show()
        dialog.raise_()


def _alive(dialog) -> bool:
    try:
        return dialog.isVisible()
    except RuntimeError:  # deleted on close
        return False
