"""Whom a mail server is (exchange/mail_trust.py): a real TLS server on localhost with
certificates from an authority made here. Refused: a certificate no trusted authority signed,
self-signed, expired, for another name; each naming the server and carrying the fingerprint
the user may pin. Pinned: taken while it shows that certificate, refused once it shows
another."""

from __future__ import annotations

import hashlib
import socket
import ssl
import threading

import pytest

from ttdn_desktop.exchange import mail_trust
from ttdn_desktop.exchange.mail_trust import MailError, UntrustedCertificate, secured

from .mailcerts import make_authority, server_certificate


class TLSServer:
    """Accepts connections on 127.0.0.1 and does the TLS handshake with its certificate."""

    def __init__(self, cert, key):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def use(self, cert, key):
        self.context.load_cert_chain(cert, key)  # the next handshakes show this one

    def _serve(self):
        while True:
            try:
                raw, _ = self.listener.accept()
            except OSError:
                return
            try:
                with self.context.wrap_socket(raw, server_side=True) as tls:
                    tls.recv(1)
            except (OSError, ssl.SSLError):
                pass

    def close(self):
        self.listener.close()


def _handshake(port, name="localhost"):
    def handshake(context):
        raw = socket.create_connection(("127.0.0.1", port), timeout=10)
        try:
            return context.wrap_socket(raw, server_hostname=name)
        except BaseException:
            raw.close()
            raise
    return handshake


@pytest.fixture
def office(tmp_path):
    authority = make_authority(tmp_path / "ca")
    cert, key, der = server_certificate(authority, tmp_path / "srv")
    server = TLSServer(cert, key)
    yield authority, server, der
    server.close()


def test_the_offices_own_authority_is_trusted_when_given(office):
    authority, server, der = office
    sock = secured("localhost", server.port, _handshake(server.port), cafile=authority.pem_path)
    assert sock.getpeercert(binary_form=True) == der
    sock.close()


def test_an_unknown_authority_is_refused_naming_the_server_and_the_fingerprint(office):
    _authority, server, der = office
    with pytest.raises(UntrustedCertificate) as caught:
        secured("localhost", server.port, _handshake(server.port))
    error = caught.value
    digest = hashlib.sha256(der).hexdigest().upper()
    assert error.fingerprint.replace(":", "") == digest
    assert error.server == f"localhost:{server.port}" and not error.changed
    assert f"Máy chủ thư localhost:{server.port}" in error.message
    assert "chưa được tin cậy" in error.message and error.fingerprint in error.message
    assert f"ttdn mail trust localhost:{server.port} {error.fingerprint}" in error.message


def test_a_pinned_certificate_is_taken_and_another_one_refused(office, workspace, tmp_path):
    _authority, server, der = office
    with pytest.raises(UntrustedCertificate) as caught:
        secured("localhost", server.port, _handshake(server.port))
    assert mail_trust.pinned(workspace.db, "localhost", server.port) is None
    # typed by hand: lower case, no colons
    mail_trust.trust_certificate(workspace.db, "LOCALHOST", server.port,
                                 caught.value.fingerprint.replace(":", "").lower())
    pin = mail_trust.pinned(workspace.db, "localhost", server.port)
    assert pin == caught.value.fingerprint
    assert mail_trust.pinned(workspace.db, "localhost", server.port + 1) is None  # per server
    sock = secured("localhost", server.port, _handshake(server.port), pin=pin)
    assert sock.getpeercert(binary_form=True) == der
    sock.close()
    # the server now shows another certificate (renewed, or someone in between)
    cert, key, other = server_certificate(None, tmp_path / "other")
    server.use(cert, key)
    with pytest.raises(UntrustedCertificate) as caught:
        secured("localhost", server.port, _handshake(server.port), pin=pin)
    assert caught.value.changed and "khác với chứng chỉ đã chọn tin" in caught.value.message
    assert caught.value.fingerprint == mail_trust.fingerprint(other)
    mail_trust.forget_certificate(workspace.db, "localhost", server.port)
    assert mail_trust.pinned(workspace.db, "localhost", server.port) is None


@pytest.mark.parametrize("kind, reason", [
    ("self", "chứng chỉ tự ký"),
    ("expired", "chứng chỉ đã hết hạn"),
    ("name", "chứng chỉ không mang tên máy chủ này"),
])
def test_each_fault_of_a_certificate_is_said(tmp_path, kind, reason):
    authority = make_authority(tmp_path / "ca")
    cert, key, _der = server_certificate(
        None if kind == "self" else authority, tmp_path / "srv",
        name="mail.other.example" if kind == "name" else "localhost",
        days=-1 if kind == "expired" else 30)
    server = TLSServer(cert, key)
    try:
        with pytest.raises(UntrustedCertificate) as caught:
            secured("localhost", server.port, _handshake(server.port),
                    cafile=None if kind == "self" else authority.pem_path)
        assert reason in caught.value.message
    finally:
        server.close()


def test_a_cafile_that_is_no_certificate_is_named(tmp_path):
    bad = tmp_path / "ca.pem"
    bad.write_text("không phải chứng chỉ", encoding="utf-8")
    with pytest.raises(MailError, match="ca.pem.*không phải chứng chỉ"):
        mail_trust.tls_context(bad)
    with pytest.raises(MailError, match="Không tìm thấy tệp chứng chỉ"):
        mail_trust.tls_context(tmp_path / "none.pem")


def test_a_typed_fingerprint_must_be_sha256():
    with pytest.raises(MailError, match="không phải dấu vân tay SHA-256"):
        mail_trust.normal_fingerprint("AB:CD")
    assert mail_trust.normal_fingerprint("ab" * 32) == ":".join(["AB"] * 32)
