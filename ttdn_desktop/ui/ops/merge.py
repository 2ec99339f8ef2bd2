"""The secretariat's period: what is known of it, its consolidation and the merged texts
the secretariat edits."""

from __future__ import annotations

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.operations import Op


def known_periods() -> Op:
    return Op(lambda ws: ws.periods.known())


def period_overview(period: Period) -> Op:
    """(consolidation, (upward status, upper request, upward identity), members, signature
    states, packages held for their signature, reminders sent): the secretariat's page of a
    period."""
    def work(ws):
        merged = ws.merge.consolidation(period)
        upward = (ws.upward.status(period, merged), ws.upward.request(period),
                  ws.upward.identity(period))
        return (merged, upward, len(ws.agencies.all(include_retired=False)),
                ws.keys.signature_states(period), len(ws.held.for_signature()),
                ws.outbox.reminders(period))

    return Op(work)


def consolidation(period: Period) -> Op:
    return Op(lambda ws: ws.merge.consolidation(period))


def prose_check(period: Period, merged) -> Op:
    return Op(lambda ws: ws.merge.prose_check(period, merged))


def section_texts_at(period: Period, section_id: str, asked) -> Op:
    """{agency code: the section's text as it was when seen}, for each (code, seen) asked."""
    return Op(lambda ws: {code: ws.reports.section_text_at(code, period, section_id, seen)
                          for code, seen in asked})


def _then_consolidated(period: Period, change) -> Op:
    """change(ws) written, then the period consolidated again (what is shown next)."""
    def work(ws):
        change(ws)
        return ws.merge.consolidation(period)

    return Op(work)


def set_order(period: Period, section_id: str, order: list, excluded: set) -> Op:
    return _then_consolidated(period, lambda ws: ws.merge.set_order(period, section_id, order,
                                                                     excluded))


def save_merged_section(period: Period, section_id: str, text: str) -> Op:
    return _then_consolidated(period, lambda ws: ws.merge.save_section(period, section_id,
                                                                        text))


def choose_source(period: Period, section_id: str, source: str) -> Op:
    """The section shows the draft, the pasted texts or the edited text from now on."""
    return _then_consolidated(period, lambda ws: ws.drafts.choose(period, section_id, source))


def set_grouping(period: Period, grouping: str) -> Op:
    """The period's draft sets agencies' own paragraphs in member order or by «Loại»."""
    return _then_consolidated(period, lambda ws: ws.drafts.set_grouping(period, grouping))


def acknowledge_changes(period: Period, section_id: str) -> Op:
    return _then_consolidated(period, lambda ws: ws.merge.acknowledge(period, section_id))
