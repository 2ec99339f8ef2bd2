"""A real SMTP submission server for the tests (aiosmtpd, test-only): on localhost, a port
above 1024, TLS from a certificate authority the test makes (tests/mailcerts.py), AUTH LOGIN
and PLAIN with one account, a size limit, and faults chosen by the test: drop the line in the
middle of a mail (before or after the server has it), or be gone altogether. Every mail taken
is kept (envelope and bytes) and written as an .eml file, as a mail program saves it."""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from .mailcerts import make_authority, server_certificate

USER, PASSWORD = "donvi@sngv.test", "mật-khẩu-đúng"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Taken:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class Handler:
    folder: Path
    taken: list[Taken] = field(default_factory=list)
    # "after_data": the server keeps the mail, then drops the line before it answers;
    # "before_data": it drops the line when the mail's bytes start
    drop: str | None = None

    async def handle_DATA(self, server, session, envelope):
        if self.drop == "before_data":
            self.drop = None
            server.transport.close()
            return "421 đóng kết nối"
        self.taken.append(Taken(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        (self.folder / f"thu-{len(self.taken)}.eml").write_bytes(envelope.content)
        if self.drop == "after_data":
            self.drop = None
            server.transport.close()
            return "421 đóng kết nối"
        return "250 OK"


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER and \
        auth_data.password.decode() == PASSWORD
    return AuthResult(success=ok, handled=False)  # handled=True: no answer, line closed


class MailServer:
    """`implicit`: TLS from the first byte (465's way), else STARTTLS (587's)."""

    def __init__(self, folder: Path, implicit: bool = False, size_limit: int = 2_000_000,
                 authority=None):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.authority = authority or make_authority(folder / "ca")
        cert, key, self.der = server_certificate(self.authority, folder / "ca")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        self.handler = Handler(folder / "nhan")
        self.handler.folder.mkdir(exist_ok=True)
        self.port = free_port()
        # aiosmtpd counts only STARTTLS as TLS: over TLS from the first byte it would hide AUTH
        options = {"ssl_context": context, "auth_require_tls": False} if implicit else {
            "tls_context": context, "require_starttls": True, "auth_require_tls": True}
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port,
                                     server_hostname="localhost", authenticator=_authenticator,
                                     data_size_limit=size_limit,
                                     **options)

    @property
    def cafile(self) -> str:
        return str(self.authority.pem_path)

    @property
    def taken(self) -> list[Taken]:
        return self.handler.taken

    def start(self) -> "MailServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
