"""People in a message: someone it is said to by name ("jack, return the drill"), or
someone it is about ("jack's in the warehouse"), who is never an item of their name."""

from __future__ import annotations

import re

from domain import commands as C
from domain.commands import Command

LEADING_NAME = re.compile(r"^\W*@?(?P<name>[a-z][\w.\-]*?)(?:'s)?\b", re.I)


# someone the message is said to, by name, first or last
ADDRESSED = re.compile(
    r"^\s*@?(?P<first>[a-z][\w.\-]*)\s*[,:]|[,;]\s*@?(?P<last>[a-z][\w.\-]*)\s*[.!?]*\s*$", re.I
)


def not_about_a_person(text: str, commands: list[Command], people: frozenset[str]) -> list[Command]:
    """ "jack's in the warehouse", "mike, we're borrowing it": a sentence that starts with
    someone the bot knows is about them, never a change to an item that shares their name
    (the pallet jack). "the jack" (an item said with an article) is not touched."""
    said = LEADING_NAME.match(text)
    name = said["name"].lower() if said else ""
    if name not in people and not (name.endswith("s") and name[:-1] in people):  # "jacks back": jack is
        return commands
    name = name if name in people else name[:-1]
    theirs = {name, f"{name}'s", f"{name}s"}
    if any(
        c.changes and (getattr(c, "ref", None) or "").lower().split()[:1] in ([w] for w in theirs)
        for c in commands
    ):
        return [C.Unknown(words=text)]
    return commands


def people_said_to(text: str, people: frozenset[str]) -> set[str]:
    """Whom the bot knows the message is said to: "jack, return the drill", "... the drill, bob"."""
    addressed = ADDRESSED.search(text)
    return {name.lower() for name in addressed.groups("")} & people if addressed else set()
