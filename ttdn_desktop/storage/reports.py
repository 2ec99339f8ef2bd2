"""Reports and their revisions.

A report is one agency's report for one period on one form. Its content lives in revisions:
the current one is either a draft (still being edited) or sealed (sent as a package, or
received in one). A sealed revision is never changed; editing after sending opens the next
revision. Every overwritten text or figure is copied to a *_history table by triggers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ttdn_desktop import __version__
from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.rules import Known
from ttdn_desktop.core.text import clean_line, clean_text, trim_text
from ttdn_desktop.storage.database import now
from ttdn_desktop.storage.search import index_report, index_sections

LOCAL = "local"
IMPORTED = "imported"


@dataclass(frozen=True)
class RevisionInfo:
    """One stored revision of a report: its number, form, seal and times."""
    report_id: str
    revision: int
    supersedes: int | None
    form_version: int
    content_sha256: str | None
    sealed: bool
    saved_at: str
    sealed_at: str | None
    sent_at: str | None
    received_at: str | None
    source_file: str | None
    sender_revision: int | None = None  # the agency's number for it, where it differs

    @classmethod
    def from_row(cls, row: dict) -> "RevisionInfo":
        return cls(row["report_id"], row["revision"], row["supersedes"], row["form_version"],
                   row["content_sha256"], bool(row["sealed"]), row["saved_at"],
                   row["sealed_at"], row["sent_at"], row["received_at"], row["source_file"],
                   row.get("sender_revision"))

    @property
    def as_sent(self) -> int:
        """The number the agency gave this revision."""
        return self.sender_revision or self.revision


def get_report(db, report_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM reports WHERE id = ?", [report_id]))
    return rows[0] if rows else None


def report_for(db, agency_code: str, period: Period, form_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM reports WHERE agency_code = ? AND period_code = ? "
                         "AND form_id = ?", [agency_code, period.code, form_id]))
    return rows[0] if rows else None


def reports_of_agency(db, agency_code: str) -> list[dict]:
    return list(db.query("SELECT * FROM reports WHERE agency_code = ?", [agency_code]))


def has_reports(db) -> bool:
    return db.execute("SELECT 1 FROM reports LIMIT 1").fetchone() is not None


def reports_in_period(db, period: Period, form_id: str) -> list[dict]:
    return list(db.query("SELECT * FROM reports WHERE period_code = ? AND form_id = ?",
                         [period.code, form_id]))


def revisions(db, report_id: str) -> list[RevisionInfo]:
    return [RevisionInfo.from_row(r) for r in db.query(
        "SELECT * FROM revisions WHERE report_id = ? ORDER BY revision", [report_id])]


def revision_info(db, report_id: str, revision: int) -> RevisionInfo | None:
    rows = list(db.query("SELECT * FROM revisions WHERE report_id = ? AND revision = ?",
                         [report_id, revision]))
    return RevisionInfo.from_row(rows[0]) if rows else None


def current_revision(db, report_id: str) -> RevisionInfo:
    report = get_report(db, report_id)
    if report is None:
        raise TTDNError(f"Không có báo cáo mã «{report_id}».")
    return revision_info(db, report_id, report["current_revision"])


def resolve_id(db, report_id: str) -> str:
    """The stored report a report id stands for (itself, or the report it was merged into)."""
    row = db.execute("SELECT report_id FROM report_aliases WHERE alias_id = ?",
                     [report_id]).fetchone()
    return row[0] if row else report_id


def add_alias(db, alias_id: str, report_id: str) -> None:
    db.execute("INSERT OR REPLACE INTO report_aliases (alias_id, report_id, created_at) "
               "VALUES (?, ?, ?)", [alias_id, report_id, now()])


def known(db, report_id: str) -> Known | None:
    """What the import rules need to know of a stored report, in the agency's numbering (the
    latest stored revision wins where two carry the same number)."""
    report = get_report(db, resolve_id(db, report_id))
    if report is None:
        return None
    stored = revisions(db, report["id"])
    current = next(r for r in stored if r.revision == report["current_revision"])
    return Known(report["id"], current.as_sent,
                 {r.as_sent: r.content_sha256 for r in stored if r.content_sha256})


def free_revision(db, report_id: str, wanted: int) -> int:
    """`wanted` if no revision of the report has that number yet, else the next one free."""
    taken = {r["revision"] for r in db.query("SELECT revision FROM revisions WHERE "
                                              "report_id = ?", [report_id])}
    return wanted if wanted not in taken else max(taken) + 1


def current_in_period(db, period: Period, form_id: str, texts: bool = True
                      ) -> list[tuple[dict, RevisionInfo, ReportContent]]:
    """Every report of the period with its current revision and that revision's content, in
    six queries rather than six a report: what a consolidation of 100 agencies reads.
    `texts`=False: the figures only (last year's reports, for last year's totals). Rows are
    read as tuples: ~3,000 rows for 100 agencies, where a dictionary a row doubled the time."""
    reports = reports_in_period(db, period, form_id)
    if not reports:
        return []
    join = ("JOIN reports r ON r.id = t.report_id AND r.current_revision = t.revision "
            "WHERE r.period_code = ? AND r.form_id = ?")
    params = [period.code, form_id]
    infos = {row["report_id"]: RevisionInfo.from_row(row)
             for row in db.query(f"SELECT t.* FROM revisions t {join}", params)}
    parts = {report["id"]: ({}, {}, {}, {}) for report in reports}
    if texts:
        for report_id, section_id, text in db.execute(
                f"SELECT t.report_id, t.section_id, t.text FROM section_texts t {join}", params):
            parts[report_id][0][section_id] = text
    for index, table in ((1, "figures"), (3, "last_year_figures")):
        for report_id, indicator_id, member, value in db.execute(
                f"SELECT t.report_id, t.indicator_id, t.member, t.value FROM {table} t {join}",
                params):
            parts[report_id][index][(indicator_id, member)] = value
    for report_id, indicator_id, note in db.execute(
            f"SELECT t.report_id, t.indicator_id, t.note FROM figure_notes t {join}", params):
        parts[report_id][2][indicator_id] = note
    return [(report, infos[report["id"]], ReportContent(*parts[report["id"]]))
            for report in reports]


def load_content(db, report_id: str, revision: int | None = None) -> ReportContent:
    if revision is None:
        revision = get_report(db, report_id)["current_revision"]
    params = [report_id, revision]
    where = "WHERE report_id = ? AND revision = ?"
    sections = {r["section_id"]: r["text"] for r in db.query(
        f"SELECT section_id, text FROM section_texts {where}", params)}
    figures = {(r["indicator_id"], r["member"]): r["value"] for r in db.query(
        f"SELECT indicator_id, member, value FROM figures {where}", params)}
    notes = {r["indicator_id"]: r["note"] for r in db.query(
        f"SELECT indicator_id, note FROM figure_notes {where}", params)}
    last_year = {(r["indicator_id"], r["member"]): r["value"] for r in db.query(
        f"SELECT indicator_id, member, value FROM last_year_figures {where}", params)}
    return ReportContent(sections, figures, notes, last_year)


# Figures typed that are not numbers (or out of bounds): kept as typed, flagged, in a table of
# their own; they are never content, so no package, export or sum can take them for figures.
INVALID_PARTS = ("figures", "last_year")  # "Kỳ này", "Cùng kỳ năm trước" typed by hand


def load_invalid(db, report_id: str, revision: int | None = None) -> dict[str, dict]:
    """{"figures": {(indicator, member): text}, "last_year": {...}} of a revision."""
    if revision is None:
        revision = get_report(db, report_id)["current_revision"]
    found: dict[str, dict] = {part: {} for part in INVALID_PARTS}
    for part, indicator_id, member, text in db.execute(
            "SELECT part, indicator_id, member, text FROM invalid_figures WHERE report_id = ? "
            "AND revision = ?", [report_id, revision]):
        found.setdefault(part, {})[(indicator_id, member)] = text
    return found


def invalid_in_period(db, period: Period, form_id: str) -> dict[str, dict[str, dict]]:
    """Report id -> its current revision's invalid figures (load_invalid's shape), for the
    reports of the period that have any."""
    found: dict[str, dict[str, dict]] = {}
    for report_id, part, indicator_id, member, text in db.execute(
            "SELECT t.report_id, t.part, t.indicator_id, t.member, t.text FROM invalid_figures t "
            "JOIN reports r ON r.id = t.report_id AND r.current_revision = t.revision "
            "WHERE r.period_code = ? AND r.form_id = ? ORDER BY t.rowid",
            [period.code, form_id]):
        parts = found.setdefault(report_id, {p: {} for p in INVALID_PARTS})
        parts.setdefault(part, {})[(indicator_id, member)] = text
    return found


def _write_invalid(db, report_id: str, revision: int, invalid: dict[str, dict]) -> None:
    """Replace a draft's invalid figures by `invalid` (load_invalid's shape), text as NFC."""
    wanted = {(part, i, m): clean_line(str(text)) for part, typed in invalid.items()
              if part in INVALID_PARTS for (i, m), text in typed.items() if str(text).strip()}
    where = "WHERE report_id = ? AND revision = ?"
    stored = {(r[0], r[1], r[2]): r[3] for r in db.execute(
        f"SELECT part, indicator_id, member, text FROM invalid_figures {where}",
        [report_id, revision])}
    for part, indicator_id, member in set(stored) - set(wanted):
        db.execute(f"DELETE FROM invalid_figures {where} AND part = ? AND indicator_id = ? "
                   "AND member = ?", [report_id, revision, part, indicator_id, member])
    for (part, indicator_id, member), text in wanted.items():
        if stored.get((part, indicator_id, member)) != text:
            db.execute("INSERT OR REPLACE INTO invalid_figures (report_id, revision, part, "
                       "indicator_id, member, text) VALUES (?, ?, ?, ?, ?, ?)",
                       [report_id, revision, part, indicator_id, member, text])


# --- Writing --------------------------------------------------------------------------------
def create_report(db, agency_code: str, period: Period, form: Form,
                  report_id: str | None = None) -> str:
    """A new local report with an empty draft revision 1."""
    if report_for(db, agency_code, period, form.id) is not None:
        raise TTDNError(f"Đơn vị {agency_code} đã có báo cáo {period.label}.")
    import uuid  # with platform, 3 ms: only when a report is made, not by every start
    report_id = report_id or str(uuid.uuid4())
    stamp = now()
    with db.atomic():
        db.execute("INSERT INTO reports (id, agency_code, period_code, form_id, current_revision, "
                   "origin, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                   [report_id, agency_code, period.code, form.id, LOCAL, stamp, stamp])
        _insert_revision(db, report_id, 1, None, form.version, stamp)
    return report_id


def _insert_revision(db, report_id, revision, supersedes, form_version, stamp, *,
                     sha256=None, received_at=None, source_file=None, app_version=__version__):
    db.execute("INSERT INTO revisions (report_id, revision, supersedes, form_version, "
               "content_sha256, sealed, created_at, saved_at, received_at, source_file, "
               "app_version) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
               [report_id, revision, supersedes, form_version, sha256, stamp, stamp, received_at,
                source_file, app_version])


def _write_content(db, report_id: str, revision: int, content: ReportContent, stamp: str):
    content = content.normalized()
    where = "WHERE report_id = ? AND revision = ?"
    existing = {r["section_id"] for r in db.query(
        f"SELECT section_id FROM section_texts {where}", [report_id, revision])}
    for section_id in existing - set(content.sections):
        db.execute(f"DELETE FROM section_texts {where} AND section_id = ?",
                   [report_id, revision, section_id])
    for section_id, text in content.sections.items():
        _upsert_section(db, report_id, revision, section_id, text, stamp)
    # Only what changed is written: an autosave of unchanged figures adds no history rows.
    _write_figures(db, "figures", where, report_id, revision, content.figures)
    _write_figures(db, "last_year_figures", where, report_id, revision, content.last_year)
    stored = {r["indicator_id"] for r in db.query(
        f"SELECT indicator_id FROM figure_notes {where}", [report_id, revision])}
    for indicator_id in stored - set(content.notes):
        db.execute(f"DELETE FROM figure_notes {where} AND indicator_id = ?",
                   [report_id, revision, indicator_id])
    for indicator_id, note in content.notes.items():
        db.execute("INSERT INTO figure_notes (report_id, revision, indicator_id, note) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (report_id, revision, indicator_id) "
                   "DO UPDATE SET note = excluded.note WHERE note IS NOT excluded.note",
                   [report_id, revision, indicator_id, note])


def _upsert_section(db, report_id, revision, section_id, text, stamp):
    db.execute("INSERT INTO section_texts (report_id, revision, section_id, text, saved_at) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id, revision, section_id) "
               "DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at "
               "WHERE text IS NOT excluded.text",
               [report_id, revision, section_id, text, stamp])


def draft_revision(db, report_id: str) -> int:
    """The revision edits go to: the current one if it is a draft, else a new one copied from
    the sealed current revision (so editing after sending never changes what was sent)."""
    current = current_revision(db, report_id)
    if not current.sealed:
        return current.revision
    content = load_content(db, report_id, current.revision)
    stamp = now()
    new = current.revision + 1
    with db.atomic():
        _insert_revision(db, report_id, new, current.revision, current.form_version, stamp)
        _write_content(db, report_id, new, content, stamp)
        # what was typed wrong stays flagged in the next draft until it is fixed
        _write_invalid(db, report_id, new, load_invalid(db, report_id, current.revision))
        db.execute("UPDATE reports SET current_revision = ?, updated_at = ? WHERE id = ?",
                   [new, stamp, report_id])
    return new


def save_content(db, report_id: str, content: ReportContent) -> int:
    """Replace the draft's whole content; returns the revision written."""
    revision = draft_revision(db, report_id)
    stamp = now()
    with db.atomic():
        _write_content(db, report_id, revision, content, stamp)
        _touch(db, report_id, revision, stamp)
        index_report(db, report_id)
    return revision


def save_draft(db, report_id: str, sections: dict[str, str] | None = None,
               figures: dict | None = None, notes: dict | None = None,
               last_year: dict | None = None, invalid: dict | None = None) -> RevisionInfo:
    """One autosave: the sections given (an empty text removes one), and the figures and notes
    when given (they replace the draft's; so do last year's figures typed by hand, and the
    figures typed that are not numbers, `invalid` in load_invalid's shape), in one
    transaction; the search index follows.
    Returns the draft revision as written."""
    with db.atomic():
        revision = draft_revision(db, report_id)
        stamp = now()
        for section_id, text in (sections or {}).items():
            text = trim_text(clean_text(text))
            if text:
                _upsert_section(db, report_id, revision, section_id, text, stamp)
            else:
                db.execute("DELETE FROM section_texts WHERE report_id = ? AND revision = ? "
                           "AND section_id = ?", [report_id, revision, section_id])
        if figures is not None or notes is not None or last_year is not None:
            current = load_content(db, report_id, revision)
            _write_content(db, report_id, revision, ReportContent(
                current.sections, dict(current.figures if figures is None else figures),
                dict(current.notes if notes is None else notes),
                dict(current.last_year if last_year is None else last_year)), stamp)
        if invalid is not None:
            _write_invalid(db, report_id, revision, invalid)
        _touch(db, report_id, revision, stamp)
        # only the sections saved: a new draft revision copied from a sealed one has the same
        # texts, so the other sections' index rows still hold
        index_sections(db, report_id, sections or ())
    return revision_info(db, report_id, revision)


def _touch(db, report_id, revision, stamp):
    db.execute("UPDATE revisions SET saved_at = ? WHERE report_id = ? AND revision = ?",
               [stamp, report_id, revision])
    db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", [stamp, report_id])


def compact_history(db, when: datetime | None = None, days: int = 30,
                    months_after_days: int = 365) -> int:
    """Old autosave history thinned: texts older than `days` keep the last version of each
    day, older than `months_after_days` the last of each month. Returns the rows removed."""
    when = when or datetime.now()
    removed = 0
    for age, bucket in ((months_after_days, 7), (days, 10)):
        cutoff = (when - timedelta(days=age)).isoformat(timespec="seconds")
        cursor = db.execute(
            "DELETE FROM section_texts_history WHERE change = 'update' AND saved_at < ? AND "
            "rowid NOT IN (SELECT max(rowid) FROM section_texts_history WHERE "
            "change = 'update' AND saved_at < ? GROUP BY report_id, revision, section_id, "
            "substr(saved_at, 1, ?))", [cutoff, cutoff, bucket])
        removed += cursor.rowcount
    return removed


def seal_as_sent(db, report_id: str, revision: int, sent: ReportContent) -> RevisionInfo:
    """After its package file is safely written: seal `revision` as sent with the content that
    went into the file. If the draft was edited while the file was being written, the sent
    content is what is sealed and the newer edits become the next draft revision."""
    with db.atomic():
        current = current_revision(db, report_id)
        if current.sealed or current.revision != revision:
            return revision_info(db, report_id, revision)
        draft = load_content(db, report_id, revision)
        edited = draft.sha256() != sent.sha256()
        stamp = now()
        if edited:
            _write_content(db, report_id, revision, sent, stamp)
        db.execute("UPDATE revisions SET sealed = 1, sealed_at = ?, sent_at = ?, "
                   "content_sha256 = ? WHERE report_id = ? AND revision = ?",
                   [stamp, stamp, sent.sha256(), report_id, revision])
        if edited:
            save_content(db, report_id, draft)
    return revision_info(db, report_id, revision)


def store_received(db, *, report_id: str, agency_code: str, period: Period, form_id: str,
                   form_version: int, revision: int, supersedes: int | None,
                   content: ReportContent, make_current: bool, source_file: str,
                   app_version: str, sent_at: str | None = None,
                   received_at: datetime | None = None,
                   sender_revision: int | None = None) -> None:
    """Store a revision that arrived in a package, sealed. Call inside a transaction.
    `sender_revision`: the agency's number for it, when ours differs."""
    stamp = now()
    received = (received_at or datetime.now()).isoformat(timespec="seconds")
    if get_report(db, report_id) is None:
        db.execute("INSERT INTO reports (id, agency_code, period_code, form_id, current_revision, "
                   "origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [report_id, agency_code, period.code, form_id, revision, IMPORTED, stamp,
                    stamp])
    _insert_revision(db, report_id, revision, supersedes, form_version, stamp,
                     sha256=content.sha256(), received_at=received, source_file=source_file,
                     app_version=app_version)
    _write_content(db, report_id, revision, content, stamp)
    db.execute("UPDATE revisions SET sealed = 1, sealed_at = ?, sent_at = ?, sender_revision = ? "
               "WHERE report_id = ? AND revision = ?",
               [stamp, sent_at, sender_revision if sender_revision != revision else None,
                report_id, revision])
    if make_current:
        db.execute("UPDATE reports SET current_revision = ?, updated_at = ? WHERE id = ?",
                   [revision, stamp, report_id])
        index_report(db, report_id)


def keep_sending_of(db, report_id: str, revision: int, sent: RevisionInfo,
                    source_file: str) -> None:
    """A revision the secretariat made itself (a kept part placed into a section) keeps the
    sending of the agency's revision it was made from: its time sent and received and the
    agency's number, so it is never shown as a new sending («nộp muộn», «lần 3», sent today
    when the agency sent nothing). `source_file` says who made it. Call inside a
    transaction."""
    db.execute("UPDATE revisions SET sent_at = ?, received_at = ?, sender_revision = ?, "
               "source_file = ? WHERE report_id = ? AND revision = ?",
               [sent.sent_at, sent.received_at, sent.as_sent, source_file, report_id,
                revision])


def _write_figures(db, table: str, where: str, report_id: str, revision: int,
                   values: dict) -> None:
    """`values` by (indicator, member) into `table` (figures, or last year's typed by hand):
    only what changed is written, so an autosave of unchanged figures adds no history rows."""
    stored = {(r["indicator_id"], r["member"]) for r in db.query(
        f"SELECT indicator_id, member FROM {table} {where}", [report_id, revision])}
    for indicator_id, member in stored - set(values):
        db.execute(f"DELETE FROM {table} {where} AND indicator_id = ? AND member = ?",
                   [report_id, revision, indicator_id, member])
    for (indicator_id, member), value in values.items():
        db.execute(f"INSERT INTO {table} (report_id, revision, indicator_id, member, value) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id, revision, indicator_id, "
                   "member) DO UPDATE SET value = excluded.value "
                   "WHERE value IS NOT excluded.value",
                   [report_id, revision, indicator_id, member, value])
