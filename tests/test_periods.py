from datetime import date

import pytest

from ttdn_desktop.core.errors import PeriodError
from ttdn_desktop.core.periods import Period, add_working_days, current_period, parse_date


@pytest.mark.parametrize("code, label", [
    ("2021-H1", "6 tháng đầu năm 2021"), ("2021-H2", "6 tháng cuối năm 2021"),
    ("2021-9M", "9 tháng đầu năm 2021"), ("2021-Y", "Năm 2021"), ("2021-Q1", "Quý I năm 2021"),
    ("2021-Q4", "Quý IV năm 2021"),
])
def test_labels(code, label):
    assert Period.parse(code).label == label


@pytest.mark.parametrize("code, cutoff", [
    ("2021-Q1", (date(2020, 12, 15), date(2021, 3, 14))),
    ("2021-Q2", (date(2021, 3, 15), date(2021, 6, 14))),
    ("2021-Q3", (date(2021, 6, 15), date(2021, 9, 14))),
    ("2021-Q4", (date(2021, 9, 15), date(2021, 12, 14))),
    ("2021-H1", (date(2020, 12, 15), date(2021, 6, 14))),
    ("2021-H2", (date(2021, 6, 15), date(2021, 12, 14))),
    ("2021-9M", (date(2020, 12, 15), date(2021, 9, 14))),
    ("2021-Y", (date(2020, 12, 15), date(2021, 12, 14))),
])
def test_default_cutoffs_follow_decree_09_2019(code, cutoff):
    assert Period.parse(code).default_cutoff() == cutoff


def test_default_deadline_is_two_working_days_after_cutoff():
    # 14/6/2021 is a Monday -> Wednesday 16/6
    assert Period.parse("2021-H1").default_deadline() == date(2021, 6, 16)
    # 14/12/2018 is a Friday -> Tuesday 18/12 (the weekend does not count)
    assert Period.parse("2018-Y").default_deadline() == date(2018, 12, 18)
    assert add_working_days(date(2021, 6, 18), 1) == date(2021, 6, 21)


def test_same_period_last_year_and_next_phrase():
    assert Period.parse("2021-H1").same_period_last_year() == Period.parse("2020-H1")
    assert Period.parse("2021-H1").next_phrase == "6 tháng cuối năm 2021"
    assert Period.parse("2021-Y").next_phrase == "năm 2022"
    assert Period.parse("2021-Q4").next_phrase == "quý I năm 2022"
    assert Period.parse("2018-9M").next_phrase == "quý IV năm 2018"


@pytest.mark.parametrize("bad", ["2021", "2021-H3", "21-H1", "2021-Q5", "2021/H1", "", "abcd-Y"])
def test_bad_codes_get_a_vietnamese_message(bad):
    with pytest.raises(PeriodError, match="không hợp lệ"):
        Period.parse(bad)


def test_lower_case_code_accepted_and_sorted():
    assert Period.parse("2021-h1").code == "2021-H1"
    assert sorted([Period.parse("2021-H1"), Period.parse("2020-Y")])[0].year == 2020


def test_parse_date_both_forms():
    assert parse_date("2021-07-14") == date(2021, 7, 14)
    assert parse_date("14/07/2021") == date(2021, 7, 14)
    with pytest.raises(PeriodError):
        parse_date("31/02/2021")


@pytest.mark.parametrize("today, expected", [
    (date(2026, 11, 24), "2026-Y"),   # H1's cut-off (14/6) passed months ago
    (date(2026, 12, 20), "2026-Y"),   # just after the year's cut-off: still being reported
    (date(2027, 1, 10), "2026-Y"),
    (date(2027, 2, 1), "2027-H1"),
    (date(2026, 6, 14), "2026-H1"),
    (date(2026, 7, 10), "2026-H1"),
    (date(2026, 7, 20), "2026-Y"),
])
def test_the_period_being_reported_now(today, expected):
    assert current_period(today).code == expected


def test_the_period_being_reported_now_among_other_kinds():
    assert current_period(date(2026, 11, 24), ("H1", "H2", "9M", "Y")).code == "2026-H2"
    assert current_period(date(2026, 11, 24), ("Q1", "Q2", "Q3", "Q4")).code == "2026-Q4"
