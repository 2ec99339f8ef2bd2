"""The outbox in the window (issue 25): a line in the status bar saying what waits to be sent
and why, and the sender that tries it at start, every few minutes, and when asked.

Sending talks to the network and may wait a minute for a server that does not answer: it runs
in a thread of its own with its own connection to the database, never in the operations'
worker (a save asked meanwhile would wait behind it) and never on the UI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ttdn_desktop.core.settings import OUTBOX_RETRY_MINUTES
from ttdn_desktop.ui.ops import mail

FIRST_TRY_MS = 3000  # after start, once the window is up


class OutboxSender(QObject):
    """try_now() sends what waits, in its thread; `finished(waiting, outcomes, error)` comes
    back on the UI thread (a signal emitted from another thread is queued to this one)."""

    finished = Signal(object, object, str)

    def __init__(self, path, forms, ops, parent=None):
        super().__init__(parent)
        self.path, self.forms, self.ops = path, forms, ops
        self.password: str | None = None  # typed in «Gửi qua thư»: for this session only
        self._busy = threading.Lock()
        self.timer = QTimer(self)
        self.timer.setInterval(OUTBOX_RETRY_MINUTES * 60 * 1000)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(FIRST_TRY_MS, self.check)

    def check(self) -> None:
        """The automatic try: the outbox is looked at in the operations' worker, and a
        connection of our own opened only when a mail waits (most of the time none does)."""
        if self.ops is None or self.ops.closed:
            self.timer.stop()
            return
        self.ops.run(mail.outbox_waiting(),
                     on_done=lambda waiting: self.try_now(stopped=False) if waiting else
                     self.finished.emit([], [], ""),
                     on_error=lambda message: self.finished.emit([], [], message))

    def try_now(self, stopped: bool = True) -> bool:
        """`stopped`: also the mails a fault had stopped (the user asked). False when a try is
        already under way."""
        if not self._busy.acquire(blocking=False):
            return False
        threading.Thread(target=self._run, args=(stopped,), name="ttdn-outbox",
                         daemon=True).start()
        return True

    def wait(self) -> None:
        """Until the try under way has ended (closing the window, tests)."""
        with self._busy:
            pass

    def _run(self, stopped: bool) -> None:
        waiting, outcomes, error = [], [], ""
        try:
            waiting, outcomes, error = mail.send_waiting(self.path, self.forms, self.password,
                                                         stopped)
        except Exception as failure:  # noqa: BLE001 - said in the line, never a crash
            error = str(failure) or type(failure).__name__
        finally:
            self._busy.release()
        try:
            self.finished.emit(waiting, outcomes, error)
        except RuntimeError:  # the window closed while it sent: what was sent is recorded
            pass


class OutboxLine(QWidget):
    """«Hộp thư đi: 1 thư chờ gửi — …» with «Gửi lại»; hidden when nothing waits."""

    send_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setStyleSheet("color:#8A4B00")
        self.button = QPushButton("Gửi lại")
        self.button.setToolTip("Gửi ngay các thư trong hộp thư đi (ứng dụng cũng tự gửi lại "
                               f"mỗi {OUTBOX_RETRY_MINUTES} phút)")
        self.button.clicked.connect(self.send_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.hide()

    def show_state(self, waiting, outcomes=(), error: str = "", trying: bool = False) -> None:
        sent = [o for o in outcomes if o.sent]
        if trying:
            self.label.setText(f"Hộp thư đi: đang gửi {len(waiting) or ''} thư…".replace(
                "  ", " "))
            self.button.setEnabled(False)
            self.show()
            return
        self.button.setEnabled(True)
        if not waiting:
            if sent:
                self.label.setText(f"Hộp thư đi: đã gửi {len(sent)} thư.")
                self.label.setStyleSheet("color:#146C43")
                self.button.hide()
                self.show()
            else:
                self.hide()
            return
        self.button.show()
        self.label.setStyleSheet("color:#8A4B00")
        last = error or next((m.error for m in reversed(waiting) if m.error), "")
        stopped = sum(1 for m in waiting if m.stopped)
        text = f"Hộp thư đi: {len(waiting)} thư chờ gửi"
        if stopped:
            text += f" ({stopped} thư cần bạn xử lý)"
        self.label.setText(text)
        self.label.setToolTip("\n".join(
            [f"• {m.subject} → {m.recipient}" for m in waiting] + ([last] if last else [])))
        self.show()
