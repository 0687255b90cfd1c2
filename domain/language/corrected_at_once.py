"""A change corrected in the message that makes it: "Used 3 sharps bins. Sorry, make
it 2.", "Took 2 packs of glue sticks. No wait, it was 1 pack.", "Checked out the
sachtler. No wait, I meant the manfrotto." The one change is made as corrected,
never the first amount and then a correction of a change that was never recorded."""

from __future__ import annotations

import re
from dataclasses import replace

from domain import commands as C
from domain.commands import Command
from domain.values import singular

# the changes a correction in the same message may be about: one item, an amount or a due time
AMENDABLE = (C.Consume, C.Take, C.CheckOut, C.CheckIn, C.Receive, C.Count, C.Extend)


def corrected_at_once(commands: list[Command]) -> list[Command]:
    """`commands` with a last Correct folded into the one change said before it; as
    they are when that is not plain (several changes, an "X not Y", another unit)."""
    if len(commands) != 2 or not isinstance(commands[1], C.Correct):
        return commands
    said, correction = commands
    if type(said) not in AMENDABLE or not said.ref or correction.instead_of:
        return commands
    amended = said
    if correction.meant:
        amended = replace(amended, ref=re.sub(r"(?i)^(?:the|a|an|my)\s+", "", correction.meant.strip()))
    if correction.count is not None:
        pack = singular(correction.pack) if correction.pack else getattr(said, "pack", None)
        if not hasattr(said, "count") or (correction.pack and pack != getattr(said, "pack", None)):
            return commands  # "used 3 boxes of pens. sorry, 5 pens": which unit is asked, not guessed
        amended = replace(amended, count=correction.count, pack=pack)
    if correction.due is not None:
        if not hasattr(said, "due"):
            return commands
        amended = replace(amended, due=correction.due)
    return [amended] if amended != said else commands
