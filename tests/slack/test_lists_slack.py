"""Long lists in Slack: a More button that names the stored page, checked
against the strict double's Block Kit rules."""

import json

from bot.slack.blocks import action_name
from services.csv_import import import_csv
from tests.catalog import seed_context


def add_laptops(slack, count: int = 60) -> None:
    rows = "asset_tag,name,category,location,department\n" + "".join(
        f"L-{n:03d},Lenovo ThinkPad laptop,laptop,IT store,IT\n" for n in range(count)
    )
    assert not import_csv("assets", rows.encode(), slack.core.uow, seed_context()).errors


def more_buttons(message: dict) -> list[dict]:
    return [
        e
        for b in message.get("blocks") or []
        if b["type"] == "actions"
        for e in b["elements"]
        if action_name(e["action_id"]) == "qm_more"
    ]


def test_a_long_list_has_a_more_button_and_more_typed_continues_it(slack, fake):
    add_laptops(slack)
    slack.message("list all the laptops")
    (first,) = fake.wait_for("chat.postMessage")
    assert first["text"].startswith("62 items, 1–25:") and "say “more” for the next 25" in first["text"]
    (button,) = more_buttons(first)
    assert set(json.loads(button["value"])) == {"list"}  # the stored page's id, not the words
    slack.settle()
    slack.click("qm_more", button["value"])
    (second,) = fake.wait_for("response_url")
    assert second["text"].startswith("62 items, 26–50:") and second["replace_original"] is False
    assert len(more_buttons(second)) == 1
    slack.settle()
    slack.message("more")
    third = fake.wait_for("chat.postMessage", 2)[1]
    assert third["text"].startswith("62 items, 51–62:") and not more_buttons(third)


def test_a_short_list_has_no_more_button_and_more_alone_says_there_is_nothing(slack, fake):
    slack.message("list all the projectors")
    (short,) = fake.wait_for("chat.postMessage")
    assert short["text"].startswith("2 items:") and not more_buttons(short)
    slack.settle()
    slack.message("more")
    assert fake.wait_for("chat.postMessage", 2)[1]["text"].startswith("There's no list to continue")


def test_a_more_button_that_names_no_stored_page_shows_nothing_from_elsewhere(slack, fake):
    slack.click("qm_more", "not json")
    (reply,) = fake.wait_for("response_url")
    assert reply["text"] == "That list is too old to continue; please ask for it again."
