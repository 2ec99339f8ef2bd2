"""Reading the secretariat's mailbox over IMAP, read-only, and nothing else.

The folder is opened with EXAMINE (read-only: no flag can change, nothing is marked read, and
nothing is ever deleted, moved or copied); messages are read with BODY.PEEK only. For the mail
since a date (SEARCH SINCE, the server's arrival date), each message's structure is fetched
first (BODYSTRUCTURE, with its size and Message-ID), then only the parts that can be read are
downloaded: attachments a report may be in, and the text where the mail has no such attachment
(a report pasted in it). Mail known already, by UIDVALIDITY and UID or by Message-ID, is not
looked at again unless asked.

No database here: what is known comes in as Known, what was downloaded goes out as Fetched, so
the window can run this on a thread of its own while the database stays with its worker.
Everything is downloaded before anything is imported: a connection that breaks or a fetch that
is cancelled leaves nothing half-done (MailError / Cancelled, nothing returned).
"""

from __future__ import annotations

import email
import imaplib
import re
import socket
import ssl
from dataclasses import dataclass, field
from datetime import date

from ttdn_desktop.exchange import imap_structure as structure
from ttdn_desktop.exchange.mail import MAX_ATTACHMENT_BYTES, MAX_MAIL_BYTES, POLICY, _header_text
from ttdn_desktop.exchange.mail_trust import MailError, secured, server_name
from ttdn_desktop.util.storage_errors import os_reason

TIMEOUT = 60          # seconds a server may stay silent
PASSED_OVER = ("không có tệp đính kèm nào có thể là báo cáo, tiêu đề thư không nói đến báo "
               "cáo: không tải về")
STRUCTURE_BATCH = 500  # messages per FETCH of structures
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


class LoginRefused(MailError):
    """The server refused the user name or the password: ask again, keep nothing."""


class Cancelled(MailError):
    def __init__(self):
        super().__init__("Đã dừng nhận thư; chưa nhập gì, chưa ghi nhớ thư nào.")


@dataclass(frozen=True)
class Account:
    host: str
    user: str
    port: int = 993
    folder: str = "INBOX"
    cafile: str | None = None
    starttls: bool = False  # TLS started after connecting (port 143), not from the start

    @property
    def server(self) -> str:
        return server_name(self.host, self.port)

    @property
    def key(self) -> str:
        """What fetched mail is remembered under."""
        return f"{self.user}@{self.host.lower()}:{self.port}"


@dataclass
class Known:
    uids: dict[int, set[int]] = field(default_factory=dict)  # UIDVALIDITY: UIDs
    message_ids: set[str] = field(default_factory=set)


@dataclass
class FetchedMail:
    uid: int
    message_id: str | None
    sender: str
    subject: str
    name: str           # how the import names it (the container of its attachments)
    data: bytes         # the mail rebuilt from the parts downloaded (b"": none were)
    too_large: list[tuple[str, str]] = field(default_factory=list)  # (part name, reason)
    passed_over: str = ""  # why it was not downloaded at all (no report in it)


@dataclass
class Fetched:
    account: Account
    uidvalidity: int
    since: date
    mails: list[FetchedMail]
    found: int = 0       # messages since the date
    known: int = 0       # of them, fetched before
    duplicates: list[FetchedMail] = field(default_factory=list)  # same Message-ID (no data)
    passed_over: list[FetchedMail] = field(default_factory=list)  # no report in them
    downloaded: int = 0  # bytes


def imap_date(day: date) -> str:
    return f"{day.day}-{_MONTHS[day.month - 1]}-{day.year}"


def _said(account: Account, error: BaseException) -> MailError:
    server = account.server
    if isinstance(error, socket.gaierror):
        return MailError(f"Không tìm thấy máy chủ thư «{account.host}» (sai tên máy chủ, hay "
                         "máy không có mạng).")
    if isinstance(error, ConnectionRefusedError):
        return MailError(f"Máy chủ thư {server} không nhận kết nối (sai cổng, hay máy chủ "
                         "không chạy).")
    if isinstance(error, (TimeoutError, socket.timeout)):
        return MailError(f"Máy chủ thư {server} không trả lời (mạng chậm hay mất mạng).")
    if isinstance(error, ssl.SSLError):
        return MailError(f"Không mở được kết nối mã hóa (TLS) với {server}: {error.reason or error}"
                         ". Cổng 993 dùng TLS, cổng 143 dùng STARTTLS.")
    why = os_reason(error) if isinstance(error, OSError) else error
    return MailError(f"Không kết nối được với máy chủ thư {server} ({why}).")


def _connect(account: Account, pin: str | None) -> imaplib.IMAP4:
    opened = {}

    def handshake(context):
        if account.starttls:
            imap = imaplib.IMAP4(account.host, account.port, timeout=TIMEOUT)
            if "STARTTLS" not in imap.capabilities:
                imap.shutdown()
                raise MailError(f"Máy chủ thư {account.server} không hỗ trợ STARTTLS: không "
                                "gửi mật khẩu qua kết nối không mã hóa. Hãy dùng cổng 993.")
            try:
                imap.starttls(ssl_context=context)
            except BaseException:
                imap.shutdown()
                raise
        else:
            imap = imaplib.IMAP4_SSL(account.host, account.port, ssl_context=context,
                                     timeout=TIMEOUT)
        opened["imap"] = imap
        return imap.sock

    try:
        secured(account.host, account.port, handshake, account.cafile, pin)
    except MailError:
        raise
    except (OSError, imaplib.IMAP4.error) as error:
        raise _said(account, error) from None
    return opened["imap"]


def _login(imap: imaplib.IMAP4, account: Account, password: str) -> None:
    """AUTHENTICATE PLAIN carries a UTF-8 password (LOGIN is ASCII only in imaplib); LOGIN
    where the server offers nothing else."""
    try:
        if "AUTH=PLAIN" in imap.capabilities:
            imap.authenticate("PLAIN", lambda _: b"\0" + account.user.encode() + b"\0"
                              + password.encode())
        else:
            imap.login(account.user, password)
    except imaplib.IMAP4.abort:
        raise
    except (imaplib.IMAP4.error, UnicodeEncodeError):
        raise LoginRefused(f"Máy chủ thư {account.server} không nhận tên đăng nhập hay mật khẩu "
                           f"của «{account.user}». Mật khẩu không được lưu.") from None


def _examine(imap: imaplib.IMAP4, account: Account) -> int:
    folder = structure.imap_utf7(account.folder).replace("\\", "\\\\").replace('"', '\\"')
    status, data = imap.select(f'"{folder}"', readonly=True)  # EXAMINE
    if status != "OK":
        listed = []
        status, rows = imap.list()
        for row in rows or []:
            if isinstance(row, bytes):
                match = re.search(rb'"([^"]*)"\s*$|(\S+)\s*$', row)
                if match:
                    listed.append((match.group(1) or match.group(2)).decode("utf-8", "replace"))
        raise MailError(f"Hộp thư {account.user} trên {account.server} không có thư mục "
                        f"«{account.folder}». Các thư mục có: " + ", ".join(listed[:30]) + ".")
    _, values = imap.response("UIDVALIDITY")
    return int(values[0]) if values and values[0] else 0


def _headers(raw: bytes):
    message = email.message_from_bytes(raw or b"", policy=POLICY)
    message_id = " ".join(str(message.get("Message-ID", "") or "").split()) or None
    return message_id, _header_text(message.get("From", "")), \
        _header_text(message.get("Subject", ""))


def _mail_name(sender: str, subject: str, uid: int) -> str:
    address = re.search(r"<([^>]+)>", sender)
    who = address.group(1) if address else sender
    subject = subject[:80] + ("…" if len(subject) > 80 else "")
    return f"thư «{subject or '(không có tiêu đề)'}» của {who or 'người gửi không rõ'} (số {uid})"


def fetch(account: Account, password: str, since: date, known: Known, again: bool = False,
          pin: str | None = None, progress=None, cancelled=None) -> Fetched:
    """The new mail of the folder since `since`, downloaded (see the module's docstring).
    `progress(done, total, sentence)` as it goes; `cancelled()` is asked between messages."""
    def tell(done, total, sentence):
        if progress is not None:
            progress(done, total, sentence)

    def check():
        if cancelled is not None and cancelled():
            raise Cancelled

    tell(0, 0, f"Đang kết nối với {account.server}…")
    imap = _connect(account, pin)
    done = 0
    try:
        _login(imap, account, password)
        check()
        uidvalidity = _examine(imap, account)
        status, data = imap.uid("SEARCH", "SINCE", imap_date(since))
        uids = [int(u) for u in (data[0] or b"").split()] if status == "OK" else []
        seen = set() if again else known.uids.get(uidvalidity, set())
        new = [u for u in uids if u not in seen]
        result = Fetched(account, uidvalidity, since, [], found=len(uids),
                         known=len(uids) - len(new))
        plans = []
        ids = set() if again else set(known.message_ids)
        for start in range(0, len(new), STRUCTURE_BATCH):
            check()
            chunk = new[start:start + STRUCTURE_BATCH]
            tell(start, len(new), f"Đang xem cấu trúc {len(new)} thư mới…")
            status, data = imap.uid("FETCH", ",".join(map(str, chunk)),
                                    "(UID RFC822.SIZE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS "
                                    "(MESSAGE-ID FROM SUBJECT)])")
            for attributes in structure.parse_fetch(data if status == "OK" else []):
                header = next((v for k, v in attributes.items()
                               if k.startswith("BODY[HEADER.FIELDS")), b"")
                message_id, sender, subject = _headers(header)
                uid = int(attributes.get("UID") or 0)
                if not uid:
                    continue
                mail = FetchedMail(uid, message_id, sender, subject,
                                   _mail_name(sender, subject, uid), b"")
                if message_id and message_id in ids:
                    result.duplicates.append(mail)
                    continue
                if message_id:
                    ids.add(message_id)
                tree = structure.structure(attributes.get("BODYSTRUCTURE") or [])
                if not any(structure.readable(p) for p in structure.leaves(tree)) and \
                        not structure.about_reports(subject):
                    mail.passed_over = PASSED_OVER
                    result.passed_over.append(mail)
                    continue
                plans.append((mail, tree))
        for mail, tree in plans:
            check()
            tell(done, len(plans), f"Đang tải thư {done + 1}/{len(plans)}: {mail.name}")
            mail.data, mail.too_large, size = _download(imap, mail, tree)
            result.downloaded += size
            result.mails.append(mail)
            done += 1
        tell(done, len(plans), "")
        return result
    except MailError:
        raise
    except (OSError, imaplib.IMAP4.abort, imaplib.IMAP4.error, EOFError) as error:
        if isinstance(error, imaplib.IMAP4.error) and not isinstance(error, imaplib.IMAP4.abort):
            raise MailError(f"Máy chủ thư {account.server} trả lời lỗi: {error}. Chưa nhập "
                            "gì.") from None
        raise MailError(f"Mất kết nối với máy chủ thư {account.server} giữa chừng (đã tải "
                        f"{done} thư); chưa nhập gì, chưa ghi nhớ thư nào: lần sau sẽ nhận "
                        "lại.") from None
    finally:
        try:
            imap.logout()
        except Exception:  # the connection may be gone already
            pass


def _download(imap, mail: FetchedMail, tree) -> tuple[bytes, list, int]:
    """(the mail rebuilt, the parts too large to take, bytes downloaded)."""
    parts = structure.leaves(tree)
    wanted = [p for p in parts if structure.readable(p)]
    too_large = [p for p in wanted if p.size * 3 // 4 > MAX_ATTACHMENT_BYTES]
    wanted = [p for p in wanted if p not in too_large]
    if not wanted and not too_large:  # no attachment to read: the text may be the report
        wanted = [p for p in parts if p.is_text_body]
    if sum(p.size for p in wanted) > MAX_MAIL_BYTES:
        too_large += wanted
        wanted = []
    refused = [(p.name or f"tệp đính kèm {p.section}",
                f"tệp đính kèm quá lớn (khoảng {p.size * 3 // 4 >> 20} MB; tối đa "
                f"{MAX_ATTACHMENT_BYTES >> 20} MB), không tải về") for p in too_large]
    if not wanted:  # only attachments too large: nothing to download, they are named
        return b"", refused, 0
    whole = isinstance(tree, structure.Part)
    items = ["BODY.PEEK[HEADER]"]
    if whole:
        if wanted:
            items.append("BODY.PEEK[TEXT]")
    else:
        for part in parts:
            if part.is_text_body and part not in wanted:
                continue  # the text, not needed: left out
            if part in too_large:
                continue  # named by the import, never downloaded
            items.append(f"BODY.PEEK[{part.section}.MIME]")
            if part in wanted:
                items.append(f"BODY.PEEK[{part.section}]")
    status, data = imap.uid("FETCH", str(mail.uid), "(" + " ".join(items) + ")")
    if status != "OK":
        raise MailError(f"Máy chủ thư không trả {mail.name}.")
    [attributes] = structure.parse_fetch(data)[:1] or [{}]
    header = attributes.get("BODY[HEADER]") or b""
    got: dict[str, tuple[bytes, bytes]] = {}
    size = len(header)
    if whole:
        body = attributes.get("BODY[TEXT]") or b""
        got[tree.section] = (b"", body if isinstance(body, bytes) else b"")
        size += len(got[tree.section][1])
    else:
        for part in parts:
            mime = attributes.get(f"BODY[{part.section}.MIME]")
            if mime is None:
                continue
            body = attributes.get(f"BODY[{part.section}]") if part in wanted else b""
            got[part.section] = (mime, body if isinstance(body, bytes) else b"")
            size += len(mime) + len(got[part.section][1])
    return structure.rebuild(header, tree, got), refused, size
