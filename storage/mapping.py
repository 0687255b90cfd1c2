"""Row <-> domain object translation. Rows are plain column mappings, so the
repositories can use Core statements on the hot path (no ORM flush work)."""

from __future__ import annotations

from typing import Any, Mapping

from domain import depreciation, gtin
from domain.assets import Asset, AssetStatus
from domain.ledger import Action, ItemType, LedgerEntry
from domain.stock import StockItem
from domain.values import Packs, tag_key

_ASSET_PLAIN = (
    "tag name category manufacturer model serial cost purchase_date useful_life_years salvage_value "
    "condition location department holder due source_id warranty_until service_interval_months last_service"
).split()
_STOCK_PLAIN = (
    "sku name unit on_hand reorder_point reorder_qty unit_cost location supplier barcode lendable".split()
)


def _aliases(text: str | None) -> tuple[str, ...]:
    return tuple(a for a in (text or "").split("|") if a)


def asset_from_row(row: Mapping[str, Any]) -> Asset:
    return Asset(
        **{name: row[name] for name in _ASSET_PLAIN},
        depreciation_method=depreciation.Method(row["depreciation_method"]),
        status=AssetStatus(row["status"]),
        aliases=_aliases(row["aliases"]),
    )


def asset_values(asset: Asset) -> dict[str, Any]:
    values = {name: getattr(asset, name) for name in _ASSET_PLAIN}
    values.update(
        tag_key=tag_key(asset.tag),
        depreciation_method=asset.depreciation_method.value,
        status=asset.status.value,
        aliases="|".join(asset.aliases),
        service_due=asset.next_service(),
        **purchase_numbers(asset.purchase_date),
    )
    return values


def purchase_numbers(purchased) -> dict:
    if purchased is None:
        return {"purchase_month": None, "purchase_day": None}
    return {"purchase_month": purchased.year * 12 + purchased.month - 1, "purchase_day": purchased.day}


def stock_from_row(row: Mapping[str, Any]) -> StockItem:
    return StockItem(
        **{name: row[name] for name in _STOCK_PLAIN},
        packs=Packs.parse(row["packs"]),
        aliases=_aliases(row["aliases"]),
    )


def stock_values(item: StockItem) -> dict[str, Any]:
    values = {name: getattr(item, name) for name in _STOCK_PLAIN}
    values.update(sku_key=tag_key(item.sku), packs=str(item.packs), aliases="|".join(item.aliases))
    keys = gtin.keys(item.barcode) if item.barcode else ()
    values.update(gtin=keys[0] if keys else None, gtin_alt=keys[1] if len(keys) > 1 else None)
    return values


def entry_from_row(row: Mapping[str, Any]) -> LedgerEntry:
    return LedgerEntry(
        id=row["id"],
        action=Action(row["action"]),
        item_type=ItemType(row["item_type"]),
        item_key=row["item_key"],
        actor=row["actor"],
        at=row["at"],
        quantity=row["quantity"],
        balance=row["balance"],
        changes={k: tuple(v) for k, v in (row["changes"] or {}).items()},
        note=row["note"],
        source=row["source"],
        reverses=row["reverses"],
    )


def entry_values(entry: LedgerEntry) -> dict[str, Any]:
    return {
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action.value,
        "item_type": entry.item_type.value,
        "item_key": entry.item_key,
        "quantity": entry.quantity,
        "balance": entry.balance,
        "changes": {k: list(v) for k, v in entry.changes.items()},
        "note": entry.note,
        "source": entry.source,
        "reverses": entry.reverses,
    }
