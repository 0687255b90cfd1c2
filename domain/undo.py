"""Undo: reverse one ledger entry on the item as it stands now, by a new change.

Quantities are reversed as deltas, so stock that moved since still adds up.
Field changes are reversed only while the item still shows what the change
left; otherwise someone has acted since and a blind reversal would be wrong."""

from __future__ import annotations

from datetime import tzinfo

from domain.catalog_fields import FieldSpec, field_texts, set_fields
from domain.errors import InsufficientStock, UndoConflict
from domain.ledger import LedgerEntry
from domain.stock import StockItem


def reverse_fields(
    entry: LedgerEntry, item: object, specs: dict[str, FieldSpec], tz: tzinfo
) -> dict[str, tuple[str, str]]:
    current = field_texts(item, specs)
    moved_on = [name for name, (_, after) in entry.changes.items() if current.get(name) != after]
    if moved_on:
        raise UndoConflict(
            f"{entry.item_key} has changed since ({', '.join(moved_on)}), so I can't undo that change. Nothing was changed."
        )
    return set_fields(item, specs, {name: before for name, (before, _) in entry.changes.items()}, tz)


def reverse_quantity(entry: LedgerEntry, item: StockItem) -> int | None:
    if not entry.quantity:
        return None
    if entry.quantity > 0:
        try:
            return item.consume(entry.quantity)
        except InsufficientStock as error:
            raise UndoConflict(
                f"I can't take back {item.describe(entry.quantity)} of {item.name}: only {error.on_hand} are on hand now. Nothing was changed."
            ) from None
    return item.receive(-entry.quantity)
