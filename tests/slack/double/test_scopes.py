"""The strict Slack double, driven over HTTP by slack_sdk's real clients: Scopes from the manifest, and downloads that need the bot token."""

from __future__ import annotations

import urllib.error
import urllib.request

from tests.slack import slack_rules as rules
from tests.slack.double.helpers import USERS, client, refused
from tests.slack.strict_slack import MANIFEST, StrictSlack


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
