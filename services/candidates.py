"""Which of several items the words fit they mean, when how they are said tells: the last
word says what the thing is ("three of the DP1400 radios", not their charger), a plural can't
be one unit ("who has headsets out?": the lent ones), and a held item named best ("the radio"
they hold, not the radio charger)."""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz, utils

from domain.ledger import ItemType
from domain.values import singular
from services.resolver import CatalogItem

NAMED, NAMED_BY = 80, 15  # a held item's name says the words this well, and this much better than the next


def by_what_it_is(reference: str, found):
    """ "three of the DP1400 radios": of the radios and the DP1400 radio charger, the radios; the
    last word says what the thing is, the words before it which one. Only when every candidate
    has those words before it, so the last word alone tells them apart ("headset": still asked)."""
    words = [singular(w) for w in utils.default_process(reference).split()]
    if len(words) < 2:
        return found
    *which, what = words

    def named(item) -> list[str]:
        return [singular(w) for w in utils.default_process(re.sub(r"\([^)]*\)", "", item.name)).split()]

    if not all(set(which) <= set(named(item)) for item in found.items):
        return found
    kind = [item for item in found.items if named(item)[-1:] == [what]]
    return replace(found, items=kind) if kind and len({i.group for i in kind}) == 1 else found


def plural_means_the_lent(reference: str, found):
    """ "who has headsets out?": of one headset microphone and the headsets lent out, the lent
    ones (several can't be a single unit)."""
    last = reference.split()[-1] if reference.split() else ""
    if singular(last) == last:
        return found
    groups: dict[str, list] = {}
    for item in found.items:
        groups.setdefault(item.group, []).append(item)
    lent = [units for units in groups.values() if units[0].lendable]
    several = [
        u for u in groups.values() if not u[0].lendable and (u[0].type is ItemType.STOCK or len(u) > 1)
    ]
    return replace(found, items=lent[0]) if len(lent) == 1 and not several else found


def named_best(words: str, items: list[CatalogItem]) -> list[CatalogItem]:
    """Of the items a person holds, the one whose name says the words, when one clearly does:
    "the camera" is their camera, not the gimbal filed under cameras."""
    if len({i.group for i in items}) < 2:
        return items
    scored = sorted(((fuzz.token_set_ratio(words, i.name.lower()), i) for i in items), key=lambda s: -s[0])
    best, runner_up = scored[0][0], scored[1][0]
    if best >= NAMED and best - runner_up >= NAMED_BY:
        return [scored[0][1]]
    headed = [i for i in items if head_word(i.name) == head_word(words)]  # "the radio": not the radio charger
    return headed if len(headed) == 1 and best >= NAMED else items


def head_word(name: str) -> str:
    """The last word of a name, singular: what a thing is, in English ("two-way radio")."""
    last = re.findall(r"[a-z][a-z-]*", name.lower())
    return singular(last[-1]) if last else ""


def plural_said(words: str) -> bool:
    last = utils.default_process(words).split()[-1:] or [""]
    return singular(last[0]) != last[0]
