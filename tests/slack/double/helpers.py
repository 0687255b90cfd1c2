"""Helpers for the tests of the strict Slack double: real slack_sdk clients aimed at it."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.slack.strict_slack import StrictSlack

USERS = {"UALICE": "alice", "UBOB": "bob", "UMARIA": "maria"}


def client(fake: StrictSlack, **kw) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.api_url, **kw)


def section(text: str, **extra) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **extra}


def button(action_id: str, text: str = "Pick", value: str = "v") -> dict:
    return {
        "type": "button",
        "action_id": action_id,
        "value": value,
        "text": {"type": "plain_text", "text": text},
    }


def refused(call) -> SlackApiError:
    with pytest.raises(SlackApiError) as caught:
        call()
    return caught.value


def error_of(call) -> str:
    return refused(call).response["error"]


def post(fake: StrictSlack, **kw):
    return client(fake).chat_postMessage(channel=kw.pop("channel", "CSUPPLIES"), **kw)
