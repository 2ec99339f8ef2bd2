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
from ttdn_desktop.core import units as units_data
from ttdn_desktop.core.figure_text import (APPROXIMATE, CHANGE, COLUMN, EARLIER,  # noqa
                                           OTHER_UNIT, PLAN, RANGE, UNCLEAR, WHICH, WORDS)
from ttdn_desktop.core.richtext import escape, plain_text
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


# Words are compared syllable by syllable; «báo cáo» (a report, «báo cáo viên») shares its
# first with «báo chí» (the press) and is one word
_REPORT = re.compile(r"(?<!\w)(báo|bao)\s+(cáo|cao)(?!\w)", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", _REPORT.sub(r"\1\2", text.lower()))


def _folded_tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _REPORT.sub(r"\1\2", fold(text)))


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """Words with their marks when the text has marks; folded when typed without."""
    if text.isascii():
        return frozenset(w for w in _folded_tokens(text) if w not in _FOLDED_STOP)
    return frozenset(w for w in _tokens(text) if w not in _STOP_STRONG)


@functools.lru_cache(maxsize=4096)
def _folded_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _folded_tokens(text) if w not in _FOLDED_STOP)


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
    return _names_score(title, (section.heading,) + section.aliases, section.keywords)


def _names_score(title: str, names: tuple[str, ...], keywords: tuple[str, ...] = ()) -> float:
    ascii_title = title.isascii()
    found = _folded_words(title) if ascii_title else _words(title)
    best = 0.0
    for name in names:
        wanted = _folded_words(name) if ascii_title else _words(name)
        best = max(best, _overlap(found, wanted))
    lowered = fold(title) if ascii_title else title.lower()
    hits = sum(1 for k in keywords
               if _has_phrase(lowered, fold(k) if ascii_title else k.lower()))
    if hits:
        best = max(best, min(0.55 + 0.1 * hits, 0.75))
    return round(min(best, 1.0), 3)


_GROUPS_CACHE: dict[tuple, list] = {}


def _unheld_groups(form: Form) -> list[tuple[tuple[str, ...], Section]]:
    """The names (its label, its indicators' labels and each thing they list, not their
    parts') of each indicator group no section holds, with the section its text belongs to:
    the part that the sections holding groups stand in (KẾT QUẢ THỰC HIỆN). The form counts
    the topic («Thông tin qua đội ngũ báo cáo viên») without a section of its own, so its
    results are told in that part."""
    cached = _GROUPS_CACHE.get((form.key, form.path))
    if cached is None:
        held = {g for s in form.prose_sections for g in s.groups}
        parents = {s.parent for s in form.prose_sections if s.groups and s.parent}
        host = form.section(next(iter(parents))) if len(parents) == 1 else None
        cached = _GROUPS_CACHE[(form.key, form.path)] = [
            ((group.label,) + tuple(name.strip() for i in form.indicators_in(group.id)
                                    if i.kind == "count" and
                                    not fold(i.label).startswith("trong do")
                                    for name in [i.label] + i.label.split(",")
                                    if name.strip()),
             host) for group in form.groups if group.id not in held and host is not None]
    return cached


def group_named(form: Form, title: str) -> tuple[Section | None, float]:
    """The section a heading naming an indicator group that no section holds goes to, and
    how well it names the group; (None, 0) when it names none."""
    best, best_score = None, 0.0
    for names, host in _unheld_groups(form):
        score = _names_score(title, names)
        if score > best_score:
            best, best_score = host, score
    return (best, best_score) if best_score >= LIKELY else (None, best_score)


def match_section(form: Form, title: str, level: int | None = None,
                  parent: str | None = None, topics: bool = False) -> tuple[Section | None,
                                                                             float]:
    """The prose section a heading most likely is, and how sure (0 to 1). `topics`: a
    heading of the report's text, which may name a topic the form counts without a section
    (never a row of the statistics table, nor a cell telling the report's layout)."""
    best, best_score = None, 0.0
    for section in form.prose_sections:
        score = heading_score(title, section)
        if score and level is not None and section.level == level:
            score += 0.05
        if score and parent is not None and section.parent == parent:
            score += 0.1
        if score > best_score:
            best, best_score = section, score
    # a heading that names a topic the form counts but gives no section («Công tác thông tin
    # qua đội ngũ báo cáo viên») better than any section: the part its results are told in,
    # asked (syllables of other words, «báo» of «báo cáo», made it a section's before)
    host, named = group_named(form, title) if topics else (None, 0.0)
    if host is not None and named > max((heading_score(title, s) for s in form.prose_sections),
                                        default=0.0):
        return host, min(named, SURE - 0.05)
    return (best, min(best_score, 1.0)) if best_score >= LIKELY else (None, best_score)


def also_named(form: Form, title: str, best: Section, best_score: float,
               level: int | None = None, parent: str | None = None) -> list[Section]:
    """Other sections a heading names as well as `best`, as when an agency's outline merges
    two of the form's («Thông tin trên báo chí và trang thông tin điện tử»): each named about
    as surely as the best, neither within the other, each by words the other's names lack.
    A medium after «trên» is where the best's topic is told, not a topic of its own («Đấu tranh,
    phản bác trên báo chí và mạng xã hội» is one section); nor is what follows «của» or
    «với» («Nguyên nhân của hạn chế», «Giao lưu với lực lượng bảo vệ biên giới»)."""
    if any(_said(title) == _said(name) for name in (best.heading,) + best.aliases):
        return []  # one of the best's own names («Kế hoạch thời gian tới»), whatever it says
    topic = re.split(r"\s+(?:trên|của|với)\s+", title, maxsplit=1, flags=re.IGNORECASE)
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


def _said(text: str) -> list[str]:
    """The words of a heading that say something, in their order, folded."""
    return [w for w in _folded_tokens(text) if w not in _FOLDED_STOP]


def _own_words(title: str, section: Section, other: Section) -> bool:
    """Whether the heading uses a keyword of `section` that is no keyword of `other`, or
    words of one of its names that no name of `other` has («Kết quả đạt được, hạn chế»:
    «kết quả đạt được» of «Những kết quả đạt được»)."""
    lowered = title.lower()
    theirs = {k.lower() for k in other.keywords}
    if any(_has_phrase(lowered, k.lower()) and k.lower() not in theirs
           and not any(k.lower() in t for t in theirs) for k in section.keywords):
        return True
    words = _words(title)
    others = set().union(*(_words(n) for n in (other.heading,) + other.aliases + other.keywords))
    return any(len(own) >= 2 and own <= words for own in (
        _words(n) - others for n in (section.heading,) + section.aliases))


def keyword_hits(section: Section, text: str) -> int:
    """How many times a passage uses the keywords of a section."""
    pattern = _keyword_pattern(section.keywords)
    return len(pattern.findall(text.lower())) if pattern else 0


def match_by_text(form: Form, text: str, among=None, least: int = 3) -> tuple[Section | None,
                                                                            float]:
    """The section a passage under a vague heading speaks of, by the keywords it uses: only a
    clear winner (at least `least` mentions, twice the runner-up) and never "chắc chắn";
    `among`: only these sections (a part's own, under its heading)."""
    lowered = text.lower()
    counts = []
    for section in form.prose_sections if among is None else among:
        pattern = _keyword_pattern(section.keywords)
        counts.append((len(pattern.findall(lowered)) if pattern else 0, section))
    counts.sort(key=lambda item: item[0], reverse=True)
    if not counts or counts[0][0] < least:
        return None, 0.0
    runner_up = counts[1][0] if len(counts) > 1 else 0
    if counts[0][0] < 2 * runner_up:
        return None, 0.0
    return counts[0][1], round(min(0.5 + 0.03 * counts[0][0], SURE - 0.05), 2)


def match_by_heading_and_text(form: Form, heading: str, text: str) -> tuple[Section | None,
                                                                            float]:
    """The section a part under a heading that names none for sure speaks of: by its text
    alone when that is clear (match_by_text); else by its heading's words and its text
    together, when the heading leans to a section («Việc triển khai các văn bản của cấp
    trên») and the text uses that section's words or the things its help names («ban hành
    Nghị quyết»), well ahead of every other section; or, the heading leaning nowhere, by two
    of one section's words in the text and none of another's. Never "chắc chắn": asked."""
    section, score = match_by_text(form, text)
    if section is not None:
        return section, score
    numbered = numbered_heading(heading)
    bare = numbered[2] if numbered else heading
    lowered = text.lower()
    scored = []
    for candidate in form.prose_sections:
        leans = heading_score(bare, candidate)
        pattern = _keyword_pattern(candidate.keywords + _help_terms(candidate, form))
        used = len(set(pattern.findall(lowered))) if pattern else 0
        scored.append((leans + 0.1 * min(used, 3), leans, used, candidate))
    scored.sort(key=lambda item: item[0], reverse=True)
    if len(scored) < 2:
        return None, 0.0
    (total, leans, used, best), runner_up = scored[0], scored[1][0]
    if leans >= 0.3 and used and total >= LIKELY and total - runner_up >= 0.15:
        return best, round(min(total, SURE - 0.05), 2)
    # a heading leaning nowhere («Công tác tham mưu») over text that uses two or more of one
    # section's words and none of any other's («tham mưu ban hành Kế hoạch số …»)
    by_use = sorted(scored, key=lambda item: item[2], reverse=True)
    if by_use[0][2] >= 2 and by_use[1][2] == 0 and max(item[1] for item in scored) < 0.3:
        return by_use[0][3], LIKELY + 0.05
    return None, 0.0


# words of the help's instructions («Ghi rõ số», «Nêu cụ thể», «nếu có») and of any work
_NOT_TERMS = re.compile(r"^(?:của|tên|nếu|ví dụ|ghi|nêu|tránh|rõ)\b|^(?:hiệu quả|đơn vị|"
                        r"cụ thể|nội dung|trung ương)$")


@functools.lru_cache(maxsize=256)
def _help_terms_of(help_text: str) -> tuple[str, ...]:
    out = []
    for item in re.split(r"[,;.:()…\n]|\s+(?:và|hoặc)\s+", help_text.lower()):
        item = re.sub(r"^(?:\s*(?:các|việc|những|số|đã|hoạt động)\s+)+", "", item.strip())
        words = item.split()
        if 2 <= len(words) <= 3 and not re.search(r"[0-9]", item) and \
                not _NOT_TERMS.search(" ".join(words)):
            out.append(" ".join(words))
    return tuple(out)


def _help_terms(section: Section, form: Form | None = None) -> tuple[str, ...]:
    """The things a section's help names, as short phrases: «nghị quyết», «chỉ thị»,
    «giao ban» of the leadership section's «Các văn bản đã ban hành (nghị quyết, chỉ thị, kế
    hoạch, hướng dẫn), …, giao ban, kiểm tra»; with the form, only those no other section's
    help names too."""
    terms = _help_terms_of(section.help)
    if form is not None:
        others = {t for s in form.prose_sections if s.id != section.id
                  for t in _help_terms_of(s.help)}
        terms = [t for t in terms if t not in others]
    return tuple(terms)


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


def heading_lines(heading: str) -> list[str]:
    """The lines a set-aside part's heading becomes when the part is placed in a section: its
    heading in bold; none for a part named in brackets («(phần mở đầu)»), which had none."""
    return [] if heading.startswith("(") else [f"**{escape(heading)}**"]


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
    return proposal.not_exact.startswith((APPROXIMATE, RANGE, UNCLEAR, WORDS, COLUMN,
                                          OTHER_UNIT))


_UNIT_SYNONYMS = units_data.SAME  # the unit's other words (core/units.py)


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
        words = sorted(units_data.written_forms(units), key=len, reverse=True)
        unit = r"\s+(?P<unit>" + "|".join(re.escape(u) for u in words) + r")\b"
        # digits, a single word ("hai cuộc"), or words only ("hàng trăm tin, bài")
        pattern = tuple(re.compile(number + figure_text.MULTIPLIER + unit) for number in (
            figure_text.NUMBER, figure_text.WORD_NUMBER, figure_text.ROUGH_WORDS))
        cached = _UNITS_CACHE[(form.key, form.path)] = (units, pattern)
    return cached


def _label_words(text: str) -> set[str]:
    return _words(text) - _STOP


def _topic_label(form: Form, indicator) -> str:
    """An indicator's label with its head's for «Trong đó: …» (the one before it in its
    group): «Hội nghị báo cáo viên … Trong đó: có nội dung thông tin đối ngoại»."""
    if not fold(indicator.label).startswith("trong do"):
        return indicator.label
    group = [i for i in form.indicators if i.group == indicator.group]
    before = [i for i in group[:group.index(indicator)]
              if not fold(i.label).startswith("trong do")]
    return f"{before[-1].label} {indicator.label}" if before else indicator.label


def _names_occasion(form: Form, indicator, unit: str, folded: str, end: int | None) -> bool:
    """ "14 hội nghị báo cáo viên": the word after the occasion continues it in the label
    («Hội nghị báo cáo viên»), or begins what «Trong đó: có nội dung …» adds to its head's."""
    if end is None:
        return False
    after = re.findall(r"[a-z0-9]+", folded[end:])[:1]
    if not after:
        return False
    label = units_data.key(_topic_label(form, indicator))
    if re.search(rf"(?<![a-z]){re.escape(unit)} {after[0]}(?![a-z])", label):
        return True
    own = re.sub(r"^trong do\s*", "", units_data.key(indicator.label))
    return own != units_data.key(indicator.label) and own.split()[:1] == after


def _indicator_for(form: Form, unit: str, sentence: str, section: Section | None = None,
                   position: str | None = None, end: int | None = None):
    """The count indicator with this unit that the sentence speaks of: among those of the
    section's own indicator groups first, then by the words it shares with their labels.
    A unit alone ("11 lượt") never carries a figure into another topic's indicator. An
    "of which" indicator ("Trong đó: tin, bài bằng tiếng nước ngoài") takes a number after
    "trong đó" (`position` "part"), never the total before it ("head"). The third value is
    the indicator scored next to the best, when too close to it to tell them apart."""
    units = _units(form)
    candidates = units.get(unit) or units.get(units_data.canonical(unit), [])
    if not candidates and unit in units_data.OCCASIONS:
        folded = fold(sentence)
        candidates = [i for i in form.indicators if i.kind == "count" and (
            units_data.counts_occasion(unit, i.unit, _topic_label(form, i)) or
            units_data.key(i.unit) in units_data.OCCASION_UNITS and
            _names_what(i, unit, folded, end))]
    if position == "head":
        # the whole of which «trong đó» gives a part: never an «of which» indicator's, however
        # many words the sentence shares with its label («Đăng 48 tin, bài, trong đó 10 …
        # tiếng Anh» shares «tin, bài … tiếng» with «Trong đó: tin, bài bằng tiếng nước
        # ngoài»: 48 was proposed as the foreign-language figure, 0.01 ahead of the total's)
        candidates = [c for c in candidates if not _of_which(c)]
    if not candidates:
        return None, 0.0, None
    words = _label_words(sentence)
    groups = set(section.groups) if section is not None else set()
    own = [c for c in candidates if c.group in groups]
    if units_data.derived(unit):
        # visits of named people, an occasion: no word for the form's unit, so the sentence
        # must be in the indicator's section or speak of its topic (occasions: name it)
        if unit in units_data.OCCASIONS:
            candidates = [c for c in candidates if c in own or
                          _names_occasion(form, c, unit, fold(sentence), end) or
                          _names_what(c, unit, fold(sentence), end)]
            own = [c for c in own if c in candidates]
        elif not own:
            candidates = [c for c in candidates if len(words & _label_words(c.label))
                          >= 0.34 * max(len(_label_words(c.label)), 1)]
        if not candidates:
            return None, 0.0, None
    pool = own or candidates
    scored = []
    for indicator in pool:
        label = _label_words(indicator.label)
        overlap = len(words & label) / max(len(label), 1)
        of_which = _of_which(indicator)
        if of_which and not re.search(r"tieng|nuoc ngoai|ngoai ngu|trong do", fold(sentence)):
            overlap -= 0.5  # "of which …" only when the sentence says so, after it
        elif of_which and position == "part":
            overlap += 0.5
        scored.append((overlap, indicator))
    scored.sort(key=lambda item: item[0], reverse=True)
    best_score, best = scored[0]
    # two indicators the sentence speaks of almost alike: which one is the user's to say
    rival = scored[1][1] if len(scored) > 1 and best_score - scored[1][0] < CLOSE else None
    if own:
        confidence = 0.75 + 0.25 * max(best_score, 0) if len(own) == 1 else \
            0.6 + 0.4 * max(best_score, 0)
    elif groups and best_score < 0.34:
        return None, 0.0, None  # a topic of its own, and nothing in the sentence says otherwise
    elif len(candidates) > 1:
        confidence = 0.5 + 0.5 * max(best_score, 0)
    else:
        confidence = 0.6 + 0.4 * max(best_score, 0) if best_score > 0 or not groups else 0.5
    if rival is not None:
        confidence = min(confidence, LIKELY)
    return best, round(min(confidence, 1.0), 2), rival


# label scores nearer than this leave it unsure which indicator a figure is
CLOSE = 0.1


def _of_which(indicator) -> bool:
    """ "Trong đó: …": a part of the indicator before it in its group."""
    return fold(indicator.label).startswith("trong do")


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


_FOREIGN_LANGUAGE = re.compile(r"tieng nuoc ngoai|ngoai ngu")
_FOREIGN_PRESS = re.compile(r"nuoc ngoai|quoc te|hang thong tan|huong dan")
_GENERIC_UNITS = {"nguoi", "luot"}


def _names_what(indicator, unit: str, folded: str, end: int | None) -> bool:
    """ "4 hội nghị giao ban báo chí", "20 hội nghị tuyên truyền miệng": an occasion written as
    the unit is an indicator's when the words after it (to the next comma) name, two words
    together, what its label counts besides the unit («giao ban», «tuyên truyền»); one word
    is not enough («quán triệt Chỉ thị» shares only «chí/chỉ» with «báo chí»)."""
    if end is None or fold(indicator.label).startswith("trong do"):
        return False

    def pairs(text: str) -> set[tuple[str, str]]:
        words = re.findall(r"[a-z0-9]+", text)
        return {(a, b) for a, b in zip(words, words[1:])
                if a not in _FOLDED_STOP and b not in _FOLDED_STOP} - _GENERIC_PAIRS

    label = re.sub(rf"(?<![a-z]){re.escape(unit)}(?![a-z])", ",", fold(indicator.label))
    return bool(pairs(label) & pairs(re.split(r"[,;.(]", folded[end:])[0]))


# pairs every indicator of the field shares: they name nothing in particular
_GENERIC_PAIRS = {("thong", "tin"), ("doi", "ngoai"), ("tin", "doi"), ("noi", "dung"),
                  ("co", "noi"), ("dung", "thong")}


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


def _of_which_said(indicator, after: str) -> bool:
    """ "trong đó 9 hội nghị có nội dung thông tin đối ngoại": the words after the figure say
    what the «Trong đó: có nội dung …» indicator's label adds (half of them at least)."""
    label = fold(indicator.label)
    if not label.startswith("trong do"):
        return False
    wanted = _label_words(re.sub(r"^trong (?:do|đó)\s*:?", "", indicator.label.lower()))
    after = re.sub(r"ngoại ngữ", "tiếng nước ngoài", after.lower())  # the same, in one word
    return bool(wanted) and 2 * len(wanted & _label_words(after)) >= len(wanted)


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
        indicator, confidence, rival = _indicator_for(form, unit, sentence, section, position,
                                                      end)
        if indicator is None or (unit in _GENERIC_UNITS and
                                  not _names_who(indicator, folded, end)):
            continue
        member = TOTAL
        if language and indicator.breakdown and start >= len(head):
            found = next((m for m in indicator.breakdown.members
                          if fold(m.label) == language.group(1)), None)
            if found is not None:
                member = found.id
            elif not (_of_which(indicator) and _FOREIGN_LANGUAGE.match(language.string,
                                                                        language.start(1))):
                continue  # «tiếng nước ngoài» is the «of which» indicator's whole; others none
        elif start >= len(head) and language is None and not _of_which_said(
                indicator, sentence[end:]):
            continue  # a number after "trong đó" that names no member
        context, said, until = figure_text.why_not_exact(lowered, start, end, period_year,
                                                         future)
        why = context or why
        if not context and why:
            said, until = start, end
        if rival is not None and not why:
            why = f"{WHICH}: «{indicator.label}» hay «{rival.label}»"
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


# a table's column headers, never an indicator's label («Nội dung» is no «… có nội dung …»)
_HEADER_WORDS = {"tt", "stt", "so tt", "noi dung", "chi tieu", "ten chi tieu", "don vi",
                 "don vi tinh", "dvt", "so luong", "so lieu", "ket qua", "ghi chu",
                 "noi dung cong viec", "linh vuc", "hoat dong"}


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
        score += 2 if any(k in label for k in ("ky nay", "trong ky", "nam nay", "ky bao cao",
                                               "thang nay", "quy nay")) else 0
        score += 1 if any(k in label for k in ("thuc hien", "ket qua", "so luong", "so lieu",
                                               "tong so")) else 0
        if years and period is None:
            latest = max(int(y) for h in header for y in re.findall(r"\b(20[0-9][0-9])\b", fold(h)))
            score += 1 if max(years) == latest else -9
        if score > best_score:
            best, best_score = n, score
        elif score == best_score and score > 0 and header[best] != text:
            best = None   # two columns alike («Số lượng | Số lượng»): which one is unsure
    return best


def _is_number_cell(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9\.,\s\u00a0\u202f%]+", text)) and \
        bool(re.search(r"[0-9]", text))


def figures_table(rows: list[list[str]]) -> bool:
    """A table of figures (a row per indicator: «Chỉ tiêu | Đơn vị | Kết quả …», the header
    rows merged or not): from its first row with a figure on, most rows give a label, then
    numbers, and nothing beside them longer than a unit or a short note. A table of results
    («Báo chí | Đăng 245 tin, bài …») gives sentences beside its labels, no bare numbers."""
    valued = []
    for row in rows:
        texts = [c.strip() for c in row if c.strip()]
        label = next((n for n, t in enumerate(texts) if not _is_number_cell(t)), None)
        labelled = label is not None
        numbers = labelled and any(_is_number_cell(t) for t in texts[label + 1:])
        short = labelled and all(len(t) <= 40 for n, t in enumerate(texts)
                                 if n != label and not _is_number_cell(t))
        valued.append((labelled, numbers and short))
    first = next((n for n, (_, ok) in enumerate(valued) if ok), None)
    if first is None:
        return False
    rest = [ok for labelled, ok in valued[first:] if labelled]
    return sum(rest) >= 2 and 2 * sum(rest) >= len(rest)


def table_proposals(form: Form, rows: list[list[str]], period=None,
                    section: Section | None = None) -> list[Proposal]:
    """Figures from a table whose rows name indicators (or breakdown members, under their
    indicator): the value from the column of the report's own period, chosen by its header."""
    proposals: list[Proposal] = []
    first_data = next((n for n, row in enumerate(rows)
                       if any(c.strip() and not _is_number_cell(c) for c in row)
                       and (any(_is_number_cell(c) for c in row[1:]) or (n and any(
                           _indicator_by_label(form, c)[0] for c in row if c.strip()
                           and fold(c).strip(" .:") not in _HEADER_WORDS)))),
                      None)  # an indicator's row without a figure (its parts follow) too
    if first_data is None:
        return []
    header = [" ".join(dict.fromkeys(rows[r][c] for r in range(first_data)
                                     if c < len(rows[r]) and rows[r][c].strip()))
              for c in range(max(len(r) for r in rows))]
    column = value_column(header, period) if first_data else None
    if column is None:
        # no header names this period: the one column of figures that names no other period
        # nor a comparison; several such columns (or none named, several figures on a row)
        # leave it unsure, and the row's figure is named, never taken (-2); none, -1
        numbered = {n for row in rows[first_data:] for n, c in enumerate(row)
                    if n and _is_number_cell(c)}
        usable = [n for n in sorted(numbered) if n < len(header) and not any(
            k in fold(header[n]) for k in _NOT_THIS_PERIOD)
            and not re.search(r"\b20[0-9][0-9]\b", header[n])]
        if not first_data or not any(header):
            usable = sorted(numbered)
        column = usable[0] if len(usable) == 1 else -2 if usable else -1
    # «Ước thực hiện 6 tháng»: the period's column gives estimates, named, never stored
    estimate = figure_text.estimate_column(header[column]) \
        if column is not None and 0 <= column < len(header) else ""
    notes = [n for n, h in enumerate(header) if "ghi chu" in fold(h)]
    unit_column = next((n for n, h in enumerate(header)
                        if re.search(r"\b(?:don vi tinh|dvt|don vi)\b", fold(h))), None)
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
        cell = texts[column] if 0 <= column < len(texts) else ""
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
            # its label merged down over rows that each name a member beside it
            named = next((m for m in (_member(indicator, t) for t in labels if t != label)
                          if m), None) if indicator is not None else None
            if indicator is not None:
                current, current_valued, parts = indicator, False, 0
                key = (indicator.id, named or TOTAL)
            elif current is not None and not current_valued and parts and \
                    re.fullmatch(r"(?:tong|tong cong|tong so|cong)\b.*", fold(label).strip()):
                key = (current.id, TOTAL)  # the total of the part rows above, none of ours
            else:
                parts += 1
                continue
        indicator = form.indicator(key[0])
        if column == -2:
            figures = [t for n, t in enumerate(texts) if n and _is_number_cell(t)]
            if figures:
                proposals.append(Proposal(key, None, f"Bảng: {label}", score, "table",
                                          not_exact=COLUMN, phrase=" | ".join(figures)))
            continue
        value, why = figure_text.cell_figure(cell, indicator.kind == "rate")
        if value is None and not why:
            continue
        if estimate and not why:
            why = estimate
        written = texts[unit_column] if unit_column is not None and \
            unit_column < len(texts) else ""
        if not why and indicator.kind == "count" and written and \
                not units_data.same(written, indicator.unit, _topic_label(form, indicator)):
            why = f"{OTHER_UNIT}: «{written}», chỉ tiêu tính bằng «{indicator.unit}»"
            cell = f"{cell} {written}"
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
