"""Stocktakes as people report them: "stocktake, a4: 11 boxes plus 2 loose reams",
"counted the aprons, 2 rolls and 57 loose", "stocktake tool crib: 25 pairs of
work gloves", "labels are down to 3 rolls", "counted eppis - exactly 4 bags".
Each amount is one Count of the item ("loose" is its base unit); understanding
adds the counts of one item into the one total on the shelf."""

from __future__ import annotations

import re
from dataclasses import replace

from domain import commands as C
from domain.language.numbers import (
    LIST_COMMA,
    NUMBER_WORDS_INSIDE,
    PLACE_NUMBER,
    leading_number,
)
from domain.language.patterns import PACK_WORDS
from domain.values import singular

LEAD = re.compile(
    r"^(?:just\s+)?(?:(?:a\s+)?quick\s+count|stock\s*take|stock\s*check|"
    # "stock count", "end of day count", "eod stock count"
    r"(?:(?:end\s+of\s+(?:the\s+)?(?:day|shift|week|month)|eod|weekly|monthly|daily|closing|opening)\s+)?(?:stock\s+)?count\b(?=\s*[,:;-])|"
    r"(?:we\s+|i\s+)?(?:just\s+)?(?:re)?count(?:ed)?(?:\s+up)?|"
    r"(?:we\s+|i\s+)?(?:just\s+)?(?:did|have\s+done|'ve\s+done)\s+a\s+(?:quick\s+)?(?:re)?count(?:\s+of)?|"
    r"(?:there\s+(?:are|is)|there's)(?:\s+(?:only|just|exactly))?|"
    r"(?:only|just)(?=\s+\d[\d,]*\s[^,;]*\bleft\b))\b[\s,:;-]*",  # not "we got": a delivery
    re.I,
)
_WORDS = NUMBER_WORDS_INSIDE  # "twenty-five"
_NUMBER = rf"(?:\d[\d,]*|{_WORDS})"
_NOT_A_UNIT = r"(?!(?:and|plus|in|at|on|left|of|total|exactly|only|loose)\b)"  # one reading of each word
_AMOUNT = rf"{_NUMBER}(?:\s+loose)?(?:\s+{_NOT_A_UNIT}[a-z]+)?"
_JOIN = rf"\s*(?:{LIST_COMMA}|\band\b|\bplus\b|\+)\s*"  # "2,300" is one amount
AMOUNTS = rf"(?:(?:exactly|only|just)\s+)?{_AMOUNT}(?:{_JOIN}{_AMOUNT})*"
# What may follow the amounts: "left", "in the cage".
_TAIL = (
    r"(?:\s+(?:left|in\s+stock|on\s+the\s+shelf|in\s+total|total|exactly|all\s+told))?"
    r"(?:\s+(?:in|at|on)\s+(?:the\s+)?[\w' -]+)?"
)
ITEM_FIRST = re.compile(
    rf"^(?P<item>.+?)\s*(?:[:=,-]|\s+(?:is|are)(?:\s+(?:at|down\s+to|now))?|\s+count)?\s*"
    rf"(?P<amounts>{AMOUNTS}){_TAIL}$",
    re.I,
)
AMOUNT_FIRST = re.compile(
    rf"^(?P<amounts>{AMOUNTS})\s+(?:of\s+)?(?P<item>(?!(?:in|at|on|left)\b).+?){_TAIL}$", re.I
)
# One of several counts said item first: "specs 7 pairs", "rigger gloves 20 pairs"
ITEM_THEN_AMOUNT = re.compile(
    rf"^(?P<item>(?!\d)[^\d,:;]+?)\s+(?P<amounts>{_NUMBER}(?:\s+(?:loose\s+)?[a-z]+)?)$", re.I
)
NOT_AN_ITEM = re.compile(
    r"^(?:left|in stock|on hand|on the shelf|total|in total|about|around|roughly|approx|approximately|maybe|like)$",
    re.I,
)
_EACH = re.compile(rf"(?P<amount>{_NUMBER})(?:\s+(?P<loose>loose))?(?:\s+(?P<unit>[a-z]+))?$", re.I)


# "2 boxes of specs and 5 loose": the loose ones are of the item too
LOOSE_AFTER_ITEM = re.compile(
    rf"(?P<packs>{_NUMBER}\s+[a-z]+)\s+of\s+(?P<item>[^,;]+?)\s+(?:and|plus|\+)\s+"
    rf"(?P<loose>{_NUMBER}\s+loose(?:\s+(?!ones?\b)[a-z]+)?)(?:\s+ones?)?(?=\s*(?:[,;]|$))",
    re.I,
)
NOT_NOW = re.compile(
    r"\b(?:tomorrow|tonight|this\s+(?:afternoon|evening)|later|next\s+week|will|used|wait|ignore|skip"
    r"|(?:by|on|last)\s+(?:mon|tue|wed|thu|fri|sat|sun)\w*)\b",
    re.I,
)  # a count still to do, or amounts that were used, or taken back
LONG_AGO = re.compile(r"\b(?:ago|yesterday|last\s+(?:week|month|time|year))\b", re.I)
MAX_LENGTH = 200  # a stocktake is a line; longer text is no count of this shape (and keeps the search short)
SAYS_STOCK = re.compile(  # (and "in the store": where stock is kept, not "on my desk")
    r"\b(?:only|just|exactly|left|in stock|remaining|on the shelf|in total|all told|"
    r"in the (?:store|stores|stock\s*room|store\s*room|cupboard|cage)[.!]*$)",
    re.I,
)


# "scissors count - 28 pairs", "safety glasses count in the tool crib: 2 boxes and 5 loose pairs"
COUNT_AFTER_ITEM = re.compile(
    r"^(?P<item>.+?)\s+(?:count|counted|stock\s*take|stock\s*check)(?:\s+(?:in|at|on)\s+[^:=,-]+?)?"
    r"(?:\s*[:=,-]\s*|\s+(?=\d))(?P<amounts>.+)$",
    re.I,
)


def read(text: str) -> list[C.Command] | None:
    """The counts a stocktake message reports, or None when it is no stocktake
    of this shape (the sentence patterns then have their turn)."""
    after_item = COUNT_AFTER_ITEM.match(text)
    if after_item and not LEAD.match(text):
        text = f"count {after_item['item']}: {after_item['amounts']}"
    lead = LEAD.match(text)
    if not lead or len(text) > MAX_LENGTH:
        return None
    if LONG_AGO.search(text) or NOT_NOW.search(text):  # "a count ... 2 weeks ago: 12", "count tomorrow: ..."
        return [C.Unknown(words=text)]
    if lead.group(0).lower().startswith("there") and not SAYS_STOCK.search(text):
        return None  # "there are 3 pens on my desk" is a remark; "there are only 28 left" a count
    body = text[lead.end() :].strip(" .!?")
    body = re.sub(
        r"(?i)\bfull\s+|(?<=loose)\s+ones?\b|\s+in\s+an?\s+open\s+one\b", " ", body
    )  # "3 full bags and 4 loose ones"
    body = " ".join(body.split())
    body = re.sub(
        rf"(?i)^({_NUMBER})\s+left\s+of\s+(?:the\s+)?(.+)$", r"\1 \2 left", body
    )  # "3 left of the a4"
    body = LOOSE_AFTER_ITEM.sub(
        r"\g<packs> and \g<loose> of \g<item>", body
    )  # "2 boxes of specs and 5 loose"
    bodies = [body] + [body.split(":", 1)[1].strip()] if ":" in body else [body]
    counted_where = re.match(
        r"(?i)^(?P<item>.+?)\s+(?:in|at|on)\s+(?:the\s+)?[^:]+:\s*(?P<amounts>.+)$", body
    )
    if counted_where:  # "the ethanol in the cold room: two cans and 3 litres"
        bodies.insert(0, f"{counted_where['item']}: {counted_where['amounts']}")
    if re.match(r"(?i)(?:in|at|on)\s", body):  # "stocktake in the outreach office: 8 earpieces"
        bodies = bodies[1:] or bodies
    last_clause = body.rsplit(",", 1)[1].strip() if "," in body else ""
    # "counted the diffusion in the grip truck, only 4 sheets of 216 left" (but not "the hand
    # gel, 19 bottles": those bottles are the gel's)
    if re.search(r"\bof\b", last_clause):
        bodies.append(last_clause)
    listed = next(filter(None, map(_items_then_amounts, bodies)), None)
    if listed:  # "tool crib: specs 7 pairs, rigger gloves 20 pairs": each, not one read whole
        return listed
    # "tool crib: 25 pairs of gloves": a place, then the count
    counts = (_several(each) or _each_part(each) or _one_item(each) for each in bodies)
    found = next(filter(None, counts), None)
    where = LEFT_THERE.search(text)
    if found and where and len(found) == 1 and isinstance(found[0], C.Count):  # where it is kept, or refused
        return [replace(found[0], ref=f"{found[0].ref} in {where['place']}")]
    return found


# "only 2 boxes of masks left in reception": the place the count was made (checked against where it is kept)
LEFT_THERE = re.compile(r"(?i)\b(?:left|remaining)\s+(?:in|at)\s+(?:the\s+)?(?P<place>[\w' -]+?)[\s.!]*$")


def _one_item(text: str) -> list[C.Command]:
    """The counts of one item: "25 pairs of gloves", "a4: 11 boxes plus 2 loose reams"."""
    for shape in (AMOUNT_FIRST, ITEM_FIRST):
        match = shape.match(text)
        amounts, item = (match["amounts"], _item(match["item"])) if match else ("", "")
        if shape is AMOUNT_FIRST and match and not re.search(r"\bof\b", text):
            amounts, item = _unit_or_name(amounts, item)  # "22 xlr cables": xlr is part of the name
        named_by_number = shape is AMOUNT_FIRST and bool(re.search(r"\bof\s+\d", text))  # "4 sheets of 216"
        counts = _counts(amounts, item, named_by_number) if match else []
        if counts:
            return counts
    return []


def _each_part(text: str) -> list[C.Command]:
    """ "28 board pens, scissors 3 packs + 2": a list of items, each said amount first or last."""
    parts = [part for part in re.split(r"\s*;\s*|,\s+", text) if part.strip()]
    counts = []
    for part in parts:
        found = _one_item(part.strip())
        if not found or len({c.ref for c in found}) != 1:
            return []
        counts += found
    return _packs_of_the_next(counts) if len({c.ref for c in counts}) > 1 else []


# Where a list of counts of different items splits: before the next amount.
NEXT_COUNT = re.compile(rf"\s*(?:,|\band\b|;)\s*(?=(?:{_NUMBER})\s+(?!loose\b)[a-z])", re.I)


def _several(text: str) -> list[C.Command]:
    """ "90 AA batteries, 58 AAA and 11 Jabra headsets": one count for each item."""
    parts = NEXT_COUNT.split(text)
    if len(parts) < 2:
        return []
    counts = []
    for part in parts:
        match = AMOUNT_FIRST.match(part.strip())
        if not match:
            return []
        amounts, item = match["amounts"], _item(match["item"])
        if not re.search(r"\bof\b", part):
            amounts, item = _unit_or_name(amounts, item)
        found = _counts(amounts, item)
        if len(found) != 1:
            return []
        counts += found
    return _packs_of_the_next(counts)


def _items_then_amounts(text: str) -> list[C.Command]:
    """ "specs 7 pairs, rigger gloves 20 pairs": several counts, each said item first."""
    parts = [part.strip() for part in re.split(r"(?i)\s*(?:[,;]|\band\b)\s*", text)]
    said = [ITEM_THEN_AMOUNT.match(part) for part in parts]
    if len(parts) < 2 or not all(said):
        return []
    counts = [_counts(*_unit_or_name(match["amounts"], _item(match["item"]))) for match in said]
    return [count for found in counts for count in found] if all(len(found) == 1 for found in counts) else []


def _packs_of_the_next(counts: list[C.Count]) -> list[C.Count]:
    """ "2 drums and 10 litres of rapeseed oil": a pack with no item of its own is of the next item."""
    for n in range(len(counts) - 2, -1, -1):
        this, after = counts[n], counts[n + 1]
        if this.pack is None and singular(this.ref) in PACK_WORDS and after.pack is not None:
            counts[n] = C.Count(ref=after.ref, count=this.count, pack=singular(this.ref))
    return counts


def _unit_or_name(amounts: str, item: str) -> tuple[str, str]:
    """Without "of", only a pack word is a unit: "22 xlr cables" counts xlr cables."""
    match = re.match(rf"^(?P<head>.*?{_NUMBER})\s+(?P<word>[a-z]+)$", amounts, re.I)
    if match and singular(match["word"]) not in PACK_WORDS and match["word"].lower() != "loose":
        return match["head"], f"{match['word']} {item}"
    return amounts, item


def _item(words: str) -> str:
    item = words.split(":", 1)[-1]  # "dry store: cling film"
    item = re.sub(r"^(?:the|our|all\s+the|of)\s+", "", item.strip(" ,:-"), flags=re.I)
    if re.search(r"(?i)[\s,]+there$", item):  # "the leads in the server room, there are 3 bags"
        item = re.sub(r"(?i)[\s,]+there$", "", item)
        item = re.sub(r"(?i)\s+(?:in|at|on)\s+(?:the\s+)?[\w' -]+$", "", item)  # where they were counted
    return item.strip()


def _counts(amounts: str, item: str, named_by_number: bool = False) -> list[C.Command]:
    if (
        not item
        or re.search(r"(?i)\bof$", item)  # "only 4 sheets of" + "216": the number is the item's name
        or (leading_number(item)[0] is not None and not named_by_number)
        or NOT_AN_ITEM.match(item)
        or PLACE_NUMBER.search(f"{item} 1")
    ):
        return []  # "the pens in room 102": the place's number is no count
    amounts = re.sub(r"^(?:exactly|only|just)\s+", "", amounts, flags=re.I)
    counts = []
    for part in re.split(_JOIN, amounts):
        match = _EACH.match(part.strip())
        if not match:
            return []
        count, rest = leading_number(match["amount"])
        if count is None or rest.strip():
            return []
        unit = match["unit"]
        counts.append(C.Count(ref=item, count=count, pack=singular(unit) if unit else None))
    return counts
