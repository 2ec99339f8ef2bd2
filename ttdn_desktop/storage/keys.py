"""Keys pinned for each sender, and the signature state each received revision came with.

One active key per sender at most; a key replaced (the sender's new PC, accepted by the user)
or revoked (a stolen PC) stays as a row of history, never deleted.
"""

from __future__ import annotations

import base64

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.trust import short_form
from ttdn_desktop.storage.database import now

ACTIVE = "active"
REPLACED = "replaced"
REVOKED = "revoked"
STATE_LABELS = {ACTIVE: "đang dùng", REPLACED: "đã thay bằng khóa mới", REVOKED: "đã thu hồi"}


def _row(row: dict) -> dict:
    row = dict(row)
    row["short"] = short_form(row["fingerprint"])
    row["state_label"] = STATE_LABELS.get(row["state"], row["state"])
    return row


def active_key(db, party: str) -> dict | None:
    rows = list(db.query("SELECT * FROM pinned_keys WHERE party = ? AND state = ?",
                         [party, ACTIVE]))
    return _row(rows[0]) if rows else None


def revoked_keys(db, party: str) -> set[str]:
    return {r["fingerprint"] for r in db.query(
        "SELECT fingerprint FROM pinned_keys WHERE party = ? AND state = ?", [party, REVOKED])}


def revoked_for(db, fingerprint: str) -> list[str]:
    """Every sender that revoked this key (a lost or stolen PC)."""
    return [r["party"] for r in db.query(
        "SELECT DISTINCT party FROM pinned_keys WHERE fingerprint = ? AND state = ? "
        "ORDER BY party", [fingerprint, REVOKED])]


def parties_of(db, fingerprint: str) -> list[str]:
    """Every sender this key was ever recorded for (active, replaced or revoked)."""
    return [r["party"] for r in db.query(
        "SELECT DISTINCT party FROM pinned_keys WHERE fingerprint = ? ORDER BY party",
        [fingerprint])]


def list_keys(db, party: str | None = None, history: bool = False) -> list[dict]:
    sql = "SELECT * FROM pinned_keys WHERE 1"
    params: list = []
    if party:
        sql += " AND party = ?"
        params.append(party)
    if not history:
        sql += " AND state = ?"
        params.append(ACTIVE)
    return [_row(r) for r in db.query(sql + " ORDER BY party, id", params)]


def pin(db, party: str, public_key: bytes, fingerprint: str, name: str = "",
        first_file: str = "", confirmed: bool = False) -> dict:
    """Make `public_key` the sender's key; the key it replaces stays as history. Call inside a
    transaction."""
    stamp = now()
    current = active_key(db, party)
    if current is not None:
        if current["fingerprint"] == fingerprint:
            if confirmed and not current["confirmed_at"]:
                db.execute("UPDATE pinned_keys SET confirmed_at = ? WHERE id = ?",
                           [stamp, current["id"]])
            return active_key(db, party)
        db.execute("UPDATE pinned_keys SET state = ?, ended_at = ? WHERE id = ?",
                   [REPLACED, stamp, current["id"]])
    db.execute("INSERT INTO pinned_keys (party, name, fingerprint, public_key, state, pinned_at, "
               "first_file, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [party, name, fingerprint, base64.b64encode(public_key).decode("ascii"), ACTIVE,
                stamp, first_file, stamp if confirmed else None])
    return active_key(db, party)


def confirm(db, party: str) -> dict:
    """The fingerprint was checked with the sender (by phone)."""
    current = active_key(db, party)
    if current is None:
        raise TTDNError(f"Chưa có khóa ký nào được ghi nhận cho «{party}».")
    db.execute("UPDATE pinned_keys SET confirmed_at = ? WHERE id = ?", [now(), current["id"]])
    return active_key(db, party)


def revoke(db, party: str) -> dict:
    """Stop trusting the sender's key: packages signed by it are held from now on, and the next
    key it signs with is pinned as on the first time."""
    current = active_key(db, party)
    if current is None:
        raise TTDNError(f"Chưa có khóa ký nào được ghi nhận cho «{party}».")
    db.execute("UPDATE pinned_keys SET state = ?, ended_at = ? WHERE id = ?",
               [REVOKED, now(), current["id"]])
    return _row(dict(current, state=REVOKED))


def record_signature(db, report_id: str, revision: int, state: str, label: str,
                     fingerprint: str | None) -> None:
    db.execute("INSERT OR REPLACE INTO revision_signatures (report_id, revision, state, label, "
               "fingerprint) VALUES (?, ?, ?, ?, ?)",
               [report_id, revision, state, label, fingerprint])


def signature_of(db, report_id: str, revision: int) -> dict | None:
    rows = list(db.query("SELECT * FROM revision_signatures WHERE report_id = ? AND revision = ?",
                         [report_id, revision]))
    return rows[0] if rows else None
