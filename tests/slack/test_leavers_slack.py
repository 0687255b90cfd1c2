"""Someone deactivated in Slack while holding things (the `user_change` event
with `deleted`), through the real Bolt app and the strict double: managers get
one DM listing it, whose Return all and Transfer menu act, by a manager only."""

import pytest

from bot.slack.blocks import action_name


def user_change(slack, user: str, deleted: bool = True, event_id: str | None = None):
    event = {
        "type": "user_change",
        "user": {"id": user, "name": user.lower(), "deleted": deleted, "updated": 1764500000},
        "cache_ts": 1764500000,
        "event_ts": "1764500000.000100",
    }
    return slack.event(event, event_id=event_id)


def leaver_dms(fake):
    return [p for p in fake.called("chat.postMessage") if "deactivated" in p.get("text", "")]


@pytest.fixture
def holding(slack):
    slack.message("check out A-1042 until friday", user="UBOB", channel="DBOB")
    slack.message("check out the drill", user="UBOB", channel="DBOB")
    slack.settle()
    assert slack.holder("A-1042") == "UBOB"
    return slack


def test_managers_hear_once_what_a_deactivated_person_holds(holding, fake):
    status, _ = user_change(holding, "UBOB", event_id="EvLEFT1")
    assert status == 200
    user_change(holding, "UBOB", event_id="EvLEFT1")  # Slack's retry of the same event
    holding.settle()
    (dm,) = leaver_dms(fake)
    assert dm["channel"] == "UMARIA" and "A-1042" in dm["text"] and "A-3001" in dm["text"]
    controls = {
        action_name(e["action_id"]): e for b in dm["blocks"] if b["type"] == "actions" for e in b["elements"]
    }
    assert controls["qm_say"]["value"] == "return everything @UBOB had"
    assert controls["qm_transfer"]["type"] == "users_select"


def test_a_reactivation_or_someone_holding_nothing_says_nothing(holding, fake):
    user_change(holding, "UBOB", deleted=False)
    user_change(holding, "UALICE")
    holding.settle()
    assert leaver_dms(fake) == []


def test_the_transfer_menu_moves_everything_to_the_person_picked(holding, fake):
    user_change(holding, "UBOB")
    holding.settle()
    (dm,) = leaver_dms(fake)
    block = next(b["block_id"] for b in dm["blocks"] if b["type"] == "actions")
    holding.pick_user("qm_transfer#1", block, "UALICE", user="UALICE", channel="DALICE")  # not a manager
    holding.settle()
    assert holding.holder("A-1042") == "UBOB"
    holding.pick_user("qm_transfer#1", block, "UALICE")
    holding.settle()
    assert holding.holder("A-1042") == "UALICE" and holding.holder("A-3001") == "UALICE"
    told = {p["channel"] for p in fake.called("chat.postMessage") if "transferred" in p.get("text", "")}
    assert {"UALICE", "UBOB"} <= told


def test_return_all_from_the_dm(holding, fake):
    user_change(holding, "UBOB")
    holding.settle()
    holding.click("qm_say#0", "return everything @UBOB had", user="UMARIA", channel="DMARIA")
    holding.settle()
    assert holding.holder("A-1042") is None and holding.holder("A-3001") is None
