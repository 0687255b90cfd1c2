"""Managers' forms: add or edit an asset, a stock item or a kit, every CSV
field a field of the form. A submission goes through the same rules as a CSV
row (services.csv_import.apply_row, services.kits.save): a bad value is shown
beside its field and nothing is written; a change is one ledger entry."""

from __future__ import annotations

import hashlib
import json

from domain.assets import ASSET_FIELDS
from domain.catalog_fields import field_texts
from domain.errors import DomainError
from domain.kits import make_kit
from domain.stock import STOCK_FIELDS
from services import kits
from services.csv_import import apply_row

CALLBACK = "qm_catalog_form"
KINDS = ("assets", "stock", "kits")
DATES = {"purchase_date", "warranty_until", "last_service"}
HIDDEN = {"holder", "due", "source_id", "depreciation"}  # set by check-outs and imports, not here
CHOICES = {"lendable": ("no", "yes"), "status": ("available", "maintenance", "retired", "checked_out")}
KIT_FIELDS = ("kit", "name", "items")
LABELS = {
    "asset_tag": "Asset tag",
    "sku": "SKU",
    "kit": "Kit code",
    "items": "Members (tags and SKU=N, with |)",
}
REQUIRED = {"asset_tag", "name", "sku", "unit", "kit", "items"}


def _plain(text: str) -> dict:
    return {"type": "plain_text", "text": text}


def fields(kind: str) -> list[str]:
    if kind == "kits":
        return list(KIT_FIELDS)
    specs = ASSET_FIELDS if kind == "assets" else STOCK_FIELDS
    return [name for name in specs if name not in HIDDEN]


def form(kind: str, current: dict[str, str] | None = None) -> dict:
    """The add form, or with `current` (the item's field texts) the edit form: its key can't change,
    and the quantity on hand is not a field (it moves by use, receipt and counts, never by an old form)."""
    current = current or {}
    key_field = fields(kind)[0]
    blocks = []
    for name in fields(kind):
        if current and name in (key_field, "on_hand"):
            continue  # editing: the tag, SKU or code names what is edited (private_metadata)
        label = LABELS.get(name, name.replace("_", " ").capitalize())
        value = current.get(name, "")
        if name in DATES:
            element = {"type": "datepicker", "action_id": name}
            if value:
                element["initial_date"] = value[:10]
        elif (
            name in CHOICES
        ):  # lendable yes/no; status (checked_out only as it stands: a holder comes with it)
            options = [{"text": _plain(c.replace("_", " ")), "value": c} for c in CHOICES[name]]
            chosen = next((o for o in options if o["value"] == value), options[0])
            element = {
                "type": "static_select",
                "action_id": name,
                "options": options,
                "initial_option": chosen,
            }
        else:
            element = {
                "type": "plain_text_input",
                "action_id": name,
                "multiline": name in ("items", "aliases"),
            }
            if value:
                element["initial_value"] = value
        block = {"type": "input", "block_id": name, "label": _plain(label), "element": element}
        if name not in REQUIRED:
            block["optional"] = True
        blocks.append(block)
    what = {"assets": "asset", "stock": "stock item", "kits": "kit"}[kind]
    editing = current.get(key_field)
    return {
        "type": "modal",
        "callback_id": CALLBACK,
        "private_metadata": f"{kind}|{editing or ''}|{fingerprint(current) if editing else ''}",
        "title": _plain(f"Edit {editing}"[:24] if editing else f"Add a {what}"),
        "submit": _plain("Save"),
        "close": _plain("Cancel"),
        "blocks": blocks,
    }


def fingerprint(texts: dict[str, str] | None) -> str:
    """The item as the form showed it: a save checks it still is (no one changed it meanwhile)."""
    shown = {
        k: v for k, v in (texts or {}).items() if k != "on_hand"
    }  # not on the form: it may move meanwhile
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()[:16]


def current_texts(uow, kind: str, key: str) -> dict[str, str] | None:
    if kind == "kits":
        kit = uow.kits.get(key)
        return {"kit": kit.code, "name": kit.name, "items": kit.items} if kit else None
    item = uow.assets.get(key) if kind == "assets" else uow.stock.get(key)
    if item is None:
        return None
    return field_texts(item, ASSET_FIELDS if kind == "assets" else STOCK_FIELDS)


def values_of(kind: str, state: dict) -> dict[str, str]:
    """The form's fields as CSV cell texts."""
    values, out = state.get("values", {}), {}
    for name in fields(kind):
        given = values.get(name, {}).get(name) or {}
        if "selected_date" in given:
            out[name] = given.get("selected_date") or ""
        elif "selected_option" in given:
            out[name] = (given.get("selected_option") or {}).get("value") or ""
        elif "value" in given:
            out[name] = given.get("value") or ""
    return out


def save(uow, ctx, metadata: str, state: dict) -> tuple[str | None, dict[str, str]]:
    """Apply a submitted form in `uow`: (what was done, {}) or (None, the errors by field)."""
    kind, editing, seen = (metadata.split("|") + ["", ""])[:3]
    if kind not in KINDS:
        return None, {fields("assets")[1]: "This form is out of date; open it again."}
    cells = values_of(kind, state)
    key_field = fields(kind)[0]
    if editing:
        if fingerprint(current_texts(uow, kind, editing)) != seen:
            return None, {fields(kind)[1]: f"{editing} was changed since this form opened: open it again."}
        cells[key_field] = editing
        cells.pop("on_hand", None)
    missing = [
        name for name in ("name", "items") if name in fields(kind) and name not in cells and not editing
    ]
    if missing or (kind == "kits" and not {"kit", "name", "items"} <= set(cells)):
        return None, {(missing or ["name"])[0]: "This can't be empty."}
    if not editing and current_texts(uow, kind, cells.get(key_field, "")) is not None:
        return None, {key_field: f"{cells[key_field]} already exists; edit it instead."}
    try:
        if kind == "kits":
            outcome, _ = kits.save(uow, ctx, make_kit(cells["kit"], cells["name"], cells["items"]))
        else:
            outcome = apply_row(uow, ctx, kind, cells, ctx.tz, record_changes=True)
    except DomainError as error:
        column, _, message = error.message.partition(": ")
        field = column.strip().lower() if column.strip().lower() in fields(kind) else fields(kind)[1]
        if field == key_field and editing:
            field = fields(kind)[1]
        return None, {field: (message or error.message)[:150]}
    done = {"created": "Added", "updated": "Saved", "unchanged": "Nothing changed in"}[outcome]
    return f"{done} {cells[key_field]}.", {}


PICK = "qm_edit_pick"  # the view that asks which item to edit


def pick_view() -> dict:
    picker = {
        "type": "external_select",
        "action_id": "qm_pick_any",
        "min_query_length": 1,
        "placeholder": _plain("Search by name, tag, SKU or kit"),
    }
    return {
        "type": "modal",
        "callback_id": PICK,
        "title": _plain("Edit an item"),
        "submit": _plain("Next"),
        "close": _plain("Cancel"),
        "blocks": [{"type": "input", "block_id": "item", "label": _plain("Item"), "element": picker}],
    }
