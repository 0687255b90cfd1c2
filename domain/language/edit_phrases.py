"""Managers' catalog edits with the field named in the sentence: "rename the
drill to Makita drill", "update the serial on A-1042 to 5CG123", "A-1042's
serial is now 5CG123", "change the supplier of toner to Viking". Each is the
Edit command, checked and recorded as any edit is."""

from __future__ import annotations

import re

from domain import commands as C
from domain.commands import Command
from domain.language.field_words import FIELD, field_name

_VERB = r"(?:update|change|set|correct|fix|edit|make)"
_BECOMES = r"(?:to be|to|as|=|:|->)"
# A statement about a field is an edit only when it says the value changed: "A-1042's serial is
# now 5CG123". A plain "is" is as often a remark ("the drill's name is confusing").
_IS = r"(?:is now|are now|should be|should now be|has changed to|changed to|becomes|is changing to)"
EDITS = (
    re.compile(r"^(?:rename|re-name)\s+(?P<ref>.+?)\s+(?:to|as|=)\s+(?P<value>.+)$", re.I),
    re.compile(
        rf"^{_VERB}\s+(?:the\s+)?(?P<field>{FIELD})\s+(?:on|of|for|in)\s+(?P<ref>.+?)\s+{_BECOMES}\s+(?P<value>.+)$",
        re.I,
    ),
    re.compile(rf"^{_VERB}\s+(?P<ref>.+?)(?:'s|s')\s+(?P<field>{FIELD})\s+{_BECOMES}\s+(?P<value>.+)$", re.I),
    re.compile(
        rf"^(?:the\s+)?(?P<field>{FIELD})\s+(?:on|of|for)\s+(?P<ref>.+?)\s+{_IS}\s+(?P<value>.+)$", re.I
    ),
    re.compile(rf"^(?P<ref>.+?)(?:'s|s')\s+(?P<field>{FIELD})\s+{_IS}\s+(?P<value>.+)$", re.I),
    re.compile(
        rf"^(?P<ref>.+?)\s+(?:has a new|has new|got a new)\s+(?P<field>{FIELD})\s*:\s*(?P<value>.+)$", re.I
    ),
)
QUESTION_WORDS = re.compile(r"^(?:what|which|who|where|how|when|is|are|does|do)\b", re.I)


def parse_edit(text: str) -> Command | None:
    """An edit naming its field, or None. `ref` is the item as said; the value is kept as typed."""
    if QUESTION_WORDS.match(text) or text.rstrip().endswith("?"):
        return None  # "what's A-1042's serial?" asks, it doesn't set
    for pattern in EDITS:
        match = pattern.match(text)
        if match:
            field = field_name(match.groupdict().get("field") or "name")
            value = match["value"].strip().strip("“”\"'")
            ref = match["ref"].strip()
            return C.Edit(ref=_item_words(ref), field=field.replace("_", " "), value=value)
    return None


FIELD_QUESTION = re.compile(
    rf"^(?:what(?:'s| is| are)|tell me|show me|give me)\s+(?:the\s+)?(?P<field>{FIELD})\s+(?:on|of|for)\s+(?P<ref>.+?)\??$",
    re.I,
)


def parse_field_question(text: str) -> Command | None:
    """ "what's the serial number on the balance?": the item's card, which shows its fields."""
    match = FIELD_QUESTION.match(text)
    return C.Info(ref=_item_words(match["ref"])) if match else None


def _item_words(text: str) -> str | None:
    text = re.sub(r"^(?:the|our|my|this|that)\s+", "", text.strip(" ?!.,:;'\""), flags=re.I).lower()
    return text or None
