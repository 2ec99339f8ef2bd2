"""The secretariat's review of each received revision: accepted, or needs changes (with a
comment). Every decision is a new row; the latest for a revision is its state."""

from __future__ import annotations

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.review import REVIEW_STATES
from ttdn_desktop.core.text import clean_text
from ttdn_desktop.storage.database import now


def set_review(db, report_id: str, revision: int, state: str, comment: str = "") -> None:
    if state not in REVIEW_STATES:
        raise ValueError(state)
    with db.atomic():
        db.execute("INSERT INTO reviews (report_id, revision, state, comment, at) "
                   "VALUES (?, ?, ?, ?, ?)",
                   [report_id, revision, state, clean_text(comment).strip(), now()])


def review_of(db, report_id: str, revision: int) -> dict | None:
    rows = list(db.query("SELECT state, comment, at FROM reviews WHERE report_id = ? AND "
                         "revision = ? ORDER BY id DESC LIMIT 1", [report_id, revision]))
    return rows[0] if rows else None


def reviews_in_period(db, period: Period, form_id: str) -> dict[str, tuple[str, str]]:
    """agency code -> (state, comment) of its current revision, where one was decided."""
    result = {}
    for row in db.query(
            "SELECT r.agency_code, v.state, v.comment FROM reports r JOIN reviews v "
            "ON v.report_id = r.id AND v.revision = r.current_revision "
            "WHERE r.period_code = ? AND r.form_id = ? ORDER BY v.id", [period.code, form_id]):
        result[row["agency_code"]] = (row["state"], row["comment"])
    return result
