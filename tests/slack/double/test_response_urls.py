"""The strict Slack double, driven over HTTP by slack_sdk's real clients: response_url: five uses, thirty minutes, bodies checked like messages."""

from __future__ import annotations

from slack_sdk.webhook import WebhookClient

from tests.slack.double.helpers import USERS, section
from tests.slack.strict_slack import StrictSlack


def test_a_response_url_works_five_times(slack):
    hook = WebhookClient(slack.response_url())
    for n in range(5):
        assert hook.send(text=f"update {n}", response_type="ephemeral").status_code == 200
    sixth = hook.send(text="one too many")
    assert sixth.status_code == 404 and sixth.body == "used_url"
    assert len(slack.called("response_url")) == 5 and slack.refused[-1][:2] == ("response_url", "used_url")


def test_a_response_url_expires_after_30_minutes(slack):
    hook = WebhookClient(slack.response_url())
    slack.advance(1799)
    assert hook.send(text="still fine").status_code == 200
    slack.advance(2)
    expired = hook.send(text="too late")
    assert expired.status_code == 404 and expired.body == "Expired url"


def test_response_url_bodies_are_validated_like_messages(slack):
    hook = WebhookClient(slack.response_url())
    assert hook.send(blocks=[section("no fallback")]).body == "missing_text_fallback"
    assert hook.send(text="x", response_type="everyone").body == "invalid_payload"
    assert hook.send(text="x", blocks=[section("x" * 3001)]).body == "invalid_blocks"
    assert hook.send_dict({"delete_original": True}).status_code == 200
    assert hook.send_dict({"replace_original": "yes", "text": "x"}).body == "invalid_payload"


def test_harness_built_response_urls_are_issued_at_first_use(slack):
    assert WebhookClient(f"{slack.url}/response/cmd1").send(text="ok").status_code == 200
    with StrictSlack(USERS, lenient_response_urls=False) as fake:
        unknown = WebhookClient(f"{fake.url}/response/cmd1").send(text="ok")
        assert unknown.status_code == 404 and unknown.body == "no_service"
        assert WebhookClient(fake.issue_response_url("cmd1")).send(text="ok").status_code == 200
