"""Messages that only make sense after the speaker's last change: a correction
("oops, make it 5", "no wait, I meant the MacBook", "make it friday") or more of
the same ("two more", "one more pack", "another box"). They name no verb of
their own; the conversation services read them against the ledger.

A voice transcript that says one is confirmed like any voice change (a misheard
"more" would repeat a change)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Callable

from domain import commands as C
from domain.commands import Command
from domain.language.numbers import leading_amount

# Words that mark a message as a correction of what was just said.
_OOPS = (
    r"(?:oops|whoops|oh|sorry|no|nope|wait|hang on|hold on|actually|my bad|my mistake|correction|typo|"
    r"err|erm|um|scratch that|wrong one|wrong item|not that one)"
)
CORRECTION_START = re.compile(rf"^\W*{_OOPS}\b", re.I)
# Markers strong enough that what follows is the item meant: "wrong one, the benq".
_OTHER_ONE = re.compile(r"^\W*(?:no\s+wait|wrong\s+(?:one|item)|not\s+that\s+one|scratch\s+that)\b", re.I)
_FILLERS = re.compile(rf"^(?:(?:{_OOPS})\b[\s,.!:;-]*)+", re.I)  # (not the "no" of "note: ...")
# What introduces the corrected value, by how sure it is to be a correction:
# "I meant the MacBook" always; "make it 5" for an amount or a time ("make it quick" is
# no correction); "it was 5", "it should be 5" only after an "oops", "sorry", "actually"...
_MEANT = re.compile(r"^(?:(?:i|we)\s+meant(?:\s+to\s+say)?|meant)\b\s*", re.I)
_MAKE_IT = re.compile(r"^(?:make\s+(?:it|that)|change\s+(?:it|that)\s+to)\b\s*", re.I)
_WAS = re.compile(
    r"^(?:(?:it|that)\s+(?:was|should\s+(?:be|have\s+been))|should\s+(?:be|have\s+been)|"
    r"(?:it's|its|it\s+is)|it\s+was\s+meant\s+to\s+be)\b\s*",
    re.I,
)
_NOT_THE_OLD = re.compile(r"^(?P<new>.+?)[\s,]+(?:not|instead\s+of|rather\s+than)\s+(?P<old>.+)$", re.I)
_MORE = re.compile(
    r"^(?:and\s+|plus\s+|also\s+)?(?:(?P<n>\S+(?:\s+and\s+a\s+half)?)\s+more|another)(?:\s+(?P<rest>.+?))?"
    r"(?:\s+(?:please|pls|too|as well))?$|^same\s+again$",
    re.I,
)
_UNDO = re.compile(
    r"(?:undo|revert)(?:\s+(?:that|it|this|my\s+last(?:\s+(?:change|one))?|the\s+last\s+(?:change|one)))?",
    re.I,
)
_NO_ITEM = re.compile(r"^(?:one|ones|of\s+(?:those|them|these|that|it)|of\s+the\s+same)$", re.I)


def read(
    text: str, due: datetime | None, corrective: bool, when: Callable[[str], datetime | None]
) -> Command | None:
    """The follow-up in `text` (normalized, its due time already taken out), or
    None when it is not one. `corrective`: the message began with "actually",
    "sorry"... before normalizing took it off. `when("friday")`: the due time
    a bare day names, for "make it friday"."""
    found = _more(text) or _correction(text, due, corrective, when)
    if isinstance(found, C.Correct) and found.due is None and (found.meant or found.pack):
        said = found.meant if found.count is None else f"{found.count} {found.pack}"
        day = when(said) if said else None
        if day is not None:  # "make it friday", "make it 3 days"
            return C.Correct(due=day)
    return found


def _more(text: str) -> Command | None:
    match = _MORE.match(text.strip(" .!?"))
    if not match:
        return None
    if text.strip(" .!?").lower() == "same again":
        return C.Again(count=None)  # the same amount as the last change
    count = 1
    rest = (match["rest"] or "").strip()
    if match["n"]:
        count, left = leading_amount(match["n"] + (" " + rest if rest else ""))
        if count is None:
            return None
        rest = left.strip()
    elif rest:  # "another 2", "another box"
        amount, left = leading_amount(rest)
        if amount is not None:
            count, rest = amount, left.strip()
    pack, ref = _pack_and_item(rest)
    return C.Again(count=count, pack=pack, meant=ref)


def _pack_and_item(rest: str) -> tuple[str | None, str | None]:
    """ "boxes" -> (box, None); "boxes of paper" -> (box, paper); "of those" -> (None, None)."""
    rest = rest.strip(" .!?")
    if not rest or _NO_ITEM.match(rest):
        return None, None
    pack, _, item = rest.partition(" of ")
    if " " not in pack and item:
        return pack.lower(), item
    if " " not in rest:
        return rest.lower(), None  # a pack word, or a unit: the item's own is checked later
    return None, rest


def _correction(
    text: str, due: datetime | None, corrective: bool, when: Callable[[str], datetime | None]
) -> Command | None:
    body = text.strip(" .!?")
    other_one = bool(_OTHER_ONE.match(body))
    marked = corrective or bool(_FILLERS.match(body))
    body = _FILLERS.sub("", body).strip(" ,.!?")
    if _UNDO.fullmatch(body):
        return C.Undo()  # "scratch that, undo my last change": the undo is the request
    meant, make_it, was = (shape.match(body) for shape in (_MEANT, _MAKE_IT, _WAS))
    if was and not marked:
        return None  # "it's 3pm", "that should be it": said without an "oops", no correction
    lead = meant or make_it or was
    if lead:
        body = body[lead.end() :].strip(" ,.!?")
    new, old = body, None
    split = _NOT_THE_OLD.match(body)
    if split:
        new, old = split["new"].strip(" ,"), split["old"].strip(" ,.!?")
    if not (marked or lead) and old is None:
        return None
    if not new:
        return C.Correct(due=due) if due and (marked or make_it) else None
    if re.search(r"(?i)\b(?:as\s+well|too|also|or\s+not|jk|just\s+kidding)\b", new):
        return None  # "I meant the thinkpad as well": one more, not instead; "..., or not": taken back
    amount, rest = leading_amount(new)
    if amount is not None and (not rest.strip() or " " not in rest.strip()):
        pack = rest.strip().lower() or None  # "5", "5 boxes", or "5 pens": another item, seen later
        return C.Correct(count=amount, pack=pack, due=due, instead_of=old)
    if make_it and not (meant or old is not None or other_one):
        day = when(new)  # "make it friday"; "make it quick" is no correction
        return C.Correct(due=day) if day else None
    if not (meant or old is not None or other_one):
        return None  # "sorry, the laptop is back": a message of its own, not a correction
    if amount is not None:  # "I meant 5 boxes of pens"
        pack, item = _pack_and_item(rest)
        return C.Correct(count=amount, pack=pack, meant=item, due=due, instead_of=old)
    return C.Correct(meant=new, due=due, instead_of=old)
