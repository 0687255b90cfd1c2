"""Tests of the strict Slack double itself, driven over HTTP by slack_sdk's real clients."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from tests.slack import slack_rules as rules
from tests.slack.strict_slack import MANIFEST, StrictSlack

USERS = {"UALICE": "alice", "UBOB": "bob", "UMARIA": "maria"}


@pytest.fixture
def slack():
    with StrictSlack(USERS) as fake:
        yield fake


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


# -- Block Kit ---------------------------------------------------------------------------------


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


# -- scopes ------------------------------------------------------------------------------------


def test_missing_scope_names_the_scope_needed():
    with StrictSlack(USERS, scopes={"chat:write", "users:read"}) as fake:
        error = refused(lambda: client(fake).conversations_open(users="UALICE"))
        assert error.response["error"] == "missing_scope"
        assert "im:write" in error.response["needed"].split(",")
        assert error.response["provided"] == "chat:write,users:read"
        # ... while posting to the user id needs chat:write alone
        assert client(fake).chat_postMessage(channel="UALICE", text="hi")["ok"]


def test_granted_scopes_default_to_the_manifest():
    with StrictSlack(USERS) as fake:
        assert fake.scopes == rules.read_manifest_bot_scopes(MANIFEST)
        assert {"chat:write", "users:read", "files:read", "files:write"} <= fake.scopes


def test_manifest_reader_reads_only_the_bot_scopes(tmp_path):
    manifest = tmp_path / "manifest.yml"
    manifest.write_text(
        "features:\n  bot_user:\n    display_name: x\noauth_config:\n  redirect_urls:\n"
        "    - https://x\n  scopes:\n    user:\n      - search:read\n    bot:\n"
        "      - chat:write   # replies\n      - 'users:read'\nsettings:\n  x: 1\n"
    )
    assert rules.read_manifest_bot_scopes(manifest) == {"chat:write", "users:read"}


def test_scope_table_covers_every_method_the_double_answers(slack):
    assert set(slack._handlers()) <= set(rules.REQUIRED_SCOPES)
    assert rules.scopes_needed("conversations.open", {"users": "UA,UB"}) == ("mpim:write",)
    assert rules.scopes_needed("conversations.history", {"channel": "GSECRET"}) == ("groups:history",)
    assert rules.REQUIRED_SCOPES["chat.postMessage"] == ("chat:write",)
    assert rules.REQUIRED_SCOPES["views.publish"] == ()


def test_downloads_need_the_bot_token_and_files_read():
    with StrictSlack(USERS, scopes={"chat:write"}) as fake:
        fake.files["a.jpg"] = b"jpeg"
        assert _get(f"{fake.url}/files/a.jpg", "Bearer xoxb-test")[0] == 403
        assert fake.refused[-1][:2] == ("download", "missing_scope")
    with StrictSlack(USERS) as fake:
        fake.files["a.jpg"] = b"jpeg"
        assert _get(f"{fake.url}/files/a.jpg", "Bearer xoxb-test") == (200, b"jpeg")
        assert _get(f"{fake.url}/files/a.jpg", None)[0] == 403
        assert _get(f"{fake.url}/files/nope.jpg", "Bearer xoxb-test")[0] == 404
        assert len(fake.called("download")) == 1 and len(fake.refused) == 2


def _get(url: str, authorization: str | None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": authorization} if authorization else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# -- channels, users, DMs ----------------------------------------------------------------------


def test_posting_where_the_bot_is_not_a_member(slack):
    assert error_of(lambda: post(slack, channel="CRANDOM", text="x")) == "not_in_channel"
    assert error_of(lambda: post(slack, channel="#general", text="x")) == "channel_not_found"


def test_a_user_id_as_channel_posts_into_the_apps_dm(slack):
    answer = post(slack, channel="UALICE", text="hi")
    assert answer["ok"] and answer["channel"] == "DUALICE"
    assert error_of(lambda: post(slack, channel="UNOBODY", text="x")) == "channel_not_found"


def test_conversations_open_returns_the_users_dm():
    with StrictSlack(USERS, scopes={"chat:write", "im:write"}, strict_dms=True) as fake:
        web = client(fake)
        assert error_of(lambda: web.chat_postMessage(channel="DRANDOM", text="x")) == "channel_not_found"
        assert web.chat_postMessage(channel="DALICE", text="x")["ok"]  # the DM alice has with the app
        channel = web.conversations_open(users="UBOB")["channel"]["id"]
        assert channel == "DUBOB" and web.chat_postMessage(channel=channel, text="x")["ok"]
        assert error_of(lambda: web.conversations_open(users="UNOBODY")) == "user_not_found"


def test_any_dm_id_is_accepted_by_default(slack):
    assert post(slack, channel="DWHOEVER", text="x")["ok"]


def test_post_ephemeral_needs_a_user_and_a_channel_the_bot_is_in(slack):
    web = client(slack)
    assert web.chat_postEphemeral(channel="CGENERAL", user="UALICE", text="psst")["ok"]
    assert (
        error_of(lambda: web.chat_postEphemeral(channel="CGENERAL", user="UNOBODY", text="x"))
        == "user_not_in_channel"
    )
    assert (
        error_of(lambda: web.chat_postEphemeral(channel="COTHER", user="UALICE", text="x"))
        == "not_in_channel"
    )


def test_users_info_over_get(slack):
    user = client(slack).users_info(user="UALICE")["user"]
    assert user["name"] == "alice" and user["profile"]["display_name"] == "alice"
    assert error_of(lambda: client(slack).users_info(user="UNOBODY")) == "user_not_found"


def test_auth_test_and_socket_mode_stop(slack):
    assert client(slack).auth_test()["user_id"] == "UBOT"
    with pytest.raises(SlackApiError):
        client(slack).apps_connections_open(app_token="xoxb-test")
    slack.assert_clean()  # the scripted socket-mode stop is not a refusal


def test_tokens_and_unknown_methods(slack):
    stranger = WebClient(token="xoxb-other", base_url=slack.api_url)
    assert error_of(stranger.auth_test) == "invalid_auth"
    assert error_of(lambda: client(slack).api_call("chat.postMessageX")) == "unknown_method"


def test_file_upload_v2_round_trip(slack):
    answer = client(slack).files_upload_v2(channel="CSUPPLIES", content=b"a,b\n1,2\n", filename="stock.csv")
    assert answer["ok"] and slack.called("upload")[0]["bytes"] == 8
    [complete] = slack.called("files.completeUploadExternal")
    assert complete["channel_id"] == "CSUPPLIES"
    slack.assert_clean()


def test_completing_an_upload_that_never_happened(slack):
    web = client(slack)
    file_id = web.files_getUploadURLExternal(filename="a.csv", length=3)["file_id"]
    assert error_of(lambda: web.files_completeUploadExternal(files=[{"id": file_id}])) == "file_not_found"
    assert error_of(lambda: web.files_getUploadURLExternal(filename="a.csv", length=0)) == "missing_argument"


def test_file_infos_answer_in_turn(slack):
    slack.file_infos["F1"] = [{"id": "F1", "n": 1}, {"id": "F1", "n": 2}]
    assert [client(slack).files_info(file="F1")["file"]["n"] for _ in range(3)] == [1, 2, 2]
    assert client(slack).files_info(file="F9")["file"] == {"id": "F9", "name": "file"}


# -- response_url ------------------------------------------------------------------------------


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


# -- faults ------------------------------------------------------------------------------------


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
