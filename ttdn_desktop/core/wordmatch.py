"""Making sense of a report written freely in Word: which lines are headings, which section of
the form each heading is, which numbers are figures of which indicator, and which agency and
period the letterhead and subject line speak of. Pure functions on text; every guess carries
how sure it is, and nothing guessed is applied without the user."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ttdn_desktop.core.forms import TOTAL, Form, Section
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.text import fold, parse_number

SURE, LIKELY = 0.8, 0.5  # a match at or above SURE is "chắc chắn", above LIKELY "có thể"

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_NUMBERED = [
    (1, re.compile(rf"^\s*({_ROMAN})\s*[\.\-\):]\s*(\S.*)$")),
    (2, re.compile(r"^\s*([0-9]{1,2})\s*[\.\)]\s*([^0-9].*)$")),
    (3, re.compile(r"^\s*([a-zđ])\s*\)\s*(\S.*)$")),
]
# Words that say nothing about which section a heading is.
_STOP = set("""va cua cac cho ve tren voi trong theo tai la mot nhung da duoc cong tac tinh
    nam thang ky ket qua""".split())
_STOP_STRONG = {"cua", "va", "cac", "cho", "ve", "tren", "voi", "trong", "theo", "tai", "la",
                "mot", "nhung", "da", "duoc"}


def numbered_heading(text: str) -> tuple[int, str, str] | None:
    """(level, number, title) of "II. KẾT QUẢ", "1. Báo chí", "a) Ấn phẩm"; None otherwise."""
    for level, pattern in _NUMBERED:
        match = pattern.match(text)
        if match and match.group(1) and len(match.group(2)) <= 200:
            return level, match.group(1), match.group(2).strip()
    return None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in _STOP_STRONG}


def heading_score(title: str, section: Section) -> float:
    """How well a heading found in a document names a section of the form: mostly how many
    of the section's own words it uses (so added words cost little), a little of the reverse."""
    found, wanted = _words(title), _words(section.heading)
    if not found or not wanted:
        return 0.0
    common = found & wanted
    recall = len(common) / len(wanted)
    precision = len(common) / len(found)
    return round(0.75 * recall + 0.25 * precision, 3)


def match_section(form: Form, title: str, level: int | None = None,
                  parent: str | None = None) -> tuple[Section | None, float]:
    """The prose section a heading most likely is, and how sure (0 to 1)."""
    best, best_score = None, 0.0
    for section in form.prose_sections:
        score = heading_score(title, section)
        if level is not None and section.level == level:
            score += 0.05
        if parent is not None and section.parent == parent:
            score += 0.1
        if score > best_score:
            best, best_score = section, score
    return (best, min(best_score, 1.0)) if best_score >= LIKELY else (None, best_score)


def confidence_label(score: float) -> str:
    return "chắc chắn" if score >= SURE else "có thể" if score >= LIKELY else "không khớp"


# --- Period and agency -------------------------------------------------------------------------
_PERIODS = [
    (re.compile(r"6 thang dau nam ([0-9]{4})"), "H1"),
    (re.compile(r"6 thang cuoi nam ([0-9]{4})"), "H2"),
    (re.compile(r"9 thang(?: dau)? nam ([0-9]{4})"), "9M"),
    (re.compile(r"quy (iv|iii|ii|i|4|3|2|1) nam ([0-9]{4})"), "Q"),
    (re.compile(r"(?:tong ket )?(?:cong tac [a-z ]+ )?nam ([0-9]{4})"), "Y"),
]
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def guess_period(subject: str) -> Period | None:
    """The period a subject line reports on: the first period phrase in it ("Kết quả … 6 tháng
    đầu năm 2021, phương hướng … 6 tháng cuối năm 2021" is 2021-H1)."""
    text = fold(subject)
    found = []
    for pattern, kind in _PERIODS:
        for match in pattern.finditer(text):
            if kind == "Q":
                found.append((match.start(), Period(int(match.group(2)),
                                                    f"Q{_QUARTERS[match.group(1)]}")))
            else:
                found.append((match.start(), Period(int(match.group(1)), kind)))
    return min(found, key=lambda item: item[0])[1] if found else None


def guess_agency(lines: list[str], agencies: list[tuple[str, str]]) -> tuple[str, float] | None:
    """(agency code, how sure) from the letterhead lines, comparing folded names."""
    best, best_score = None, 0.0
    for line in lines:
        folded = " ".join(fold(line).split())
        if len(folded) < 3:
            continue
        for code, name in agencies:
            target = " ".join(fold(name).split())
            if folded == target:
                return code, 1.0
            words, wanted = set(folded.split()), set(target.split())
            score = len(words & wanted) / max(len(wanted), 1) * (0.9 if wanted <= words else 0.7)
            if score > best_score:
                best, best_score = code, score
    return (best, round(best_score, 2)) if best and best_score >= 0.6 else None


# --- Figures -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Proposal:
    key: tuple[str, str]
    value: int | float
    source: str          # the sentence or table row it came from
    confidence: float


_NUMBER = r"([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?"
_UNIT_SYNONYMS = {"cuon": "ban", "to": "ban", "quyen": "ban", "tin bai": "tin bai",
                  "tin": "tin bai", "bai viet": "bai", "phong su": "tin bai"}


_UNITS_CACHE: dict[tuple, tuple[dict, re.Pattern]] = {}


def _units(form: Form) -> dict[str, list]:
    return _unit_index(form)[0]


def _unit_index(form: Form) -> tuple[dict[str, list], re.Pattern]:
    """Count indicators by folded unit, and the pattern of "number unit", once per form."""
    cached = _UNITS_CACHE.get((form.key, form.path))
    if cached is None:
        units: dict[str, list] = {}
        for indicator in form.indicators:
            if indicator.kind == "count":
                units.setdefault(fold(indicator.unit).replace("/", " "), []).append(indicator)
        words = sorted(set(units) | set(_UNIT_SYNONYMS), key=len, reverse=True)
        pattern = re.compile(_NUMBER + r"\s+(" + "|".join(re.escape(u) for u in words) + r")\b")
        cached = _UNITS_CACHE[(form.key, form.path)] = (units, pattern)
    return cached


def _indicator_for(form: Form, unit: str, sentence: str):
    """The count indicator with this unit whose label shares most words with the sentence."""
    units = _units(form)
    candidates = units.get(unit) or units.get(_UNIT_SYNONYMS.get(unit, unit), [])
    if not candidates:
        return None, 0.0
    words = _words(sentence) - _STOP
    best, best_score = None, -1.0
    for indicator in candidates:
        label = _words(indicator.label) - _STOP
        score = len(words & label) / max(len(label), 1)
        if score > best_score:
            best, best_score = indicator, score
    confidence = 0.5 + 0.5 * best_score if len(candidates) > 1 else 0.6 + 0.4 * best_score
    return best, round(min(confidence, 1.0), 2)


def figure_proposals(form: Form, sentence: str) -> list[Proposal]:
    """Numbers with a unit in a sentence: "phát hành 9.000 cuốn bản tin", "3.800 bản, trong đó
    tiếng Anh 500 bản, tiếng Nhật 200 bản" (the members after "trong đó" go to the breakdown)."""
    if not re.search(r"[0-9]", sentence):
        return []
    folded = fold(sentence)
    if len(folded) != len(sentence):
        return []
    pattern = _unit_index(form)[1]
    proposals: list[Proposal] = []
    head = folded.split("trong do")[0]
    for match in pattern.finditer(folded):
        unit = match.group(2)
        try:
            value = parse_number(sentence[match.start(1):match.end(1)])
        except ValueError:
            continue
        language = re.search(r"(tieng [a-z]+)\s*$", folded[max(0, match.start() - 20):
                                                         match.start()])
        indicator, confidence = _indicator_for(form, unit, sentence)
        if indicator is None:
            continue
        member = TOTAL
        if language and indicator.breakdown and match.start() >= len(head):
            found = next((m for m in indicator.breakdown.members
                          if fold(m.label) == language.group(1)), None)
            if found is None:
                continue
            member = found.id
        elif match.start() >= len(head) and language is None:
            continue  # a number after "trong đó" that names no member
        proposals.append(Proposal((indicator.id, member), value, sentence.strip(), confidence))
    return proposals


def table_proposals(form: Form, rows: list[list[str]]) -> list[Proposal]:
    """Figures from a table whose first column names indicators (or breakdown members, under
    their indicator) and whose "Kỳ này" column (or first number) holds the value."""
    proposals: list[Proposal] = []
    value_column = None
    for row in rows[:3]:
        for n, cell in enumerate(row):
            if any(k in fold(cell) for k in ("ky nay", "so luong", "thuc hien", "ket qua")):
                value_column = n
    current = None
    for row in rows:
        texts = [c.strip() for c in row]
        labels = [t for t in texts if t and not re.fullmatch(r"[0-9\.,\s%]+", t)]
        if not labels:
            continue
        label = max(labels, key=len)
        cells = texts[value_column:value_column + 1] if value_column is not None else texts
        value = None
        for cell in cells:
            try:
                value = parse_number(cell)
                break
            except ValueError:
                continue
        member_of = _member(current, label) if current is not None else None
        if member_of is not None:
            if value is not None:
                proposals.append(Proposal((current.id, member_of), value,
                                          f"Bảng: {label}", 0.9))
            continue
        indicator, score = _indicator_by_label(form, label)
        if indicator is not None:
            current = indicator
            if value is not None:
                proposals.append(Proposal((indicator.id, TOTAL), value, f"Bảng: {label}",
                                          score))
    return proposals


def _member(indicator, label: str):
    if indicator.breakdown is None:
        return None
    text = fold(label).strip(" -–+•")
    return next((m.id for m in indicator.breakdown.members if fold(m.label) == text), None)


def _indicator_by_label(form: Form, label: str):
    words = _words(label) - _STOP
    best, best_score = None, 0.0
    for indicator in form.indicators:
        wanted = _words(indicator.label) - _STOP
        if not wanted or not words:
            continue
        common = words & wanted
        score = 0.7 * len(common) / len(wanted) + 0.3 * len(common) / len(words)
        if score > best_score:
            best, best_score = indicator, score
    return (best, round(best_score, 2)) if best_score >= 0.6 else (None, best_score)


def sum_proposals(proposals: list[Proposal]) -> dict[tuple[str, str], int | float]:
    """Accepted proposals as figures: one key's proposals from different sources add up (two
    publications are copies of both); the same value from the same source counts once."""
    seen, figures = set(), {}
    for proposal in proposals:
        marker = (proposal.key, proposal.value, proposal.source)
        if marker in seen:
            continue
        seen.add(marker)
        figures[proposal.key] = figures.get(proposal.key, 0) + proposal.value
    return figures
