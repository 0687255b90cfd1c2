"""Replies as Block Kit, with plain-text fallbacks, inside Slack's limits
(https://docs.slack.dev/reference/block-kit/blocks). Pure functions.

A long answer is never cut mid-line or silently: it is split into sections
on line ends, and what does not fit is counted ("…and 120 more lines")."""

from __future__ import annotations

import json

from services.replies import Card, Reply, ReplyKind, Step

MAX_SECTION = 3000  # section text
MAX_BLOCKS = 50  # blocks in a message (a Home view takes 100)
MAX_TEXT = 40_000  # a message's top-level text
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_BUTTONS = 5  # we offer at most five next steps (Slack allows 25 per actions block)
MAX_CARDS = 20
# Next steps as buttons: the action IDs exist only here and in the listeners.
STEP_ACTIONS = {
    Step.SAY: "qm_say",
    Step.MOVE_HERE: "qm_move",
    Step.MAINTENANCE: "qm_maintenance",
    Step.BOOK: "qm_book",
}
ACTION_SEPARATOR = "#"  # action_id = name#n: unique within its block, as Slack requires


def reply_blocks(reply: Reply, original_text: str | None = None, lead: str = "") -> list[dict]:
    """`lead` is mrkdwn put before the text as it is (a mention, say)."""
    actions = _actions(reply, original_text)
    room = MAX_BLOCKS - len(actions)
    if reply.cards:
        cards = [card_block(card) for card in reply.cards[:MAX_CARDS]]
        if lead:
            cards.insert(0, {"type": "section", "text": {"type": "mrkdwn", "text": lead}})
        if len(reply.cards) > MAX_CARDS:
            cards.append(section(f"…and {len(reply.cards) - MAX_CARDS} more."))
        body = cards
    else:
        body = text_sections(reply.text, room, lead)
    return body[:room] + actions


def fallback_text(text: str, lead: str = "", limit: int = MAX_TEXT) -> str:
    """The message's plain `text` (notifications, screen readers): whole
    lines, with a count of the lines left out if it is too long."""
    shown, left = fit_lines([escape(line) for line in text.splitlines()] or [""], limit - len(lead) - 40)
    body = "\n".join(shown)
    if left:
        body += f"\n…and {left} more lines."
    return (lead + " " + body).strip() if lead else body or " "


def text_sections(text: str, max_blocks: int, lead: str = "") -> list[dict]:
    """Sections of whole lines, each within Slack's 3,000 characters."""
    lines = [escape(line) for line in (text.splitlines() or [""])]
    if lead:
        lines[0] = f"{lead} {lines[0]}"
    blocks, current = [], ""
    for n, line in enumerate(lines):
        line = line if len(line) <= MAX_SECTION else line[: MAX_SECTION - 1] + "…"
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= MAX_SECTION:
            current = candidate
            continue
        if len(blocks) == max_blocks - 2:  # keep a block for the count of what is left
            blocks.append(_section_raw(current))
            blocks.append(section(f"…and {len(lines) - n} more lines."))
            return blocks
        blocks.append(_section_raw(current))
        current = line
    blocks.append(_section_raw(current))
    return blocks


def fit_lines(lines: list[str], limit: int) -> tuple[list[str], int]:
    """The first lines that fit in `limit` characters, and how many did not."""
    shown, used = [], 0
    for n, line in enumerate(lines):
        used += len(line) + 1
        if used > limit:
            return shown, len(lines) - n
        shown.append(line)
    return shown, 0


def first_lines(text: str, count: int, more: str) -> str:
    """A list shortened to its first `count` lines, saying how many more and where to see them."""
    lines = text.splitlines()
    if len(lines) <= count:
        return text
    return "\n".join(lines[:count]) + f"\n…and {len(lines) - count} more: {more}"


def _actions(reply: Reply, original_text: str | None) -> list[dict]:
    blocks = []
    if (
        reply.kind is ReplyKind.QUESTION
        and reply.choices
        and reply.question_id is not None
        and not reply.confirm
    ):
        # The question is stored: a button names it and the choice, nothing more.
        buttons = [
            button(choice.label, "qm_choose", json.dumps({"q": reply.question_id, "key": choice.key}))
            for choice in reply.choices[:MAX_BUTTONS]
        ]
        blocks.append(actions("qm_choices", buttons))
    if reply.confirm and reply.question_id is not None:
        confirm, cancel = (json.dumps({"q": reply.question_id, "key": key}) for key in ("confirm", "cancel"))
        blocks.append(
            actions(
                "qm_voice",
                [
                    button("Confirm", "qm_confirm", confirm, style="primary"),
                    button("Cancel", "qm_cancel", cancel),
                ],
            )
        )
    if reply.more is not None and reply.question_id is not None:
        # A stored page: the button names it, and the list is not read again from old text.
        blocks.append(
            actions("qm_page", [button("More", "qm_more", json.dumps({"list": reply.question_id}))])
        )
    elements = []
    undo = ",".join(map(str, reply.entry_ids))
    if reply.kind is ReplyKind.CHANGE and reply.entry_ids and len(undo) <= MAX_BUTTON_VALUE:
        elements.append(button("Undo", "qm_undo", undo))  # (a change of hundreds of entries: undo in words)
    elements += [button(o.label, STEP_ACTIONS[o.step], o.value) for o in reply.offers[:MAX_BUTTONS]]
    if elements:
        blocks.append(actions("qm_next", elements[:MAX_BUTTONS]))
    return blocks


def actions(block_id: str, buttons: list[dict]) -> dict:
    """An actions block; each button's action_id gets its place as a suffix,
    so two buttons of one kind ("Used 1", "Received 1") never share an id."""
    elements = [{**b, "action_id": f"{b['action_id']}{ACTION_SEPARATOR}{n}"} for n, b in enumerate(buttons)]
    return {"type": "actions", "block_id": block_id, "elements": elements}


def action_name(action_id: str) -> str:
    """The kind of button clicked, without its place in the block."""
    return action_id.split(ACTION_SEPARATOR, 1)[0]


def due_notice_blocks(text: str, tag: str, extend: bool = True) -> list[dict]:
    """A reminder about an asset someone holds, with Return and Extend (a loan of stock: Return)."""
    buttons = [button("Return", "qm_return", tag, style="primary")]
    if extend:
        buttons.append(button("Extend a week", "qm_extend", tag))
    return [section(text), actions("qm_due", buttons)]


def card_block(card: Card) -> dict:
    """An item card: the title, then up to ten label/value fields."""
    fields = [
        {"type": "mrkdwn", "text": _cut(f"*{escape(label)}*\n{escape(value)}", 2000)}
        for label, value in card.fields[:10]
    ]
    block = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": _cut(f"*{escape(card.title)}*", MAX_SECTION)},
    }
    if fields:
        block["fields"] = fields
    return block


def section(text: str) -> dict:
    """A section of plain text (escaped), within Slack's 3,000 characters:
    a longer text keeps its whole lines and says how many were left out."""
    escaped = escape(text)
    if len(escaped) <= MAX_SECTION:
        return _section_raw(escaped)
    lines = [escape(line) for line in text.splitlines()]
    shown, left = fit_lines(lines, MAX_SECTION - 40)
    if not shown:  # one enormous line: cut it, before escaping (an entity is never split)
        return _section_raw(escape(text[: MAX_SECTION // 2]) + "…")
    return _section_raw("\n".join(shown) + f"\n…and {left} more lines.")


def _section_raw(mrkdwn: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(mrkdwn, MAX_SECTION) or " "}}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict:
    if len(value) > MAX_BUTTON_VALUE:
        raise ValueError(f"a button value of {len(value)} characters (Slack takes {MAX_BUTTON_VALUE})")
    element = {
        "type": "button",
        "text": {"type": "plain_text", "text": _cut(label, MAX_BUTTON_TEXT), "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        element["style"] = style
    return element


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
