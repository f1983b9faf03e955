"""Working days (ngày làm việc) for appointment dates (ngày hẹn trả kết quả).

A procedure's legal processing time counts working days: Saturdays, Sundays
and public holidays (ngày nghỉ lễ, tết) do not count. Holidays known here:

* fixed-date ones (Bộ luật Lao động 2019, Điều 112): 1/1, 30/4, 1/5, 2/9 and,
  from 2025, 1/9 as the second National Day holiday;
* lunar ones, by year, for the years in :data:`LUNAR_HOLIDAYS`: the Hùng Kings'
  day (10/3 âm lịch) and the five Tết days (the last day of the old year and
  the first four of the new one). Years outside that table only get the
  fixed-date holidays;
* a compensatory day off (nghỉ bù) when a holiday falls on a weekend: the
  next working day.

The government sometimes swaps days around Tết or long weekends by decision;
those swaps are not modelled. Pure functions, safe from any thread.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

FIXED_HOLIDAYS: tuple[tuple[int, int], ...] = ((1, 1), (4, 30), (5, 1), (9, 2))
NATIONAL_DAY_SECOND_FROM = 2025  # 1/9 is a holiday too from this year


def _tet(first_day: date) -> tuple[date, ...]:
    """The five Tết days: the last day of the old lunar year and mùng 1 to mùng 4."""
    return tuple(first_day + timedelta(days=offset) for offset in range(-1, 4))


# Solar dates of mùng 1 Tết and of the Hùng Kings' day (10/3 âm lịch).
LUNAR_HOLIDAYS: dict[int, tuple[date, ...]] = {
    2025: (*_tet(date(2025, 1, 29)), date(2025, 4, 7)),
    2026: (*_tet(date(2026, 2, 17)), date(2026, 4, 26)),
    2027: (*_tet(date(2027, 2, 6)), date(2027, 4, 16)),
}


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


@lru_cache(maxsize=64)
def holidays(year: int) -> frozenset[date]:
    """Every public holiday of ``year`` known here, compensatory days included."""
    fixed = [date(year, month, day) for month, day in FIXED_HOLIDAYS]
    if year >= NATIONAL_DAY_SECOND_FROM:
        fixed.append(date(year, 9, 1))
    days = set(fixed) | set(LUNAR_HOLIDAYS.get(year, ()))
    for holiday in sorted(days):
        if is_weekend(holiday):
            days.add(_next_free_weekday(holiday, days))
    return frozenset(days)


def _next_free_weekday(day: date, taken: set[date]) -> date:
    day += timedelta(days=1)
    while is_weekend(day) or day in taken:
        day += timedelta(days=1)
    return day


def is_working_day(day: date) -> bool:
    return not is_weekend(day) and day not in holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the first one after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(received: date, days: int) -> date:
    """The appointment date for an application received on ``received``.

    Counting starts on the first working day from ``received`` (an application
    left on a Sunday is received on Monday); ``days`` working days after that is
    the appointment, and 0 days means that first working day itself.
    """
    if days < 0:
        raise ValueError(f"processing days must not be negative: {days}")
    day = next_working_day(received)
    for _ in range(days):
        day = next_working_day(day + timedelta(days=1))
    return day
