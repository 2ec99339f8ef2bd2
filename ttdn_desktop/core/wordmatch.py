"""Making sense of a report written freely in Word: which lines are headings, which section of
the form each heading is, which numbers are figures of which indicator, and which agency and
period the letterhead and subject line speak of. Pure functions on text; every guess carries
how sure it is, and nothing guessed is applied without the user."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from ttdn_desktop.core.forms import TOTAL, Form, Section
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core import figure_text
from ttdn_desktop.core.figure_text import (APPROXIMATE, CHANGE, EARLIER, PLAN, RANGE,  # noqa
                                           UNCLEAR, WORDS)
from ttdn_desktop.core.text import fold, parse_number

SURE, LIKELY = 0.8, 0.5  # a match at or above SURE is "chắc chắn", above LIKELY "có thể"

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_NUMBERED = [
    # "Phần thứ nhất: KẾT QUẢ …", "PHẦN I. …": a part of the report, above its sections
    (1, re.compile(r"^\s*(ph[aầ]n(?:\s+th[uứ])?\s+(?:[IVX]{1,4}|[0-9]{1,2}|nh[aấ]t|m[oộ]t|hai|ba|"
                   r"t[uư]|b[oố]n|n[aă]m|s[aá]u))\s*[\.:\-–]\s*(\S.*)$", re.IGNORECASE)),
    # "II.", "II -", "II)", "II:" (administrative and Party style)
    (1, re.compile(rf"^\s*({_ROMAN})\s*[\.\-–\):]\s*(\S.*)$")),
    # "1.2." / "1.2" under a decimal part: an item
    (3, re.compile(r"^\s*([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2})\.?\s+([^0-9].*)$")),
    (2, re.compile(r"^\s*([0-9]{1,2}\.[0-9]{1,2})\.?\s+([^0-9].*)$")),
    # "1.", "1)", "1-" (Party style)
    (2, re.compile(r"^\s*([0-9]{1,2})\s*[\.\)\-–]\s*([^0-9].*)$")),
    # "a)", "a.", "a-": a point
    (3, re.compile(r"^\s*([a-zđ])\s*[\)\.\-–]\s+(\S.*)$")),
    (3, re.compile(r"^\s*([a-zđ])\)\s*(\S.*)$")),
]
# Words that say nothing about which section a heading is (with their marks: "chí" of báo chí
# is not "chỉ" of chỉ đạo).
_STOP = set("""và của các cho về trên với trong theo tại là một những đã được việc công tác
    tỉnh năm tháng kỳ kết quả thông tin đối ngoại ttđn""".split())
_STOP_STRONG = set("""và của các cho về trên với trong theo tại là một những đã được việc công tác
    hoạt động thực hiện""".split())
_FOLDED_STOP = {fold(w) for w in _STOP_STRONG}


def numbered_heading(text: str) -> tuple[int, str, str] | None:
    """(level, number, title) of "II. KẾT QUẢ", "1. Báo chí", "a) Ấn phẩm"; None otherwise."""
    for level, pattern in _NUMBERED:
        match = pattern.match(text)
        if match and match.group(1) and len(match.group(2)) <= 200:
            return level, match.group(1), match.group(2).strip()
    return None


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """Words with their marks when the text has marks; folded when typed without."""
    if text.isascii():
        return frozenset(w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in _FOLDED_STOP)
    return frozenset(w for w in _tokens(text) if w not in _STOP_STRONG)


@functools.lru_cache(maxsize=4096)
def _folded_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in _FOLDED_STOP)


def _overlap(found: set[str], wanted: set[str]) -> float:
    if not found or not wanted:
        return 0.0
    common = found & wanted
    return 0.75 * len(common) / len(wanted) + 0.25 * len(common) / len(found)


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase.lower()) + r"(?!\w)", text) is not None


def heading_score(title: str, section: Section) -> float:
    """How well a heading found in a document names a section of the form: mostly how many
    of the section's own words (or of one of its aliases) it uses, so added words cost little,
    a little of the reverse; a keyword of the section in the heading counts on its own."""
    ascii_title = title.isascii()
    found = _folded_words(title) if ascii_title else _words(title)
    best = 0.0
    for name in (section.heading,) + section.aliases:
        wanted = _folded_words(name) if ascii_title else _words(name)
        best = max(best, _overlap(found, wanted))
    lowered = fold(title) if ascii_title else title.lower()
    hits = sum(1 for k in section.keywords
               if _has_phrase(lowered, fold(k) if ascii_title else k.lower()))
    if hits:
        best = max(best, min(0.55 + 0.1 * hits, 0.75))
    return round(min(best, 1.0), 3)


def match_section(form: Form, title: str, level: int | None = None,
                  parent: str | None = None) -> tuple[Section | None, float]:
    """The prose section a heading most likely is, and how sure (0 to 1)."""
    best, best_score = None, 0.0
    for section in form.prose_sections:
        score = heading_score(title, section)
        if score and level is not None and section.level == level:
            score += 0.05
        if score and parent is not None and section.parent == parent:
            score += 0.1
        if score > best_score:
            best, best_score = section, score
    return (best, min(best_score, 1.0)) if best_score >= LIKELY else (None, best_score)


def also_named(form: Form, title: str, best: Section, best_score: float,
               level: int | None = None, parent: str | None = None) -> list[Section]:
    """Other sections a heading names as well as `best`, as when an agency's outline merges
    two of the form's («Thông tin trên báo chí và trang thông tin điện tử»): each named about
    as surely as the best, neither within the other, each by words the other's names lack.
    A medium after «trên» is where the best's topic is told, not a topic of its own («Đấu tranh,
    phản bác trên báo chí và mạng xã hội» is one section)."""
    topic = re.split(r"\s+trên\s+", title, maxsplit=1, flags=re.IGNORECASE)
    told_on = len(topic) == 2 and heading_score(topic[0], best) >= LIKELY
    found = []
    for section in form.prose_sections:
        if section.id == best.id or section.id == best.parent or section.parent == best.id:
            continue
        score = heading_score(title, section)
        if score and level is not None and section.level == level:
            score += 0.05
        if score and parent is not None and section.parent == parent:
            score += 0.1
        if told_on and heading_score(topic[0], section) < LIKELY:
            continue
        if score >= LIKELY and best_score - score <= 0.35 and \
                _own_words(title, section, best) and _own_words(title, best, section):
            found.append(section)
    return found


def _own_words(title: str, section: Section, other: Section) -> bool:
    """Whether the heading uses a keyword of `section` that is no keyword of `other`."""
    lowered = title.lower()
    theirs = {k.lower() for k in other.keywords}
    return any(_has_phrase(lowered, k.lower()) and k.lower() not in theirs
               and not any(k.lower() in t for t in theirs) for k in section.keywords)


def keyword_hits(section: Section, text: str) -> int:
    """How many times a passage uses the keywords of a section."""
    pattern = _keyword_pattern(section.keywords)
    return len(pattern.findall(text.lower())) if pattern else 0


def match_by_text(form: Form, text: str) -> tuple[Section | None, float]:
    """The section a passage under a vague heading speaks of, by the keywords it uses: only a
    clear winner (at least three mentions, twice the runner-up) and never "chắc chắn"."""
    lowered = text.lower()
    counts = []
    for section in form.prose_sections:
        pattern = _keyword_pattern(section.keywords)
        counts.append((len(pattern.findall(lowered)) if pattern else 0, section))
    counts.sort(key=lambda item: item[0], reverse=True)
    if not counts or counts[0][0] < 3:
        return None, 0.0
    runner_up = counts[1][0] if len(counts) > 1 else 0
    if counts[0][0] < 2 * runner_up:
        return None, 0.0
    return counts[0][1], round(min(0.5 + 0.03 * counts[0][0], SURE - 0.05), 2)


@functools.lru_cache(maxsize=256)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern | None:
    if not keywords:
        return None
    alternatives = "|".join(re.escape(k.lower()) for k in sorted(keywords, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")


def heading_key(title: str) -> str:
    """A heading as remembered between reports: without its number, folded, words only."""
    numbered = numbered_heading(title)
    bare = numbered[2] if numbered else title
    return " ".join(re.findall(r"[a-z0-9]+", fold(bare)))


def confidence_label(score: float) -> str:
    return "chắc chắn" if score >= SURE else "có thể" if score >= LIKELY else "không khớp"


# --- Period and agency -------------------------------------------------------------------------
_PERIODS = [
    (re.compile(r"6 thang dau nam ([0-9]{4})"), "H1"),
    (re.compile(r"6 thang cuoi nam ([0-9]{4})"), "H2"),
    (re.compile(r"9 thang(?: dau)? nam ([0-9]{4})"), "9M"),
    (re.compile(r"quy (iv|iii|ii|i|4|3|2|1) nam ([0-9]{4})"), "Q"),
    (re.compile(r"nam ([0-9]{4})"), "Y"),
]
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def guess_period(subject: str) -> Period | None:
    """The period a subject line reports on: the first period phrase in it ("Kết quả … 6 tháng
    đầu năm 2021, phương hướng … 6 tháng cuối năm 2021" is 2021-H1)."""
    text = re.sub(r"ngay [0-9]{1,2} thang [0-9]{1,2} nam [0-9]{4}", " ", fold(subject))  # a date
    found = []
    for pattern, kind in _PERIODS:
        for match in pattern.finditer(text):
            if kind == "Q":
                found.append((match.start(), Period(int(match.group(2)),
                                                    f"Q{_QUARTERS[match.group(1)]}")))
            else:
                found.append((match.start(), Period(int(match.group(1)), kind)))
    # the first phrase; at one place the more precise one ("quý III năm 2021" before its
    # "năm 2021")
    return min(found, key=lambda item: (item[0], item[1].kind == "Y"))[1] if found else None


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
    value: int | float | None  # None: a figure stated in words only ("hàng trăm")
    source: str          # the sentence or table row it came from
    confidence: float
    origin: str = "text"  # "text" (a sentence) or "table"
    # Why the figure stated is no exact value of the period (figure_text: APPROXIMATE,
    # RANGE, CHANGE, EARLIER, PLAN, UNCLEAR, WORDS): shown, never accepted nor summed.
    not_exact: str = ""
    phrase: str = ""     # the words that state it, as written ("hơn 200 tin, bài")

    @property
    def exact(self) -> bool:
        return not self.not_exact


def to_ask(proposal: Proposal) -> bool:
    """A figure left out whose exact value only the agency knows (about, a range, written
    unclearly or in words): the user is told to ask; a change on last year, another period's
    figure or a plan is no figure of this period to ask about."""
    return proposal.not_exact.startswith((APPROXIMATE, RANGE, UNCLEAR, WORDS))


_UNIT_SYNONYMS = {"cuon": "ban", "to": "ban", "quyen": "ban", "tin bai": "tin bai",
                  "tin": "tin bai", "bai viet": "bai", "phong su": "tin bai",
                  "luot can bo": "luot nguoi", "luot dai bieu": "luot nguoi",
                  "luot hoc vien": "luot nguoi", "hoc vien": "luot nguoi",
                  "luot nguoi": "luot nguoi", "dau sach": "dau an pham",
                  "doan khach": "doan", "fanpage": "tai khoan", "trang": "tai khoan",
                  "phong vien": "nguoi"}


_UNITS_CACHE: dict[tuple, tuple[dict, tuple]] = {}


def _units(form: Form) -> dict[str, list]:
    return _unit_index(form)[0]


def _unit_index(form: Form) -> tuple[dict[str, list], tuple]:
    """Count indicators by folded unit, and the patterns of "number unit", once per form."""
    cached = _UNITS_CACHE.get((form.key, form.path))
    if cached is None:
        units: dict[str, list] = {}
        for indicator in form.indicators:
            if indicator.kind == "count":
                units.setdefault(fold(indicator.unit).replace("/", " "), []).append(indicator)
        words = sorted(set(units) | set(_UNIT_SYNONYMS), key=len, reverse=True)
        unit = r"\s+(?P<unit>" + "|".join(re.escape(u) for u in words) + r")\b"
        # digits, a single word ("hai cuộc"), or words only ("hàng trăm tin, bài")
        pattern = tuple(re.compile(number + figure_text.MULTIPLIER + unit) for number in (
            figure_text.NUMBER, figure_text.WORD_NUMBER, figure_text.ROUGH_WORDS))
        cached = _UNITS_CACHE[(form.key, form.path)] = (units, pattern)
    return cached


def _label_words(text: str) -> set[str]:
    return _words(text) - _STOP


def _indicator_for(form: Form, unit: str, sentence: str, section: Section | None = None,
                   position: str | None = None):
    """The count indicator with this unit that the sentence speaks of: among those of the
    section's own indicator groups first, then by the words it shares with their labels.
    A unit alone ("11 lượt") never carries a figure into another topic's indicator. An
    "of which" indicator ("Trong đó: tin, bài bằng tiếng nước ngoài") takes a number after
    "trong đó" (`position` "part"), never the total before it ("head")."""
    units = _units(form)
    candidates = units.get(unit) or units.get(_UNIT_SYNONYMS.get(unit, unit), [])
    if not candidates:
        return None, 0.0
    words = _label_words(sentence)
    groups = set(section.groups) if section is not None else set()
    own = [c for c in candidates if c.group in groups]
    pool = own or candidates
    scored = []
    for indicator in pool:
        label = _label_words(indicator.label)
        overlap = len(words & label) / max(len(label), 1)
        of_which = fold(indicator.label).startswith("trong do")
        if of_which and (position == "head" or not re.search(
                r"tieng|nuoc ngoai|ngoai ngu|trong do", fold(sentence))):
            overlap -= 0.5  # "of which …" only when the sentence says so, after it
        elif of_which and position == "part":
            overlap += 0.5
        scored.append((overlap, indicator))
    scored.sort(key=lambda item: item[0], reverse=True)
    best_score, best = scored[0]
    if own:
        confidence = 0.75 + 0.25 * max(best_score, 0) if len(own) == 1 else \
            0.6 + 0.4 * max(best_score, 0)
    elif groups and best_score < 0.34:
        return None, 0.0  # a topic of its own, and nothing in the sentence says otherwise
    elif len(candidates) > 1:
        confidence = 0.5 + 0.5 * max(best_score, 0)
    else:
        confidence = 0.6 + 0.4 * max(best_score, 0) if best_score > 0 or not groups else 0.5
    return best, round(min(confidence, 1.0), 2)


def _rate_proposals(form: Form, sentence: str, lowered: str, period_year: int | None,
                    future: bool) -> list[Proposal]:
    """ "tỷ lệ … đạt 85%": a rate indicator whose label the sentence speaks of; "tăng 15% so
    với cùng kỳ" is a change, named, never the rate."""
    rates = [i for i in form.indicators if i.kind == "rate"]
    if not rates or "%" not in sentence:
        return []
    words = _label_words(sentence)
    out = []
    for match in re.finditer(r"(?<![0-9.,])([0-9]{1,3}(?:,[0-9]+)?)\s*%", sentence):
        best, best_score = None, 0.0
        for indicator in rates:
            label = _label_words(indicator.label)
            score = len(words & label) / max(len(label), 1)
            if score > best_score:
                best, best_score = indicator, score
        if best is None or best_score < 0.5:
            continue
        value = parse_number(match.group(1))
        why, start, end = figure_text.why_not_exact(lowered, match.start(), match.end(),
                                                    period_year, future)
        out.append(Proposal((best.id, TOTAL), value, sentence.strip(),
                            round(min(0.5 + best_score / 2, 0.95), 2), not_exact=why,
                            phrase=sentence[start:end].strip()))
    return out


_FOREIGN_PRESS = re.compile(r"nuoc ngoai|quoc te|hang thong tan|huong dan")
_GENERIC_UNITS = {"nguoi", "luot"}


def _names_who(indicator, folded: str, end: int) -> bool:
    """ "45 người", "12 lượt" are an indicator's only when the sentence names whom or what it
    counts (its label's first two words: "phóng viên", "thông tin"); "đón 3 đoàn khách với
    45 người" counts no journalists. Words right after the unit say what it counts: "8 lượt
    phóng viên …" are no "thông tin xấu độc", whatever the rest of the sentence says."""
    head = " ".join(re.findall(r"[a-z0-9]+", fold(indicator.label))[:2])
    after = re.match(r"\s*([a-z0-9 ]*)", folded[end:]).group(1).split()
    if after:
        return " ".join(after[:2]) == head
    return head in folded


def _future(section: Section | None) -> bool:
    """A section of plans and requests: its figures are what is to come, not results."""
    return section is not None and bool(re.search(r"phuong huong|kien nghi|de xuat|nhiem vu "
                                                  r"(?:trong tam )?(?:ky|thoi gian) toi",
                                                  fold(section.heading)))


def _stated(form: Form, folded: str, lowered: str):
    """(start, end, unit, value, why not read) of every figure with a unit in a sentence, in
    order: digits ("3.800 bản", "3,8 nghìn bản", "02 lớp"), a single word ("hai cuộc"), words
    only ("hàng trăm tin, bài"). A number naming something ("số 12", "lần thứ 3") is none."""
    digits, words, rough = _unit_index(form)[1]
    found = []
    for match in digits.finditer(folded):
        start, num = match.start("num"), match.group("num")
        if figure_text.names_something(lowered, start):
            groups = re.split(r"[\u00a0\u202f\u2009 ]", num, maxsplit=1)
            if len(groups) == 1:
                continue  # "Kế hoạch số 12 bản", "lần thứ 3 cuộc"
            start, num = start + len(groups[0]) + 1, groups[1]  # "tháng 5 300 bản": 300
        mult = figure_text.multiplier_word(lowered, match.start("mult"), match.end("mult")) \
            if match.group("mult") else None
        if match.group("mult") and mult is None:
            continue
        value, why = figure_text.number_value(num, match.group("frac"), mult)
        found.append((start, match.end(), match.group("unit"), value, why))
    for match in words.finditer(folded):
        value, why = figure_text.word_number(lowered, match.start("word"), match.end("word"),
                                             bool(match.group("mult")))
        if why is not None:
            found.append((match.start(), match.end(), match.group("unit"), value, why))
    for match in rough.finditer(folded):
        if lowered[match.start()] == "h" and not lowered.startswith("hàng", match.start()) or \
                lowered[match.start()] == "v" and not lowered.startswith("vài", match.start()):
            continue
        found.append((match.start(), match.end(), match.group("unit"), None,
                      f"{APPROXIMATE}: «{_rough_words(lowered, match)}»"))
    return sorted(found)


def _rough_words(lowered: str, match) -> str:
    return lowered[match.start():match.start("unit")].strip()


def figure_proposals(form: Form, sentence: str, section: Section | None = None,
                     period=None) -> list[Proposal]:
    """Figures with a unit in a sentence, each given to an indicator of the section the
    sentence stands in when its unit allows: "phát hành 9.000 cuốn bản tin", "3,8 nghìn bản",
    "02 lớp"; "3.800 bản, trong đó tiếng Anh 500 bản" (the members after "trong đó" go to the
    breakdown); a total stated with its parts ("5 …, 9 …, tổng cộng 14 phóng viên", "14 phóng
    viên (5 …, 9 …)") is the total alone; percentages go to rate indicators. What is stated
    but is no exact value of `period` (about, a range, a change, another year's, a plan, a
    number written unclearly) is proposed with why not, so that it is named and never taken."""
    if not re.search(r"[0-9]", sentence) and not re.search(
            r"(?<!\w)(?:hàng|vài|hai|ba|bốn|sáu|bảy|tám|chín|mười|mươi)(?!\w)", sentence.lower()):
        return []
    folded, lowered = fold(sentence), sentence.lower()
    if not len(folded) == len(lowered) == len(sentence):
        return []
    period_year = period.year if period is not None else None
    future = _future(section)
    head = folded.split("trong do")[0]
    stated = []   # (proposal, start, end, is a total)
    for start, end, unit, value, why in _stated(form, folded, lowered):
        if unit == "phong vien" and not _FOREIGN_PRESS.search(folded):
            continue  # the province's own journalists at a press briefing are no figure
        language = re.search(r"(tieng [a-z]+)\s*:?\s*$", folded[max(0, start - 20):start]) \
            or (re.match(r"(?:,\s*bai)?\s*(?:bang\s+)?(tieng [a-z]+)", folded[end:])
                if start >= len(head) else None)   # "156 tin, bài bằng tiếng Anh"
        position = None if len(head) == len(folded) else "head" if start < len(head) \
            else "part"
        indicator, confidence = _indicator_for(form, unit, sentence, section, position)
        if indicator is None or (unit in _GENERIC_UNITS and
                                  not _names_who(indicator, folded, end)):
            continue
        member = TOTAL
        if language and indicator.breakdown and start >= len(head):
            found = next((m for m in indicator.breakdown.members
                          if fold(m.label) == language.group(1)), None)
            if found is None:
                continue
            member = found.id
        elif start >= len(head) and language is None:
            continue  # a number after "trong đó" that names no member
        context, said, until = figure_text.why_not_exact(lowered, start, end, period_year,
                                                         future)
        why = context or why
        if not context and why:
            said, until = start, end
        stated.append((Proposal((indicator.id, member), value, sentence.strip(), confidence,
                                not_exact=why, phrase=sentence[said:until].strip()),
                       start, end, figure_text.is_total(lowered, start)))
    # parts of a total stated in the same sentence are not added on top of it, nor added up
    # in its place when the total is only about ("tổng cộng khoảng 14 phóng viên")
    parts: set[int] = set()
    for n, (proposal, start, end, total) in enumerate(stated):
        if n in parts or proposal.key[1] != TOTAL:
            continue
        same = [(m, s) for m, (p, s, _, _) in enumerate(stated)
                if m != n and m not in parts and p.key == proposal.key and p.exact]
        later = [(m, s) for m, s in same if s > start]
        if total:
            parts |= {m for m, _ in same}
        elif later and figure_text.parts_follow(lowered, end, later[0][1]):
            parts |= {m for m, _ in later}
    proposals = [p for m, (p, *_) in enumerate(stated) if m not in parts]
    return proposals + _rate_proposals(form, sentence, lowered, period_year, future)


_NOT_THIS_PERIOD = ("cung ky", "nam truoc", "ky truoc", "so sanh", "ke hoach", "ghi chu",
                    "don vi", "stt", "tang giam", "ty le %", "%")


def value_column(header: list[str], period=None) -> int | None:
    """The column of the report's own period, from the column headers (merged header rows
    joined: "Kết quả 2021", "Kết quả 2020"): the period's year or "kỳ này" first; never last
    year's, a comparison or a plan."""
    best, best_score = None, 0
    for n, text in enumerate(header):
        label = fold(text)
        if n == 0 or not label.strip():
            continue
        years = [int(y) for y in re.findall(r"\b(20[0-9][0-9])\b", label)]
        if any(k in label for k in _NOT_THIS_PERIOD):
            continue
        if period is not None and years and period.year not in years:
            continue  # another year's column
        score = 0
        if period is not None and period.year in years:
            score += 3
        score += 2 if ("ky nay" in label or "trong ky" in label) else 0
        score += 1 if any(k in label for k in ("thuc hien", "ket qua", "so luong", "so lieu",
                                               "tong so")) else 0
        if years and period is None:
            latest = max(int(y) for h in header for y in re.findall(r"\b(20[0-9][0-9])\b", fold(h)))
            score += 1 if max(years) == latest else -9
        if score > best_score:
            best, best_score = n, score
    return best


def _is_number_cell(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9\.,\s\u00a0\u202f%]+", text)) and \
        bool(re.search(r"[0-9]", text))


def table_proposals(form: Form, rows: list[list[str]], period=None,
                    section: Section | None = None) -> list[Proposal]:
    """Figures from a table whose rows name indicators (or breakdown members, under their
    indicator): the value from the column of the report's own period, chosen by its header."""
    proposals: list[Proposal] = []
    first_data = next((n for n, row in enumerate(rows)
                       if any(c.strip() and not _is_number_cell(c) for c in row)
                       and (any(_is_number_cell(c) for c in row[1:]) or (n and any(
                           _indicator_by_label(form, c)[0] for c in row if c.strip())))),
                      None)  # an indicator's row without a figure (its parts follow) too
    if first_data is None:
        return []
    header = [" ".join(dict.fromkeys(rows[r][c] for r in range(first_data)
                                     if c < len(rows[r]) and rows[r][c].strip()))
              for c in range(max(len(r) for r in rows))]
    column = value_column(header, period) if first_data else None
    if column is None and first_data and any(header):
        # headers that name only other periods or comparisons: no column is this period's
        usable = [n for n, h in enumerate(header) if n and not any(
            k in fold(h) for k in _NOT_THIS_PERIOD) and not re.search(r"\b20[0-9][0-9]\b", h)]
        column = usable[0] if usable else -1
    notes = [n for n, h in enumerate(header) if "ghi chu" in fold(h)]
    current, current_valued, parts = None, False, 0
    for row in rows[first_data:]:
        texts = [c.strip() for c in row]
        labels = [t for n, t in enumerate(texts)
                  if t and not _is_number_cell(t) and n != column and n not in notes]
        if not labels:
            continue
        label = max(labels, key=len)
        if column == -1:
            continue
        cells = texts[column:column + 1] if column is not None else \
            [t for t in texts if _is_number_cell(t)][:1]
        cell = cells[0] if cells else ""
        if not cell.strip():
            # the period's cell empty and a note that says roughly how many: named
            cell = next((texts[n] for n in notes if n < len(texts)
                         and figure_text.cell_figure(texts[n])[1]), "")
            if cell and not figure_text.cell_figure(cell)[1].startswith(
                    (APPROXIMATE, RANGE, UNCLEAR)):
                cell = ""
        member_of = _member(current, label) if current is not None else None
        if member_of is not None:
            key, score = (current.id, member_of), 0.9
        else:
            indicator, score = _indicator_by_label(form, label)
            if indicator is not None:
                current, current_valued, parts = indicator, False, 0
                key = (indicator.id, TOTAL)
            elif current is not None and not current_valued and parts and \
                    re.fullmatch(r"(?:tong|tong cong|tong so|cong)\b.*", fold(label).strip()):
                key = (current.id, TOTAL)  # the total of the part rows above, none of ours
            else:
                parts += 1
                continue
        value, why = figure_text.cell_figure(cell, form.indicator(key[0]).kind == "rate")
        if value is None and not why:
            continue
        if key == (current.id, TOTAL):
            current_valued = True
        proposals.append(Proposal(key, value, f"Bảng: {label}", score, "table",
                                  not_exact=why, phrase=cell if why else ""))
    return proposals


def _member(indicator, label: str):
    if indicator.breakdown is None:
        return None
    text = fold(label).strip(" -–+•:")
    text = re.sub(r"^trong do:?\s*", "", text)
    return next((m.id for m in indicator.breakdown.members if fold(m.label) == text), None)


def _indicator_by_label(form: Form, label: str):
    words = _label_words(label)
    best, best_score = None, 0.0
    for indicator in form.indicators:
        wanted = _label_words(indicator.label)
        if not wanted or not words:
            continue
        common = words & wanted
        score = 0.7 * len(common) / len(wanted) + 0.3 * len(common) / len(words)
        if score > best_score:
            best, best_score = indicator, score
    return (best, round(best_score, 2)) if best_score >= 0.6 else (None, best_score)


def combine_proposals(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per figure: the same value of the same key stated in a sentence and in a
    table (or twice in one sentence) is one figure, shown with both sources; the table's
    proposal is the one kept. A figure left out (not exact) stays apart from the exact ones."""
    kept: dict[tuple, tuple[int, Proposal]] = {}
    extra: list[tuple[int, Proposal]] = []
    for n, proposal in sorted(enumerate(proposals), key=lambda item: item[1].origin != "table"):
        marker = (proposal.key, proposal.value, proposal.not_exact)
        if marker not in kept:
            kept[marker] = (n, proposal)
            continue
        first_n, first = kept[marker]
        if proposal.origin == first.origin and proposal.source != first.source:
            extra.append((n, proposal))  # two sentences, two things of the same size
            continue
        if proposal.source not in first.source:
            first = replace(first, source=f"{first.source} | cũng nêu: {proposal.source}",
                            confidence=max(first.confidence, proposal.confidence))
        kept[marker] = (min(first_n, n), first)
    return [p for _, p in sorted(list(kept.values()) + extra, key=lambda item: item[0])]


def _by_sentence(proposals: list[Proposal]) -> dict[tuple[str, str], dict[str, list]]:
    """Each key's figures, by the sentence (or table cell) they were read from: a table's
    figure for a key is the figure (the sentences about it repeat it or detail it); the same
    value from the same source counts once. A figure that is no exact value of the period
    (about, a range, a change, another period's, a plan) never counts, whoever accepted it."""
    seen, by_key = set(), {}
    proposals = [p for p in proposals if p.exact and p.value is not None]
    tabled = {p.key for p in proposals if p.origin == "table"}
    for proposal in proposals:
        if proposal.key in tabled and proposal.origin != "table":
            continue
        marker = (proposal.key, proposal.value, proposal.source)
        if marker not in seen:
            seen.add(marker)
            by_key.setdefault(proposal.key, {}).setdefault(proposal.source, []).append(proposal)
    return by_key


def competing(proposals: list[Proposal]) -> dict[tuple[str, str], list[Proposal]]:
    """Keys given figures by more than one sentence («Phát hành 9.000 cuốn bản tin.» and «Bộ
    tài liệu … in 3.800 bản.» both read as «Số bản ấn phẩm»): whether one is part of the
    other or both of a total is the user's to say, never ours to guess."""
    return {key: [p for found in sources.values() for p in found]
            for key, sources in _by_sentence(proposals).items() if len(sources) > 1}


def sum_proposals(proposals: list[Proposal]) -> dict[tuple[str, str], int | float]:
    """Accepted proposals as figures: the parts one sentence lists for a key add up («120
    tin, bài trên Báo … và 45 tin, bài trên Đài …»); keys given figures by several sentences
    (competing()) are left out — added, 9.000 bulletins and 3.800 brochures were stored as
    12.800 while the breakdown added to 3.800. The front ends let one be chosen, or name them."""
    return {key: sum(p.value for p in next(iter(sources.values())))
            for key, sources in _by_sentence(proposals).items() if len(sources) == 1}


# --- What an import would take away ------------------------------------------------------------
@dataclass(frozen=True)
class Loss:
    section_id: str          # "" for the figures
    label: str               # "II.1. Thông tin…" or "Số liệu"
    before: int              # characters of text (figures: how many) in the current revision
    after: int               # … in what the import would bring

    @property
    def emptied(self) -> bool:
        return self.after == 0

    def describe(self) -> str:
        if not self.section_id:
            return (f"số liệu: {self.before} chỉ tiêu → {self.after}" if self.after else
                    f"số liệu: {self.before} chỉ tiêu sẽ bị xóa hết")
        if self.emptied:
            return f"«{self.label}» sẽ bị xóa trống (hiện có {self.before} ký tự)"
        return f"«{self.label}» ngắn đi: {self.before} → {self.after} ký tự"


def losses(form: Form, before, after) -> list[Loss]:
    """The sections an import would empty or shorten, and figures it would drop, comparing
    the agency's current content with what the import brings (both ReportContent)."""
    from ttdn_desktop.core.richtext import plain_text
    out = []
    for section in form.prose_sections:
        old = len(plain_text(before.sections.get(section.id, "")).strip())
        new = len(plain_text(after.sections.get(section.id, "")).strip())
        if old and new < old:
            out.append(Loss(section.id, section.numbered_heading, old, new))
    old_figures = {k for k, v in before.figures.items() if v not in (None, "")}
    new_figures = {k for k, v in after.figures.items() if v not in (None, "")}
    if old_figures - new_figures:
        out.append(Loss("", "Số liệu", len(old_figures), len(new_figures & old_figures)))
    return out
