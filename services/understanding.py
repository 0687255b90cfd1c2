"""From parsed commands to commands about definite catalog items, checking
what can be checked before anything is touched: which item, which pack, how
many. Nothing here reads or writes the database; the index is enough."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction

from domain import commands as C
from domain.commands import ANY_ITEM, ASSETS, STOCK, Command
from domain.errors import DomainError, NotFound
from domain.language.corrected_at_once import PACK_KEPT
from domain.ledger import ItemType
from domain.loan_commands import Lend
from domain.values import singular, to_base_units
from services.candidates import by_what_it_is, named_best, plural_means_the_lent, plural_said
from services.item_kinds import all_theirs, for_item, kinds, kit_members, lendable_only, plural
from services.item_sizes import LOOKS, has_a_size, size_of
from services.item_span import PART_OF, locate, of_a_place, pack_before_name, part_of_an_item
from services.new_items import check_new_item
from services.places import (
    department_if_only_that,
    known_place,
    listed_place,
    location_if_only_that,
    place_of,
)
from services.replies import NOT_UNDERSTOOD
from services.resolver import CatalogIndex, CatalogItem, Resolution


@dataclass(frozen=True)
class Understood:
    command: Command
    items: tuple[CatalogItem, ...] = ()


class NeedsChoice(Exception):
    """Several items fit `reference` equally well: ask which before acting."""

    def __init__(self, reference: str, candidates: list[CatalogItem]):
        super().__init__(reference)
        self.reference = reference
        self.candidates = candidates


ACCEPT_SEVERAL = 90  # a question about several items answers for all of them when they fit this well
RETURNS = (C.CheckIn, C.Extend)  # about what someone holds: their items come first
PRONOUNS = re.compile(
    r"^(?:it|that|this|them|those|these|that one|this one|both of them|all of them|the lot)$", re.I
)
SINGULAR = ("it", "that", "this", "that one", "this one")
EVERYTHING = re.compile(
    r"^(?:everything|all(?: of)? (?:it|them|my (?:stuff|things|gear|items))|all my (?:stuff|things|gear|items)|"
    r"everything (?:i've got|i have|i've|i got)|all i've got|my stuff|my things|my gear|stuff|things|gear|items|equipment)$",
    re.I,
)


def understand(
    commands: list[Command],
    index: CatalogIndex,
    held: frozenset[str] = frozenset(),
    recent: tuple[str, ...] = (),
) -> list[Understood]:
    """Resolve every command; raises NeedsChoice or a DomainError for the first
    one that cannot be acted on, so a message is understood whole or not at all.
    `held`: the tags the people a return is about hold; `recent`: the items of
    the speaker's last change, which "it" and "them" mean."""
    understood: list[Understood] = []
    said_before: tuple[str | None, list[Understood]] = (
        None,
        [],
    )  # the last command's words, and what they were
    for command in commands:
        said, command = command.ref, _as_just_resolved(command, *said_before, held)
        if command.ref and OTHER_ONE.match(command.ref):
            understood.append(_the_other_one(command, understood, index, held))
            continue
        these = [one for each in _referred(command, recent) for one in _understand(each, index, held)]
        understood += these
        said_before = (said, these)
    return _named_twice(_one_count_per_item(understood))


def _as_just_resolved(
    command: Command, words: str | None, resolved: list[Understood], held: frozenset[str]
) -> Command:
    """ "returning my stethoscope, it's split, can it go for repair": the repair is of the unit
    just resolved for the same `words` (theirs, of two alike), not a question which one."""
    if isinstance(command, C.Maintenance) and words and command.ref == words and len(resolved) == 1:
        items = resolved[0].items
        if isinstance(resolved[0].command, RETURNS):  # of identical units, the one they hold comes back
            items = tuple(i for i in items if i.key in held)
        if len(items) == 1:
            return replace(command, ref=items[0].key)
    return command


def _part_or_whole(index: CatalogIndex, reference: str, said: re.Match, found: Resolution) -> Resolution:
    """A repair said of a part: "the wheel on the library trolley" is the trolley, named exactly
    (never a guess); "the chromebook in the charging cart" is the chromebook; when the part is an
    item of its own too ("the lens on the fx3") both are offered, never one chosen."""
    part = locate(index, said["part"], ASSETS)
    if said["of"].lower() == "in":
        return part if part.found else found
    whole = part_of_an_item(index, reference) or locate(index, said["item"], ASSETS)
    if not (whole.found and whole.score >= 100 and whole.is_clear):
        return Resolution(reference)
    if (
        part.found
        and part.score >= ACCEPT_SEVERAL
        and not {i.group for i in part.items} & {i.group for i in whole.items}
    ):
        raise NeedsChoice(reference, [*whole.items[:1], *part.items])
    return whole


def _stock_is_not_booked(command: Command, index: CatalogIndex) -> None:
    """ "can I have 2 usb headsets 1 till 3": supplies are there or not; only equipment is booked."""
    if not isinstance(command, C.Book) or not command.ref:
        return
    stock = locate(index, command.ref, (ItemType.STOCK,))
    if stock.found and stock.score >= ACCEPT_SEVERAL:
        raise DomainError(
            f"“{command.ref}” are supplies, and only equipment is booked ahead: take them when you need "
            "them. Nothing was changed."
        )


def _not_only_by_kind(ref: str, found, index: CatalogIndex) -> None:
    """ "can I borrow the tape?": the tape measure is the one thing to borrow, but the
    words fit the masking tape as well; which one is asked, not settled by the verb."""
    wider = locate(index, ref, ANY_ITEM)
    groups = {item.group for item in found.items}  # (identical units: a set, not a scan per unit)
    others = [item for item in wider.items if item.group not in groups]
    if others and wider.score >= found.score and not wider.is_clear:
        raise NeedsChoice(ref, [*found.items, *others])


def _named_twice(understood: list[Understood]) -> list[Understood]:
    """ "kept the gimbal, the Ronin, until Friday": one asset named two ways is one request."""
    out: list[Understood] = []
    for u in understood:
        before = out[-1] if out else None
        if (
            before is not None
            and len(u.items) == 1
            and [i.key for i in u.items] == [i.key for i in before.items]
            and u.items[0].type is ItemType.ASSET
            and getattr(u.command, "count", None) is None
            and hasattr(u.command, "ref")
            and replace(u.command, ref=before.command.ref) == before.command
        ):
            continue
        out.append(u)
    return out


FROM_A_PLACE = re.compile(
    r"(?i)\b(?:from|in|at)\s+(?:the\s+)?(?P<place>[\w' -]+?)(?:\s+(?:for|to|till|until)\b.*)?$"
)
OTHER_ONE = re.compile(r"(?i)^(?:the\s+)?other\s+(?:one|unit)$")


def _the_other_one(
    command: Command, before: list[Understood], index: CatalogIndex, held: frozenset[str]
) -> Understood:
    """ "dropping my scanner back and taking the other one": another unit of the asset just named
    (of identical units returned, the one the person holds)."""
    if any(
        getattr(u.command, "person", None) for u in before
    ):  # "bob returned the scanner and took the other one"
        raise DomainError(f"Who is taking “{command.ref}”? Say it with its tag; nothing was changed.")
    said = [u.items for u in before if u.items]
    named = said[0] if len(said) == 1 else ()  # two items named before: the other of which?
    named = named if len(named) == 1 else tuple(i for i in named if i.key in held)
    first = named[0] if len(named) == 1 else None
    if first is None or first.type is not ItemType.ASSET or not isinstance(command, (C.Take, C.CheckOut)):
        raise DomainError(f"Which item is “{command.ref}”? Say its name or tag; nothing was changed.")
    alike = index.resolve(first.name, ASSETS).items
    others = [i for i in alike if i.group == first.group and i.key != first.key]
    if not others:
        raise DomainError(f"There is no other {first.name} than {first.key}, so nothing was changed.")
    if len(others) > 1:
        raise NeedsChoice(command.ref, others)  # "the other one" of three more: which?
    return Understood(C.CheckOut.of(**{**vars(command), "ref": first.name}), tuple(others))


def _one_count_per_item(understood: list[Understood]) -> list[Understood]:
    """ "stocktake jotters: 3 boxes and 2 packs" is one count of their total, not two counts."""
    counts: dict[str, list[Understood]] = {}
    for u in understood:
        if isinstance(u.command, C.Count) and u.items:
            counts.setdefault(u.items[0].key, []).append(u)
    merged, out = set(), []
    for u in understood:
        same = counts.get(u.items[0].key, []) if isinstance(u.command, C.Count) and u.items else []
        if len(same) < 2:
            out.append(u)
        elif u.items[0].key not in merged:
            merged.add(u.items[0].key)
            item = u.items[0]
            total = sum(
                to_base_units(s.command.count, s.command.pack, item.unit, item.packs, item.name) for s in same
            )
            out.append(Understood(replace(u.command, count=total, pack=None), u.items))
    return out


def _referred(command: Command, recent: tuple[str, ...]) -> list[Command]:
    """ "it", "them": the items of the speaker's last change (a few minutes ago), or a question."""
    if (command.ref or "").lower() == "one":  # "can I borrow one?": one of a kind, never the same one
        raise DomainError("One of which? Say the item's name or tag; nothing was changed.")
    if not (command.ref and PRONOUNS.match(command.ref)):
        return [command]
    if not recent:
        raise DomainError(
            f"Which item do you mean by “{command.ref}”? Say its name or tag; nothing was changed."
        )
    if len(recent) > 1 and command.ref.lower() in SINGULAR:
        raise DomainError(f"Which of {', '.join(recent)} is “{command.ref}”? Nothing was changed.")
    return [replace(command, ref=key) for key in recent]


def _understand(command: Command, index: CatalogIndex, held: frozenset[str]) -> list[Understood]:
    """One command about identical units ("two radios", "everything I've got")
    becomes one per unit, so each is checked out or back on its own."""
    command = _numbered_name(command, index)
    pack = getattr(command, "pack", None)
    if isinstance(pack, str) and pack.startswith(PACK_KEPT) and len(pack) > 1:  # (not settled: asked)
        raise DomainError(
            f"Did you mean {command.count} {pack[len(PACK_KEPT) :]}s, or {command.count} of the item's own unit? "
            "Say it in full, e.g. “used 3 boxes of A4”; nothing was changed."
        )
    counted_in_units = hasattr(command, "pack") and command.pack is None and isinstance(command.count, int)
    if counted_in_units and command.ref:
        bare = pack_before_name(index, command.ref)  # "2 racks yellow tips used"
        command = replace(command, pack=bare[0], ref=bare[1]) if bare else command
    understood = _understand_one(command, index, held)
    if isinstance(command, RETURNS) and (
        EVERYTHING.match(command.ref or "") or all_theirs(command, understood.items, held)
    ):
        return [Understood(for_item(command, item, True, held), (item,)) for item in understood.items]
    count = getattr(understood.command, "count", None)
    if (
        not isinstance(understood.command, (C.CheckOut, C.Book, C.Move, C.Seen, *RETURNS))
        or not count
        or count < 2
    ):
        return [understood]
    if isinstance(understood.command, C.Seen) and count != len(understood.items):
        raise DomainError(  # three alike, "seen two of them": which two was not said
            f"Which {count} were seen? Say each by its tag, e.g. “seen {understood.items[0].key} and …”; "
            "nothing was changed."
        )
    if count > len(understood.items):  # (the units that fit the words or the choice made, not all there are)
        named = ", ".join(item.key for item in understood.items[:5])
        raise DomainError(
            f"{count} asked, but only {len(understood.items)} fit what was said ({named}). "
            "Say which ones, e.g. by tag. Nothing was changed."
        )
    if isinstance(understood.command, (C.Move, C.Seen)):  # a move or a sighting names its units
        return [Understood(understood.command, (item,)) for item in understood.items[:count]]
    where = FROM_A_PLACE.search(command.ref or "")
    if where and len(understood.items) > count and index.resolve_place("location", where["place"]):
        raise DomainError(  # "the two ipads from room 101": which of the free ones are there is not known here
            f"Which {count}, of those in {where['place']}? Say their tags. Nothing was changed."
        )
    theirs = (
        [i.key for i in understood.items if i.key in held] if isinstance(understood.command, RETURNS) else []
    )
    if len(theirs) > count:  # "returned the two chafers" by who has three: which two?
        raise DomainError(
            f"Which {count}? You have {', '.join(theirs)}; say their tags. Nothing was changed."
        )
    return [understood] * count  # each takes the next free unit (or the next one held)


def _numbered_name(command: Command, index: CatalogIndex) -> Command:
    """ "put van 2 out": an asset whose name or alias is "van 2", not two vans."""
    count = getattr(command, "count", None)
    if not (command.ref and count and isinstance(command, (C.CheckOut, C.Take, *RETURNS))):
        return command
    if getattr(command, "pack", None) is not None:
        return command
    named = f"{command.ref} {count}"
    found = index.resolve(named, command.item)
    if found.is_clear and found.score >= 100 and not found.exact:
        return replace(command, ref=named, count=None)
    return command


ONE_UNIT = (
    C.Retire,
    C.Edit,
    C.Maintenance,
    C.Repaired,
    C.Seen,
    C.Serviced,
)  # each acts on the one unit named


def _about_one_unit(command: Command) -> bool:
    """Identical units are interchangeable to take or give back, not to retire, repair or move."""
    if isinstance(command, (C.Move, C.Seen)) and command.count:
        return False
    return isinstance(command, ONE_UNIT) or isinstance(command, C.Move)


def _enough_units(command: Command, found: Resolution) -> Resolution:
    """ "two stands": of the kinds that fit, the one that has two units (not the stand mixer).
    "the chromebooks" of several alike: how many is asked, never one taken silently."""
    count = getattr(command, "count", None)
    words = (found.reference or command.ref or "").split()  # the words that named it: "chromebooks" for yr 8
    plural = (  # "c-stands" is plural; "7318S" is a model
        bool(words) and not any(ch.isdigit() for ch in words[-1]) and singular(words[-1]) != words[-1]
    )
    if (
        isinstance(command, (C.CheckOut, C.Take, C.Book))
        and count is None
        and plural
        and found.is_clear
        and len(found.items) > 1
    ):
        said = " ".join(words)
        raise DomainError(f"How many {said}? Say e.g. “take 2 {said}”. Nothing was changed.")
    if (
        found.is_clear
        or not isinstance(count, int)
        or count < 2
        or not isinstance(command, (C.CheckOut, C.Take, C.Book))
    ):
        return found
    groups: dict[str, list[CatalogItem]] = {}
    for item in found.items:
        groups.setdefault(item.group, []).append(item)
    # stock comes in any number ("2 headsets": the lendable ones, not the one headset microphone)
    enough = [units for units in groups.values() if units[0].type is ItemType.STOCK or len(units) >= count]
    return replace(found, items=enough[0]) if len(enough) == 1 else found


def _names_a_kit(index: CatalogIndex, words: str) -> bool:
    """A kit's name or alias exactly, and no place's name exactly: "what's in the gimbal rig"."""
    kit = index.resolve(words, (ItemType.KIT,))
    return kit.is_clear and kit.score >= 100 and index.resolve_place("location", words) != [words]


def _understand_one(command: Command, index: CatalogIndex, held: frozenset[str]) -> Understood:
    if isinstance(command, C.Move) and command.where == "location" and command.to:
        command = department_if_only_that(command, index)
    elif isinstance(command, C.Move) and command.where == "department" and command.to:
        command = location_if_only_that(command, index)
    if command.place and (command.to or command.place == "required"):
        command = replace(command, to=place_of(command, index))
    if isinstance(command, (C.AddAsset, C.AddStock)):
        command = check_new_item(command, index)
    for attr in command.places:  # "in the IT room": a known place, or a new one confirmed first
        if getattr(command, attr):
            command = replace(command, **{attr: known_place(attr, getattr(command, attr), index, attr)})
    if isinstance(command, C.CreateKit):
        command = replace(command, items=kit_members(command.members, index))
    if isinstance(command, C.EditKit):  # its members resolved here; the kit itself below, as any item
        taken = kit_members(command.removing, index, counted=None)
        command = replace(command, items=kit_members(command.adding, index), drop=taken)
    if isinstance(command, C.KitOut) and command.leaving:
        command = replace(command, omit=kit_members(command.leaving, index, counted=False))
    if command.item is None:
        return Understood(command)
    if isinstance(command, C.IsFree) and command.at:  # "what's free in room 204 tomorrow"
        command = replace(command, at=listed_place(index, command.at))
    if isinstance(command, (C.IsFree, C.CancelBooking, C.MoveBooking)):  # every unit that fits
        found = locate(index, command.ref, ASSETS) if command.ref else None
        kit = (
            index.resolve(command.ref, (ItemType.KIT,)) if found is not None and not found.is_clear else None
        )
        if kit is not None and kit.is_clear and kit.score >= ACCEPT_SEVERAL:  # "is the camera kit free?"
            return Understood(command, tuple(kit.items))
        if found is not None and not found.found:
            raise NotFound(command.ref, tuple(i.label for i in found.suggestions))
        return Understood(command, tuple(found.items) if found else ())
    if isinstance(command, C.ListAssets) and command.at and _names_a_kit(index, command.at):
        return _understand_one(C.Info(ref=command.at), index, held)  # "what's in the gimbal rig": its members
    if isinstance(command, C.ListAssets):  # what it is about is optional, and every unit of it counts
        if command.at:
            command = replace(command, at=listed_place(index, command.at))
        items = tuple(locate(index, command.ref, kinds(command)).items) if command.ref else ()
        stock = locate(index, command.ref, STOCK) if command.ref and not items else None
        if stock and stock.found:  # "list all the gloves": stock is counted, not listed unit by unit
            return Understood(C.HowMany(ref=command.ref), tuple(stock.items))
        return Understood(command, items)
    if not command.ref:
        what = command.name.replace("_", " ")
        raise DomainError(f"Which item? I understood “{what}” but not what it is about. Nothing was changed.")
    if isinstance(command, RETURNS) and EVERYTHING.match(command.ref):
        if not held:
            raise DomainError("You don't hold anything at the moment, so nothing was changed.")
        return Understood(command, tuple(filter(None, (index.with_key(key) for key in sorted(held)))))
    if isinstance(command, C.CheckIn) and command.count is None and plural(command.ref) and held:
        theirs = index.among(command.ref, held, ANY_ITEM)  # "return all my laptops": each one held that fits
        if len(theirs) > 1:
            return Understood(command, tuple(theirs))
    found = lendable_only(command, locate(index, command.ref, kinds(command)))
    size = size_of(command.ref)
    if size:  # "large hi-vis vests" are never the medium ones
        found = replace(found, items=[i for i in found.items if size_of(i.name) in (None, size)])
    plain = LOOKS.sub("", command.ref)
    if not found.found and plain != command.ref and plain.strip():
        unsized = lendable_only(command, locate(index, plain, kinds(command)))  # "my big pipette": a pipette
        found = unsized if unsized.found and not any(has_a_size(i.name) for i in unsized.items) else found
    if isinstance(command, C.CheckOut) and found.found and not found.exact:
        _not_only_by_kind(command.ref, found, index)
    if isinstance(command, C.Maintenance) and of_a_place(index, command.ref):  # "the staff room door"
        raise NotFound(command.ref, ())
    part_first = PART_OF.match(command.ref) if isinstance(command, C.Maintenance) else None
    if part_first:
        found = _part_or_whole(index, command.ref, part_first, found)
    elif isinstance(command, C.Maintenance) and not found.found:
        found = part_of_an_item(index, command.ref) or found  # "the otoscope bulb has gone"
    more_than_one = (
        isinstance(getattr(command, "count", None), int) and command.count > 1
    )  # "two chafers" are more units
    if (
        isinstance(command, C.Take)
        and command.due
        and not command.person
        and held
        and not more_than_one
        and not command.another
    ):
        theirs = [i for i in found.items if i.key in held and i.type is ItemType.ASSET]
        if len(theirs) == 1 and command.implicit:  # "combi till friday": keep theirs, or take another?
            raise DomainError(
                f"You have {theirs[0].label} already: keep it longer, or take another? Say “keep"
                f" {theirs[0].key} until …” or “check out another {found.reference}”. Nothing was changed."
            )
        if len(theirs) == 1:  # "need the pallet jack till thursday" from who has it: longer
            command, found = C.Extend.of(**vars(command)), replace(found, items=theirs)
    if (
        isinstance(command, RETURNS)
        and found.is_clear
        and held
        and not any(i.key in held for i in found.items)
    ):
        theirs = index.among(command.ref, held)  # "returning the walkie": the one they hold, or ask
        if theirs:
            raise NeedsChoice(command.ref, [*theirs, *found.items])
    if isinstance(command, RETURNS) and not found.is_clear:
        theirs = named_best(command.ref, [i for i in found.items if i.key in held])
        if theirs and len({i.group for i in theirs}) == 1 and len(theirs) == 1:
            found = replace(found, items=theirs)  # "the laptop" they hold, of several laptops
    found = _enough_units(command, found)
    if not found.found:
        if getattr(command, "implicit", False):  # "meeting till 3": no verb, and no item either
            raise DomainError(NOT_UNDERSTOOD)
        _stock_is_not_booked(command, index)
        raise NotFound(command.ref, tuple(i.label for i in found.suggestions))
    if isinstance(getattr(command, "count", None), Fraction) and found.items[0].type is ItemType.ASSET:
        raise DomainError(
            f"{found.items[0].name} can't be taken in parts: say how many. Nothing was changed."
        )
    if isinstance(command, C.HowMany) and found.score >= ACCEPT_SEVERAL:
        return Understood(command, tuple(found.items))  # "how many ipads": each kind that fits is counted
    if isinstance(command, C.Labels):
        if command.every or found.is_clear:
            return Understood(command, tuple(found.items))  # "labels for all laptops": every one that fits
        raise NeedsChoice(command.ref, found.items)
    if isinstance(command, C.WhoHas) and not found.is_clear:
        found = plural_means_the_lent(command.ref, found)
    if not found.is_clear:
        found = by_what_it_is(command.ref, found)
    if not found.is_clear:
        raise NeedsChoice(command.ref, found.items)
    items = tuple(found.items)
    command = for_item(command, items[0], held=held)
    if isinstance(command, C.Extend) and command.vague:  # "a few more days"
        raise DomainError(f"Until when? Say e.g. “keep {items[0].key} until Friday”. Nothing was changed.")
    if command.vague and items[0].type is ItemType.ASSET:  # "returning most of the ipads": which ones?
        raise DomainError(f"Which {command.ref}? Say them by tag or name, or how many. Nothing was changed.")
    if len(items) > 1 and not found.exact and _about_one_unit(command):
        raise NeedsChoice(command.ref, list(items))  # "retire the chafing dish": which of the three?

    if isinstance(command, Lend) and command.count is None:  # "borrowing the xlr cable": one
        command = replace(command, count=None if plural_said(command.ref) else 1)
    if (
        (command.needs_count or isinstance(command, Lend))
        and command.count is None
        or (command.vague and getattr(command, "count", 0) is None and items[0].type is ItemType.STOCK)
    ):  # "returned some xlr cables", "borrowing the xlr cables": how many is asked, never all
        raise DomainError(
            f"How many? Say it with a number, e.g. “{command.name.replace('_', ' ')} 3 {items[0].name}”. Nothing was changed."
        )
    if command.counted_in_packs or (
        isinstance(command, C.Count) and command.pack and command.count
    ):  # "38 rings"
        item = items[0]
        to_base_units(command.count, command.pack, item.unit, item.packs, item.name)
    return Understood(command, items)
