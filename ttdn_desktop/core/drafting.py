"""The consolidated report drafted from what the secretariat holds, for it to edit instead of
writing: each prose section opens with a paragraph of the period's figures (the annex's totals
in sentences, their breakdown, the change on the same period last year where the agencies that
reported both years prove it, how many members had activity); then what several agencies wrote
alike, once, with the agencies named (core.draft_paragraphs); then what is particular to one
agency, under its name. Every number in the draft is a stored figure, a total or comparison
computed from them as the annex computes it, a count of agencies, or the agency's own words
quoted. The sentences are templates kept as data (core.draft_templates). Pure: no Qt, no
SQLite; the templates come in as data (None: the ones shipped with the app)."""

from __future__ import annotations

from ttdn_desktop.core.draft_paragraphs import section_paragraphs
from ttdn_desktop.core.draft_templates import DraftTemplates, default_templates, fill
from ttdn_desktop.core.forms import TOTAL, Indicator, Section
from ttdn_desktop.core.merge import Consolidation, compare_percent
from ttdn_desktop.core.text import format_number, format_percent

GROUPINGS = ("members", "kinds")


def draft_sections(merged: Consolidation, templates: DraftTemplates | None = None,
                   grouping: str = "members", kinds: dict[str, str] | None = None
                   ) -> dict[str, str]:
    """section id -> drafted text, in the same text markup as agencies' section texts
    (core/richtext), for every prose section of merged.form.

    `grouping`: "members", what is particular to one agency in member order; "kinds", grouped
    by the member list's «Loại», `kinds` being agency code -> kind name."""
    if grouping not in GROUPINGS:
        raise ValueError(f"grouping must be one of {GROUPINGS}, not {grouping!r}")
    templates = templates or default_templates()
    drafted = {}
    for merge in merged.sections:
        lines = []
        lead = lead_paragraph(merged, merge.section, templates)
        if lead:
            lines.append(lead)
        lines += section_paragraphs(merged, merge, templates,
                                    kinds if grouping == "kinds" else None)
        drafted[merge.section.id] = "\n".join(lines)
    return drafted


def section_indicators(merged: Consolidation, section: Section,
                       templates: DraftTemplates) -> list[Indicator]:
    """The indicators a section's lead speaks of: its groups', or those the templates name."""
    chosen = templates.sections.get(section.id)
    found = [i for group in section.groups for i in merged.form.indicators_in(group)]
    return [i for i in found if chosen is None or i.id in chosen]


def lead_paragraph(merged: Consolidation, section: Section, templates: DraftTemplates) -> str:
    indicators = section_indicators(merged, section, templates)
    sentences = [s for s in (indicator_sentence(merged, i, templates) for i in indicators) if s]
    if not sentences:
        return ""
    active = {code for i in indicators if i.kind == "count" for key in i.keys
              for code, value in merged.per_agency.get(key, {}).items() if value}
    sentences.append(templates.fill("lead.reported", reported=len(active), sent=merged.reported))
    return " ".join(sentences)


def indicator_sentence(merged: Consolidation, indicator: Indicator,
                       templates: DraftTemplates) -> str:
    key = (indicator.id, TOTAL)
    total = merged.totals.get(key)
    if indicator.kind == "rate":
        if total is None:
            return ""
        return templates.fill("lead.rate", label=indicator.label, total=format_percent(total),
                              unit=indicator.unit, count=len(rate_agencies(merged, indicator)))
    if not total:
        return ""
    parts = [fill(templates.texts["lead.part"],
                  {"member": _lower_first(member.label), "value": format_number(value),
                   "unit": indicator.unit})
             for member in (indicator.breakdown.members if indicator.breakdown else ())
             if (value := merged.totals.get((indicator.id, member.id)))]
    breakdown = ""
    if parts:
        template = templates.indicator(indicator.id, "breakdown") or \
            templates.texts["lead.breakdown"]
        breakdown = fill(template, {"parts": ", ".join(parts)})
    sentence = templates.indicator(indicator.id, "sentence") or templates.texts["lead.count"]
    return fill(sentence, {"label": indicator.label, "total": format_number(total),
                           "unit": indicator.unit, "breakdown": breakdown,
                           "change": change_phrase(merged, key, templates)})


def rate_agencies(merged: Consolidation, indicator: Indicator) -> set[str]:
    """The agencies a summed rate is computed from, as core.merge._rate takes them."""
    if indicator.aggregate == "ratio":
        numerators = merged.per_agency.get((indicator.numerator, TOTAL), {})
        denominators = merged.per_agency.get((indicator.denominator, TOTAL), {})
        return {code for code in numerators if denominators.get(code)}
    return set(merged.per_agency.get((indicator.id, TOTAL), {}))


def comparison(merged: Consolidation, key) -> tuple[float | None, int | None]:
    """(this period as a percentage of the same period last year, how many agencies it is
    computed over when not all of them: None when it is the annex's own comparison).

    Made over the agencies that have the figure in both years: an agency missing from either
    year says nothing about the change. Where every agency has both, it is the annex's."""
    this = merged.per_agency.get(key, {})
    last = merged.last_year_per_agency.get(key, {})
    if not last:
        # no per-agency figures of last year known: the annex's comparison, if any
        return compare_percent(merged.totals.get(key), merged.last_year.get(key)), None
    common = [code for code in this if code in last]
    if not common:
        return None, None
    percent = compare_percent(sum(this[c] for c in common), sum(last[c] for c in common))
    whole = set(common) == set(this) == set(last)
    return percent, None if whole else len(common)


def change_phrase(merged: Consolidation, key, templates: DraftTemplates) -> str:
    percent, count = comparison(merged, key)
    if percent is None:
        return ""
    change = round(percent - 100, 2)
    year = merged.period.same_period_last_year().year
    if change > 0:
        phrase = templates.fill("lead.increase", percent=format_number(change), year=year)
    elif change < 0:
        phrase = templates.fill("lead.decrease", percent=format_number(-change), year=year)
    else:
        phrase = templates.fill("lead.same", year=year)
    if count is not None:
        phrase = templates.fill("lead.partial", change=phrase, count=count)
    return phrase


def _lower_first(text: str) -> str:
    """ "Tiếng Anh" -> "tiếng Anh" inside a sentence; an acronym («ASEAN») stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
