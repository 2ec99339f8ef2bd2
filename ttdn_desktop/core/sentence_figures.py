"""Figures stated in a sentence of a report («đăng 215 tin, bài»): which indicator each number
speaks of, and why one that is no exact value of the period is left out."""

from __future__ import annotations

import re

from ttdn_desktop.core import figure_text
from ttdn_desktop.core import units as units_data
from ttdn_desktop.core.figure_text import APPROXIMATE, WHICH
from ttdn_desktop.core.forms import TOTAL, Form, Section
from ttdn_desktop.core.proposals import Proposal
from ttdn_desktop.core.text import fold, parse_number
from ttdn_desktop.core.wordmatch import LIKELY
from ttdn_desktop.core.words import FOLDED_STOP, label_words


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


def topic_label(form: Form, indicator) -> str:
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
    label = units_data.key(topic_label(form, indicator))
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
            units_data.counts_occasion(unit, i.unit, topic_label(form, i)) or
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
    words = label_words(sentence)
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
            candidates = [c for c in candidates if len(words & label_words(c.label))
                          >= 0.34 * max(len(label_words(c.label)), 1)]
        if not candidates:
            return None, 0.0, None
    pool = own or candidates
    scored = []
    for indicator in pool:
        label = label_words(indicator.label)
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
    words = label_words(sentence)
    out = []
    for match in re.finditer(r"(?<![0-9.,])([0-9]{1,3}(?:,[0-9]+)?)\s*%", sentence):
        best, best_score = None, 0.0
        for indicator in rates:
            label = label_words(indicator.label)
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
                if a not in FOLDED_STOP and b not in FOLDED_STOP} - _GENERIC_PAIRS

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
    wanted = label_words(re.sub(r"^trong (?:do|đó)\s*:?", "", indicator.label.lower()))
    after = re.sub(r"ngoại ngữ", "tiếng nước ngoài", after.lower())  # the same, in one word
    return bool(wanted) and 2 * len(wanted & label_words(after)) >= len(wanted)


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
