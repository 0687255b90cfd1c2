"""The Book modal over real HTTP against the strict double: `/qm book` and an
item card's Book button open it (views.open, validated as Slack validates views);
the item picker's options come from the catalog (block_suggestion); a submission
books, or shows the refusal beside its field and books nothing (view_submission)."""

import json
from datetime import timedelta

import pytest

from bot.slack.blocks import action_name


@pytest.fixture
def bot(modal_bot):
    return modal_bot


def interact(bot, payload: dict) -> tuple[int, bytes]:
    return bot.interact(payload)


def search(bot, query: str) -> list[dict]:
    status, body = interact(
        bot,
        {
            "type": "block_suggestion",
            "user": {"id": "UALICE"},
            "team": {"id": "T1"},
            "api_app_id": "A1",
            "action_id": "qm_book_item",
            "block_id": "item",
            "value": query,
            "view": {"id": "V1", "type": "modal", "callback_id": "qm_book"},
        },
    )
    assert status == 200
    return json.loads(body)["options"]


def submit(bot, user: str, tag: str, day: str, start: str, end: str, whom: str | None = None):
    values = {
        "item": {"qm_book_item": {"type": "external_select", "selected_option": {"value": tag}}},
        "day": {"day": {"type": "datepicker", "selected_date": day}},
        "start": {"start": {"type": "timepicker", "selected_time": start}},
        "end": {"end": {"type": "timepicker", "selected_time": end}},
        "last_day": {"last_day": {"type": "datepicker", "selected_date": None}},
        "whom": {"whom": {"type": "users_select", "selected_user": whom}},
    }
    status, body = interact(
        bot,
        {
            "type": "view_submission",
            "user": {"id": user},
            "team": {"id": "T1"},
            "api_app_id": "A1",
            "trigger_id": "trig-submit",
            "view": {
                "id": f"V{user}{day}{start}",
                "type": "modal",
                "callback_id": "qm_book",
                "state": {"values": values},
            },
        },
    )
    assert status == 200
    return json.loads(body) if body else {}


def bookings(bot):
    with bot.core.uow(read_only=True) as tx:
        return list(tx.bookings.all())


def test_qm_book_opens_the_modal(bot, fake):
    status, _ = bot.command("book")
    assert status == 200
    (opened,) = fake.called("views.open")
    assert opened["view"]["callback_id"] == "qm_book"
    kinds = [b["element"]["type"] for b in opened["view"]["blocks"]]
    assert kinds == [
        "external_select",
        "datepicker",
        "timepicker",
        "timepicker",
        "datepicker",
        "users_select",
    ]


def test_the_item_picker_searches_the_catalog(bot):
    found = search(bot, "projector")
    assert {o["value"] for o in found} >= {"A-2001", "A-2002"}
    assert all(len(o["text"]["text"]) <= 75 for o in found)
    assert search(bot, "A-3001")[0]["value"] == "A-3001"


def test_a_submission_books_and_a_clash_is_shown_beside_the_item(bot, fake):
    assert submit(bot, "UALICE", "A-2001", "2026-12-01", "14:00", "16:00") == {}
    (made,) = bookings(bot)
    assert (made.asset_tag, made.holder) == ("A-2001", "UALICE")
    assert any(
        p["channel"] == "UALICE" and p["text"].startswith("Booked A-2001")
        for p in fake.called("chat.postMessage")
    )
    clash = submit(bot, "UBOB", "A-2001", "2026-12-01", "15:00", "17:00")
    assert clash["response_action"] == "errors" and "booked by alice" in clash["errors"]["item"]
    backwards = submit(bot, "UBOB", "A-2002", "2026-12-01", "16:00", "14:00")
    assert "end" in backwards["errors"]
    assert len(bookings(bot)) == 1


def test_a_booking_for_someone_else(bot):
    assert submit(bot, "UMARIA", "A-3001", "2026-12-02", "09:00", "12:00", whom="UBOB") == {}
    assert bookings(bot)[0].holder == "UBOB"


def test_until_midnight_runs_into_the_next_day(bot):
    assert submit(bot, "UALICE", "A-2001", "2026-12-10", "22:00", "00:00") == {}
    made = bookings(bot)[0]
    assert made.end - made.start == timedelta(hours=2)


def test_an_item_card_has_a_book_button_that_opens_the_modal_with_the_item(bot, fake):
    bot.message("info about A-2001")
    bot.settle()
    card = next(p for p in fake.called("chat.postMessage") if p["channel"] == "DALICE" and "blocks" in p)
    buttons = [e for b in card["blocks"] if b["type"] == "actions" for e in b["elements"]]
    book = next(e for e in buttons if action_name(e["action_id"]) == "qm_book")
    bot.click(book["action_id"], book["value"])
    (opened,) = fake.called("views.open")
    assert opened["view"]["blocks"][0]["element"]["initial_option"]["value"] == "A-2001"


def test_app_home_lists_my_bookings_and_for_managers_todays_and_tomorrows(bot, fake):
    assert submit(bot, "UALICE", "A-2001", "2026-11-30", "14:00", "16:00") == {}
    assert submit(bot, "UBOB", "A-3001", "2026-12-01", "09:00", "12:00") == {}
    bot.event({"type": "app_home_opened", "user": "UALICE", "tab": "home", "channel": "DALICE"})
    (view,) = fake.wait_for("views.publish")
    text = json.dumps(view["view"])
    assert "Your bookings" in text and "A-2001" in text and "Booked tomorrow" not in text
    bot.event({"type": "app_home_opened", "user": "UMARIA", "tab": "home", "channel": "DMARIA"})
    view = next(v for v in fake.wait_for("views.publish", 2) if v["user_id"] == "UMARIA")
    sections = [b["text"]["text"] for b in view["view"]["blocks"] if b["type"] == "section"]
    today = next(s for s in sections if s.startswith("*Booked today*"))
    tomorrow = next(s for s in sections if s.startswith("*Booked tomorrow*"))
    assert "A-2001" in today and "A-3001" in tomorrow and "A-3001" not in today
