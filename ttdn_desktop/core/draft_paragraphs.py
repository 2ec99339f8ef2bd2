"""What several agencies wrote alike, written once; what one agency wrote, under its name.

Each agency's section text is cut into sentences; a sentence's signature is its words once
agency names, document numbers, dates and figures are set aside. Sentences of two or more
agencies with the same signature, or one near enough (a word or two apart in a long sentence),
are one group: written once with the agencies named, or, where only figures differ, with each
agency's figures as it wrote them, and a total only where a stored total of an indicator in the
section's unit equals their sum. A figure read from prose is quoted, never added up on its own.
What is left of each agency's text stays with its name, in member order or by «Loại». A text
not in Vietnamese, or one that names its own authors (a committee's), is quoted whole."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ttdn_desktop.core import units
from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.draft_templates import DraftTemplates, fill
from ttdn_desktop.core.forms import TOTAL
from ttdn_desktop.core.merge import Consolidation, SectionMerge, attributed_lines, is_attributed
from ttdn_desktop.core.richtext import escape, parse_blocks
from ttdn_desktop.core.text import format_number, parse_number

# «ngày 15 tháng 6 năm 2021», «tháng 6/2021»: dates in words
_DATE_WORDS = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?|"
                         r"tháng\s+\d{1,2}/\d{4}", re.IGNORECASE)
# a document number or a date written with slashes: 123/KH-UBND, 72/2015/NĐ-CP, 15/3/2021
_DOCUMENT = re.compile(r"(?<![\w/])\d[\w.\-]*(?:/[\w.\-]+)+")
# list markers: «1. », «2) », «a) » at the start, «(1)» anywhere (seed 001's «(1) …; (2) …»)
_MARKER = re.compile(r"^\s*(?:\d{1,2}|[a-zđ])[.)](?=\s)|\(\d{1,2}\)")
_NUMBER = re.compile(r"(?<![\w.,/])\d+(?:[.,]\d+)*(?![\w/])")
# a word before a document number or date that goes with it when it is set aside
_LEAD_IN = re.compile(r"(?:\s*\b(?:số|ngày)\s*:?)?\s*$", re.IGNORECASE)
_VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữự"
                         "ỳýỷỹỵ]", re.IGNORECASE)


@dataclass
class Slot:
    start: int
    end: int
    kind: str      # "name" (its own), "other" (another agency's), "document" or "number"
    text: str
    unit: str = ""  # numbers: the unit written after it («cuộc», «tin, bài»)


@dataclass
class Sentence:
    agency: Agency
    rank: int          # the agency's place in the section
    paragraph: int
    index: int         # within the agency's text
    bullet: bool
    text: str          # plain text
    slots: list[Slot] = field(default_factory=list)
    signature: tuple[str, ...] = ()

    @property
    def numbers(self) -> list[Slot]:
        return [s for s in self.slots if s.kind == "number"]

    @property
    def documents(self) -> list[Slot]:
        return [s for s in self.slots if s.kind == "document"]


def split_sentences(text: str) -> list[str]:
    """A paragraph cut after . ! ? … where a capital follows; «TP. Hạ Long» is not cut."""
    out, start = [], 0
    for match in re.finditer(r"[.!?…]+\s+", text):
        after = text[match.end():].lstrip("\"“«(")
        before = text[start:match.start()].split()
        if not after[:1].isupper() or (before and len(before[-1]) <= 3
                                       and before[-1][:1].isupper()) or \
                re.fullmatch(r"\d{1,2}|[a-zđ]|[IVX]{1,4}", " ".join(before)):   # «1. », «II. »
            continue
        out.append(text[start:match.end()].strip())
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def is_vietnamese(text: str) -> bool:
    """Whether a text reads as Vietnamese: in a text of some length, a fair share of words
    carry Vietnamese letters (a report in English, or in Lao script, does not)."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250" or "\u1e00" <= c <= "\u1eff")
    if letters and latin < len(letters) * 0.6:
        return False    # another script: Lao, Khmer, Chinese…
    words = re.findall(r"[^\W\d_]{2,}", text)
    if len(words) < 6:
        return True
    return sum(1 for w in words if _VIETNAMESE.search(w)) >= len(words) * 0.15


def _unit_after(text: str, end: int, form_units: set[str]) -> str:
    """The unit written after a number: the longest run of up to three words the form's units
    (or their other words) know, else the next word."""
    if text[end:end + 2].strip().startswith("%"):
        return "%"
    words = list(re.finditer(r"[^\W\d_]+", text[end:end + 60]))
    if not words or words[0].start() > 2:
        return ""
    best = words[0].group()
    for n in (2, 3):
        if len(words) >= n:
            span = text[end + words[0].start():end + words[n - 1].end()]
            if re.search(r"[.;:()]", span):
                break
            if units.key(span) in form_units:
                best = span
    return best


def names_pattern(names) -> re.Pattern | None:
    """One pattern for agency names, the longest first, in any case."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)), re.IGNORECASE) if names else None


def read_sentence(sentence: Sentence, names: re.Pattern | None, form_units: set[str]
                  ) -> Sentence:
    """The sentence's slots (names, documents and dates, numbers) and its signature."""
    text, taken = sentence.text, []

    def free(start, end):
        return all(end <= s.start or start >= s.end for s in taken)

    if names is not None:
        # its own name is set aside; another agency's is part of what it says («phối hợp
        # với Công an tỉnh»), kept whole (its digits are no figure)
        own = sentence.agency.name.casefold()
        taken += [Slot(m.start(), m.end(),
                       "name" if m.group().casefold() == own else "other", m.group())
                  for m in names.finditer(text)]
    for pattern in (_MARKER, _DATE_WORDS, _DOCUMENT):
        for match in pattern.finditer(text):
            if free(match.start(), match.end()):
                taken.append(Slot(match.start(), match.end(), "document", match.group()))
    for match in _NUMBER.finditer(text):
        if free(match.start(), match.end()):
            taken.append(Slot(match.start(), match.end(), "number", match.group(),
                              _unit_after(text, match.end(), form_units)))
    taken.sort(key=lambda s: s.start)
    masked, at = [], 0
    marks = {"name": " § ", "document": " ¶ ", "number": " # "}
    for slot in taken:
        masked += [text[at:slot.start], marks.get(slot.kind, slot.text)]
        at = slot.end
    masked.append(text[at:])
    sentence.slots = taken
    sentence.signature = tuple(re.findall(r"\w+|[§¶#]", "".join(masked).lower()))
    return sentence


def _near(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Near-identical: the same figures' places, and a word or two apart in a long sentence."""
    if a.count("#") != b.count("#") or abs(len(a) - len(b)) > max(len(a), len(b)) * 0.15:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    least = 0.85 if min(len(a), len(b)) >= 12 else 0.92
    return matcher.quick_ratio() >= least and matcher.ratio() >= least


def _candidates(keys: list[tuple[str, ...]]):
    """Pairs of signatures worth comparing: those sharing a good part of their runs of three
    words (a word changed in a near-identical sentence breaks three runs at most), found
    through an index rather than by comparing every pair (2.400 sentences in a section)."""
    runs = [{key[n:n + 3] for n in range(max(1, len(key) - 2))} for key in keys]
    index: dict[tuple[str, ...], list[int]] = {}
    for i, found in enumerate(runs):
        for run in found:
            index.setdefault(run, []).append(i)
    for i, found in enumerate(runs):
        shared: dict[int, int] = {}
        for run in found:
            for j in index[run]:
                if j > i:
                    shared[j] = shared.get(j, 0) + 1
        for j, count in shared.items():
            if count >= 0.4 * min(len(found), len(runs[j])):
                yield i, j


def cluster(sentences: list[Sentence]) -> list[list[Sentence]]:
    """Sentences by signature, near signatures joined; in the order they first appear."""
    buckets: dict[tuple[str, ...], list[Sentence]] = {}
    for sentence in sentences:
        if sentence.signature:
            buckets.setdefault(sentence.signature, []).append(sentence)
    # near-identical is judged on sentences of some length; «Không có.» only when the same
    keys = [key for key in buckets if len(key) >= 3]
    parent = list(range(len(keys)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(keys):
        if root(i) != root(j) and _near(keys[i], keys[j]):
            parent[root(j)] = root(i)
    joined: dict[int, list[Sentence]] = {}
    for n, key in enumerate(keys):
        joined.setdefault(root(n), []).extend(buckets[key])
    groups = [sorted(g, key=lambda s: (s.rank, s.index)) for g in joined.values()]
    groups += [buckets[key] for key in buckets if len(key) < 3]
    return sorted(groups, key=lambda g: (g[0].rank, g[0].index))


def section_paragraphs(merged: Consolidation, merge: SectionMerge, templates: DraftTemplates,
                       kinds: dict[str, str] | None = None) -> list[str]:
    """The lines after the lead: grouped sentences, then each agency's own."""
    form_units = {units.key(i.unit) for i in merged.form.indicators} | \
        units.written_forms({units.key(i.unit) for i in merged.form.indicators})
    names = names_pattern({a.name for a, _ in merge.contributions} |
                          {s.agency.name for s in merged.statuses})
    quoted: dict[str, list[str]] = {}   # agency code -> lines quoted whole
    sentences: list[Sentence] = []
    agencies = []
    for rank, (agency, text) in enumerate(merge.contributions):
        if not text.strip():
            continue
        agencies.append(agency)
        if is_attributed(text):
            quoted[agency.code] = attributed_lines(agency.name, text)
            continue
        blocks = parse_blocks(text)
        if not is_vietnamese(" ".join(b.text for b in blocks)):
            quoted[agency.code] = [templates.fill("particular.foreign", agency=agency.name,
                                                  text=" ".join(b.text for b in blocks))]
            continue
        index = 0
        for paragraph, block in enumerate(blocks):
            for piece in split_sentences(block.text):
                sentences.append(read_sentence(
                    Sentence(agency, rank, paragraph, index, block.kind == "bullet", piece),
                    names, form_units))
                index += 1
    grouped: set[int] = set()
    lines = []
    for group in cluster(sentences):
        if len({s.agency.code for s in group}) < 2:
            continue
        line = group_line(merged, merge, group, templates, len(agencies))
        if line:
            lines.append(line)
            grouped.update(id(s) for s in group)
    rest = [s for s in sentences if id(s) not in grouped]
    lines += particular_lines(agencies, rest, quoted, templates, kinds)
    return lines


def group_line(merged: Consolidation, merge: SectionMerge, group: list[Sentence],
               templates: DraftTemplates, everyone: int) -> str:
    """One line for sentences several agencies wrote alike."""
    first = group[0]
    if any(len(s.numbers) != len(first.numbers) for s in group):
        return ""
    documents_same = all([d.text for d in s.documents] == [d.text for d in first.documents]
                         for s in group)
    varying = [n for n in range(len(first.numbers))
               if len({s.numbers[n].text for s in group}) > 1]
    agencies = list(dict.fromkeys(s.agency for s in group))
    phrase = agency_phrase(agencies, everyone, templates)
    if varying:
        text = _upper_first(_written(first, templates, keep_documents=documents_same,
                                     name=templates.texts["groups.someone"], varying=varying))
        parts = figure_parts(group, varying, templates)
        proved = [t for t in (_proved_total(merged, merge, group, n) for n in varying) if t]
        totals = fill(templates.texts["groups.total"], {"total": " và ".join(proved)}) \
            if proved else ""
        line = fill(templates.texts["groups.figures"],
                    {"sentence": text.rstrip(" .;:"),
                     "parts": parts,
                     "total": totals})
    else:
        named = any(s.kind == "name" for s in first.slots)
        text = _written(first, templates, keep_documents=documents_same, name=phrase)
        if named:
            line = _upper_first(text)
        elif _starts_with_verb(text, templates):
            line = fill(templates.texts["groups.subject"],
                        {"agencies": _upper_first(phrase), "sentence": _lower_first(text)})
        else:
            line = fill(templates.texts["groups.after"],
                        {"agencies": phrase, "sentence": text.rstrip(" .;:")})
    line = escape(_tidy(line))
    return f"- {line}" if first.bullet else line


def figure_parts(group: list[Sentence], varying: list[int], templates: DraftTemplates) -> str:
    """ "Sở Ngoại vụ 3 cuộc, Công an tỉnh 6 cuộc; các xã Hạ Long 4 cuộc, Bãi Cháy 2 cuộc":
    each agency's figures as it wrote them; three or more of a collective (xã, phường) under
    its noun, their names without the words every one of them repeats."""
    separator = "; " if len(varying) > 1 else ", "
    named, collected = [], {}
    counts: dict[str, int] = {}
    for sentence in group:
        counts[_collective(sentence.agency.name, templates)] = \
            counts.get(_collective(sentence.agency.name, templates), 0) + 1
    for sentence in group:
        value = " và ".join(_figure(sentence.numbers[n]) for n in varying)
        noun, prefix = _collective_prefix(sentence.agency.name, templates)
        if noun and counts[noun] >= 3:
            short = sentence.agency.name[len(prefix):].strip()
            collected.setdefault(noun, []).append(
                fill(templates.texts["groups.part"], {"agency": short, "value": value}))
        else:
            named.append(fill(templates.texts["groups.part"],
                              {"agency": sentence.agency.name, "value": value}))
    pieces = [separator.join(named)] if named else []
    pieces += [fill(templates.texts["groups.collective_parts"],
                    {"noun": noun, "parts": separator.join(parts)})
               for noun, parts in collected.items()]
    return "; ".join(pieces)


def _figure(slot: Slot) -> str:
    """ "3 cuộc", "95%": a number with the unit written after it."""
    return f"{slot.text}%" if slot.unit == "%" else f"{slot.text} {slot.unit}".strip()


def _written(sentence: Sentence, templates: DraftTemplates, keep_documents: bool, name: str,
             varying: list[int] = ()) -> str:
    """The sentence as the group writes it: its agency's own name replaced by `name`, its
    document numbers and dates set aside unless every agency wrote the same, the figures that
    differ replaced by the slot word."""
    text, out, at = sentence.text, [], 0
    numbers = sentence.numbers
    drop = {id(numbers[n]) for n in varying}
    for slot in sentence.slots:
        if slot.kind == "name":
            out += [text[at:slot.start], name]
        elif slot.kind == "document" and not keep_documents:
            before = text[at:slot.start]
            out.append(before[:_LEAD_IN.search(before).start()])
        elif id(slot) in drop and slot.unit in ("", "%"):
            # «đạt 95%», «lần thứ 3»: no unit to say «các» of; the parts say it
            out.append(text[at:slot.start])
            if slot.unit == "%":
                at = slot.end + text[slot.end:].index("%") + 1
                continue
        elif id(slot) in drop:
            out += [text[at:slot.start], templates.texts["groups.slot"]]
        else:
            out.append(text[at:slot.end])
        at = slot.end
    out.append(text[at:])
    return "".join(out).strip()


def _proved_total(merged: Consolidation, merge: SectionMerge, group: list[Sentence],
                  n: int) -> str:
    """ "45 cuộc" when an indicator of the section, in the unit written, has a stored total
    equal to the sum of the group's n-th figures; "" otherwise (never a sum of prose alone)."""
    try:
        values = [parse_number(s.numbers[n].text) for s in group]
    except ValueError:
        return ""
    total = sum(values)
    unit = group[0].numbers[n].unit
    for group_id in merge.section.groups:
        for indicator in merged.form.indicators_in(group_id):
            if indicator.kind != "count" or not unit or \
                    not units.same(unit, indicator.unit, indicator.label):
                continue
            if merged.totals.get((indicator.id, TOTAL)) == total:
                return f"{format_number(total)} {indicator.unit}"
    return ""


def agency_phrase(agencies: list[Agency], everyone: int, templates: DraftTemplates) -> str:
    """ "Sở Ngoại vụ, Công an tỉnh và 12 xã"; all of the section's agencies by the `all`
    words; past `most` names, the rest counted."""
    if len(agencies) == everyone and everyone >= 3:
        return templates.fill("names.all", count=everyone)
    items: list[tuple[str, int]] = []   # (words, how many agencies they name)
    collected: dict[str, list[Agency]] = {}
    for agency in agencies:
        noun = _collective(agency.name, templates)
        if noun:
            collected.setdefault(noun, []).append(agency)
    shown_collective = set()
    for agency in agencies:
        noun = _collective(agency.name, templates)
        if noun and len(collected[noun]) >= 3:
            if noun not in shown_collective:
                shown_collective.add(noun)
                items.append((templates.fill("names.collective", count=len(collected[noun]),
                                             noun=noun), len(collected[noun])))
            continue
        items.append((agency.name, 1))
    if len(items) > templates.most:
        # «… và 12 xã» says more than a sixth name: collectives stay, names fill the rest
        room = templates.most - 1 - sum(1 for _, n in items if n > 1)
        kept = [item for item in items if item[1] > 1 or (room := room - 1) >= 0]
        rest = len(agencies) - sum(n for _, n in kept)
        items = kept + [(templates.fill("names.others", count=rest), rest)]
    words = [w for w, _ in items]
    if len(words) == 1:
        return words[0]
    return templates.fill("names.list", first=", ".join(words[:-1]), last=words[-1])


def _collective(name: str, templates: DraftTemplates) -> str:
    return _collective_prefix(name, templates)[0]


def _collective_prefix(name: str, templates: DraftTemplates) -> tuple[str, str]:
    """(noun, prefix) of a name a collective counts («UBND xã Hạ Long»: xã), else ("", "")."""
    lowered = name.lower()
    for prefix, noun in templates.collectives:
        if lowered.startswith(prefix.lower() + " "):
            return noun, prefix
    return "", ""


def particular_lines(agencies: list[Agency], rest: list[Sentence],
                     quoted: dict[str, list[str]], templates: DraftTemplates,
                     kinds: dict[str, str] | None) -> list[str]:
    """Each agency's sentences no group took, its paragraphs kept, its name in front."""
    own: dict[str, list[str]] = {}
    for agency in agencies:
        if agency.code in quoted:
            own[agency.code] = quoted[agency.code]
            continue
        mine = [s for s in rest if s.agency.code == agency.code]
        if not mine:
            continue
        paragraphs: list[tuple[bool, list[str]]] = []
        last = None
        for sentence in mine:
            if sentence.paragraph != last:
                paragraphs.append((sentence.bullet, []))
                last = sentence.paragraph
            paragraphs[-1][1].append(sentence.text)
        lines = []
        for n, (bullet, texts) in enumerate(paragraphs):
            text = escape(" ".join(texts))
            if n == 0 and not text.casefold().startswith(agency.name.casefold()):
                lines.append(templates.fill("particular.agency", agency=agency.name, text=text))
            elif n == 0:   # «Công an tỉnh phối hợp …»: named already
                lines.append(text)
            else:
                lines.append(f"- {text}" if bullet else text)
        own[agency.code] = lines
    if kinds is None:
        return [line for agency in agencies for line in own.get(agency.code, [])]
    order = list(dict.fromkeys(kinds.get(a.code, "") for a in agencies if a.code in own))
    out = []
    for kind in sorted(order, key=lambda k: k == ""):
        out.append(templates.fill("particular.kind", kind=kind) if kind
                   else templates.texts["particular.no_kind"])
        out += [line for agency in agencies if kinds.get(agency.code, "") == kind
                for line in own.get(agency.code, [])]
    return out


def _starts_with_verb(text: str, templates: DraftTemplates) -> bool:
    lowered = text.lower()
    return any(lowered.startswith(verb) and not lowered[len(verb):len(verb) + 1].isalnum()
               for verb in templates.verbs)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s{2,}", " ", text)
    return re.sub(r"([,;:])\1+", r"\1", text).strip()
