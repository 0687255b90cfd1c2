"""Periods for questions about the past, in the bot's time zone."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from domain.language.periods import extract_period, last_days

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)  # a Monday
LONDON = ZoneInfo("Europe/London")


def local(*parts, tz=timezone.utc):
    return datetime(*parts, tzinfo=tz)


@pytest.mark.parametrize(
    "text,since,until,label",
    [
        ("who used most paper this month", local(2026, 11, 1), None, "this month"),
        ("this week", local(2026, 11, 30), None, "this week"),
        ("this year", local(2026, 1, 1), None, "this year"),
        ("today", local(2026, 11, 30), None, "today"),
        ("yesterday", local(2026, 11, 29), local(2026, 11, 30), "yesterday"),
        ("last week", local(2026, 11, 23), local(2026, 11, 30), "last week"),
        ("last month", local(2026, 10, 1), local(2026, 11, 1), "last month"),
        ("over the past week", local(2026, 11, 23, 9), None, "the past week"),
        ("in the last 30 days", local(2026, 10, 31, 9), None, "the last 30 days"),
        ("past two weeks", local(2026, 11, 16, 9), None, "the last 2 weeks"),
    ],
)
def test_a_period_is_its_start_end_and_name(text, since, until, label):
    period, rest = extract_period(text, NOW, timezone.utc)
    assert (period.since, period.until, period.label) == (since, until, label)
    assert "month" not in rest and "week" not in rest and "day" not in rest


def test_last_month_in_january_is_last_years_december():
    period, _ = extract_period("last month", datetime(2027, 1, 15, 12, tzinfo=timezone.utc), timezone.utc)
    assert (period.since, period.until) == (local(2026, 12, 1), local(2027, 1, 1))


def test_periods_start_at_local_midnight():
    period, _ = extract_period("today", datetime(2026, 7, 1, 23, 30, tzinfo=timezone.utc), LONDON)
    assert period.since == local(2026, 7, 2, tz=LONDON)  # 00:30 on the 2nd in London, summer time


def test_text_without_a_period_is_left_alone():
    assert extract_period("who used the most paper", NOW, timezone.utc) == (None, "who used the most paper")
    assert extract_period("the last zero days", NOW, timezone.utc)[0] is None


def test_the_default_is_the_last_30_days():
    period = last_days(NOW)
    assert (
        period.since == local(2026, 10, 31, 9) and period.until is None and period.label == "the last 30 days"
    )
