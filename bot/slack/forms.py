"""The forms behind `/qm` with no text: a menu (Check out, Return, Used,
Received, Book, Find), each opening its form in the same modal. Item pickers
are external_select menus answered from the catalog resolver (block_suggestion);
a submitted form becomes the command the words would have been, and a
refusal is shown beside the field it is about."""

from __future__ import annotations

from datetime import date, datetime, time, timezone, tzinfo

from bot.slack.blocks import card_block
from bot.slack.booking_modal import option
from domain import commands as C
from domain.commands import Command
from domain.ledger import ItemType

MENU, FORM = "qm_menu", "qm_form"  # view callback ids
FORM_BUTTON = "qm_form"  # a menu button; its value names the form
ITEM, UNTIL, WHOM, AMOUNT = "item", "until", "whom", "amount"
PICKERS = {  # the external_select of each kind of form, and what it offers
    "qm_pick_asset": (ItemType.ASSET, ItemType.KIT),
    "qm_pick_held": (ItemType.ASSET, ItemType.KIT, ItemType.STOCK),
    "qm_pick_stock": (ItemType.STOCK,),
    "qm_pick_any": (ItemType.ASSET, ItemType.STOCK, ItemType.KIT),
}
FORMS = {  # kind -> title, submit label, picker, extra fields
    "check_out": ("Check out", "Check out", "qm_pick_asset", (UNTIL, WHOM)),
    "return": ("Return", "Return", "qm_pick_held", ()),
    "used": ("Record use", "Record", "qm_pick_stock", (AMOUNT,)),
    "received": ("Record a delivery", "Record", "qm_pick_stock", (AMOUNT,)),
    "find": ("Find an item", "Show", "qm_pick_any", ()),
}
MENU_ITEMS = (
    ("Check out", "check_out"),
    ("Return", "return"),
    ("Used", "used"),
    ("Received", "received"),
    ("Book", "book"),
    ("Find", "find"),
)
MAX_OPTIONS = 100


def _plain(text: str) -> dict:
    return {"type": "plain_text", "text": text}


MANAGER_ITEMS = (
    ("Add an asset", "add:assets"),
    ("Add a stock item", "add:stock"),
    ("Add a kit", "add:kits"),
    ("Edit an item", "edit"),
)


def menu(manager: bool = False) -> dict:
    items = MENU_ITEMS + (MANAGER_ITEMS if manager else ())
    buttons = [
        {"type": "button", "text": _plain(label), "action_id": f"{FORM_BUTTON}#{n}", "value": kind}
        for n, (label, kind) in enumerate(items)
    ]
    return {
        "type": "modal",
        "callback_id": MENU,
        "title": _plain("Quartermaster"),
        "close": _plain("Close"),
        "blocks": [
            {"type": "section", "text": _plain("What would you like to do?")},
            {"type": "actions", "block_id": "qm_menu_actions", "elements": buttons},
        ],
    }


def form(kind: str) -> dict:
    title, submit, picker, extra = FORMS[kind]
    blocks = [
        _input(
            ITEM,
            "Item",
            {
                "type": "external_select",
                "action_id": picker,
                "min_query_length": 1,
                "placeholder": _plain("Search by name, tag or SKU"),
            },
        )
    ]
    if UNTIL in extra:
        blocks.append(_input(UNTIL, "Until (optional)", {"type": "datepicker", "action_id": UNTIL}, True))
    if WHOM in extra:
        blocks.append(
            _input(WHOM, "For someone else (optional)", {"type": "users_select", "action_id": WHOM}, True)
        )
    if AMOUNT in extra:
        amount = {"type": "number_input", "action_id": AMOUNT, "is_decimal_allowed": False, "min_value": "1"}
        blocks.append(_input(AMOUNT, "How many (in its base unit)", amount))
    return {
        "type": "modal",
        "callback_id": FORM,
        "private_metadata": kind,
        "title": _plain(title),
        "submit": _plain(submit),
        "close": _plain("Cancel"),
        "blocks": blocks,
    }


def answer_view(title: str, text: str, cards=()) -> dict:
    """What a Find shows, in the modal itself: the answer, then each item's card."""
    shown = text if len(text) <= 2900 else text[:2899] + "…"
    blocks = [{"type": "section", "text": _plain(shown)}] + [card_block(card) for card in cards[:10]]
    return {"type": "modal", "title": _plain(title[:24]), "close": _plain("Done"), "blocks": blocks}


def _input(block_id: str, label: str, element: dict, optional: bool = False) -> dict:
    block = {"type": "input", "block_id": block_id, "label": _plain(label), "element": element}
    if optional:
        block["optional"] = True
    return block


def options(index, action_id: str, query: str) -> list[dict]:
    """Items of the picker's kinds that fit what was typed, best first."""
    kinds = PICKERS.get(action_id)
    query = (query or "").strip()
    if not kinds or not query:
        return []
    found = index.resolve(query, kinds)
    seen, out = set(), []
    for item in [*found.items, *found.suggestions]:
        if item.key not in seen and item.type in kinds:
            seen.add(item.key)
            out.append(option(item.key, item.label))
    return out[:MAX_OPTIONS]


def submitted(kind: str, state: dict, tz: tzinfo) -> tuple[Command | None, dict[str, str]]:
    """The command a submitted form asks for, or the errors to show beside its fields."""
    values = state.get("values", {})
    picker = FORMS[kind][2]

    def picked(block: str, action: str, key: str):
        return (values.get(block, {}).get(action) or {}).get(key)

    key = (picked(ITEM, picker, "selected_option") or {}).get("value")
    if not key:
        return None, {ITEM: "Pick the item."}
    if kind == "check_out":
        day = picked(UNTIL, UNTIL, "selected_date")
        try:
            due = (
                datetime.combine(date.fromisoformat(day), time(17), tz).astimezone(timezone.utc)
                if day
                else None
            )
        except (TypeError, ValueError):
            return None, {UNTIL: "Pick a date."}
        return C.CheckOut(ref=key, due=due, person=picked(WHOM, WHOM, "selected_user")), {}
    if kind == "return":
        return C.CheckIn(ref=key), {}
    if kind in ("used", "received"):
        amount = picked(AMOUNT, AMOUNT, "value")
        if not amount or not str(amount).isdigit() or int(amount) < 1:
            return None, {AMOUNT: "Say how many, a whole number from 1."}
        move = C.Consume if kind == "used" else C.Receive
        return move(ref=key, count=int(amount)), {}
    return C.Info(ref=key), {}


def error_field(kind: str, text: str) -> str:
    low = text.lower()
    if AMOUNT in FORMS[kind][3] and ("only" in low or "how many" in low or "on hand" in low):
        return AMOUNT
    if UNTIL in FORMS[kind][3] and ("return time" in low or "past" in low or "booked" in low):
        return UNTIL
    return ITEM
