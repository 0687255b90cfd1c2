"""What a recognizer writes, read as the typed form it stands for."""

from datetime import datetime, timezone

from domain import commands as C
from domain.language import parse
from services.resolver import CatalogIndex
from services.voice import read

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
