"""«Gửi qua thư…» (an agency's report, or the secretariat's to the level above) and the
reminders the secretariat's dashboard asks for: their dialogs (~40 ms) are loaded when one is
first asked for, not with the window (ui/mail_out.py, at start, hands them here)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog

from ttdn_desktop.ui.mail_send_dialog import MailSendDialog
from ttdn_desktop.ui.ops import mail
from ttdn_desktop.ui.remind_dialog import RemindDialog


class MailSend:
    def __init__(self, out):
        self.out = out  # the window's MailOut: its sender and outbox line
        self.window = out.window
        self.dialog = None

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
            self.out.sender.password = password
        window.ops.run(mail.queue_report(period, to, word, upward, settings, password, keep),
                       label="Đang chuẩn bị thư…", on_done=self._queued,
                       on_error=lambda message: window.notify(html.escape(message), "error"),
                       source=window)

    def _queued(self, result) -> None:
        mail, replaced = result
        extra = f" (thay thư chưa gửi của lần gửi {replaced[0].revision})" if replaced else ""
        self.window.notify(html.escape(f"Đã đưa vào hộp thư đi: {mail.subject} → "
                                       f"{mail.recipient}{extra}. Đang gửi…"), "info")
        self.out.send_now()

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
        self.dialog = RemindDialog(period, reminders, bool(server.get("host")), self.window)
        self.dialog.send_requested.connect(lambda codes: self._remind(period, codes))
        self.dialog.open()

    def _remind(self, period, codes: list[str]) -> None:
        """Queued once a server is known: asked for first when none was ever given."""
        if not self.dialog.has_server:
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
            self.out.sender.password = password
        self.window.ops.run(mail.remember_server(settings),
                            on_done=lambda _: self._queue_reminders(period, codes),
                            on_error=lambda message: self.window.notify(html.escape(message),
                                                                        "error"))

    def _queue_reminders(self, period, codes: list[str]) -> None:
        window = self.window

        def done(queued) -> None:
            window.notify(f"Đã đưa {len(queued)} thư nhắc vào hộp thư đi; đang gửi, cách nhau "
                          "vài giây.", "info")
            self.out.send_now()  # the dashboard's «đã nhắc» follows from the notice of changes

        window.ops.run(mail.queue_reminders(period, codes),
                       label="Đang chuẩn bị thư nhắc…", on_done=done,
                       on_error=lambda message: window.notify(html.escape(message), "error"))
