"""Mail out in the main window (issue 25): «Gửi qua thư…» for an agency, the outbox line in the
status bar, the sender that retries at start and every few minutes, and the reminders the
secretariat's dashboard asks for. install(window) once the window shows a database; the main
window gets only that call."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QToolBar

from ttdn_desktop.ui.ops import mail
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
        self.dialog = None
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
        self.line.show_state(waiting, outcomes, error)
        failed = [o for o in outcomes if not o.sent]
        sent = [o for o in outcomes if o.sent]
        if sent:
            self.window.notify(html.escape(f"Đã gửi {len(sent)} thư: " + "; ".join(
                f"{o.mail.subject} → {o.mail.recipient}" for o in sent)), "success")
        if failed or (error and waiting):
            said = failed[-1].error if failed else error
            self.window.notify(html.escape(f"Chưa gửi được: {said}"), "warning")

    # --- «Gửi qua thư» (an agency) -------------------------------------------------------------
    def choose_send(self, upward: bool = False) -> None:
        """An agency's report (its figures checked first, as for «Xuất gói gửi»), or with
        `upward` the secretariat's report of the period to the level above."""
        window = self.window
        if upward:
            if window.secretariat_view is not None:
                window.secretariat_view.merge.save_now()
                self._ask_where(upward=True)
            return
        if window.agency_view is None or not window.exports.need_report():
            return
        window.exports.check_figures("gửi", self._ask_where, package=True)

    def _ask_where(self, upward: bool = False) -> None:
        window = self.window
        window.ops.run(mail.send_choices(upward),
                       on_done=lambda found: self._show_dialog(*found, upward),
                       on_error=lambda message: window.notify(message, "error"))

    def _show_dialog(self, server: dict, recipient: str, upward: bool = False) -> None:
        from ttdn_desktop.ui.mail_send_dialog import MailSendDialog
        if upward:
            period = self.window.secretariat_view.period
            what = f"báo cáo tổng hợp {period.label}"
        else:
            view = self.window.agency_view
            period, what = view.period, f"báo cáo {view.period.label} của {view.own_name}"
        self.dialog = MailSendDialog(server, recipient, what, self.window, upward)
        self.dialog.finished.connect(lambda result: self._dialog_done(result, period, upward))
        self.dialog.open()

    def _dialog_done(self, result: int, period, upward: bool = False) -> None:
        dialog, self.dialog = self.dialog, None
        if result != QDialog.DialogCode.Accepted:
            return
        window = self.window
        view = window.secretariat_view if upward else window.agency_view
        if not upward:
            view.save_now()
        settings = dialog.settings()
        to, word = dialog.to.text().strip(), dialog.with_word.isChecked()
        password, keep = dialog.password.text(), dialog.keep_password.isChecked()
        if password:
            self.sender.password = password
        window.ops.run(mail.queue_report(period, to, word, upward, settings, password, keep,
                                         None if upward else view.report_id),
                       label="Đang chuẩn bị thư…", on_done=self._queued,
                       on_error=lambda message: window.notify(html.escape(message), "error"),
                       source=window)

    def _queued(self, result) -> None:
        mail, replaced = result
        extra = f" (thay thư chưa gửi của lần gửi {replaced[0].revision})" if replaced else ""
        self.window.notify(html.escape(f"Đã đưa vào hộp thư đi: {mail.subject} → "
                                       f"{mail.recipient}{extra}. Đang gửi…"), "info")
        self.send_now()

    # --- reminders (the secretariat) -----------------------------------------------------------
    def open_reminders(self) -> None:
        view = self.window.secretariat_view
        if view is None or view.period is None:
            return
        period = view.period
        self.window.ops.run(mail.reminder_choices(period),
                            on_done=lambda found: self._show_reminders(period, *found),
                            on_error=lambda message: self.window.notify(message, "error"))

    def _show_reminders(self, period, reminders, server: dict) -> None:
        from ttdn_desktop.ui.remind_dialog import RemindDialog
        self.dialog = RemindDialog(period, reminders, bool(server.get("host")), self.window)
        self.dialog.send_requested.connect(lambda codes: self._remind(period, codes))
        self.dialog.open()

    def _remind(self, period, codes: list[str]) -> None:
        """Queued once a server is known: asked for first when none was ever given."""
        if not self.dialog.has_server:
            from ttdn_desktop.ui.mail_send_dialog import MailSendDialog
            self.dialog = MailSendDialog({}, None, f"{len(codes)} thư nhắc", self.window)
            self.dialog.finished.connect(lambda result: self._server_given(result, period, codes))
            self.dialog.open()
            return
        self._queue_reminders(period, codes)

    def _server_given(self, result: int, period, codes: list[str]) -> None:
        dialog, self.dialog = self.dialog, None
        if result != QDialog.DialogCode.Accepted:
            return
        settings, password = dialog.settings(), dialog.password.text()
        if password:
            self.sender.password = password
        self.window.ops.run(mail.remember_server(settings),
                            on_done=lambda _: self._queue_reminders(period, codes),
                            on_error=lambda message: self.window.notify(html.escape(message),
                                                                        "error"))

    def _queue_reminders(self, period, codes: list[str]) -> None:
        window = self.window

        def done(queued) -> None:
            window.notify(f"Đã đưa {len(queued)} thư nhắc vào hộp thư đi; đang gửi, cách nhau "
                          "vài giây.", "info")
            self.send_now()
            if window.secretariat_view is not None:
                window.secretariat_view.refresh()

        window.ops.run(mail.queue_reminders(period, codes),
                       label="Đang chuẩn bị thư nhắc…", on_done=done,
                       on_error=lambda message: window.notify(html.escape(message), "error"))
