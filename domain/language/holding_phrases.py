"""Phrasings about what people hold as a whole and about asset upkeep:
"transfer everything from @bob to @dana", "return everything @bob had",
"serviced A-3001", "what's due for service?", "what's under warranty?".
Read before people are taken out of the sentence, as a transfer names two."""

from __future__ import annotations

import re
from dataclasses import replace

from domain import commands as C
from domain.commands import Command
from domain.language.not_done import ASKING_FOR
from domain.language.patterns import WORKER

_WHO = r"(?P<{}>@?[\w.\-]+?)(?:'s)?"
_ALL = (
    r"(?:everything|all(?:\s+(?:of\s+)?(?:the\s+)?(?:stuff|things|items|kit|gear|equipment|assets))?|"
    r"the\s+lot|(?:all\s+)?(?:the\s+)?(?:stuff|things|items|kit|gear|equipment))"
)
_OWN = r"(?:stuff|things|items|kit|gear|equipment|assets|loans|everything)"
_HELD = r"(?:\s+(?:has|had|holds|held|is holding|was holding|has got|had out|has out|borrowed|took|checked out|signed out))?"
_PLEASE = r"^(?:(?:please|pls|can you|could you)\s+)*"
_GIVE = r"(?:transfer|move|reassign|re-assign|give|hand(?:\s+over)?|pass(?:\s+on)?)"
_RETURN = r"(?:return|check\s*-?\s*in|take\s+back|bring\s+back)"

TRANSFER = [
    re.compile(
        _PLEASE + rf"{_GIVE}\s+(?:over\s+)?{_ALL}\s+(?:(?:from|of|that)\s+)?{_WHO.format('source')}{_HELD}\s+"
        rf"(?:over\s+)?to\s+{_WHO.format('target')}$",
        re.I,
    ),
    re.compile(
        _PLEASE
        + rf"{_GIVE}\s+(?:all\s+(?:of\s+)?)?{_WHO.format('source')}'s\s+{_OWN}\s+(?:over\s+)?to\s+{_WHO.format('target')}$",
        re.I,
    ),
]
# "transfer all my stuff to bob": the speaker's own, all of it
MINE_TO = re.compile(
    _PLEASE
    + rf"{_GIVE}\s+(?:over\s+)?(?:all\s+(?:of\s+)?)?(?:my|my\s+own)\s+{_OWN}\s+(?:over\s+)?to\s+{_WHO.format('target')}$",
    re.I,
)
RETURN_ALL = [
    re.compile(
        _PLEASE + rf"{_RETURN}\s+{_ALL}\s+(?:from\s+|of\s+|that\s+)?{_WHO.format('source')}{_HELD}$", re.I
    ),
    re.compile(_PLEASE + rf"{_RETURN}\s+(?:all\s+(?:of\s+)?)?{_WHO.format('source')}'s\s+{_OWN}$", re.I),
    re.compile(  # "check all @carmen's stuff back in"
        _PLEASE
        + rf"(?:check|bring|take)\s+(?:all\s+(?:of\s+)?)?{_WHO.format('source')}'s\s+{_OWN}\s+(?:back\s+)?in$",
        re.I,
    ),
    re.compile(  # "check everything of @carmen's back in"
        _PLEASE + rf"(?:check|bring|take)\s+{_ALL}\s+(?:of|from)\s+{_WHO.format('source')}\s+(?:back\s+)?in$",
        re.I,
    ),
]
SELF = {"me", "my", "i", "myself", "mine", "us", "we"}

# "bob's leaving friday, move all his kit to @leo": the person of the first clause is "his"
LEAVER = re.compile(
    r"^(?P<name>@?[\w.\-]+?)(?:'s|\s+is|\s+has|\s+was|\s+will\s+be)\b[^,;]*[,;]\s*(?P<rest>.+)$", re.I
)
THEIR = re.compile(r"(?i)\b(?:his|her|hers|their|theirs)\b")
THEY = re.compile(r"(?i)\b(?:he|she|they)(?=\s+(?:has|had|holds|held|is|was|have)\b)")

_NOW = r"(?:\s+(?:today|this morning|this afternoon|just now|now|yesterday))?"
_AFTER = r"(?:\s*[,;.!]\s*.*|\s+\W+)?"  # ", all good", " ✅": a remark after it
# who serviced it: "we", "the engineer", "philips engineer", "honda guy"
_BY = rf"(?:(?:i|we|i've|we've|i have|we have|{WORKER}(?:\s+came\s+and)?)\s+)?"
SERVICED = [
    re.compile(
        rf"^{_BY}(?:(?:just|has|have)\s+)*(?:serviced|did\s+(?:the|a)\s+service\s+(?:on|of|for)|"
        rf"(?:done|completed|finished)\s+(?:the|a)\s+service\s+(?:on|of|for))\s+(?P<ref>.+?){_NOW}{_AFTER}$",
        re.I,
    ),
    re.compile(
        rf"^(?P<ref>.+?)\s+(?:(?:has\s+been|was|got|is|'s\s+been|been|just\s+got|now)\s+)?serviced{_NOW}{_AFTER}$",
        re.I,
    ),
    re.compile(
        rf"^(?P<ref>.+?)\s+(?:had|has had|got)\s+(?:its|a|the|their)\s+(?:annual\s+|yearly\s+|routine\s+|scheduled\s+|"
        rf"\d+[- ]month(?:ly)?\s+)?service{_NOW}{_AFTER}$",
        re.I,
    ),
    re.compile(
        rf"^(?P<ref>.+?)\s+(?:service|servicing)\s+(?:done|complete|completed|finished){_NOW}{_AFTER}$", re.I
    ),
    re.compile(
        rf"^(?:service|servicing)\s+(?:done|complete|completed|finished)\s+(?:on|for)\s+(?P<ref>.+?){_NOW}{_AFTER}$",
        re.I,
    ),
]
# "needs to be serviced", "should get serviced", "has the van been serviced": not a service done
NOT_DONE = re.compile(
    r"(?i)\b(?:to|be|being|need|needs|should|must|will|can|could|get|getting|due|not|never|if)\s*$|^(?:who|when|has|is|was|did|does)\b"
)

_ASK = r"^(?:what(?:'s| is| are)?|which|show(?: me)?|list|anything|any|whats)?\s*(?:(?:items?|things|assets|equipment|kit|stuff|gear)\s+)?"
WARRANTIES = [
    (
        "service",
        re.compile(
            _ASK
            + r"(?:is\s+|are\s+)?(?:(?:due|overdue)\s+(?:for\s+)?(?:a\s+|its\s+|their\s+)?(?:service|servicing)|"
            r"(?:that\s+)?needs?\s+(?:a\s+)?(?:service|servicing))(?:\s+(?:soon|this month|now))?$"
            r"|^(?:any\s+)?(?:services?|servicing)\s+(?:due|overdue|schedule|list)(?:\s+(?:soon|this month))?$"
            r"|\b(?:coming\s+up|due\s+soon|scheduled)\s+for\s+(?:a\s+)?(?:service|servicing)\b",
            re.I,
        ),
    ),
    (
        "ending",
        re.compile(
            r"\bwarrant(?:y|ies)\s+(?:that\s+)?(?:are\s+|is\s+)?(?:ending|end|ends|expiring|expire|expires|run(?:ning)?\s+out|runs\s+out|"
            r"lapsing|lapse|due\s+to\s+(?:end|expire)|about\s+to\s+(?:end|expire|run out))|\b(?:ending|expiring)\s+warranties\b"
            r"|\bwarrant(?:y|ies)\s+(?:soon|this month)\b",
            re.I,
        ),
    ),
    (
        "under",
        re.compile(
            _ASK
            + r"(?:is\s+|are\s+)?(?:still\s+)?(?:under|in|covered\s+by)\s+warranty(?:\s+(?:still|now))?$|^(?:our\s+|the\s+)?warranties$",
            re.I,
        ),
    ),
]
ITEM_UPKEEP = re.compile(
    r"^(?:is|are)\s+(?P<ref>.+?)\s+(?:still\s+)?(?:under|in|covered\s+by)\s+warranty(?:\s+still)?$|"
    r"^when\s+(?:does|do|is)\s+(?:the\s+)?(?:warranty|next\s+service)\s+(?:on|of|for)\s+(?P<ref2>.+?)(?:\s+(?:end|run out|expire|due))?$|"
    r"^when(?:'s|\s+is|\s+does)\s+(?P<ref3>.+?)\s+(?:next\s+)?(?:due|need)\s+(?:a\s+|its\s+|for\s+(?:a\s+|its\s+)?)?(?:next\s+)?(?:service|servicing)$|"
    r"^(?:what(?:'s|\s+is)\s+)?(?:the\s+)?warranty\s+(?:on|for|of)\s+(?P<ref4>.+)$",
    re.I,
)
# asked tersely: "thinkpad warranty?", "the zebra's warranty date?"
WARRANTY_OF = re.compile(
    r"^(?!(?:what|which|who|any|anything|is|are|how|our)\b)(?P<ref>.+?)(?:'s)?\s+warranty(?:\s+(?:status|date|end|expiry))?$",
    re.I,
)


def read(text: str, people: frozenset[str] | set[str], asked: bool | None = None) -> Command | None:
    """`asked`: the message was a question (normalized text has lost its "?")."""
    leaver = LEAVER.match(text.strip())
    if (
        leaver
        and _a_person(leaver["name"], people)
        and (THEIR.search(leaver["rest"]) or THEY.search(leaver["rest"]))
    ):
        who = "@" + leaver["name"].lstrip("@")
        return _read(THEY.sub(who, THEIR.sub(f"{who}'s", leaver["rest"])), people, asked)
    return _read(text, people, asked)


# A remark after "transfer everything ..." that limits or delays it: nothing is done then
LIMITS = re.compile(
    r"(?i)\b(?:except|apart|but|not|no|n't|never|keep|keeping|kept|leave|only|just|tomorrow|today|tonight|on|when|once|"
    r"if|unless|until|till|after|before|yet|though|later|ok|okay|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"mon|tue|wed|thu|fri|sat|sun|next|stays?|staying|still)\b|\?|n't\b"
)


def _whole_holdings(clean: str, people) -> Command | None:
    """All someone holds, handed to another or returned, said as the whole of `clean`."""
    for pattern in TRANSFER:
        found = pattern.match(clean)
        target = found["target"].lstrip("@") if found else ""
        if (
            found
            and _a_person(found["source"], people)
            and (_a_person(found["target"], people) or target.lower() == "me")
        ):
            return C.Transfer(giver=found["source"].lstrip("@"), taker=target)
    mine = MINE_TO.match(clean)
    if mine and _a_person(mine["target"], people):
        return C.Transfer(giver="me", taker=mine["target"].lstrip("@"))
    for pattern in RETURN_ALL:
        found = pattern.match(clean)
        if found and _a_person(found["source"], people):
            return C.ReturnAll(giver=found["source"].lstrip("@"))
    return None


def _read(text: str, people, asked: bool | None) -> Command | None:
    if asked is None:
        asked = text.strip().endswith("?")
    asked = asked and not ASKING_FOR.search(text)  # not "..., could you record that?"
    clean = text.strip().rstrip("?!. ")
    first, *remark = re.split(r"\s*[,;]\s+", clean, maxsplit=1)
    handed = _whole_holdings(clean, people) or (
        _whole_holdings(first, people) if remark and not LIMITS.search(remark[0]) and not asked else None
    )
    if handed:  # "transfer everything from omar to me, he's off this week": the remark aside
        return handed
    for pattern in SERVICED:
        found = None if asked else pattern.match(clean)
        if found and not NOT_DONE.search(found["ref"]):
            return C.Serviced(ref=found["ref"])
    for what, pattern in WARRANTIES:
        if pattern.search(clean):
            return C.Warranties(what=what)
    found = ITEM_UPKEEP.match(clean) or (WARRANTY_OF.match(clean) if asked else None)
    if found:
        return C.Info(ref=next(ref for ref in found.groups() if ref))
    return None


def _a_person(word: str, people) -> bool:
    """ "@bob", or a name the bot knows; never "me" (the speaker's own is a return)."""
    name = word.lstrip("@").lower()
    return name not in SELF and (word.startswith("@") or name in people)


EVERYTHING_SAID = re.compile(
    r"(?i)^(?:everything|all(?: of)? (?:it|them)|the lot|stuff|things|gear|items|equipment|all)$"
)


PUT_BACK = re.compile(r"(?i)\bput\b(?:\s+\S+){0,6}?\s+back\b|\bput\s+back\b")


def put_back(text: str, commands: list[Command]) -> list[Command]:
    """ "put back 2 headsets": stock back on the shelf, which is a loan given back if the
    speaker has one of it (understanding knows)."""
    if not PUT_BACK.search(text):
        return commands
    return [replace(c, put_back=True) if isinstance(c, C.Receive) else c for c in commands]


def returns_for_someone(commands: list[Command]) -> list[Command]:
    """ "return everything for @dana" is a return of all dana holds: a manager's, as said in
    full ("return everything @dana had"), never a way round it."""
    return [
        C.ReturnAll(giver=c.person.lstrip("@"))
        if isinstance(c, C.CheckIn)
        and c.person
        and c.person.lower() not in SELF
        and EVERYTHING_SAID.match(c.ref or "")
        else c
        for c in commands
    ]
