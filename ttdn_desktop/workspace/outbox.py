"""Mail out (issue 25), for both front ends: an agency's report (or a committee's report to the
level above) and the secretariat's reminders, put in the outbox, then handed to the office's
mail server when it can be reached. Reached as `workspace.outbox`.

The outbox is in the database: a mail is queued and its revision sealed in one transaction, so
a report is never sealed without its mail nor queued unsealed; sending is a separate step that
may fail (no network) and is tried again (`send_waiting`, at start and every few minutes in
the window; `ttdn mail outbox send`). The network is never touched inside a transaction."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ttdn_desktop.core import settings as declared
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.mail_address import check_address
from ttdn_desktop.core.merge import LATE, MISSING
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.review import ACCEPTED, NEEDS_CHANGES
from ttdn_desktop.core.text import file_slug
from ttdn_desktop.storage import outbox as store
from ttdn_desktop.storage.settings import get_setting, set_setting
from ttdn_desktop.exchange import mail_trust
from ttdn_desktop.exchange.mail_out import reminder_mail, report_mail
from ttdn_desktop.exchange.mail_secret import password as find_password
from ttdn_desktop.exchange.smtp_send import SendFailed, Server, send

PACE_SECONDS = 3.0  # between two mails of one run: a provincial server throttles bursts


@dataclass(frozen=True)
class Outcome:
    """One mail's try: sent, or the failure said in words."""
    mail: store.Queued
    error: str = ""
    retry: bool = False

    @property
    def sent(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class Reminder:
    code: str
    name: str
    email: str
    reason: str                  # why: «chưa nộp», «nộp muộn», «cần bổ sung: …»
    last_reminded: str | None    # when this member was last reminded of the period


class Outbox:
    def __init__(self, ws):
        self._ws = ws

    @property
    def _db(self):
        return self._ws.db

    # --- the server and the addresses --------------------------------------------------------
    def server(self) -> dict:
        """The remembered sending server: host, port, user, sender, cafile, implicit (TLS from
        the first byte; absent: as the port says) ({} if none)."""
        return dict(get_setting(self._db, declared.MAIL_SEND) or {})

    def remember_server(self, host: str | None = None, port: int | None = None,
                        user: str | None = None, sender: str | None = None,
                        cafile: str | None = None, implicit: bool | None = None) -> dict:
        """The values given replace the remembered ones; the others stay. The password is
        never here (mail_secret)."""
        settings = self.server()
        given = {"host": host, "port": port, "user": user, "sender": sender, "cafile": cafile,
                 "implicit": implicit}
        for key, value in given.items():
            if value is not None:
                settings[key] = value
        if sender:
            settings["sender"] = check_address(sender, "người gửi")
        if port is not None and not 0 < int(port) < 65536:
            raise TTDNError(f"Cổng máy chủ thư «{port}» không hợp lệ (587 hoặc 465).")
        if cafile:
            if not Path(cafile).is_file():
                raise TTDNError(f"Không tìm thấy tệp chứng chỉ «{cafile}».")
            settings["cafile"] = str(Path(cafile).resolve())
        if settings != self.server():
            set_setting(self._db, declared.MAIL_SEND, settings)
        return settings

    def recipient(self, upward: bool = False) -> str:
        return get_setting(self._db, declared.UPWARD_MAIL if upward else
                           declared.SECRETARIAT_MAIL)

    def set_recipient(self, address: str, upward: bool = False) -> str:
        address = check_address(address, "của cấp trên" if upward else
                                "của cơ quan thường trực")
        set_setting(self._db, declared.UPWARD_MAIL if upward else declared.SECRETARIAT_MAIL,
                    address)
        return address

    def _sender(self) -> str:
        settings = self.server()
        sender = settings.get("sender") or (settings.get("user", "") if "@" in
                                            settings.get("user", "") else "")
        if not sender:
            raise TTDNError("Chưa có địa chỉ người gửi: cho biết máy chủ thư và tài khoản "
                            "(dòng lệnh: ttdn mail send … --server MÁY_CHỦ --user ĐỊA_CHỈ, "
                            "hoặc --from ĐỊA_CHỈ).")
        return sender

    # --- queuing -----------------------------------------------------------------------------
    def queue_report(self, period: Period, to: str | None = None, with_word: bool = False,
                     upward: bool = False) -> tuple[store.Queued, list[store.Queued]]:
        """The current revision of this agency's report (or, `upward`, the committee's report
        to the level above) in the outbox, its revision sealed with it. An address given
        (`to`) is remembered. Returns (the queued mail, the waiting ones it replaced)."""
        ws = self._ws
        recipient = self.set_recipient(to, upward) if to else self.recipient(upward)
        whose = "cấp trên" if upward else "cơ quan thường trực"
        if not recipient:
            raise TTDNError(f"Chưa có địa chỉ thư của {whose}: nhập gói đề nghị báo cáo có ký "
                            f"của {whose}, hoặc cho biết địa chỉ (dòng lệnh: --to ĐỊA_CHỈ).")
        sender = self._sender()
        with tempfile.TemporaryDirectory(prefix="ttdn-thu-") as folder, ws.db.atomic():
            if upward:
                out = Path(folder) / "goi.ttdn"
                revision, _ = ws.files.upward_package(period, out)  # says it when there is no identity
                code, name = ws.upward.identity(period)
                package_name = f"BaoCao-{file_slug(code)}-{file_slug(period.phrase)}.ttdn"
                data, sealed = out.read_bytes(), None
            else:
                code = ws.setup.own_agency
                if not code:
                    raise TTDNError("Cơ sở dữ liệu này không phải của một đơn vị thành viên: "
                                    "không có báo cáo của đơn vị để gửi.")
                name = ws.agencies.get(code)["name"]
                sealed = ws.files.package(code, period)
                data, revision = sealed.data, sealed.revision
                package_name = f"BaoCaoTTDN-{file_slug(period.phrase)}-{file_slug(code)}.ttdn"
            word = None
            if with_word:
                word_name = Path(package_name).with_suffix(".docx").name
                ws.files.report_docx(period, Path(folder) / word_name,
                                    None if upward else code)
                word = (word_name, (Path(folder) / word_name).read_bytes())
            built = report_mail(sender=sender, recipient=recipient, agency_name=name,
                                period=period, revision=revision, package_name=package_name,
                                package=data, word=word, upward=upward)
            queued = store.queue(
                self._db, kind=store.UPWARD if upward else store.REPORT,
                period_code=period.code, agency_code=code, revision=revision,
                recipient=recipient, subject=built.subject, message_id=built.message_id,
                sha256=built.sha256, message=built.data)
            if sealed is not None:
                ws.reports.mark_sent(sealed)
        return queued

    # --- the outbox ----------------------------------------------------------------------------
    def waiting(self) -> list[store.Queued]:
        return store.waiting(self._db)

    def sent(self, limit: int = 50) -> list[store.Queued]:
        return store.sent(self._db, limit)

    def message(self, mail_id: int) -> bytes:
        return store.message(self._db, mail_id)

    def send_waiting(self, password: str | None = None, ask=None, stopped: bool = True,
                     pace: float | None = None, progress=None) -> list[Outcome]:
        """Hand every waiting mail to the server, oldest first, one connection each; each
        recorded as it goes (sent, or why not). `stopped`: also those a fault a retry could not
        mend had stopped (the user asks again; the automatic retry does not). The password:
        `password`, else from mail_secret (store, variable, `ask`). `progress(done, total)`."""
        mails = store.waiting(self._db, include_stopped=stopped)
        if not mails:
            return []
        pace = PACE_SECONDS if pace is None else pace
        settings = self.server()
        if not settings.get("host"):
            raise TTDNError("Chưa có máy chủ gửi thư: cho biết máy chủ, cổng và tài khoản "
                            "(dòng lệnh: ttdn mail send … --server MÁY_CHỦ --port 587 --user "
                            "TÀI_KHOẢN).")
        server = Server(settings["host"], int(settings.get("port") or 587),
                        settings.get("user", ""), settings.get("cafile") or None,
                        settings.get("implicit"))
        if password is None and server.user:
            password = find_password(server.host, server.user, ask).value
        pin = mail_trust.pinned(self._db, server.host, server.port)
        sender, outcomes = self._sender(), []
        for number, mail in enumerate(mails):
            if number and pace:
                time.sleep(pace)
            try:
                send(server, password or "", sender, [mail.recipient],
                     store.message(self._db, mail.id), pin)
            except mail_trust.MailError as error:
                retry = isinstance(error, SendFailed) and error.retry
                store.record_try(self._db, mail.id, error.message, stop=not retry)
                outcomes.append(Outcome(store.get(self._db, mail.id), error.message, retry))
                if not getattr(error, "per_mail", False):
                    break  # the server is away, not trusted, refused the login: all would fail
            else:
                store.record_sent(self._db, mail.id)
                outcomes.append(Outcome(store.get(self._db, mail.id)))
            if progress:
                progress(number + 1, len(mails))
        return outcomes

    # --- reminders -------------------------------------------------------------------------
    def reminder_list(self, period: Period) -> list[Reminder]:
        """The members to remind of a period: those that have not reported, reported late, or
        were asked for changes, in member order; each with its address ("" if none) and when
        it was last reminded."""
        merged = self._ws.merge.consolidation(period)
        agencies = {a["code"]: a for a in self._ws.agencies.all(include_retired=False)}
        done = store.reminders(self._db, period.code)
        found = []
        for status in merged.statuses:
            agency = agencies.get(status.agency.code)
            if agency is None:
                continue
            if status.state == ACCEPTED:
                continue  # late or not, nothing more is asked of it
            if status.state == MISSING:
                reason = "chưa nộp"
            elif status.state == NEEDS_CHANGES:
                reason = "cần bổ sung" + (f": {status.comment}" if status.comment else "")
            elif status.late or status.state == LATE:
                reason = "nộp muộn"
            else:
                continue
            last = done.get(agency["code"], [])
            found.append(Reminder(agency["code"], agency["name"], agency["email"], reason,
                                  last[-1]["reminded_at"] if last else None))
        return found

    def queue_reminders(self, period: Period, codes: list[str] | None = None
                        ) -> list[store.Queued]:
        """A reminder to each member named (or to every member of reminder_list with an
        address), the period's request package attached; each recorded as reminded."""
        chosen = [r for r in self.reminder_list(period) if codes is None or r.code in codes]
        unknown = set(codes or ()) - {r.code for r in chosen}
        if unknown:
            raise TTDNError("Không nhắc: " + ", ".join(sorted(unknown)) + " không ở trong danh "
                            "sách cần nhắc của kỳ này (đã nộp, hoặc không có trong danh sách).")
        without = [r.code for r in chosen if not r.email]
        if codes is not None and without:
            raise TTDNError("Chưa có địa chỉ thư của " + ", ".join(without) + ": đặt trong "
                            "trang Thành viên hoặc bằng lệnh «ttdn agencies email MÃ ĐỊA_CHỈ».")
        sender = self._sender()
        dates = self._ws.periods.dates(period)
        issuer = self._ws.setup.letterhead().issuing_body.replace("\n", " ")
        queued = []
        with self._db.atomic():
            for reminder in (r for r in chosen if r.email):
                request = self._ws.files.request_bytes(period, reminder.code)
                name = f"DeNghiBaoCao-{file_slug(period.phrase)}-{file_slug(reminder.code)}.ttdn"
                built = reminder_mail(sender=sender, sender_name=issuer,
                                      recipient=reminder.email, agency_name=reminder.name,
                                      period=period, reason=reminder.reason,
                                      deadline=dates.deadline, request_name=name,
                                      request=request)
                mail, _ = store.queue(
                    self._db, kind=store.REMINDER, period_code=period.code,
                    agency_code=reminder.code, revision=0, recipient=reminder.email,
                    subject=built.subject, message_id=built.message_id, sha256=built.sha256,
                    message=built.data)
                store.record_reminder(self._db, period.code, reminder.code, reminder.email,
                                      reminder.reason, mail.id)
                queued.append(mail)
        return queued

    def reminders(self, period: Period) -> dict[str, list[dict]]:
        """agency code -> its reminders of the period (when, to which address, gone or not)."""
        return store.reminders(self._db, period.code)
