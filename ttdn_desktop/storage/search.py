"""Full-text search over the current revision of every report (SQLite FTS5).

The index holds accent-folded text ("doi ngoai" for "đối ngoại"), and queries are folded the
same way, so a search finds a word typed with or without its accents."""

from __future__ import annotations

from dataclasses import dataclass

from ttdn_desktop.core.richtext import plain_text
from ttdn_desktop.core.text import clean_line, fold

SNIPPET = 70


@dataclass(frozen=True)
class Hit:
    report_id: str
    agency_code: str
    agency_name: str
    period_code: str
    section_id: str
    snippet: str


def index_report(db, report_id: str) -> None:
    """Index the current revision of one report (call inside the writing transaction)."""
    db.execute("DELETE FROM search_index WHERE report_id = ?", [report_id])
    rows = db.execute(
        "SELECT t.section_id, t.text FROM section_texts t JOIN reports r ON r.id = t.report_id "
        "AND r.current_revision = t.revision WHERE r.id = ?", [report_id]).fetchall()
    for section_id, text in rows:
        db.execute("INSERT INTO search_index (folded, report_id, section_id) VALUES (?, ?, ?)",
                   [fold(plain_text(text)), report_id, section_id])


def index_sections(db, report_id: str, section_ids) -> None:
    """Re-index only these sections of the report's current revision (an autosave): the other
    sections' rows stay as they are, so one save costs one section, not the whole report.
    Call inside the writing transaction."""
    for section_id in section_ids:
        db.execute("DELETE FROM search_index WHERE report_id = ? AND section_id = ?",
                   [report_id, section_id])
        row = db.execute(
            "SELECT t.text FROM section_texts t JOIN reports r ON r.id = t.report_id "
            "AND r.current_revision = t.revision WHERE r.id = ? AND t.section_id = ?",
            [report_id, section_id]).fetchone()
        if row is not None:
            db.execute("INSERT INTO search_index (folded, report_id, section_id) "
                       "VALUES (?, ?, ?)", [fold(plain_text(row[0])), report_id, section_id])


def _query(text: str) -> str:
    words = [w for w in fold(clean_line(text)).replace('"', " ").split() if w]
    return " ".join(f'"{word}"*' for word in words)


def search(db, text: str, period_code: str | None = None, limit: int = 200) -> list[Hit]:
    query = _query(text)
    if not query:
        return []
    sql = ("SELECT s.report_id, s.section_id, r.agency_code, a.name, r.period_code, t.text "
           "FROM search_index s JOIN reports r ON r.id = s.report_id "
           "JOIN agencies a ON a.code = r.agency_code "
           "JOIN section_texts t ON t.report_id = r.id AND t.revision = r.current_revision "
           "AND t.section_id = s.section_id WHERE search_index MATCH ?")
    params: list = [query]
    if period_code:
        sql += " AND r.period_code = ?"
        params.append(period_code)
    sql += " ORDER BY r.period_code DESC, rank LIMIT ?"
    params.append(limit)
    hits = []
    first_word = fold(clean_line(text)).split()[0]
    for report_id, section_id, code, name, period, original in db.execute(sql, params):
        hits.append(Hit(report_id, code, name, period, section_id,
                        snippet(plain_text(original), first_word)))
    return hits


def snippet(text: str, folded_word: str) -> str:
    """Some words either side of the first match, from the original (accented) text. Folding
    keeps one character per character for Vietnamese, so positions carry over."""
    flat = " ".join(text.split())
    at = fold(flat).find(folded_word)
    if at < 0 or len(fold(flat)) != len(flat):
        return flat[: 2 * SNIPPET] + ("…" if len(flat) > 2 * SNIPPET else "")
    start, end = max(0, at - SNIPPET), min(len(flat), at + len(folded_word) + SNIPPET)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
