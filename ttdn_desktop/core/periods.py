"""Report periods: codes, Vietnamese labels, cut-off dates (Nghị định 09/2019) and deadlines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ttdn_desktop.core.errors import PeriodError

_CODE = re.compile(r"^([0-9]{4})-(Q[1-4]|H[12]|9M|Y)$")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# Days a sending deadline falls after the cut-off, by default (one published quy chế uses 2
# working days); the secretariat sets the real one per period.
DEFAULT_DEADLINE_WORKING_DAYS = 2


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a year and its kind (year, half, quarter, month)."""
    year: int
    kind: str

    @classmethod
    def parse(cls, code: str) -> "Period":
        match = _CODE.match(str(code).strip().upper())
        if not match or not 1900 <= int(match.group(1)) <= 2999:
            raise PeriodError(
                f"Mã kỳ báo cáo «{code}» không hợp lệ. Dùng một trong các dạng: "
                "2021-Q1 … 2021-Q4 (quý), 2021-H1 (6 tháng đầu năm), 2021-H2 (6 tháng cuối năm), "
                "2021-9M (9 tháng), 2021-Y (năm)."
            )
        return cls(int(match.group(1)), match.group(2))

    @property
    def code(self) -> str:
        return f"{self.year}-{self.kind}"

    def __str__(self) -> str:
        return self.code

    # --- labels -------------------------------------------------------------------------
    @property
    def phrase(self) -> str:
        """As it reads inside a sentence: "6 tháng đầu năm 2021", "quý I năm 2021"."""
        return _phrase(self.year, self.kind)

    @property
    def label(self) -> str:
        """As it reads on its own: "6 tháng đầu năm 2021", "Quý I năm 2021", "Năm 2021"."""
        text = self.phrase
        return text[0].upper() + text[1:]

    @property
    def next_phrase(self) -> str:
        """What the "phương hướng, nhiệm vụ" part of the report looks ahead to."""
        y, k = self.year, self.kind
        if k in ("Q1", "Q2", "Q3"):
            return _phrase(y, f"Q{int(k[1]) + 1}")
        if k == "Q4":
            return _phrase(y + 1, "Q1")
        if k == "H1":
            return _phrase(y, "H2")
        if k == "9M":
            return _phrase(y, "Q4")
        return _phrase(y + 1, "Y")  # H2 and Y look ahead to the next year

    # --- dates ----------------------------------------------------------------------------
    def default_cutoff(self) -> tuple[date, date]:
        """(data from, data to) by Nghị định 09/2019/NĐ-CP, Điều 12."""
        y, k = self.year, self.kind
        if k.startswith("Q"):
            q = int(k[1])
            last_month = 3 * q
            first = date(y - 1, 12, 15) if q == 1 else date(y, last_month - 3, 15)
            return first, date(y, last_month, 14)
        start_of_year = date(y - 1, 12, 15)
        if k == "H1":
            return start_of_year, date(y, 6, 14)
        if k == "H2":
            return date(y, 6, 15), date(y, 12, 14)
        if k == "9M":
            return start_of_year, date(y, 9, 14)
        return start_of_year, date(y, 12, 14)

    def default_deadline(self) -> date:
        return add_working_days(self.default_cutoff()[1], DEFAULT_DEADLINE_WORKING_DAYS)

    def same_period_last_year(self) -> "Period":
        return Period(self.year - 1, self.kind)


# How long after its cut-off a period is still "the one being reported": agencies draft in the
# days after the cut-off, the secretariat merges until the deadline and a little later.
REPORTING_GRACE = timedelta(days=31)


def current_period(today: date, kinds: tuple[str, ...] = ("H1", "Y")) -> Period:
    """The period a new report is most likely for on `today`: of the given kinds, the one whose
    data cut-off is next, or passed less than REPORTING_GRACE ago. In late November that is the
    year (cut-off 14/12), not the first 6 months whose cut-off passed in June."""
    candidates = [Period(year, kind) for year in (today.year - 1, today.year, today.year + 1)
                  for kind in kinds]
    open_ones = [p for p in candidates if p.default_cutoff()[1] + REPORTING_GRACE >= today]
    return min(open_ones, key=lambda p: p.default_cutoff()[1])


def _phrase(year: int, kind: str) -> str:
    if kind.startswith("Q"):
        return f"quý {_ROMAN[int(kind[1])]} năm {year}"
    return {
        "H1": f"6 tháng đầu năm {year}",
        "H2": f"6 tháng cuối năm {year}",
        "9M": f"9 tháng đầu năm {year}",
        "Y": f"năm {year}",
    }[kind]


def add_working_days(start: date, days: int) -> date:
    """`days` working days (Monday to Friday) after `start`. Public holidays are not known."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


_DMY = re.compile(r"^([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{2}|[0-9]{4})$")


def parse_date(text: str) -> date:
    """A date as people type it: Vietnamese day first ("15/07/2021", "15-7-2021", "15.7.2021",
    "15/7/21", years of two digits meaning 20xx) or ISO "2021-07-15"."""
    text = str(text).strip()
    try:
        if re.match(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$", text):
            year, month, day = (int(part) for part in text.split("-"))
            return date(year, month, day)
        match = _DMY.match(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            if len(match.group(3)) == 2:
                year += 2000
            return date(year, month, day)
    except ValueError:
        raise PeriodError(f"Không có ngày «{text}» (ngày hay tháng vượt quá lịch).") from None
    raise PeriodError(f"Ngày «{text}» không hợp lệ; gõ ngày/tháng/năm, ví dụ 15/07/2021, "
                      "15-7-2021 hoặc 15/7/21.")


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def format_stamp(value) -> str:
    """A time the app stored (ISO) as the window and the command line show it; "" if none."""
    parsed = parse_time(value)
    return parsed.strftime("%d/%m/%Y %H:%M") if parsed else ""


def parse_time(value) -> datetime | None:
    """A sending time, or None: missing, not text, or not an ISO time is "unknown", never now.
    Naive local time, as the app writes it (an offset, if any, is dropped)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=None)
    except ValueError:
        return None
