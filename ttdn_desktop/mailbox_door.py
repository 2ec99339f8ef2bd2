"""The secretariat's mailbox, the door both front ends use (`ws.mailbox`): certificates the
user trusts, the password's store, and fetching reports from the mailbox by IMAP."""

from __future__ import annotations

from ttdn_desktop.exchange import mail_secret, mail_trust


class Mailbox:
    def __init__(self, ws):
        self._ws = ws

    # --- certificates (exchange/mail_trust.py) ------------------------------------------
    def trust_certificate(self, host: str, port: int, fingerprint: str) -> str:
        return mail_trust.trust_certificate(self._ws.db, host, port, fingerprint)

    def forget_certificate(self, host: str, port: int) -> None:
        mail_trust.forget_certificate(self._ws.db, host, port)

    def pinned(self, host: str, port: int) -> str | None:
        return mail_trust.pinned(self._ws.db, host, port)

    # --- the password (exchange/mail_secret.py) -------------------------------------------
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
