"""Checks of a report's content against its form: unknown keys, bad numbers, breakdowns."""

from __future__ import annotations

from dataclasses import dataclass

from ttdn_desktop.core.forms import TOTAL, Form
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.text import format_number, parse_number, shown

ERROR = "error"      # the content cannot be accepted as it is
WARNING = "warning"  # accepted, but the user should look (a breakdown that does not add up)


@dataclass(frozen=True)
class Problem:
    """Something wrong with a report, said so that the user can find and fix it."""
    severity: str
    message: str
    indicator: str = ""
    member: str = ""
    section: str = ""


def check_content(form: Form, content: ReportContent) -> list[Problem]:
    problems = []
    for section_id in content.sections:
        section = form.section(section_id)
        if section is None or section.kind != "prose":
            problems.append(Problem(ERROR, f"mục «{shown(section_id)}» không có trong mẫu "
                                           f"«{form.id}» phiên bản {form.version}",
                                    section=section_id))
    for indicator_id in content.notes:
        if form.indicator(indicator_id) is None:
            problems.append(Problem(ERROR, f"ghi chú cho chỉ tiêu «{shown(indicator_id)}» không "
                                           f"có trong mẫu phiên bản {form.version}",
                                    indicator_id))
    for key, value in content.last_year.items():  # typed by hand: the same checks, as a note
        indicator = form.indicator(key[0])
        member_ok = indicator is not None and (key[1] == TOTAL or (
            indicator.breakdown is not None and indicator.breakdown.member(key[1]) is not None))
        if not member_ok:
            problems.append(Problem(ERROR, f"số liệu cùng kỳ năm trước «{shown(key[0])}/"
                                           f"{shown(key[1])}» không có trong mẫu phiên bản "
                                           f"{form.version}", key[0], key[1]))
        elif check_value(indicator.kind, value):
            problems.append(Problem(ERROR, f"{indicator.label} (cùng kỳ năm trước): "
                                           f"{check_value(indicator.kind, value)}", key[0],
                                    key[1]))
    return problems + check_figures(form, content.figures)


def check_figures(form: Form, figures: dict) -> list[Problem]:
    problems: list[Problem] = []
    for (indicator_id, member_id), value in figures.items():
        indicator = form.indicator(indicator_id)
        if indicator is None:
            problems.append(Problem(ERROR, f"chỉ tiêu «{shown(indicator_id)}» không có trong mẫu "
                                           f"«{form.id}» phiên bản {form.version}", indicator_id))
            continue
        if member_id != TOTAL and (indicator.breakdown is None
                                   or indicator.breakdown.member(member_id) is None):
            problems.append(Problem(ERROR, f"chỉ tiêu «{indicator.label}» không có thành phần "
                                           f"«{shown(member_id)}»", indicator_id, member_id))
            continue
        message = check_value(indicator.kind, value)
        if message:
            problems.append(Problem(ERROR, f"{indicator.label}: {message}", indicator_id, member_id))
    for indicator in form.indicators:
        if indicator.breakdown_adds_up:
            problem = check_breakdown(indicator, figures)
            if problem:
                problems.append(problem)
    return problems


# Far above any real count (reach on social media included), far below what SQLite and
# spreadsheets hold exactly.
MAX_COUNT = 10 ** 12


def check_value(kind: str, value) -> str:
    """An empty string if the value fits the kind, else the reason in Vietnamese."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"«{shown(value, 30)}» không phải là số"
    if value != value or value in (float("inf"), float("-inf")):
        return "không phải là một số hữu hạn"
    if abs(value) > MAX_COUNT:
        return f"số lớn quá mức (tối đa {format_number(MAX_COUNT)})"
    if kind == "count":
        if isinstance(value, float) and not value.is_integer():
            return f"«{format_number(value)}» phải là số nguyên"
        if value < 0:
            return f"«{format_number(value)}» không được âm"
    elif not 0 <= value <= 100:
        return f"tỷ lệ «{format_number(value)}» phải nằm trong khoảng 0 đến 100"
    return ""


def breakdown_problems(form: Form, figures: dict) -> list[Problem]:
    """The breakdowns that do not add up to their total (or have no total), in form order."""
    return [problem for problem in (check_breakdown(indicator, figures)
                                    for indicator in form.indicators
                                    if indicator.breakdown_adds_up) if problem]


def check_breakdown(indicator, figures: dict) -> Problem | None:
    members = [m for m in indicator.breakdown.members if (indicator.id, m.id) in figures]
    if not members:
        return None
    keys = [(indicator.id, m.id) for m in members] + [(indicator.id, TOTAL)]
    if any(check_value(indicator.kind, figures[k]) for k in keys if k in figures):
        return None  # a value out of bounds is an error of its own; 1e308 + 1e308 sums to inf
    parts = sum(figures[(indicator.id, m.id)] for m in members)
    total = figures.get((indicator.id, TOTAL))
    if total is None:
        return Problem(WARNING, f"{indicator.label}: có số theo thành phần (cộng lại "
                                f"{format_number(parts)}) nhưng chưa có số tổng", indicator.id)
    if parts != total:
        return Problem(WARNING, f"{indicator.label}: các thành phần cộng lại "
                                f"{format_number(parts)}, khác số tổng {format_number(total)}",
                       indicator.id)
    return None


# --- every cell marked wrong, named where it is (asked about before any export) ---------------
COLUMNS = {"figures": "Kỳ này", "last_year": "Cùng kỳ năm trước"}


def cell_name(form: Form, indicator_id: str, member_id: str = TOTAL, part: str = "") -> str:
    """ "Số liệu › Ấn phẩm, tài liệu › Số bản… – Tiếng Anh, cột «Kỳ này»": where a user finds it
    in the report's figure tables."""
    indicator = form.indicator(indicator_id)
    if indicator is None:
        return f"Số liệu › chỉ tiêu «{shown(indicator_id)}»"
    group = next((g.label for g in form.groups if g.id == indicator.group), indicator.group)
    member = indicator.breakdown.member(member_id) if indicator.breakdown and member_id else None
    label = f"{indicator.label} – {member.label}" if member else indicator.label
    column = f", cột «{COLUMNS[part]}»" if part in COLUMNS else ""
    return f"Số liệu › {group} › {label}{column}"


def typed_reason(kind: str, text: str) -> str:
    """Why a figure typed as `text` is not taken (never empty for an invalid one)."""
    try:
        reason = check_value(kind, parse_number(text))
    except ValueError as error:
        return str(error)
    return reason or f"«{shown(text, 30)}» không dùng được"


def bad_cells(form: Form, figures: dict, invalid: dict[str, dict]) -> list[Problem]:
    """Every cell marked ✗ or ⚠ in a report, in form order, each named where it is: figures
    typed that are not numbers (ERROR; `invalid` as storage.reports.load_invalid gives it), then
    breakdowns that do not add up (WARNING)."""
    order = {key: n for n, key in enumerate(form.figure_keys())}
    problems = []
    for part in COLUMNS:
        typed = invalid.get(part, {})
        for key in sorted(typed, key=lambda k: (order.get(k, len(order)), k)):
            indicator = form.indicator(key[0])
            reason = typed_reason(indicator.kind if indicator else "count", typed[key])
            if indicator is None:
                reason = f"«{shown(typed[key], 30)}»"
            problems.append(Problem(ERROR, f"{cell_name(form, *key, part)}: {reason}",
                                    key[0], key[1]))
    for problem in breakdown_problems(form, figures):
        indicator = form.indicator(problem.indicator)
        group = next((g.label for g in form.groups if g.id == indicator.group), "")
        problems.append(Problem(problem.severity, f"Số liệu › {group} › {problem.message}",
                                problem.indicator))
    return problems


# --- one group of indicators, as its table in the agency's view shows it ----------------------
def group_keys(form: Form, group_id: str) -> list[tuple[str, str]]:
    """The group's cells, one row each: an indicator's total, then its breakdown."""
    return [key for indicator in form.indicators_in(group_id) for key in indicator.keys]


def group_problems(form: Form, group_id: str, figures: dict, invalid: dict,
                   invalid_last: dict) -> list[tuple[str, str, tuple[str, str]]]:
    """(severity, message, key) for every problem of the group: what was typed that is not a
    number (this period's or last year's), and breakdowns that do not add up."""
    rows = set(group_keys(form, group_id))
    found = []
    wrong = [(key, text, "") for key, text in invalid.items() if key in rows] + \
        [(key, text, " (cùng kỳ năm trước)") for key, text in invalid_last.items()
         if key in rows]
    for key, text, which in wrong:
        indicator = form.indicator(key[0])
        member = indicator.breakdown.member(key[1]) if key[1] else None
        label = (f"{indicator.label} – {member.label}" if member else indicator.label) + which
        found.append(("error", f"{label}: {typed_reason(indicator.kind, text)}", key))
    for indicator in form.indicators_in(group_id):
        if indicator.breakdown_adds_up:
            problem = check_breakdown(indicator, figures)
            if problem:
                found.append(("warning", problem.message, (indicator.id, TOTAL)))
    return found


def group_state(form: Form, group_id: str, figures: dict, invalid: dict,
                invalid_last: dict) -> str:
    """"empty", "partial", "done" or "problem": the mark of the group in the report's list."""
    problems = group_problems(form, group_id, figures, invalid, invalid_last)
    if not any(key in figures for key in group_keys(form, group_id)):
        return "problem" if problems else "empty"
    if problems:
        return "problem"
    done = all((i.id, TOTAL) in figures for i in form.indicators_in(group_id))
    return "done" if done else "partial"
