"""An agency's own reports: read, made, saved; and search across every report."""

from __future__ import annotations

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.settings import MISMATCH_NOTE, REPORT_MISMATCH_NOTE
from ttdn_desktop.ui.operations import Op


def agency_reports(code: str | None) -> Op:
    """(our name, our reports with their current revision): the reports tree."""
    return Op(lambda ws: (ws.agencies.get(code)["name"], ws.reports.of_agency(code)) if code
              else ("", []))


def create_report(code: str, period: Period) -> Op:
    """(report id, whether it existed already): a second click opens the one made."""
    def work(ws):
        existing = ws.reports.find(code, period)
        return (existing["id"], True) if existing else (ws.reports.new(code, period), False)

    return Op(work)


def open_report(report_id: str, code: str) -> Op:
    """What the editor is built from, or None when the report is gone (a restored backup)."""
    def work(ws):
        report = ws.reports.get(report_id)
        if report is None:
            return None
        period = Period.parse(report["period_code"])
        return (report, ws.reports.content(report_id), ws.merge.consolidation(period, code),
                ws.reports.of_agency(code), ws.reports.invalid_figures(report_id),
                ws.setup.state(REPORT_MISMATCH_NOTE, report_id) or ws.setup.state(MISMATCH_NOTE))

    return Op(work)


def save_draft(report_id: str, sections: dict, figures=None, notes=None, last_year=None,
               invalid=None) -> Op:
    """The revision's info once written."""
    return Op(lambda ws: ws.reports.save_draft(report_id, sections, figures, notes, last_year,
                                               invalid))


def remember_mismatch_note(report_id: str, text: str) -> Op:
    """The note given with figures that do not add up, offered again next time."""
    values = {(REPORT_MISMATCH_NOTE, report_id): text, MISMATCH_NOTE: text}
    return Op(lambda ws: ws.setup.set_states(values))


def search(text: str, period: Period | None) -> Op:
    return Op(lambda ws: ws.reports.search(text, period))
