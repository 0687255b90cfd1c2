"""The shapes a sentence takes around the lexicon's words: the verbs before the
item ("check out the drill"), the words after it ("the projector is back"), a
verb split around it ("bring the laptop back"), or a whole set sentence."""

from __future__ import annotations

import re

from domain import commands as C
from domain.commands import Command
from domain.language.lexicon import AFTER_ITEM, AROUND_ITEM, BEFORE_ITEM, SENTENCES, pattern


def sentence(kind: type[Command]) -> re.Pattern:
    return re.compile(rf"^{pattern(SENTENCES[kind])}$", re.I)


def before(kind: type[Command], rest: str) -> re.Pattern:
    """The command's verbs (lexicon.BEFORE_ITEM), then the item as `rest` describes it."""
    return re.compile(rf"^{pattern(BEFORE_ITEM[kind])}:?{rest}", re.I)


def after(kind: type[Command], lead: str = "") -> re.Pattern:
    """The item, then the command's words (lexicon.AFTER_ITEM): "the projector is back"."""
    # one clause, then perhaps a remark: "1 box a3 used, open day posters"
    return re.compile(rf"^{lead}(?P<rest>[^,;]+?)\s+{pattern(AFTER_ITEM[kind])}(?P<after>\s*[,;].*)?$", re.I)


# A particle right after the verb that says the other way, or the verb's own: "check out ... in"
OTHER_WAY = {C.CheckIn: "out", C.CheckOut: "in"}


def around(kind: type[Command]) -> list[tuple[type[Command], re.Pattern]]:
    """The item between a verb and its particle (lexicon.AROUND_ITEM); what
    follows the particle is chatter or a place ("back in bay 2")."""
    return [
        (
            kind,
            re.compile(
                # (not "taking the drill, back after lunch": a particle after a comma says when)
                # (nor "hand gel - 1 case came in": a dash starts another clause)
                # (nor "check out the drill in the workshop": the particle said first is the verb's)
                rf"^{pattern((verb,))}\s+(?!{OTHER_WAY[kind]}\b)(?P<rest>(?:(?!\s[-\u2013\u2014]\s).)+?)(?<![,;])\s+{pattern((particle,))}\b"
                r"(?!\s+from\s+(?:maintenance|repairs?|service|the shop)\b)(?P<after>.*)$",
                re.I,
            ),
        )
        for verb, particle in AROUND_ITEM[kind]
    ]
