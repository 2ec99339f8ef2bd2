"""Prose against figures: a number an agency writes in its text, read as the Word import reads
figures (sentence_figures.figure_proposals), that its own statistics for the period contradict.

Only confident readings count: an exact figure of this period (never about, a range, a change
on last year, another year's figure, a plan), of a count indicator of one of the groups of the
section the sentence stands in (matched by unit and label there: a number in a section of
another topic, or a rate written rounded, is no reading to judge). A figure stated that agrees
with the stored one in a sentence, or added up over the agency's sentences as the import adds
them, agrees. A stated figure whose indicator the agency left empty is «chưa có số liệu»: named,
never a disagreement. A committee's text that names its members' parts is not read (its
figures are the sum of theirs). Pure functions on text; no Qt, no SQLite."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ttdn_desktop.core.agency import Agency
from ttdn_desktop.core.forms import Form
from ttdn_desktop.core.merge import Consolidation, is_attributed
from ttdn_desktop.core.richtext import plain_text
from ttdn_desktop.core.text import format_number
from ttdn_desktop.core.proposals import sum_proposals
from ttdn_desktop.core.sentence_figures import figure_proposals
from ttdn_desktop.core.wordmatch import LIKELY

NOT_FILLED = "chưa có số liệu"


@dataclass(frozen=True)
class Finding:
    agency: Agency
    section_id: str
    sentence: str
    key: tuple[str, str]          # (indicator, member); member "" for the total
    stated: int                   # what the sentence states, as the Word import reads it
    stored: int | float | None    # the agency's statistics; None: not filled
    phrase: str = ""              # the words that state it ("3.800 bản")
    read_in_all: int | None = None  # the import's figure over all the agency's sentences

    @property
    def disagrees(self) -> bool:
        return self.stored is not None

    @property
    def key_label(self) -> str:
        return f"{self.key[0]}/{self.key[1]}" if self.key[1] else self.key[0]

    def describe(self, form: Form) -> str:
        """ "Văn bản nêu 3.800 bản (Số bản ấn phẩm…), số liệu của đơn vị là 4.300." """
        indicator = form.indicator(self.key[0])
        what = indicator.label if indicator else self.key[0]
        if indicator and self.key[1] and indicator.breakdown:
            member = indicator.breakdown.member(self.key[1])
            what += f" – {member.label if member else self.key[1]}"
        unit = indicator.unit if indicator else ""
        said = f"Văn bản nêu {format_number(self.stated)} {unit} («{what}»)".replace("  ", " ")
        if self.read_in_all is not None and self.read_in_all != self.stated:
            said += f"; cộng các câu của đơn vị: {format_number(self.read_in_all)}"
        if self.stored is None:
            return f"{said}, nhưng bảng số liệu của đơn vị {NOT_FILLED}."
        return f"{said}, số liệu của đơn vị là {format_number(self.stored)}."


def sentences(text: str) -> list[str]:
    """The sentences of a section's text, cut as the Word import cuts its lines."""
    out = []
    for line in plain_text(text).split("\n"):
        out.extend(s for s in re.split(r"(?<=[.;])\s+", line) if s.strip())
    return out


def agency_findings(form: Form, period, agency: Agency, sections: dict[str, str],
                    figures: dict) -> list[Finding]:
    """What the agency's texts (section id -> markup) state that its figures ((indicator,
    member) -> value) contradict or leave empty, in section and sentence order."""
    read = []   # (section id, sentence, {key: value}, {key: phrase})
    for section in form.prose_sections:
        text = sections.get(section.id, "")
        if not text or is_attributed(text) or not section.groups:
            continue
        for sentence in sentences(text):
            sure = [p for p in figure_proposals(form, sentence, section, period)
                    if _confident(form, section, p)]
            if sure:
                read.append((section.id, sentence, sum_proposals(sure),
                             {p.key: p.phrase or sentence for p in sure}))
    all_read: dict = {}
    for *_, values, _ in read:
        for key, value in values.items():
            all_read[key] = all_read.get(key, 0) + value
    agreeing = {key for *_, values, _ in read for key, value in values.items()
                if _same(value, figures.get(key))}
    agreeing |= {key for key, value in all_read.items() if _same(value, figures.get(key))}
    out = []
    for section_id, sentence, values, phrases in read:
        for key, value in values.items():
            if key in agreeing:
                continue
            out.append(Finding(agency, section_id, sentence.strip(), key, value,
                               figures.get(key), phrases[key], all_read[key]))
    return out


def check(merged: Consolidation) -> list[Finding]:
    """Every reporting agency's findings for the period, in member order; texts the
    secretariat left out of a section are read too (they are still the agency's)."""
    texts: dict[str, dict[str, str]] = {}
    agencies: dict[str, Agency] = {}
    for merge in merged.sections:
        for agency, text in merge.contributions + merge.excluded:
            texts.setdefault(agency.code, {})[merge.section.id] = text
            agencies[agency.code] = agency
    out = []
    for status in merged.statuses:
        code = status.agency.code
        if code in texts:
            out.extend(agency_findings(merged.form, merged.period, agencies[code], texts[code],
                                       merged.agency_figures(code)))
    return out


def _confident(form: Form, section, proposal) -> bool:
    indicator = form.indicator(proposal.key[0])
    return (proposal.exact and proposal.value is not None and proposal.origin == "text"
            and indicator is not None and indicator.kind == "count"
            and indicator.group in section.groups and proposal.confidence >= LIKELY)


def _same(stated, stored) -> bool:
    return stored is not None and stored == stated
