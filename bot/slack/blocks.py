"""Replies as Block Kit, with plain-text fallbacks. Pure functions."""
from __future__ import annotations

import json

from services.replies import Card, Reply, ReplyKind

MAX_SECTION = 2900  # Slack's limit for a section's text is 3000 characters
MAX_BUTTON_VALUE = 2000


def reply_blocks(reply: Reply, original_text: str | None = None) -> list[dict]:
    blocks: list[dict] = [card_block(card) for card in reply.cards] if reply.cards else [section(reply.text)]
    if reply.kind is ReplyKind.QUESTION and reply.choices:
        buttons = []
        for choice in reply.choices[:5]:
            choice_value = {"ref": reply.reference, "field": reply.reference_field, "key": choice.key}
            value = json.dumps({"text": original_text or "", **choice_value})
            if len(value) > MAX_BUTTON_VALUE:
                value = json.dumps({"text": "", **choice_value})
            buttons.append(button(choice.label[:75], "qm_choose", value))
        blocks.append({"type": "actions", "block_id": "qm_choices", "elements": buttons})
    if reply.confirm:
        heard, by, source = reply.confirm
        value = json.dumps({"text": heard, "by": by, "source": source})  # short: the assistant caps what it confirms
        blocks.append({"type": "actions", "block_id": "qm_voice",
                       "elements": [button("Confirm", "qm_confirm", value, style="primary"), button("Cancel", "qm_cancel", value)]})
    elements = [button("Undo", "qm_undo", ",".join(map(str, reply.entry_ids)))] if reply.kind is ReplyKind.CHANGE and reply.entry_ids else []
    elements += [button(label[:75], action, value) for label, action, value in reply.offers[:5]]
    if elements:
        blocks.append({"type": "actions", "block_id": "qm_next", "elements": elements})
    return blocks


def due_notice_blocks(text: str, tag: str) -> list[dict]:
    """A reminder about an asset someone holds, with Return and Extend."""
    return [
        section(text),
        {
            "type": "actions",
            "block_id": "qm_due",
            "elements": [button("Return", "qm_return", tag, style="primary"), button("Extend a week", "qm_extend", tag)],
        },
    ]


def card_block(card: Card) -> dict:
    """An item card: the title, then up to ten label/value fields."""
    fields = [{"type": "mrkdwn", "text": f"*{escape(label)}*\n{escape(value)}"} for label, value in card.fields[:10]]
    return {"type": "section", "text": {"type": "mrkdwn", "text": f"*{escape(card.title)}*"}, "fields": fields}


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": escape(text)[:MAX_SECTION] or " "}}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict:
    element = {"type": "button", "text": {"type": "plain_text", "text": label, "emoji": True}, "action_id": action_id, "value": value}
    if style:
        element["style"] = style
    return element


def escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
