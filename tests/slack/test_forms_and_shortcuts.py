"""`/qm` with no text, its menu and forms, and the two shortcuts, over real HTTP
against the strict double: views open within the trigger's life and are validated
as Slack validates them; pickers answer from the catalog (block_suggestion); a
submission acts, or shows its refusal beside the field (view_submission); "Record
this" proposes a colleague's message to its author, credited to them on Confirm."""

import json

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import action_name
from tests.slack import slack_rules as rules


@pytest.fixture
def bot(modal_bot):
    return modal_bot


def interact(bot, payload: dict) -> tuple[int, bytes]:
    return bot.interact(payload)


def base(user="UALICE", **more) -> dict:
    return {"user": {"id": user}, "team": {"id": "T1"}, "api_app_id": "A1", **more}


def open_form(bot, fake, kind: str, user: str = "UALICE") -> dict:
    """`/qm`, then the menu's button for `kind`: the form the modal becomes."""
    assert bot.command("", user=user)[0] == 200
    menu = fake.called("views.open")[-1]["view"]
    button = next(
        e for b in menu["blocks"] if b["type"] == "actions" for e in b["elements"] if e["value"] == kind
    )
    payload = base(
        user,
        type="block_actions",
        trigger_id=fake.issue_trigger("trig-menu"),
        container={"type": "view", "view_id": "VMENU"},
        view={"id": "VMENU", "hash": "h1", "type": "modal", "callback_id": "qm_menu"},
        actions=[
            {"action_id": button["action_id"], "block_id": "qm_menu_actions", "value": kind, "type": "button"}
        ],
    )
    assert interact(bot, payload)[0] == 200
    (updated,) = [c for c in fake.called("views.update") if c["view_id"] == "VMENU"][-1:]
    return updated["view"]


def submit(bot, kind: str, values: dict, user="UALICE") -> dict:
    view = {"id": f"V{kind}{user}", "type": "modal", "callback_id": "qm_form", "private_metadata": kind}
    status, body = interact(
        bot,
        base(user, type="view_submission", trigger_id="trig-x", view={**view, "state": {"values": values}}),
    )
    assert status == 200
    return json.loads(body) if body else {}


def picked(picker: str, key: str) -> dict:
    return {"item": {picker: {"type": "external_select", "selected_option": {"value": key}}}}


def test_the_menu_opens_each_form_and_slack_accepts_them(bot, fake):
    for kind in ("check_out", "return", "used", "received", "find", "book"):
        view = open_form(bot, fake, kind)
        assert view["type"] == "modal" and view["blocks"]


def test_managers_catalog_forms_open_and_an_edit_is_prefilled(bot, fake):
    for kind in ("add:assets", "add:stock", "add:kits", "edit"):
        view = open_form(bot, fake, kind, user="UMARIA")
        assert view["type"] == "modal" and view["blocks"]
    state = {
        "values": {
            "item": {"qm_pick_any": {"type": "external_select", "selected_option": {"value": "PAP-A4"}}}
        }
    }
    view = {"id": "VPICK", "type": "modal", "callback_id": "qm_edit_pick", "state": state}
    status, body = interact(bot, base("UMARIA", type="view_submission", trigger_id="trig-p", view=view))
    edit = json.loads(body)
    assert edit["response_action"] == "update" and edit["view"]["private_metadata"].startswith(
        "stock|PAP-A4|"
    )
    assert rules.view_refusal(edit["view"], {"modal"}) is None  # a view in an ack is checked as views.update
    prefilled = {b["block_id"]: b["element"].get("initial_value") for b in edit["view"]["blocks"]}
    assert prefilled["name"] == "Copy paper A4" and prefilled["packs"] == "box=5;pallet=200"


def test_pickers_offer_items_of_the_form_s_kind(bot):
    payload = base(
        type="block_suggestion",
        action_id="qm_pick_stock",
        block_id="item",
        value="paper",
        view={"id": "V1", "type": "modal", "callback_id": "qm_form"},
    )
    status, body = interact(bot, payload)
    assert status == 200 and [o["value"] for o in json.loads(body)["options"]] == ["PAP-A4"]
    payload["action_id"], payload["value"] = "qm_pick_asset", "projector"
    assert {o["value"] for o in json.loads(interact(bot, payload)[1])["options"]} == {"A-2001", "A-2002"}


def test_a_form_acts_or_shows_the_refusal_beside_its_field(bot, fake):
    used = {**picked("qm_pick_stock", "PAP-A4"), "amount": {"amount": {"type": "number_input", "value": "2"}}}
    assert submit(bot, "used", used) == {}  # closed: done
    assert bot.on_hand("PAP-A4") == 38
    too_many = {**used, "amount": {"amount": {"type": "number_input", "value": "500"}}}
    answer = submit(bot, "used", too_many)
    assert (
        answer["response_action"] == "errors" and "amount" in answer["errors"] and bot.on_hand("PAP-A4") == 38
    )
    out = {
        **picked("qm_pick_asset", "A-1042"),
        "whom": {"whom": {"type": "users_select", "selected_user": "UBOB"}},
    }
    assert submit(bot, "check_out", out) == {} and bot.holder("A-1042") == "UBOB"
    again = submit(bot, "check_out", picked("qm_pick_asset", "A-1042"))
    assert again["response_action"] == "errors" and "already checked out" in again["errors"]["item"]
    found = submit(bot, "find", picked("qm_pick_any", "A-1042"))
    assert found["response_action"] == "update" and "with bob" in json.dumps(found["view"])
    assert rules.view_refusal(found["view"], {"modal"}) is None
    assert any(b.get("fields") for b in found["view"]["blocks"])  # the item's card


def test_the_check_out_shortcut_opens_the_form(bot, fake):
    payload = base(type="shortcut", callback_id="qm_check_out", trigger_id=fake.issue_trigger("trig-sc"))
    assert interact(bot, payload)[0] == 200
    assert fake.called("views.open")[-1]["view"]["private_metadata"] == "check_out"


def test_record_this_is_proposed_to_the_author_and_credited_to_them(bot, fake):
    payload = base(
        "UALICE",
        type="message_action",
        callback_id="qm_record",
        trigger_id=fake.issue_trigger("trig-rec"),
        channel={"id": "CSUPPLIES"},
        message={
            "type": "message",
            "user": "UBOB",
            "ts": "1700000100.000100",
            "text": "took 2 reams of paper",
        },
        response_url=f"{fake.url}/response/rec",
    )
    assert interact(bot, payload)[0] == 200
    bot.settle()
    assert bot.on_hand("PAP-A4") == 40  # nothing until bob confirms
    to_bob = [p for p in fake.called("chat.postMessage") if p["channel"] == "UBOB"][-1]
    buttons = {
        action_name(e["action_id"]): e["value"]
        for b in to_bob["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }
    assert "Confirm" in json.dumps(to_bob["blocks"]) and "qm_confirm" in buttons
    told = [p for p in fake.called("chat.postMessage") if p["channel"] == "UALICE"][-1]
    assert "<@UBOB>" in told["text"]
    bot.click("qm_confirm#0", buttons["qm_confirm"], user="UALICE")  # not alice's to confirm
    bot.settle()
    assert bot.on_hand("PAP-A4") == 40
    bot.click("qm_confirm#0", buttons["qm_confirm"], user="UBOB", channel="DBOB")
    bot.settle()
    assert bot.on_hand("PAP-A4") == 38
    with bot.core.uow(read_only=True) as tx:
        assert list(tx.ledger.all())[-1].actor == "UBOB"


def test_slack_takes_a_trigger_once_and_within_three_seconds(fake):
    client = WebClient(token="xoxb-test", base_url=fake.api_url)
    view = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "x"},
        "blocks": [{"type": "section", "text": {"type": "plain_text", "text": "x"}}],
    }
    fake.issue_trigger("t1")
    client.views_open(trigger_id="t1", view=view)
    for error in ("exchanged_trigger_id", "expired_trigger_id", "invalid_trigger_id"):
        fake.expect_refusal("views.open", error)
    with pytest.raises(SlackApiError, match="exchanged_trigger_id"):
        client.views_open(trigger_id="t1", view=view)
    fake.issue_trigger("t2")
    fake.advance(4)
    with pytest.raises(SlackApiError, match="expired_trigger_id"):
        client.views_open(trigger_id="t2", view=view)
    with pytest.raises(SlackApiError, match="invalid_trigger_id"):
        client.views_open(trigger_id="never-issued", view=view)


def catalog_submit(bot, metadata: str, values: dict, user="UMARIA") -> dict:
    state = {"values": {name: {name: value} for name, value in values.items()}}
    view = {
        "id": f"V{metadata}",
        "type": "modal",
        "callback_id": "qm_catalog_form",
        "private_metadata": metadata,
        "state": state,
    }
    status, body = interact(bot, base(user, type="view_submission", trigger_id="trig-c", view=view))
    assert status == 200
    return json.loads(body) if body else {}


def editing(bot, kind: str, key: str) -> str:
    """The private_metadata of the edit form as it would open now."""
    from bot.slack import catalog_forms

    with bot.core.uow(read_only=True) as tx:
        return catalog_forms.form(kind, catalog_forms.current_texts(tx, kind, key))["private_metadata"]


def text(value: str) -> dict:
    return {"type": "plain_text_input", "value": value}


def test_managers_add_and_edit_items_with_every_field(bot, fake):
    assert bot.command("", user="UMARIA")[0] == 200
    menu = fake.called("views.open")[-1]["view"]
    values = [e["value"] for b in menu["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {"add:assets", "add:stock", "add:kits", "edit"} <= set(values)
    bot.command("", user="UALICE")
    assert "edit" not in json.dumps(fake.called("views.open")[-1]["view"])  # employees get no catalog forms
    bad = catalog_submit(
        bot, "assets|", {"asset_tag": text("A-9100"), "name": text("Dell XPS 13"), "cost": text("lots")}
    )
    assert bad["response_action"] == "errors" and "cost" in bad["errors"]
    with bot.core.uow(read_only=True) as tx:
        assert tx.assets.get("A-9100") is None
    added = catalog_submit(
        bot,
        "assets|",
        {
            "asset_tag": text("A-9100"),
            "name": text("Dell XPS 13"),
            "cost": text("1200"),
            "warranty_until": {"type": "datepicker", "selected_date": "2028-01-31"},
        },
    )
    assert added == {}
    with bot.core.uow(read_only=True) as tx:
        made = tx.assets.get("A-9100")
    assert (
        made.name == "Dell XPS 13"
        and str(made.cost) == "1200.00"
        and made.warranty_until.isoformat() == "2028-01-31"
    )
    dup = catalog_submit(bot, "assets|", {"asset_tag": text("A-9100"), "name": text("Again")})
    assert "already exists" in dup["errors"]["asset_tag"]
    edited = catalog_submit(
        bot, editing(bot, "assets", "A-9100"), {"name": text("Dell XPS 13 (2024)"), "serial": text("5CG1")}
    )
    assert edited == {}
    with bot.core.uow(read_only=True) as tx:
        assert tx.assets.get("A-9100").serial == "5CG1"
    refused = catalog_submit(bot, editing(bot, "assets", "A-9100"), {"name": text("Mine now")}, user="UALICE")
    assert refused["response_action"] == "errors"


def test_a_kit_form_refuses_an_unknown_member_beside_its_field(bot):
    bad = catalog_submit(
        bot, "kits|", {"kit": text("KIT-X"), "name": text("X kit"), "items": text("A-1042|A-9999")}
    )
    assert "A-9999" in bad["errors"]["items"]
    assert (
        catalog_submit(
            bot, "kits|", {"kit": text("KIT-X"), "name": text("X kit"), "items": text("A-1042|PAP-A4=5")}
        )
        == {}
    )
    with bot.core.uow(read_only=True) as tx:
        assert tx.kits.get("KIT-X").items == "A-1042|PAP-A4=5"


def test_an_edit_keeps_what_others_did_meanwhile(bot, fake):
    opened = editing(bot, "stock", "PAP-A4")
    bot.message("used 10 reams of paper", user="UBOB", channel="DBOB")
    bot.settle()
    assert (
        catalog_submit(
            bot, opened, {"name": text("Copy paper A4"), "unit": text("ream"), "supplier": text("Viking")}
        )
        == {}
    )
    assert bot.on_hand("PAP-A4") == 30  # the use stands: the form has no quantity to write back
    stale = catalog_submit(
        bot, opened, {"name": text("Copy paper A4"), "unit": text("ream"), "supplier": text("Lyreco")}
    )
    assert "changed since" in json.dumps(stale["errors"])  # the supplier changed after it opened
    with bot.core.uow(read_only=True) as tx:
        assert tx.stock.get("PAP-A4").supplier == "Viking"


def record_this(bot, fake, user: str, ts: str, text: str, author: str = "UBOB") -> None:
    payload = base(
        user,
        type="message_action",
        callback_id="qm_record",
        trigger_id=fake.issue_trigger(f"trig-{user}-{ts}"),
        channel={"id": "CSUPPLIES"},
        message={"type": "message", "user": author, "ts": ts, "text": text},
        response_url=f"{fake.url}/response/rec{user}{ts}",
    )
    assert interact(bot, payload)[0] == 200
    bot.settle()


def test_record_this_proposes_a_message_once_and_never_one_already_recorded(bot, fake):
    record_this(bot, fake, "UALICE", "1700000200.000100", "took 2 reams of paper")
    record_this(bot, fake, "UMARIA", "1700000200.000100", "took 2 reams of paper")
    proposals = [
        p for p in fake.called("chat.postMessage") if p["channel"] == "UBOB" and "Confirm" in json.dumps(p)
    ]
    assert len(proposals) == 1
    bot.message(
        "used 3 pens", user="UBOB", channel="CSUPPLIES", channel_type="channel", ts="1700000300.000100"
    )
    bot.settle()
    assert bot.on_hand("PEN-BLU") == 117
    record_this(bot, fake, "UALICE", "1700000300.000100", "used 3 pens")
    told = [p["text"] for p in fake.called("chat.postMessage") if p["channel"] == "UBOB"][-1]
    assert "recorded already" in told and bot.on_hand("PEN-BLU") == 117


def test_odd_or_tampered_submissions_are_refused_beside_a_field(bot, fake):
    bad_day = {
        **picked("qm_pick_asset", "A-1042"),
        "until": {"until": {"type": "datepicker", "selected_date": "2026-13-40"}},
    }
    assert submit(bot, "check_out", bad_day)["errors"] == {"until": "Pick a date."}
    assert "errors" in catalog_submit(bot, "kits|", {"kit": text("KIT-Y")})  # no name, no members
    assert "errors" in catalog_submit(bot, "robots|", {"name": text("x")})
    stray = base(
        type="block_actions", actions=[{"action_id": "qm_form#0", "value": "used", "type": "button"}]
    )
    assert interact(bot, stray)[0] == 200  # a menu button with no modal: nothing to do, no error
    assert bot.holder("A-1042") is None


def test_a_form_sent_twice_acts_once_and_a_refused_one_may_be_sent_again(bot):
    used = {**picked("qm_pick_stock", "PAP-A4"), "amount": {"amount": {"type": "number_input", "value": "2"}}}
    assert submit(bot, "used", used) == {}
    again = submit(bot, "used", used)  # Submit pressed again: the same view and values
    assert "sent already" in again["errors"]["item"] and bot.on_hand("PAP-A4") == 38
    too_many = {**used, "amount": {"amount": {"type": "number_input", "value": "500"}}}
    assert "amount" in submit(bot, "used", too_many)["errors"]
    assert (
        "amount" in submit(bot, "used", too_many)["errors"]
    )  # refused again for the same reason, not "sent already"


def test_an_edit_form_sends_an_asset_to_maintenance(bot):
    status = {"type": "static_select", "selected_option": {"value": "maintenance"}}
    done = catalog_submit(
        bot, editing(bot, "assets", "A-2002"), {"name": text("BenQ portable projector"), "status": status}
    )
    assert done == {}
    with bot.core.uow(read_only=True) as tx:
        assert tx.assets.get("A-2002").status.value == "maintenance"
