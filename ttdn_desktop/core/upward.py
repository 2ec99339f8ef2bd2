"""A committee's consolidated report as a submission to the level above, and what it was built
from.

The province's secretariat merges its members' reports; the result, sent upward, is one member's
report at the centre. Pure functions: what goes into the upward report (texts as merged or
edited, summed figures on the form the upper level asked for), which agency revisions it came
from, each member's own figures for the upper level's drill-down, and what has changed since
it was sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.merge import Consolidation, SubMember, sum_figures
from ttdn_desktop.core.report import FigureKey, ReportContent
from ttdn_desktop.core.text import format_number

CHANGED_LABEL = "đã thay đổi sau khi gửi lên"


@dataclass(frozen=True)
class Source:
    """One agency revision an upward report was built from."""
    agency_code: str
    agency_name: str
    report_id: str
    revision: int
    content_sha256: str

    def to_dict(self) -> dict:
        return {"agency": self.agency_code, "name": self.agency_name,
                "report_id": self.report_id, "revision": self.revision,
                "content_sha256": self.content_sha256}

    @classmethod
    def from_dict(cls, data: dict) -> "Source":
        return cls(str(data["agency"]), str(data.get("name") or data["agency"]),
                   str(data["report_id"]), int(data["revision"]), str(data["content_sha256"]))


@dataclass
class UpwardReport:
    content: ReportContent
    sources: list[Source]
    members: list[SubMember]
    dropped: list[str] = field(default_factory=list)  # what the upper form has no place for




def upward_report(consolidation: Consolidation, target: Form,
                  sources: list[Source]) -> UpwardReport:
    """The report to send upward on the upper level's form `target`: sections with the
    secretariat's text, figures the sums (rates recomputed by the merge), notes merged.
    Anything the target form has no place for is left out and named in `dropped`."""
    dropped: list[str] = []
    sections = {}
    for merge in consolidation.sections:
        text = merge.shown
        if not text.strip():
            continue
        section = target.section(merge.section.id)
        if section is None or section.kind != "prose":
            dropped.append(f"mục «{merge.section.numbered_heading}»")
            continue
        sections[merge.section.id] = text
    allowed = set(target.figure_keys())
    figures = {key: value for key, value in consolidation.totals.items() if key in allowed}
    for indicator_id in sorted({k[0] for k in consolidation.totals if k not in allowed}):
        indicator = consolidation.form.indicator(indicator_id)
        dropped.append(f"chỉ tiêu «{indicator.label if indicator else indicator_id}»")
    notes = {k: v for k, v in consolidation.notes.items() if target.indicator(k) is not None}
    members = []
    names = {s.agency.code: s.agency.name for s in consolidation.statuses}
    for code in [s.agency.code for s in consolidation.statuses if s.revision is not None]:
        own = {key: values[code] for key, values in consolidation.per_agency.items()
               if code in values and key in allowed}
        members.append(SubMember(code, names[code], own))
    return UpwardReport(ReportContent(sections, figures, notes).normalized(), sources, members,
                        dropped)


MISSING_MEMBERS = ("gói tổng hợp của bản cũ, không kèm số liệu của từng đơn vị thành viên: "
                   "không xem chi tiết theo đơn vị được")


def inconsistencies(form: Form, totals: dict[FigureKey, int | float], members: list[SubMember],
                    sources: list[Source]) -> list[str]:
    """Why a committee's report does not hold together, in words: sources that are not among
    the members it carries, members' figures that do not add up to its totals. The sums are
    the merge's own (counts summed, rates recomputed from the summed counts or averaged), so a
    report built by upward_report always passes."""
    problems = []
    codes = [m.code for m in members]
    twice = sorted({code for code in codes if codes.count(code) > 1})
    if twice:
        problems.append("đơn vị thành viên ghi hai lần: " + ", ".join(twice))
    stray = [s for s in sources if s.agency_code not in codes]
    if stray:
        problems.append("báo cáo nguồn của " + ", ".join(
            f"{s.agency_name} ({s.agency_code})" for s in stray[:5]) +
            (f" và {len(stray) - 5} đơn vị khác" if len(stray) > 5 else "") +
            " không thuộc các đơn vị thành viên mà gói mang theo số liệu")
    per_agency: dict[FigureKey, dict[str, int | float]] = {}
    for member in members:
        for key, value in member.figures.items():
            per_agency.setdefault(key, {})[member.code] = value
    sums = sum_figures(form, per_agency)
    names = {m.code: m.name for m in members}
    for indicator in form.indicators:
        decimals = 2 if indicator.kind == "rate" else 0
        for key in indicator.keys:
            total, summed = totals.get(key), sums.get(key)
            if total is None and summed is None or total is not None and summed is not None \
                    and abs(total - summed) < (0.005 if decimals else 1e-9):
                continue
            part = indicator.breakdown.member(key[1]) if key[1] else None
            label = indicator.label + (f" – {part.label}" if part else "")
            how = "tính lại từ số của các đơn vị" if indicator.kind == "rate" else \
                "các đơn vị cộng lại"
            given = sorted(per_agency.get(key, {}).items(), key=lambda kv: -kv[1])[:3]
            whose = "; ".join(f"{names[code]}: {format_number(value, decimals)}"
                              for code, value in given)
            problems.append(f"«{label}»: số của cả cơ quan là {_number(total, decimals)}, "
                            f"{how} là {_number(summed, decimals)}"
                            + (f" ({whose})" if whose else ""))
    return problems


@dataclass(frozen=True)
class Change:
    kind: str     # "newer", "new_agency", "withdrawn", "section", "figure"
    text: str


def changes_since(sent_sources: list[Source], sent: ReportContent, sources_now: list[Source],
                  now: ReportContent, form: Form, edited_after: list[str] = ()) -> list[Change]:
    """What differs between the report sent upward and the one that would be sent now:
    agency revisions that arrived since, sections edited or re-merged, figures that moved."""
    changes: list[Change] = []
    before = {s.agency_code: s for s in sent_sources}
    after = {s.agency_code: s for s in sources_now}
    for code, source in after.items():
        old = before.get(code)
        if old is None:
            changes.append(Change("new_agency", f"{source.agency_name}: mới gửi (lần "
                                                f"{source.revision})"))
        elif (old.report_id, old.revision) != (source.report_id, source.revision):
            same = " (nội dung không đổi)" if old.content_sha256 == source.content_sha256 else ""
            changes.append(Change("newer", f"{source.agency_name}: lần {old.revision} → lần "
                                           f"{source.revision}{same}"))
    for code, old in before.items():
        if code not in after:
            changes.append(Change("withdrawn", f"{old.agency_name}: không còn trong bản tổng "
                                               "hợp"))
    edited_after = list(edited_after)
    for section in form.prose_sections:
        if sent.sections.get(section.id, "") != now.sections.get(section.id, ""):
            how = "cơ quan thường trực sửa sau khi gửi" if section.id in edited_after \
                else "nội dung khác bản đã gửi"
            changes.append(Change("section", f"mục «{section.numbered_heading}»: {how}"))
    for indicator in form.indicators:
        decimals = 2 if indicator.kind == "rate" else 0
        for key in indicator.keys:
            old, new = sent.figures.get(key), now.figures.get(key)
            if old != new:
                member = indicator.breakdown.member(key[1]) if key[1] else None
                label = indicator.label + (f" – {member.label}" if member else "")
                changes.append(Change("figure", f"{label}: {_number(old, decimals)} → "
                                                f"{_number(new, decimals)}"))
    return changes


def _number(value, decimals: int) -> str:
    return "(trống)" if value is None else format_number(value, decimals)


@dataclass
class UpwardStatus:
    """Whether what was sent upward for a period is still what would be sent now (each front
    end says it in its own words: ui/upward_panel.py, cli/upward.py `headline`)."""
    period: Period
    sent: object | None            # storage.upward.Sent, the last package sent
    changes: list = field(default_factory=list)  # Change

    @property
    def stale(self) -> bool:
        return self.sent is not None and bool(self.changes)
