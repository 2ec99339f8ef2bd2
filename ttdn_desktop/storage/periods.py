"""Per-period dates: cut-off and sending deadline, defaults until the secretariat sets them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ttdn_desktop.core.periods import Period
from ttdn_desktop.storage.database import now


@dataclass(frozen=True)
class PeriodDates:
    """A period's data range and deadline, stored or by default."""
    period: Period
    data_from: date
    data_to: date
    deadline: date
    stored: bool  # False while the defaults are in use


def period_dates(db, period: Period) -> PeriodDates:
    rows = list(db.query("SELECT * FROM periods WHERE code = ?", [period.code]))
    if rows:
        row = rows[0]
        return PeriodDates(period, date.fromisoformat(row["data_from"]),
                           date.fromisoformat(row["data_to"]),
                           date.fromisoformat(row["deadline"]), True)
    data_from, data_to = period.default_cutoff()
    return PeriodDates(period, data_from, data_to, period.default_deadline(), False)


def set_period_dates(db, period: Period, data_from: date | None = None,
                     data_to: date | None = None, deadline: date | None = None) -> PeriodDates:
    current = period_dates(db, period)
    values = [period.code, (data_from or current.data_from).isoformat(),
              (data_to or current.data_to).isoformat(),
              (deadline or current.deadline).isoformat(), now()]
    with db.atomic():
        db.execute("INSERT INTO periods (code, data_from, data_to, deadline, updated_at) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                   "data_from = excluded.data_from, data_to = excluded.data_to, "
                   "deadline = excluded.deadline, updated_at = excluded.updated_at", values)
    return period_dates(db, period)


def known_periods(db) -> list[Period]:
    """Periods that have reports or dates, newest first."""
    codes = {r["code"] for r in db.query(
        "SELECT period_code AS code FROM reports UNION SELECT code FROM periods")}
    return sorted((Period.parse(c) for c in codes), reverse=True)
