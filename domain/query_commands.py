"""Questions answered from the database, changing nothing: about one item
(who has it, where, its history), lists with paging, and reports. Kept
beside domain.commands, which re-exports them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.commands import ANY_ITEM, ASSETS, STOCK, Command, ItemCommand


@dataclass(frozen=True)
class WhoHas(ItemCommand):
    name, item = "who_has", ANY_ITEM


@dataclass(frozen=True)
class IsAvailable(ItemCommand):
    name, item = "is_available", ANY_ITEM


@dataclass(frozen=True)
class WhereIs(ItemCommand):
    name, item = "where_is", ANY_ITEM


@dataclass(frozen=True)
class HowMany(ItemCommand):
    name, item = "how_many", ANY_ITEM


@dataclass(frozen=True)
class Info(ItemCommand):
    name, item = "info", ANY_ITEM


@dataclass(frozen=True)
class Worth(ItemCommand):
    name, item = "worth", ANY_ITEM


@dataclass(frozen=True)
class History(ItemCommand):
    """ "who had the drill last?", "when did we last get paper in?": an item's latest entries."""

    name, item = "history", ANY_ITEM


@dataclass(frozen=True)
class ListAssets(ItemCommand):
    """ "which projectors are free?", "what's in the van bay?", "what's due back
    Friday?", "what's overdue?", "what is erin holding?": assets by what they are
    (`ref`, optional), where, with whom, and when they are due."""

    name, item = "list", ASSETS
    available: bool = False
    at: str | None = None  # a location or department
    person: str | None = None
    due: datetime | None = None  # due back by then
    due_from: datetime | None = None  # and not before then: "due back next week"
    overdue: bool = False
    checked_out: bool = False
    skip: int | None = None  # lines shown already: "more" continues the list from here


@dataclass(frozen=True)
class TopUsers(ItemCommand):
    """ "who used the most paper this month?": consumption of a stock item per
    person over a period (the last 30 days when none is said)."""

    name, item = "top_users", STOCK
    since: datetime | None = None
    until: datetime | None = None
    period: str | None = None  # the period as answers name it: "this month"


@dataclass(frozen=True)
class Labels(ItemCommand):
    """Labels to print; `every`: all items the words fit ("labels for all laptops")."""

    name, item = "labels", ANY_ITEM
    every: bool = False
    qr: bool = False  # QR labels ("qr labels for ...") instead of Code128


@dataclass(frozen=True)
class AuditsDue(Command):
    name = "audits_due"


@dataclass(frozen=True)
class MyItems(Command):
    name = "my_items"


@dataclass(frozen=True)
class LowStock(Command):
    name = "low_stock"


@dataclass(frozen=True)
class InMaintenance(Command):
    name = "in_maintenance"


@dataclass(frozen=True)
class AliasSuggestions(Command):
    name, manager_only = "alias_suggestions", "review alias suggestions"


@dataclass(frozen=True)
class Export(Command):
    name, manager_only = "export", "export the catalog or the ledger"
    kind: str = "assets"  # assets, stock or ledger


@dataclass(frozen=True)
class Register(Command):
    name = "register"
    by: str = "department"  # or location, category


@dataclass(frozen=True)
class More(Command):
    """ "more", "next page": the next page of the list this person was just shown."""

    name = "more"
    list_id: int | None = None  # a stored page (a More button); None: the person's latest list
