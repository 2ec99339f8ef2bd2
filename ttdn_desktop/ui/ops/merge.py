"""The secretariat's period: what is known of it, its consolidation and the merged texts
the secretariat edits."""

from __future__ import annotations

from ttdn_desktop.core.periods import Period
from ttdn_desktop.ui.operations import CONSOLIDATED, Changes, Op


def known_periods() -> Op:
    return Op(lambda ws: ws.known_periods())


def period_overview(period: Period) -> Op:
    """(consolidation, (upward status, upper request, upward identity), members, signature
    states, packages held for their signature): the secretariat's page of a period."""
    def work(ws):
        merged = ws.consolidation(period)
        upward = (ws.upward_status(period, merged), ws.upper_request(period),
                  ws.upward_identity(period))
        return (merged, upward, len(ws.agencies(include_retired=False)),
                ws.signature_states(period), len(ws.held_for_signature()))

    return Op(work)


def consolidation(period: Period) -> Op:
    return Op(lambda ws: ws.consolidation(period))


def prose_check(period: Period, merged) -> Op:
    return Op(lambda ws: ws.prose_check(period, merged))


def section_texts_at(period: Period, section_id: str, asked) -> Op:
    """{agency code: the section's text as it was when seen}, for each (code, seen) asked."""
    return Op(lambda ws: {code: ws.section_text_at(code, period, section_id, seen)
                          for code, seen in asked})


def _then_consolidated(period: Period, change) -> Op:
    """change(ws) written, then the period consolidated again (what is shown next)."""
    def work(ws):
        change(ws)
        return ws.consolidation(period)

    return Op(work, Changes.of(CONSOLIDATED, period=period.code))


def set_layout(period: Period, section_id: str, order: list, excluded: set) -> Op:
    return _then_consolidated(period, lambda ws: ws.set_merge_layout(period, section_id, order,
                                                                     excluded))


def save_merged_section(period: Period, section_id: str, text: str) -> Op:
    return _then_consolidated(period, lambda ws: ws.save_merged_section(period, section_id,
                                                                        text))


def clear_merged_section(period: Period, section_id: str) -> Op:
    return _then_consolidated(period, lambda ws: ws.clear_merged_section(period, section_id))


def acknowledge_changes(period: Period, section_id: str) -> Op:
    return _then_consolidated(period, lambda ws: ws.acknowledge_changes(period, section_id))
