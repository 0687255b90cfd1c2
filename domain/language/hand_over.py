"""Handing an item to a person: "give A-1050 to @erin until next Friday",
"hand the drill to @dana", "issue the ipad to erin". A person (an @mention,
or a name the bot knows) makes it a check-out on their behalf, under the same
rules as "check out X for @bob"; "to the Sales department" stays a move."""

from __future__ import annotations

import re

from domain import commands as C
from domain.commands import Command

# Verbs that only ever mean a person gets it: an unknown name is asked about, never a place.
PERSONAL_VERBS = "give gave giving hand handed handing issue issued issuing lend lent loan loaned pass passed"
# Verbs that also move an item between departments ("transfer the ipad to Sales").
ASSIGN_VERBS = "assign assigned reassign allocate allocated transfer transferred"
VERBS = "(?:" + "|".join(f"{PERSONAL_VERBS} {ASSIGN_VERBS}".split()) + ")"
PERSONAL = re.compile(rf"^(?:{'|'.join(PERSONAL_VERBS.split())})\b", re.I)
HAND = re.compile(rf"^{VERBS}\s+(?:over\s+)?(?P<rest>.+?)(?:\s+(?:over|out))?(?:\s+to)?$", re.I)
# after the person: what for, or where they are from (never how long: "for the week" is a due)
_WHY_OR_WHENCE = (
    r"(?:\s+(?:for\s+(?!(?:the\s+|a\s+)?(?:weekend|week|day|rest|night|morning|afternoon|evening|month|\d+)\b)"
    r"|from\s+)[^,;]+)"
)
HAND_TO = re.compile(
    rf"^{VERBS}\s+(?:over\s+)?(?P<rest>[^,;]+?)(?:\s+(?:over|out))?\s+to\s+@?(?P<name>[a-z][\w.\-]*)(?!')"
    rf"{_WHY_OR_WHENCE}?$",  # "... to hugo for the buffet temp checks", "... to steve from the agency"
    re.I,
)
TO_DEPARTMENT = re.compile(
    rf"^{VERBS}\s+(?:over\s+)?(?P<rest>.+?)\s+to\s+(?:the\s+)?(?P<name>[\w& ]+?)\s+(?:department|dept|team)$",
    re.I,
)
SIGNED_OUT_TO = re.compile(
    r"^(?:check|sign)(?:ing|ed)?\s+(?:out\s+)?(?P<rest>[^,;]+?)(?:\s+out)?\s+to\s+(?:(?:the|a|our)\s+(?P<who>[a-z][\w.\-]*(?:\s+[a-z][\w.\-]*){0,2})|@?(?P<name>[a-z][\w.\-]*)(?!'))"
    rf"{_WHY_OR_WHENCE}?$",
    re.I,
)
NOT_NAMES = frozenset("me myself you him her them us it".split())  # "to reception": asked about, like a name
# "give the drill back", "handed out 20 pens", "hand it in": returns and uses, read elsewhere.
OTHER_MEANING = re.compile(rf"^{VERBS}\s+(?:out|back|in)\b|\s(?:back|in|off)(?:\s+to\b.*)?$", re.I)


def parse_hand_over(text: str, person: str | None, people: frozenset[str]) -> tuple[str, str] | None:
    """(the item's words, the person) when `text` hands an item to someone, or
    None. `person`: the @mention already taken out of `text`."""
    if TO_DEPARTMENT.match(text) or OTHER_MEANING.search(text):
        return None
    if person:
        match = HAND.match(text)
        return (match["rest"], person) if match else None
    match = HAND_TO.match(text)
    if match and match["name"].lower() in people:
        return match["rest"], match["name"]
    return None


def to_department(text: str) -> tuple[str, str] | None:
    """ "give the ipad to the Sales team": (the item's words, the department)."""
    match = TO_DEPARTMENT.match(text)
    return (match["rest"], match["name"]) if match else None


# "lend the dewalt to the new starter for training", "lent it to the plumber": someone not named
TO_SOMEONE = re.compile(
    rf"^(?:{'|'.join(PERSONAL_VERBS.split())})\s+(?:over\s+)?(?P<rest>[^,;]+?)\s+to\s+(?:(?:the|a|an|our|[a-z]+'s)\s+"
    rf"(?P<who>[a-z][\w.\-]*(?:\s+[a-z][\w.\-]*){{0,2}}?)|(?P<who2>[a-z]+'s)){_WHY_OR_WHENCE}?$",  # "to bob's (mate)"
    re.I,
)


def unknown_recipient(text: str, people: frozenset[str]) -> Command | None:
    """ "give the drill to reception": a name nobody is known by. Asked about,
    since a check-out to a stranger (or a place) would be a wrong change."""
    match = HAND_TO.match(text)
    if OTHER_MEANING.search(text):
        return None
    if match and PERSONAL.match(text) and match["name"].lower() not in people:
        return C.UnknownRecipient(words=match["rest"], recipient=match["name"])
    someone = TO_SOMEONE.match(text)
    if someone and not TO_DEPARTMENT.match(text):
        return C.UnknownRecipient(words=someone["rest"], recipient=someone["who"] or someone["who2"])
    signed = SIGNED_OUT_TO.match(text)  # "sign the dymo out to Alice": never to the one asking instead
    recipient = (signed["name"] or signed["who"]) if signed else ""
    if signed and recipient.lower() not in people and recipient.lower() not in NOT_NAMES:
        return C.UnknownRecipient(words=signed["rest"], recipient=recipient)
    return None


RETURNER = re.compile(
    r"^(?P<who>@?[a-z][\w.\-]*)\s+(?:(?:has|had)\s+)?(?:(?:just|already|finally)\s+)?"
    r"(?=returned\s|(?:dropped|brought|handed)\s[^,;]*\b(?:back|off|in)\b|(?:took|taken|borrowed|grabbed)\s)",
    # (not "kim brought X to the meeting")
    re.I,
)


BACK_FROM = re.compile(r"(?i)^(?P<item>.+?)\s+(?:is\s+|are\s+)?back\s+from\s+@?(?P<who>[a-z][\w.\-]*)$")
# "jacks back with the sats probe finally": they came back, and brought it
BACK_WITH = re.compile(
    r"(?i)^@?(?P<who>[a-z][\w.\-]*?)(?:'s|s|\s+is|\s+has\s+come|\s+came)\s+back\s+with\s+"
    r"(?P<item>(?:the|my|our|his|her|their)\s+[\w-]+(?:\s+(?!(?:finally|now|at|today|tomorrow|tonight|on|by|till|until)\b)[\w-]+){0,3})"
    r"(?:\s+(?:finally|now|at\s+last))?[\s.!]*$"
)


def without_returner(text: str, people: frozenset[str]) -> tuple[str, str | None]:
    """ "jack has just dropped the sats probe back": a return told of someone else,
    read as the return, and for them when the bot knows them (he/she/they: whoever
    holds it); the text and that person."""
    back = BACK_FROM.match(text) or BACK_WITH.match(text)  # "hot box back from omar"
    if back and back["who"].lower() in people:
        return f"returning {back['item']}", back["who"].lower()
    match = RETURNER.match(text)
    who = match["who"].lower().lstrip("@") if match else ""
    if who in people:
        return text[match.end() :], who
    if who in ("he", "she", "they", "someone", "somebody"):
        return text[match.end() :], None
    return text, None
