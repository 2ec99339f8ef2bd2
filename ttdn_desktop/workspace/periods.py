"""Reporting periods: their cut-off dates and deadline (the request that asks the agencies
for their reports is written by ws.files)."""

from __future__ import annotations

from ttdn_desktop.core.periods import Period
from ttdn_desktop.storage.periods import known_periods, period_dates, set_period_dates


class Periods:
    def __init__(self, ws):
        self._ws = ws

    def dates(self, period: Period):
        """The period's cut-off dates and deadline (set, or the defaults of the domain)."""
        return period_dates(self._ws.db, period)

    def set_dates(self, period: Period, data_from=None, data_to=None, deadline=None):
        return set_period_dates(self._ws.db, period, data_from, data_to, deadline)

    def known(self) -> list[Period]:
        """Periods that have reports or dates, newest first."""
        return known_periods(self._ws.db)
