"""Calendar feeds: "my calendar link" gives a private secret address; the feed
(RFC 5545) holds the person's bookings and due dates, parsed back with the
icalendar library; a new link revokes the old; item and category feeds are for
managers; with no QM_PUBLIC_URL there is no link."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from services import calendar_feeds
from services.assistant import Assistant
from services.replies import ReplyKind
from tests.catalog import seed

URL = "https://qm.example.org"


@pytest.fixture
def bot(uow, clock):
    seed(uow)
    return Assistant(uow, clock=clock, tz=ZoneInfo("UTC"), managers=["maria"], public_url=URL)


def say(bot, who, text):
    return bot.handle(who, text, source=f"test:{who}:{text}")[-1]


def token_of(reply) -> str:
    assert reply.private, "a secret link is never posted where others see it"
    return reply.text.split(f"{URL}/calendar/")[1].split(".ics")[0]


def parsed(uow, token: str, now) -> Calendar:
    with uow(read_only=True) as tx:
        data = calendar_feeds.feed(tx, token, now)
    assert data is not None
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), "RFC 5545 folds lines at 75 octets"
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    for event in calendar.walk("VEVENT"):
        assert event["UID"] and event.decoded("DTSTAMP") and event.decoded("DTSTART") < event.decoded("DTEND")
    return calendar


def test_my_feed_holds_my_bookings_and_due_dates(bot, uow, clock):
    say(bot, "alice", "book the beamer tuesday 2-4pm")
    say(bot, "alice", "check out A-1042 until friday")
    token = token_of(say(bot, "alice", "my calendar link"))
    events = {str(e["SUMMARY"]): e for e in parsed(uow, token, clock.now).walk("VEVENT")}
    booked = events["Booked: A-2001 Epson projector"]
    assert booked.decoded("DTSTART") == datetime(2026, 12, 1, 14, tzinfo=timezone.utc)
    assert booked.decoded("DTEND") == datetime(2026, 12, 1, 16, tzinfo=timezone.utc)
    assert "Due back: A-1042 Dell Latitude 5440 laptop" in events
    assert (
        say(bot, "alice", "my calendar link").text == say(bot, "alice", "my calendar link").text
    )  # the same link


def test_a_new_link_revokes_the_old(bot, uow, clock):
    old = token_of(say(bot, "alice", "my calendar link"))
    new = token_of(say(bot, "alice", "new calendar link"))
    assert old != new
    with uow(read_only=True) as tx:
        assert calendar_feeds.feed(tx, old, clock.now) is None
        assert calendar_feeds.feed(tx, new, clock.now) is not None
        assert calendar_feeds.feed(tx, "no-such-token", clock.now) is None


def test_item_and_category_feeds_are_for_managers(bot, uow, clock):
    say(bot, "alice", "book A-1042 friday morning")
    refused = say(bot, "alice", "calendar link for A-1042")
    assert refused.kind is ReplyKind.REFUSAL
    item = token_of(say(bot, "maria", "calendar link for A-1042"))
    assert [str(e["SUMMARY"]) for e in parsed(uow, item, clock.now).walk("VEVENT")] == [
        "Booked: A-1042 Dell Latitude 5440 laptop"
    ]
    category = token_of(say(bot, "maria", "calendar feed for laptops"))
    assert len(parsed(uow, category, clock.now).walk("VEVENT")) == 1


def test_no_public_address_no_link(assistant, uow):
    seed(uow)
    reply = assistant.handle("alice", "my calendar link", source="t")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "QM_PUBLIC_URL" in reply.text


def test_an_item_feed_stops_when_its_owner_is_no_longer_a_manager(bot, uow, clock):
    token = token_of(say(bot, "maria", "calendar link for A-1042"))
    with uow(read_only=True) as tx:
        assert calendar_feeds.feed(tx, token, clock.now, is_manager=lambda key: key == "maria") is not None
        assert calendar_feeds.feed(tx, token, clock.now, is_manager=lambda key: False) is None
