"""The outbox: mails waiting for the server to take them, and who was reminded when.

A mail is stored whole (its bytes, as first built) so that every try sends the same Message-ID
and Date: delivery is at least once, and a copy the server did take before the line broke is
told apart by the secretariat's import («đã có»). A mail is in a slot (the agency's report of a
period, the report upward of a period, one member's reminder): a newer mail for the same slot
replaces one still waiting, so a revision made after queuing goes instead of the older one."""

from __future__ import annotations

from dataclasses import dataclass

from ttdn_desktop.storage.database import now

REPORT = "report"        # an agency's package to the secretariat
UPWARD = "upward"        # the committee's report to the level above
REMINDER = "reminder"    # the secretariat's reminder to a member


def slot(kind: str, period_code: str, agency_code: str = "") -> str:
    return f"{kind}:{period_code}:{agency_code}"


@dataclass(frozen=True)
class Queued:
    id: int
    kind: str
    period_code: str
    agency_code: str
    revision: int
    recipient: str
    subject: str
    message_id: str
    sha256: str
    queued_at: str
    attempts: int
    tried_at: str | None
    error: str
    stopped: bool       # a fault a retry cannot mend (password, size): waits for the user
    sent_at: str | None


_COLUMNS = ("id, kind, period_code, agency_code, revision, recipient, subject, message_id, "
            "sha256, queued_at, attempts, tried_at, error, stopped, sent_at")


def _row(row) -> Queued:
    return Queued(**{**dict(row), "stopped": bool(row["stopped"])})


def queue(db, *, kind: str, period_code: str, agency_code: str, revision: int, recipient: str,
          subject: str, message_id: str, sha256: str, message: bytes) -> tuple[Queued, list]:
    """Put a mail in the outbox; the mails it replaces (same slot, not yet sent) are taken out
    and returned."""
    key = slot(kind, period_code, agency_code)
    with db.atomic():
        replaced = [_row(r) for r in db.query(
            f"SELECT {_COLUMNS} FROM outbox WHERE slot = ? AND sent_at IS NULL", [key])]
        db.execute("DELETE FROM outbox WHERE slot = ? AND sent_at IS NULL", [key])
        new_id = db.execute(
            "INSERT INTO outbox (slot, kind, period_code, agency_code, revision, recipient, "
            "subject, message_id, sha256, message, queued_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key, kind, period_code, agency_code, revision, recipient, subject, message_id,
             sha256, message, now()]).lastrowid
    return get(db, new_id), replaced


def get(db, mail_id: int) -> Queued | None:
    rows = list(db.query(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", [mail_id]))
    return _row(rows[0]) if rows else None


def message(db, mail_id: int) -> bytes:
    return db.execute("SELECT message FROM outbox WHERE id = ?", [mail_id]).fetchone()[0]


def waiting(db, include_stopped: bool = True) -> list[Queued]:
    """Mails not yet taken by the server, oldest first."""
    stopped = "" if include_stopped else " AND stopped = 0"
    return [_row(r) for r in db.query(
        f"SELECT {_COLUMNS} FROM outbox WHERE sent_at IS NULL{stopped} ORDER BY id")]


def sent(db, limit: int = 50) -> list[Queued]:
    return [_row(r) for r in db.query(
        f"SELECT {_COLUMNS} FROM outbox WHERE sent_at IS NOT NULL ORDER BY sent_at DESC, id DESC "
        "LIMIT ?", [limit])]


def record_try(db, mail_id: int, error: str = "", stop: bool = False) -> None:
    """A try that failed (`error`); `stop`: not tried again until the user asks."""
    with db.atomic():
        db.execute("UPDATE outbox SET attempts = attempts + 1, tried_at = ?, error = ?, "
                   "stopped = ? WHERE id = ?", [now(), error, int(stop), mail_id])


def record_sent(db, mail_id: int) -> None:
    with db.atomic():
        db.execute("UPDATE outbox SET attempts = attempts + 1, tried_at = ?, sent_at = ?, "
                   "error = '', stopped = 0 WHERE id = ?", [now(), now(), mail_id])


# --- reminders ---------------------------------------------------------------------------------
def record_reminder(db, period_code: str, agency_code: str, recipient: str, reason: str,
                    outbox_id: int | None) -> None:
    with db.atomic():
        db.execute("INSERT INTO reminders (period_code, agency_code, recipient, reason, "
                   "outbox_id, reminded_at) VALUES (?, ?, ?, ?, ?, ?)",
                   [period_code, agency_code, recipient, reason, outbox_id, now()])


def reminders(db, period_code: str) -> dict[str, list[dict]]:
    """agency code -> its reminders for the period, oldest first, each with whether its mail
    has gone (sent_at from the outbox; None while it waits)."""
    found: dict[str, list[dict]] = {}
    for row in db.query(
            "SELECT r.agency_code, r.recipient, r.reason, r.reminded_at, o.sent_at "
            "FROM reminders r LEFT JOIN outbox o ON o.id = r.outbox_id "
            "WHERE r.period_code = ? ORDER BY r.id", [period_code]):
        found.setdefault(row["agency_code"], []).append(dict(row))
    return found
