"""The sentences of the drafted consolidated report, kept as data (forms/draft-templates-v1.toml):
a restricted format of named placeholders only ({total}, {unit} …), filled by substitution,
nothing evaluated, since templates may one day arrive in packages. Each template may use only
the placeholders its key allows; an unknown one, a stray brace, a missing or unknown key is
refused with the file named and every reason listed. The file is versioned like a form: a
version already sent is never changed."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ttdn_desktop.core.errors import TTDNError, toml_syntax
from ttdn_desktop.core.forms import DRAFT_TEMPLATES_PREFIX
from ttdn_desktop.core.shipped import bundled
from ttdn_desktop.core.text import clean_line

# Files of draft templates sit beside the forms; the form library leaves them alone.
DEFAULT_FILE = f"{DRAFT_TEMPLATES_PREFIX}v1.toml"

_COUNT = ("label", "total", "unit", "breakdown", "change")
# template key -> the placeholders it may use
SCHEMA: dict[str, tuple[str, ...]] = {
    "lead.count": _COUNT,
    "lead.rate": ("label", "total", "unit", "count"),
    "lead.breakdown": ("parts",),
    "lead.part": ("member", "value", "unit"),
    "lead.increase": ("percent", "year"),
    "lead.decrease": ("percent", "year"),
    "lead.same": ("year",),
    "lead.partial": ("change", "count"),
    "lead.reported": ("reported", "sent"),
    "groups.subject": ("agencies", "sentence"),
    "groups.after": ("agencies", "sentence"),
    "groups.figures": ("sentence", "parts", "total"),
    "groups.part": ("agency", "value"),
    "groups.collective_parts": ("noun", "parts"),
    "groups.total": ("total",),
    "groups.slot": (),
    "groups.someone": (),
    "particular.agency": ("agency", "text"),
    "particular.foreign": ("agency", "text"),
    "particular.kind": ("kind",),
    "particular.no_kind": (),
    "names.list": ("first", "last"),
    "names.all": ("count",),
    "names.others": ("count",),
    "names.collective": ("count", "noun"),
}
INDICATOR_SCHEMA = {"sentence": _COUNT, "breakdown": SCHEMA["lead.breakdown"]}
# keys of the tables above that are data, not templates
_DATA_KEYS = {"names.collectives", "names.most"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class DraftTemplateError(TTDNError):
    """A file of draft templates is wrong; `problems` lists each mistake."""

    def __init__(self, source: str, problems: list[str]):
        self.source, self.problems = str(source), problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"Tệp câu mẫu dự thảo báo cáo «{self.source}» có lỗi:\n{lines}")


@dataclass(frozen=True)
class DraftTemplates:
    source: str
    version: int
    texts: dict[str, str]                      # "lead.count" -> template
    indicators: dict[str, dict[str, str]] = field(default_factory=dict)
    sections: dict[str, tuple[str, ...]] = field(default_factory=dict)
    collectives: tuple[tuple[str, str], ...] = ()  # (name prefix, noun)
    most: int = 6
    verbs: tuple[str, ...] = ()

    def fill(self, key: str, **values) -> str:
        return fill(self.texts[key], values)

    def indicator(self, indicator_id: str, part: str) -> str | None:
        return self.indicators.get(indicator_id, {}).get(part)


def fill(template: str, values: dict) -> str:
    """Each {name} replaced by its value: plain substitution, nothing else."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), template)


def _template_problem(text: str, allowed: tuple[str, ...]) -> str | None:
    leftover = _PLACEHOLDER.sub("", text)
    if "{" in leftover or "}" in leftover:
        return "có dấu ngoặc nhọn lẻ; chỗ trống viết dạng {tên}, không lồng nhau."
    unknown = [name for name in _PLACEHOLDER.findall(text) if name not in allowed]
    if unknown:
        names = ", ".join("{" + n + "}" for n in allowed) or "không có chỗ trống nào"
        return f"chỗ trống «{{{unknown[0]}}}» không có; câu này chỉ dùng được: {names}."
    return None


def parse_templates(text: str, source: str = "<câu mẫu>") -> DraftTemplates:
    """Read and check the text of a template file. Raises DraftTemplateError listing every
    mistake; nothing half-read is returned."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DraftTemplateError(source, [f"{toml_syntax(error)}."]) from None
    problems: list[str] = []
    head = data.get("templates")
    version = head.get("version") if isinstance(head, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append("thiếu bảng [templates] với version là một số nguyên dương.")
        version = 0
    texts: dict[str, str] = {}
    broken = set()
    for table in ("lead", "groups", "particular", "names"):
        values = data.get(table, {})
        if not isinstance(values, dict):
            problems.append(f"«{table}» phải là một bảng [{table}].")
            broken.add(table)
            continue
        for name, value in values.items():
            key = f"{table}.{name}"
            if key in _DATA_KEYS:
                continue
            if key not in SCHEMA:
                problems.append(f"câu mẫu «{key}» không có trong phiên bản này.")
            elif _checked(key, value, SCHEMA[key], problems):
                texts[key] = value
    problems += [f"thiếu câu mẫu «{key}»." for key in SCHEMA
                 if key not in texts and key.split(".")[0] not in broken]
    indicators = _indicators(data.get("indicators", {}), problems)
    sections = _sections(data.get("sections", {}), problems)
    names = data.get("names", {}) if isinstance(data.get("names"), dict) else {}
    collectives = _collectives(names.get("collectives", []), problems)
    most = names.get("most", 6)
    if not isinstance(most, int) or isinstance(most, bool) or most < 2:
        problems.append("«names.most» phải là một số nguyên từ 2 trở lên.")
        most = 6
    verbs = (data.get("words") or {}).get("verbs", [])
    if not isinstance(verbs, list) or not all(isinstance(v, str) for v in verbs):
        problems.append("«words.verbs» phải là một danh sách chuỗi chữ.")
        verbs = []
    unknown = set(data) - {"templates", "lead", "indicators", "sections", "groups",
                           "particular", "names", "words"}
    problems += [f"bảng [{name}] không có trong phiên bản này." for name in sorted(unknown)]
    if problems:
        raise DraftTemplateError(source, problems)
    return DraftTemplates(str(source), version, texts, indicators, sections, collectives, most,
                          tuple(clean_line(v).lower() for v in verbs if clean_line(v)))


def _checked(key: str, value, allowed, problems: list[str]) -> bool:
    """A template's text checked against the placeholders `allowed` it may use: False (said
    in `problems`) when it is not text at all."""
    if not isinstance(value, str):
        problems.append(f"câu mẫu «{key}» phải là một chuỗi chữ.")
        return False
    problem = _template_problem(value, allowed)
    if problem:
        problems.append(f"câu mẫu «{key}»: {problem}")
    return True


def _indicators(table, problems: list[str]) -> dict[str, dict[str, str]]:
    if not isinstance(table, dict):
        problems.append("«indicators» phải là các bảng [indicators.MÃ_CHỈ_TIÊU].")
        return {}
    out: dict[str, dict[str, str]] = {}
    for indicator_id, parts in table.items():
        if not isinstance(parts, dict):
            problems.append(f"«indicators.{indicator_id}» phải là một bảng (sentence = \"…\").")
            continue
        for name, value in parts.items():
            key = f"indicators.{indicator_id}.{name}"
            if name not in INDICATOR_SCHEMA:
                problems.append(f"câu mẫu «{key}» không có; chỉ dùng sentence và breakdown.")
            elif _checked(key, value, INDICATOR_SCHEMA[name], problems):
                out.setdefault(indicator_id, {})[name] = value
    return out


def _sections(table, problems: list[str]) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        problems.append("«sections» phải là một bảng (mã mục = [mã chỉ tiêu, …]).")
        return {}
    out = {}
    for section_id, ids in table.items():
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            problems.append(f"«sections.{section_id}» phải là một danh sách mã chỉ tiêu.")
            continue
        out[section_id] = tuple(ids)
    return out


def _collectives(rows, problems: list[str]) -> tuple[tuple[str, str], ...]:
    out = []
    if not isinstance(rows, list):
        rows = [None]
    for n, row in enumerate(rows):
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) and row.get(k)
                                                for k in ("prefix", "noun")):
            problems.append(f"«names.collectives[{n}]» phải có dạng "
                            "{ prefix = \"UBND xã\", noun = \"xã\" }.")
            continue
        out.append((clean_line(row["prefix"]), clean_line(row["noun"])))
    # the longest prefix first: «UBND huyện» before «Huyện» does not matter, «Ủy ban nhân dân
    # xã» before a shorter one that it starts with does
    return tuple(sorted(out, key=lambda r: -len(r[0])))


def load_templates(path: str | Path) -> DraftTemplates:
    """A template file read as load_form reads a form: its problems name the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DraftTemplateError(path, ["không tìm thấy tệp."]) from None
    except UnicodeDecodeError:
        raise DraftTemplateError(path, ["tệp không ở mã UTF-8."]) from None
    return parse_templates(text, str(path))


@functools.cache
def default_templates() -> DraftTemplates:
    """The templates shipped with the app, beside its forms."""
    return load_templates(bundled("forms") / DEFAULT_FILE)
