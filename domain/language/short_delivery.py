"""A delivery that came short: what did arrive is received. "Rajapack delivery
short: only 8 bundles of large boxes, we ordered 10", "safety glasses delivery
came short, only 2 boxes instead of 3"."""

from __future__ import annotations

import re

from domain.language.numbers import leading_number

SHORT = re.compile(
    r"^(?P<lead>[\w&.' -]+?)\s+(?:delivery|order|shipment|drop)\s+(?:(?:came|was|arrived|is)\s+(?:in\s+)?)?short"
    r"\s*(?:[:,;-]\s*|\s+)(?:we\s+(?:only\s+)?got\s+|(?:only|just)\s+)(?P<amount>[^,;]+?)"
    r"(?:\s+(?:instead\s+of|not|out\s+of|of\s+the)\s+\d+(?P<unit>\s+(?!(?:arrived|came|today|delivered|received|turned|showed|in|were|was)\b)[a-z]+)?)?(?:\s*[,;]\s*(?P<remark>.*))?$",
    re.I,
)
# What may be said after it without changing what came: "we ordered 10", "rest to follow"
HARMLESS = re.compile(
    r"(?i)^(?:(?:we\s+|i\s+)?(?:ordered|expected|were\s+expecting)\b[^,;]*|(?:the\s+)?rest\s+(?:to\s+follow|next\s+week|tomorrow)\b[^,;]*)$"
)


def as_received(text: str) -> str | None:
    """The words of what arrived, as a plain receipt ("received 2 boxes of safety glasses"),
    or None when `text` tells of no short delivery."""
    short = SHORT.match(text.strip())
    if not short:
        return None
    if short["remark"] and not HARMLESS.match(short["remark"].strip(" .!")):
        return None  # "..., sent it all back", "..., already booked them in": not this way
    amount = short["amount"] + (short["unit"] or "")  # "8 of the 10 boxes": 8 boxes
    count, rest = leading_number(amount)
    if count is None or re.match(
        r"(?i)(?:of|out)\b", rest
    ):  # "only 8 of the 10 arrived": 8 what? not guessed
        return None
    if re.search(r"(?i)\bof\b", rest) or len(rest.split()) > 1:  # "8 bundles of large boxes"
        return f"received {amount}"
    return f"received {amount} of {short['lead']}"  # "only 2 boxes": of what the delivery was
