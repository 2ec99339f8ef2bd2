"""The secretariat's mailbox, the door both front ends use (`ws.mailbox`): certificates the
user trusts, the password's store, and reports fetched from the mailbox by IMAP.

A fetch is three steps, so that the window keeps the network off its database worker:
    plan = ws.mailbox.plan(account, since, again)          # the database: what is known
    fetched = Mailbox.download(plan, password, progress, cancelled)   # the network only
    results = ws.mailbox.import_fetched(fetched, dry_run)  # the database: one transaction
`ws.mailbox.fetch(...)` does the three for the command line. What was imported and the mail
it came from are remembered in the same transaction; a Word report (never applied in a batch)
is kept as held until confirmed (`ttdn mail confirm SỐ`, or the window's confirmation)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from ttdn_desktop.core.rules import SKIPPED, WORD
from ttdn_desktop.core.settings import MAIL_FETCH
from ttdn_desktop.exchange import imap_fetch, importer, mail_secret, mail_trust
from ttdn_desktop.exchange.imap_fetch import Account, Fetched, Known
from ttdn_desktop.exchange.mail_trust import MailError
from ttdn_desktop.storage import fetched_mail
from ttdn_desktop.storage import held as held_store
from ttdn_desktop.storage.periods import known_periods, period_dates
from ttdn_desktop.storage.settings import get_setting, set_setting
from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.exchange.unpack import SEPARATOR, Item, expand

DAYS_BEFORE_DEADLINE = 30  # the mail looked at by default: from a month before the deadline
HELD_WORD = WORD           # held_packages.reason of a report fetched, waiting to be confirmed


@dataclass
class Plan:
    account: Account
    since: date
    known: Known
    pin: str | None
    again: bool = False


class Mailbox:
    def __init__(self, ws):
        self._ws = ws

    # --- the account, remembered once given --------------------------------------------------
    def account(self, server: str | None = None, port: int | None = None,
                user: str | None = None, folder: str | None = None,
                cafile: str | None = None, starttls: bool | None = None) -> Account:
        """What is given, else what was used last; MailError when the server or the user
        was never given."""
        last = get_setting(self._ws.db, MAIL_FETCH) or {}
        host = server or last.get("host")
        login = user or last.get("user")
        if not host or not login:
            raise MailError("Chưa có máy chủ thư hay tài khoản: hãy cho biết --server và "
                            "--user (lần sau sẽ nhớ).")
        same = host == last.get("host")
        port = port or (last.get("port") if same else None) or 993
        if starttls is None:  # STARTTLS on 143, as mail programs do; else TLS from the start
            starttls = bool(last.get("starttls")) if same and port == last.get("port") else \
                port == 143
        return Account(host=host, user=login, port=port,
                       folder=folder or (last.get("folder") if same else None) or "INBOX",
                       cafile=str(cafile) if cafile else (last.get("cafile") if same else None)
                       or None, starttls=starttls)

    def last_account(self) -> dict:
        """What was used last (host, port, user, folder, cafile, starttls), or {}."""
        return dict(get_setting(self._ws.db, MAIL_FETCH) or {})

    def remember_account(self, account: Account) -> None:
        set_setting(self._ws.db, MAIL_FETCH, {"host": account.host, "port": account.port,
                                              "user": account.user, "folder": account.folder,
                                              "cafile": account.cafile or "",
                                              "starttls": account.starttls})

    def default_since(self, today: date | None = None) -> date:
        """A month before the deadline of the latest period (the request goes out about
        then); 30 days ago when no period is known yet."""
        today = today or date.today()
        periods = known_periods(self._ws.db)
        if not periods:
            return today - timedelta(days=DAYS_BEFORE_DEADLINE)
        deadline = period_dates(self._ws.db, periods[0]).deadline
        return min(deadline - timedelta(days=DAYS_BEFORE_DEADLINE), today)

    # --- fetching ---------------------------------------------------------------------------
    def plan(self, account: Account, since: date | None = None, again: bool = False) -> Plan:
        db = self._ws.db
        known = Known(fetched_mail.known_uids(db, account.key, account.folder),
                      fetched_mail.known_message_ids(db))
        return Plan(account, since or self.default_since(), known,
                    mail_trust.pinned(db, account.host, account.port), again)

    @staticmethod
    def download(plan: Plan, password: str, progress=None, cancelled=None) -> Fetched:
        """The network part: no database (the window runs it on a thread of its own)."""
        return imap_fetch.fetch(plan.account, password, plan.since, plan.known, plan.again,
                                plan.pin, progress, cancelled)

    def fetch(self, account: Account, since: date | None = None, again: bool = False,
              ask=None, progress=None, cancelled=None) -> Fetched:
        """Plan, password (the store, TTDN_MAIL_PASSWORD, else `ask`), download. A password
        that was typed goes to the store once the server took it; the account is remembered."""
        plan = self.plan(account, since, again)
        secret = mail_secret.password(account.host, account.user, ask)
        try:
            fetched = self.download(plan, secret.value, progress, cancelled)
        except imap_fetch.LoginRefused as error:
            if secret.source != mail_secret.STORE:
                raise
            raise imap_fetch.LoginRefused(
                error.message.replace("Mật khẩu không được lưu.", "") + "Mật khẩu lưu trong kho "
                "mật khẩu của máy này đã cũ: lưu lại bằng «ttdn mail store --server "
                f"{account.host} --user {account.user}».") from None
        self.remember_account(account)
        if secret.source == mail_secret.ASKED:
            try:
                mail_secret.remember(account.host, account.user, secret.value)
            except MailError:
                pass  # no store on this machine: asked again next time
        return fetched

    def import_fetched(self, fetched: Fetched, dry_run: bool = False, progress=None,
                       backup: bool = False, waiting=None) -> list:
        """The mail downloaded, imported as the same mail dropped into the window would be,
        in one transaction with remembering it (not in a dry run)."""
        items = []
        for mail in fetched.mails:
            if mail.data:
                items += expand(mail.name, mail.data)
            items += [Item(f"{mail.name}{SEPARATOR}{name}", PackageError(name, reason), mail.name)
                      for name, reason in mail.too_large]
        if not items and not fetched.duplicates and not fetched.passed_over:
            return []
        if backup and not dry_run and items:
            self._ws.backups.make("truoc-khi-nhan-thu")

        def keep(results) -> None:
            db = self._ws.db
            for result in results:
                if result.outcome == WORD and result.payload is not None:
                    self._hold_report(result)
            by_mail: dict[str, list] = {}
            for result in results:
                by_mail.setdefault(result.container or result.file_name, []).append(result)
            for mail, outcome in [(m, _outcome(by_mail.get(m.name, []))) for m in fetched.mails] \
                    + [(m, "trùng Message-ID") for m in fetched.duplicates] \
                    + [(m, "bỏ qua: không có báo cáo") for m in fetched.passed_over]:
                fetched_mail.remember(
                    db, account=fetched.account.key, folder=fetched.account.folder,
                    uidvalidity=fetched.uidvalidity, uid=mail.uid, message_id=mail.message_id,
                    sender=mail.sender, subject=mail.subject, outcome=outcome)

        told = None if waiting is None else (lambda waited, limit: waiting(
            f"Đang chờ chương trình khác ghi xong vào cơ sở dữ liệu ({int(waited)} giây)…"))
        return importer.import_items(self._ws.db, self._ws.forms, items, dry_run, progress,
                                     self._ws.imports.target(), told, then=keep)

    def _hold_report(self, result) -> int:
        """A report fetched in a mail waits, held with its bytes, for its agency and period
        to be confirmed: its mail is not offered again, so it must not be lost."""
        detail = result.detail
        if result.agency_code and result.period:
            detail += f"; đề xuất: {result.agency_name or result.agency_code}, kỳ {result.period}"
        held_id = held_store.hold(
            self._ws.db, reason=HELD_WORD, detail=detail, file_name=result.file_name,
            agency_code=result.agency_code, agency_name=result.agency_name,
            period_code=result.period, report_id="", revision=0, package=result.payload,
            sha256=hashlib.sha256(result.payload).hexdigest())
        result.detail += f"; giữ lại, số {held_id}: xác nhận bằng «ttdn mail confirm {held_id}»"
        return held_id

    # --- reports waiting to be confirmed -------------------------------------------------------
    def held_reports(self) -> list[dict]:
        return held_store.list_held(self._ws.db, reason=HELD_WORD)

    def held_report(self, held_id: int) -> tuple[dict, bytes]:
        row = next((r for r in self.held_reports() if r["id"] == held_id), None)
        if row is None:
            raise MailError(f"Không có báo cáo nào nhận qua thư đang chờ xác nhận với số "
                            f"{held_id} (xem «ttdn held»).")
        return row, held_store.held_package(self._ws.db, held_id)

    def held_report_items(self) -> list[tuple[str, bytes]]:
        """(name, bytes) of each report fetched and still to confirm: what the window's
        confirmation takes."""
        return [(row["file_name"], held_store.held_package(self._ws.db, row["id"]))
                for row in self.held_reports()]

    def settle(self, file_name: str) -> None:
        """A report taken in (confirmed from the command line or the window): its held copy
        is dealt with."""
        with self._ws.db.atomic():
            for row in self.held_reports():
                if row["file_name"] == file_name:
                    held_store.resolve(self._ws.db, row["id"], held_store.Resolution.IMPORTED)

    # --- certificates (exchange/mail_trust.py) ------------------------------------------
    def trust_certificate(self, host: str, port: int, fingerprint: str) -> str:
        return mail_trust.trust_certificate(self._ws.db, host, port, fingerprint)

    def forget_certificate(self, host: str, port: int) -> None:
        mail_trust.forget_certificate(self._ws.db, host, port)

    def pinned(self, host: str, port: int) -> str | None:
        return mail_trust.pinned(self._ws.db, host, port)

    # --- the password (exchange/mail_secret.py) -------------------------------------------
    @staticmethod
    def stored_password(host: str, user: str) -> str | None:
        """From the store or TTDN_MAIL_PASSWORD; None when the user must type it."""
        try:
            return mail_secret.password(host, user).value
        except MailError:
            return None

    @staticmethod
    def store_name() -> str | None:
        return mail_secret.store_name()

    @staticmethod
    def known_stores() -> list[str]:
        return mail_secret.known_stores()

    @staticmethod
    def remember_password(host: str, user: str, value: str) -> str:
        return mail_secret.remember(host, user, value)

    @staticmethod
    def forget_password(host: str, user: str) -> bool:
        return mail_secret.forget(host, user)


def _outcome(results) -> str:
    """A fetched mail's import in a few words, for the record."""
    counts: dict[str, int] = {}
    for result in results:
        if result.outcome != SKIPPED:
            counts[result.outcome] = counts.get(result.outcome, 0) + 1
    return ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items())) or "không có gì"

