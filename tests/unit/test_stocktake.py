"""Stocktakes as people report them: every amount is one count of the item."""

from datetime import datetime, timezone

import pytest

from domain import commands as C
from domain.language import parse
from domain.language.stocktake import read

NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)


def counts(text):
    found = read(text)
    return None if found is None else [(c.ref, c.count, c.pack) for c in found]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("stocktake, a4: 11 boxes plus 2 loose reams", [("a4", 11, "box"), ("a4", 2, "ream")]),
        ("counted the aprons, 2 rolls and 57 loose", [("aprons", 2, "roll"), ("aprons", 57, None)]),
        ("stocktake tool crib: 25 pairs of work gloves", [("work gloves", 25, "pair")]),
        ("stocktake dry store: cling film 6", [("cling film", 6, None)]),
        ("stocktake: labels are down to 3 rolls", [("labels", 3, "roll")]),
        ("counted eppis - exactly 4 bags", [("eppis", 4, "bag")]),
        ("counted the cfexpress cards, only 5 in the cage", [("cfexpress cards", 5, None)]),
        ("there are only 28 pairs of scissors in room 102", [("scissors", 28, "pair")]),
        ("stocktake: lanyards 2 packs + 30", [("lanyards", 2, "pack"), ("lanyards", 30, None)]),
        (
            "stocktake in the dry store: 2 drums and 10 litres of rapeseed oil",
            [("rapeseed oil", 2, "drum"), ("rapeseed oil", 10, "litre")],
        ),
        (
            "Just counted the patch leads in the server room, there are 3 full bags and 4 loose ones.",
            [("patch leads", 3, "bag"), ("patch leads", 4, None)],
        ),
        (
            "We did a quick count of the ethanol in the cold room: two full cans and 3 litres in an open one.",
            [("ethanol", 2, "can"), ("ethanol", 3, "litre")],
        ),
        ("count: 2 boxes and 5 pens", [("boxes", 2, None), ("pens", 5, None)]),  # the boxes' item is asked
        (
            "Quick count in Room 102: 28 pairs of kids scissors and 40 glue sticks",
            [("kids scissors", 28, "pair"), ("glue sticks", 40, None)],
        ),
    ],
)
def test_amounts_and_the_item_are_found_wherever_they_stand(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "we got 3 boxes of gloves",  # a delivery, not a count
        "count the laptops",  # no amount: the sentence patterns ask how many
        "counted about 40 pens",  # a stocktake is exact: "about" is no count
        "there are 30 left",  # no item
    ],
)
def test_what_is_no_stocktake_of_this_shape_is_left_to_the_other_patterns(text):
    assert counts(text) is None


def test_a_long_text_is_no_stocktake_of_this_shape():
    # an amount, "loose" or a unit, repeated: once read two ways each, which took minutes
    assert read("counted aprons " + "2 loose and " * 300 + "!") is None


@pytest.mark.parametrize(
    "text",
    [
        "quick count in room 102 next week: 28 scissors",
        "quick count tomorrow: 28 scissors",
        "quick count in room 102: 28 scissors and 3 glue sticks used",
    ],
)
def test_a_count_still_to_do_or_mixed_with_use_sets_nothing(text):
    assert not any(c.changes for c in read(text))


def test_a_list_of_counts_may_say_each_amount_first_or_last():
    assert counts("stocktake 101/102: 28 board pens, scissors 3 packs + 2") == [
        ("board pens", 28, None),
        ("scissors", 3, "pack"),
        ("scissors", 2, None),
    ]
    assert counts("stocktake: 90 AA batteries, 58 AAA and 11 Jabra headsets") == [
        ("AA batteries", 90, None),
        ("AAA", 58, None),
        ("Jabra headsets", 11, None),
    ]


def test_a_count_headed_with_when_and_where_reads_each_items_amounts():
    assert counts("stock count, aisle 4: large boxes 1 bundle plus 4 loose, medium boxes 7 bundles") == [
        ("large boxes", 1, "bundle"),
        ("large boxes", 4, None),
        ("medium boxes", 7, "bundle"),
    ]
    assert counts("end of day count, cold room: ethanol 2 cans and 3 litres") == [
        ("ethanol", 2, "can"),
        ("ethanol", 3, "litre"),
    ]
    assert counts("counted the tool crib: 2 boxes of specs and 5 loose, 3 packs of work gloves") == [
        ("specs", 2, "box"),
        ("specs", 5, None),
        ("work gloves", 3, "pack"),
    ]


def test_how_many_are_in_the_store_is_a_count_and_on_my_desk_a_remark():
    assert counts("there are 22 xlr cables in the store") == [("xlr cables", 22, None)]
    assert counts("there are 3 pens on my desk") is None


def test_what_is_left_somewhere_is_never_a_count_of_all_there_is():
    # (a place, a device or a desk: "30 pencils left on my desk" is not the stock on hand)
    for text in (
        "30 pencils left on my desk",
        "2 aa batteries left in the clicker",
        "the drill was left in the van",
    ):
        assert not any(isinstance(c, C.Count) for c in parse(text, NOW)), text
