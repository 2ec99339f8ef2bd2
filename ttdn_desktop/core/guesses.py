"""Which period a report's subject line speaks of, and which agency its letterhead names."""

from __future__ import annotations

import re

from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.text import fold


_PERIODS = [
    (re.compile(r"6 thang dau nam ([0-9]{4})"), "H1"),
    (re.compile(r"6 thang cuoi nam ([0-9]{4})"), "H2"),
    (re.compile(r"9 thang(?: dau)? nam ([0-9]{4})"), "9M"),
    (re.compile(r"quy (iv|iii|ii|i|4|3|2|1) nam ([0-9]{4})"), "Q"),
    (re.compile(r"nam ([0-9]{4})"), "Y"),
]


_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def guess_period(subject: str) -> Period | None:
    """The period a subject line reports on: the first period phrase in it ("Kết quả … 6 tháng
    đầu năm 2021, phương hướng … 6 tháng cuối năm 2021" is 2021-H1)."""
    text = re.sub(r"ngay [0-9]{1,2} thang [0-9]{1,2} nam [0-9]{4}", " ", fold(subject))  # a date
    found = []
    for pattern, kind in _PERIODS:
        for match in pattern.finditer(text):
            if kind == "Q":
                found.append((match.start(), Period(int(match.group(2)),
                                                    f"Q{_QUARTERS[match.group(1)]}")))
            else:
                found.append((match.start(), Period(int(match.group(1)), kind)))
    # the first phrase; at one place the more precise one ("quý III năm 2021" before its
    # "năm 2021")
    return min(found, key=lambda item: (item[0], item[1].kind == "Y"))[1] if found else None


def guess_agency(lines: list[str], agencies: list[tuple[str, str]]) -> tuple[str, float] | None:
    """(agency code, how sure) from the letterhead lines, comparing folded names."""
    best, best_score = None, 0.0
    for line in lines:
        folded = " ".join(fold(line).split())
        if len(folded) < 3:
            continue
        for code, name in agencies:
            target = " ".join(fold(name).split())
            if folded == target:
                return code, 1.0
            words, wanted = set(folded.split()), set(target.split())
            score = len(words & wanted) / max(len(wanted), 1) * (0.9 if wanted <= words else 0.7)
            if score > best_score:
                best, best_score = code, score
    return (best, round(best_score, 2)) if best and best_score >= 0.6 else None
