"""Strip chat noise: Slack markup, emoji, politeness, repeated punctuation."""

from __future__ import annotations

import re
import unicodedata

_USER_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>")
# Slack escapes only these three in message text, and its markup (mentions,
# links) uses real angle brackets: decode after the markup is read.
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
_SPECIAL = re.compile(r"<![^>]*>")
_EMOJI = re.compile(r":[a-z0-9_+\-]+:")
_MARKUP = re.compile(r"(?<!\w)[*_~`]+|[*_~`]+(?!\w)")
_CONTROL = {c: " " for c in range(32)}

LEADING_FILLERS = (
    "hey",
    "hi",
    "hello",
    "ok",
    "okay",
    "so",
    "please",
    "pls",
    "plz",
    "can you",
    "could you",
    "can i",
    "could i",
    "may i",
    "i'd like to",
    "i would like to",
    "i want to",
    "i wanna",
    "i'm going to",
    "i am going to",
    "gonna",
    "just",
    "actually",
    "sorry",
    "oops",
    "whoops",
    "oh",
    "um",
    "erm",
    "right",
    "so yeah",
    "fyi",
    "quartermaster",
    "qm",
    "bot",
    "log",
    "record",
    "please log",
)
TRAILING_FILLERS = (
    "please and thank you",
    "and thank you",
    "and thanks",
    "please",
    "pls",
    "plz",
    "thanks",
    "thank you",
    "thx",
    "ty",
    "cheers",
    "asap",
)


def normalize(text: str, mention_names: dict[str, str] | None = None) -> str:
    """Single-spaced text (case kept, for names and values) with Slack markup turned into plain words.

    A user mention `<@U123>` becomes `@U123` (or `@name` when `mention_names`
    knows it), so the parser can find "for @bob" whatever the transport."""
    text = unicodedata.normalize("NFKC", text or "").translate(_CONTROL)
    names = mention_names or {}
    text = _USER_MENTION.sub(lambda m: " @" + names.get(m.group(1), m.group(1)) + " ", text)
    text = _CHANNEL.sub(lambda m: " " + (m.group(1) or "") + " ", text)
    text = _LINK.sub(lambda m: " " + (m.group(2) or m.group(1).removeprefix("mailto:")) + " ", text)
    text = _SPECIAL.sub(" ", text)
    for entity, character in _ENTITIES:
        text = text.replace(entity, character)
    text = _EMOJI.sub(" ", text.replace("’", "'"))
    text = _MARKUP.sub(" ", text)
    text = re.sub(r"([!?.,;])\1+", r"\1", text)
    return strip_fillers(" ".join(text.split()))


def strip_fillers(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        text = text.strip(" !?.,;:-")
        lower = text.lower()
        for filler in LEADING_FILLERS:
            if lower == filler or lower.startswith(filler + " ") or lower.startswith(filler + ","):
                text, changed = text[len(filler) :], True
                break
        for filler in TRAILING_FILLERS:
            if lower.endswith(" " + filler) or lower.endswith("," + filler):
                text, changed = text[: -len(filler) - 1], True
                break
    return text
