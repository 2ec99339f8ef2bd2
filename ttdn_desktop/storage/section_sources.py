"""What each merged section shows, as the secretariat chose it, and how the period's draft
groups agencies (storage of core.merge.choose_sources's choices; the draft is not stored)."""

from __future__ import annotations

from ttdn_desktop.core.periods import Period
from ttdn_desktop.storage.database import now


def chosen_sources(db, period: Period, form_id: str) -> dict[str, str]:
    """section id -> source chosen (core.merge.DRAFT, PASTED or EDITED)."""
    return {r["section_id"]: r["source"] for r in db.query(
        "SELECT section_id, source FROM section_sources WHERE period_code = ? AND form_id = ?",
        [period.code, form_id])}


def choose_source(db, period: Period, form_id: str, section_id: str, source: str) -> None:
    with db.atomic():
        db.execute("INSERT INTO section_sources (period_code, form_id, section_id, source, "
                   "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (period_code, form_id, "
                   "section_id) DO UPDATE SET source = excluded.source, "
                   "updated_at = excluded.updated_at",
                   [period.code, form_id, section_id, source, now()])


def draft_grouping(db, period: Period, form_id: str) -> str | None:
    row = next(iter(db.query("SELECT grouping FROM draft_grouping WHERE period_code = ? "
                             "AND form_id = ?", [period.code, form_id])), None)
    return row["grouping"] if row else None


def set_draft_grouping(db, period: Period, form_id: str, grouping: str) -> None:
    with db.atomic():
        db.execute("INSERT INTO draft_grouping (period_code, form_id, grouping, updated_at) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (period_code, form_id) DO UPDATE SET "
                   "grouping = excluded.grouping, updated_at = excluded.updated_at",
                   [period.code, form_id, grouping, now()])
