"""Bookings through the real assistant on a real database (SQLite and
PostgreSQL): booked in words, refused over a clash naming who and when, picked
up by the booker's check-out, never run into by someone else's, cancelled,
moved and undone; exported as the contract's CSV; and of two people booking
one slot at once exactly one wins."""

import csv
import io
import threading
from datetime import datetime, timezone

import pytest

from domain.ledger import Action
from services.csv_export import export
from services.replies import ReplyKind
from tests.catalog import seed
from tests.integration.world import asset, ledger


@pytest.fixture
def bot(assistant, uow):
    seed(uow)
    return assistant


def say(bot, who, text):
    replies = bot.handle(who, text, source=f"test:{who}:{text}")
    assert replies, "every message gets a reply"
    return replies[-1]


def bookings(uow):
    with uow(read_only=True) as tx:
        return list(tx.bookings.all())


def test_a_booking_holds_the_range_and_checks_nothing_out(bot, uow):
    reply = say(bot, "ann", "book the beamer tuesday 2-4pm for the training")
    assert reply.kind is ReplyKind.CHANGE and "Tue 1 Dec 14:00–16:00" in reply.text
    (made,) = bookings(uow)
    assert (made.asset_tag, made.holder, made.status.value) == ("A-2001", "ann", "booked")
    assert (made.start, made.end) == (
        datetime(2026, 12, 1, 14, tzinfo=timezone.utc),
        datetime(2026, 12, 1, 16, tzinfo=timezone.utc),
    )
    assert asset(uow, "A-2001").status.value == "available"
    assert [e.action for e in ledger(uow)][-1] is Action.BOOK


def test_a_clash_is_refused_naming_who_and_when_and_the_nearest_free_slot(bot, uow):
    say(bot, "ann", "book the beamer tuesday 2-4pm")
    reply = say(bot, "bob", "reserve the beamer tuesday 3pm to 5pm")
    assert reply.kind is ReplyKind.REFUSAL
    assert "booked by ann Tue 1 Dec 14:00–16:00" in reply.text and "free Tue 1 Dec 16:00–18:00" in reply.text
    assert len(bookings(uow)) == 1


@pytest.mark.parametrize(
    "text, why",
    [
        ("book the beamer yesterday 2-4pm", "already past"),
        ("book the beamer tomorrow 4-2pm", "end before it starts"),
        ("book the beamer from tuesday to 20 jan", "at most 30 days"),
        ("can you book me the beamer?", "When do you need"),
    ],
)
def test_a_range_that_cannot_be_booked_books_nothing(bot, uow, text, why):
    reply = say(bot, "ann", text)
    assert reply.kind is ReplyKind.REFUSAL and why in reply.text
    assert bookings(uow) == []


def test_the_bookers_check_out_picks_it_up_due_at_its_end_and_the_return_ends_it(bot, uow, clock):
    say(bot, "ann", "book the beamer today 10-12")
    clock.now = clock.now.replace(hour=10, minute=5)
    reply = say(bot, "ann", "check out the beamer")
    assert reply.kind is ReplyKind.CHANGE and "picks up your booking" in reply.text
    assert asset(uow, "A-2001").due == datetime(2026, 11, 30, 12, tzinfo=timezone.utc)
    assert bookings(uow)[0].status.value == "picked_up"
    say(bot, "ann", "returning the beamer")
    assert bookings(uow)[0].status.value == "returned"


def test_someone_elses_check_out_never_runs_into_a_booking(bot, uow):
    say(bot, "ann", "book the beamer tomorrow 9-12")
    refused = say(bot, "bob", "check out the beamer until tomorrow 5pm")
    assert refused.kind is ReplyKind.REFUSAL and "booked by ann" in refused.text
    assert asset(uow, "A-2001").status.value == "available"
    lent = say(bot, "bob", "check out the beamer")  # no return time said: due when the booking starts
    assert lent.kind is ReplyKind.CHANGE and "due back Tue 1 Dec 9:00" in lent.text
    assert asset(uow, "A-2001").due == datetime(2026, 12, 1, 9, tzinfo=timezone.utc)


def test_cancel_move_and_undo_change_only_the_speakers_own_booking(bot, uow):
    say(bot, "ann", "book the beamer tuesday 2-4pm")
    refused = say(bot, "bob", "cancel the booking of the beamer")
    assert refused.kind is ReplyKind.REFUSAL and bookings(uow)[0].status.value == "booked"
    moved = say(bot, "ann", "move my beamer booking to 10am")
    assert "Tue 1 Dec 10:00–12:00" in moved.text
    say(bot, "ann", "undo")
    assert bookings(uow)[0].start == datetime(2026, 12, 1, 14, tzinfo=timezone.utc)
    say(bot, "ann", "cancel my booking of the beamer")
    assert bookings(uow)[0].status.value == "cancelled"
    say(bot, "ann", "undo")
    assert bookings(uow)[0].status.value == "booked"


def test_questions_about_bookings_are_answered_and_change_nothing(bot, uow):
    say(bot, "ann", "book the beamer thursday afternoon")
    before = len(ledger(uow))
    taken = say(bot, "bob", "is the beamer free thursday 2-4pm?")
    assert (
        taken.kind is ReplyKind.ANSWER
        and taken.text.startswith("No: A-2001")
        and "booked by ann" in taken.text
    )
    free = say(bot, "bob", "is the beamer free friday?")
    assert free.text.startswith("Yes: A-2001")
    assert "A-2001" in say(bot, "ann", "my bookings").text
    assert "A-2001" in say(bot, "bob", "what's booked thursday?").text
    assert len(ledger(uow)) == before


def test_export_bookings_has_the_contracts_columns(bot, uow):
    say(bot, "ann", "book the beamer tuesday 2-4pm")
    out = io.StringIO()
    assert export("bookings", uow, out) == 1
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert list(row) == [
        "id",
        "asset_tag",
        "kit",
        "holder",
        "start",
        "end",
        "status",
        "booked_by",
        "created_at",
    ]
    assert (row["asset_tag"], row["holder"], row["status"]) == ("A-2001", "ann", "booked")
    assert datetime.fromisoformat(row["start"]) == datetime(2026, 12, 1, 14, tzinfo=timezone.utc)


def test_of_two_people_booking_one_slot_at_once_exactly_one_wins(bot, uow):
    barrier, replies = threading.Barrier(2), []

    def book(who):
        barrier.wait()
        replies.append(bot.handle(who, "book the beamer friday 10-12", source=f"race:{who}")[-1])

    threads = [threading.Thread(target=book, args=(who,)) for who in ("ann", "bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(r.kind.value for r in replies) == ["change", "refusal"]
    assert len([b for b in bookings(uow) if b.status.value == "booked"]) == 1
    assert len([e for e in ledger(uow) if e.action is Action.BOOK]) == 1


def test_a_manager_may_take_it_over_a_booking_anyway_recorded_and_the_booker_told(bot, uow):
    told = []
    bot.on_notice = lambda tx, notices: told.extend(notices)
    say(bot, "ann", "book the beamer tomorrow 9-12")
    refused = say(bot, "bob", "check out the beamer until tomorrow 5pm anyway")
    assert refused.kind is ReplyKind.REFUSAL and "Only a manager" in refused.text
    taken = say(bot, "maria", "check out the beamer until tomorrow 5pm anyway")
    assert taken.kind is ReplyKind.CHANGE and "overrides booking" in taken.text
    assert asset(uow, "A-2001").holder == "maria"
    assert "overrides booking" in ledger(uow)[-1].note
    assert [n.person for n in told] == ["ann"]
    assert bookings(uow)[0].status.value == "cancelled"  # never reminded of or released while out


def test_the_booker_may_pick_up_early_on_the_day(bot, uow, clock):
    say(bot, "ann", "book the beamer today 3-5pm")
    reply = say(bot, "ann", "check out the beamer")  # at 9:00, six hours early
    assert "picks up your booking" in reply.text
    assert asset(uow, "A-2001").due == datetime(2026, 11, 30, 17, tzinfo=timezone.utc)
