"""Appointment dates in working days, and the shape of application codes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.sandbox import codes, workdays


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        (date(2026, 11, 23), 0, date(2026, 11, 23)),  # Monday, same day
        (date(2026, 11, 23), 3, date(2026, 11, 26)),  # Monday + 3 = Thursday
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday + 1 = Monday
        (date(2026, 11, 21), 0, date(2026, 11, 23)),  # left on Saturday: Monday
        (date(2026, 11, 22), 1, date(2026, 11, 24)),  # Sunday: counted from Monday
        (date(2026, 11, 16), 10, date(2026, 11, 30)),  # two full weeks
    ],
)
def test_working_days_skip_weekends(received: date, days: int, expected: date) -> None:
    assert workdays.add_working_days(received, days) == expected


def test_fixed_date_holidays_are_not_working_days() -> None:
    # 2026: 30/4 Thursday and 1/5 Friday; 1/9 Tuesday and 2/9 Wednesday.
    assert workdays.add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)
    assert workdays.add_working_days(date(2026, 8, 31), 1) == date(2026, 9, 3)
    assert not workdays.is_working_day(date(2026, 1, 1))


def test_national_day_gets_a_second_day_only_from_2025() -> None:
    assert not workdays.is_working_day(date(2025, 9, 1))
    assert workdays.is_working_day(date(2024, 9, 3))  # Tuesday, an ordinary day
    assert date(2024, 9, 1) not in workdays.holidays(2024)


def test_a_holiday_on_a_weekend_gives_the_next_working_day_off() -> None:
    # 1/1/2028 is a Saturday: Monday 3/1 is the compensatory day (nghỉ bù).
    assert date(2028, 1, 3) in workdays.holidays(2028)
    assert workdays.add_working_days(date(2027, 12, 31), 1) == date(2028, 1, 4)


def test_tet_2026_is_five_days_off() -> None:
    # mùng 1 Tết Bính Ngọ is Tuesday 17/2/2026: 16/2 to 20/2 are holidays.
    assert workdays.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert workdays.add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)  # Hùng Kings


@given(st.dates(date(2024, 1, 1), date(2030, 12, 31)), st.integers(0, 40))
def test_appointment_is_a_working_day_with_exactly_n_working_days_between(
    received: date, days: int
) -> None:
    appointment = workdays.add_working_days(received, days)
    assert workdays.is_working_day(appointment)
    start = workdays.next_working_day(received)
    between = [start + timedelta(days=i) for i in range(1, (appointment - start).days + 1)]
    assert sum(workdays.is_working_day(d) for d in between) == days


def test_negative_processing_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        workdays.add_working_days(date(2026, 1, 5), -1)


def test_codes_have_unit_date_and_daily_sequence() -> None:
    code = codes.make_code(codes.COMMUNE_UNIT, date(2026, 11, 22), 7)
    assert code == "H99.01.01-261122-0007"
    assert codes.is_code(code)
    assert codes.make_code("H99.01", date(2026, 1, 2), 12345) == "H99.01-260102-12345"
    assert codes.unit_for("province") == codes.PROVINCE_UNIT
    assert codes.unit_for("commune") == codes.COMMUNE_UNIT
    assert not codes.is_code("HN-7K3P")
    with pytest.raises(ValueError):
        codes.make_code(codes.COMMUNE_UNIT, date(2026, 1, 2), 0)
