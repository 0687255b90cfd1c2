"""A second request after the first one's chatter: "returning the scan gun and
I'll take A-5005 instead", "returning the p1000, it needs recalibrating, so
please send it for service", "..., and I used 2 rolls of brown tape". Read only
when it is certain it is a request: it names a tag, or "it"/"them" for the item
just named, or it starts by saying what was done. Anything else after a clause
break stays chatter: a wrong change is worse than a missed one."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from domain import commands as C
from domain.commands import Command
from domain.language.lexicon import BEFORE_ITEM, pattern
from domain.language.normalize import strip_fillers

MAX_TAIL, MAX_CLAUSES = 300, 4  # a second request comes soon after the first, or it is a paste
# Said for later or not for sure: "I'll take A-2002 tomorrow maybe" is no check-out now.
HEDGED = re.compile(r"\b(?:maybe|perhaps|might|probably|later|tomorrow|next week|if|when|unless)\b", re.I)
TAIL_CLAUSES = re.compile(r"\s*(?:[,;]|\b(?:and|so|then|but)\b)\s*", re.I)
LEAD = re.compile(r"^(?:and|so|then|also|plus|but|please|pls)\s+", re.I)
PRONOUN = re.compile(r"^(?:it|them|that|this one|that one)$", re.I)
_CHANGE_VERBS = pattern(
    BEFORE_ITEM[C.CheckOut]
    + BEFORE_ITEM[C.CheckIn]
    + BEFORE_ITEM[C.Take]
    + BEFORE_ITEM[C.Consume]
    + BEFORE_ITEM[C.Receive]
)
# A clause that starts by saying what was done: "I used 2 rolls...", "I'll take the MacBook Air..."
VERB_FIRST = re.compile(
    rf"^(?:(?:i|we)(?:'ve|'ll|'m|\s+have|\s+will|\s+am|\s+also|\s+just)*\s+)?{_CHANGE_VERBS}\s", re.I
)
USED_AN_AMOUNT = re.compile(
    r"\b(?:used|went through|got through)\s+(?=(?:\d|an?\s|one\s|two\s|three\s))", re.I
)
# Words that make "..., and the R6 by friday", "..., pallet truck stays with me too" more than an item named
NOT_JUST_AN_ITEM = re.compile(
    r"(?i)\b(?:is|are|was|were|has|have|had|got|needs?|went|will|can|should|keep\w*|stay\w*|slow|soon|later|asap|"
    r"follow\w*|by|on|at|in|to|for|till|until|tomorrow|today|tonight|mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|"
    r"sun\w*|next|week|cracked|missing|broken|lost|damaged|dead|bust|with|me|still|though|yet|not|no)\b"
)
ALSO = re.compile(
    r"^(?:(?:my|our|the)\s+)?(?!(?:me|you|us|them|him|her|it)\b)(?P<item>[\w -]{2,40}?)\s+(?:too|as well)(?:[\s.!]*$|\s+(?:since|because|as|cos)\b)",
    re.I,
)
# "drill back, and the big ladder": one more item of the same request, if the words name one
AND_ANOTHER = re.compile(
    r"^and\s+(?:also\s+)?(?:my|our|the)\s+(?!(?:rest|others?|lot|same)\b)"
    r"(?P<item>[\w-]+(?:\s+[\w-]+){0,3})(?:\s+(?:too|as well))?[\s.!]*$",
    re.I,
)
TAG_FIRST = re.compile(r"^[a-z]{1,4}[- ]?\d{2,6}\b", re.I)  # "a-5005 instead"
# "I'll use the Sachtler instead": taken now in place of another (a bare "I'll use 2 litres" is a plan)
USE_INSTEAD = re.compile(
    r"^(?:i'?ll|i\s+will|we'?ll|we\s+will)\s+use\s+(?P<item>(?!\d|an?\s|one\s|two\s|some\s).+?)\s+instead\b",
    re.I,
)


def use_instead(text: str) -> str:
    return USE_INSTEAD.sub(lambda m: f"taking {m['item']}", text.strip())


def read(tail: str, first: list[Command], parse: Callable[[str], list[Command]]) -> list[Command]:
    """The changes a clause of `tail` asks for, about a tag or the item `first` named."""
    if not tail or not first or len(tail) > MAX_TAIL or HEDGED.search(tail):
        return []
    another = AND_ANOTHER.match(tail.strip())
    if (
        another
        and first[-1].changes
        and hasattr(first[-1], "perhaps")
        and not NOT_JUST_AN_ITEM.search(another["item"])
    ):  # dropped unless it names an item
        return [replace(first[-1], ref=another["item"].lower(), perhaps=True, **_no_amount(first[-1]))]
    clauses = [c for c in TAIL_CLAUSES.split(tail) if c and c.strip()]
    for n in range(min(len(clauses), MAX_CLAUSES)):
        text = use_instead(strip_fillers(LEAD.sub("", " ".join(clauses[n:]).strip())))
        also = ALSO.match(text)
        if (
            also
            and first[-1].changes
            and hasattr(first[-1], "perhaps")
            and not NOT_JUST_AN_ITEM.search(also["item"])
        ):  # "..., and my walkie too"
            bare = not re.match(r"(?i)(?:my|our|the)\s", text)  # "scanner too": an item only if it names one
            return [replace(first[-1], ref=also["item"].lower(), perhaps=bare or first[-1].perhaps)]
        used = None if VERB_FIRST.match(text) else USED_AN_AMOUNT.search(text)
        text = text[used.start() :] if used else text  # "..., and wrapping the pallet used 1 roll of wrap"
        found = parse(text) if text else []
        told = VERB_FIRST.match(text) is not None  # "..., and I used 2 rolls of tape": a request of its own
        if found and all(_certain(c) or (told and c.changes and _named(c.ref)) for c in found):
            meant = [replace(c, ref=first[-1].ref) if PRONOUN.match(c.ref) else c for c in found]
            return [c for c in meant if not _said_already(c, first)]
    return []


def _no_amount(command: Command) -> dict:
    return {name: None for name in ("count", "pack") if hasattr(command, name)}


def _named(ref: str | None) -> bool:
    """An item said by name, not "it to fix the door" (the item just named, used for something)."""
    return bool(ref) and not re.match(r"(?i)(?:it|them|that|this|those|these)\b", ref)


def _said_already(command: Command, first: list[Command]) -> bool:
    """ "done with the p1000, it's back on the rack", "need the steth a bit longer, can I
    have it till wed?": the same request told again."""
    asked_again = (type(command),) + ((C.Extend,) if isinstance(command, (C.Take, C.CheckOut)) else ())
    return any(isinstance(c, asked_again) and c.ref == command.ref for c in first)


def _certain(command: Command) -> bool:
    return (
        command.changes and bool(command.ref) and (PRONOUN.match(command.ref) or TAG_FIRST.match(command.ref))
    )


# "returning the microscope and taking the MiniSpin": a second request, with a verb of its own
AND_THEN = re.compile(
    r"\s+and\s+(?:then\s+|also\s+)?(?:(?:i'd|i would|would) like to\s+|i'll\s+|i will\s+|i'm\s+|i am\s+)?"
    rf"(?={_CHANGE_VERBS}\s)",
    re.I,
)


def and_then(rest: str, read) -> tuple[str, list[Command]]:
    """The words of the first request, and the changes a second one joined by
    "and" with its own verb asks for; when that reads as no change about an
    item, the words stay as they were (a list of items, or chatter)."""
    match = AND_THEN.search(rest)
    if not match or HEDGED.search(rest[match.end() :]):  # "and I'll take A-2002 later maybe"
        return rest, []
    then = read(rest[match.end() :])
    if not then or not all(c.changes and getattr(c, "ref", None) for c in then):
        return rest, []
    return rest[: match.start()], then
