"""The strict Slack double, driven over HTTP by slack_sdk's real clients: Block Kit as Slack checks it: limits, unique ids, text fallbacks, views."""

from __future__ import annotations

import json

import pytest

from tests.slack import slack_rules as rules
from tests.slack.double.helpers import button, client, error_of, post, refused, section


def test_a_valid_message_passes(slack):
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Stock"}},
        section("*3* boxes left"),
        {"type": "actions", "elements": [button("order"), button("snooze")]},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "by quartermaster"}]},
    ]
    answer = post(slack, text="3 boxes left", blocks=blocks)
    assert answer["ok"] and rules.looks_like_ts(answer["ts"])
    [params] = slack.called("chat.postMessage")
    assert params["blocks"] == blocks and params["_token"] == "xoxb-test"
    slack.assert_clean()


def test_blocks_sent_as_a_json_string_in_a_form_body_are_parsed(slack):
    answer = client(slack).api_call(
        "chat.postMessage", data={"channel": "CSUPPLIES", "text": "hi", "blocks": json.dumps([section("hi")])}
    )
    assert answer["ok"]
    assert slack.called("chat.postMessage")[0]["blocks"] == [section("hi")]


def test_duplicate_action_ids_in_one_actions_block_fail_the_whole_message(slack):
    blocks = [{"type": "actions", "elements": [button("choose", "A"), button("choose", "B")]}]
    error = refused(lambda: post(slack, text="Pick one", blocks=blocks))
    assert error.response["error"] == "invalid_blocks"
    [message] = error.response["response_metadata"]["messages"]
    assert "duplicate action_id 'choose'" in message and "/blocks/0/elements/1/action_id" in message
    assert slack.called("chat.postMessage") == []
    assert slack.refused[0][:2] == ("chat.postMessage", "invalid_blocks")


def test_duplicate_block_ids_are_refused(slack):
    error = refused(
        lambda: post(slack, text="x", blocks=[section("a", block_id="b"), section("b", block_id="b")])
    )
    assert error.response["error"] == "invalid_blocks"


@pytest.mark.parametrize(
    "blocks, pointer",
    [
        ([section("x")] * 51, "/blocks]"),
        ([section("x" * 3001)], "/blocks/0/text/text"),
        (
            [{"type": "section", "fields": [{"type": "mrkdwn", "text": "x" * 2001}]}],
            "/blocks/0/fields/0/text",
        ),
        ([{"type": "section", "fields": [{"type": "mrkdwn", "text": "x"}] * 11}], "/blocks/0"),
        ([{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}], "/blocks/0"),
        ([{"type": "header", "text": {"type": "mrkdwn", "text": "*x*"}}], "/blocks/0/text"),
        ([{"type": "actions", "elements": [button("a", text="x" * 76)]}], "/blocks/0/elements/0/text/text"),
        ([{"type": "actions", "elements": [button("a", value="x" * 2001)]}], "/blocks/0/elements/0/value"),
        ([{"type": "actions", "elements": [button("a" * 256)]}], "/blocks/0/elements/0/action_id"),
        ([{"type": "actions", "elements": [button(f"a{i}") for i in range(26)]}], "/blocks/0"),
        ([{"type": "context", "elements": [{"type": "mrkdwn", "text": "x"}] * 11}], "/blocks/0"),
        ([section("hi", block_id="b" * 256)], "/blocks/0"),
        ([section("")], "/blocks/0/text/text"),
        ([{"type": "fancy_block"}], "/blocks/0/type"),
        ([section("hi", accessory=button("a", text="x" * 76))], "/blocks/0/accessory/text/text"),
    ],
    ids=[
        "51-blocks",
        "section-3001",
        "field-2001",
        "11-fields",
        "header-151",
        "header-mrkdwn",
        "button-text-76",
        "button-value-2001",
        "action-id-256",
        "26-elements",
        "11-context-elements",
        "block-id-256",
        "empty-text",
        "unknown-type",
        "accessory-button-76",
    ],
)
def test_block_kit_limits(slack, blocks, pointer):
    error = refused(lambda: post(slack, text="fallback", blocks=blocks))
    assert error.response["error"] == "invalid_blocks"
    assert any(pointer in m for m in error.response["response_metadata"]["messages"]), error.response


def test_limits_are_inclusive(slack):
    blocks = [
        section("x" * 3000),
        {"type": "actions", "elements": [button(f"a{i}", "x" * 75, "v" * 2000) for i in range(25)]},
    ]
    assert post(slack, text="fallback", blocks=blocks + [section("y")] * 48)["ok"]


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_blocks_without_a_text_fallback_are_refused_on_purpose(slack):
    error = refused(lambda: post(slack, blocks=[section("hi")]))
    assert error.response["error"] == "missing_text_fallback"
    error = refused(lambda: post(slack, text="  ", blocks=[section("hi")]))
    assert error.response["error"] == "missing_text_fallback"


def test_message_text_over_40000_characters_is_too_long(slack):
    assert post(slack, text="x" * 40_000)["ok"]
    assert error_of(lambda: post(slack, text="x" * 40_001)) == "msg_too_long"


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_no_text_and_no_blocks(slack):
    assert error_of(lambda: post(slack, text="")) == "no_text"


def test_a_bad_thread_ts_is_refused(slack):
    assert post(slack, text="reply", thread_ts="1700000001.000100")["ok"]
    error = refused(lambda: post(slack, text="reply", thread_ts="0"))
    assert error.response["error"] == "invalid_thread_ts"


def test_a_view_with_101_blocks_is_refused(slack):
    view = {"type": "home", "blocks": [section(f"row {i}") for i in range(101)]}
    error = refused(lambda: client(slack).views_publish(user_id="UALICE", view=view))
    assert error.response["error"] == "invalid_arguments"
    assert any("no more than 100 items" in m for m in error.response["response_metadata"]["messages"])
    view["blocks"] = view["blocks"][:100]
    assert client(slack).views_publish(user_id="UALICE", view=view)["ok"]


def test_views_check_their_blocks_and_surface(slack):
    modal = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Check out"},
        "blocks": [{"type": "actions", "elements": [button("x"), button("x")]}],
    }
    error = refused(lambda: client(slack).views_open(trigger_id="t1", view=modal))
    assert "/view/blocks/0/elements/1/action_id" in error.response["response_metadata"]["messages"][0]
    home = {"type": "home", "blocks": [section("hi")]}
    error = refused(lambda: client(slack).views_open(trigger_id="t1", view=home))
    assert error.response["error"] == "invalid_arguments"
