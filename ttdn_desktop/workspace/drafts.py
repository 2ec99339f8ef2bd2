"""The consolidated report's drafted text, as the workspace gives it: what each merged section
shows (the draft, the agencies' texts pasted under their names, or the secretariat's edited
text), the secretariat's choice of it per section, how the period's draft groups agencies, and
the sections as `ttdn draft` prints them. The draft is computed from the reports each time the
period is consolidated, never stored: a report that arrives rebuilds it."""

from __future__ import annotations

import hashlib

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.merge import EDITED, SOURCES, Consolidation, choose_sources
from ttdn_desktop.core.periods import Period
from ttdn_desktop.storage.consolidated import edited_records
from ttdn_desktop.storage.section_sources import (choose_source, chosen_sources, draft_grouping,
                                                  set_draft_grouping)


class Drafts:
    def __init__(self, ws):
        self._ws = ws
        # the last drafts made, under the digest of everything they were made from: drafting
        # sixty agencies takes a third of a second, and the merge view consolidates after
        # every save. Any change in the inputs changes the digest, so it never goes stale.
        self._last: tuple[bytes, dict[str, str]] | None = None

    def apply(self, merged: Consolidation) -> Consolidation:
        """Set each section of the period's consolidation to show what it shows, with the
        draft made from the reports as they are now."""
        ws = self._ws
        kinds = {a["code"]: a["kind"] for a in ws.agencies.all() if a["kind"]}
        merged.grouping = self.grouping(merged.period)
        digest = hashlib.sha256(repr((merged, sorted(kinds.items()))).encode()).digest()
        if self._last is not None and self._last[0] == digest:
            drafts = self._last[1]
        else:
            drafts = _drafting().draft_sections(merged, None, merged.grouping, kinds)
            self._last = (digest, drafts)
        choose_sources(merged, drafts, chosen_sources(ws.db, merged.period, merged.form.id))
        return merged

    def grouping(self, period: Period) -> str:
        """What is particular to one agency: in member order ("members", unless chosen), or by
        the member list's «Loại» ("kinds")."""
        return draft_grouping(self._ws.db, period, self._ws.form.id) or \
            _drafting().GROUPINGS[0]

    def set_grouping(self, period: Period, grouping: str) -> None:
        groupings = _drafting().GROUPINGS
        if grouping not in groupings:
            raise TTDNError(f"Không có cách xếp «{grouping}» (chỉ có: {', '.join(groupings)}).")
        set_draft_grouping(self._ws.db, period, self._ws.form.id, grouping)

    def choose(self, period: Period, section_id: str, source: str) -> None:
        """The section shows the draft, the pasted texts or the edited text from now on; the
        edited text is kept whichever is shown."""
        ws, form = self._ws, self._ws.form
        if source not in SOURCES:
            raise TTDNError(f"Không có loại văn bản «{source}» (chỉ có: {', '.join(SOURCES)}).")
        section = next((s for s in form.prose_sections if s.id == section_id), None)
        if section is None:
            known = ", ".join(s.id for s in form.prose_sections)
            raise TTDNError(f"Mẫu {form.id} không có mục văn bản «{section_id}» (có: {known}).")
        if source == EDITED and section_id not in edited_records(ws.db, period, form.id):
            raise TTDNError(f"Mục «{section.numbered_heading}» {period.phrase} chưa có văn bản "
                            "đã sửa để hiện.")
        choose_source(ws.db, period, form.id, section_id, source)

    def sections(self, period: Period, section_id: str | None = None) -> list:
        """The period's sections (or one) as its report has them: SectionMerge, each with
        the text it shows (.shown)."""
        merged = self._ws.merge.consolidation(period)
        if section_id is not None:
            return [self._section(merged, section_id)]
        return list(merged.sections)

    def disagreements(self, period: Period) -> list:
        """The figures the agencies' texts state that their own statistics contradict (core.
        prose_check; a figure left empty is no disagreement)."""
        return [f for f in self._ws.merge.prose_check(period) if f.disagrees]

    @staticmethod
    def _section(merged: Consolidation, section_id: str):
        merge = merged.section(section_id)
        if merge is None:
            known = ", ".join(m.section.id for m in merged.sections)
            raise TTDNError(f"Mẫu {merged.form.id} không có mục văn bản «{section_id}» "
                            f"(có: {known}).")
        return merge


def _drafting():
    """core.drafting, imported when first needed: its templates and patterns cost a tenth of
    a second that the window's start need not pay."""
    from ttdn_desktop.core import drafting
    return drafting
