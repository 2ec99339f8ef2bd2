"""The statistics table as rows, shared by the Word annex, the printed annex and the Excel
workbook."""

from __future__ import annotations

from dataclasses import dataclass

from ttdn_desktop.core.forms import TOTAL
from ttdn_desktop.core.merge import Consolidation, compare_percent


@dataclass(frozen=True)
class StatRow:
    number: str       # "1", "2"… for indicators; "" for breakdown members
    label: str
    unit: str
    key: tuple[str, str]
    kind: str         # "count" or "rate"
    this: int | float | None
    last: int | float | None
    note: str = ""
    is_member: bool = False

    @property
    def compare(self) -> float | None:
        return compare_percent(self.this, self.last)


def stat_rows(consolidation: Consolidation) -> list[StatRow]:
    notes = consolidation.notes
    rows = []
    for n, indicator in enumerate(consolidation.form.indicators, start=1):
        key = (indicator.id, TOTAL)
        rows.append(StatRow(str(n), indicator.label, indicator.unit, key, indicator.kind,
                            consolidation.totals.get(key), consolidation.last_year.get(key),
                            notes.get(indicator.id, "")))
        if indicator.breakdown:
            for member in indicator.breakdown.members:
                key = (indicator.id, member.id)
                rows.append(StatRow("", f"– {member.label}", indicator.unit, key, indicator.kind,
                                    consolidation.totals.get(key),
                                    consolidation.last_year.get(key), is_member=True))
    return rows
