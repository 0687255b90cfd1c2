"""Number words: three, twenty-five, a dozen, a couple, half a dozen; and
amounts of packs that are fractions: half a box, one and a half cases, 1.5."""

from __future__ import annotations

import re
from fractions import Fraction

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
PHRASES = {
    "a": 1,
    "an": 1,
    "a single": 1,
    "single": 1,
    "both of the": 2,
    "both the": 2,
    "both": 2,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a dozen": 12,
    "dozen": 12,
    "half a dozen": 6,
    "a half dozen": 6,
    "two dozen": 24,
    "a hundred": 100,
}

# Amounts that are no number: the bot asks how many rather than guess.
VAGUE = re.compile(
    r"^(?:a few|few|some(?: of)?|several|a bunch of|a load of|loads of|lots of|a lot of|a handful of|a handful"
    r"|a (?:little )?bit of|a little|most of|the rest of|part of|what was left of)\s+",
    re.I,
)

_WORD = "|".join(sorted(list(UNITS) + list(TENS) + ["hundred", "thousand", "and"], key=len, reverse=True))
# A comma between items, not inside a number: "2,300" is one number.
LIST_COMMA = r"(?:(?<!\d),|,(?!\d{3}\b))"
NUMBER_WORDS = re.compile(rf"\b(?:{_WORD})(?:[\s-]+(?:{_WORD}))*\b", re.I)
NUMBER_WORDS_INSIDE = NUMBER_WORDS.pattern.removeprefix(r"\b").removesuffix(r"\b")  # for use within a pattern


def words_to_int(words: str, strict: bool = False) -> int | None:
    """`twenty-five` -> 25, `two hundred and ten` -> 210; None if not a number.
    `strict`: also None for words that are no one number ("four one", "twenty thirty")."""
    total, current, seen, last = 0, 0, False, ""
    for word in re.split(r"[\s-]+", words.strip().lower()):
        if word == "and" and seen:
            continue
        if strict and last in ("unit", "tens") and (word in UNITS or word in TENS):
            if not (last == "tens" and word in UNITS and UNITS[word] < 10 and current % 10 == 0):
                return None  # "four one", "twenty thirty"; "twenty five" is one number
        last = "unit" if word in UNITS else "tens" if word in TENS else word
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        else:
            return None
        seen = True
    return total + current if seen else None


_SAID_NUMBER = "|".join(sorted([*UNITS, *TENS, "hundred", "thousand"], key=len, reverse=True))
_LARGE = re.compile(
    rf"\b(?:an?\s+(?=(?:hundred|thousand)\b))?(?:{_SAID_NUMBER})(?:[\s-]+(?:{_WORD}))*\b", re.I
)


def large_numbers_as_digits(text: str) -> str:
    """ "six hundred and fifty gloves" -> "650 gloves", "fifteen hundred" -> "1500",
    "a hundred and twelve" -> "112": said whole, so the "and" inside is no list.
    Left as written: a bare "hundred" or "thousand" and words in capitals after
    the first ("Thousand Oaks", "One Hundred Stationers": names), and what is no
    one number ("a four one hundred" is a tag said digit by digit)."""

    def digits(match: re.Match) -> str:
        words = match.group(0)
        tail = re.search(r"(?:[\s-]+and)+$", words, re.I)  # "two hundred and the drill"
        if tail:
            words = words[: tail.start()]
        parts = re.split(r"[\s-]+", words)
        if not re.search(r"(?i)\b(?:hundred|thousand)\b", words) or len(parts) < 2:
            return match.group(0)
        if any(p[:1].isupper() for p in parts[1:]) or (match.start() > 0 and parts[0][:1].isupper()):
            return match.group(0)  # a name: "Makita Hundred Series", "One Hundred Stationers"
        value = words_to_int(re.sub(r"(?i)^an?\s+", "one ", words), strict=True)
        if value is None:
            return match.group(0)
        return str(value) + match.group(0)[len(words) :]

    return _LARGE.sub(digits, text)


def leading_number(text: str) -> tuple[int | None, str]:
    """Split a leading quantity off `text`: ("3 boxes of paper") -> (3, "boxes of paper")."""
    match = re.match(
        r"(-?\d[\d,]*)(?![-/]\w)(?:\s*x)?\b\s*", text, re.I
    )  # "24-105" is a model, "2-way" a kind
    if match:
        return int(match.group(1).replace(",", "")), text[match.end() :]
    lower = text.lower()
    for phrase, value in sorted(PHRASES.items(), key=lambda kv: -len(kv[0])):
        if lower == phrase or lower.startswith(phrase + " "):
            return value, text[len(phrase) :].strip()
    match = NUMBER_WORDS.match(text)
    if match:
        value = words_to_int(match.group(0))
        if value is not None:
            return value, text[match.end() :].strip()
    return None, text


# "~3", "about 3", "roughly 40": a number said as a guess is no amount either.
ROUGHLY = re.compile(r"^(?:~|about|around|roughly|approx\.?|approximately|circa|ca\.)\s*\d[\d,]*\s*", re.I)


def vague_amount(text: str) -> str | None:
    """`text` without its vague amount ("a few pens" -> "pens"), or None if it names none."""
    match = VAGUE.match(text) or ROUGHLY.match(text)
    return text[match.end() :] if match else None


PLACE_NUMBER = re.compile(
    r"\b(?:room|rm|bay|aisle|lab|floor|level|period|year|yr|section|zone|gate|door|site|block|wing|exam)\s+\d+$",
    re.I,
)


def trailing_number(text: str) -> tuple[int | None, str]:
    """`paper x3`, `paper: 42`, `paper = 42` -> (n, "paper")."""
    match = re.search(r"(?:^|\s|:|=)\s*(?:x\s*)?(\d[\d,]*)$", text, re.I)
    if match and PLACE_NUMBER.search(text[: match.end()]):
        return None, text  # "the pritt sticks in room 102": a place's number, not an amount
    if match and match.start() > 0:
        return int(match.group(1).replace(",", "")), text[: match.start()].strip(" :=")
    return None, text


# "half a box", "a quarter of a case", "one and a half boxes", "1.5 boxes", "3/4 of a box":
# an amount of packs; whether it is a whole number of base units depends on the pack.
_PARTS = {
    "half": Fraction(1, 2),
    "quarter": Fraction(1, 4),
    "third": Fraction(1, 3),
    "three quarters": Fraction(3, 4),
}
_PART = r"(?:an?\s+)?(?P<part>three quarters|half|quarter|third)(?:\s+of)?(?:\s+an?)?"
FRACTION = re.compile(
    rf"^(?:(?P<whole>\d+|{_WORD}|an?)\s+and\s+)?{_PART}\s+(?=\S)"  # "one and a half boxes", "half a box"
    r"|^(?P<decimal>\d+\.\d+|\d+/\d+)(?:\s+of)?(?:\s+an?)?\s+(?=\S)",  # "1.5 boxes", "3/4 of a box"
    re.I,
)


def leading_amount(text: str) -> tuple[int | Fraction | None, str]:
    """`leading_number`, and fractions of packs: ("half a box of masks") -> (1/2, "box of masks").
    A fraction is returned as a Fraction (an int when it is whole), for the pack to make whole."""
    if re.match(r"(?i)(?:a\s+)?half\s+(?:a\s+)?dozen\b", text):
        return leading_number(text)
    match = FRACTION.match(text)
    if not match:
        return leading_number(text)
    if match["decimal"]:
        if re.search(r"/0+$", match["decimal"]):
            return None, text  # "1/0 boxes": no amount at all
        amount = Fraction(match["decimal"])
    else:
        whole = match["whole"] or "0"
        count = int(whole) if whole.isdigit() else 1 if whole.lower() in ("a", "an") else words_to_int(whole)
        if count is None:
            return leading_number(text)
        amount = count + _PARTS[match["part"].lower()]
    if amount <= 0:
        return leading_number(text)
    return (int(amount) if amount.denominator == 1 else amount), text[match.end() :]
