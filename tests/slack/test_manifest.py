"""The app manifest declares what the code listens for, and nothing else."""

import re
from pathlib import Path

from tests.slack.slack_rules import REQUIRED_SCOPES, read_manifest_bot_scopes

MANIFEST = (Path(__file__).parents[2] / "manifest.yml").read_text()
LISTENERS = "".join(
    p.read_text() for p in (Path(__file__).parents[2] / "bot" / "slack" / "listeners").glob("*.py")
)


def declared_events() -> set[str]:
    block = MANIFEST.split("bot_events:")[1].split("interactivity:")[0]
    return set(re.findall(r"-\s+([a-z_.]+)", block))


def test_every_declared_event_has_a_listener_and_every_listener_is_declared():
    listened = set(re.findall(r'@app\.event\("([a-z_]+)"\)', LISTENERS))
    if "app.function(" in LISTENERS:  # Bolt's function listeners take function_executed events
        listened.add("function_executed")
    declared = {event.split(".")[0] for event in declared_events()}
    assert (
        listened
        == declared
        == {"app_mention", "app_home_opened", "message", "user_change", "function_executed"}
    )


def test_the_workflow_steps_declared_are_the_ones_the_code_runs():
    from bot.slack.workflow_steps import OUTPUT, STEPS
    from tests.slack.slack_rules_functions import read_manifest_functions

    declared = read_manifest_functions(Path(__file__).parents[2] / "manifest.yml")
    assert set(declared) == set(STEPS)
    for spec in declared.values():
        assert (
            spec.outputs == {OUTPUT: "string"} and spec.inputs["started_by"] == "slack#/types/interactivity"
        )
        assert "started_by" in spec.required_inputs
    assert "org_deploy_enabled: true" in MANIFEST  # steps need an org-ready app


def test_the_slash_command_interactivity_and_home_are_declared():
    assert "command: /qm" in MANIFEST and '@app.command("/qm")' in LISTENERS
    assert "is_enabled: true" in MANIFEST and "home_tab_enabled: true" in MANIFEST
    for path in re.findall(r"url: (\S+)", MANIFEST):
        assert path.endswith("/slack/events")


# Scopes that come with what the app listens for, not with a Web API call.
EVENT_SCOPES = {
    "app_mentions:read": "app_mention",
    "channels:history": "message.channels",
    "groups:history": "message.groups",
    "im:history": "message.im",
    "commands": "/qm",
    "users:read": "user_change",  # https://docs.slack.dev/reference/events/user_change: users:read
}


def methods_the_code_calls() -> set[str]:
    """Web API methods named in bot/: client.method_name(...) calls and the
    method names the outbox records ("chat.postEphemeral")."""
    code = "".join(p.read_text() for p in (Path(__file__).parents[2] / "bot").rglob("*.py"))
    called = {
        name.replace("_", ".") if name.replace("_", ".") in REQUIRED_SCOPES else name.replace("_", ".", 1)
        for name in re.findall(r"client\.([a-z]+_[a-zA-Z_]+)\(", code)
    }  # usergroups_users_list is usergroups.users.list; chat_postMessage, chat.postMessage
    named = set(re.findall(r'"((?:chat|conversations|users|files|views)\.[a-zA-Z]+)"', code))
    if "files.upload" in named or "files.upload.v2" in called:  # files_upload_v2 is these two calls
        named |= {"files.getUploadURLExternal", "files.completeUploadExternal"}
    if "url_private" in code:  # downloading a file posted to the bot
        named.add("files.info")
    return {m for m in called | named if m in REQUIRED_SCOPES}


def test_the_manifest_declares_exactly_the_scopes_the_calls_need():
    methods = methods_the_code_calls()
    assert {
        "chat.postMessage",
        "chat.postEphemeral",
        "users.info",
        "files.info",
        "conversations.open",
        "views.publish",
        "files.getUploadURLExternal",
    } <= methods
    needed = {
        scope for method in methods for scope in REQUIRED_SCOPES[method][:1]
    }  # the first: what a bot token uses
    declared = read_manifest_bot_scopes(Path(__file__).parents[2] / "manifest.yml")
    assert declared == needed | set(EVENT_SCOPES)


def test_the_shortcuts_declared_are_the_ones_listened_for():
    declared = set(
        re.findall(r"callback_id: (qm_\w+)", MANIFEST.split("shortcuts:")[1].split("slash_commands:")[0])
    )
    listened = {getattr(forms, name) for name in re.findall(r"@app\.shortcut\((\w+)\)", LISTENERS)}
    assert declared == listened == {"qm_record", "qm_check_out"}


from bot.slack.listeners import forms  # noqa: E402  (the shortcut ids the listeners name)
