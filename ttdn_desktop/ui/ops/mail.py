"""Mail: what goes out (the outbox, a report sent, reminders). The mailbox read is
ui/ops/mailbox.py, loaded with «Nhận thư»: this module is loaded at start-up (ui/mail_out.py)."""

from __future__ import annotations

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.operations import Op
from ttdn_desktop.workspace import Workspace


def send_choices(upward: bool) -> Op:
    """(the mail server remembered, the address the report goes to)."""
    return Op(lambda ws: (ws.outbox.server(), ws.outbox.recipient(upward)))


def queue_report(period: Period, to: str | None, word: bool, upward: bool, settings: dict,
                 password: str | None, keep: bool) -> Op:
    """The report put in the outbox (its revision sealed with it), the server remembered, and
    the password kept in the credential store when asked: the mail queued."""
    def work(ws):
        ws.outbox.remember_server(**settings)
        queued = ws.outbox.queue_report(period, to or None, word, upward)
        if password and keep:
            ws.mailbox.remember_password(settings["host"], settings["user"], password)
        return queued

    return Op(work)


def reminder_choices(period: Period) -> Op:
    """(who would be reminded of the period, the mail server remembered)."""
    return Op(lambda ws: (ws.outbox.reminder_list(period), ws.outbox.server()))


def remember_server(settings: dict) -> Op:
    return Op(lambda ws: ws.outbox.remember_server(**settings))


def queue_reminders(period: Period, codes: list) -> Op:
    return Op(lambda ws: ws.outbox.queue_reminders(period, codes))


def outbox_waiting() -> Op:
    return Op(lambda ws: ws.outbox.waiting())


def send_waiting(path, forms, password: str | None, stopped: bool) -> tuple[list, list, str]:
    """The outbox sent on a connection of its own (run in the sender's thread, never the
    operations' worker: a server that does not answer must not hold up a save): (the mails
    still waiting, what each try did, what stopped them all)."""
    waiting, outcomes, error = [], [], ""
    with Workspace(path, forms) as workspace:
        try:
            if workspace.outbox.waiting():
                outcomes = workspace.outbox.send_waiting(password, stopped=stopped)
        except TTDNError as failure:
            error = failure.message
        waiting = workspace.outbox.waiting()
    return waiting, outcomes, error
