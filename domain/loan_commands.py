"""Commands about what people hold as a whole and about lendable stock:
lending and giving back quantities, a person's holdings passed on or
returned when they leave, and asset warranty and service dates. Kept beside
domain.commands, which re-exports them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from domain.commands import ASSETS, STOCK, Command, ItemCommand
from domain.ledger import ItemType


@dataclass(frozen=True)
class Lend(ItemCommand):
    """ "borrow 2 headsets until Friday": lendable stock off the shelf onto the
    person's loan. Understanding makes it from a check-out or a take once the
    item is known to be lendable."""

    name = "lend"
    item, changes, counted_in_packs = STOCK, True, True
    count: int | Fraction | None = None
    pack: str | None = None
    person: str | None = None
    due: datetime | None = None


@dataclass(frozen=True)
class GiveBack(ItemCommand):
    """ "returned 2 headsets", "returned 1 headset, the other one is broken":
    a loan given back (no count: all of it); `note` may say what was lost or broken."""

    name = "give_back"
    item, changes = STOCK, True
    count: int | Fraction | None = None
    pack: str | None = None
    person: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Serviced(ItemCommand):
    """ "serviced A-3001", "the generator had its service today"."""

    name = "serviced"
    item, changes = ASSETS, True


@dataclass(frozen=True)
class Warranties(Command):
    """ "what's under warranty?" (`what`: under), "which warranties end this
    month?" (ending), "what's due for service?" (service)."""

    name = "warranties"
    what: str = "ending"
    skip: int | None = None  # lines shown already: "more" continues


@dataclass(frozen=True)
class Transfer(Command):
    """ "transfer everything from @bob to @dana": every asset and loan, all or nothing."""

    name, changes, manager_only = "transfer", True, "pass on what someone holds"
    giver: str = ""  # from whom
    taker: str = ""  # to whom


@dataclass(frozen=True)
class ReturnAll(Command):
    """ "return everything @bob had": every asset and loan back, all or nothing."""

    name, changes, manager_only = "return_all", True, "return what someone else holds"
    giver: str = ""  # whose


@dataclass(frozen=True)
class KitOut(ItemCommand):
    """ "check out the camera kit": every member or nothing. Understanding makes it
    from a check-out or a take once the item is known to be a kit."""

    name = "check_out_kit"
    item, changes = (ItemType.KIT,), True
    person: str | None = None
    due: datetime | None = None
    override: bool = False
    leaving: tuple[str, ...] = ()  # "... without the tripod": members left out, as said
    omit: str = ""  # those members resolved: "A-4001|CAM-007"


@dataclass(frozen=True)
class KitBack(ItemCommand):
    """ "returned the camera kit": what of it the person has comes back; the reply says what is still out."""

    name = "return_kit"
    item, changes = (ItemType.KIT,), True
    person: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CreateKit(Command):
    """ "make a kit 'Camera kit' of A-4001, A-4002 and 4 AA batteries" (the same name again: its
    members replaced). `members`: the words of each member; understanding resolves them."""

    name, changes, manager_only = "create_kit", True, "make or change kits"
    title: str = ""
    members: tuple[str, ...] = ()
    items: str = ""  # the members resolved: "A-4001|A-4002|SKU-BAT-AA=4"


@dataclass(frozen=True)
class EditKit(ItemCommand):
    """ "add A-4003 to the camera kit", "take the tripod out of the camera kit"."""

    name, changes, manager_only = "edit_kit", True, "make or change kits"
    item = (ItemType.KIT,)
    adding: tuple[str, ...] = ()  # members as said
    removing: tuple[str, ...] = ()
    items: str = ""  # what to add, resolved: "A-4003|SKU-BAT-AA=2"
    drop: str = ""  # what to take out, resolved: "A-4002"
