"""Bookings through Slack, over real HTTP against the strict double: a booking
and a clash in a DM, and a calendar link whose feed `serve` answers at
GET /calendar/<token>.ics (unknown and revoked tokens: 404)."""

import http.client
import time

import pytest
from icalendar import Calendar

from tests.catalog import seed
from tests.slack.harness import SlackBot


@pytest.fixture
def booking_bot(fake, database_url):
    bot = SlackBot(fake, database_url, env={"QM_PUBLIC_URL": "https://qm.example.org"})
    seed(bot.core.uow)
    bot.start()
    yield bot
    bot.stop()


def said_to(fake, channel: str) -> list[str]:
    return [p["text"] for p in fake.called("chat.postMessage") if p["channel"] == channel]


def posted(fake, channel: str, words: str, timeout: float = 10.0) -> dict:
    """The message to `channel` that says `words`, once the delivery thread has sent it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in fake.called("chat.postMessage") if p["channel"] == channel and words in p["text"]]
        if found:
            return found[0]
        time.sleep(0.02)
    raise AssertionError(f"nothing saying {words!r} was posted to {channel}")


def get(bot, path: str) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", bot.port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.getheader("Content-Type") or "", response.read()


def test_a_booking_and_a_clash_in_a_dm(booking_bot, fake):
    booking_bot.message("book the beamer tuesday 2-4pm")
    booking_bot.settle()  # first come, first booked
    booking_bot.message("reserve the beamer tuesday 3-5pm", user="UBOB", channel="DBOB")
    booking_bot.settle()
    assert any(t.startswith("Booked A-2001") for t in said_to(fake, "DALICE"))
    assert any("booked by" in t and "Nothing was booked" in t for t in said_to(fake, "DBOB"))


def test_the_calendar_feed_is_served_at_its_secret_address(booking_bot, fake):
    booking_bot.message("book the beamer tuesday 2-4pm")
    booking_bot.message("my calendar link")
    booking_bot.settle()
    link = next(t for t in said_to(fake, "DALICE") if "/calendar/" in t)
    path = "/calendar/" + link.split("/calendar/")[1].split(".ics")[0] + ".ics"
    status, kind, body = get(booking_bot, path)
    assert status == 200 and kind.startswith("text/calendar")
    assert [str(e["SUMMARY"]) for e in Calendar.from_ical(body).walk("VEVENT")] == [
        "Booked: A-2001 Epson projector"
    ]
    assert get(booking_bot, "/calendar/not-a-token.ics")[0] == 404
    booking_bot.message("new calendar link")
    booking_bot.settle()
    assert get(booking_bot, path)[0] == 404


def test_the_waitlist_tells_the_holder_once_and_the_first_in_line_with_a_button(booking_bot, fake):
    booking_bot.message("check out the drill", user="UBOB", channel="DBOB")
    booking_bot.settle()
    booking_bot.message("tell me when the drill is back")
    booking_bot.settle()  # alice first in line: workers may take two messages in either order
    booking_bot.message("tell me when the drill is back", user="UMARIA", channel="DMARIA")
    booking_bot.settle()
    posted(fake, "UBOB", "is waiting for A-3001")
    waiting = [t for t in said_to(fake, "UBOB") if "is waiting for A-3001" in t]
    assert len(waiting) == 1  # told once, however many wait
    booking_bot.message("returning the drill", user="UBOB", channel="DBOB")
    booking_bot.settle()
    told = posted(fake, "UALICE", "is free now")
    (button,) = [e for b in told["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["value"] == "check out A-3001"
    booking_bot.click(button["action_id"], button["value"])
    booking_bot.settle()
    assert booking_bot.holder("A-3001") == "UALICE"


def test_a_handover_is_accepted_with_the_button_in_the_receivers_dm(booking_bot, fake):
    booking_bot.message("check out the drill", user="UBOB", channel="DBOB")
    booking_bot.settle()
    booking_bot.message("hand the drill to <@UMARIA>", user="UBOB", channel="DBOB")
    booking_bot.settle()
    assert booking_bot.holder("A-3001") == "UBOB"
    asked = posted(fake, "UMARIA", "wants to hand you")
    buttons = {e["text"]["text"]: e for b in asked["blocks"] if b["type"] == "actions" for e in b["elements"]}
    assert set(buttons) == {"Accept", "Decline"}
    booking_bot.click(
        buttons["Accept"]["action_id"], buttons["Accept"]["value"], user="UMARIA", channel="DMARIA"
    )
    booking_bot.settle()
    assert booking_bot.holder("A-3001") == "UMARIA"
    posted(fake, "UBOB", "accepted A-3001")
