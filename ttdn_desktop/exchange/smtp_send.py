"""Handing one mail to the office's mail server by SMTP submission: port 587 with STARTTLS, or
465 with TLS from the first byte; never in clear text. The server is trusted as mail_trust
says (the system's authorities, the office's own --cafile, or a certificate the user pinned).

A failure says whether trying again later can mend it (`retry`): a network that is down, a
server that went away in the middle, a «try later» (4xx) answer; or whether the user must act
first: a wrong password, a certificate not trusted, a mail larger than the server takes, an
address the server refuses."""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from dataclasses import dataclass

from ttdn_desktop.exchange.mail_trust import MailError, secured
from ttdn_desktop.util.storage_errors import os_reason

SUBMISSION, SMTPS = 587, 465
TIMEOUT = 60  # seconds without an answer before the line is taken as broken


@dataclass(frozen=True)
class Server:
    host: str
    port: int = SUBMISSION
    user: str = ""
    cafile: str | None = None
    implicit: bool | None = None  # TLS from the first byte; None: as the port says (465)

    @property
    def tls_first(self) -> bool:
        return self.port == SMTPS if self.implicit is None else self.implicit

    @property
    def name(self) -> str:
        return f"{self.host}:{self.port}"


class SendFailed(MailError):
    """The mail was not taken. `retry`: trying again later may work. `per_mail`: the fault is
    this mail's (its size, its address), the next mail may still go."""

    def __init__(self, message: str, retry: bool, per_mail: bool = False):
        super().__init__(message)
        self.retry, self.per_mail = retry, per_mail


def _size_words(size: int) -> str:
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def _connect(server: Server, pin: str | None) -> smtplib.SMTP:
    opened: list[smtplib.SMTP] = []

    def handshake(context: ssl.SSLContext):
        if server.tls_first:
            smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT, context=context)
            opened.append(smtp)
            return smtp.sock
        smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
        opened.append(smtp)
        smtp.ehlo()
        if not smtp.has_extn("starttls"):
            smtp.close()
            raise SendFailed(f"Máy chủ thư {server.name} không cho mã hóa kết nối (STARTTLS); "
                             "không gửi mật khẩu và thư qua đường không mã hóa. Dùng cổng 465 "
                             "hoặc hỏi bộ phận quản lý máy chủ.", retry=False)
        smtp.starttls(context=context)
        return smtp.sock

    try:
        secured(server.host, server.port, handshake, server.cafile, pin)
    except BaseException:
        for smtp in opened:
            smtp.close()
        raise
    for smtp in opened[:-1]:  # a probe that only read a refused certificate
        smtp.close()
    smtp = opened[-1]
    smtp.ehlo()
    return smtp


def send(server: Server, password: str, sender: str, recipients: list[str],
         message: bytes, pin: str | None = None) -> None:
    """Returns once the server has taken the mail; SendFailed (or UntrustedCertificate)
    otherwise, in words naming the server."""
    where = f"Máy chủ thư {server.name}"
    try:
        smtp = _connect(server, pin)
    except MailError:  # a certificate not trusted, no STARTTLS: said by who found it
        raise
    except (socket.gaierror, ConnectionRefusedError, TimeoutError, OSError,
            smtplib.SMTPException) as error:
        raise SendFailed(f"Không kết nối được máy chủ thư {server.name} ({_said(error)}); thư "
                         "nằm chờ trong hộp thư đi, sẽ gửi lại khi có mạng.", retry=True) from None
    try:
        limit = int(smtp.esmtp_features.get("size", "0") or 0)
        if limit and len(message) > limit:
            raise SendFailed(f"Thư quá lớn ({_size_words(len(message))}): {where} chỉ nhận thư "
                             f"đến {_size_words(limit)}. Gửi không kèm bản Word, hoặc hỏi bộ "
                             "phận quản lý máy chủ.", retry=False, per_mail=True)
        if server.user:
            _login(smtp, server.user, password)
        smtp.sendmail(sender, recipients, message)
    except smtplib.SMTPAuthenticationError:
        raise SendFailed(f"{where} từ chối tên đăng nhập «{server.user}» hoặc mật khẩu; thư chưa "
                         "gửi. Kiểm tra lại mật khẩu.", retry=False) from None
    except smtplib.SMTPNotSupportedError:
        raise SendFailed(f"{where} không cho đăng nhập (AUTH); thư chưa gửi.",
                         retry=False) from None
    except smtplib.SMTPRecipientsRefused as error:
        refused = ", ".join(error.recipients)
        raise SendFailed(f"{where} không nhận gửi đến {refused}; thư chưa gửi. Kiểm tra lại "
                         "địa chỉ người nhận.", retry=False, per_mail=True) from None
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
        if error.smtp_code == 552 or b"size" in (error.smtp_error or b"").lower():
            raise SendFailed(f"Thư quá lớn ({_size_words(len(message))}): {where} không nhận; "
                             "thư chưa gửi. Gửi không kèm bản Word, hoặc hỏi bộ phận quản lý "
                             "máy chủ.", retry=False, per_mail=True) from None
        raise SendFailed(f"{where} không nhận thư ({_said(error)}).",
                         retry=400 <= error.smtp_code < 500) from None
    except smtplib.SMTPResponseException as error:
        raise SendFailed(f"{where} trả lời «{_said(error)}»; thư chưa gửi.",
                         retry=400 <= error.smtp_code < 500) from None
    except (smtplib.SMTPException, OSError) as error:  # the line broke in the middle
        raise SendFailed(f"Mất kết nối với máy chủ thư {server.name} khi đang gửi "
                         f"({_said(error)}); thư nằm chờ trong hộp thư đi, sẽ gửi lại.",
                         retry=True) from None
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib's login encodes the password as ASCII and fails with UnicodeEncodeError on
    «mật-khẩu»: a Vietnamese password is sent in UTF-8 (RFC 4954's PLAIN, else LOGIN)."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("AUTH")
    offered = smtp.esmtp_features["auth"].upper().split()
    encode = lambda text: base64.b64encode(text.encode("utf-8")).decode("ascii")  # noqa: E731
    if "PLAIN" in offered:
        code, answer = smtp.docmd("AUTH", "PLAIN " + encode(f"\0{user}\0{password}"))
    else:
        code, answer = smtp.docmd("AUTH", "LOGIN " + encode(user))
        if code == 334:
            code, answer = smtp.docmd(encode(password))
    if code not in (235, 503):
        raise smtplib.SMTPAuthenticationError(code, answer)


def _said(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode("utf-8", "replace") if isinstance(
            error.smtp_error, bytes) else str(error.smtp_error)
        return f"{error.smtp_code} {text}".strip()
    if isinstance(error, socket.gaierror):
        return "không tìm thấy tên máy chủ"
    if isinstance(error, ConnectionRefusedError):
        return "máy chủ không trả lời ở cổng này"
    if isinstance(error, TimeoutError):
        return "quá thời gian chờ"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "máy chủ đã ngắt kết nối"
    if isinstance(error, OSError):
        return os_reason(error)
    return str(error) or type(error).__name__
