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
    another: bool = False  # "taking the other tablet too": a unit besides the one the speaker holds


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
    count: int | None = None  # "seen both c-stands": that many identical units, each one there


# -- about no single item --------------------------------------------------


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


# Commands of bookings, loans, the catalog's upkeep and questions live in their own modules,
# re-exported here; imported last, as they build on the above.
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
from domain.catalog_commands import (  # noqa: E402, F401 (re-exported)
    AcceptAlias,
    AddAsset,
    AddStock,
    AuditClose,
    AuditStart,
    DismissAlias,
    Edit,
    Retire,
    SetReorder,
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
from domain.query_commands import (  # noqa: E402, F401 (re-exported)
    AliasSuggestions,
    AuditsDue,
    Export,
    History,
    HowMany,
    Info,
    InMaintenance,
    IsAvailable,
    Labels,
    ListAssets,
    LowStock,
    More,
    MyItems,
    Register,
    TopUsers,
    WhereIs,
    WhoHas,
    Worth,
)
