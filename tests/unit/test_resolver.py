"""The catalog resolver on a small catalog: what finds an item outright, what asks."""

from domain.ledger import ItemType
from services.resolver import CatalogIndex

ASSETS = [
    # tag, name, model, manufacturer, category, aliases
    ("A-3006", "Ohaus Scout balance", "SPX222", "Ohaus", "Lab", "scales|balance"),
    ("A-5008", "Salter platform scales", "PS-150", "Salter", "Warehouse", ""),
    ("A-4001", "Littmann Classic III stethoscope", "Classic III", "3M", "Clinic", ""),
    ("A-1013", "Dell Latitude 5400 laptop", "Latitude 5400", "Dell", "Laptop", ""),
    ("A-1001", "Dell Latitude 5440 laptop", "Latitude 5440", "Dell", "Laptop", ""),
    ("CAM-001", "Canon EOS R6 Mark II camera", "EOS R6 Mark II", "Canon", "Camera", "R6"),
    ("A-6001", "Rational iCombi Pro oven", "iCombi Pro", "Rational", "Cooking", "combi"),
    ("F-201", "Makita DHP482 combi drill", "DHP482Z", "Makita", "Power tool", ""),
]
STOCK = [("SKU-WRAP", "Stretch wrap 500mm", "", "", "roll", "")]
INDEX = CatalogIndex(ASSETS, STOCK)


def keys(reference: str) -> list[str]:
    return [item.key for item in INDEX.resolve(reference).items]


def test_an_alias_other_names_end_in_is_offered_with_them_the_aliased_item_first():
    assert keys("scales") == ["A-3006", "A-5008"]
    assert not INDEX.resolve("scales").is_clear  # a question, never a guess
    assert keys("balance") == ["A-3006"]  # no other name ends in it: it wins outright


def test_an_alias_that_other_names_use_before_their_last_word_asks_too():
    # the kitchen calls its oven "the combi"; in the workshop, the combi drill is "the combi"
    assert keys("combi") == ["A-6001", "F-201"]
    assert keys("combi drill") == ["F-201"]


def test_a_short_alias_is_exact_however_few_letters_it_has():
    assert keys("R6") == ["CAM-001"]


def test_a_models_number_alone_finds_that_model_and_only_exactly():
    assert keys("5400") == ["A-1013"]
    assert keys("5440") == ["A-1001"]
    assert keys("5401") == []  # another number is another model, never a typo of this one


def test_a_word_cut_short_stands_for_the_catalog_word_it_begins():
    assert "A-4001" in keys("steth")
    assert keys("st") == []  # too short to stand for anything


def test_stock_and_assets_are_kept_apart_by_type():
    assert [i.key for i in INDEX.resolve("scales", (ItemType.STOCK,)).items] == []


def test_a_return_of_an_alias_the_person_does_not_hold_asks_when_what_they_hold_fits_too():
    from domain.commands import CheckIn
    from services.understanding import NeedsChoice, understand

    radios = CatalogIndex(
        [
            ("R-1", "Motorola XT420 radio", "XT420", "Motorola", "Radio", "walkie"),
            ("R-2", "Motorola DP1400 radio", "DP1400", "Motorola", "Radio", "walkie-talkie"),
        ],
        [],
    )
    try:
        understand([CheckIn(ref="walkie")], radios, held=frozenset({"R-2"}))
    except NeedsChoice as choice:
        assert [i.key for i in choice.candidates] == ["R-2", "R-1"]  # theirs first
    else:
        raise AssertionError("returned R-1, which they don't hold, without asking")
    (done,) = understand([CheckIn(ref="walkie")], radios, held=frozenset())  # a desk return: the alias
    assert [i.key for i in done.items] == ["R-1"]


def test_a_makers_name_before_an_alias_of_theirs_finds_that_item():
    index = CatalogIndex(
        [
            (
                "A-2005",
                "Promethean ActivPanel 9 interactive display",
                "AP9",
                "Promethean",
                "Display",
                "the panel",
            ),
            ("A-2006", "Samsung Flip panel", "WM55", "Samsung", "Display", "flip"),
        ],
        [],
    )
    assert [item.key for item in index.resolve("promethean panel").items] == ["A-2005"]
    assert [item.key for item in index.resolve("samsung flip").items] == ["A-2006"]
    assert "A-2005" not in [item.key for item in index.resolve("samsung panel").items]  # not theirs


def test_a_makers_name_before_the_first_word_of_an_alias_of_theirs_finds_that_item():
    mic = ("Shure BLX24/SM58 wireless microphone", "SM58", "Shure", "Audio", "handheld mic|radio mic")
    rows = [
        ("A-7003", *mic),
        ("A-7004", *mic),
        ("A-5004", "Zebra TC52 scanner", "TC52", "Zebra", "Scanner", "handheld scanner"),
    ]
    index = CatalogIndex(rows, [])
    assert [item.key for item in index.resolve("shure handhelds").items] == ["A-7003", "A-7004"]
    assert [item.key for item in index.resolve("zebra handheld").items] == ["A-5004"]
    lectern = (
        "A-7009",
        "Shure MX412 gooseneck microphone",
        "MX412",
        "Shure",
        "Audio",
        "handheld lectern mic",
    )
    # two of the maker's kinds begin so: which is not guessed
    assert not CatalogIndex([*rows, lectern], []).resolve("shure handheld").is_clear


def test_a_known_place_said_first_wins_over_the_remark_after_it():
    index = CatalogIndex([], [], {"location": {"Room 204", "Room 2", "Dry store"}})
    assert index.resolve_place("location", "Room 204 over half term") == ["Room 204"]
    assert index.resolve_place("location", "Dry store for now") == ["Dry store"]
    assert index.resolve_place("location", "Room 2, we swapped the rooms round") == ["Room 2"]


def test_a_reading_that_fits_far_better_is_asked_about_not_a_weak_clear_one():
    from services.item_span import locate

    index = CatalogIndex(
        [("A-7011", "Elite Screens pull-up screen", "PU100", "Elite", "AV", "")],
        [
            ("GLV-M", "Nitrile gloves, medium", "", "", "glove", "box=100"),
            ("GLV-L", "Nitrile gloves, large", "", "", "glove", "box=100"),
        ],
        {"location": {"Exam room 2"}},
    )
    found = locate(index, "gloves up to exam room 2", (ItemType.ASSET, ItemType.STOCK))
    assert sorted(item.key for item in found.items) == ["GLV-L", "GLV-M"]  # a question, not the screen


def test_a_pack_of_the_catalogs_said_without_of_is_that_pack():
    from services.item_span import pack_before_name

    index = CatalogIndex(
        [], [("TIP-200", "Pipette tips 200ul, yellow", "", "yellow tips", "tip", "rack=96;box=960")]
    )
    assert pack_before_name(index, "racks yellow tips") == ("rack", "yellow tips")
    assert pack_before_name(index, "yellow tips") is None  # no pack word first
    assert pack_before_name(index, "trays yellow tips") is None  # not a pack of theirs


def test_one_word_is_read_in_both_numbers():
    index = CatalogIndex(
        [],
        [
            ("LPE6", "Canon LP-E6NH camera battery", "", "", "battery", ""),
            ("AA", "AA batteries (Duracell)", "", "", "battery", ""),
        ],
    )
    assert sorted(item.key for item in index.resolve("battery").items) == [
        "AA",
        "LPE6",
    ]  # asked, not the camera's


def test_a_number_that_is_a_tags_digits_and_an_alias_is_asked_about():
    index = CatalogIndex(
        [("F-216", "Stanley tape measure", "", "Stanley", "Tool", "")],
        [("GEL-216", "Lee 216 white diffusion", "", "216", "sheet", "")],
    )
    assert sorted(item.key for item in index.resolve("216").items) == ["F-216", "GEL-216"]
    assert not index.resolve("216").is_clear


def test_a_model_number_ending_in_s_is_no_plural_to_ask_how_many_of():
    from datetime import datetime, timezone

    from domain.language import parse
    from services.understanding import understand

    desk = ("Fully Jarvis 7318S desk", "Fully Jarvis 7318S", "Fully", "desk", "")
    index = CatalogIndex([("G-1", *desk), ("G-2", *desk)], [])
    (understood,) = understand(
        parse("check out the jarvis 7318S", datetime(2026, 11, 30, tzinfo=timezone.utc)), index
    )
    assert {item.key for item in understood.items} == {"G-1", "G-2"}  # either unit, taken as one


def test_returning_fewer_units_than_one_holds_asks_which():
    from datetime import datetime, timezone

    import pytest

    from domain.errors import DomainError
    from domain.language import parse
    from services.understanding import understand

    dish = ("Buffalo chafing dish", "CF-1", "Buffalo", "Catering", "chafer")
    index = CatalogIndex([(f"A-600{n}", *dish) for n in (5, 6, 7)], [])
    said = parse("returned the two chafers", datetime(2026, 11, 30, tzinfo=timezone.utc))
    with pytest.raises(DomainError, match="Which 2"):
        understand(said, index, held=frozenset({"A-6005", "A-6006", "A-6007"}))
    assert len(understand(said, index, held=frozenset({"A-6005", "A-6006"}))) == 2


def test_a_size_letter_in_a_name_is_found_said_in_words():
    index = CatalogIndex(
        [],
        [
            ("VEST-M", "Hi-vis vest, yellow, M", "", "", "vest", "pack=10"),
            ("VEST-L", "Hi-vis vest, yellow, L", "", "", "vest", "pack=10"),
            ("GLV-S", "Nitrile gloves S", "", "", "glove", "box=100"),
            ("HDMI-2M", "HDMI cable 2 m", "", "", "cable", ""),
        ],
    )
    assert [i.key for i in index.resolve("large hi-vis vests").items] == ["VEST-L"]
    assert [i.key for i in index.resolve("small nitrile gloves").items] == ["GLV-S"]
    assert "HDMI-2M" not in [i.key for i in index.resolve("medium cable").items]  # "2 m" is two metres


def test_a_return_means_the_held_item_the_words_name_not_a_held_part_for_it():
    from domain.commands import CheckIn
    from services.understanding import understand

    index = CatalogIndex(
        [
            ("R-1", "Motorola DP1400 two-way radio", "DP1400", "Motorola", "Radio", ""),
            ("R-2", "Motorola DP1400 two-way radio", "DP1400", "Motorola", "Radio", ""),
            ("R-3", "Motorola XT420 licence-free radio", "XT420", "Motorola", "Radio", ""),
        ],
        [("CHG-DP", "Motorola DP1400 radio charger", "", "", "charger", "", True)],
    )
    held = frozenset({"R-2", "CHG-DP"})
    (done,) = understand([CheckIn(ref="radio")], index, held=held)
    assert [i.key for i in done.items] == ["R-2"]  # the radio, not the radio charger
    (done,) = understand([CheckIn(ref="radio charger")], index, held=held)
    assert [i.key for i in done.items] == ["CHG-DP"]


def test_a_word_of_ours_said_as_two_is_found_only_when_the_two_fit_nothing():
    index = CatalogIndex(
        [
            ("A-5003", "Toyota Traigo 24 electric forklift", "Traigo 24", "Toyota", "Vehicle", ""),
            ("A-2005", "Promethean ActivPanel smartboard", "AP9", "Promethean", "Display", ""),
            ("F-207", "Genie scissor lift", "GS-1930", "Genie", "Access", ""),
            ("A-7009", "Dell 24 board monitor", "P2422", "Dell", "Display", "smart screen"),
        ],
        [],
    )
    assert [i.key for i in index.resolve("fork lift").items] == ["A-5003"]
    assert [i.key for i in index.resolve("the smart board").items] == ["A-2005"]
    assert [i.key for i in index.resolve("scissor lift").items] == ["F-207"]  # two words that fit: as said
    assert not index.resolve("fork spoon").found


def test_an_everyday_other_name_is_tried_only_when_the_words_fit_nothing():
    index = CatalogIndex(
        [("CAM-012", "Rode Wireless GO II mic kit", "GO II", "Rode", "Audio", "")],
        [("SKU-XLR-5M", "XLR cable 5m", "", "", "cable", "")],
    )
    assert [i.key for i in index.resolve("xlr leads").items] == ["SKU-XLR-5M"]
    assert [i.key for i in index.resolve("rode microphones").items] == ["CAM-012"]
    assert not index.resolve("dog lead").found
    # tried once: "mics" and "microphones" name nothing in a catalog without either (it recursed for ever)
    assert (
        not CatalogIndex([("A-1", "Dell laptop", "", "Dell", "laptop", "")], []).resolve("purple mics").found
    )


def test_words_of_one_item_said_across_its_name_and_alias_find_it_when_no_phrase_has_them_all():
    index = CatalogIndex(
        [
            (
                "A-8010",
                "Garmin inReach Mini 2 satellite communicator",
                "Mini 2",
                "Garmin",
                "GPS",
                "sat messenger",
            ),
            ("A-6009", "Cambro GoBox insulated food carrier", "EPP180", "Cambro", "Catering", "hot box"),
            ("A-6010", "Cambro insulated drinks dispenser", "UC250", "Cambro", "Catering", ""),
            ("A-5007", "Harper sack truck", "", "Harper", "Handling", ""),
        ],
        [("BOX-L", "Cardboard boxes, large", "", "large box", "box", "")],
    )
    assert [i.key for i in index.resolve("satellite messenger").items] == ["A-8010"]
    assert not index.resolve("insulated cambro").is_clear  # both Cambros: asked, never one chosen
    assert not index.resolve("insulated spoon").found  # a word that is none of theirs
