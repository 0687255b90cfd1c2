"""Supplies told as used in the words of the work, not with a verb of the
command language: "popped four 9 volts in the mics", "binned a dead card",
"lunch club used a sleeve of tubs", "put 2 new sheets of 216 on the lights",
"that's one 59A gone". Each is rewritten as "used ..."; only shapes that name an
amount count, and nothing said as a guess, a habit or a plan ("probably used",
"last month"). Printing, opening and emptying are not using up."""

from __future__ import annotations

import re

from domain.language.numbers import NUMBER_WORDS_INSIDE

_WORDS = NUMBER_WORDS_INSIDE  # "twenty-five"
_AMOUNT = rf"(?:an?|\d+|{_WORDS})"
_SPEAKER_FIRST = re.compile(r"^(?:i|we)(?:'ve|\s+have|\s+just)?\s+(?=\w)", re.I)
_HEDGED = (
    r"(?!.*\b(?:probably|maybe|perhaps|might|may|usually|normally|always|every|last\s+(?:week|month|year))\b)"
)
# "put 2 new sheets of 216 on the lights": new packs of something fitted
FITTED_NEW = re.compile(
    rf"^(?:put|popped)\s+(?:in\s+)?(?P<amount>{_AMOUNT})\s+(?:new|fresh|spare)\s+(?P<rest>[a-z]+\s+of\s+.+)$",
    re.I,
)
# "popped four 9 volts in the mics", "binned a corrupted card", "gave 30 hygiene kits"
FITTED_SOME = re.compile(
    rf"^{_HEDGED}(?:popped|loaded|binned|chucked|scrapped|tossed|cut(?:\s+up)?|sprayed(?:\s+out)?|gave|given|handed"
    r"|printed(?=\s+\S+\s+sheets?\s+of\b))"  # "printed 3 sheets of name badges" (not "printed 500 leaflets")
    rf"\s+(?={_AMOUNT}\s)",
    re.I,
)
# "Lunch club used a sleeve of tubs": used by others, told by the speaker
OTHERS_USED = re.compile(
    rf"^{_HEDGED}(?!(?:i|we|you|he|she|they|it)\b)(?:[\w']+\s+){{1,3}}(?:used|went through|got through|used up)"
    rf"\s+(?={_AMOUNT}\s)",
    re.I,
)
# "a whole drum", "a full case": one of them
WHOLE = re.compile(rf"\b(?P<n>{_AMOUNT})\s+(?:whole|full|complete|entire)\s+(?=\w)", re.I)
ONE_GONE = re.compile(rf"\bthat's\s+(?={_AMOUNT}\s+.+\s+(?:gone|used)\b)", re.I)  # "that's one 59A gone"


def one_each(text: str) -> str:
    """ "a whole drum" is a drum."""
    return WHOLE.sub(lambda m: f"{m['n']} ", text)


def as_used(text: str) -> str:
    """`text` as "used ..." when it tells of supplies used up; else as it is."""
    text = OTHERS_USED.sub("used ", text)
    bare = _SPEAKER_FIRST.sub("", text)
    fitted = FITTED_NEW.match(bare)
    if fitted:
        return f"used {fitted['amount']} {fitted['rest']}"
    some = FITTED_SOME.match(bare)
    return ONE_GONE.sub("", f"used {bare[some.end() :]}" if some else text)
