"""The mails the app sends: an agency's report package to the secretariat (or a committee's to
the level above), and the secretariat's reminder to a member. Built once, kept whole in the
outbox, sent as built: the Message-ID is made from the package's SHA-256, so a second copy of
the same package (a retry after a line that broke once the server had it) is the same mail to
every mail program, and the package inside is told «đã có» by the secretariat's import."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate

from ttdn_desktop.core.periods import Period, format_date

PACKAGE_TYPE = ("application", "vnd.ttdn.package+zip")
WORD_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
HASH_HEADER = "X-TTDN-Hash"  # with the 64 digits, one line of 77: never folded
APP = "TTĐN Desktop"


@dataclass(frozen=True)
class Built:
    data: bytes        # the whole mail, as the server receives it
    message_id: str
    sha256: str        # of the package it carries
    subject: str


def _domain(address: str) -> str:
    return address.rpartition("@")[2] or "ttdn.invalid"


def message_id(sha256: str, sender: str, what: str = "goi") -> str:
    return f"<ttdn.{what}.{sha256[:40]}@{_domain(sender)}>"


def _message(sender: str, sender_name: str, recipient: str, subject: str, body: str,
             mail_id: str) -> EmailMessage:
    mail = EmailMessage(policy=SMTP)
    mail["From"] = formataddr((sender_name, sender)) if sender_name else sender
    mail["To"] = recipient
    mail["Subject"] = subject
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = mail_id
    mail["X-Mailer"] = APP
    mail.set_content(body)
    return mail


def report_mail(*, sender: str, recipient: str, agency_name: str, period: Period,
                revision: int, package_name: str, package: bytes,
                word: tuple[str, bytes] | None = None, upward: bool = False,
                to_name: str = "") -> Built:
    """A report package as a mail; `word` (name, bytes) the Word report beside it; `upward`:
    a committee's report to the level above."""
    sha256 = hashlib.sha256(package).hexdigest()
    what = "báo cáo tổng hợp" if upward else "báo cáo"
    subject = f"[TTĐN] {agency_name} gửi {what} {period.label} (lần gửi {revision})"
    lines = [f"Kính gửi {to_name or ('cấp trên' if upward else 'Cơ quan thường trực')},", "",
             f"{agency_name} gửi {what} công tác thông tin đối ngoại {period.label} "
             f"(lần gửi {revision}).", "",
             f"Tệp đính kèm: {package_name} (gói báo cáo, nhập thẳng vào TTĐN Desktop"
             + (f"); {word[0]} (bản Word để đọc)." if word else ")."),
             f"Mã kiểm tra SHA-256 của gói: {sha256}", "",
             f"Thư này do {APP} gửi. Nếu nhận được hai lần, nhập lần thứ hai sẽ báo «đã có», "
             "không nhập trùng."]
    mail = _message(sender, agency_name, recipient, subject, "\n".join(lines),
                    message_id(sha256, sender))
    mail[HASH_HEADER] = sha256
    mail.add_attachment(package, *PACKAGE_TYPE, filename=package_name)
    if word:
        mail.add_attachment(word[1], *WORD_TYPE, filename=word[0])
    return Built(mail.as_bytes(), mail["Message-ID"], sha256, subject)


def reminder_mail(*, sender: str, sender_name: str, recipient: str, agency_name: str,
                  period: Period, reason: str, deadline, request_name: str,
                  request: bytes) -> Built:
    """The secretariat's reminder to one member, the period's request package attached."""
    sha256 = hashlib.sha256(request + recipient.encode()).hexdigest()
    subject = f"[TTĐN] Đề nghị gửi báo cáo {period.label} — {agency_name}"
    lines = [f"Kính gửi {agency_name},", "",
             f"{sender_name or 'Cơ quan thường trực'} đề nghị quý cơ quan, đơn vị gửi báo cáo "
             f"công tác thông tin đối ngoại {period.label}, hạn gửi {format_date(deadline)}.",
             f"Tình hình hiện nay: {reason}.", "",
             f"Gói đề nghị báo cáo đính kèm ({request_name}): mở bằng TTĐN Desktop để có mẫu "
             "báo cáo và các ngày chốt số liệu; soạn xong, gửi lại gói báo cáo qua thư này.", "",
             f"Thư này do {APP} gửi."]
    # the request is built anew for each reminder (its creation time): each its own mail
    mail = _message(sender, sender_name, recipient, subject, "\n".join(lines),
                    message_id(sha256, sender, "nhac"))
    mail.add_attachment(request, *PACKAGE_TYPE, filename=request_name)
    return Built(mail.as_bytes(), mail["Message-ID"], sha256, subject)
