"""Manager-only catalog changes from chat, and undo. Each is a ledger entry."""

from __future__ import annotations

from contextlib import contextmanager

from domain import gtin
from domain.aliases import SuggestionStatus
from domain.assets import ASSET_FIELDS, Asset, AssetStatus
from domain.catalog_fields import set_fields
from domain.errors import AlreadyExists, DomainError, InvalidValue, NothingToUndo, UndoConflict
from domain.ledger import BOOKING_ACTIONS, LOAN_ACTIONS, Action, ItemType
from domain.stock import STOCK_FIELDS, StockItem
from domain.undo import reverse_fields, reverse_quantity
from domain.values import singular
from services import bookings, kits, loans
from services.changes import Done, append, record, snapshot, track_reorder
from services.context import Context
from storage.unit_of_work import UnitOfWork

# Words people use for fields in chat -> the field's name.
FIELD_WORDS = {
    "dept": "department",
    "unit cost": "unit_cost",
    "salvage value": "salvage_value",
    "useful life": "useful_life_years",
    "purchase date": "purchase_date",
    "reorder qty": "reorder_qty",
    "reorder quantity": "reorder_qty",
    "alias": "aliases",
}


def add_asset(
    uow: UnitOfWork, ctx: Context, tag: str, name: str, fields: dict[str, str] | None = None
) -> Done:
    """A new asset with the fields the manager named (CSV columns' text), all
    checked before it is added."""
    ctx.actor.require_manager("add items to the catalog")
    _not_in_catalog(uow, tag)
    asset = Asset(tag=tag, name=" ".join(name.split()))
    with _nothing_done("added"):
        named = set_fields(asset, ASSET_FIELDS, {"name": asset.name, **(fields or {})}, ctx.tz)
        asset.validate()
    uow.assets.add(asset)
    entry_id = record(uow, ctx, Action.CREATE, asset, {k: "" for k in ASSET_FIELDS})
    return Done(f"Added asset {asset.tag} ({asset.name}){_listed(named)}.", entry_id)


def add_stock(
    uow: UnitOfWork, ctx: Context, sku: str, name: str, unit: str, fields: dict[str, str] | None = None
) -> Done:
    ctx.actor.require_manager("add items to the catalog")
    _not_in_catalog(uow, sku)
    item = StockItem(sku=sku, name=" ".join(name.split()), unit=singular(unit))
    with _nothing_done("added"):
        named = set_fields(item, STOCK_FIELDS, {"name": item.name, "unit": unit, **(fields or {})}, ctx.tz)
        item.validate()
    require_barcode_free(uow, item)
    uow.stock.add(item)
    entry_id = record(uow, ctx, Action.CREATE, item, {k: "" for k in STOCK_FIELDS}, quantity=0)
    return Done(
        f"Added stock item {item.sku} ({item.name}), counted in {item.unit}s{_listed(named)}. Nothing on hand yet.",
        entry_id,
    )


def require_barcode_free(uow: UnitOfWork, item: StockItem) -> None:
    """A manufacturer's code finds one item only, whichever form either was printed in."""
    if not item.barcode:
        return
    for key in gtin.keys(item.barcode):
        other = next((i for i in uow.stock.with_gtin(key) if i.key != item.key), None)
        if other is not None:
            raise AlreadyExists(
                f"barcode: {item.barcode} is already the barcode of {other.sku} ({other.name}); "
                "a manufacturer's code can find only one item"
            )


@contextmanager
def _nothing_done(what: str):
    """A value the field can't take: the refusal says so, and that nothing was `what`."""
    try:
        yield
    except InvalidValue as error:
        raise InvalidValue(f"{error.message.rstrip('.')}. Nothing was {what}.") from None


def _not_in_catalog(uow: UnitOfWork, key: str) -> None:
    if uow.assets.get(key) is not None or uow.stock.get(key) is not None:
        raise AlreadyExists(f"{key} is already in the catalog, so nothing was added.")


def _listed(changes: dict[str, tuple[str, str]]) -> str:
    """ ": manufacturer HP, serial 5CG123": the fields set besides the name and unit."""
    shown = [
        f"{k.replace('_', ' ')} {after}" for k, (_, after) in changes.items() if k not in ("name", "unit")
    ]
    return ": " + ", ".join(shown) if shown else ""


def edit(uow: UnitOfWork, ctx: Context, item_type: ItemType, key: str, field: str, value: str) -> Done:
    ctx.actor.require_manager("edit the catalog")
    field = FIELD_WORDS.get(field, field.replace(" ", "_"))
    if item_type is ItemType.STOCK and field == "cost":  # a stock item's cost is per unit
        field = "unit_cost"
    item, specs = _load(uow, item_type, key)
    if field not in specs or field in ("asset_tag", "sku", "status", "holder", "due", "on_hand"):
        raise InvalidValue(f"I can't set “{field.replace('_', ' ')}” on {key} this way.")
    before = snapshot(item)
    if field == "aliases":
        value = "|".join(item.aliases + (value,))
    with _nothing_done("changed"):
        changes = set_fields(item, specs, {field: value}, ctx.tz)
        if not changes:
            return Done(f"{key} already has {field.replace('_', ' ')} {value}; nothing to change.", 0)
        item.validate()
    if field == "barcode":
        require_barcode_free(uow, item)
    _save(uow, item)
    entry_id = record(uow, ctx, Action.EDIT, item, before)
    return Done(f"Updated {key}: {field.replace('_', ' ')} is now {changes[field][1] or 'empty'}.", entry_id)


def set_reorder(uow: UnitOfWork, ctx: Context, sku: str, point: int | None) -> Done:
    ctx.actor.require_manager("change reorder points")
    if point is None:
        raise InvalidValue("Give the reorder point as a number, e.g. “set reorder point for paper to 20”.")
    item, _ = _load(uow, ItemType.STOCK, sku)
    before = snapshot(item)
    item.reorder_point = point
    _save(uow, item)
    entry_id = record(uow, ctx, Action.EDIT, item, before)
    low = " It is at or below that now." if item.is_low else ""
    return Done(f"Reorder point for {item.name} set to {item.describe(point)}.{low}", entry_id)


def retire(uow: UnitOfWork, ctx: Context, tag: str) -> Done:
    ctx.actor.require_manager("retire items")
    asset, _ = _load(uow, ItemType.ASSET, tag)
    if asset.status is AssetStatus.RETIRED:
        raise DomainError(f"{asset.tag} is already retired.")
    if asset.status is AssetStatus.CHECKED_OUT:
        raise DomainError(
            f"{asset.tag} is checked out to {ctx.name_of(asset.holder)}; check it in before retiring it."
        )
    before = snapshot(asset)
    asset.status = AssetStatus.RETIRED
    _save(uow, asset)
    return Done(f"Retired {asset.tag} ({asset.name}).", record(uow, ctx, Action.EDIT, asset, before))


def accept_alias(uow: UnitOfWork, ctx: Context, suggestion_id: int) -> Done:
    """A manager makes suggested words a real alias of the item."""
    ctx.actor.require_manager("accept alias suggestions")
    suggestion = _open_suggestion(uow, suggestion_id)
    item, specs = _load(uow, ItemType(suggestion.item_type), suggestion.item_key)
    before = snapshot(item)
    if suggestion.words.lower() not in (a.lower() for a in item.aliases):
        set_fields(item, specs, {"aliases": "|".join(item.aliases + (suggestion.words,))}, ctx.tz)
        _save(uow, item)
    uow.aliases.close(suggestion.id, SuggestionStatus.ACCEPTED)
    entry_id = record(uow, ctx, Action.EDIT, item, before) if snapshot(item) != before else 0
    return Done(f"“{suggestion.words}” now means {suggestion.item_key} ({item.name}).", entry_id)


def dismiss_alias(uow: UnitOfWork, ctx: Context, suggestion_id: int) -> Done:
    ctx.actor.require_manager("dismiss alias suggestions")
    suggestion = _open_suggestion(uow, suggestion_id)
    uow.aliases.close(suggestion.id, SuggestionStatus.DISMISSED)
    return Done(f"Dismissed suggestion #{suggestion.id} (“{suggestion.words}” → {suggestion.item_key}).", 0)


def _open_suggestion(uow: UnitOfWork, suggestion_id: int):
    suggestion = uow.aliases.get(suggestion_id)
    if suggestion is None or suggestion.status is not SuggestionStatus.OPEN:
        raise DomainError(
            f"There is no open alias suggestion #{suggestion_id}. Say “alias suggestions” to see them."
        )
    return suggestion


def undo(uow: UnitOfWork, ctx: Context, entry_id: int | None = None) -> Done:
    """Reverse the actor's last change (or the given one of theirs, from an
    Undo button) with a new entry; history stays."""
    entry = (
        uow.ledger.last_undoable(ctx.actor.key, ctx.actor.name)
        if entry_id is None
        else uow.ledger.get(entry_id)
    )
    if entry is None:
        raise NothingToUndo(ctx.actor.name)
    if not ctx.actor.is_(entry.actor) or not entry.is_undoable:
        raise DomainError(f"Only {ctx.name_of(entry.actor)} can undo that change (you can undo your own).")
    if entry.action in BOOKING_ACTIONS:
        return bookings.undo(uow, ctx, entry)
    if entry.action in LOAN_ACTIONS:
        return loans.undo(uow, ctx, entry)
    if entry.item_type is ItemType.KIT:
        if uow.ledger.is_reversed(entry.id):
            raise UndoConflict("That change was just undone already. Nothing else was changed.")
        return kits.undo(uow, ctx, entry)
    item, specs = _load(uow, entry.item_type, entry.item_key)
    if uow.ledger.is_reversed(entry.id):  # re-checked under the row lock
        raise UndoConflict("That change was just undone already. Nothing else was changed.")
    was_low = isinstance(item, StockItem) and item.is_low
    quantity = reverse_quantity(entry, item) if isinstance(item, StockItem) else None
    changes = reverse_fields(entry, item, specs, ctx.tz) if entry.changes else {}
    item.validate()
    _save(uow, item)
    if entry.action is Action.CHECK_OUT and (entry.note or "").startswith("booking "):
        bookings.put_back(uow, int(entry.note.split()[1]))  # a pickup undone: booked again
    balance = item.on_hand if isinstance(item, StockItem) else None
    entry_id = append(
        uow,
        ctx,
        Action.UNDO,
        entry.item_type,
        entry.item_key,
        quantity=quantity,
        balance=balance,
        changes=changes,
        reverses=entry.id,
    )
    crossing = (
        track_reorder(uow, ctx, item, was_low, received=bool(quantity and quantity > 0))
        if isinstance(item, StockItem)
        else None
    )
    return Done(f"Undone: {entry.describe()} (from {ctx.local(entry.at)}).", entry_id, crossing)


def _load(uow: UnitOfWork, item_type: ItemType, key: str):
    if item_type is ItemType.ASSET:
        item, specs = uow.assets.get(key, lock=True), ASSET_FIELDS
    else:
        item, specs = uow.stock.get(key, lock=True), STOCK_FIELDS
    if item is None:
        raise DomainError(f"{key} is no longer in the catalog.")
    return item, specs


def _save(uow: UnitOfWork, item) -> None:
    (uow.assets if isinstance(item, Asset) else uow.stock).save(item)
