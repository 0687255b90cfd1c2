"""What a recognizer writes, read as the typed form it stands for."""

from datetime import datetime, timezone

from domain import commands as C
from domain.language import parse
from services.resolver import CatalogIndex
from services.voice import meaning, read, read_best

NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)
INDEX = CatalogIndex(
    [
        ("A-3100", "Werner step ladder", "6 step", "Werner", "tool", ""),
        ("A-4001", "Canon EOS R6", "", "Canon", "camera", ""),
    ],
    [("PAP-A4", "Copy paper A4", "", "paper", "ream", "box=5")],
    {"location": {"Warehouse", "Workshop"}},
)


def heard(text):
    return read(text, lambda words: parse(words, NOW), INDEX).commands


def test_of_heard_as_on_or_and_after_a_pack_is_of():
    assert heard("We used 3 boxes on paper") == [C.Consume(ref="paper", count=3, pack="box")]
    assert heard("We received 2 boxes and paper") == [C.Receive(ref="paper", count=2, pack="box")]
    # a list stays a list: "2 boxes and 3 ..." names two amounts
    assert len(heard("we used 2 boxes and 3 reams of paper")) == 2


def test_thousands_written_with_a_comma_are_a_tag_s_digits():
    (command,) = heard("History for 3,100")
    assert command.ref == "3100"


def found(text):
    return [item.key for item in INDEX.resolve(heard(text)[0].ref).items]


def test_an_item_written_as_another_word_is_the_catalog_word_it_sounds_like():
    assert found("check out the cannon") == ["A-4001"]
    assert heard("who has the latter")[0].ref == "ladder"
    assert heard("check out the trumpet")[0].ref == "trumpet"  # nothing like it: left as heard
    assert found("check out the trumpet") == []


def test_a_place_then_a_remark():
    assert INDEX.resolve_place("location", "warehouse i just saw it") == ["Warehouse"]
    # "and" goes on to another move: never cut off as a remark
    assert INDEX.resolve_place("location", "warehouse and A-4001 to the workshop") != ["Warehouse"]


def test_ordinary_words_are_not_taken_for_items_spelled_otherwise():
    assert heard("who has the trolley")[0].ref == "trolley"  # sounds like "drill", starts otherwise
    reading = read("who has the latter", lambda words: parse(words, NOW), INDEX)
    assert reading.told() == " I took “latter” to mean “ladder”."


def best(*hypotheses):
    return read_best(list(hypotheses), lambda words: parse(words, NOW), INDEX)


def test_the_first_hypothesis_naming_a_catalog_item_is_taken():
    reading = best("check out the canon eos are sex", "check out the canon eos r6")
    assert reading.said == "check out the canon eos r6"
    assert [c.ref for c in reading.commands] == ["canon eos r6"]


def test_the_best_hypothesis_stays_when_it_names_an_item_or_none_does():
    assert best("who has the ladder", "who has the latter").said == "who has the ladder"
    # none names an item: the best is kept, and the reply says it wasn't understood
    assert best("is anyone up for coffee", "is anyone up for copy").said == "is anyone up for coffee"
    # a reference to the conversation is left to it, not traded for a catalog word
    assert best("return it", "return kit").said == "return it"


def test_an_item_of_several_is_found_and_asked_about_later():
    index = CatalogIndex(
        [("A-1", "Dell laptop", "", "Dell", "laptop", ""), ("A-2", "HP laptop", "", "HP", "laptop", "")],
        [],
        {},
    )
    reading = read_best(["return the laptop", "return the lamp top"], lambda w: parse(w, NOW), index)
    assert reading.said == "return the laptop"


def test_a_catalog_of_assets_only_has_no_packs_to_read():
    index = CatalogIndex([("A-1", "Dell laptop", "", "Dell", "laptop", "")], [], {})
    assert read("check out 2 boxes on the laptop", lambda w: parse(w, NOW), index).commands


def test_a_heard_follow_up_is_no_change_without_a_last_one():
    commands = heard("scratch that, make it 5")
    assert meaning(commands, INDEX) == "(a correction or repeat of the last change)"


def test_the_same_words_over_and_over_are_no_command():
    loop = "we used 3 boxes of paper, and we used 3 boxes of paper, and we used 3 boxes of paper"
    assert [type(c) for c in heard(loop)] == [C.Unknown]
    assert [type(c) for c in heard("we used 3 boxes of paper, and 2 reams of paper")] == [
        C.Consume,
        C.Consume,
    ]


def test_another_hypothesis_changes_words_never_amounts_or_a_no():
    assert best("used 3 boxes of paber", "used 5 boxes of paper").said == "used 3 boxes of paber"
    assert best("I didn't take the cannon", "I did take the canon eos r6").said == "I didn't take the cannon"
    # an alternative that only says "it" is no better reading of "a look"
    assert best("I'll take a look", "I'll take it").said == "I'll take a look"
