"""One source for the words: every phrasing in the parser's tables (the
lexicon) can be said, is in the voice grammar, and reads back as the same
command. The grammar is checked by reading it as a regular expression, so a
phrase the recognizer could never produce fails here."""

import re
from datetime import datetime, timezone

import pytest
from pocketsphinx import Decoder

from domain import commands as C
from domain.language import parse
from domain.language.grammar import Vocabulary, build, is_sayable_sentence
from domain.language.lexicon import AFTER_ITEM, AROUND_ITEM, BEFORE_ITEM, SENTENCES, expand

NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)
VOCABULARY = Vocabulary(
    items=["cordless drill", "copy paper"], places=["IT store"], packs=["box"], keys=["A-1042"]
)
STOCK_KINDS = (C.Consume, C.Receive, C.Count, C.Take)


@pytest.fixture(scope="module")
def decoder():
    return Decoder(lm=None, samprate=16000, loglevel="FATAL")


@pytest.fixture(scope="module")
def spoken(decoder):
    """The grammar as a regular expression over plain words."""
    return jsgf_regex(build(VOCABULARY, lambda w: decoder.lookup_word(w) is not None))


def jsgf_regex(text: str) -> re.Pattern:
    rules = {}
    for line in text.splitlines():
        match = re.match(r"^(?:public )?<(\w+)> = (.*);$", line)
        if match:
            rules[match[1]] = match[2]

    def body(expression: str) -> str:
        expression = re.sub(r"/\d+/", " ", expression)
        tokens = re.findall(r"<\w+>|[()\[\]|]|[^\s()\[\]|<>]+", expression)
        out = []
        for token in tokens:
            if token.startswith("<"):
                out.append(f"(?:{body(rules[token[1:-1]])})")
            elif token == "(":
                out.append("(?:")
            elif token == "[":
                out.append("(?:")
            elif token == "]":
                out.append(")?")
            elif token in (")", "|"):
                out.append(token)
            else:
                out.append(f"(?:{re.escape(token)} )")
        return "".join(out)

    return re.compile(body(rules["command"]))


def says(grammar: re.Pattern, sentence: str) -> bool:
    return grammar.fullmatch(sentence + " ") is not None


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
    # One-word requests are typed only (noise is heard as one word).
    yield from ((k, s) for k, s in sentences(SENTENCES, lambda k, w: w) if is_sayable_sentence(s))


PHRASINGS = list(phrasings())
MOVES_NEED_A_PLACE = {C.Move: " to the it store", C.Seen: ""}


def test_every_word_of_the_lexicon_can_be_said(decoder):
    words = {w for _, sentence in PHRASINGS for w in sentence.split()}
    assert not [w for w in sorted(words) if decoder.lookup_word(w) is None]


@pytest.mark.parametrize("kind,sentence", PHRASINGS, ids=[s for _, s in PHRASINGS])
def test_every_phrasing_is_in_the_grammar_and_means_its_command(spoken, kind, sentence):
    sentence += MOVES_NEED_A_PLACE.get(kind, "")
    assert says(spoken, sentence), f"the grammar can't produce “{sentence}”"
    commands = parse(sentence, NOW, timezone.utc)
    expected = (C.CheckOut, C.Consume) if kind is C.Take else (kind,)
    assert isinstance(commands[0], (*expected, C.Take)), (sentence, commands)


def test_the_oracle_rejects_what_the_grammar_cannot_say(spoken):
    assert says(spoken, "check out the cordless drill")
    assert not says(spoken, "is anyone up for coffee later")
    assert not says(spoken, "check out the espresso machine")
