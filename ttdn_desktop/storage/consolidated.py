"""The consolidated report's own record: the sections the secretariat has edited."""

from __future__ import annotations

import json

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.text import clean_text
from ttdn_desktop.storage.database import now


def save_consolidated_section(db, period: Period, form_id: str, section_id: str, text: str,
                              based_on: dict[str, int]) -> None:
    """`based_on`: agency code -> revision the secretariat saw when editing, so a newer
    revision arriving later can be flagged rather than overwrite the edit."""
    with db.atomic():
        db.execute("INSERT INTO consolidated_sections (period_code, form_id, section_id, text, "
                   "based_on, edited_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
                   "(period_code, form_id, section_id) DO UPDATE SET text = excluded.text, "
                   "based_on = excluded.based_on, edited_at = excluded.edited_at",
                   [period.code, form_id, section_id, clean_text(text).strip(),
                    json.dumps(based_on, sort_keys=True), now()])


def edited_records(db, period: Period, form_id: str) -> dict[str, tuple[str, dict[str, int]]]:
    """section id -> (edited text, agency code -> revision it was based on)."""
    return {r["section_id"]: (r["text"], json.loads(r["based_on"] or "{}")) for r in db.query(
        "SELECT section_id, text, based_on FROM consolidated_sections WHERE period_code = ? "
        "AND form_id = ?", [period.code, form_id])}


def merge_orders(db, period: Period, form_id: str) -> dict[str, tuple[list[str], set[str]]]:
    """section id -> (agency codes in the order chosen, agency codes left out): the merge
    order, stored in the table merge_layout (its name from before)."""
    return {r["section_id"]: (json.loads(r["agency_order"]), set(json.loads(r["excluded"])))
            for r in db.query("SELECT section_id, agency_order, excluded FROM merge_layout "
                              "WHERE period_code = ? AND form_id = ?", [period.code, form_id])}


def set_merge_order(db, period: Period, form_id: str, section_id: str, order: list[str],
                    excluded: set[str]) -> None:
    with db.atomic():
        db.execute("INSERT INTO merge_layout (period_code, form_id, section_id, agency_order, "
                   "excluded, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
                   "(period_code, form_id, section_id) DO UPDATE SET "
                   "agency_order = excluded.agency_order, excluded = excluded.excluded, "
                   "updated_at = excluded.updated_at",
                   [period.code, form_id, section_id, json.dumps(order),
                    json.dumps(sorted(excluded)), now()])


def edited_since(db, period: Period, form_id: str, stamp: str) -> list[str]:
    """The sections whose text the secretariat saved after `stamp` (local time, as stored)."""
    return sorted(r["section_id"] for r in db.query(
        "SELECT section_id FROM consolidated_sections WHERE period_code = ? AND form_id = ? "
        "AND edited_at > ?", [period.code, form_id, stamp]))
