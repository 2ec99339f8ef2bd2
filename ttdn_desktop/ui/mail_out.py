"""Mail out in the main window (issue 25): «Gửi qua thư…» for an agency, the outbox line in the
status bar, the sender that retries at start and every few minutes, and the reminders the
secretariat's dashboard asks for (ui/mail_send.py, with their dialogs, loaded when first asked
for). install(window) once the window shows a database; the main window gets only that call."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar

from ttdn_desktop.ui.outbox_line import OutboxLine, OutboxSender


def install(window) -> "MailOut":
    """The window's MailOut, made on first call; the «Gửi qua thư» action follows the role."""
    mail = getattr(window, "mail_out", None)
    if mail is None:
        mail = window.mail_out = MailOut(window)
    mail.send_action.setVisible(window.agency_view is not None)
    mail.send_action.setEnabled(window.agency_view is not None)
    mail.upward_action.setVisible(window.secretariat_view is not None)
    mail.upward_action.setEnabled(window.secretariat_view is not None)
    view = window.secretariat_view
    if view is not None and getattr(view.dashboard, "remind_requested", None) is not None:
        view.dashboard.remind_requested.connect(mail.open_reminders)
    return mail


class MailOut(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.line = OutboxLine()
        window.statusBar().addPermanentWidget(self.line)
        self.sender = OutboxSender(window.workspace.path, window.workspace.forms, window.ops,
                                   self)
        self.sender.finished.connect(self._sent)
        self.line.send_requested.connect(self.send_now)
        self.send_action = QAction("Gửi qua &thư…", window)
        self.send_action.setStatusTip("Gửi gói báo cáo qua thư điện tử đến cơ quan thường trực; "
                                      "không có mạng thì thư chờ trong hộp thư đi")
        self.send_action.setIconText("Gửi qua thư")
        self.send_action.triggered.connect(lambda: self.choose_send())
        self.upward_action = QAction("Gửi báo cáo tổng hợp lên cấp trên qua thư…", window)
        self.upward_action.setStatusTip("Gửi gói báo cáo tổng hợp của kỳ qua thư điện tử đến "
                                        "cấp trên")
        self.upward_action.triggered.connect(lambda: self.choose_send(upward=True))
        self._insert_after(window.package_action, self.send_action)
        self._insert_after(window.upward_action, self.upward_action)
        self._send = None
        self.sender.start()

    @staticmethod
    def _insert_after(neighbour: QAction, action: QAction) -> None:
        """In every menu and toolbar that shows `neighbour`, just after it."""
        for place in neighbour.associatedObjects():
            if isinstance(place, (QMenu, QToolBar)):
                actions = place.actions()
                after = actions.index(neighbour) + 1
                place.insertAction(actions[after] if after < len(actions) else None, action)

    # --- the outbox --------------------------------------------------------------------------
    def send_now(self) -> None:
        if self.sender.try_now(stopped=True):
            self.line.show_state([], trying=True)

    def _sent(self, waiting, outcomes, error: str) -> None:
        import html  # with its entity table, only when there is something to say
        self.line.show_state(waiting, outcomes, error)
        failed = [o for o in outcomes if not o.sent]
        sent = [o for o in outcomes if o.sent]
        if sent:
            self.window.notify(html.escape(f"Đã gửi {len(sent)} thư: " + "; ".join(
                f"{o.mail.subject} → {o.mail.recipient}" for o in sent)), "success")
        if failed or (error and waiting):
            said = failed[-1].error if failed else error
            self.window.notify(html.escape(f"Chưa gửi được: {said}"), "warning")

    # --- «Gửi qua thư» and reminders: ui/mail_send.py -----------------------------------------
    def _sending(self):
        if self._send is None:
            from ttdn_desktop.ui.mail_send import MailSend  # the dialogs: not before typing
            self._send = MailSend(self)
        return self._send

    def choose_send(self, upward: bool = False) -> None:
        self._sending().choose_send(upward)

    def open_reminders(self) -> None:
        self._sending().open_reminders()
