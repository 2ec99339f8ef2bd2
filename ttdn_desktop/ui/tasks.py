"""Long work (exports, imports) off the UI thread, with a progress dialog that only appears
when the work takes over half a second."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.util.crashlog import unexpected_message


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, function, with_progress: bool):
        super().__init__()
        self.function = function
        self.with_progress = with_progress
        self.signals = _Signals()

    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.function(lambda done, total: self.signals.progress.emit(done, total))
            else:
                result = self.function()
        except TTDNError as error:
            self.signals.failed.emit(error.message)
        except Exception as error:  # reported as a sentence; the details go to the log
            traceback.print_exc()
            self.signals.failed.emit(unexpected_message(error))
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """Runs one function at a time in the thread pool. Functions must not touch the database
    (its connection belongs to the UI thread): read what they need before, write after."""

    finished = Signal()

    def __init__(self, parent_widget):
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.running = 0
        self._jobs = []

    def run(self, label: str, function, on_done, on_error, with_progress: bool = False) -> None:
        """`with_progress`: the function takes a `report(done, total)` callable, shown as a bar."""
        progress = QProgressDialog(label, "", 0, 0, self.parent_widget)
        progress.setWindowTitle("Đang xử lý")
        progress.setCancelButton(None)
        progress.setMinimumDuration(500)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(True)
        job = _Job(function, with_progress)
        def show_progress(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        job.signals.progress.connect(show_progress)
        self._jobs.append(job)
        self.running += 1

        def finish(callback, value):
            progress.reset()
            progress.deleteLater()
            self.running -= 1
            self._jobs.remove(job)
            callback(value)
            self.finished.emit()

        job.signals.done.connect(lambda value: finish(on_done, value))
        job.signals.failed.connect(lambda message: finish(on_error, message))
        QThreadPool.globalInstance().start(job)
