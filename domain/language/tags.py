"""Asset tags said or typed loosely: "a one zero four two", "A ten forty-two",
"a1042" all mean A1042 (tags compare without case, spaces or dashes)."""

from __future__ import annotations

import re

from domain.language.numbers import TENS, UNITS

SPELLED_LETTERS = {
    "ay": "a",
    "bee": "b",
    "be": "b",
    "cee": "c",
    "see": "c",
    "dee": "d",
    "ee": "e",
    "eff": "f",
    "gee": "g",
    "aitch": "h",
    "jay": "j",
    "kay": "k",
    "el": "l",
    "em": "m",
    "en": "n",
    "pee": "p",
    "cue": "q",
    "ar": "r",
    "ess": "s",
    "tee": "t",
    "you": "u",
    "vee": "v",
    "ex": "x",
    "why": "y",
    "zed": "z",
    "zee": "z",
}
DIGIT_WORDS = {**{w: str(v) for w, v in UNITS.items()}, "oh": "0", "o": "0", "nought": "0"}
MIN_DIGITS = 3  # fewer is more likely a quantity ("a two-pack") than a tag


def _digits(tokens: list[str]) -> tuple[str, int]:
    """Digits spelled by the leading tokens, and how many tokens they used."""
    out, used = "", 0
    while used < len(tokens):
        token = tokens[used]
        parts = token.split("-")
        if token.isdigit():
            out += token
        elif len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS and UNITS[parts[1]] < 10:
            out += str(TENS[parts[0]] + UNITS[parts[1]])
        elif token in TENS:
            following = tokens[used + 1] if used + 1 < len(tokens) else ""
            if following in UNITS and 0 < UNITS[following] < 10:
                out += str(TENS[token] + UNITS[following])
                used += 1
            else:
                out += str(TENS[token])
        elif token in DIGIT_WORDS:
            out += DIGIT_WORDS[token]
        else:
            break
        used += 1
    return out, used


def join_spoken_tags(text: str) -> str:
    """Replace a letter followed by spoken digits with the tag it spells."""
    tokens = text.split(" ")
    out, i = [], 0
    while i < len(tokens):
        word = tokens[i].lower()
        letter = word if re.fullmatch(r"[a-z]", word) else SPELLED_LETTERS.get(word)
        if letter:
            digits, used = _digits([t.lower() for t in tokens[i + 1 :]])
            if len(digits) >= MIN_DIGITS and not (
                used == 1 and tokens[i + 1].isdigit() and word in ("a", "an")
            ):
                out.append(letter.upper() + digits)
                i += 1 + used
                continue
        out.append(tokens[i])
        i += 1
    return " ".join(out)
