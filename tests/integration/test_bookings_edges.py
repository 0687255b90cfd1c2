"""Bookings at their edges, each a defect a cold review found: a pickup undone,
a loan kept longer into a booking, the booker's unit among identical ones, the
no-show job against a booker who already has the item, a write that lost a race,
a waitlist return with a booking about to start, times with minutes, unclear days."""

from datetime import datetime, timedelta, timezone

import pytest

from domain.bookings import BookingRules, BookingStatus
from services import booking_alerts
from services.replies import ReplyKind
from storage.bookings import BookingChanged
from tests.integration.test_alerts import RecordingOutbox
from tests.integration.world import asset

UTC = timezone.utc


@pytest.fixture
def bot(telling):
    return telling


def say(bot, who, text):
    return bot.handle(who, text, source=f"test:{who}:{text}")[-1]


def bookings(uow):
    with uow(read_only=True) as tx:
        return list(tx.bookings.all())


def test_undoing_a_pickup_keeps_the_slot_booked(bot, uow):
    say(bot, "ann", "book the drill today 10am-12pm")
    say(bot, "ann", "check out the drill")
    assert bookings(uow)[0].status is BookingStatus.PICKED_UP
    say(bot, "ann", "undo")
    assert bookings(uow)[0].status is BookingStatus.BOOKED and asset(uow, "A-3001").holder is None
    refused = say(bot, "bob", "check out the drill until tomorrow")
    assert refused.kind is ReplyKind.REFUSAL and "booked by ann" in refused.text


def test_a_loan_is_not_kept_longer_into_someone_elses_booking(bot, uow):
    say(bot, "bob", "book the drill wednesday")
    say(bot, "ann", "check out the drill")  # due back when bob's booking starts
    refused = say(bot, "ann", "keep the drill until friday")
    assert refused.kind is ReplyKind.REFUSAL and "booked by bob" in refused.text
    assert asset(uow, "A-3001").due == datetime(2026, 12, 2, 9, tzinfo=UTC)


def test_the_booker_gets_the_unit_they_booked(bot, uow):
    say(bot, "ann", "book A-1043 today 10am-12pm")
    say(bot, "ann", "check out a latitude 5440")
    assert asset(uow, "A-1043").holder == "ann" and asset(uow, "A-1042").holder is None


def test_the_no_show_job_never_releases_what_the_booker_already_holds(bot, uow, clock):
    say(bot, "ann", "book the drill tomorrow 9-12")
    say(bot, "ann", "check out the drill")  # a day early: a loan, the booking not yet picked up
    clock.now = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)
    outbox = RecordingOutbox()
    run = booking_alerts.run(uow, clock.now, UTC, BookingRules(), outbox)
    assert run.released == [] and outbox.notices == []
    assert bookings(uow)[0].status is BookingStatus.PICKED_UP


def test_a_booking_written_after_someone_else_changed_it_is_refused(bot, uow):
    say(bot, "ann", "book the drill tomorrow 9-12")
    (stale,) = bookings(uow)  # read by one party...
    with uow() as other:  # ...while another changes it
        (fresh,) = list(other.bookings.all())
        fresh.status = BookingStatus.CANCELLED
        other.bookings.save(fresh, BookingStatus.BOOKED)
        other.commit()
    stale.status = BookingStatus.NO_SHOW
    with uow() as late, pytest.raises(BookingChanged):
        late.bookings.save(stale, BookingStatus.BOOKED)  # the first party's write: refused
    assert bookings(uow)[0].status is BookingStatus.CANCELLED


def test_the_waitlist_hears_nothing_when_a_booking_starts_within_the_hour(bot, uow, clock):
    say(bot, "carol", "check out the drill until 10am")
    say(bot, "ann", "tell me when the drill is back")
    say(bot, "bob", "book the drill today 10:30am-12pm")
    clock.now = clock.now + timedelta(minutes=45)
    say(bot, "carol", "return the drill")
    assert [n.person for n in bot.told if "is free now" in n.text] == []


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("book A-1042 tomorrow 2:30pm-3:30pm", (1, 14, 30), (1, 15, 30)),
        ("book A-1042 tomorrow 14:00-15:00", (1, 14, 0), (1, 15, 0)),
        ("book A-1042 tomorrow at 9am for 36 hours", (1, 9, 0), (2, 21, 0)),
        ("book A-1042 tomorrow 11pm-1am", (1, 23, 0), (2, 1, 0)),
    ],
)
def test_times_are_booked_as_said(bot, uow, text, start, end):
    assert say(bot, "ann", text).kind is ReplyKind.CHANGE
    (made,) = bookings(uow)
    assert (made.start, made.end) == (
        datetime(2026, 12, start[0], start[1], start[2], tzinfo=UTC),
        datetime(2026, 12, end[0], end[1], end[2], tzinfo=UTC),
    )


@pytest.mark.parametrize(
    "text",
    [
        "book A-1042 next friday 2-4pm",
        "book A-1042 fri 12 dec",
        "book A-1042 31 feb 2-4pm",
        "book A-1042 tonight",
    ],
)
def test_unclear_or_unreadable_days_are_asked_about_and_nothing_is_booked(bot, uow, text):
    reply = say(bot, "ann", text)
    if text.endswith("tonight"):  # tonight is read as 18:00-22:00 today
        assert bookings(uow)[0].start == datetime(2026, 11, 30, 18, tzinfo=UTC)
        return
    assert reply.kind is ReplyKind.REFUSAL and "?" in reply.text and bookings(uow) == []


def test_booking_for_someone_else_tells_them(bot):
    reply = say(bot, "maria", "book the drill tomorrow 9-12 for @bob")
    assert "they are told" in reply.text
    (told,) = bot.told
    assert told.person == "bob" and "maria booked A-3001" in told.text
