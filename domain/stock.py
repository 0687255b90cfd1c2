"""Stock: interchangeable consumables counted in a base unit."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from domain import gtin
from domain.catalog_fields import FieldSpec
from domain.errors import InsufficientStock, InvalidQuantity, InvalidValue
from domain.fields import (
    parse_aliases,
    parse_count,
    parse_long_text,
    parse_money,
    parse_text,
    parse_yes_no,
)
from domain.values import MAX_ON_HAND, Packs, describe_quantity, singular, tag_key


@dataclass
class StockItem:
    sku: str
    name: str
    unit: str
    packs: Packs = field(default_factory=Packs)
    on_hand: int = 0
    reorder_point: int | None = None
    reorder_qty: int | None = None
    unit_cost: Decimal | None = None
    location: str | None = None
    supplier: str | None = None
    barcode: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    lendable: bool = False  # lent and given back in quantity (headsets, cables), not used up

    @property
    def key(self) -> str:
        return tag_key(self.sku)

    @property
    def is_low(self) -> bool:
        return self.reorder_point is not None and self.on_hand <= self.reorder_point

    def describe(self, units: int) -> str:
        return describe_quantity(units, self.unit, self.packs)

    def consume(self, units: int) -> int:
        """Take `units` out; returns the signed change."""
        if units > self.on_hand:
            raise InsufficientStock(self.name, self.describe(self.on_hand), self.describe(units))
        self.on_hand -= units
        return -units

    def receive(self, units: int) -> int:
        if self.on_hand + units > MAX_ON_HAND:
            raise InvalidQuantity(
                f"That would put {self.describe(self.on_hand + units)} on hand, more than is plausible."
            )
        self.on_hand += units
        return units

    def count(self, units: int) -> int:
        """A stocktake: the shelf says `units`; returns the correction."""
        if isinstance(units, bool) or not isinstance(units, int) or not 0 <= units <= MAX_ON_HAND:
            raise InvalidQuantity(f"A count must be a whole number from 0 to {MAX_ON_HAND:,}.")
        delta = units - self.on_hand
        self.on_hand = units
        return delta

    def validate(self) -> None:
        if not tag_key(self.sku):
            raise InvalidValue("sku can't be empty")
        if self.barcode:
            try:
                gtin.read(self.barcode)
            except gtin.InvalidGtin as error:
                raise InvalidValue(f"barcode: {error}") from None


def _unit(text, tz):
    unit = singular(parse_text(text, tz))
    if not unit.replace(" ", "").isalpha():
        raise InvalidValue(f"“{text}” is not a unit name like ream or pen")
    return unit


STOCK_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("sku", "sku", parse_text, required=True),
        FieldSpec("name", "name", parse_long_text, required=True),
        FieldSpec("unit", "unit", _unit, required=True),
        FieldSpec("packs", "packs", lambda t, tz: Packs.parse(t), empty=Packs()),
        FieldSpec("on_hand", "on_hand", lambda t, tz: parse_count(t, MAX_ON_HAND), empty=0),
        FieldSpec("reorder_point", "reorder_point", lambda t, tz: parse_count(t, MAX_ON_HAND)),
        FieldSpec("reorder_qty", "reorder_qty", lambda t, tz: parse_count(t, MAX_ON_HAND)),
        FieldSpec("unit_cost", "unit_cost", lambda t, tz: parse_money(t)),
        FieldSpec("location", "location", parse_text),
        FieldSpec("supplier", "supplier", parse_long_text),
        FieldSpec("barcode", "barcode", lambda t, tz: t.replace(" ", "").replace("-", "")),
        FieldSpec("aliases", "aliases", lambda t, tz: parse_aliases(t), empty=()),
        FieldSpec("lendable", "lendable", lambda t, tz: parse_yes_no(t), empty=False),
    )
}
