"""The spoken command grammar: built from the catalog, only of words the
recognizer can say, and accepted by pocketsphinx as it is."""

import pytest
from pocketsphinx import Decoder

from domain.language.grammar import Vocabulary, build

VOCABULARY = Vocabulary(
    items=["Makita cordless drill", "HP 26A toner cartridge", "Zyxwv gadget"],
    places=["Meeting room B", "IT store"],
    packs=["box", "ream"],
    keys=["A-1042", "LT00042", "PAP-A4"],
    kinds=["laptop", "projector"],
)


@pytest.fixture(scope="module")
def decoder():
    return Decoder(lm=None, samprate=16000, loglevel="FATAL")


def rule(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"<{name}> ="))


def test_items_are_said_whole_shortened_or_by_brand_singular_or_plural(decoder):
    text = build(VOCABULARY, lambda w: decoder.lookup_word(w) is not None)
    items = rule(text, "item").split(" = ")[1].rstrip(";").split(" | ")
    assert {
        "makita cordless drill",
        "cordless drill",
        "drill",
        "drills",
        "makita",
        "toner cartridges",
        "hp",
    } <= set(items)
    assert "gadget" in items and not any("zyxwv" in i for i in items)  # a word it cannot say is left out
    assert not any(
        w.isdigit() or len(w) == 1 for i in items for w in i.split()
    )  # model numbers are not names


def test_tags_are_said_by_their_letters_and_digits(decoder):
    text = build(VOCABULARY, lambda w: decoder.lookup_word(w) is not None)
    assert (
        rule(text, "tag") == "<tag> = a <four> | l t <five>;"
    )  # PAP-A4 is no tag shape: it is found by name
    assert "meeting room b" in rule(text, "place") and "box | boxes | ream | reams" in rule(text, "pack")


def test_the_grammar_compiles_in_pocketsphinx(decoder):
    decoder.add_jsgf_string("test", build(VOCABULARY, lambda w: decoder.lookup_word(w) is not None))
    decoder.activate_search("test")


def test_an_empty_catalog_still_gives_a_usable_grammar(decoder):
    decoder.add_jsgf_string("empty", build(Vocabulary(), lambda w: decoder.lookup_word(w) is not None))
