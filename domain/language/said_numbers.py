"""Numbers said in words or corrected in the same breath: "till the eighteenth" (a day of the
month), "used for racks of tips" (four, as dictation writes it), "there are 20 not 14" (20)."""

from __future__ import annotations

import re

_MONTH_START = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()


def _with_suffix(n: int) -> str:
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10 if n not in (11, 12, 13) else 0, 'th') }"


_ORDINALS = {
    **{word: _with_suffix(n) for n, word in enumerate(_ORDINAL_WORDS, 1)},
    **{f"twenty {word}": _with_suffix(20 + n) for n, word in enumerate(_ORDINAL_WORDS[:9], 1)},
    "thirtieth": "30th",
    "thirty first": "31st",
}
# Any day of the month said in words, "twenty-first" or "twenty first"
ORDINAL = "|".join(sorted((o.replace(" ", "[ -]") for o in _ORDINALS), key=len, reverse=True))
# "till the eleventh", "on the twenty-first of december": a day of the month said in words
# (not "the second stethoscope", "the second for the clinic": an ordinal before a noun is which one)
_ORDINAL_DAY = re.compile(
    rf"(?i)(?:(?P<lead>\b(?:till|until|til|by|on|from|before|after)\s+(?:the\s+)?)(?P<day>{ORDINAL})\b"
    rf"(?=\s*(?:$|[,.!?;]|of\b|at\b|for\b|then\b|and\b|till\b|until\b|to\b|{_MONTH_START}))"
    rf"|(?P<the>\bthe\s+)(?P<day2>{ORDINAL})\b(?=\s+(?:of\s+)?{_MONTH_START}))"
)
# "used for racks of yellow tips", "delivered to cases of masks": four and two, heard as words
_HEARD_AS_WORDS = re.compile(
    r"(?i)\b(?P<verb>used|using|took|taking|take|grab|grabbed|grabbing|borrow|borrowed|borrowing|returned|returning|"
    r"delivered|received|went through|got through|need|needs|needed|counted|lent|lend|ordered)\s+(?P<n>for|to|too)\s+"
    r"(?=[a-z][\w-]*s\s+of\b)"
)
# "there are 20 not 14", "counted 20 sharps bins, not 14": the number corrected away is dropped
_NOT = r"\s*,?\s+(?:not|rather than|instead of)\s+\d+"
_NUMBER_NOT_NUMBER = re.compile(
    rf"(?<=\d)(?:{_NOT}\b(?!\s*(?:am|pm|:))|(?P<between>(?:\s+[a-z][\w-]*){{1,3}}){_NOT}\s*(?=$|[.!,;]))",
    re.I,
)
# "4 not 3", "oops, make it 5 not 3": a correction of the last change, which says what it replaces
_CORRECTION_LEAD = re.compile(
    r"(?:(?:oops|sorry|no|nope|wait|actually|i meant|meant|make it|make that|it was|it's|its|should be|the)[\s,.!:-]*)*",
    re.I,
)


def ordinal_days(text: str) -> str:
    """ "till the eighteenth": the day of the month in digits ("till the 18th")."""
    return _ORDINAL_DAY.sub(
        lambda m: f"{m['lead'] or m['the']}{_ORDINALS[(m['day'] or m['day2']).lower().replace('-', ' ')]}",
        text,
    )


def heard_as_words(text: str) -> str:
    """ "used for racks of yellow tips": "used 4 racks of yellow tips"."""
    return _HEARD_AS_WORDS.sub(lambda m: f"{m['verb']} {'4' if m['n'].lower() == 'for' else '2'} ", text)


def corrected_numbers(text: str) -> str:
    """ "there are 20 not 14": the number corrected away dropped ("4 not 3" alone is a correction)."""
    return _NUMBER_NOT_NUMBER.sub(_corrected_number, text)


def _corrected_number(match: re.Match) -> str:
    said_before = re.sub(r"\d+$", "", match.string[: match.start()]).strip()
    return match[0] if _CORRECTION_LEAD.fullmatch(said_before) else match["between"] or ""


_DIGIT_WORDS = {w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine".split())}
_DIGIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# "room two oh four", "lab one oh one": a number said digit by digit, with "oh" for its zero
_DIGITS_APART = re.compile(
    rf"(?i)\b{_DIGIT_WORD}(?:\s+(?:oh|zero|{_DIGIT_WORD}))*\s+oh(?:\s+(?:oh|zero|{_DIGIT_WORD}))+\b"
)


def digits_said_apart(text: str) -> str:
    """ "book the room two oh four projector": room 204."""

    def joined(match: re.Match) -> str:
        return "".join(_DIGIT_WORDS.get(w.lower(), "0") for w in match[0].split())

    return _DIGITS_APART.sub(joined, text)
