"""The mail already fetched from a mailbox (table fetched_mail, migration 17): by the server's
UIDVALIDITY and UID within an account's folder, and by Message-ID across all of them."""

from __future__ import annotations

from ttdn_desktop.storage.database import now


def known_uids(db, account: str, folder: str) -> dict[int, set[int]]:
    """{UIDVALIDITY: the UIDs fetched under it} for one account's folder."""
    known: dict[int, set[int]] = {}
    for row in db.execute("SELECT uidvalidity, uid FROM fetched_mail WHERE account = ? AND "
                          "folder = ?", [account, folder]):
        known.setdefault(row[0], set()).add(row[1])
    return known


def known_message_ids(db) -> set[str]:
    return {row[0] for row in db.execute("SELECT DISTINCT message_id FROM fetched_mail WHERE "
                                         "message_id IS NOT NULL")}


def remember(db, *, account: str, folder: str, uidvalidity: int, uid: int,
             message_id: str | None, sender: str, subject: str, outcome: str) -> None:
    """Call inside the import's transaction: remembered only with what was imported."""
    db.execute("INSERT INTO fetched_mail (account, folder, uidvalidity, uid, message_id, "
               "sender, subject, outcome, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (account, folder, uidvalidity, uid) DO UPDATE SET "
               "outcome = excluded.outcome, fetched_at = excluded.fetched_at",
               [account, folder, uidvalidity, uid, message_id or None, sender, subject,
                outcome, now()])
