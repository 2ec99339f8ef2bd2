"""What Word imports leave behind: each agency's confirmed heading placements, and the text
that matched no section, kept with the revision it came in with."""

from __future__ import annotations

from ttdn_desktop.storage.database import now


def remember_placements(db, agency_code: str, form_id: str,
                        placements: list[tuple[str, str, str]]) -> None:
    """(heading key, heading as written, section id) confirmed for this agency. Call inside a
    transaction; a changed placement keeps the old one in word_placements_history."""
    at = now()
    for key, heading, section_id in placements:
        if not key:
            continue
        db.execute(
            "INSERT INTO word_placements (agency_code, form_id, heading_key, heading, "
            "section_id, confirmed_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (agency_code, form_id, heading_key) DO UPDATE SET "
            "heading = excluded.heading, section_id = excluded.section_id, "
            "confirmed_at = excluded.confirmed_at "
            "WHERE section_id IS NOT excluded.section_id",
            [agency_code, form_id, key, heading, section_id, at])


def placements_for(db, agency_code: str, form_id: str) -> dict[str, str]:
    """{heading key: section id} this agency's imports were confirmed with."""
    return {row["heading_key"]: row["section_id"] for row in db.query(
        "SELECT heading_key, section_id FROM word_placements WHERE agency_code = ? AND "
        "form_id = ?", [agency_code, form_id])}


def keep_unplaced(db, report_id: str, revision: int, file_name: str,
                  parts: list[tuple[str, str]]) -> int:
    """Keep (heading, text) parts that matched no section with this revision. Call inside a
    transaction. Returns how many were kept."""
    at = now()
    for heading, text in parts:
        db.execute("INSERT INTO word_unplaced (report_id, revision, file_name, heading, text, "
                   "kept_at) VALUES (?, ?, ?, ?, ?, ?)",
                   [report_id, revision, file_name, heading, text, at])
    return len(parts)


def list_unplaced(db, report_id: str, include_placed: bool = False) -> list[dict]:
    sql = ("SELECT id, report_id, revision, file_name, heading, text, kept_at, placed_section, "
           "placed_revision, placed_at FROM word_unplaced WHERE report_id = ?")
    if not include_placed:
        sql += " AND placed_at IS NULL"
    return list(db.query(sql + " ORDER BY id", [report_id]))


def unplaced(db, part_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM word_unplaced WHERE id = ?", [part_id]))
    return rows[0] if rows else None


def mark_placed(db, part_id: int, section_id: str, revision: int) -> None:
    """The part went into a section in this revision. Call inside a transaction."""
    db.execute("UPDATE word_unplaced SET placed_section = ?, placed_revision = ?, placed_at = ? "
               "WHERE id = ?", [section_id, revision, now(), part_id])
