"""Slack's platform contract as pure functions, for the strict test double (strict_slack.py).

Every rule names the documentation page it comes from. Nothing here looks at the bot's code:
the rules come from Slack's docs, so a payload the real Slack would refuse fails a test.

The rules live by topic in slack_rules_scopes.py (scopes per method), slack_rules_blocks.py
(Block Kit), slack_rules_arguments.py (ids, message / response_url / view payloads) and
slack_rules_refusal.py (how a refusal is reported); this module gathers them, so callers import
one name: `from tests.slack import slack_rules as rules`.
"""

from __future__ import annotations

from tests.slack.slack_rules_arguments import (
    MAX_MESSAGE_TEXT,
    RESPONSE_TYPES,
    conversation_kind,
    looks_like_ts,
    message_refusal,
    response_payload_refusal,
    view_refusal,
)
from tests.slack.slack_rules_blocks import (
    BLOCKS_DOC,
    KNOWN_BLOCK_TYPES,
    MAX_ACTION_ID,
    MAX_ACTIONS_ELEMENTS,
    MAX_BLOCK_ID,
    MAX_BUTTON_TEXT,
    MAX_BUTTON_URL,
    MAX_BUTTON_VALUE,
    MAX_CONTEXT_ELEMENTS,
    MAX_HEADER_TEXT,
    MAX_MESSAGE_BLOCKS,
    MAX_SECTION_FIELD_TEXT,
    MAX_SECTION_FIELDS,
    MAX_SECTION_TEXT,
    MAX_VIEW_BLOCKS,
    TEXT_OBJECT_TYPES,
    block_problems,
)
from tests.slack.slack_rules_refusal import Refusal
from tests.slack.slack_rules_scopes import (
    DOWNLOAD_SCOPE,
    REQUIRED_SCOPES,
    missing_scope_answer,
    read_manifest_bot_scopes,
    scopes_needed,
)

__all__ = [
    "BLOCKS_DOC",
    "DOWNLOAD_SCOPE",
    "KNOWN_BLOCK_TYPES",
    "MAX_ACTION_ID",
    "MAX_ACTIONS_ELEMENTS",
    "MAX_BLOCK_ID",
    "MAX_BUTTON_TEXT",
    "MAX_BUTTON_URL",
    "MAX_BUTTON_VALUE",
    "MAX_CONTEXT_ELEMENTS",
    "MAX_HEADER_TEXT",
    "MAX_MESSAGE_BLOCKS",
    "MAX_MESSAGE_TEXT",
    "MAX_SECTION_FIELD_TEXT",
    "MAX_SECTION_FIELDS",
    "MAX_SECTION_TEXT",
    "MAX_VIEW_BLOCKS",
    "REQUIRED_SCOPES",
    "RESPONSE_TYPES",
    "TEXT_OBJECT_TYPES",
    "Refusal",
    "block_problems",
    "conversation_kind",
    "looks_like_ts",
    "message_refusal",
    "missing_scope_answer",
    "read_manifest_bot_scopes",
    "response_payload_refusal",
    "scopes_needed",
    "view_refusal",
]
