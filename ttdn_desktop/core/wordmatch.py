"""Making sense of a report written freely in Word: which lines are headings and which section
of the form each heading is. Pure functions on text; every guess carries how sure it is, and
nothing guessed is applied without the user. The figures in its sentences and tables are read
by core/sentence_figures.py and core/table_figures.py, the agency and period by
core/guesses.py."""

from __future__ import annotations

import functools
import re

from ttdn_desktop.core.forms import Form, Section
from ttdn_desktop.core.richtext import escape
from ttdn_desktop.core.text import fold
from ttdn_desktop.core.words import (FOLDED_STOP, content_words, folded_content_words,
                                     folded_syllables)

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


def numbered_heading(text: str) -> tuple[int, str, str] | None:
    """(level, number, title) of "II. KẾT QUẢ", "1. Báo chí", "a) Ấn phẩm"; None otherwise."""
    for level, pattern in _NUMBERED:
        match = pattern.match(text)
        if match and match.group(1) and len(match.group(2)) <= 200:
            return level, match.group(1), match.group(2).strip()
    return None


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
    found = folded_content_words(title) if ascii_title else content_words(title)
    best = 0.0
    for name in names:
        wanted = folded_content_words(name) if ascii_title else content_words(name)
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
    return [w for w in folded_syllables(text) if w not in FOLDED_STOP]


def _own_words(title: str, section: Section, other: Section) -> bool:
    """Whether the heading uses a keyword of `section` that is no keyword of `other`, or
    words of one of its names that no name of `other` has («Kết quả đạt được, hạn chế»:
    «kết quả đạt được» of «Những kết quả đạt được»)."""
    lowered = title.lower()
    theirs = {k.lower() for k in other.keywords}
    if any(_has_phrase(lowered, k.lower()) and k.lower() not in theirs
           and not any(k.lower() in t for t in theirs) for k in section.keywords):
        return True
    words = content_words(title)
    others = set().union(*(content_words(n) for n in (other.heading,) + other.aliases + other.keywords))
    return any(len(own) >= 2 and own <= words for own in (
        content_words(n) - others for n in (section.heading,) + section.aliases))


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


def bold_heading(heading: str) -> str:
    """A Word report's heading kept in a section's text: a line of its own, in bold."""
    return f"**{escape(heading)}**"


def heading_lines(heading: str) -> list[str]:
    """The lines a set-aside part's heading becomes when the part is placed in a section: its
    heading in bold; none for a part named in brackets («(phần mở đầu)»), which had none."""
    return [] if heading.startswith("(") else [bold_heading(heading)]


def confidence_label(score: float) -> str:
    return "chắc chắn" if score >= SURE else "có thể" if score >= LIKELY else "không khớp"
