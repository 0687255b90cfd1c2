"""The strict Slack double, driven over HTTP by slack_sdk's real clients: Injected faults (429, 5xx, slow answers) and refusals that fail a test."""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from tests.slack.double.helpers import USERS, client, post, refused
from tests.slack.strict_slack import StrictSlack


def test_an_injected_429_carries_retry_after(slack):
    slack.fail("chat.postMessage", status=429, retry_after=1)
    error = refused(lambda: post(slack, text="x"))
    assert error.response.status_code == 429 and error.response.headers["Retry-After"] in ("1", ["1"])
    assert error.response["error"] == "ratelimited"
    slack.assert_clean()  # injected faults never count


def test_the_rate_limit_retry_handler_gets_through(slack):
    slack.fail("chat.postMessage", status=429, retry_after=1)
    web = client(slack, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])
    assert web.chat_postMessage(channel="CSUPPLIES", text="x")["ok"]
    errors = [error for method, _, error in slack.attempts if method == "chat.postMessage"]
    assert errors == ["ratelimited", None]


def test_an_injected_500(slack):
    slack.fail("chat.postMessage", status=500)
    error = refused(lambda: post(slack, text="x"))
    assert error.response.status_code == 500
    assert post(slack, text="x")["ok"]  # times=1: normal again


def test_an_injected_error_answers_200(slack):
    slack.fail("users.info", error="fatal_error", times=2)
    for _ in range(2):
        error = refused(lambda: client(slack).users_info(user="UALICE"))
        assert error.response.status_code == 200 and error.response["error"] == "fatal_error"
    assert client(slack).users_info(user="UALICE")["ok"]


def test_a_slow_answer_times_the_client_out(slack):
    slack.slow("chat.postMessage", 1.5)
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        client(slack, timeout=0.5).chat_postMessage(channel="CSUPPLIES", text="x")
    assert post(slack, text="x")["ok"]


def test_faults_apply_to_pseudo_methods(slack):
    slack.fail("response_url", status=500)
    hook = WebhookClient(slack.response_url())
    assert hook.send(text="x").status_code == 500
    assert hook.send(text="x").status_code == 200


def test_random_faults_are_seeded():
    def outcomes() -> list[int]:
        with StrictSlack(USERS) as fake:
            fake.fail_randomly(0.5, seed=7, methods={"auth.test"})
            results = []
            for _ in range(20):
                try:
                    client(fake).auth_test()
                    results.append(200)
                except SlackApiError as error:
                    results.append(error.response.status_code)
            fake.assert_clean()
            return results

    first = outcomes()
    assert first == outcomes() and {200, 429, 500} <= set(first)


def test_rate_limits_when_enforced():
    with StrictSlack(USERS, enforce_rate_limits=True) as fake:
        for _ in range(5):
            assert post(fake, text="x")["ok"]
        assert refused(lambda: post(fake, text="x")).response.status_code == 429
        assert post(fake, channel="CGENERAL", text="x")["ok"]  # per channel
        fake.advance(1.0)
        assert post(fake, text="x")["ok"]
        fake.assert_clean()


# -- refusals are failures ---------------------------------------------------------------------


def test_assert_clean_raises_on_an_unexpected_refusal(slack):
    with pytest.raises(SlackApiError):
        post(slack, channel="CRANDOM", text="x")
    with pytest.raises(AssertionError, match="chat.postMessage: not_in_channel"):
        slack.assert_clean()


def test_expected_refusals_are_allowed_once(slack):
    slack.expect_refusal("chat.postMessage", "not_in_channel")
    with pytest.raises(SlackApiError):
        post(slack, channel="CRANDOM", text="x")
    slack.assert_clean()
    with pytest.raises(SlackApiError):
        post(slack, channel="CRANDOM", text="x")
    with pytest.raises(AssertionError):
        slack.assert_clean()


def test_attempts_record_everything(slack):
    slack.fail("auth.test", error="internal_error")
    with pytest.raises(SlackApiError):
        client(slack).auth_test()
    client(slack).auth_test()
    assert [(m, e) for m, _, e in slack.attempts] == [("auth.test", "internal_error"), ("auth.test", None)]
    assert len(slack.called("auth.test")) == 1


def test_a_request_cut_off_mid_body_is_no_call(slack):
    # A sender killed after its headers: Slack never sees a call, and nothing is refused.
    port = urllib.parse.urlparse(slack.url).port
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(
            b"POST /api/chat.postMessage HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer xoxb-test\r\n"
            b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"chan'
        )
        sock.shutdown(socket.SHUT_WR)
        assert sock.recv(100) == b""  # the connection is closed without an answer
    assert not [a for a in slack.attempts if a[0] == "chat.postMessage"]
    slack.assert_clean()
