"""Which known location or department the words of a message mean: the one
written, the one they begin with before a remark, or the close ones."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process, utils

CLOSE = 6  # places within this score of the best are "equally good"

# What may follow a place's name without being part of it: "to Dry store for now",
# "to Lab 2, we have relocated it", "to Room 204 over half term", "in the warehouse i just saw it".
AFTER_A_PLACE = re.compile(
    r"^(?:[,;.!:(-]|(?:for|over|during|while|until|till|as|since|because|cos|so|now|today|this|after|before|"
    r"then|but|ready|thanks|cheers|please|i|i've|i'm|we|we've|just|already|earlier|yesterday)\b)",
    re.I,
)


def _place_said_first(known: list[str], text: str) -> str | None:
    """The longest known place the words begin with, when what follows is a
    remark rather than more of a name; None when there is none."""
    lower = text.strip().lower()
    fits = [
        place
        for place in known
        if lower.startswith(place.lower()) and AFTER_A_PLACE.match(lower[len(place) :].lstrip())
    ]
    return max(fits, key=len, default=None)


def places_meant(known: list[str], text: str) -> list[str]:
    """The known places `text` may mean, best first; empty means none (a new place)."""
    exact = [p for p in known if p.lower() == text.strip().lower()]
    if exact:
        return exact[:1]
    said_first = _place_said_first(known, text)
    if said_first:
        return [said_first]
    matches = process.extract(
        text, known, scorer=fuzz.WRatio, processor=utils.default_process, limit=3, score_cutoff=85
    )
    if not matches:
        return []
    best = matches[0][1]
    return [place for place, score, _ in matches if score >= best - CLOSE]
