"""What this committee sent to the level above, what the level above asked for, and what
committees below sent along with their reports (their members' figures, their sources)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from ttdn_desktop.core.merge import SubMember
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.upward import Source
from ttdn_desktop.storage.database import now


@dataclass(frozen=True)
class Sent:
    period: str
    form_id: str
    form_version: int
    report_id: str
    revision: int
    supersedes: int | None
    agency_code: str
    agency_name: str
    content_sha256: str
    content: ReportContent
    sources: list[Source]
    file_name: str
    sent_at: str


@dataclass(frozen=True)
class UpperRequest:
    period: str
    form_id: str
    form_version: int
    data_from: date
    data_to: date
    deadline: date
    issuer: str
    agency_code: str | None
    agency_name: str | None
    file_name: str
    package: bytes
    received_at: str


def _sent(row: dict) -> Sent:
    return Sent(row["period_code"], row["form_id"], row["form_version"], row["report_id"],
                row["revision"], row["supersedes"], row["agency_code"], row["agency_name"],
                row["content_sha256"], ReportContent.from_dict(json.loads(row["content"])),
                [Source.from_dict(s) for s in json.loads(row["sources"])], row["file_name"],
                row["sent_at"])


def last_sent(db, period: Period) -> Sent | None:
    rows = list(db.query("SELECT * FROM upward_sends WHERE period_code = ? ORDER BY id DESC "
                         "LIMIT 1", [period.code]))
    return _sent(rows[0]) if rows else None


def record_sent(db, *, period: Period, form_id: str, form_version: int, report_id: str,
                revision: int, supersedes: int | None, agency_code: str, agency_name: str,
                content: ReportContent, sources: list[Source], file_name: str,
                sent_at: str | None = None) -> None:
    with db.atomic():
        db.execute("INSERT INTO upward_sends (period_code, form_id, form_version, report_id, "
                   "revision, supersedes, agency_code, agency_name, content_sha256, content, "
                   "sources, file_name, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [period.code, form_id, form_version, report_id, revision, supersedes,
                    agency_code, agency_name, content.sha256(),
                    content.to_json_bytes().decode("utf-8"),
                    json.dumps([s.to_dict() for s in sources], ensure_ascii=False), file_name,
                    sent_at or now()])


def remember_request(db, *, period: Period, form_id: str, form_version: int, data_from: date,
                     data_to: date, deadline: date, issuer: str, agency_code: str | None,
                     agency_name: str | None, file_name: str, package: bytes) -> None:
    db.execute("INSERT INTO upper_requests (period_code, form_id, form_version, data_from, "
               "data_to, deadline, issuer, agency_code, agency_name, file_name, package, "
               "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [period.code, form_id, form_version, data_from.isoformat(), data_to.isoformat(),
                deadline.isoformat(), issuer, agency_code, agency_name, file_name, package,
                now()])


def upper_request(db, period: Period) -> UpperRequest | None:
    """The latest request from above for a period."""
    rows = list(db.query("SELECT * FROM upper_requests WHERE period_code = ? ORDER BY id DESC "
                         "LIMIT 1", [period.code]))
    if not rows:
        return None
    r = rows[0]
    return UpperRequest(r["period_code"], r["form_id"], r["form_version"],
                        date.fromisoformat(r["data_from"]), date.fromisoformat(r["data_to"]),
                        date.fromisoformat(r["deadline"]), r["issuer"], r["agency_code"],
                        r["agency_name"], r["file_name"], r["package"], r["received_at"])


def any_upper_request(db) -> UpperRequest | None:
    rows = list(db.query("SELECT period_code FROM upper_requests ORDER BY id DESC LIMIT 1"))
    return upper_request(db, Period.parse(rows[0]["period_code"])) if rows else None


def current_revisions(db, period: Period, form_id: str) -> list[dict]:
    """Each report of the period with its current revision's number and content hash, in one
    query (what an upward report is built from)."""
    return list(db.query(
        "SELECT r.id AS report_id, r.agency_code, v.revision, v.content_sha256 FROM reports r "
        "JOIN revisions v ON v.report_id = r.id AND v.revision = r.current_revision "
        "WHERE r.period_code = ? AND r.form_id = ?", [period.code, form_id]))


# --- at the upper level -------------------------------------------------------------------------
def store_received_upward(db, report_id: str, revision: int, built_at: str | None,
                          sources: list[Source], members: list[SubMember]) -> None:
    db.execute("INSERT OR REPLACE INTO received_upward (report_id, revision, built_at, sources, "
               "members) VALUES (?, ?, ?, ?, ?)",
               [report_id, revision, built_at,
                json.dumps([s.to_dict() for s in sources], ensure_ascii=False),
                json.dumps([_member_dict(m) for m in members], ensure_ascii=False)])


def _member_dict(member: SubMember) -> dict:
    return {"code": member.code, "name": member.name,
            "figures": [{"indicator": i, "member": m, "value": v}
                        for (i, m), v in sorted(member.figures.items())]}
