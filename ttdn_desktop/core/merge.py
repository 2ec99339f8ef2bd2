"""Merging a period's agency reports into the consolidated report.

Per section: every agency's current text in member order, each attributed, unless the
secretariat has edited the section. Per indicator and breakdown member: the sum over agencies
(rates recomputed or averaged, never summed) beside the per-agency values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ttdn_desktop.core.forms import TOTAL, Form, Indicator, Section
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import FigureKey, ReportContent

MISSING = "missing"
ON_TIME = "on_time"
LATE = "late"
STATE_LABELS = {MISSING: "chưa nộp", ON_TIME: "đã nộp", LATE: "nộp muộn"}


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    retired: bool = False


@dataclass
class Contribution:
    agency: Agency
    revision: int
    sent_at: datetime | None      # when the package was made (the agency's clock)
    received_at: datetime | None  # when it was imported here
    content: ReportContent


@dataclass
class AgencyStatus:
    agency: Agency
    state: str
    revision: int | None = None
    sent_at: datetime | None = None
    received_at: datetime | None = None

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class SectionMerge:
    section: Section
    contributions: list[tuple[Agency, str]]
    edited: str | None = None  # the secretariat's text, when it has edited this section

    @property
    def is_edited(self) -> bool:
        return self.edited is not None


@dataclass
class Consolidation:
    form: Form
    period: Period
    deadline: date | None
    statuses: list[AgencyStatus]
    sections: list[SectionMerge]
    totals: dict[FigureKey, int | float]
    per_agency: dict[FigureKey, dict[str, int | float]]
    last_year: dict[FigureKey, int | float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # indicator -> "Ghi chú"

    def status_counts(self) -> dict[str, int]:
        counts = {MISSING: 0, ON_TIME: 0, LATE: 0}
        for status in self.statuses:
            counts[status.state] += 1
        return counts

    def section(self, section_id: str) -> SectionMerge | None:
        return next((s for s in self.sections if s.section.id == section_id), None)


def agency_state(sent_at: datetime | None, deadline: date | None) -> str:
    """Late is judged by when the agency sent the report, not by when the secretariat got
    round to importing it."""
    if sent_at is None:
        return ON_TIME
    if deadline is not None and sent_at.date() > deadline:
        return LATE
    return ON_TIME


def consolidate(form: Form, period: Period, agencies: list[Agency],
                contributions: dict[str, Contribution], deadline: date | None = None,
                edited: dict[str, str] | None = None,
                last_year: dict[FigureKey, int | float] | None = None) -> Consolidation:
    """`agencies` in member order; retired agencies appear only if they reported."""
    edited = edited or {}
    shown = [a for a in agencies if not a.retired or a.code in contributions]
    statuses = []
    for agency in shown:
        contribution = contributions.get(agency.code)
        if contribution is None:
            statuses.append(AgencyStatus(agency, MISSING))
        else:
            statuses.append(AgencyStatus(agency, agency_state(contribution.sent_at, deadline),
                                         contribution.revision, contribution.sent_at,
                                         contribution.received_at))
    reporting = [contributions[a.code] for a in shown if a.code in contributions]
    sections = []
    for section in form.prose_sections:
        texts = [(c.agency, c.content.sections[section.id]) for c in reporting
                 if c.content.sections.get(section.id)]
        sections.append(SectionMerge(section, texts, edited.get(section.id)))
    per_agency = {key: {c.agency.code: c.content.figures[key] for c in reporting
                        if key in c.content.figures}
                  for key in form.figure_keys()}
    totals = sum_figures(form, per_agency)
    notes = {}
    for indicator in form.indicators:
        given = [(c.agency, c.content.notes[indicator.id]) for c in reporting
                 if c.content.notes.get(indicator.id)]
        if given:
            notes[indicator.id] = "; ".join(
                f"{agency.name}: {note}" if len(shown) > 1 else note for agency, note in given)
    return Consolidation(form, period, deadline, statuses, sections, totals, per_agency,
                         dict(last_year or {}), notes)


def sum_figures(form: Form, per_agency: dict[FigureKey, dict[str, int | float]]
                ) -> dict[FigureKey, int | float]:
    """Totals per key: counts summed; rates recomputed from summed counts or averaged."""
    totals: dict[FigureKey, int | float] = {}
    for indicator in form.indicators:
        if indicator.kind == "count":
            for key in indicator.keys:
                values = per_agency.get(key, {})
                if values:
                    totals[key] = sum(values.values())
    for indicator in form.indicators:
        if indicator.kind == "rate":
            value = _rate(indicator, per_agency, totals)
            if value is not None:
                totals[(indicator.id, TOTAL)] = value
    return totals


def _rate(indicator: Indicator, per_agency, totals) -> float | None:
    if indicator.aggregate == "ratio":
        numerator = totals.get((indicator.numerator, TOTAL))
        denominator = totals.get((indicator.denominator, TOTAL))
        if numerator is None or not denominator:
            return None
        return round(numerator / denominator * 100, 2)
    values = list(per_agency.get((indicator.id, TOTAL), {}).values())
    return round(sum(values) / len(values), 2) if values else None


def sum_contents(form: Form, contents: list[ReportContent]) -> dict[FigureKey, int | float]:
    """Totals of a list of contents (for the same period last year, say)."""
    per_agency = {key: {str(n): c.figures[key] for n, c in enumerate(contents)
                        if key in c.figures} for key in form.figure_keys()}
    return sum_figures(form, per_agency)


def compare_percent(this, last) -> float | None:
    """ "So sánh (%)": this period as a percentage of the same period last year."""
    if this is None or not last:
        return None
    return round(this / last * 100, 2)
