"""Kits: named bundles of assets and quantities of stock that go out and come
back together ("Camera kit": A-4001, A-4002 and 4 AA batteries). Written as
the contract's `items` column, tags and SKU=QUANTITY separated by "|"."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidValue
from domain.values import tag_key

MAX_MEMBERS = 200


@dataclass(frozen=True)
class KitMember:
    key: str  # an asset tag, or a stock item's SKU
    quantity: int | None = None  # stock only: how many base units go with the kit

    @property
    def is_stock(self) -> bool:
        return self.quantity is not None

    def __str__(self) -> str:
        return f"{self.key}={self.quantity}" if self.is_stock else self.key


@dataclass(frozen=True)
class Kit:
    code: str
    name: str
    members: tuple[KitMember, ...]

    @property
    def key(self) -> str:
        return tag_key(self.code)

    @property
    def assets(self) -> list[str]:
        return [m.key for m in self.members if not m.is_stock]

    @property
    def stock(self) -> list[KitMember]:
        return [m for m in self.members if m.is_stock]

    @property
    def items(self) -> str:
        return "|".join(str(m) for m in self.members)


def parse_members(text: str) -> tuple[KitMember, ...]:
    """ "A-4001|A-4002|SKU-BAT-AA=4" -> members; a key named twice, a bad quantity or none at all is refused."""
    members, seen = [], set()
    for part in (p.strip() for p in (text or "").split("|")):
        if not part:
            continue
        key, has_quantity, quantity = (s.strip() for s in part.partition("="))
        if has_quantity and not (quantity.isdigit() and 0 < int(quantity) <= 1_000_000):
            raise InvalidValue(f"items: “{part}” needs a whole quantity from 1, as SKU=4")
        if tag_key(key) in seen:
            raise InvalidValue(f"items: {key} is named twice")
        seen.add(tag_key(key))
        members.append(KitMember(key, int(quantity) if has_quantity else None))
    if not members:
        raise InvalidValue("items: a kit needs at least one tag or SKU=QUANTITY")
    if len(members) > MAX_MEMBERS:
        raise InvalidValue(f"items: at most {MAX_MEMBERS} members")
    return tuple(members)


def make_kit(code: str, name: str, items: str) -> Kit:
    code, name = " ".join((code or "").split()), " ".join((name or "").split())
    if not tag_key(code) or len(code) > 64:
        raise InvalidValue("kit: a kit needs a code of at most 64 characters, like KIT-CAM1")
    if not name or len(name) > 200:
        raise InvalidValue("name: a kit needs a name of at most 200 characters")
    return Kit(code, name, parse_members(items))
