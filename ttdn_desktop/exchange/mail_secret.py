"""The password of a mail account: kept by the operating system's credential store, never by us.

Where the password comes from, in this order: the credential store (Windows Credential
Manager, the macOS Keychain, GNOME's or KDE's Secret Service, through `keyring`); else the
TTDN_MAIL_PASSWORD variable (a script, a machine without a store); else the user is asked
(`ask`, a callback: the window's dialog or the terminal's prompt), and what was typed is
offered to the store (`remember`) once the server accepted it. Never in the database or a
file of ours: the database travels in backups and to other offices; a file would sit in
plain text beside it.

The API, shared by fetching (IMAP) and sending (SMTP):

    password(host, user, ask=None) -> Secret(value, source)   (source: STORE, VARIABLE, ASKED)
        MailError when there is none anywhere and `ask` is None (or returned nothing).
    remember(host, user, value) -> the store's name; MailError when there is no store
    forget(host, user) -> whether the store had one
    store_name() -> the store `keyring` would use, in words, or None when there is none
    ENV = "TTDN_MAIL_PASSWORD"

An account is (host, user): one password per user at each server, under the service name
SERVICE, which is what the user sees in Credential Manager or Seahorse.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.metadata import entry_points

import keyring
from keyring.backends import fail

from ttdn_desktop.exchange.mail_trust import MailError

ENV = "TTDN_MAIL_PASSWORD"
SERVICE = "TTDN Desktop (thư điện tử)"
STORE, VARIABLE, ASKED = "store", "variable", "asked"


@dataclass(frozen=True)
class Secret:
    value: str
    source: str  # STORE, VARIABLE or ASKED

    def __repr__(self) -> str:  # never in a log or a traceback
        return f"Secret(source={self.source!r})"


def _account(host: str, user: str) -> str:
    return f"{user}@{host.lower()}"


def _keyring():
    """The keyring module with a usable backend, or None (no store on this machine: a server
    without a desktop session, a locked or absent Secret Service)."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend is no store, never a crash of the fetch
        return None
    if isinstance(backend, fail.Keyring):
        return None
    return keyring


def store_name() -> str | None:
    keyring = _keyring()
    if keyring is None:
        return None
    backend = keyring.get_keyring()
    return getattr(backend, "name", None) or type(backend).__name__


def known_stores() -> list[str]:
    """The kinds of store this copy of keyring can speak to (viable here or not): what a
    frozen build must carry, its backends being found by their entry points."""
    return sorted(e.name for e in entry_points(group="keyring.backends"))


def password(host: str, user: str, ask=None) -> Secret:
    """See the module's docstring. `ask(account)` returns the typed password or None."""
    keyring = _keyring()
    if keyring is not None:
        try:
            value = keyring.get_password(SERVICE, _account(host, user))
        except Exception:  # a store that is locked or went away: as if it had none
            value = None
        if value:
            return Secret(value, STORE)
    value = os.environ.get(ENV)
    if value:
        return Secret(value, VARIABLE)
    typed = ask(_account(host, user)) if ask is not None else None
    if typed:
        return Secret(typed, ASKED)
    raise MailError(f"Chưa có mật khẩu của hộp thư {_account(host, user)}: không có trong kho "
                    f"mật khẩu của hệ điều hành, biến {ENV} cũng trống.")


def remember(host: str, user: str, value: str) -> str:
    keyring = _keyring()
    if keyring is None:
        raise MailError("Máy này không có kho mật khẩu của hệ điều hành (Windows Credential "
                        f"Manager, Keychain, Secret Service); mật khẩu không được lưu. Dùng "
                        f"biến {ENV}, hoặc nhập mật khẩu mỗi lần.")
    try:
        keyring.set_password(SERVICE, _account(host, user), value)
    except Exception as error:
        raise MailError(f"Kho mật khẩu của hệ điều hành không nhận mật khẩu ({error}); mật "
                        "khẩu không được lưu.") from None
    return store_name() or ""


def forget(host: str, user: str) -> bool:
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.delete_password(SERVICE, _account(host, user))
    except Exception:  # keyring.errors.PasswordDeleteError: there was none
        return False
    return True
