"""Packages kept aside: conflicts, and agencies not (yet) on the member list."""

from __future__ import annotations

from enum import StrEnum

from ttdn_desktop.storage.database import now


class Resolution(StrEnum):
    """How a held package was dealt with, stored as these words. A package applied once its
    agency was added is stored with its import's outcome (core.rules.Outcome) instead."""
    # held again for its signature once its agency was added (the word of core.rules.SIGNATURE)
    MOVED_TO_SIGNATURE = "signature"
    INCOMING = "incoming"  # a conflict settled for the package that came
    KEPT = "kept"          # a conflict settled for the report already stored
    ACCEPTED = "accepted"  # taken as it is, its sender's key checked by phone
    IMPORTED = "imported"  # a report held from the mailbox, imported by the user


def hold(db, *, reason: str, detail: str, file_name: str, agency_code: str, agency_name: str,
         period_code: str, report_id: str, revision: int, package: bytes, sha256: str) -> int:
    """Keep a package that was not applied. Call inside a transaction. A package already held
    (same report, revision and content, still unresolved) is not held twice. `sha256`: of the
    content as read (the hash the import rules compare)."""
    existing = list(db.query(
        "SELECT id FROM held_packages WHERE report_id = ? AND revision = ? AND "
        "content_sha256 = ? AND reason = ? AND resolved_at IS NULL",
        [report_id, revision, sha256, reason]))
    if existing:
        return existing[0]["id"]
    cursor = db.execute(
        "INSERT INTO held_packages (reason, detail, file_name, agency_code, agency_name, "
        "period_code, report_id, revision, content_sha256, package, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [reason, detail, file_name, agency_code, agency_name, period_code, report_id, revision,
         sha256, package, now()])
    return cursor.lastrowid


def was_resolved(db, report_id: str, revision: int, sha256: str) -> bool:
    """Whether exactly this package was held once and has been dealt with. One only moved on
    to be held for its signature (an agency added, its package then signed by a key to check)
    has not been: taking it as dealt with made the later «nhận khóa» answer «đã có»."""
    row = db.execute("SELECT 1 FROM held_packages WHERE report_id = ? AND revision = ? AND "
                     "content_sha256 = ? AND resolved_at IS NOT NULL AND "
                     "resolution IS NOT ? LIMIT 1",
                     [report_id, revision, sha256, Resolution.MOVED_TO_SIGNATURE]).fetchone()
    return row is not None


def list_held(db, agency_code: str | None = None, reason: str | None = None,
              period_code: str | None = None) -> list[dict]:
    sql = ("SELECT id, reason, detail, file_name, agency_code, agency_name, period_code, "
           "report_id, revision, received_at FROM held_packages WHERE resolved_at IS NULL")
    params = []
    if agency_code:
        sql += " AND agency_code = ?"
        params.append(agency_code)
    if reason:
        sql += " AND reason = ?"
        params.append(reason)
    if period_code:
        sql += " AND period_code = ?"
        params.append(period_code)
    return list(db.query(sql + " ORDER BY id", params))


def held_package(db, held_id: int) -> bytes:
    return db.execute("SELECT package FROM held_packages WHERE id = ?", [held_id]).fetchone()[0]


def resolve(db, held_id: int, resolution: str) -> None:
    """Mark a held package dealt with; the row and its bytes stay for the record.
    `resolution`: a Resolution, or the Outcome of the import that applied the package."""
    db.execute("UPDATE held_packages SET resolved_at = ?, resolution = ? WHERE id = ?",
               [now(), resolution, held_id])
