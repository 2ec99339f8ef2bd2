"""The mail password (exchange/mail_secret.py): from the operating system's credential store,
else TTDN_MAIL_PASSWORD, else asked; never anywhere of ours.

Tried here: GNOME's Secret Service, the store of a Linux desktop, really running (gnome-keyring
on a D-Bus session of its own, in a subprocess so the test's own session is untouched), and a
test-only in-memory keyring backend for the order of the sources. Not tried: Windows Credential
Manager and the macOS Keychain (keyring's own backends for them; no such machine here)."""

from __future__ import annotations

import os
import subprocess
import sys

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from ttdn_desktop.exchange import mail_secret
from ttdn_desktop.exchange.mail_trust import MailError

from .ci_tools import needs


class MemoryKeyring(KeyringBackend):
    """A store that keeps passwords in a dict: for tests only."""
    priority = 1

    def __init__(self):
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        if self.kept.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture
def store(monkeypatch):
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    monkeypatch.delenv(mail_secret.ENV, raising=False)
    yield memory
    keyring.set_keyring(before)


def test_the_store_comes_first_then_the_variable_then_the_question(store, monkeypatch):
    asked = []

    def ask(account):
        asked.append(account)
        return "gõ-tay"

    assert mail_secret.password("Mail.Tinh.gov.vn", "btg", ask) == \
        mail_secret.Secret("gõ-tay", mail_secret.ASKED)
    assert asked == ["btg@mail.tinh.gov.vn"]
    monkeypatch.setenv(mail_secret.ENV, "tu-bien")
    assert mail_secret.password("mail.tinh.gov.vn", "btg", ask).source == mail_secret.VARIABLE
    mail_secret.remember("mail.tinh.gov.vn", "btg", "trong-kho")
    secret = mail_secret.password("mail.tinh.gov.vn", "btg", ask)
    assert (secret.value, secret.source) == ("trong-kho", mail_secret.STORE)
    assert "trong-kho" not in repr(secret)  # never in a log line or a traceback
    assert len(asked) == 1
    assert store.kept == {(mail_secret.SERVICE, "btg@mail.tinh.gov.vn"): "trong-kho"}
    assert mail_secret.forget("mail.tinh.gov.vn", "btg") is True
    assert mail_secret.forget("mail.tinh.gov.vn", "btg") is False


def test_no_password_anywhere_is_said(store):
    with pytest.raises(MailError, match="Chưa có mật khẩu của hộp thư btg@mail.x"):
        mail_secret.password("mail.x", "btg", ask=lambda account: None)


def test_without_a_store_nothing_is_kept_and_the_user_is_told(monkeypatch):
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        monkeypatch.setenv(mail_secret.ENV, "tu-bien")
        assert mail_secret.store_name() is None
        assert mail_secret.password("mail.x", "btg").source == mail_secret.VARIABLE
        with pytest.raises(MailError, match="không có kho mật khẩu"):
            mail_secret.remember("mail.x", "btg", "x")
        assert mail_secret.forget("mail.x", "btg") is False
    finally:
        keyring.set_keyring(before)


SCRIPT = """
from ttdn_desktop.exchange import mail_secret as m
print("kho:", m.store_name())
print("luu:", m.remember("mail.tinh.gov.vn", "btg", "mật-khẩu ✓"))
s = m.password("mail.tinh.gov.vn", "btg")
print("doc:", s.source, s.value == "mật-khẩu ✓")
print("xoa:", m.forget("mail.tinh.gov.vn", "btg"), m.forget("mail.tinh.gov.vn", "btg"))
"""


@needs("secret-service")
def test_a_real_secret_service_keeps_the_password(tmp_path):
    """gnome-keyring-daemon --unlock on a fresh D-Bus session, HOME in tmp (the login keyring
    made and unlocked with a password of its own, as a desktop login does): the password goes
    into its login keyring and comes back; TTDN_MAIL_PASSWORD unset, so it came from there."""
    env = {k: v for k, v in os.environ.items() if k not in (mail_secret.ENV,
                                                            "DBUS_SESSION_BUS_ADDRESS")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_RUNTIME_DIR=str(tmp_path / "run"))
    env.pop("PYTHON_KEYRING_BACKEND", None)
    (tmp_path / "run").mkdir(mode=0o700)
    shell = (f"printf 'mo-khoa' | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
             f"exec '{sys.executable}' -c \"$SCRIPT\"")
    env["SCRIPT"] = SCRIPT
    done = subprocess.run(["dbus-run-session", "--", "sh", "-c", shell], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines == ["kho: SecretService Keyring", "luu: SecretService Keyring",
                     "doc: store True", "xoa: True False"], done.stdout + done.stderr[-2000:]
    # the keyring file is gnome-keyring's, encrypted: the password is not in it as text
    kept = b"".join(p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert "mật-khẩu".encode() not in kept


def test_the_backends_are_found_by_their_entry_points():
    """What the frozen build must carry (packaging/ttdn.spec: keyring's metadata)."""
    assert {"SecretService", "Windows", "macOS"} <= set(mail_secret.known_stores())
