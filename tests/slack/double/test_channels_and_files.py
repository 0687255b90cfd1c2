"""The strict Slack double, driven over HTTP by slack_sdk's real clients: Channels, users, DMs and file uploads as Slack answers them."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.slack.double.helpers import USERS, client, error_of, post
from tests.slack.strict_slack import StrictSlack


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
