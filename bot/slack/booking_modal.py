"""The Book modal: an item picker that searches the catalog as you type
(external_select, answered from the resolver), a day, a time range and whom
it is for. Submitted, it books through the assistant like "book X Tuesday
2-4pm"; a refusal is shown beside the field it is about, and nothing is booked."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

from domain import commands as C
from domain.commands import ASSETS

CALLBACK = "qm_book"
ITEM, DAY, LAST_DAY, START, END, WHOM = "item", "day", "last_day", "start", "end", "whom"
ITEM_ACTION = "qm_book_item"  # the external_select whose options Slack asks for (block_suggestion)
MAX_OPTIONS = 100  # https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element (external)
MAX_OPTION_TEXT = 75


def _plain(text: str) -> dict:
    return {"type": "plain_text", "text": text}


def option(tag: str, label: str) -> dict:
    text = label if len(label) <= MAX_OPTION_TEXT else label[: MAX_OPTION_TEXT - 1] + "…"
    return {"text": _plain(text), "value": tag}


def _input(block_id: str, label: str, element: dict, optional: bool = False) -> dict:
    block = {"type": "input", "block_id": block_id, "label": _plain(label), "element": element}
    if optional:
        block["optional"] = True
    return block


def view(today: date, item: tuple[str, str] | None = None) -> dict:
    """The modal; `item` (tag, label) chosen already when opened from an item's Book button."""
    picker = {
        "type": "external_select",
        "action_id": ITEM_ACTION,
        "min_query_length": 1,
        "placeholder": _plain("Search by name or tag"),
    }
    if item:
        picker["initial_option"] = option(*item)
    return {
        "type": "modal",
        "callback_id": CALLBACK,
        "title": _plain("Book equipment"),
        "submit": _plain("Book"),
        "close": _plain("Cancel"),
        "blocks": [
            _input(ITEM, "Item", picker),
            _input(DAY, "Day", {"type": "datepicker", "action_id": DAY, "initial_date": today.isoformat()}),
            _input(START, "From", {"type": "timepicker", "action_id": START, "initial_time": "09:00"}),
            _input(END, "Until", {"type": "timepicker", "action_id": END, "initial_time": "17:00"}),
            _input(
                LAST_DAY, "Until another day (optional)", {"type": "datepicker", "action_id": LAST_DAY}, True
            ),
            _input(WHOM, "For someone else (optional)", {"type": "users_select", "action_id": WHOM}, True),
        ],
    }


def options(index, query: str) -> list[dict]:
    """Assets that fit what was typed, best first (the resolver's matches, then its suggestions)."""
    query = (query or "").strip()
    if not query:
        return []
    found = index.resolve(query, ASSETS)
    seen, out = set(), []
    for item in [*found.items, *found.suggestions]:
        if item.key not in seen:
            seen.add(item.key)
            out.append(option(item.key, item.label))
    return out[:MAX_OPTIONS]


def submitted(state: dict, tz: tzinfo) -> tuple[C.Book | None, dict[str, str]]:
    """The booking a submitted modal asks for, or the errors to show beside its fields."""
    values = state.get("values", {})

    def picked(block: str, key: str):
        return (values.get(block, {}).get(block if block != ITEM else ITEM_ACTION) or {}).get(key)

    tag = (picked(ITEM, "selected_option") or {}).get("value")
    day, last = picked(DAY, "selected_date"), picked(LAST_DAY, "selected_date")
    start, end = picked(START, "selected_time"), picked(END, "selected_time")
    errors = {}
    if not tag:
        errors[ITEM] = "Pick the item to book."
    if not day:
        errors[DAY] = "Pick the day."
    if not start or not end:
        errors[START if not start else END] = "Pick the time."
    if errors:
        return None, errors
    try:
        first = date.fromisoformat(day)
        until = date.fromisoformat(last) if last else first
        time.fromisoformat(start), time.fromisoformat(end)
    except (TypeError, ValueError):
        return None, {DAY: "Pick the day and times again."}
    if not last and time.fromisoformat(end) <= time.fromisoformat(start) and end <= "06:00" <= start:
        until = first + timedelta(days=1)  # "22:00 until 00:00": into the next day
    # through UTC, so a time the clocks skip (a DST gap) is the real instant, said as it is
    begins = datetime.combine(first, time.fromisoformat(start), tz).astimezone(timezone.utc)
    ends = datetime.combine(until, time.fromisoformat(end), tz).astimezone(timezone.utc)
    whom = picked(WHOM, "selected_user")
    return C.Book(ref=tag, words=tag, start=begins, end=ends, person=whom), {}


def error_field(text: str) -> str:
    """Which field a refusal is about, to show it there."""
    low = text.lower()
    if "past" in low or "end before" in low or "days long" in low or "until when" in low:
        return END
    if "when do you need" in low:
        return DAY
    return ITEM
