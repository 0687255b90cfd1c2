"""Due times in words, read on Monday 2026-11-30 09:00 UTC."""

from datetime import datetime, timezone

import pytest

from domain.language.times import extract_due

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
