"""The items of a request: a list of them ("the drill, the ladder and 2 boxes of
screws"), where the list ends and chatter begins, and the words of each as the
catalog resolver reads them."""

from __future__ import annotations

import re
from dataclasses import replace

from domain.commands import Command
from domain.language import patterns as P
from domain.language.second_request import USED_AN_AMOUNT, VERB_FIRST
from domain.values import singular


def item_ref(text: str | None) -> str | None:
    """The words naming an item, as the resolver wants them: lower case, no article or pack."""
    if text is None:
        return None
    text = text.strip(" ?!.,:;'\"").lower()
    match = P.PACK_OF.match(re.sub(r"^an?\s+", "", text))  # "(most of) a roll of parcel tape"
    if match and singular(match.group("pack")) in P.PACK_WORDS:
        text = match.group("item")
    text = re.sub(
        r"\s+(?:(?:right\s+)?now|please|pls|thanks|thx|again|instead)$", "", text
    )  # "... right now"
    while True:
        stripped = P.ARTICLES.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text or None


def same_item(commands) -> list[Command]:
    """ "1 box + 3 hygiene kits": a quantity naming no item is of the item named next
    (or, with no count of its own, of the item before it)."""
    commands = list(commands)
    for n in range(len(commands) - 2, -1, -1):
        this, after = commands[n], commands[n + 1]
        if this.ref is None and getattr(this, "pack", None) and type(after) is type(this) and after.ref:
            commands[n] = replace(this, ref=after.ref)
    # "topped up the a3, 5 boxes": a quantity after the item it is of
    for n in range(len(commands) - 1, 0, -1):
        this, before = commands[n], commands[n - 1]
        counted = getattr(this, "count", None) is not None or getattr(this, "vague", False)
        if this.ref is None and counted and type(before) is type(this) and before.ref:
            if this.vague:  # "2 boxes and a few loose ones": how many in all is asked
                commands[n - 1 : n + 1] = [replace(before, count=None, pack=None, vague=True)]
            elif getattr(before, "count", 0) is None:
                merged = {**vars(before), "count": this.count, "pack": getattr(this, "pack", None)}
                commands[n - 1 : n + 1] = [type(before).of(**merged)]
            else:  # "3 boxes and 2 packs": more of the same item
                commands[n] = replace(this, ref=before.ref)
    return commands


def perhaps_a_remark(rest: str, last: str) -> bool:
    """The last part came after a comma, is words with no article, amount or tag first,
    and no list goes on after it: "taking A-1003 till fri, new starter setup"."""
    after_comma = rest.rsplit(",", 1)[-1].strip() if "," in rest else ""
    words = last.strip().split()
    return (
        after_comma == last.strip()
        and len(words) >= 2
        and (
            not re.match(
                r"(?i)(?:the|a|an|my|our|some|both|\d|one|two|three)\b|[a-z]{1,4}[- ]?\d", last.strip()
            )
            or bool(SAYS_SOMETHING.search(last))  # "..., the event runs late on saturday"
        )
    )


# a clause's verb after its subject: a remark, not an item ("the event runs late", "the old one is bust")
SAYS_SOMETHING = re.compile(
    r"(?i)^\S+(?:\s+\S+){0,3}?\s+(?:is|are|was|were|runs|ran|starts|started|finishes|ends|ended|goes|went|"
    r"has|have|had|needs|broke|died|keeps)\s+\S"
)


def split_items(rest: str) -> list[str]:
    return items_and_tail(rest)[0]


def _not_an_item(part: str) -> bool:
    return bool(
        P.CHATTER.match(part)
        or P.A_CLAUSE.match(part)
        or VERB_FIRST.match(part)
        or USED_AN_AMOUNT.search(part)
        or SAYS_NOT.search(part)
    )


# "..., the short ones don't reach": a part saying what something does not do is a remark
# (and "..., apart from the radios", "..., except the van": what is left out is no item of it)
SAYS_NOT = re.compile(
    r"(?i)\b(?:don't|dont|doesn't|doesnt|won't|wont|isn't|isnt|aren't|arent|can't|cant)\b|^(?:except|apart\s+from)\b"
)


LIST_QUANTIFIER = re.compile(
    r"(?i)\s*,?\s+(?:both(?:\s+of\s+them)?|the\s+two\s+of\s+them|all\s+of\s+them)\s*$"
)
A_UNIT = re.compile(r"(?i)^(?:a|an)\s")
ALL_OF_THEM = re.compile(
    r"(?i)^(?P<item>(?:the|my|our|his|her|their)\s+[^,;]+?)\s*,\s*all\s+(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)"
    r"(?:\s+of\s+them)?\s*[.!]*$"
)
AS_WELL = re.compile(r"(?i)\s+(?:as\s+well|too|instead)\s*$")  # "and the little sound recorder as well"


def items_and_tail(rest: str) -> tuple[list[str], str]:
    """The items of a list, and what follows them: chatter ("..., sorry it's late") or
    a request of its own ("returned the ronin, took the sachtler")."""
    listed = LIST_QUANTIFIER.sub("", rest)  # "the boom mic and the recorder as well, both": the two named
    if listed != rest and len([p for p in P.SPLIT.split(listed) if p]) > 1:
        rest = listed
    counted = ALL_OF_THEM.match(rest)
    if counted:  # "the xlr cables, all 6": six of them
        rest = f"{counted['n']} {P.ARTICLES.sub('', counted['item'].strip())}"
    parts = [p for p in P.SPLIT.split(rest) if p]
    chatter = next((n for n, p in enumerate(parts) if n and _not_an_item(p.strip())), None)
    if chatter is None:
        return _named(parts) or [rest], ""
    return _named(parts[:chatter]) or [rest], ", ".join(
        parts[chatter:]
    )  # the tail as said ("..., and the benq too")


def _named(parts: list[str]) -> list[str]:
    """The items of a list without "as well", "too" or "instead" said after them."""
    return [
        p if A_UNIT.match(p.strip()) else AS_WELL.sub("", p)  # "a pallet truck too": one more (the reader's)
        for p in parts
        if not AS_WELL.fullmatch(" " + p.strip())
    ]
