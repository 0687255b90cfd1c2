"""Row <-> domain object translation."""
from __future__ import annotations

from domain import depreciation
from domain.assets import Asset, AssetStatus
from domain.ledger import Action, ItemType, LedgerEntry
from domain.stock import StockItem
from domain.values import Packs, tag_key
from storage.models import AssetRow, LedgerRow, StockRow

_ASSET_PLAIN = (
    "tag name category manufacturer model serial cost purchase_date useful_life_years salvage_value "
    "condition location department holder due"
).split()
_STOCK_PLAIN = "sku name unit on_hand reorder_point reorder_qty unit_cost location supplier barcode".split()


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a for a in (text or "").split("|") if a)


def asset_from_row(row: AssetRow) -> Asset:
    return Asset(
        **{name: getattr(row, name) for name in _ASSET_PLAIN},
        depreciation_method=depreciation.Method(row.depreciation_method),
        status=AssetStatus(row.status),
        aliases=_aliases(row.aliases),
    )


def asset_to_row(asset: Asset, row: AssetRow) -> AssetRow:
    for name in _ASSET_PLAIN:
        setattr(row, name, getattr(asset, name))
    row.tag_key = tag_key(asset.tag)
    row.depreciation_method = asset.depreciation_method.value
    row.status = asset.status.value
    row.aliases = "|".join(asset.aliases)
    return row


def stock_from_row(row: StockRow) -> StockItem:
    return StockItem(
        **{name: getattr(row, name) for name in _STOCK_PLAIN},
        packs=Packs.parse(row.packs),
        aliases=_aliases(row.aliases),
    )


def stock_to_row(item: StockItem, row: StockRow) -> StockRow:
    for name in _STOCK_PLAIN:
        setattr(row, name, getattr(item, name))
    row.sku_key = tag_key(item.sku)
    row.packs = str(item.packs)
    row.aliases = "|".join(item.aliases)
    return row


def entry_from_row(row: LedgerRow) -> LedgerEntry:
    return LedgerEntry(
        id=row.id,
        action=Action(row.action),
        item_type=ItemType(row.item_type),
        item_key=row.item_key,
        actor=row.actor,
        at=row.at,
        quantity=row.quantity,
        balance=row.balance,
        changes={k: tuple(v) for k, v in (row.changes or {}).items()},
        note=row.note,
        source=row.source,
        reverses=row.reverses,
    )


def entry_to_row(entry: LedgerEntry) -> LedgerRow:
    return LedgerRow(
        at=entry.at,
        actor=entry.actor,
        action=entry.action.value,
        item_type=entry.item_type.value,
        item_key=entry.item_key,
        quantity=entry.quantity,
        balance=entry.balance,
        changes={k: list(v) for k, v in entry.changes.items()},
        note=entry.note,
        source=entry.source,
        reverses=entry.reverses,
    )
