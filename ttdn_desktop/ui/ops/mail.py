"""Mail: the secretariat's mailbox read (its account, the mail fetched brought into the import)
and what goes out (the outbox, a report sent, reminders)."""

from __future__ import annotations

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.operations import PERIODS, REPORTS, REVIEWS, Changes, Op
from ttdn_desktop.workspace import Workspace
from ttdn_desktop.workspace.mailbox import Mailbox

_IMPORTED = Changes.of(REPORTS, PERIODS, REVIEWS)


# --- the mailbox ---------------------------------------------------------------------------
def fetch_defaults() -> Op:
    """(the account used last, the date to fetch from, the credential store's name)."""
    return Op(lambda ws: (ws.mailbox.last_account(), ws.mailbox.default_since(),
                          ws.mailbox.store_name()))


def fetch_plan(values: tuple, since, again: bool) -> Op:
    """What to fetch from the account given: the mail already known is left out."""
    return Op(lambda ws: ws.mailbox.plan(ws.mailbox.account(*values), since, again))


def download(plan, typed: str, keep: bool, progressed, cancelled):
    """The mail of `plan` downloaded (run on the fetch dialog's own thread: the network never
    holds up the operations' worker); None when no password was typed and the credential
    store holds none. A password typed is kept in the store when asked (`keep`), if there is
    one (said when the dialog opened)."""
    host, user = plan.account.host, plan.account.user
    password = typed or Mailbox.stored_password(host, user)
    if not password:
        return None
    fetched = Mailbox.download(plan, password, progressed, cancelled)
    if keep:
        try:
            Mailbox.remember_password(host, user, typed)
        except Exception:  # noqa: BLE001 - no store on this machine
            pass
    return fetched


def trust_certificate(host: str, port: int, fingerprint: str) -> Op:
    return Op(lambda ws: ws.mailbox.trust_certificate(host, port, fingerprint))


def remember_account(account) -> Op:
    return Op(lambda ws: ws.mailbox.remember_account(account))


def remember_fetched(fetched) -> Op:
    """Mail that brought nothing to import (duplicates, ordinary mail) remembered as looked at."""
    return Op(lambda ws: ws.mailbox.import_fetched(fetched))


def preview_fetched(fetched) -> Op:
    """The mail fetched read as an import would, nothing stored: the preview's results."""
    return Op(lambda ws, report: ws.mailbox.import_fetched(fetched, dry_run=True,
                                                           waiting=report.say),
              progress=True)


def import_fetched(fetched, confirmed: list) -> Op:
    """The mail fetched imported (the database backed up first); the Word reports confirmed
    in their own window before «Nhập» settled: (results, the reports by mail still held)."""
    def work(ws, report):
        results = ws.mailbox.import_fetched(fetched, backup=True, progress=report,
                                            waiting=report.say)
        for name in confirmed:
            ws.mailbox.settle(name)
        return results, ws.mailbox.held_report_items()

    return Op(work, _IMPORTED, progress=True)


# --- what goes out -------------------------------------------------------------------------
def send_choices(upward: bool) -> Op:
    """(the mail server remembered, the address the report goes to)."""
    return Op(lambda ws: (ws.outbox.server(), ws.outbox.recipient(upward)))


def queue_report(period: Period, to: str | None, word: bool, upward: bool, settings: dict,
                 password: str | None, keep: bool, report_id: str | None) -> Op:
    """The report put in the outbox (its revision sealed with it), the server remembered, and
    the password kept in the credential store when asked: the mail queued."""
    def work(ws):
        ws.outbox.remember_server(**settings)
        queued = ws.outbox.queue_report(period, to or None, word, upward)
        if password and keep:
            ws.mailbox.remember_password(settings["host"], settings["user"], password)
        return queued

    return Op(work, Changes.of(REPORTS, period=period.code, report_id=report_id))


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
