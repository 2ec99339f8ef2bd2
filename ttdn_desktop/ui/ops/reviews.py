"""Reviewing a member's report: what the review window shows, and the decisions."""

from __future__ import annotations

from dataclasses import dataclass, field

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.ui.operations import Op


@dataclass
class Review:
    """Everything the window shows, read in one operation."""
    agency: dict
    report: dict | None = None
    held: dict | None = None
    unplaced: list = field(default_factory=list)
    info: object = None
    content: ReportContent | None = None
    previous: ReportContent | None = None
    before: object = None
    review: dict | None = None
    incoming: ReportContent | None = None


def _read(ws, agency_code: str, period: Period) -> Review:
    found = Review(ws.agencies.get(agency_code))
    code = found.agency["code"]
    found.report = ws.reports.find(code, period)
    found.held = next((row for row in ws.imports.conflicts(period) if row["agency_code"] == code), None)
    if found.report is None:
        return found
    report_id = found.report["id"]
    found.unplaced = ws.word.unplaced(code, period)
    found.info = info = ws.reports.revision(report_id)
    found.content = ws.reports.content(report_id, info.revision)
    if info.revision > 1:
        found.before = ws.reports.revision(report_id, info.revision - 1)
        if found.before is not None:
            found.previous = ws.reports.content(report_id, info.revision - 1)
    found.review = ws.reports.review(report_id, info.revision)
    if found.held is not None:
        found.incoming = ws.imports.held_content(found.held["id"])
    return found


def read_review(agency_code: str, period: Period) -> Op:
    return Op(lambda ws: _read(ws, agency_code, period))


def place_unplaced(part_id, section_id: str) -> Op:
    """A kept part to the end of a section, as a new revision."""
    return Op(lambda ws: ws.word.place(part_id, section_id))


def set_review(code: str, period: Period, state: str, comment: str) -> Op:
    return Op(lambda ws: ws.reports.set_review(code, period, state, comment))


def resolve_conflict(held_id, take_incoming: bool) -> Op:
    return Op(lambda ws: ws.imports.resolve(held_id, take_incoming))
