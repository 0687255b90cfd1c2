"""Patterns of a move: an asset said to be, or to go, somewhere else (a
location) or to belong to another team (a department); first match wins."""

from __future__ import annotations

import re

from domain import commands as C
from domain.language.lexicon import BEFORE_ITEM, pattern

# A move's words that say it is something else: back from repair, or brought back (a return).
NOT_A_MOVE = re.compile(
    r"\bis back\b|\b(?:maintenance|repairs?|service)\b|^(?:bring|bringing|brought|put|putting)\b.*\bback\b",
    re.I,
)
MOVES: list[tuple[str, re.Pattern]] = [
    (
        "department",
        re.compile(
            r"^(?!(?:i\s+)?(?:think|guess|reckon)\b|(?:so|maybe|probably|perhaps)\b)"  # not "i think the X goes to"
            r"(?P<rest>.+?)\s+(?:belongs?|goes)\s+to\s+(?:the\s+)?(?P<place>.+?)(?:\s+(?:team|department|dept))?(?:\s+now)?$",
            re.I,
        ),
    ),
    (
        "department",
        re.compile(
            r"^(?:assign|transfer|reassign)\s+(?P<rest>.+?)\s+to\s+(?:the\s+)?(?P<place>.+?)(?:\s+(?:team|department|dept))?$",
            re.I,
        ),
    ),
    (
        "location",
        re.compile(
            rf"^{pattern(BEFORE_ITEM[C.Move])}\s+(?P<rest>.+?)\s+(?:to|into|in|over to)\s+(?:the\s+)?(?P<place>.+)$",
            re.I,
        ),
    ),
    (
        "location",
        re.compile(
            # (not "I think we are on the last box": a person is no item)
            r"^(?!(?:i|we|you|they|he|she|it|i think|think|that|this|there|here|what|who|where|everyone|everybody|someone)\b)"
            r"(?P<rest>[^,;]+?)(?:(?:\s+(?:is|are)|'s)(?:\s+now)?|\s+now)\s+(?:in|at|on)\s+"
            r"(?:the\s+)?(?P<place>.+?)(?:\s+now(?:\s*,.*)?)?$",  # "..., now, I left it there after the job"
            re.I,
        ),
    ),
    (  # "the incubator moves from the cold room to lab 2"
        "location",
        re.compile(
            r"^(?!(?:i|we|you|they|he|she|it)\b)(?P<rest>[^,]+?)\s+(?:moves|is moving|is going)\s+from\s+[^,]+?\s+to\s+"
            r"(?:the\s+)?(?P<place>[^,]+?)$",
            re.I,
        ),
    ),
    (  # "the key cabinet's been moved to the site hut", "vaccine fridge moved to exam room 2"
        "location",
        re.compile(
            r"^(?!(?:i|we|you|they|he|she|it|i think|think)\b)"
            r"(?P<rest>[^,]+?)(?:'s been|\s+has been|\s+have been|\s+was|\s+were|\s+got|\s+is being)?\s+moved\s+"
            # (not "the meeting moved to thursday": a time is no place)
            r"(?:over\s+)?(?:to|into)\s+(?!(?:next\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|tomorrow\b|today\b|\d)"
            r"(?:the\s+)?(?P<place>[^,]+?)(?:\s*,.*)?$",
            re.I,
        ),
    ),
    (  # "the minispin lives in the cold room from now on"
        "location",
        re.compile(
            r"^(?P<rest>[^,]+?)\s+(?:lives|belongs|is kept|is stored|should live|should be kept|stays|will stay|is staying)"
            r"\s+(?:in|at)\s+"
            r"(?:the\s+)?(?P<place>[^,]+?)(?:\s+from now on|\s+now)?(?:\s*,.*)?$",
            re.I,
        ),
    ),
    (  # "the projector screen is facilities' now, move it to Facilities"
        "location",
        re.compile(
            r"^(?P<rest>[^,]+?)\s+(?:is|are|belongs)\b[^,]*,\s*(?:please\s+|so\s+)?move\s+(?:it|them)\s+"
            r"(?:over\s+)?to\s+(?:the\s+)?(?P<place>.+)$",
            re.I,
        ),
    ),
    ("location", re.compile(r"^(?:move|relocate)\s+(?P<rest>.+?)(?P<place>)$", re.I)),  # where to: asked
]
