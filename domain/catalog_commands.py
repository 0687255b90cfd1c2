"""Managers' work on the catalog in words: adding items, editing fields,
reorder points, retiring, audits and alias suggestions. Kept beside
domain.commands, which re-exports them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from domain.commands import ANY_ITEM, ASSETS, STOCK, Command, ItemCommand


@dataclass(frozen=True)
class SetReorder(ItemCommand):
    name = "set_reorder"
    item, changes, needs_count, manager_only = STOCK, True, True, "change reorder points"
    count: int | None = None


@dataclass(frozen=True)
class Edit(ItemCommand):
    name = "edit"
    item, changes, manager_only = ANY_ITEM, True, "edit the catalog"
    field: str = ""
    value: str = ""


@dataclass(frozen=True)
class Retire(ItemCommand):
    name = "retire"
    item, changes, manager_only = ASSETS, True, "retire items"


@dataclass(frozen=True)
class AddAsset(Command):
    """A new asset; the optional fields as the sentence named them (CSV columns'
    text, checked when the asset is made). `location` and `department` are
    resolved against known places, a new one confirmed first."""

    name, changes, manager_only = "add_asset", True, "add items to the catalog"
    places: ClassVar[tuple[str, ...]] = ("location", "department")
    tag: str = ""
    description: str = ""  # its name
    kind: str | None = None  # "a new laptop A-9100": what it is, a category if the catalog has it
    make_and_model: str | None = None  # "..., HP EliteBook 840": a maker the catalog knows, then a model
    category: str | None = None
    manufacturer: str | None = None
    model: str | None = None
    serial: str | None = None
    cost: str | None = None
    purchase_date: str | None = None
    useful_life_years: str | None = None
    condition: str | None = None
    location: str | None = None
    department: str | None = None
    twice: str | None = None  # a field named twice ("serial A1 or B2"): asked about, nothing added


@dataclass(frozen=True)
class AddStock(Command):
    name, changes, manager_only = "add_stock", True, "add items to the catalog"
    places: ClassVar[tuple[str, ...]] = ("location",)
    sku: str = ""
    description: str = ""
    unit: str = ""
    packs: str | None = None  # "box=50;case=500"
    reorder_point: str | None = None
    reorder_qty: str | None = None
    unit_cost: str | None = None
    supplier: str | None = None
    barcode: str | None = None
    location: str | None = None
    twice: str | None = None


@dataclass(frozen=True)
class AuditStart(Command):
    name, changes, place, manager_only = "audit_start", True, "required", "start audits"
    where: str = "location"
    to: str | None = None


@dataclass(frozen=True)
class AuditClose(Command):
    name, changes, place, manager_only = "audit_close", True, "optional", "close audits"
    where: str = "location"
    to: str | None = None


@dataclass(frozen=True)
class AcceptAlias(Command):
    name, changes, manager_only = "accept_alias", True, "accept alias suggestions"
    suggestion: int = 0


@dataclass(frozen=True)
class DismissAlias(Command):
    name, changes, manager_only = "dismiss_alias", True, "dismiss alias suggestions"
    suggestion: int = 0
