"""Scope rules: the bot-token scopes each Web API method needs, Slack's missing_scope answer, and
the bot scopes an app manifest grants."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

# Bot-token scopes per method, from each method page's "Facts > Scopes > Bot token"
# (https://docs.slack.dev/reference/methods/<method>) and the scope pages'
# "Compatible API methods" (https://docs.slack.dev/reference/scopes/<scope>).
# A tuple lists alternatives: any one of them is enough. () means the bot token alone will do.
REQUIRED_SCOPES: dict[str, tuple[str, ...]] = {
    # https://docs.slack.dev/reference/methods/chat.postMessage (and chat.postEphemeral,
    # chat.update, chat.delete, chat.scheduleMessage): chat:write
    "chat.postMessage": ("chat:write",),
    "chat.postEphemeral": ("chat:write",),
    "chat.update": ("chat:write",),
    "chat.delete": ("chat:write",),
    "chat.scheduleMessage": ("chat:write",),
    "chat.deleteScheduledMessage": ("chat:write",),
    "chat.meMessage": ("chat:write",),
    "chat.getPermalink": (),
    # https://docs.slack.dev/reference/scopes/mpim.write lists conversations.open; im:write for 1:1 DMs.
    # A 1:1 open needs im:write and a group DM mpim:write: see scopes_needed().
    "conversations.open": ("im:write", "mpim:write"),
    # https://docs.slack.dev/reference/scopes/im.read: conversations.info, conversations.list,
    # conversations.members, users.conversations (with channels:read / groups:read / mpim:read by type)
    "conversations.info": ("channels:read", "groups:read", "im:read", "mpim:read"),
    "conversations.list": ("channels:read", "groups:read", "im:read", "mpim:read"),
    "conversations.members": ("channels:read", "groups:read", "im:read", "mpim:read"),
    "users.conversations": ("channels:read", "groups:read", "im:read", "mpim:read"),
    # https://docs.slack.dev/reference/methods/conversations.history (and .replies): *:history by type
    "conversations.history": ("channels:history", "groups:history", "im:history", "mpim:history"),
    "conversations.replies": ("channels:history", "groups:history", "im:history", "mpim:history"),
    "conversations.join": ("channels:join",),
    # https://docs.slack.dev/reference/methods/users.info: users:read
    "users.info": ("users:read",),
    "users.list": ("users:read",),
    "bots.info": ("users:read",),
    "users.lookupByEmail": ("users:read.email",),
    # https://docs.slack.dev/reference/scopes/users.profile.read
    "users.profile.get": ("users.profile:read",),
    "usergroups.list": ("usergroups:read",),
    "usergroups.users.list": ("usergroups:read",),
    # https://docs.slack.dev/reference/scopes/files.read: info about files and their download
    "files.info": ("files:read",),
    "files.list": ("files:read",),
    # https://docs.slack.dev/reference/methods/files.getUploadURLExternal (and completeUploadExternal)
    "files.getUploadURLExternal": ("files:write",),
    "files.completeUploadExternal": ("files:write",),
    "files.delete": ("files:write",),
    # https://docs.slack.dev/reference/scopes/reactions.read; reactions.add/remove: reactions:write
    "reactions.add": ("reactions:write",),
    "reactions.remove": ("reactions:write",),
    "reactions.get": ("reactions:read",),
    "pins.add": ("pins:write",),
    "team.info": ("team:read",),
    # views.* list no scope (method pages; e.g. slack_kit's copy of views.publish has "scopes": {})
    "views.publish": (),
    "views.open": (),
    # https://docs.slack.dev/reference/methods/functions.completeSuccess (and completeError): no scope;
    # called with the execution's own token (function_executed's bot_access_token)
    "functions.completeSuccess": (),
    "functions.completeError": (),
    "views.update": (),
    "views.push": (),
    "auth.test": (),
    # apps.connections.open takes an app-level token (connections:write), never a bot token.
    "apps.connections.open": (),
}

# GETs of url_private / url_private_download: https://docs.slack.dev/reference/scopes/files.read
# ("retrieve both information about files ... as well as download those files").
DOWNLOAD_SCOPE = "files:read"

# Methods whose scope depends on the kind of conversation passed in `channel`.
_CHANNEL_TYPED_SCOPES = {
    "read": {"C": "channels:read", "G": "groups:read", "D": "im:read"},
    "history": {"C": "channels:history", "G": "groups:history", "D": "im:history"},
}
_CHANNEL_TYPED_METHODS = {
    "conversations.info": "read",
    "conversations.members": "read",
    "conversations.history": "history",
    "conversations.replies": "history",
}


def scopes_needed(method: str, params: dict[str, Any]) -> tuple[str, ...]:
    """The scopes that would satisfy this call (any one is enough); () when none is needed."""
    if method == "conversations.open":
        users = [u for u in str(params.get("users") or "").split(",") if u.strip()]
        return ("mpim:write",) if len(users) > 1 else ("im:write",)
    family = _CHANNEL_TYPED_METHODS.get(method)
    channel = str(params.get("channel") or "")
    if family and channel[:1] in _CHANNEL_TYPED_SCOPES[family]:
        return (_CHANNEL_TYPED_SCOPES[family][channel[:1]],)
    return REQUIRED_SCOPES.get(method, ())


def missing_scope_answer(needed: tuple[str, ...], granted: Iterable[str]) -> dict[str, Any]:
    """Slack's answer to a token without the scope: it names the scope(s) needed and those granted
    (https://docs.slack.dev/apis/web-api#errors; the `needed`/`provided` fields are in the SDKs'
    response types: https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/type-aliases/
    ChatPostMessageResponse)."""
    return {
        "ok": False,
        "error": "missing_scope",
        "needed": ",".join(needed),
        "provided": ",".join(sorted(granted)),
    }


def read_manifest_bot_scopes(path: Path) -> set[str]:
    """`oauth_config.scopes.bot` from an app manifest, read with a tiny indentation-aware reader
    (PyYAML is not installed in the project's venv)."""
    wanted = ["oauth_config", "scopes", "bot"]
    depth, depth_indent, scopes = 0, [-1], set()
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        while depth and indent <= depth_indent[depth]:
            depth -= 1
            depth_indent.pop()
        text = line.strip()
        if depth == len(wanted):
            if text.startswith("- "):
                scopes.add(text[2:].strip().strip("'\""))
            continue
        if text.rstrip(":") == wanted[depth] and text.endswith(":"):
            depth += 1
            depth_indent.append(indent)
    return scopes
