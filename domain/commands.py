"""What a person asked for, as the language layer understood it, before the
item reference is resolved against the catalog. One frozen type per command;
each declares what it needs (an item of which kind, a count, a place) and
whether it changes state or is for managers only."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from fractions import Fraction
from typing import ClassVar

from domain.ledger import ItemType

ASSETS = (ItemType.ASSET,)
STOCK = (ItemType.STOCK,)
ANY_ITEM = (ItemType.ASSET, ItemType.STOCK)


@dataclass(frozen=True)
class Command:
    name: ClassVar[str]  # the command in one word, as logs and the corpus notation write it
    item: ClassVar[tuple[ItemType, ...] | None] = None  # the kinds `ref` may name; None: about no item
    changes: ClassVar[bool] = False
    manager_only: ClassVar[str | None] = None  # what only managers may do: "retire items"
    needs_count: ClassVar[bool] = False
    counted_in_packs: ClassVar[bool] = False  # the count is checked against the item's packs
    place: ClassVar[str | None] = None  # "required" or "optional": the command names a place
    places: ClassVar[tuple[str, ...]] = ()  # fields naming a location or department, resolved like `to`

    @property
    def ref(self) -> str | None:  # the item as the person named it
        return None

    @classmethod
    def of(cls, **values):
        """Build from what a phrasing offered, keeping only what this command takes."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in names})


# -- about an item ---------------------------------------------------------


@dataclass(frozen=True)
class ItemCommand(Command):
    ref: str | None = None  # type: ignore[assignment]  # a field here, where the base has a property
    # Said after a comma, with no article: an item, or a remark ("taking A-1003, new starter
    # setup"); a remark names no item, and is then left out (and the reply says so).
    perhaps: bool = False
    vague: bool = False  # "some tape", "most of the ipads": an amount that is no number


@dataclass(frozen=True)
class CheckOut(ItemCommand):
    name = "check_out"
    item, changes = ASSETS, True
    count: int | None = None
    pack: str | None = None  # "borrow 2 bags of hdmi leads": lendable stock comes in packs
    person: str | None = None  # "for @bob": on whose behalf
    due: datetime | None = None
    override: bool = False  # "... anyway": a manager taking it over someone's booking


@dataclass(frozen=True)
class CheckIn(ItemCommand):
    name = "check_in"
    item, changes = ASSETS, True
    count: int | None = None
    pack: str | None = None
    person: str | None = None
    note: str | None = None  # "the screen is cracked": the condition it came back in


@dataclass(frozen=True)
class Extend(ItemCommand):
    name = "extend"
    item, changes = ASSETS, True
    count: int | None = None
    person: str | None = None
    due: datetime | None = None
    days: int | None = None  # "another day", "two more days": past the loan's due time


@dataclass(frozen=True)
class Take(ItemCommand):
    """ "take the ladder" / "took 3 pens": a check-out or a consumption, whichever the item is."""

    name = "take"
    item, changes = ANY_ITEM, True
    count: int | None = None
    pack: str | None = None
    person: str | None = None
    due: datetime | None = None
    implicit: bool = False  # said with no verb ("nanodrop pls till 1pm"): chatter unless it names an item
    override: bool = False


@dataclass(frozen=True)
class StockMove(ItemCommand):
    item, changes, needs_count = STOCK, True, True
    count: int | Fraction | None = None  # in packs when `pack` is set; "half a box" is 1/2
    pack: str | None = None


@dataclass(frozen=True)
class Consume(StockMove):
    name, counted_in_packs = "consume", True


@dataclass(frozen=True)
class Receive(StockMove):
    name, counted_in_packs = "receive", True
    put_back: bool = False  # "put back 2 headsets": from someone's loan, if they have one


@dataclass(frozen=True)
class Count(StockMove):
    name = "count"


@dataclass(frozen=True)
class Move(ItemCommand):
    name = "move"
    item, changes, place = ASSETS, True, "required"
    where: str = "location"  # or "department"
    to: str | None = None
    count: int | None = None  # "both speakers": that many of identical units


@dataclass(frozen=True)
class Maintenance(ItemCommand):
    name = "maintenance"
    item, changes = ASSETS, True


@dataclass(frozen=True)
class Repaired(ItemCommand):
    name = "repaired"
    item, changes = ASSETS, True


@dataclass(frozen=True)
class Seen(ItemCommand):
    """An asset seen somewhere, during an audit or not; with a photo, the photo names it."""

    name = "seen"
    item, changes, place = ASSETS, True, "optional"
    where: str = "location"
    to: str | None = None


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


# -- about no single item --------------------------------------------------


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
class Undo(Command):
    name, changes = "undo", True
    entry_id: int | None = None  # a ledger entry (an Undo button); None: the person's last change


@dataclass(frozen=True)
class Correct(Command):
    """ "oops, make it 5", "I meant the MacBook", "make it friday": the speaker's
    last change, undone and made again with this amount, item or due time."""

    name, changes = "correct", True
    count: int | Fraction | None = None
    pack: str | None = None
    meant: str | None = None  # the item meant instead, as said
    due: datetime | None = None
    instead_of: str | None = None  # "the benq, not the epson": what the last change must have been about


@dataclass(frozen=True)
class Again(Command):
    """ "two more", "one more pack", "another box": the speaker's last change
    made once more, with this amount."""

    name, changes = "again", True
    count: int | Fraction | None = 1
    pack: str | None = None
    meant: str | None = None  # "2 more boxes of paper": the item, if named


FOLLOW_UPS = (Correct, Again)  # read against the speaker's last change, then replaced by what they mean


@dataclass(frozen=True)
class AcceptAlias(Command):
    name, changes, manager_only = "accept_alias", True, "accept alias suggestions"
    suggestion: int = 0


@dataclass(frozen=True)
class DismissAlias(Command):
    name, changes, manager_only = "dismiss_alias", True, "dismiss alias suggestions"
    suggestion: int = 0


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


@dataclass(frozen=True)
class UnknownRecipient(Command):
    """ "give the drill to reception": handed to a name nobody is known by.
    Asked about, never a check-out to a stranger or a guessed place."""

    name = "unknown_recipient"
    words: str = ""  # the item as said
    recipient: str = ""


@dataclass(frozen=True)
class UnclearDay(Command):
    """ "keep it until next Friday" said on a Monday: this week's Friday or next
    week's? Asked, never guessed (a wrong due date is a wrong change)."""

    name = "unclear_day"
    said: str = ""  # "next Friday"
    dates: tuple[str, ...] = ()  # both readings, ISO dates


@dataclass(frozen=True)
class Help(Command):
    name = "help"


@dataclass(frozen=True)
class Unknown(Command):
    """Not a command at all. `words`: what was said, to tell what was understood of it."""

    name = "unknown"
    words: str = ""


def command_types() -> dict[str, type[Command]]:
    """Every command, by class name (stored questions name them so)."""
    found, todo = {}, [Command]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if "name" in vars(sub):
                found[sub.__name__] = sub
    return found


def encode(command: Command) -> dict:
    """A command as JSON-ready data (stored questions, requests parsed on arrival)."""
    data = {k: _encode_value(v) for k, v in asdict(command).items()}
    return {"type": type(command).__name__, **{k: v for k, v in data.items() if v is not None}}


def _encode_value(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Fraction):  # "half a box": kept exact
        return str(value)
    return value


def decode(data: dict) -> Command:
    """The command `encode` wrote; ValueError for data in a shape this version does not read."""
    values = dict(data)
    kind = command_types().get(values.pop("type", ""))
    if kind is None:
        raise ValueError(f"not a command: {data!r}")
    for moment in ("due", "due_from", "since", "until", "start", "end"):
        if values.get(moment):
            values[moment] = datetime.fromisoformat(values[moment])
    if isinstance(values.get("count"), str):
        values["count"] = Fraction(values["count"])
    try:
        return kind(**values)
    except TypeError as error:
        raise ValueError(f"not a {kind.__name__}: {data!r}") from error


# Bookings' commands live in their own module, re-exported here; imported last, as they build on the above.
from domain.booking_commands import (  # noqa: E402, F401 (re-exported: C.Book and the others)
    BOOKING_COMMANDS,
    AnswerHandover,
    Book,
    Bookings,
    CalendarLink,
    CancelBooking,
    IsFree,
    MoveBooking,
    Waitlist,
)
from domain.loan_commands import (  # noqa: E402, F401 (re-exported)
    CreateKit,
    EditKit,
    GiveBack,
    KitBack,
    KitOut,
    Lend,
    ReturnAll,
    Serviced,
    Transfer,
    Warranties,
)
