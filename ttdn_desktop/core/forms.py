"""Form definitions: the sections and indicators of a report, read from TOML files in forms/.

A form is data the secretariat can edit: its id and version, the title template, the sections
(numbered I. / 1. / a) as in an administrative report) and the statistics indicators with their
breakdowns. A version is never reused, and figures are keyed by (indicator, breakdown member),
never by position, so two versions live side by side without shifting data.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ttdn_desktop.core.errors import FormError, TTDNError, toml_syntax
from ttdn_desktop.core.text import clean_line, clean_text

DEFAULT_FORM_ID = "ttdn-dinh-ky"
SECTION_KINDS = ("prose", "statistics")
INDICATOR_KINDS = ("count", "rate")
CHARTS = ("by_member", "by_agency")  # a chart of the breakdown, or of the agencies' values
RATE_AGGREGATES = ("ratio", "mean")
TITLE_FIELDS = ("ky", "ky_toi")  # {ky}: this period, {ky_toi}: the period looked ahead to
TOTAL = ""  # the breakdown member that stands for an indicator's total
# the drafted report's sentences (core.draft_templates) live beside the forms
DRAFT_TEMPLATES_PREFIX = "draft-templates-"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_NUMBER_BY_LEVEL = {
    1: (re.compile(r"^[IVXLC]+$"), "chữ số La Mã (I, II, III…)"),
    2: (re.compile(r"^[0-9]+$"), "chữ số Ả Rập (1, 2, 3…)"),
    3: (re.compile(r"^[a-zđ]$"), "một chữ cái thường (a, b, c…)"),
}


@dataclass(frozen=True)
class Section:
    """A section of the report's outline: prose, or the statistics annex."""
    id: str
    number: str
    heading: str
    kind: str
    help: str = ""
    parent: str | None = None
    level: int = 1
    # How agencies word this section in their own Word reports (other headings), words
    # that mark its text, and the indicator groups its sentences' figures belong to.
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()

    @property
    def numbered_heading(self) -> str:
        """ "I. CÔNG TÁC…", "1. Thông tin…", "a) …"; an unnumbered section is its heading."""
        if not self.number:
            return self.heading
        mark = f"{self.number})" if self.level == 3 else f"{self.number}."
        return f"{mark} {self.heading}"


@dataclass(frozen=True)
class Member:
    """One part of an indicator's breakdown (a language, a kind of medium)."""
    id: str
    label: str


@dataclass(frozen=True)
class Breakdown:
    """How an indicator's total is split, and into which members."""
    id: str
    label: str
    members: tuple[Member, ...]

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)


@dataclass(frozen=True)
class Group:
    """A group of indicators: one table of figures for the agencies."""
    id: str
    label: str


@dataclass(frozen=True)
class Indicator:
    """A figure the form asks for, with its unit, kind and breakdown."""
    id: str
    group: str
    label: str
    unit: str
    kind: str = "count"
    breakdown: Breakdown | None = None
    breakdown_adds_up: bool = False
    aggregate: str = ""  # rates only: "ratio" (numerator / denominator) or "mean"
    numerator: str = ""
    denominator: str = ""
    help: str = ""
    chart: str = ""

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        """The (indicator, member) keys of this indicator: its total first, then its members."""
        members = self.breakdown.members if self.breakdown else ()
        return ((self.id, TOTAL),) + tuple((self.id, m.id) for m in members)


@dataclass(frozen=True)
class Form:
    """One version of a report form: its outline and its indicators."""
    id: str
    version: int
    name: str
    title: str
    sections: tuple[Section, ...]
    groups: tuple[Group, ...]
    indicators: tuple[Indicator, ...]
    path: str = ""
    _by_id: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self._by_id.update({("s", s.id): s for s in self.sections})
        self._by_id.update({("i", i.id): i for i in self.indicators})

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def section(self, section_id: str) -> Section | None:
        return self._by_id.get(("s", section_id))

    def indicator(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(("i", indicator_id))

    def figure_label(self, key) -> str:
        """«Số bản ấn phẩm, tài liệu phát hành – Tiếng Anh»: an indicator and its member."""
        indicator = self.indicator(key[0])
        member = indicator.breakdown.member(key[1]) if key[1] else None
        return indicator.label + (f" – {member.label}" if member else "")

    @property
    def prose_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind == "prose")

    def children(self, section_id: str | None) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.parent == section_id)

    def indicators_in(self, group_id: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.group == group_id)

    def figure_keys(self) -> tuple[tuple[str, str], ...]:
        return tuple(key for indicator in self.indicators for key in indicator.keys)

    def report_title(self, period) -> str:
        """The subject line: the title template filled in for a period."""
        return self.title.format(ky=period.phrase, ky_toi=period.next_phrase)


# --- Loading -------------------------------------------------------------------------------
class _Checker:
    """Collects every mistake of one file, each named by its key, before giving up."""

    def __init__(self):
        self.problems: list[str] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"khóa «{key}»: {message}")

    def text(self, table: dict, name: str, key: str, required=True, line=True) -> str:
        value = table.get(name)
        if value is None:
            if required:
                self.problem(key, "thiếu giá trị (bắt buộc).")
            return ""
        if not isinstance(value, str):
            self.problem(key, f"phải là một chuỗi chữ, không phải {_type_name(value)}.")
            return ""
        value = clean_line(value) if line else clean_text(value).strip()
        if required and not value:
            self.problem(key, "không được để trống.")
        return value

    def ident(self, table: dict, name: str, key: str) -> str:
        value = self.text(table, name, key)
        if value and not _ID.match(value):
            self.problem(key, f"«{value}» không hợp lệ: chỉ dùng chữ thường không dấu, số và "
                              "dấu gạch dưới, bắt đầu bằng chữ (ví dụ «bao_chi»).")
            return ""
        return value

    def choice(self, table: dict, name: str, key: str, choices, default=None) -> str:
        value = table.get(name, default)
        if value not in choices:
            allowed = ", ".join(f"«{c}»" for c in choices)
            self.problem(key, f"phải là một trong {allowed}, không phải «{value}».")
            return choices[0]
        return value

    def strings(self, table: dict, name: str, key: str) -> tuple[str, ...]:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, "phải là một danh sách chuỗi chữ (ví dụ [\"báo chí\", \"truyền "
                              "hình\"]).")
            return ()
        return tuple(v for v in (clean_line(v) for v in value) if v)

    def tables(self, data: dict, name: str, required=True) -> list:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(name, "phải là một danh sách bảng ([[" + name + "]]).")
            return []
        if required and not value:
            self.problem(name, "chưa có mục nào.")
        return value


def _type_name(value) -> str:
    return {bool: "giá trị đúng/sai", int: "một số", float: "một số", list: "một danh sách",
            dict: "một bảng"}.get(type(value), type(value).__name__)


def read_toml(path: str | Path, source: bytes) -> dict:
    """A form file's TOML as data. Raises FormError naming what is wrong with it."""
    try:
        # line ends as reading the file as text gives them (a lone CR too)
        text = source.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        return tomllib.loads(text)
    except UnicodeDecodeError:
        raise FormError(path, ["tệp không ở mã UTF-8."]) from None
    except tomllib.TOMLDecodeError as error:
        raise FormError(path, [f"{toml_syntax(error)}."]) from None


def load_form(path: str | Path, read=read_toml) -> Form:
    """Read and check one form definition. Raises FormError listing every mistake.
    `read(path, source)`: the file's TOML as data (a reader that keeps what it parsed, as
    storage/parsed_forms.py does, gives the same)."""
    path = Path(path)
    try:
        source = path.read_bytes()
    except FileNotFoundError:
        raise FormError(path, ["không tìm thấy tệp."]) from None
    return parse_form(read(path, source), path)


def parse_form(data: dict, path: str | Path = "<form>") -> Form:
    check = _Checker()
    head = data.get("form")
    if not isinstance(head, dict):
        check.problem("form", "thiếu bảng [form] (id, version, name, title).")
        head = {}
    form_id = check.text(head, "id", "form.id")
    if form_id and not re.match(r"^[a-z][a-z0-9_-]*$", form_id):
        check.problem("form.id", f"«{form_id}» không hợp lệ: chỉ dùng chữ thường không dấu, "
                                 "số, gạch nối và gạch dưới.")
    version = head.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        check.problem("form.version", f"phải là một số nguyên dương, không phải «{version}».")
        version = 0
    name = check.text(head, "name", "form.name")
    title = check.text(head, "title", "form.title")
    for placeholder in re.findall(r"\{([^}]*)\}", title):
        if placeholder not in TITLE_FIELDS:
            check.problem("form.title", f"chỗ trống «{{{placeholder}}}» không có; chỉ dùng "
                                        "{ky} (kỳ này) và {ky_toi} (kỳ tới).")

    sections = _parse_sections(check, data)
    breakdowns = _parse_breakdowns(check, data)
    groups = _parse_groups(check, data)
    indicators = _parse_indicators(check, data, breakdowns, {g.id for g in groups})
    group_ids = {g.id for g in groups}
    for n, section in enumerate(sections):
        for group in section.groups:
            if group not in group_ids:
                check.problem(f"sections[{n}].groups", f"nhóm chỉ tiêu «{group}» chưa được khai "
                                                       "báo trong [[groups]].")
    if indicators and not any(s.kind == "statistics" for s in sections):
        check.problem("sections", "mẫu có chỉ tiêu thống kê nhưng không có mục kind = "
                                  "\"statistics\" để chứa chúng.")
    if check.problems:
        raise FormError(path, check.problems)
    return Form(form_id, version, name, title, tuple(sections), tuple(groups),
                tuple(indicators), str(path))


def _parse_sections(check: _Checker, data: dict) -> list[Section]:
    sections: list[Section] = []
    levels: dict[str, int] = {}
    for n, table in enumerate(check.tables(data, "sections")):
        key = f"sections[{n}]"
        section_id = check.ident(table, "id", f"{key}.id")
        if section_id in levels:
            check.problem(f"{key}.id", f"mã mục «{section_id}» bị trùng.")
        parent = table.get("parent")
        level = 1
        if parent is not None and not isinstance(parent, str):
            check.problem(f"{key}.parent", "phải là mã của một mục (chuỗi chữ).")
            parent = None
        if parent is not None:
            if parent not in levels:
                check.problem(f"{key}.parent", f"mục cha «{parent}» chưa được khai báo ở trên.")
            else:
                level = levels[parent] + 1
                if level > 3:
                    check.problem(f"{key}.parent", "mục chỉ được lồng tối đa 3 cấp (I. / 1. / a).")
        kind = check.choice(table, "kind", f"{key}.kind", SECTION_KINDS, default="prose")
        number = table.get("number", "")
        if not isinstance(number, str):
            number = str(number)
        number = number.strip().rstrip(".)")
        if number:
            pattern, description = _NUMBER_BY_LEVEL.get(level, _NUMBER_BY_LEVEL[3])
            if not pattern.match(number):
                check.problem(f"{key}.number", f"mục cấp {level} đánh số bằng {description}, "
                                               f"không phải «{number}».")
        elif kind == "prose":
            check.problem(f"{key}.number", "mục văn bản phải có số thứ tự.")
        heading = check.text(table, "heading", f"{key}.heading")
        help_text = check.text(table, "help", f"{key}.help", required=False, line=False)
        if section_id:
            levels[section_id] = level
        aliases = check.strings(table, "aliases", f"{key}.aliases")
        keywords = check.strings(table, "keywords", f"{key}.keywords")
        groups = check.strings(table, "groups", f"{key}.groups")
        sections.append(Section(section_id, number, heading, kind, help_text, parent, level,
                                aliases, keywords, groups))
    return sections


def _parse_breakdowns(check: _Checker, data: dict) -> dict[str, Breakdown]:
    breakdowns: dict[str, Breakdown] = {}
    for n, table in enumerate(check.tables(data, "breakdowns", required=False)):
        key = f"breakdowns[{n}]"
        breakdown_id = check.ident(table, "id", f"{key}.id")
        label = check.text(table, "label", f"{key}.label")
        raw_members = table.get("members")
        members: list[Member] = []
        if not isinstance(raw_members, list) or not raw_members:
            check.problem(f"{key}.members", "phải là danh sách thành phần, ví dụ "
                                            "[{ id = \"en\", label = \"Tiếng Anh\" }].")
            raw_members = []
        for m, raw in enumerate(raw_members):
            member_key = f"{key}.members[{m}]"
            if not isinstance(raw, dict):
                check.problem(member_key, "phải có dạng { id = \"…\", label = \"…\" }.")
                continue
            member_id = check.ident(raw, "id", f"{member_key}.id")
            if any(existing.id == member_id for existing in members):
                check.problem(f"{member_key}.id", f"thành phần «{member_id}» bị trùng.")
            members.append(Member(member_id, check.text(raw, "label", f"{member_key}.label")))
        if breakdown_id in breakdowns:
            check.problem(f"{key}.id", f"mã phân tổ «{breakdown_id}» bị trùng.")
        breakdowns[breakdown_id] = Breakdown(breakdown_id, label, tuple(members))
    return breakdowns


def _parse_groups(check: _Checker, data: dict) -> list[Group]:
    groups: list[Group] = []
    for n, table in enumerate(check.tables(data, "groups", required=False)):
        key = f"groups[{n}]"
        group_id = check.ident(table, "id", f"{key}.id")
        if any(g.id == group_id for g in groups):
            check.problem(f"{key}.id", f"mã nhóm «{group_id}» bị trùng.")
        groups.append(Group(group_id, check.text(table, "label", f"{key}.label")))
    return groups


def _parse_indicators(check: _Checker, data: dict, breakdowns: dict[str, Breakdown],
                      group_ids: set[str]) -> list[Indicator]:
    indicators: list[Indicator] = []
    seen: dict[str, str] = {}
    rates: list[tuple[str, Indicator]] = []
    for n, table in enumerate(check.tables(data, "indicators", required=False)):
        key = f"indicators[{n}]"
        indicator_id = check.ident(table, "id", f"{key}.id")
        if indicator_id in seen:
            check.problem(f"{key}.id", f"mã chỉ tiêu «{indicator_id}» bị trùng.")
        group = check.text(table, "group", f"{key}.group")
        if group and group not in group_ids:
            check.problem(f"{key}.group", f"nhóm «{group}» chưa được khai báo trong [[groups]].")
        kind = check.choice(table, "kind", f"{key}.kind", INDICATOR_KINDS, default="count")
        breakdown = None
        breakdown_id = table.get("breakdown")
        if breakdown_id is not None:
            breakdown = breakdowns.get(breakdown_id)
            if breakdown is None:
                check.problem(f"{key}.breakdown", f"phân tổ «{breakdown_id}» chưa được khai báo "
                                                  "trong [[breakdowns]].")
            elif kind == "rate":
                check.problem(f"{key}.breakdown", "chỉ tiêu tỷ lệ không có phân tổ.")
        adds_up = table.get("breakdown_adds_up", False)
        if not isinstance(adds_up, bool):
            check.problem(f"{key}.breakdown_adds_up", "phải là true hoặc false.")
            adds_up = False
        if adds_up and breakdown_id is None:
            check.problem(f"{key}.breakdown_adds_up", "chỉ dùng khi chỉ tiêu có phân tổ.")
        aggregate = numerator = denominator = ""
        if kind == "rate":
            aggregate = check.choice(table, "aggregate", f"{key}.aggregate", RATE_AGGREGATES,
                                     default="ratio" if "numerator" in table else "mean")
            if aggregate == "ratio":
                numerator = check.ident(table, "numerator", f"{key}.numerator")
                denominator = check.ident(table, "denominator", f"{key}.denominator")
        indicator = Indicator(
            id=indicator_id, group=group, label=check.text(table, "label", f"{key}.label"),
            unit=check.text(table, "unit", f"{key}.unit"), kind=kind, breakdown=breakdown,
            breakdown_adds_up=adds_up, aggregate=aggregate, numerator=numerator,
            denominator=denominator,
            help=check.text(table, "help", f"{key}.help", required=False, line=False))
        chart = table.get("chart", "")
        if chart:
            chart = check.choice(table, "chart", f"{key}.chart", CHARTS)
            if chart == "by_member" and breakdown is None:
                check.problem(f"{key}.chart", "biểu đồ theo thành phần cần chỉ tiêu có phân tổ.")
        indicator = replace(indicator, chart=chart)
        seen[indicator_id] = kind
        if kind == "rate":
            rates.append((key, indicator))
        indicators.append(indicator)
    for key, rate in rates:
        for part in ("numerator", "denominator"):
            target = getattr(rate, part)
            if target and seen.get(target) != "count":
                check.problem(f"{key}.{part}", f"«{target}» phải là mã của một chỉ tiêu đếm "
                                               "(kind = \"count\") trong mẫu này.")
    return indicators


class FormLibrary:
    """Every form version found in some folders; broken files are set aside with their reasons."""

    def __init__(self, forms: list[Form] | None = None):
        self._forms: dict[tuple[str, int], Form] = {}
        self.problems: list[str] = []
        for form in forms or []:
            self.add(form)

    @classmethod
    def from_dirs(cls, dirs, read=read_toml) -> "FormLibrary":
        library = cls()
        for directory in dirs:
            directory = Path(directory)
            if not directory.is_dir():
                continue
            for path in sorted(directory.glob("*.toml")):
                if path.name.startswith(DRAFT_TEMPLATES_PREFIX):  # sentences, not a form
                    continue
                try:
                    library.add(load_form(path, read))
                except FormError as error:
                    library.problems.append(error.message)
        return library

    def add(self, form: Form) -> None:
        existing = self._forms.get(form.key)
        if existing is not None and existing.path != form.path:
            self.problems.append(
                f"Mẫu «{form.id}» phiên bản {form.version} có ở hai tệp «{existing.path}» và "
                f"«{form.path}»; dùng tệp thứ nhất. Mỗi phiên bản mẫu chỉ được dùng một lần.")
            return
        self._forms[form.key] = form

    def __iter__(self):
        return iter(sorted(self._forms.values(), key=lambda f: f.key))

    def __len__(self) -> int:
        return len(self._forms)

    def find(self, form_id: str, version: int) -> Form | None:
        return self._forms.get((form_id, version))

    def get(self, form_id: str, version: int) -> Form:
        form = self.find(form_id, version)
        if form is None:
            raise TTDNError(f"Mẫu báo cáo «{form_id}» phiên bản {version} chưa có trong máy này. "
                            "Hãy cập nhật TTĐN Desktop hoặc nhận gói đề nghị báo cáo mới từ "
                            "cơ quan thường trực.")
        return form

    def latest(self, form_id: str = DEFAULT_FORM_ID) -> Form:
        versions = [f for f in self._forms.values() if f.id == form_id]
        if not versions:
            detail = ("\n" + "\n".join(self.problems)) if self.problems else ""
            raise TTDNError(f"Không tìm thấy mẫu báo cáo «{form_id}».{detail}")
        return max(versions, key=lambda f: f.version)
