"""Items asked for with no verb: "nanodrop pls till 1pm", "A-1002 to carmen till
friday", "usb-c dongle x2 for the new starters, back tomorrow": taken (an asset
checked out, stock used), if the words name items at all, once the parser has
found a time, a person or a "please" that says it is a request."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from domain import commands as C
from domain.commands import Command
from domain.language.item_command import item_command
from domain.language.item_lists import split_items

POLITE = re.compile(r"\b(?:please|pls|plz)\b", re.I)
MAX_ITEM_WORDS = 6

SAYS_SOMETHING = re.compile(r"(?i)'s\s+got\b|\b(?:has|have|had|got|is|are|was|were|said|says|returned)\b")
NAMED_TO = re.compile(r"(?i)\s+to\s+@?(?P<name>[a-z][\w.\-]*)$")


def items_asked_for(
    clean: str, person: str | None, due: datetime | None, people: frozenset[str] = frozenset()
) -> list[Command]:
    """Items asked for with no verb, only "please", a time or a person: taken (an
    asset checked out, stock used), if the words name items at all."""
    if re.match(r"(?i)(?:he|she|they|i|we|you|it)(?:'s|'re|'ll|'m)?\b|(?:if|unless|in case)\b", clean):
        return []  # "She's back next Monday": about a person, not items
    first_clause = re.split(r"\s*[,;]\s*", POLITE.sub(" ", clean).strip())[0]  # then remarks
    if SAYS_SOMETHING.search(first_clause):
        return []  # "jack's got the pulse ox": a sentence about someone, not items asked for
    named = NAMED_TO.search(first_clause) if person is None else None
    if named and named["name"].lower() in people:  # "A-1002 to carmen till friday pls"
        first_clause, person = first_clause[: named.start()].strip(), named["name"]
    elif re.search(r"(?i)\bto\s+\S", first_clause):
        return []  # "A-1002 to Room 102": moved or lent, not said which: asked
    parts = split_items(first_clause)
    if any(len(re.split(r"(?i)\s+for\s+", part)[0].split()) > MAX_ITEM_WORDS for part in parts):
        return []  # a sentence, not a list of items (what it is for aside: "2 dongles for the new starters")
    taken = [item_command(C.Take, part, person, due) for part in parts]  # ("a bit longer": an extension)
    return [replace(c, implicit=True) if isinstance(c, C.Take) else c for c in taken]
