"""An agency's reports: drafts, revisions, reviews, search, and a package sealed once sent (the
files it sends, its package and the Excel form for an agency without the app: ws.files)."""

from __future__ import annotations

from dataclasses import dataclass

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.validation import ERROR, bad_cells
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage.reports import RevisionInfo
from ttdn_desktop.storage.reviews import review_of, set_review
from ttdn_desktop.storage.search import search as search_reports

# matches shown at most by a search (the window, `ttdn search`)
SEARCH_SHOWN = 200


@dataclass(frozen=True)
class OutgoingPackage:
    """A package written for sending, with the revision it carries."""
    data: bytes
    report_id: str
    revision: int
    content: ReportContent


class Reports:
    def __init__(self, ws):
        self._ws = ws

    def new(self, agency_code: str, period: Period, form: Form | None = None) -> str:
        self._ws.agencies.get(agency_code)
        return report_store.create_report(self._ws.db, agency_code.upper(), period,
                                          form or self._ws.form)

    def of(self, agency_code: str, period: Period, form_id: str | None = None) -> dict:
        """The agency's report for the period (TTDNError, naming them, if there is none)."""
        report = report_store.report_for(self._ws.db, agency_code.upper(), period,
                                         form_id or self._ws.form.id)
        if report is None:
            name = self._ws.agencies.get(agency_code)["name"]
            raise TTDNError(f"{name} chưa có báo cáo {period.label}.")
        return report

    def find(self, agency_code: str, period: Period) -> dict | None:
        """The agency's report for the period on the current form, or None."""
        return report_store.report_for(self._ws.db, agency_code.upper(), period,
                                       self._ws.form.id)

    def get(self, report_id: str) -> dict | None:
        return report_store.get_report(self._ws.db, report_id)

    def exist(self) -> bool:
        return report_store.has_reports(self._ws.db)

    def of_agency(self, agency_code: str) -> list[tuple[dict, RevisionInfo]]:
        """An agency's reports on the current form, newest period first, each with its current
        revision."""
        db = self._ws.db
        rows = [r for r in report_store.reports_of_agency(db, agency_code.upper())
                if r["form_id"] == self._ws.form.id]
        rows.sort(key=lambda r: Period.parse(r["period_code"]), reverse=True)
        return [(r, report_store.current_revision(db, r["id"])) for r in rows]

    def revision(self, report_id: str, revision: int | None = None) -> RevisionInfo | None:
        """A revision's record (the current one by default); None if there is no such one."""
        if revision is None:
            return report_store.current_revision(self._ws.db, report_id)
        return report_store.revision_info(self._ws.db, report_id, revision)

    def content(self, report_id: str, revision: int | None = None) -> ReportContent:
        return report_store.load_content(self._ws.db, report_id, revision)

    def section_text_at(self, agency_code: str, period: Period, section_id: str,
                        revision: int) -> str:
        report = self.of(agency_code, period)
        return report_store.load_content(self._ws.db, report["id"], revision).sections.get(
            section_id, "")

    def save_draft(self, report_id: str, sections: dict[str, str] | None = None,
                   figures: dict | None = None, notes: dict | None = None,
                   last_year: dict | None = None, invalid: dict | None = None) -> RevisionInfo:
        """An autosave of the agency's draft (see storage.reports.save_draft)."""
        return report_store.save_draft(self._ws.db, report_id, sections, figures, notes,
                                       last_year, invalid)

    def invalid_figures(self, report_id: str, revision: int | None = None) -> dict[str, dict]:
        """The figures typed that are not numbers, as typed (storage.reports.load_invalid)."""
        return report_store.load_invalid(self._ws.db, report_id, revision)

    def invalid_cells(self, period: Period, agency_code: str | None = None) -> list[str]:
        """Every figure typed that is not a number in the period's current reports (one
        agency's, or all), named where it is: what an export leaves out."""
        ws = self._ws
        code = ws.agencies.get(agency_code)["code"] if agency_code else None
        lines = []
        found = report_store.invalid_in_period(ws.db, period, ws.form.id)
        for report in report_store.reports_in_period(ws.db, period, ws.form.id):
            if report["id"] not in found or code and report["agency_code"] != code:
                continue
            who = "" if code else f"{ws.agencies.get(report['agency_code'])['name']}: "
            lines += [who + p.message for p in bad_cells(ws.form, {}, found[report["id"]])
                      if p.severity == ERROR]
        return lines

    def set_review(self, agency_code: str, period: Period, state: str,
                   comment: str = "") -> None:
        report = self.of(agency_code, period)
        set_review(self._ws.db, report["id"], report["current_revision"], state, comment)

    def review(self, report_id: str, revision: int) -> dict | None:
        """The latest review decision on a revision: {state, comment, at}, or None."""
        return review_of(self._ws.db, report_id, revision)

    def search(self, text: str, period: Period | None = None):
        """The best matches: SEARCH_SHOWN of them, and one more when there are more (so that
        the window and `ttdn search` say they show only the first)."""
        return search_reports(self._ws.db, text, period.code if period else None,
                              SEARCH_SHOWN + 1)

    # --- what the agency sends -----------------------------------------------------------------
    def mark_sent(self, package: OutgoingPackage) -> None:
        """Seal the revision a written package holds (it is being sent)."""
        report_store.seal_as_sent(self._ws.db, package.report_id, package.revision,
                                  package.content)
