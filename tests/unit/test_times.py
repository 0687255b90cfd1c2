"""Due times in words, read on Monday 2026-11-30 09:00 UTC."""

from datetime import date, datetime, timezone

import pytest

from domain.language.times import extract_due, unclear_day, unclear_next_day

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "text,due,left",
    [
        ("keep the microscope till the 18th", "2026-12-18T17:00", "keep the microscope"),
        ("until the 3rd of december", "2026-12-03T17:00", ""),
        ("until dec 18", "2026-12-18T17:00", ""),
        ("back on the 2nd", "2026-12-02T17:00", ""),
        ("until 5 feb", "2027-02-05T17:00", ""),  # the next one to come
        ("until the 30th", "2026-11-30T17:00", ""),  # today counts
        ("until the 29th", "2026-12-29T17:00", ""),  # past this month: next month's
        ("need the van til 7 tonight", "2026-11-30T19:00", "need the van"),
        ("until 4:30 pm", "2026-11-30T16:30", ""),
    ],
)
def test_dates_of_the_month_and_times_of_the_evening(text, due, left):
    found, rest = extract_due(text, NOW, timezone.utc)
    assert (f"{found:%Y-%m-%dT%H:%M}", rest) == (due, left)


@pytest.mark.parametrize("text", ["check out the 3rd laptop", "taking the drill to room 101", "by 3 days"])
def test_numbers_that_are_no_date_stay_in_the_text(text):
    assert extract_due(text, NOW, timezone.utc) == (None, text)


@pytest.mark.parametrize(
    "text,due",
    [
        ("until Fri 11 Dec", "2026-12-11T17:00"),  # the date says which Friday
        ("until Friday the 11th", "2026-12-11T17:00"),
        ("until friday, 11 december 3pm", "2026-12-11T15:00"),
        ("until next monday", "2026-12-07T17:00"),  # said on a Monday: a week today
        ("until this friday", "2026-12-04T17:00"),
        ("until friday next week", "2026-12-11T17:00"),
        ("until next week friday", "2026-12-11T17:00"),
        ("until thursday of next week", "2026-12-10T17:00"),
        ("until the friday after next", "2026-12-11T17:00"),
        ("until friday at 3", "2026-12-04T15:00"),  # a bare hour at work is after noon
    ],
)
def test_a_weekday_with_its_date_is_that_date(text, due):
    found, _ = extract_due(text, NOW, timezone.utc)
    assert f"{found:%Y-%m-%dT%H:%M}" == due


def test_next_weekday_said_late_in_the_week_is_the_coming_one_in_next_week():
    friday = datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc)
    found, _ = extract_due("until next monday", friday, timezone.utc)
    assert found.date() == date(2026, 12, 7)  # three days on, not ten
    assert unclear_next_day("until next monday", friday.date()) is None


def test_next_weekday_still_to_come_this_week_is_unclear_and_both_dates_are_given():
    assert unclear_next_day("keep it until next Friday", NOW.date()) == (
        "next Friday",
        date(2026, 12, 4),
        date(2026, 12, 11),
    )
    assert unclear_next_day("keep it until Friday", NOW.date()) is None


def test_a_weekday_and_a_date_that_disagree_are_unclear_with_both_readings():
    assert unclear_day("until Fri 12 Dec", NOW.date()) == (
        "Fri 12 Dec",
        date(2026, 12, 11),
        date(2026, 12, 12),
    )
    assert unclear_day("until Monday the 8th", NOW.date()) == (
        "Monday the 8th",
        date(2026, 12, 7),
        date(2026, 12, 8),
    )
    assert unclear_day("until Fri 11 Dec", NOW.date()) is None


def test_a_numeric_date_that_reads_two_ways_is_unclear_unless_one_way_cannot_be():
    assert unclear_day("till 12/4", NOW.date()) == ("12/4", date(2027, 4, 12), date(2026, 12, 4))
    assert unclear_day("till fri 4/12", NOW.date()) is None  # the weekday says which
    assert unclear_day("till 30/11", NOW.date()) is None  # there is no 30th month: only one reading
    found, _ = extract_due("until 13/12", NOW, timezone.utc)
    assert found.date() == date(2026, 12, 13)
    found, _ = extract_due("until fri 4/12", NOW, timezone.utc)
    assert found.date() == date(2026, 12, 4)


def test_a_weekday_before_a_numeric_date_picks_its_reading():
    found, _ = extract_due("till fri 12/4", NOW, timezone.utc)
    assert found.date() == date(2026, 12, 4)
    found, _ = extract_due("till wed 12/2", NOW, timezone.utc)
    assert found.date() == date(2026, 12, 2)


def test_hours_in_words_and_tonight():
    assert extract_due("need the van til 9 tonight", NOW, timezone.utc)[0].hour == 21
    assert extract_due("need the van till tonight at 10", NOW, timezone.utc)[0].hour == 22
    assert extract_due("back by three o'clock", NOW, timezone.utc)[0].hour == 15
    assert extract_due("extend the drill by two", NOW, timezone.utc)[0] is None  # days, not 2pm
    assert extract_due("i'll take the drill at one", NOW, timezone.utc)[0] is None  # a plan, not a due


def test_twelve_tonight_is_midnight_and_a_weekday_that_fits_no_reading_is_unclear():
    assert extract_due("need the van till 12 tonight", NOW, timezone.utc)[0].strftime("%H:%M") == "23:59"
    assert unclear_day("till wed 12/11", NOW.date()) == ("wed 12/11", date(2026, 12, 9), date(2026, 12, 11))


@pytest.mark.parametrize(
    "text,due,left",
    [
        ("check out the drill till friday morning", "2026-12-04T12:00", "check out the drill"),
        ("taking the drill, back tomorrow lunchtime", "2026-12-01T12:00", "taking the drill,"),
        ("borrow the van until tomorrow afternoon", "2026-12-01T17:00", "borrow the van"),
        ("until friday at 3", "2026-12-04T15:00", ""),  # a time said is that time
    ],
)
def test_a_part_of_the_day_ends_the_loan_at_its_end_and_is_no_part_of_the_item(text, due, left):
    found, rest = extract_due(text, NOW, timezone.utc)
    assert (f"{found:%Y-%m-%dT%H:%M}", rest.strip()) == (due, left)


@pytest.mark.parametrize(
    "text, day",
    [
        ("genny till end of play thurs", 3),
        ("genny till thurs eod", 3),
        ("genny till end of day thurs", 3),
        ("genny till close of play friday", 4),
        ("genny till cob tomorrow", 1),
        ("genny by end of day on friday", 4),
        ("genny till end of play", 30),
    ],
)
def test_the_end_of_a_working_day_said_any_way_is_that_day_at_five(text, day):
    due, rest = extract_due(text, NOW, timezone.utc)
    assert (due.day, due.hour, rest) == (day, 17, "genny")


@pytest.mark.parametrize(
    "text, day, hour",
    [
        ("van till tomorrow half five", 1, 17),
        ("van back friday half two", 4, 14),
        ("van till thursday at half 4", 3, 16),
    ],
)
def test_half_past_said_after_the_day_is_that_day_at_half_past(text, day, hour):
    due, rest = extract_due(text, NOW, timezone.utc)
    assert (due.day, due.hour, due.minute, rest) == (day, hour, 30, "van")
