"""The secretariat's mailbox read: its account, the mail fetched brought into the import.
Loaded with «Nhận thư» (ui/mail_fetch.py), not at start-up: the mailbox door brings the
importer, IMAP and the credential store (ui/ops/mail.py, what goes out, is loaded at start)."""

from __future__ import annotations

from ttdn_desktop.ui.operations import Op
from ttdn_desktop.workspace.mailbox import Mailbox



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

    return Op(work, progress=True)
