"""Every phrasing in the parser's tables (the lexicon) reads back as its own
command, typed or heard: voice transcripts go through the same parser, so a
form the lexicon lists is understood whichever way it arrives."""

from datetime import datetime, timezone

import pytest

from domain import commands as C
from domain.language import parse
from domain.language.lexicon import AFTER_ITEM, AROUND_ITEM, BEFORE_ITEM, SENTENCES, expand

NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)
STOCK_KINDS = (C.Consume, C.Receive, C.Count, C.Take)
MOVES_NEED_A_PLACE = {C.Move: " to the it store", C.Seen: ""}


def sentences(table, around):
    for kind, phrases in table.items():
        for phrase in phrases:
            for words in expand(phrase):
                yield kind, around(kind, words)


def phrasings():
    def stock_or_asset(kind, stock, asset):
        return stock if kind in STOCK_KINDS else asset

    yield from sentences(
        BEFORE_ITEM,
        lambda k, w: stock_or_asset(k, f"{w} three boxes of copy paper", f"{w} the cordless drill"),
    )
    yield from sentences(
        AFTER_ITEM,
        lambda k, w: stock_or_asset(k, f"three boxes of copy paper {w}", f"the cordless drill {w}"),
    )
    for kind, pairs in AROUND_ITEM.items():
        for verb, particle in pairs:
            for before in expand(verb):
                for after in expand(particle):
                    yield kind, f"{before} the cordless drill {after}"
    yield from sentences(SENTENCES, lambda k, w: w)


PHRASINGS = list(phrasings())


@pytest.mark.parametrize("kind,sentence", PHRASINGS, ids=[s for _, s in PHRASINGS])
def test_every_phrasing_means_its_command(kind, sentence):
    sentence += MOVES_NEED_A_PLACE.get(kind, "")
    commands = parse(sentence, NOW, timezone.utc)
    # "take" and "get" are a check-out of an asset and a use of stock alike, read once the item is known
    taking = (C.CheckOut, C.Consume, C.Take)
    expected = taking if kind in taking else (kind,)
    assert isinstance(commands[0], expected), (sentence, commands)


def test_the_lexicon_is_not_empty():
    assert len(PHRASINGS) > 100
