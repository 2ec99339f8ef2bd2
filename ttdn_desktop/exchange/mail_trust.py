"""Whom a mail server is: TLS for IMAP and SMTP, and the certificates a user chose to trust.

A server is trusted as a mail program trusts it: its certificate chains to an authority the
operating system trusts, or to the office's own authority given as a PEM file (`--cafile`),
and names the server. A certificate that does not is refused with UntrustedCertificate, which
names the server and carries the certificate's SHA-256 fingerprint, so that the window or the
command line can offer «Tin chứng chỉ này»: after checking the digits with whoever runs the
server, the user pins that one certificate for that server (trust_certificate). A pinned
server is then taken on its pin alone, and only while it shows that very certificate: another
one (renewed, or someone in between) is refused again, saying the certificate changed.

The API, shared by fetching (IMAP) and sending (SMTP); nothing else here is for outside use:

    secured(host, port, handshake, cafile=None, pin=None) -> the TLS socket
        `handshake(context)` starts TLS on a new connection with that ssl.SSLContext
        (IMAP4_SSL(..., ssl_context=context), or STARTTLS) and returns the TLS socket. It is
        called once, or a second time with a context that does not verify, only to read the
        fingerprint of a certificate that was refused (that connection is closed at once).
    pinned(db, host, port) -> the fingerprint the user trusts for this server, or None
    trust_certificate(db, host, port, fingerprint) / forget_certificate(db, host, port)
    fingerprint(der) -> "AB:CD:…" (SHA-256 of the certificate, upper-case hex by pairs)
    MailError(TTDNError): a mail server that could not be used, said in Vietnamese
    UntrustedCertificate(MailError): .server ("host:port"), .fingerprint, .reason, .changed

Pins are settings (core.settings.MAIL_PIN, one per "host:port"), so they have history.
"""

from __future__ import annotations

import hashlib
import ssl

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.settings import MAIL_PIN
from ttdn_desktop.storage.settings import get_setting, set_setting


class MailError(TTDNError):
    """A mail server could not be used: the message names it and says why."""


class UntrustedCertificate(MailError):
    def __init__(self, host: str, port: int, fingerprint: str, reason: str,
                 changed: bool = False):
        self.host, self.port = host, port
        self.server = server_name(host, port)
        self.fingerprint = fingerprint
        self.reason = reason
        self.changed = changed
        if changed:
            said = (f"Máy chủ thư {self.server} đưa ra chứng chỉ khác với chứng chỉ đã chọn tin "
                    f"({reason}); không kết nối")
        else:
            said = (f"Máy chủ thư {self.server} đưa ra chứng chỉ không được tin cậy ({reason}); "
                    f"không kết nối")
        super().__init__(f"{said}. Dấu vân tay SHA-256 của chứng chỉ: {fingerprint}. Chỉ tin "
                         "chứng chỉ này sau khi đã gọi điện cho bộ phận quản lý máy chủ thư và "
                         "đối chiếu đúng dãy số trên (dòng lệnh: ttdn mail trust "
                         f"{self.server} {fingerprint}).")


def server_name(host: str, port: int) -> str:
    return f"{host}:{port}"


def fingerprint(der: bytes) -> str:
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def normal_fingerprint(text: str) -> str:
    """A fingerprint as typed or pasted (any case, with or without colons or spaces), in the
    form fingerprint() gives; MailError if it is not 32 bytes of hex."""
    digits = "".join(c for c in text if c not in ": \t").upper()
    if len(digits) != 64 or any(c not in "0123456789ABCDEF" for c in digits):
        raise MailError(f"«{text}» không phải dấu vân tay SHA-256 (64 chữ số hệ 16).")
    return ":".join(digits[i:i + 2] for i in range(0, 64, 2))


def pinned(db, host: str, port: int) -> str | None:
    return get_setting(db, MAIL_PIN, server_name(host, port).lower()) or None


def trust_certificate(db, host: str, port: int, text: str) -> str:
    value = normal_fingerprint(text)
    set_setting(db, MAIL_PIN, value, server_name(host, port).lower())
    return value


def forget_certificate(db, host: str, port: int) -> None:
    set_setting(db, MAIL_PIN, "", server_name(host, port).lower())


def tls_context(cafile=None) -> ssl.SSLContext:
    """A context that verifies the chain and the name: the system's authorities, or only the
    office's own (`cafile`, PEM). MailError naming the file when it cannot be read."""
    if cafile is None:
        return ssl.create_default_context()
    try:
        return ssl.create_default_context(cafile=str(cafile))
    except FileNotFoundError:
        raise MailError(f"Không tìm thấy tệp chứng chỉ «{cafile}».") from None
    except (ssl.SSLError, OSError, ValueError):
        raise MailError(f"Tệp «{cafile}» không phải chứng chỉ của cơ quan cấp chứng chỉ "
                        "(định dạng PEM, bắt đầu bằng «-----BEGIN CERTIFICATE-----»).") from None


def _unverified() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


# OpenSSL's verify codes, in a secretary's words
_REASONS = {
    10: "chứng chỉ đã hết hạn",
    9: "chứng chỉ chưa đến ngày có hiệu lực",
    18: "chứng chỉ tự ký",
    19: "chứng chỉ do một cơ quan cấp chứng chỉ chưa được tin cậy cấp",
    20: "chứng chỉ do một cơ quan cấp chứng chỉ chưa được tin cậy cấp",
    21: "chứng chỉ do một cơ quan cấp chứng chỉ chưa được tin cậy cấp",
    62: "chứng chỉ không mang tên máy chủ này",
    23: "chứng chỉ đã bị thu hồi",
}


def _reason(error: ssl.SSLCertVerificationError) -> str:
    return _REASONS.get(getattr(error, "verify_code", None),
                        f"không kiểm tra được chứng chỉ: {getattr(error, 'verify_message', '')}"
                        .rstrip(": "))


def secured(host: str, port: int, handshake, cafile=None, pin: str | None = None):
    """The TLS socket `handshake` opened, once the server is known to be who it says (see the
    module's docstring). UntrustedCertificate otherwise; what `handshake` raises goes through."""
    if pin:
        sock = handshake(_unverified())
        seen = fingerprint(sock.getpeercert(binary_form=True) or b"")
        if seen != normal_fingerprint(pin):
            sock.close()
            raise UntrustedCertificate(host, port, seen, "có thể máy chủ đã thay chứng chỉ, "
                                       "hoặc có máy khác chen vào giữa", changed=True)
        return sock
    try:
        return handshake(tls_context(cafile))
    except ssl.SSLCertVerificationError as error:
        reason = _reason(error)
    probe = handshake(_unverified())  # only to read what it showed
    try:
        seen = fingerprint(probe.getpeercert(binary_form=True) or b"")
    finally:
        probe.close()
    raise UntrustedCertificate(host, port, seen, reason)
