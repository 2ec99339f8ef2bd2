"""Operations: database and file work off the UI thread, in the style of Anki's operations,
and one signal that tells every view what changed.

One Operations object per main window; the views get it as `ops`. What an operation does is
a named function of ui/ops/ (one module per domain) that returns an `Op`: the work for the
worker. What it changed is not declared by anyone: the worker's connection notes every table
written (storage/changes.py), so a caller cannot name the wrong thing or nothing:

    ops.run(reports.save_draft(report_id, sections),  # an Op, from ui/ops/
            on_done=self._saved,                               # UI thread, with the result
            on_error=self._not_saved,                          # UI thread, with a message
            source=self)                                       # who asked

    ops.changed.connect(self.on_changes)  # in every view that shows data
    def on_changes(self, changes: Changes) -> None:
        if changes.touches(REPORTS, AGENCIES) and changes.source is not self:
            ...refresh what this view shows...

- The work is given a Workspace owned by the worker thread (an SQLite connection belongs
  to the thread that opened it), never the UI's own; it must not touch widgets.
- Operations run one at a time in the order asked: a save asked before an export is written
  before the export reads.
- After on_done (or on_error: what was written before the failure stays written),
  `ops.changed` is emitted once with the kinds of change the work wrote (core/changes.py),
  its `source` set, for every view; nothing written, nothing emitted.
- `label` shows a progress dialog if the work takes over half a second; an Op made with
  `progress=True` is called as work(workspace, report) and report(done, total) moves a bar;
  report.say(sentence) puts a sentence in its place (waiting for a busy database).
- Errors: a TTDNError's message, or a sentence for anything unexpected (details logged),
  goes to on_error; without one, to `ops.failed`.
- Something that changed the database without an operation (another program, a restored
  backup) is announced with `ops.notify(Changes.of(EVERYTHING))`: every view reloads.
- `ops.wait()` runs the event loop until every queued operation has finished: for closing
  the window (the last save must land) and for tests. Nothing else should wait.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from dataclasses import dataclass, field

# QtCore.Qt, not Qt: the main window imports this module before its first paint, and
# naming Qt's namespace builds all its enums (15 ms); used here only once a window runs.
from PySide6 import QtCore
from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog

from ttdn_desktop.core.changes import EVERYTHING
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.util.crashlog import log_exception, unexpected_message


@dataclass(frozen=True)
class Changes:
    """A notice of what an operation changed: kinds of core/changes.py."""
    kinds: frozenset
    source: object = field(default=None, compare=False)  # the view that asked, if any

    @classmethod
    def of(cls, *kinds: str, source=None) -> "Changes":
        return cls(frozenset(kinds), source)

    def touches(self, *kinds: str) -> bool:
        return EVERYTHING in self.kinds or not self.kinds.isdisjoint(kinds)


@dataclass(frozen=True)
class Op:
    """What one operation does, made by a function of ui/ops/: `work(workspace)` (or
    `work(workspace, report)` with `progress`) for the worker."""
    work: object
    progress: bool = False


class _Report:
    """What a job given `progress=True` is handed, in the worker thread: report(done, total)
    moves the bar, report.say(sentence) changes the dialog's text."""

    def __init__(self, worker, job_id: int):
        self._worker, self._job_id = worker, job_id

    def __call__(self, done: int, total: int) -> None:
        self._worker.progressed.emit(self._job_id, done, total)

    def say(self, sentence: str) -> None:
        self._worker.said.emit(self._job_id, sentence)


class _Worker(QObject):
    """The worker's loop runs in a daemon Python thread, not a QThread: a program that ends
    without closing its window (a script, a crash handler) is not aborted by Qt for destroying
    a running thread. Its signals reach the UI thread as queued calls."""

    # job id, succeeded, result or message, the kinds of change it wrote
    finished_job = Signal(int, bool, object, object)
    progressed = Signal(int, int, int)        # job id, done, total
    said = Signal(int, str)                   # job id, a sentence for the progress dialog
    opened = Signal(bool, object)             # succeeded, start-up result or the exception

    def __init__(self, open_workspace):
        super().__init__()
        self.open_workspace = open_workspace
        self.jobs: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self.run, name="ttdn-operations", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def run(self) -> None:
        # An event dispatcher for this thread, made by an event loop that never runs: Qt's
        # text layout (printing is laid out and painted here) starts timers, which a thread
        # without one refuses with a warning for each.
        dispatcher = QEventLoop()  # noqa: F841 (kept for the thread's life)
        workspace = None
        while True:
            job = self.jobs.get()
            if job is None:
                break
            if job[0] is _OPEN:
                workspace = self._open(workspace, job[1])
                continue
            job_id, function, with_progress = job
            try:
                if workspace is None:
                    workspace = self.open_workspace()
                    self._track(workspace)
                if with_progress:
                    result = function(workspace, _Report(self, job_id))
                else:
                    result = function(workspace)
            except TTDNError as error:
                self.finished_job.emit(job_id, False, error.message, self._taken(workspace))
            except Exception as error:  # said as a sentence; the details go to the log
                log_exception(error)
                # a full disk, a busy or read-only database: the workspace names the cause
                message = workspace.explain(error) if workspace is not None \
                    else unexpected_message(error)
                self.finished_job.emit(job_id, False, message, self._taken(workspace))
            else:
                self.finished_job.emit(job_id, True, result, self._taken(workspace))
        if workspace is not None:
            workspace.close()

    @staticmethod
    def _track(workspace) -> None:
        try:
            workspace.track_changes()
        except Exception as error:  # noqa: BLE001 - the views then reload only by hand
            log_exception(error)

    @staticmethod
    def _taken(workspace) -> frozenset:
        """What the job wrote; nothing when the database cannot say (its error is the
        job's to tell)."""
        try:
            return workspace.take_changes() if workspace is not None else frozenset()
        except Exception as error:  # noqa: BLE001
            log_exception(error)
            return frozenset()

    def _open(self, workspace, start):
        """Opens (or reopens) the worker's Workspace and runs `start` on it. The exception
        itself goes back, not a sentence: a damaged database is answered with the backups."""
        if workspace is not None:
            workspace.close()
            workspace = None
        try:
            workspace = self.open_workspace()
            result = start(workspace)
        except Exception as error:
            if workspace is not None:
                workspace.close()
            self.opened.emit(False, error)
            return None
        self._track(workspace)
        self.opened.emit(True, result)
        return workspace


_OPEN = object()  # the job that opens the worker's Workspace at start-up


@dataclass
class _Pending:
    """An operation queued or running, with what its caller wants done after."""
    on_done: object
    on_error: object
    source: object
    dialog: QProgressDialog | None
    finishing: bool = False  # its callbacks are running (they may wait for newer work)


class Operations(QObject):
    changed = Signal(object)  # a Changes, after every operation that changed something
    failed = Signal(str)      # a failure nobody else took
    idle = Signal()           # the last queued operation has finished (its callbacks too)

    def __init__(self, open_workspace, parent_widget=None):
        """`open_workspace()`: makes the worker's Workspace (called in the worker thread)."""
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._worker = _Worker(open_workspace)
        queued = QtCore.Qt.ConnectionType.QueuedConnection
        self._worker.finished_job.connect(self._finished, queued)
        self._worker.progressed.connect(self._progressed, queued)
        self._worker.said.connect(self._said, queued)
        self._worker.opened.connect(self._opened, queued)
        self._on_opened = None
        self._worker.start()
        self.closed = False
        self._opening = False

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(self, op: Op, *, on_done=None, on_error=None, source=None,
            label: str | None = None) -> None:
        if not isinstance(op, Op):  # a named operation of ui/ops/
            raise TypeError(f"ops.run takes an Op of ui/ops/, not {type(op).__name__}")
        if self.closed:
            raise RuntimeError("operations already closed")
        job_id = next(self._ids)
        dialog = self._dialog(label) if label else None
        self._pending[job_id] = _Pending(on_done, on_error, source, dialog)
        self._worker.jobs.put((job_id, op.work, op.progress))

    def open(self, start, on_opened, on_failed) -> None:
        """At start-up, before any other operation: the worker opens its Workspace (the
        database checked, migrated) and runs start(workspace) there (the daily backup);
        on_opened(result) or on_failed(exception) then runs on the UI thread. The window is
        on screen meanwhile. Operations asked for before it ends run after it."""
        if self.closed:
            raise RuntimeError("operations already closed")
        self._on_opened = (on_opened, on_failed)
        self._opening = True
        self._worker.jobs.put((_OPEN, start))

    def _opened(self, succeeded: bool, value) -> None:
        self._opening = False
        on_opened, on_failed = self._on_opened
        self._on_opened = None
        (on_opened if succeeded else on_failed)(value)

    def notify(self, changes: Changes) -> None:
        """Tell every view about a change made outside an operation."""
        self.changed.emit(changes)

    def wait(self, timeout: float = 60) -> None:
        """Process events until every queued operation has finished (closing, tests)."""
        end = time.monotonic() + timeout
        # Asleep in the event loop until something comes: a finished job is an event, so the
        # wait ends as the worker does, not at the next poll. The timer wakes it to look at
        # the clock when nothing comes (a worker stuck longer than `timeout`).
        clock = QTimer()
        clock.start(100)
        until_more = QEventLoop.ProcessEventsFlag.WaitForMoreEvents
        while self._waiting() and time.monotonic() < end:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents | until_more)
        clock.stop()

    def _waiting(self) -> bool:
        return self._opening or any(not p.finishing for p in self._pending.values())

    def close(self) -> None:
        """Finish the queued work, then stop the worker (its Workspace closes with it)."""
        if self.closed:
            return
        self.wait()
        self.closed = True
        self._worker.jobs.put(None)
        self._worker.thread.join(10)

    # --- UI thread ------------------------------------------------------------------------------
    def _dialog(self, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, "", 0, 0, self.parent_widget)
        dialog.setWindowTitle("Đang xử lý")
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(500)
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        dialog.setAutoClose(True)
        return dialog

    def _progressed(self, job_id: int, done: int, total: int) -> None:
        pending = self._pending.get(job_id)
        if pending is not None and pending.dialog is not None:
            pending.dialog.setMaximum(total)
            pending.dialog.setValue(done)

    def _said(self, job_id: int, sentence: str) -> None:
        pending = self._pending.get(job_id)
        if pending is not None and pending.dialog is not None:
            dialog = pending.dialog
            label = dialog.findChild(QLabel)
            if label is not None and not label.wordWrap():  # a sentence, not a few words
                label.setWordWrap(True)
                dialog.setMinimumWidth(min(560, dialog.screen().availableGeometry().width()))
            dialog.setLabelText(sentence)
            dialog.show()  # a wait is said at once, not after the dialog's delay

    def _finished(self, job_id: int, succeeded: bool, value, kinds: frozenset) -> None:
        pending = self._pending.get(job_id)
        if pending is None:
            return
        pending.finishing = True
        if pending.dialog is not None:
            pending.dialog.reset()
            pending.dialog.deleteLater()
        try:
            if not succeeded:
                (pending.on_error or self.failed.emit)(value)
            elif pending.on_done is not None:
                pending.on_done(value)
            if kinds:
                self.changed.emit(Changes(kinds, pending.source))
        finally:
            # removed last, so `busy` stays true until the views have been told
            del self._pending[job_id]
            if not self._pending:
                self.idle.emit()
