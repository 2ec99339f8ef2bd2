"""Merging a period's agency reports into the consolidated report.

Per section: every agency's current text in member order, each attributed; what the section
shows (the draft, that pasted text or the secretariat's edit) is chosen per section. Per
indicator and breakdown member: the sum over agencies (rates recomputed or averaged, never
summed) beside the per-agency values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.forms import TOTAL, Form, Indicator, Section
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import FigureKey, ReportContent
from ttdn_desktop.core.review import ACCEPTED, NEEDS_CHANGES
from ttdn_desktop.core.rules import CONFLICT
from ttdn_desktop.core.validation import breakdown_problems

MISSING = "missing"
ON_TIME = "on_time"
LATE = "late"
UNDATED = "undated"  # reported, but when it was sent is not known (no trustworthy time)
STATE_LABELS = {MISSING: "chưa nộp", ON_TIME: "đã nộp", LATE: "nộp muộn",
                UNDATED: "không rõ ngày gửi", NEEDS_CHANGES: "cần bổ sung",
                ACCEPTED: "đã duyệt", CONFLICT: "xung đột"}
STATES = tuple(STATE_LABELS)
# what a merged section shows (stored as these words): the drafted text (core.drafting), each
# agency's text pasted under its name, or the secretariat's own
DRAFT, PASTED, EDITED = "draft", "pasted", "edited"
SOURCES = (DRAFT, PASTED, EDITED)


@dataclass(frozen=True)
class SubMember:
    """A member of the sending committee with its own figures, for the drill-down above."""
    code: str
    name: str
    figures: dict[FigureKey, int | float]


@dataclass
class Contribution:
    """One agency's current report for a period, as merged."""
    agency: Agency
    revision: int
    sent_at: datetime | None      # when the package was made (the agency's clock)
    received_at: datetime | None  # when it was imported here
    content: ReportContent
    # a committee's report: its own members with their figures (SubMember), when
    # its package carried them
    members: list | None = None
    # the agency's own number for this revision where ours moved on (a Word report or a
    # settled conflict took a number): what the agency was told, so what we show
    sent_as: int | None = None


@dataclass
class AgencyStatus:
    """Where an agency's report for the period stands (the dashboard's row)."""
    agency: Agency
    state: str
    revision: int | None = None
    sent_at: datetime | None = None
    received_at: datetime | None = None
    figures_complete: float = 0.0  # share of the form's indicators with a total given
    late: bool = False             # sent after the deadline, whatever its review state
    comment: str = ""              # the secretariat's, with "needs changes"
    sent_as: int | None = None     # the agency's number for the revision, as it was told

    @property
    def shown_revision(self) -> int | None:
        return self.sent_as or self.revision

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class SectionMerge:
    """One section of the merged report: each agency's text, or the edited one."""
    section: Section
    contributions: list[tuple[Agency, str]]
    edited: str | None = None  # the secretariat's text, when it has edited this section
    excluded: list[tuple[Agency, str]] = field(default_factory=list)
    # agencies whose newer revision arrived after the edit: (agency, revision edited from)
    changed_since_edit: list[tuple[Agency, int]] = field(default_factory=list)
    # what the section shows: EDITED where there is an edit, else PASTED, unless the
    # secretariat's choice and the draft were set (choose_sources)
    source: str = ""
    drafted: str = ""

    def __post_init__(self):
        self.source = self.source or (EDITED if self.edited is not None else PASTED)

    @property
    def is_edited(self) -> bool:
        """Whether the section shows the secretariat's text (it may keep one it does not show)."""
        return self.source == EDITED

    @property
    def pasted(self) -> str:
        """Each contribution in order, attributed."""
        lines = []
        for agency, text in self.contributions:
            lines.extend(attributed_lines(agency.name, text))
        return "\n".join(lines)

    @property
    def shown(self) -> str:
        """The text the section shows, which the Word export, print and the upward package use."""
        if self.source == EDITED:
            return self.edited or ""
        return self.drafted if self.source == DRAFT else self.pasted


@dataclass
class Consolidation:
    """The merged report of a period: statuses, sections and summed figures."""
    form: Form
    period: Period
    deadline: date | None
    statuses: list[AgencyStatus]
    sections: list[SectionMerge]
    totals: dict[FigureKey, int | float]
    per_agency: dict[FigureKey, dict[str, int | float]]
    last_year: dict[FigureKey, int | float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # indicator -> "Ghi chú"
    # agency code -> its own members (SubMember), for a committee reporting here
    sub_members: dict[str, list] = field(default_factory=dict)
    # keys of last_year that include figures typed by hand (no report of last year held them)
    last_year_typed: set = field(default_factory=set)
    # last year's figures per agency (its report of last year, or what it typed): a comparison
    # the draft states is made over the agencies that have both years
    last_year_per_agency: dict[FigureKey, dict[str, int | float]] = field(default_factory=dict)
    # how the draft sets what is particular to one agency: "members" (member order) or "kinds"
    grouping: str = "members"

    def status_counts(self) -> dict[str, int]:
        counts = {state: 0 for state in STATES}
        for status in self.statuses:
            counts[status.state] += 1
        return counts

    @property
    def reported(self) -> int:
        return sum(1 for s in self.statuses if s.revision is not None)

    def section(self, section_id: str) -> SectionMerge | None:
        return next((s for s in self.sections if s.section.id == section_id), None)

    def agency_figures(self, code: str) -> dict:
        return {key: values[code] for key, values in self.per_agency.items() if code in values}

    def breakdown_mismatches(self) -> dict[str, dict[str, str]]:
        """indicator id -> {agency code: what does not add up} for every agency whose parts
        differ from its total: the summed figures inherit it, so the secretariat is told."""
        found: dict[str, dict[str, str]] = {}
        for code in {code for values in self.per_agency.values() for code in values}:
            for problem in breakdown_problems(self.form, self.agency_figures(code)):
                found.setdefault(problem.indicator, {})[code] = \
                    problem.message.split(": ", 1)[-1]
        return found


# How far an agency's clock may run ahead of ours before its sending time is not believed.
CLOCK_SLACK = timedelta(days=1)


# a section text that names its own authors (a committee's merged report sent upward)
_ATTRIBUTED = re.compile(r"^\*\*\*[^*\n]+:\*\*\*")


def is_attributed(text: str) -> bool:
    return bool(_ATTRIBUTED.match(text))


def attributed_lines(name: str, text: str) -> list[str]:
    """One contribution as merge markup, its author named in front; a text that already names
    its authors gets the name on a line of its own ("Tỉnh Quảng Ninh:" then "UBND xã …: …")."""
    first, *rest = text.split("\n")
    if is_attributed(first):
        return [f"***{name}:***", first, *rest]
    return [f"***{name}:*** {first}", *rest]


def choose_sources(merged: Consolidation, drafts: dict[str, str],
                   chosen: dict[str, str]) -> None:
    """Each section shows what the secretariat chose for it (`chosen`: section id -> source),
    else its edited text where it has one, else the draft (`drafts`: section id -> text). A
    choice of the edited text where none is kept falls back to the draft; the ⚑ of a newer
    revision concerns the edited text only while it is shown."""
    for merge in merged.sections:
        merge.drafted = drafts.get(merge.section.id, "")
        source = chosen.get(merge.section.id) or (EDITED if merge.edited is not None else DRAFT)
        merge.source = DRAFT if source not in SOURCES or (
            source == EDITED and merge.edited is None) else source
        if merge.source != EDITED:
            merge.changed_since_edit = []


def agency_state(sent_at: datetime | None, deadline: date | None,
                 received_at: datetime | None = None) -> str:
    """Late is judged by when the agency sent the report, not by when the secretariat got
    round to importing it. A report without a sending time, or "sent" after it arrived here
    (a wrong clock), is UNDATED: never counted as on time."""
    if sent_at is None or (received_at is not None and sent_at > received_at + CLOCK_SLACK):
        return UNDATED
    if deadline is not None and sent_at.date() > deadline:
        return LATE
    return ON_TIME


def figures_complete(form: Form, content: ReportContent) -> float:
    if not form.indicators:
        return 1.0
    given = sum(1 for i in form.indicators if (i.id, TOTAL) in content.figures)
    return given / len(form.indicators)


def consolidate(form: Form, period: Period, agencies: list[Agency],
                contributions: dict[str, Contribution], deadline: date | None = None,
                edited: dict[str, str] | None = None,
                last_year: dict[FigureKey, int | float] | None = None,
                reviews: dict[str, tuple[str, str]] | None = None,
                conflicts: set[str] | None = None,
                orders: dict[str, tuple[list[str], set[str]]] | None = None,
                based_on: dict[str, dict[str, int]] | None = None,
                last_year_per_agency: dict[FigureKey, dict[str, int | float]] | None = None
                ) -> Consolidation:
    """`agencies` in member order; retired agencies appear only if they reported.

    `reviews`: agency -> (state, comment) for its current revision; `conflicts`: agencies with
    a package held in conflict; `orders`: section -> (agency order, agencies left out);
    `based_on`: section -> {agency: revision} the secretariat's edit was made from;
    `last_year_per_agency`: the per-agency figures `last_year` sums."""
    edited, reviews, conflicts = edited or {}, reviews or {}, conflicts or set()
    orders, based_on = orders or {}, based_on or {}
    shown = [a for a in agencies if not a.retired or a.code in contributions]
    statuses = []
    for agency in shown:
        contribution = contributions.get(agency.code)
        if contribution is None:
            state = CONFLICT if agency.code in conflicts else MISSING
            statuses.append(AgencyStatus(agency, state))
            continue
        timing = agency_state(contribution.sent_at, deadline, contribution.received_at)
        review, comment = reviews.get(agency.code, (None, ""))
        state = CONFLICT if agency.code in conflicts else (review or timing)
        statuses.append(AgencyStatus(agency, state, contribution.revision, contribution.sent_at,
                                     contribution.received_at,
                                     figures_complete(form, contribution.content),
                                     timing == LATE, comment, contribution.sent_as))
    reporting = [contributions[a.code] for a in shown if a.code in contributions]
    sections = []
    for section in form.prose_sections:
        order, excluded = orders.get(section.id, ([], set()))
        rank = {code: n for n, code in enumerate(order)}
        ordered = sorted(reporting, key=lambda c: rank.get(c.agency.code, len(rank)))
        texts = [(c.agency, c.content.sections[section.id]) for c in ordered
                 if c.content.sections.get(section.id)]
        merge = SectionMerge(section, [t for t in texts if t[0].code not in excluded],
                             edited.get(section.id), [t for t in texts if t[0].code in excluded])
        if merge.is_edited:
            seen = based_on.get(section.id, {})
            # a newer revision, or an agency that had not reported when the text was edited
            # (seen as revision 0)
            merge.changed_since_edit = [(c.agency, seen.get(c.agency.code, 0)) for c in reporting
                                        if c.revision > seen.get(c.agency.code, 0)
                                        and (c.agency.code in seen
                                             or c.content.sections.get(section.id))]
        sections.append(merge)
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
    sub_members = {c.agency.code: c.members for c in reporting if c.members}
    merged_last, typed = typed_last_year(form, reporting, last_year or {})
    last_by_agency = {key: dict(values) for key, values in (last_year_per_agency or {}).items()}
    for contribution in reporting:
        for key, value in contribution.content.last_year.items():
            last_by_agency.setdefault(key, {})[contribution.agency.code] = value
    return Consolidation(form, period, deadline, statuses, sections, totals, per_agency,
                         merged_last, notes, sub_members, typed, last_by_agency)


def typed_last_year(form: Form, reporting: list[Contribution], last_year: dict
                    ) -> tuple[dict, set]:
    """Last year's figures from last year's reports, with those the agencies typed by hand
    added (an agency types one only where it has no report of last year, so a count typed by
    one agency adds to the reports of the others). Returns (figures, keys with typed parts)."""
    per_agency: dict[FigureKey, dict[str, int | float]] = {}
    for contribution in reporting:
        for key, value in contribution.content.last_year.items():
            per_agency.setdefault(key, {})[contribution.agency.code] = value
    merged, typed = dict(last_year), set()
    for key, value in sum_figures(form, per_agency).items():
        indicator = form.indicator(key[0])
        if key not in merged:
            merged[key] = value
        elif indicator is not None and indicator.kind == "count":
            merged[key] += value
        else:
            continue
        typed.add(key)
    return merged, typed


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
        # only agencies that gave both parts: one agency's numerator over another's
        # denominator means nothing (and can pass 100 %)
        numerators = per_agency.get((indicator.numerator, TOTAL), {})
        denominators = per_agency.get((indicator.denominator, TOTAL), {})
        both = [code for code in numerators if denominators.get(code)]
        denominator = sum(denominators[code] for code in both)
        if not denominator:
            return None
        return round(sum(numerators[code] for code in both) / denominator * 100, 2)
    values = list(per_agency.get((indicator.id, TOTAL), {}).values())
    return round(sum(values) / len(values), 2) if values else None


def compare_percent(this, last) -> float | None:
    """ "So sánh (%)": this period as a percentage of the same period last year."""
    if this is None or not last:
        return None
    return round(this / last * 100, 2)
