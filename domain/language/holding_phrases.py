"""Phrasings about what people hold as a whole and about asset upkeep:
"transfer everything from @bob to @dana", "return everything @bob had",
"serviced A-3001", "what's due for service?", "what's under warranty?".
Read before people are taken out of the sentence, as a transfer names two."""

from __future__ import annotations

import re

from domain import commands as C
from domain.commands import Command

_WHO = r"(?P<{}>@?[\w.\-]+)"
_ALL = (
    r"(?:everything|all(?:\s+(?:of\s+)?(?:the\s+)?(?:stuff|things|items|kit|gear|equipment|assets))?|"
    r"the\s+lot|(?:all\s+)?(?:the\s+)?(?:stuff|things|items|kit|gear|equipment))"
)
_OWN = r"(?:stuff|things|items|kit|gear|equipment|assets|loans|everything)"
_HELD = r"(?:\s+(?:has|had|holds|held|is holding|was holding|has got|had out|has out|borrowed|took|checked out|signed out))?"
_PLEASE = r"^(?:(?:please|pls|can you|could you)\s+)*"

TRANSFER = [
    re.compile(
        _PLEASE
        + rf"(?:transfer|move|reassign|re-assign|give|hand(?:\s+over)?|pass(?:\s+on)?)\s+(?:over\s+)?{_ALL}\s+"
        rf"(?:from|of|that)\s+{_WHO.format('source')}{_HELD}\s+(?:over\s+)?to\s+{_WHO.format('target')}$",
        re.I,
    ),
    re.compile(
        _PLEASE
        + rf"(?:transfer|move|reassign|re-assign|give|hand(?:\s+over)?|pass(?:\s+on)?)\s+(?:all\s+(?:of\s+)?)?"
        rf"{_WHO.format('source')}'s\s+{_OWN}\s+(?:over\s+)?to\s+{_WHO.format('target')}$",
        re.I,
    ),
]
RETURN_ALL = [
    re.compile(
        _PLEASE
        + rf"(?:return|check\s*-?\s*in|take\s+back|bring\s+back)\s+{_ALL}\s+(?:from\s+|of\s+|that\s+)?"
        rf"{_WHO.format('source')}{_HELD}$",
        re.I,
    ),
    re.compile(
        _PLEASE
        + rf"(?:return|check\s*-?\s*in|take\s+back)\s+(?:all\s+(?:of\s+)?)?{_WHO.format('source')}'s\s+{_OWN}$",
        re.I,
    ),
]
SELF = {"me", "my", "i", "myself", "mine", "us", "we"}

_NOW = r"(?:\s+(?:today|this morning|this afternoon|just now|now|done|yesterday))?"
SERVICED = [
    re.compile(
        r"^(?:(?:i|we|i've|we've|i have|we have)\s+)?(?:just\s+)?(?:serviced|did\s+(?:the|a)\s+service\s+(?:on|of|for)|"
        r"(?:done|completed|finished)\s+(?:the|a)\s+service\s+(?:on|of|for))\s+(?P<ref>.+?)" + _NOW + "$",
        re.I,
    ),
    re.compile(
        r"^(?P<ref>.+?)\s+(?:has\s+been|was|got|is|'s\s+been|been|just\s+got)\s+serviced" + _NOW + "$", re.I
    ),
    re.compile(
        r"^(?P<ref>.+?)\s+(?:had|has had|got)\s+(?:its|a|the|their)\s+(?:annual\s+|yearly\s+|routine\s+|scheduled\s+|"
        r"\d+[- ]month(?:ly)?\s+)?service" + _NOW + "$",
        re.I,
    ),
    re.compile(
        r"^(?:service|servicing)\s+(?:done|complete|completed|finished)\s+(?:on|for)\s+(?P<ref>.+?)"
        + _NOW
        + "$",
        re.I,
    ),
]
_ASK = r"^(?:what(?:'s| is| are)?|which|show(?: me)?|list|anything|any|whats)?\s*(?:(?:items?|things|assets|equipment|kit|stuff|gear)\s+)?"
WARRANTIES = [
    (
        "service",
        re.compile(
            _ASK
            + r"(?:is\s+|are\s+)?(?:(?:due|overdue)\s+(?:for\s+)?(?:a\s+|its\s+|their\s+)?(?:service|servicing)|"
            r"(?:that\s+)?needs?\s+(?:a\s+)?(?:service|servicing))(?:\s+(?:soon|this month|now))?$"
            r"|^(?:services?|servicing)\s+(?:due|overdue|schedule|list)(?:\s+(?:soon|this month))?$",
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
ITEM_WARRANTY = re.compile(
    r"^(?:is|are)\s+(?P<ref>.+?)\s+(?:still\s+)?(?:under|in|covered\s+by)\s+warranty(?:\s+still)?$|"
    r"^when\s+(?:does|do|is)\s+(?:the\s+)?(?:warranty|next\s+service)\s+(?:on|of|for)\s+(?P<ref2>.+?)(?:\s+(?:end|run out|expire|due))?$",
    re.I,
)


def read(text: str, people: frozenset[str] | set[str]) -> Command | None:
    clean = text.strip().rstrip("?!. ")
    for pattern in TRANSFER:
        found = pattern.match(clean)
        if found and _a_person(found["source"], people) and _a_person(found["target"], people):
            return C.Transfer(source=found["source"].lstrip("@"), target=found["target"].lstrip("@"))
    for pattern in RETURN_ALL:
        found = pattern.match(clean)
        if found and _a_person(found["source"], people):
            return C.ReturnAll(source=found["source"].lstrip("@"))
    for pattern in SERVICED:
        found = pattern.match(clean)
        if found:
            return C.Serviced(ref=found["ref"])
    for what, pattern in WARRANTIES:
        if pattern.search(clean):
            return C.Warranties(what=what)
    found = ITEM_WARRANTY.match(clean)
    if found:
        return C.Info(ref=found["ref"] or found["ref2"])
    return None


def _a_person(word: str, people) -> bool:
    """ "@bob", or a name the bot knows; never "me" (the speaker's own is a return)."""
    name = word.lstrip("@").lower()
    return name not in SELF and (word.startswith("@") or name in people)
