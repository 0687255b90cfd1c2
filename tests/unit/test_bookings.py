"""Booking rules and booking time ranges, alone: what may be booked, what stands
in a range's way, the nearest free slot, and ranges read from words."""

from datetime import datetime, timedelta, timezone

import pytest

from domain import commands as C
from domain.assets import Asset, AssetStatus
from domain.bookings import BadRange, Booking, BookingStatus, check_range, conflicts, nearest_free
from domain.language import parse, time_ranges

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)  # a Monday


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=timezone.utc) if day < 30 else NOW.replace(hour=hour)


def booking(start, end, holder="bob", status=BookingStatus.BOOKED, id=1) -> Booking:
    return Booking("A-1", holder, start, end, holder, NOW, status, id=id)


@pytest.mark.parametrize(
    "start, end, why",
    [
        (at(1, 16), at(1, 14), "end before it starts"),
        (NOW - timedelta(days=1), NOW - timedelta(hours=20), "already past"),
        (at(1, 9), at(1, 9) + timedelta(days=31), "at most 30 days"),
    ],
)
def test_a_range_that_cannot_be_booked_is_refused(start, end, why):
    with pytest.raises(BadRange, match=why):
        check_range(start, end, NOW, 30)


def test_a_range_under_way_is_booked_from_now():
    assert check_range(NOW - timedelta(hours=1), NOW + timedelta(hours=2), NOW, 30)[0] == NOW


def test_conflicts_are_overlapping_bookings_loans_running_in_and_repairs():
    free = Asset("A-1", "Projector")
    taken = [booking(at(1, 10), at(1, 12))]
    assert [c.kind for c in conflicts(free, taken, at(1, 11), at(1, 13), NOW)] == ["booking"]
    assert conflicts(free, taken, at(1, 12), at(1, 14), NOW) == []  # ends as the other starts
    cancelled = [booking(at(1, 10), at(1, 12), status=BookingStatus.CANCELLED)]
    assert conflicts(free, cancelled, at(1, 11), at(1, 13), NOW) == []
    out = Asset("A-1", "Projector", status=AssetStatus.CHECKED_OUT, holder="ann", due=at(1, 17))
    assert [c.kind for c in conflicts(out, [], at(1, 14), at(1, 16), NOW)] == ["loan"]
    assert conflicts(out, [], at(2, 9), at(2, 10), NOW) == []  # back before then
    overdue = Asset(
        "A-1", "Projector", status=AssetStatus.CHECKED_OUT, holder="ann", due=NOW - timedelta(days=2)
    )
    assert [c.kind for c in conflicts(overdue, [], at(10, 9), at(10, 10), NOW)] == ["loan"]
    repair = Asset("A-1", "Projector", status=AssetStatus.MAINTENANCE)
    assert [c.kind for c in conflicts(repair, [], at(1, 9), at(1, 10), NOW)] == ["maintenance"]


def test_the_nearest_free_slot_keeps_the_length_and_skips_every_busy_range():
    busy = [(at(1, 10), at(1, 12)), (at(1, 12), at(1, 13)), (at(1, 15), at(1, 16))]
    assert nearest_free(busy, at(1, 11), at(1, 13)) == (at(1, 13), at(1, 15))
    assert nearest_free([(at(1, 9), None)], at(1, 11), at(1, 13)) is None  # never free again


@pytest.mark.parametrize(
    "words, item, start, end",
    [
        ("the projector tuesday 2-4pm", "the projector", at(1, 14), at(1, 16)),
        ("van 2 thurs 10-2", "van 2", at(3, 10), at(3, 14)),
        ("the drill wed 10 till 1, for the job", "the drill , for the job", at(2, 10), at(2, 13)),
        ("the ladder for next week", "the ladder", at(7, 9), at(11, 17)),
        ("the mixer from monday to wednesday", "the mixer", at(7, 9), at(9, 17)),
        ("the urn friday morning", "the urn", at(4, 9), at(4, 12)),
        ("the lens 10-2pm on the 9th", "the lens", at(9, 10), at(9, 14)),
        ("the camera tomorow afternoon", "the camera", at(1, 13), at(1, 17)),  # a typo of the day
        ("the van tomorrow at 3pm for 2 hours", "the van", at(1, 15), at(1, 17)),
        ("the 24-70 wednesday 10-4", "the 24-70", at(2, 10), at(2, 16)),  # a model is no range
    ],
)
def test_booking_ranges_read_from_words(words, item, start, end):
    said, rest = time_ranges.read(words, NOW, timezone.utc)
    assert said.range(NOW.date(), timezone.utc) == (start, end)
    assert rest == item


def test_a_range_that_ends_before_it_starts_is_kept_so_it_can_be_refused():
    said, _rest = time_ranges.read("the van tomorrow 4-2pm", NOW, timezone.utc)
    start, end = said.range(NOW.date(), timezone.utc)
    assert end < start


def test_a_date_gone_by_is_this_year_not_next():
    said, _rest = time_ranges.read("the van 27 nov 9-12", NOW, timezone.utc)
    assert said.range(NOW.date(), timezone.utc)[0] == datetime(2026, 11, 27, 9, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "text, ref, start, end",
    [
        ("can I have the robot coupe tomorrow 9 till 12?", "robot coupe", at(1, 9), at(1, 12)),
        ("can I have the van today 2 till 4?", "van", at(30, 14), at(30, 16)),
        ("can I have the van tomorrow till friday?", "van", at(1, 9), at(4, 17)),
        ("bk the zoom camera tmrw 2-4pm", "zoom camera", at(1, 14), at(1, 16)),
        (
            "Booking the thermal cycler for tomorrow 10 till 2 for the qPCR run",
            "thermal cycler",
            at(1, 10),
            at(1, 14),
        ),
    ],
)
def test_asked_for_from_a_time_to_come_is_a_booking_never_a_loan_now(text, ref, start, end):
    (command,) = parse(text, NOW)
    assert (type(command), command.ref, command.start, command.end) == (C.Book, ref, start, end)


@pytest.mark.parametrize(
    "text",
    ["can I have the van till friday?", "can I have the van till 5?", "can I take the drill this afternoon?"],
)
def test_asked_for_until_a_time_is_a_loan_from_now(text):
    (command,) = parse(text, NOW)
    assert isinstance(command, (C.Take, C.CheckOut))
