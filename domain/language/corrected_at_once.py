"""A change corrected in the message that makes it ("Used 3 sharps bins. Sorry, make it
2.", "Checked out the sachtler. No wait, I meant the manfrotto."): the one change is made as
corrected, never the first amount and then a correction of a change that was never recorded.
And an amount said apart from its item ("counted the earpieces ... there are only 7") or
after it ("restocked AA batteries, 10 boxes arrived")."""

from __future__ import annotations

import re
from dataclasses import replace

from domain import commands as C
from domain.commands import Command
from domain.language.numbers import leading_number
from domain.values import singular

# the changes a correction in the same message may be about: one item, an amount or a due time
AMENDABLE = (C.Consume, C.Take, C.CheckOut, C.CheckIn, C.Receive, C.Count, C.Extend)


# what a correction may name that is no item: what was done ("I meant returned"), which one
# ("the one in the av store"), more said after it ("4 masks")
NOT_AN_ITEM = re.compile(
    r"(?i)^(?:(?:the|a)\s+)?(?:one\b|other\b|\d|returned|return|returning|back|in|out|checked|check|took|taken|"
    r"take|used|use|borrowed|lent|received|counted|booked)"
)


# the correction is what the message ends with ("... Sorry, make it 2. And 4 masks." says more)
SAID_LAST = re.compile(
    r"(?i)\b(?:make\s+(?:it|that)|meant|actually|sorry|wait|it\s+was|oops|correction|my\s+bad|scratch\s+that)\b"
    r"[^.!?]*[.!?\s]*$"
)


# The pack said first, kept for a bare number that corrects it: a pack of the item's or its base unit
# is known only from the catalog ("make it 3" after "2 reams of A4" is reams; after "3 boxes of masks", asked)
PACK_KEPT = "?"
# "used 3 boxes of masks, sorry make it 2", "used 2 drums of oil - sorry, 1 drum": a correction after
# a comma or dash is a sentence of its own, read as one (never the first amount, the second dropped)
_CORRECTION_AFTER_A_BREAK = re.compile(
    r"(?i)\s*(?:,|;|\s-+|\s\u2013|\s\u2014)\s+(?=(?:sorry|oops|no\s+wait|wait|actually|correction)[,\s]+"
    r"(?:make\s+(?:it|that)|i\s+meant?|should\s+(?:be|have\s+been)|it\s+was|\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)"
)


def correction_apart(text: str) -> str:
    """The message with a correction said after a comma or dash made a sentence of its own."""
    return _CORRECTION_AFTER_A_BREAK.sub(". ", text)


def corrected_at_once(
    text: str, commands: list[Command], people: frozenset[str] = frozenset()
) -> list[Command]:
    """`commands` with a last Correct folded into the one change said before it; a question
    (Unknown) when a correction follows a change of the message but can't be folded plainly
    (several changes, an "X not Y", another unit, a person meant: "check out the sachtler to
    erin. sorry, I meant jack", more said after it): never a correction of an older change."""
    corrections = [n for n, c in enumerate(commands) if isinstance(c, (C.Correct, C.Again)) and n]
    if not corrections or not any(c.changes for c in commands[: corrections[0]]):
        return commands
    # a correction after a change of this message is about it, never an older change: folded, or asked
    unclear = [C.Unknown(words=text)]
    if len(commands) != 2 or not isinstance(commands[1], C.Correct):
        return unclear
    if not SAID_LAST.search(re.split(r"(?<=[.!?])\s+", text.strip())[-1]):
        return unclear
    said, correction = commands
    if type(said) not in AMENDABLE or not said.ref or correction.instead_of:
        return unclear
    meant = (correction.meant or "").strip().lower().lstrip("@")
    if meant and (getattr(said, "person", None) or meant in people or NOT_AN_ITEM.match(meant)):
        return unclear
    if correction.count is not None and correction.pack is None and getattr(said, "due", None):
        return unclear  # "took 2 batteries till 2. sorry, make it 3": the number or the time?
    amended = said
    if correction.meant:
        amended = replace(amended, ref=re.sub(r"(?i)^(?:the|a|an|my)\s+", "", correction.meant.strip()))
    if correction.count is not None:  # (the item said again: its amount in its own words, "1 glue stick")
        pack = singular(correction.pack) if correction.pack else None
        if correction.pack is None and not correction.meant and getattr(said, "pack", None):
            pack = (
                PACK_KEPT + said.pack
            )  # "used 3 boxes of masks. sorry make it 2": boxes or masks? (checked later)
        if not hasattr(said, "count") or (correction.pack and pack != getattr(said, "pack", None)):
            return unclear  # "used 3 boxes of pens. sorry, 5 pens": which unit is asked, not guessed
        amended = replace(amended, count=correction.count, pack=pack)
    if correction.due is not None:
        if not hasattr(said, "due"):
            return unclear
        amended = replace(amended, due=correction.due)
    return [amended] if amended != said else unclear


def amount_said_apart(commands: list[Command]) -> list[Command]:
    """ "We counted the earpieces in the office and there are only 7": the item in one clause,
    its amount in the next, one change."""
    if len(commands) != 2 or type(commands[0]) is not type(commands[1]):
        return commands
    named, amount = commands
    if not isinstance(named, (C.Count, C.Receive, C.Consume)) or named.count is not None or amount.ref:
        return commands
    if not named.ref or amount.count is None:
        return commands
    return [replace(named, count=amount.count, pack=amount.pack or named.pack)]


# the amount of the supplies just named, said after a comma: "..., 10 boxes arrived", "..., 3 used"
AMOUNT_AFTER = {
    kind: re.compile(rf"(?i)^(?P<amount>\d[\d,]*\s*(?:[a-z]+)?)\s+(?:{verbs})[\s.!]*$")
    for kind, verbs in (
        (C.Receive, r"arrived|came\s+in|delivered|received|in"),
        (C.Consume, r"used|gone"),
        (C.Count, r"left|on\s+the\s+shelf"),
    )
}


def amount_after(commands: list[Command], tail: str) -> tuple[list[Command], str]:
    """ "restocked AA batteries, 10 boxes arrived": the one change, with the amount said after it."""
    kind = type(commands[0]) if len(commands) == 1 else None
    said = AMOUNT_AFTER[kind].match((tail or "").strip()) if kind in AMOUNT_AFTER else None
    if not said:
        return commands, tail
    if commands[0].count is not None:
        return commands, tail
    count, pack = leading_number(said["amount"])
    pack = singular(pack.strip()) if pack.strip() else None
    return [replace(commands[0], count=count, pack=pack)], ""
