"""Full-text search over the current revision of every report (SQLite FTS5).

Each text is indexed twice: accent-folded ("doi ngoai" for "đối ngoại") and lower-cased with its
accents. A query word typed without accents is looked up in the first, one typed with accents
in the second: the search rule of core.text.find_text, kept in the index."""

from __future__ import annotations

from dataclasses import dataclass

from ttdn_desktop.core.richtext import plain_text
from ttdn_desktop.core.text import clean_line, find_text, fold, has_marks, nfc

SNIPPET = 70


@dataclass(frozen=True)
class Hit:
    """A section whose text matches a search, with the words around the match."""
    report_id: str
    agency_code: str
    agency_name: str
    period_code: str
    section_id: str
    snippet: str


def index_report(db, report_id: str) -> None:
    """Index the current revision of one report (call inside the writing transaction)."""
    _forget(db, "report_id = ?", [report_id])
    rows = db.execute(
        "SELECT t.section_id, t.text FROM section_texts t JOIN reports r ON r.id = t.report_id "
        "AND r.current_revision = t.revision WHERE r.id = ?", [report_id]).fetchall()
    for section_id, text in rows:
        _add(db, report_id, section_id, text)


def index_sections(db, report_id: str, section_ids) -> None:
    """Re-index only these sections of the report's current revision (an autosave): the other
    sections' rows stay as they are, so one save costs one section, not the whole report.
    Call inside the writing transaction."""
    for section_id in section_ids:
        _forget(db, "report_id = ? AND section_id = ?", [report_id, section_id])
        row = db.execute(
            "SELECT t.text FROM section_texts t JOIN reports r ON r.id = t.report_id "
            "AND r.current_revision = t.revision WHERE r.id = ? AND t.section_id = ?",
            [report_id, section_id]).fetchone()
        if row is not None:
            _add(db, report_id, section_id, row[0])


# Each index row's report and section are also kept in search_keys (by the index's rowid):
# FTS5 stores them after the whole folded text, so reading them there, or finding a report's
# rows by them, reads every text of the index.
def _forget(db, where: str, params: list) -> None:
    db.execute("DELETE FROM search_index WHERE rowid IN "
               f"(SELECT id FROM search_keys WHERE {where})", params)
    db.execute(f"DELETE FROM search_keys WHERE {where}", params)


def _add(db, report_id: str, section_id: str, text: str) -> None:
    plain = plain_text(text)
    rowid = db.execute("INSERT INTO search_index (folded, marked, report_id, section_id) "
                       "VALUES (?, ?, ?, ?)", [fold(plain), nfc(plain).lower(), report_id,
                                               section_id]).lastrowid
    db.execute("INSERT INTO search_keys (id, report_id, section_id) VALUES (?, ?, ?)",
               [rowid, report_id, section_id])


def _query(text: str) -> str:
    words = clean_line(text).replace('"', " ").split()
    return " ".join(f'marked : "{nfc(word).lower()}"*' if has_marks(word)
                    else f'folded : "{fold(word)}"*' for word in words)


def search(db, text: str, period_code: str | None = None, limit: int = 200) -> list[Hit]:
    """Newest period first, then best match first. The best `limit` matches are chosen from
    their keys alone; only their texts are read, for the snippets."""
    query = _query(text)
    if not query:
        return []
    best = ("SELECT k.report_id, k.section_id, r.agency_code, a.name, r.period_code, "
            "r.current_revision, s.rank AS score "
            "FROM search_index s JOIN search_keys k ON k.id = s.rowid "
            "JOIN reports r ON r.id = k.report_id JOIN agencies a ON a.code = r.agency_code "
            "WHERE search_index MATCH ?")
    params: list = [query]
    if period_code:
        best += " AND r.period_code = ?"
        params.append(period_code)
    best += " ORDER BY r.period_code DESC, s.rank LIMIT ?"
    params.append(limit)
    sql = ("SELECT h.report_id, h.section_id, h.agency_code, h.name, h.period_code, t.text "
           f"FROM ({best}) h JOIN section_texts t ON t.report_id = h.report_id "
           "AND t.revision = h.current_revision AND t.section_id = h.section_id "
           "ORDER BY h.period_code DESC, h.score")
    hits = []
    first_word = clean_line(text).replace('"', " ").split()[0]
    for report_id, section_id, code, name, period, original in db.execute(sql, params):
        hits.append(Hit(report_id, code, name, period, section_id,
                        snippet(plain_text(original), first_word)))
    return hits


def snippet(text: str, word: str) -> str:
    """Some words either side of the first match of `word`, from the original text."""
    flat = " ".join(text.split())
    found = find_text(flat, word)
    if found is None:
        return flat[: 2 * SNIPPET] + ("…" if len(flat) > 2 * SNIPPET else "")
    start, end = max(0, found[0] - SNIPPET), min(len(flat), found[1] + SNIPPET)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
