"""One item of a request, from the words that name it: how many ("3 boxes of",
"half a box", "x3", "a few" asked about), in what pack, and the words the catalog
resolver reads ("the 216" is a name, "24-105" a model, "drum of oil" one drum)."""

from __future__ import annotations

import re
from datetime import datetime

from domain import commands as C
from domain.commands import Command
from domain.language import patterns as P
from domain.language.item_lists import AS_WELL, item_ref
from domain.language.numbers import leading_amount, leading_number, trailing_number, vague_amount
from domain.values import singular

ASSET_KINDS = (C.CheckOut, C.CheckIn, C.Extend, C.Take)
IN_PARTS = (C.Consume, C.Receive, C.Count, C.Take)  # "half a box of masks": stock comes in parts of packs


LENGTH_SAID = re.compile(
    r"(?i)^\d+(?:\.\d+)?\s*(?:m|metres?|meters?|cm|mm|ft|foot|feet|inch|inches)\s+(?!of\b)\S"
)
NOT_PACKS = frozenset("a an one some any all most few lot lots couple bit half none each both rest".split())


def _a_pack_word(word: str) -> bool:
    """ "drum" of "drum of oil" is a pack; "ten" and "some" of "ten of the batteries" are amounts."""
    return word not in NOT_PACKS and leading_number(word)[0] is None


TRAILING_PACKS = re.compile(r"^(?P<item>.+?)\s+x?(?P<n>\d+)\s*x?\s+(?P<pack>[a-z]+)$", re.I)
LONGER = re.compile(r"\s+(?:(?:a\s+(?:bit|little|while)|for|some\s+time)\s+)?longer\b.*$", re.I)
# "keep the walkie another day", "need it two more days", "a few more days" (how many is asked)
MORE_TIME = re.compile(
    r"\s+(?:for\s+)?(?:(?:another|one\s+more|an\s+extra|by)\s+(?:(?P<n1>an?|\d+|[a-z]+)\s+)?"
    r"|(?P<n2>\d+|[a-z]+)\s+(?:more|extra)\s+|(?P<few>a\s+few|a\s+couple(?:\s+of)?|some|few)\s+(?:more|extra)\s+)"
    r"(?P<unit>day|week|month|hour|fortnight)s?\b(?P<unsure>\s+(?:or\s+(?:two|so|more)|and\s+a\s+half))?.*$",
    re.I,
)
MOST_DAYS = 90  # "another 99999999999 days" is no loan: until when is asked
BY_A_NUMBER = re.compile(r"\s+by\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*$", re.I)


def _more_time(phrase: str) -> tuple[str, int | None, bool] | None:
    """The words before "another day" and how many days more (None and True: vague)."""
    more = MORE_TIME.search(phrase)
    if more is None:
        return None
    said = more["n1"] or more["n2"]
    count = 1 if said is None else leading_number(said)[0]
    days = (count or 0) * (7 if more["unit"].lower() == "week" else 1)
    if (
        more["unit"].lower() not in ("day", "week")
        or more["few"]
        or more["unsure"]
        or not 0 < days <= MOST_DAYS
    ):
        return phrase[: more.start()], None, True  # "another day or two", "zero more days": until when?
    return phrase[: more.start()], days, False


_SMALL = r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a dozen)"
ALL_OF_N = re.compile(rf"(?i)^all\s+(?={_SMALL}\s+\S)")
MORE_OF = re.compile(rf"(?i)^(?P<n>{_SMALL})\s+more\s+(?=\S)")
_TIME_AFTER = r"(?:day|week|hour|night|couple|few)\b"  # "another day": more time, not another unit
ANOTHER = re.compile(rf"(?i)^another\s+(?=\S)(?!{_TIME_AFTER})")
OTHER_UNIT = re.compile(rf"(?i)^(?:the\s+other|another)\s+(?=\S)(?!{_TIME_AFTER}|one\b)")


# "returned for xlr cables", "took to boxes": four? two? A number heard as a word is asked, never
# read as all or one of them (not "to the store", "for lunch", "to stores")
SOUNDS_LIKE_A_NUMBER = re.compile(
    r"(?i)^(?:for|to|too)\s+(?=(?!(?:the|a|an|my|our|his|her|their|this|that|these|those|me|you|him|them|us|it|lunch|"
    r"repairs?|stores?|storage|site|base|work|school|home|ages|now|later|today|tomorrow|days|weeks|hours|months)\b)"
    r"[a-z][\w-]*(?:\s+[\w-]+){0,3}$)"
)
# "took a pallet truck too", "can I get a drill till 3": a unit, perhaps one more beside the one
# held, never a longer loan of that one
ONE_MORE_UNIT = re.compile(
    r"(?i)^(?:a|an)\s+(?!(?:dozen|couple|few|half|bit|lot|little)\b)(?![a-z]+\s+of\b)\S"
)


WORN_OUT = re.compile(
    r"(?i)^(?P<n>(?:\d+|a|an|one|two|three|four|five|six)\s+)?(?:knackered|broken|damaged|busted|faulty|cracked|ripped|torn|"
    r"worn[- ]out|old)\s+(?=\S+)"
)
FREE_UNITS = re.compile(
    r"(?i)^(?P<n>(?:the\s+|a\s+|an\s+)?(?:(?:\d+|one|two|three|four|five|six)\s+)?)(?:free|available)\s+(?=\S+)(?!ones?\b)"
)
INTO_STOCK = re.compile(r"\s+(?:to|into|onto|in)\s+(?:the\s+)?(?:stock|inventory|shelf|shelves)$", re.I)


def item_command(kind: type[Command], phrase: str, person: str | None, due: datetime | None) -> Command:
    """The command about one item of a request, from its words: the count and pack
    ("3 boxes of paper", "masking tape 2 packs", "a few pens"), the item's words, a note."""
    note = None
    if kind is C.Receive:  # "add 240 masks to stock": where received things go, not the item
        phrase = INTO_STOCK.sub("", phrase)
    if kind in (C.Take, C.CheckOut) and LONGER.search(phrase):  # "need the van a bit longer"
        kind, phrase = C.Extend, LONGER.sub("", phrase)
    if kind is C.Extend and BY_A_NUMBER.search(phrase):  # "extend it by two": days? hours? asked
        return C.Extend(ref=item_ref(BY_A_NUMBER.sub("", phrase)), person=person, vague=True)
    more = _more_time(phrase) if kind in (C.Extend, C.Take) else None
    if more and kind is C.Take and not more[2]:
        more = None  # "I'll take the van another day" is a plan; "need it a few more days" asks until when
    if more and due is not None and more[2]:  # "a few more days, till wed 9th": the day said is the due
        phrase = more[0]
    elif more and due is not None:  # "another day, till friday": which? asked
        return C.Extend(ref=item_ref(more[0]), person=person, vague=True)
    elif more:  # "keep the walkie another day": that much longer than it is due
        phrase, days, unsure = more
        return C.Extend(ref=item_ref(phrase), person=person, days=days, vague=unsure)
    if kind is C.CheckIn and " - " in phrase:
        phrase, note = (s.strip() for s in phrase.split(" - ", 1))
    if re.fullmatch(r"(?i)(?:an?(?:other)?\s+)?one", phrase.strip()):  # "can I borrow one?": one of what?
        return kind.of(ref="one", person=person, due=due)
    named_by_number = re.fullmatch(r"(?i)the\s+(?P<name>\d[\w-]*)", phrase.strip())
    if kind in IN_PARTS and named_by_number:  # "..., the 216": the gel called 216, not 216 of anything
        return kind.of(ref=named_by_number["name"].lower(), person=person, due=due)
    if kind in (C.CheckIn, C.CheckOut, C.Take, C.Consume, C.Receive) and SOUNDS_LIKE_A_NUMBER.match(
        phrase.strip()
    ):
        return kind.of(
            ref=item_ref(SOUNDS_LIKE_A_NUMBER.sub("", phrase.strip())), person=person, due=due, vague=True
        )
    another = bool(
        OTHER_UNIT.match(phrase.strip()) or (kind is C.Take and ONE_MORE_UNIT.match(phrase.strip()))
    )
    phrase = AS_WELL.sub("", phrase)
    phrase = re.sub(r"(?i)^(?:the\s+)?other\s+(?!one\b)(?=\w)", "", phrase.strip())  # "the other two chafers"
    phrase = P.TRAILING_BE.sub(
        "",
        P.ARTICLES.sub("", phrase.strip())
        if re.match(r"(?i)the\s+(?:\d|(?:two|three|four|five|six)(?=\s+(?:[\w-]+\s+){0,2}[\w-]+s\b))", phrase)
        else phrase,
    )
    if kind in (C.CheckOut, C.Take):
        phrase = P.PURPOSE.sub("", phrase)
    if kind in (C.CheckOut, C.CheckIn, C.Take):  # "all 5 chargers", "4 more batteries", "another headset"
        phrase = MORE_OF.sub(r"\g<n> ", ALL_OF_N.sub("", ANOTHER.sub("1 ", phrase.strip())))
    if kind is C.Receive:
        phrase = P.DELIVERY_WORDS.sub(" ", P.ARRIVED.sub("", phrase)).strip()
    if kind is C.Consume:  # "chucked 3 knackered hi vis vests": why they went, not which
        phrase = WORN_OUT.sub(r"\g<n>", phrase)
    if kind in (C.CheckOut, C.Take):  # "the two free loaner laptops": free units, which taking takes anyway
        phrase = FREE_UNITS.sub(r"\g<n>", phrase)
    colon = re.match(r"^(?P<item>.+?)\s*:\s*(?P<n>\d[\d,]*(?:\s+[a-z]+)?)$", phrase)
    if colon:  # "jotters: 3 boxes"
        phrase = f"{colon['n']} of {colon['item']}" if " " in colon["n"] else f"{colon['n']} {colon['item']}"
    packs_after = TRAILING_PACKS.match(phrase)
    if packs_after and kind in IN_PARTS and singular(packs_after["pack"].lower()) in P.PACK_WORDS:
        # "masking tape 2 packs"
        phrase = f"{packs_after['n']} {packs_after['pack']} of {packs_after['item']}"
    one_pack = P.PACK_OF.match(phrase.lower()) if kind in IN_PARTS else None
    if one_pack and singular(one_pack["pack"]) == one_pack["pack"] and _a_pack_word(one_pack["pack"]):
        phrase = f"1 {phrase}"  # "drum of rapeseed oil arrived": one drum ("boxes of pens": how many?)
    phrase = re.sub(r"(?i)^(\d+\s+)loose(?:\s+ones?)?$", r"\1", phrase.strip())  # "plus 3 loose ones": units
    if kind in IN_PARTS:  # "used the last 5 rolls of couch roll": 5 of them
        phrase = re.sub(r"(?i)^(?:the\s+)?(?:last|final)\s+(?=\d)", "", phrase)
    if kind not in (C.Consume, C.Receive, C.Count) and LENGTH_SAID.match(phrase):  # "the 10 metre ones"
        count, rest = None, phrase
    else:
        count, rest = (leading_amount if kind in IN_PARTS else leading_number)(phrase)
    if count is not None:
        rest = re.sub(r"(?i)^more\s+(?=\S)", "", rest)  # "8 more usb-c chargers": 8 of them
    pack = None
    vague = vague_amount(phrase)
    if vague is not None:  # "a few pens": how many is asked, never guessed
        count, rest = (
            None,
            re.sub(r"(?i)^loose(?:\s+ones?)?$", "", vague),
        )  # "and a few loose ones": of the item before
    elif count is not None and kind is not C.Extend:  # assets come in no packs; lendable stock may
        match = P.PACK_OF.match(rest.lower())
        if match:
            pack, rest = singular(match.group("pack")), rest[-len(match.group("item")) :]
        elif kind in (C.CheckOut, C.CheckIn):  # "2 pallet jacks" are jacks: only "2 boxes of ..." is packs
            pass
        else:
            first, _, remainder = rest.partition(" ")
            said_a = re.match(r"(?i)an?\s", phrase)  # "a pallet truck" is a truck, "2 pallets water" pallets
            if remainder and singular(first) in P.PACK_WORDS and not said_a:
                pack, rest = singular(first), remainder
            elif not remainder and singular(first) in P.PACK_WORDS:
                pack, rest = singular(first), ""  # "1 box + 3 kits": the item comes next
    elif kind not in ASSET_KINDS or re.search(r"(?:x|:|=)\s*\d[\d,]*$", phrase, re.I):
        count, rest = trailing_number(phrase)  # "paper x3"; never "to room 101" or "for period 3"
        rest = (
            re.sub(r"(?i)\s+(?:only|just)$", "", rest) if count is not None else rest
        )  # "couch roll only 3"
    if kind in (C.CheckOut, C.CheckIn) and count is None and not vague:
        one = P.PACK_OF.match(re.sub(r"(?i)^(?:an?|one)\s+", "", rest.strip()).lower())
        if one and re.match(r"(?i)(?:an?|one)\s", rest.strip()) and _a_pack_word(one["pack"]):
            count, pack, rest = 1, singular(one["pack"]), one["item"]  # "borrow a bag of hdmi leads"
    if kind in (C.CheckOut, C.CheckIn, C.Extend) and pack is None:
        if count is not None and not rest.strip():
            rest, count = str(count), None  # "check out 1042": a tag's number
        elif count == 1 and not re.match(r"(?i)(?:one|1|any)\s+of\b", phrase):
            count = (
                None  # "check out a projector": the article, not a quantity ("one of the latitudes" is one)
            )
    said = {"ref": item_ref(rest), "count": count, "pack": pack, "person": person, "due": due, "note": note}
    return kind.of(**said, vague=vague is not None, another=another)
