"""Method argument rules: what ids and timestamps look like, and the message, response_url and
view payloads chat.*, response URLs and views.* accept."""

from __future__ import annotations

import re
from typing import Any

from slack_sdk.models.views import View

from tests.slack.slack_rules_blocks import MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS, block_problems
from tests.slack.slack_rules_refusal import Refusal, _problem

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
# Payloads
# ---------------------------------------------------------------------------------------------

# https://docs.slack.dev/reference/methods/chat.postMessage (arg `text`): "Provide no more than
# 40,000 characters or risk truncation"; msg_too_long is in the method's error list.
MAX_MESSAGE_TEXT = 40_000


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
