"""Locations and departments as people write them: the known one they mean,
or a question (several fit, or it would be a new one)."""

from __future__ import annotations

from dataclasses import replace

from domain import commands as C
from domain.commands import Command
from domain.errors import DomainError
from services.resolver import CatalogIndex


class NeedsPlace(Exception):
    """A location or department that matches several known ones, or none
    (a new one, to be confirmed before it is created)."""

    def __init__(self, field: str, reference: str, candidates: list[str], attr: str = "to"):
        super().__init__(reference)
        self.field, self.reference, self.candidates = field, reference, candidates
        self.attr = attr  # the command's field the answer goes into


NEW_PLACE = "="  # a value chosen as "create it": taken as written


def department_if_only_that(move: C.Move, index: CatalogIndex) -> C.Move:
    """ "move it to Facilities": a department of exactly that name, and no place of it
    (a place only like it, "Facilities office", does not count): a move between departments."""
    written = move.to.strip()
    if written.startswith(NEW_PLACE):
        return move
    places = index.resolve_place("location", written)
    departments = index.resolve_place("department", written)
    exactly = [d for d in departments if d.lower() == written.lower()]
    if exactly and not any(p.lower() == written.lower() for p in places):
        return replace(move, where="department", to=exactly[0])
    if not places and len(departments) == 1:
        return replace(move, where="department", to=departments[0])
    return move


def location_if_only_that(move: C.Move, index: CatalogIndex) -> C.Move:
    """ "the mixer goes to the main hall": a known location, named exactly and with nothing after it
    (not "the main hall after the event", "... for tomorrow"), and no department of that name is
    where it goes, not a new department."""
    written = move.to.strip()
    if written.startswith(NEW_PLACE) or index.resolve_place("department", written):
        return move
    place = index.location_named(written)
    return replace(move, where="location", to=place) if place else move


def listed_place(index: CatalogIndex, written: str) -> str:
    """The known location or department a list is of ("the it dept" is IT);
    one the catalog does not know is said so, not answered with an empty list."""
    exact = [
        p
        for kind in ("department", "location")
        for p in index.places.get(kind, [])
        if p.lower() == written.lower()
    ]
    known = exact or list(
        dict.fromkeys(index.resolve_place("department", written) + index.resolve_place("location", written))
    )
    if len(known) == 1:
        return known[0]
    if known:
        raise DomainError(f"Which do you mean: {' or '.join(known[:4])}?")
    places = sorted(
        {p for kind in ("department", "location") for p in index.places.get(kind, [])}, key=str.lower
    )
    shown = ", ".join(places[:8]) + (f" and {len(places) - 8} more" if len(places) > 8 else "")
    raise DomainError(
        f"I don't know a place or team called “{written}”." + (f" I know {shown}." if places else "")
    )


def place_of(command: Command, index: CatalogIndex) -> str:
    written = (command.to or "").strip()
    if not written:
        if isinstance(command, C.AuditStart):
            raise DomainError("Audit where? Say e.g. “audit Meeting room B”.")
        raise DomainError("Move it where? Say e.g. “move A-1042 to Meeting room B”.")
    if written.lower() in PEOPLE_WORDS:  # "transfer all her stuff to me": a person, never a place
        raise DomainError(
            f"“{written}” is a person, not a place. To give an item to someone, say “give the drill to @name”; "
            "to pass on all someone holds, “transfer everything from @alice to @kim”. Nothing was changed."
        )
    return known_place(command.where, written, index)


PEOPLE_WORDS = {"me", "myself", "us", "you", "him", "her", "them", "someone", "somebody"}


def known_place(kind: str, written: str, index: CatalogIndex, attr: str = "to") -> str:
    if written.startswith(NEW_PLACE):
        return written[len(NEW_PLACE) :].strip()
    known = index.resolve_place(kind, written)
    if len(known) == 1:
        return known[0]
    raise NeedsPlace(kind, written, known, attr)
