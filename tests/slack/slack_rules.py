"""Slack's platform contract as pure functions, for the strict test double (strict_slack.py).

Every rule names the documentation page it comes from. Nothing here looks at the bot's code:
the rules come from Slack's docs, so a payload the real Slack would refuse fails a test.

Problems are reported the way Slack reports them in `response_metadata.messages`, e.g.
"[ERROR] no more than 50 items allowed [json-pointer:/blocks]"
(format seen in real answers: https://github.com/adobe/spacecat-api-service/issues/176 and
https://github.com/incidentbot/incidentbot/issues/328).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

BLOCKS_DOC = "https://docs.slack.dev/reference/block-kit/blocks"

# https://docs.slack.dev/reference/block-kit/blocks: "up to 50 blocks in each message,
# and 100 blocks in modals or Home tabs".
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
# https://docs.slack.dev/reference/block-kit/blocks/section-block: block_id max 255 and should be
# unique for each message; text max 3000; fields max 10 items, each max 2000.
MAX_BLOCK_ID = 255
MAX_SECTION_TEXT = 3000
MAX_SECTION_FIELDS = 10
MAX_SECTION_FIELD_TEXT = 2000
# https://docs.slack.dev/reference/block-kit/blocks/header-block: plain_text, max 150.
MAX_HEADER_TEXT = 150
# https://docs.slack.dev/reference/block-kit/blocks/actions-block: max 25 elements.
MAX_ACTIONS_ELEMENTS = 25
# https://docs.slack.dev/reference/block-kit/blocks/context-block: max 10 elements.
MAX_CONTEXT_ELEMENTS = 10
# https://docs.slack.dev/reference/block-kit/block-elements/button-element: text plain_text max 75,
# action_id max 255 (unique among the action_ids of its block), value max 2000, url max 3000.
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_BUTTON_URL = 3000
MAX_ACTION_ID = 255
# https://docs.slack.dev/reference/methods/chat.postMessage (arg `text`): "Provide no more than
# 40,000 characters or risk truncation"; msg_too_long is in the method's error list.
MAX_MESSAGE_TEXT = 40_000

# The block types slack_sdk.models knows (Block.parse answers None for anything else); they are
# the ones listed on https://docs.slack.dev/reference/block-kit/blocks.
KNOWN_BLOCK_TYPES = frozenset(
    {
        "section",
        "divider",
        "image",
        "actions",
        "context",
        "context_actions",
        "input",
        "file",
        "call",
        "header",
        "markdown",
        "video",
        "rich_text",
        "table",
        "task_card",
        "plan",
        "alert",
        "card",
        "container",
        "carousel",
        "auth_provider",
    }
)
TEXT_OBJECT_TYPES = ("plain_text", "mrkdwn")

# ---------------------------------------------------------------------------------------------
# Scopes
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------------------------

_CONVERSATION_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
# A message ts is "seconds.micros"; a malformed thread_ts answers invalid_thread_ts
# ("[ERROR] 0 is not a valid thread_ts": https://github.com/jenkinsci/slack-plugin/issues/584).
_TS = re.compile(r"^\d+\.\d+$")


def conversation_kind(channel: str) -> str | None:
    """'channel' (C/G), 'dm' (D), 'user' (U/W: posts into the app's DM) or None (not an id)."""
    if _USER_ID.match(channel):
        return "user"
    if _CONVERSATION_ID.match(channel):
        return "dm" if channel.startswith("D") else "channel"
    return None


def looks_like_ts(value: Any) -> bool:
    return isinstance(value, str) and bool(_TS.match(value))


# ---------------------------------------------------------------------------------------------
# Block Kit
# ---------------------------------------------------------------------------------------------


@dataclass
class Refusal:
    """An ok:false answer: Slack's error name and the messages it adds in response_metadata."""

    error: str
    messages: list[str] = field(default_factory=list)

    def answer(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error": self.error}
        if self.messages:
            body["errors"] = list(self.messages)
            body["response_metadata"] = {"messages": [f"[ERROR] {m}" for m in self.messages]}
        return body


def _problem(text: str, pointer: str) -> str:
    return f"{text} [json-pointer:{pointer}]"


def _text_of(obj: Any) -> str | None:
    return obj.get("text") if isinstance(obj, dict) and isinstance(obj.get("text"), str) else None


def _too_long(obj: Any, limit: int, pointer: str) -> list[str]:
    text = _text_of(obj)
    if text is not None and len(text) > limit:
        return [_problem(f"must be less than {limit + 1} characters", pointer)]
    return []


def _walk(node: Any, pointer: str) -> Iterator[tuple[dict, str]]:
    """Every dict inside a block, with its JSON pointer."""
    if isinstance(node, dict):
        yield node, pointer
        for key, value in node.items():
            yield from _walk(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{pointer}/{i}")


def _empty_text_objects(block: dict, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/composition-objects/text-object: `text` is required
    # (min length 1) for plain_text and mrkdwn objects.
    return [
        _problem("must be more than 0 characters", f"{p}/text")
        for node, p in _walk(block, pointer)
        if node.get("type") in TEXT_OBJECT_TYPES and not (_text_of(node) or "")
    ]


def _element_problems(element: Any, pointer: str) -> list[str]:
    if not isinstance(element, dict) or not isinstance(element.get("type"), str):
        return [_problem("must be an element object with a type", pointer)]
    problems: list[str] = []
    action_id = element.get("action_id")
    if action_id is not None and (not isinstance(action_id, str) or len(action_id) > MAX_ACTION_ID):
        problems.append(
            _problem(f"must be a string of at most {MAX_ACTION_ID} characters", f"{pointer}/action_id")
        )
    if element["type"] == "button":
        problems += _button_problems(element, pointer)
    return problems


def _button_problems(button: dict, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/block-elements/button-element
    text = button.get("text")
    if not isinstance(text, dict) or text.get("type") != "plain_text":
        return [_problem("must be a plain_text text object", f"{pointer}/text")]
    problems = _too_long(text, MAX_BUTTON_TEXT, f"{pointer}/text/text")
    for key, limit in (("value", MAX_BUTTON_VALUE), ("url", MAX_BUTTON_URL)):
        value = button.get(key)
        if isinstance(value, str) and len(value) > limit:
            problems.append(_problem(f"must be less than {limit + 1} characters", f"{pointer}/{key}"))
    return problems


def _duplicate_action_ids(elements: list, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/block-elements/button-element: action_id "should be
    # unique among all other action_ids in the containing block"; duplicates fail the whole message.
    seen: set[str] = set()
    problems = []
    for i, element in enumerate(elements):
        action_id = element.get("action_id") if isinstance(element, dict) else None
        if isinstance(action_id, str):
            if action_id in seen:
                problems.append(
                    _problem(f"duplicate action_id '{action_id}' in block", f"{pointer}/{i}/action_id")
                )
            seen.add(action_id)
    return problems


def _section_problems(block: dict, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/blocks/section-block
    problems = _too_long(block.get("text"), MAX_SECTION_TEXT, f"{pointer}/text/text")
    fields = block.get("fields")
    if isinstance(fields, list):
        if len(fields) > MAX_SECTION_FIELDS:
            problems.append(_problem(f"no more than {MAX_SECTION_FIELDS} items allowed", f"{pointer}/fields"))
        for i, item in enumerate(fields):
            problems += _too_long(item, MAX_SECTION_FIELD_TEXT, f"{pointer}/fields/{i}/text")
    if "accessory" in block:
        problems += _element_problems(block["accessory"], f"{pointer}/accessory")
    return problems


def _header_problems(block: dict, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/blocks/header-block
    text = block.get("text")
    if not isinstance(text, dict) or text.get("type") != "plain_text":
        return [_problem("must be a plain_text text object", f"{pointer}/text")]
    return _too_long(text, MAX_HEADER_TEXT, f"{pointer}/text/text")


def _elements_problems(block: dict, pointer: str, limit: int, interactive: bool) -> list[str]:
    elements = block.get("elements")
    if not isinstance(elements, list) or not elements:
        return [_problem("must provide at least one element", f"{pointer}/elements")]
    problems = []
    if len(elements) > limit:
        problems.append(_problem(f"no more than {limit} items allowed", f"{pointer}/elements"))
    if interactive:
        for i, element in enumerate(elements):
            problems += _element_problems(element, f"{pointer}/elements/{i}")
        problems += _duplicate_action_ids(elements, f"{pointer}/elements")
    return problems


def _type_specific_problems(block: dict, pointer: str) -> list[str]:
    kind = block["type"]
    if kind == "section":
        return _section_problems(block, pointer)
    if kind == "header":
        return _header_problems(block, pointer)
    if kind == "actions":  # https://docs.slack.dev/reference/block-kit/blocks/actions-block
        return _elements_problems(block, pointer, MAX_ACTIONS_ELEMENTS, interactive=True)
    if kind == "context":  # https://docs.slack.dev/reference/block-kit/blocks/context-block
        return _elements_problems(block, pointer, MAX_CONTEXT_ELEMENTS, interactive=False)
    if kind == "input" and "element" in block:
        return _element_problems(block["element"], f"{pointer}/element")
    return []


def _sdk_problems(block: dict, pointer: str) -> list[str]:
    """slack_sdk.models' own checks (Block.parse + validate_json)."""
    try:
        parsed = Block.parse(block)
        if parsed is None:
            return [_problem(f"unsupported block type '{block.get('type')}'", f"{pointer}/type")]
        parsed.validate_json()
    except Exception as error:  # the SDK raises SlackObjectFormationError, TypeError, ...
        return [_problem(f"{type(error).__name__}: {error}", pointer)]
    return []


def _block_problems(block: Any, pointer: str) -> list[str]:
    if not isinstance(block, dict) or not isinstance(block.get("type"), str):
        return [_problem("must be a block object with a type", pointer)]
    if block["type"] not in KNOWN_BLOCK_TYPES:  # https://docs.slack.dev/reference/block-kit/blocks
        return [_problem(f"unsupported block type '{block['type']}'", f"{pointer}/type")]
    problems = _sdk_problems(block, pointer)
    block_id = block.get("block_id")
    if block_id is not None and (not isinstance(block_id, str) or len(block_id) > MAX_BLOCK_ID):
        problems.append(
            _problem(f"must be a string of at most {MAX_BLOCK_ID} characters", f"{pointer}/block_id")
        )
    return problems + _type_specific_problems(block, pointer) + _empty_text_objects(block, pointer)


def _duplicate_block_ids(blocks: list, pointer: str) -> list[str]:
    # https://docs.slack.dev/reference/block-kit/blocks/section-block (block_id): "should be unique
    # for each message and each iteration of a message".
    seen: set[str] = set()
    problems = []
    for i, block in enumerate(blocks):
        block_id = block.get("block_id") if isinstance(block, dict) else None
        if isinstance(block_id, str):
            if block_id in seen:
                problems.append(_problem(f"duplicate block_id '{block_id}'", f"{pointer}/{i}/block_id"))
            seen.add(block_id)
    return problems


def block_problems(blocks: Any, max_blocks: int, pointer: str = "/blocks") -> list[str]:
    """What is wrong with a list of blocks (empty list: nothing)."""
    if not isinstance(blocks, list):
        return [_problem("must be an array of blocks", pointer)]
    problems = []
    if len(blocks) > max_blocks:
        problems.append(_problem(f"no more than {max_blocks} items allowed", pointer))
    for i, block in enumerate(blocks):
        problems += _block_problems(block, f"{pointer}/{i}")
    return problems + _duplicate_block_ids(blocks, pointer)


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def message_refusal(params: dict[str, Any]) -> Refusal | None:
    """The message rules shared by chat.postMessage / chat.postEphemeral / chat.update and
    response_url bodies. None when Slack would take the message."""
    text, blocks = params.get("text"), params.get("blocks")
    if text is not None and not isinstance(text, str):
        return Refusal("invalid_arguments", [_problem("must be a string", "/text")])
    if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
        return Refusal("msg_too_long")
    if isinstance(blocks, str):
        # chat.postMessage errors: invalid_blocks_format, "blocks is not a valid JSON object".
        return Refusal("invalid_blocks_format")
    if blocks:
        problems = block_problems(blocks, MAX_MESSAGE_BLOCKS)
        if problems:
            return Refusal("invalid_blocks", problems)
        if not _has_text(text):
            # STRICTER THAN SLACK, on purpose (project rule): Slack accepts blocks without a
            # top-level `text` but then notifications and screen readers have nothing to say
            # (https://docs.slack.dev/reference/methods/chat.postMessage, "text" argument and its
            # accessibility notes; slack_sdk also warns). We refuse it.
            return Refusal(
                "missing_text_fallback",
                [_problem("blocks need a non-empty top-level text fallback", "/text")],
            )
        return None
    if not _has_text(text) and not params.get("attachments"):
        return Refusal("no_text")  # chat.postMessage errors: no_text
    return None


RESPONSE_TYPES = ("ephemeral", "in_channel")


def response_payload_refusal(body: Any) -> Refusal | None:
    """A POST to a response_url: a message payload plus response_type / replace_original /
    delete_original (https://docs.slack.dev/interactivity/handling-user-interaction, "Message
    responses"). Webhook-style errors (invalid_payload for a body that cannot be understood):
    https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks"""
    if not isinstance(body, dict):
        return Refusal("invalid_payload")
    response_type = body.get("response_type")
    if response_type is not None and response_type not in RESPONSE_TYPES:
        return Refusal("invalid_payload", [_problem("must be ephemeral or in_channel", "/response_type")])
    for flag in ("replace_original", "delete_original"):
        if flag in body and not isinstance(body[flag], bool):
            return Refusal("invalid_payload", [_problem("must be a boolean", f"/{flag}")])
    if body.get("delete_original") is True:
        return None  # deleting needs no content
    return message_refusal(body)


# https://docs.slack.dev/reference/views (view payloads): modal and home surfaces.
def view_refusal(view: Any, allowed_types: set[str]) -> Refusal | None:
    """views.open / views.update / views.publish answer invalid_arguments (with messages
    pointing into /view) for a view Slack would not render."""
    if not isinstance(view, dict):
        return Refusal("invalid_arguments", [_problem("must be a view object", "/view")])
    if view.get("type") not in allowed_types:
        expected = " or ".join(sorted(allowed_types))
        return Refusal("invalid_arguments", [_problem(f"type must be {expected}", "/view/type")])
    problems = block_problems(view.get("blocks", []), MAX_VIEW_BLOCKS, "/view/blocks")
    if not problems:
        try:
            View(**view).validate_json()
        except Exception as error:  # slack_sdk's own checks (title length, block count, ...)
            problems.append(_problem(f"{type(error).__name__}: {error}", "/view"))
    return Refusal("invalid_arguments", problems) if problems else None
