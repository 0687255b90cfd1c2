"""Sizes in item names and requests: "Hi-vis vest, yellow, L" is the large one, "large
hi-vis vests" asks for it, and "my big pipette" says how it looks, not which one."""

from __future__ import annotations

import re

SIZES = {"XS": "extra small", "S": "small", "M": "medium", "L": "large", "XL": "extra large"}
# a size ends the name or a part of it: "gloves M", "vest, L," (not "cable 2 m", "Model S laptop")
SIZE_LETTERS = re.compile(r"(?<![\d.] )(?<![\d.])\b(XL|XS|S|M|L)(?=$|[,/)])")
SIZE_WORDS = re.compile(r"(?i)\b(extra\s+small|extra\s+large|small|medium|large|xs|xl)\b")


def size_of(text: str) -> str | None:
    """The size a name or a request says, in words ("Hi-vis vest, yellow, L": large), or None."""
    said = SIZE_WORDS.search(spelled_sizes(text) or text)
    return (
        " ".join(said[1].lower().split()).replace("xs", "extra small").replace("xl", "extra large")
        if said
        else None
    )


def spelled_sizes(name: str) -> str | None:
    """ "Hi-vis vest, yellow, L" as people say it: "... large"; None for a name with no size letter."""
    spelled = SIZE_LETTERS.sub(lambda m: SIZES[m[1]], name)
    return spelled if spelled != name else None


# how big a thing looks, said before its name ("my big pipette"): left out when the name alone
# finds items that have no size of their own (never "the small whiteboard" for the large one)
LOOKS = re.compile(r"(?i)\b(?:big|little|tiny|huge|massive|mini)\s+(?=\S)")


def has_a_size(name: str) -> bool:
    """The name says a size or a look of size ("Large whiteboard", "Mini projector")."""
    return bool(size_of(name) or LOOKS.search(f"{name} "))
