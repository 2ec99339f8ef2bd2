"""Reporting periods: their cut-off dates and deadline, and the request that asks the agencies
for their reports."""

from __future__ import annotations

from pathlib import Path

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.settings import SECRETARIAT_MAIL
from ttdn_desktop.storage import forms as form_store
from ttdn_desktop.storage.periods import known_periods, period_dates, set_period_dates
from ttdn_desktop.storage.settings import get_setting


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

    def request_bytes(self, period: Period, agency_code: str | None = None,
                      deadline=None, data_from=None, data_to=None) -> bytes:
        """The request package for a period (all agencies, or one). Dates given here are also
        kept as the period's dates."""
        from ttdn_desktop.exchange.request import build_request
        ws = self._ws
        if (data_from or data_to) and (data_from or self.dates(period).data_from) > \
                (data_to or self.dates(period).data_to):
            raise TTDNError("Ngày chốt số liệu «từ» phải trước ngày «đến».")
        if deadline is not None or data_from is not None or data_to is not None:
            self.set_dates(period, data_from=data_from, data_to=data_to, deadline=deadline)
        dates = self.dates(period)
        form = ws.form
        agency = ws.agencies.get(agency_code) if agency_code else None
        issuer = ws.setup.letterhead().issuing_body.replace("\n", " ")
        source = form_store.source(ws.db, form) or Path(form.path).read_bytes()
        return build_request(form=form, form_source=source, period=period,
                             data_from=dates.data_from, data_to=dates.data_to,
                             deadline=dates.deadline,
                             agency_code=agency["code"] if agency else None,
                             agency_name=agency["name"] if agency else None, issuer=issuer,
                             signer=ws.keys.signer, members=ws.agencies.members(),
                             mail=get_setting(ws.db, SECRETARIAT_MAIL))
