"""What a scanned code's text may name."""

import pytest

from services.code_text import candidates, looks_like_a_key, snipe_asset_id


@pytest.mark.parametrize(
    "text, expected",
    [
        ("https://assets.example.org/hardware/1234", "1234"),
        ("https://snipe.example.com/hardware/17/", "17"),
        ("http://10.0.0.5/snipeit/public/hardware/9", None),  # only an installation at the host's root
        ("https://www.example-shop.com/catalog/hardware/5287", None),  # a shop's page, not a label
        ("https://example.org/hardware/1234/edit", None),
        ("https://example.org/users/1234", None),
        ("hardware/1234", None),
    ],
)
def test_snipe_it_label_urls_give_the_asset_id(text, expected):
    assert snipe_asset_id(text) == expected


def test_text_candidates_come_whole_first_then_its_key_shaped_words():
    assert candidates("SKU: TONER-05A") == ["SKU: TONER-05A", "TONER-05A"]
    assert candidates("A-1042") == ["A-1042"]


def test_a_gs1_string_gives_its_gtin():
    assert "00012345678905" in candidates("(01)00012345678905(17)261231")
    assert "00012345678905" in candidates("0100012345678905")


def test_url_path_segments_and_query_values_are_candidates_but_plain_words_are_not():
    found = candidates("https://shelf.example/items/A-2001?sku=PAP-A4&view=card")
    assert "A-2001" in found and "PAP-A4" in found
    assert "items" not in found and "card" not in found


@pytest.mark.parametrize("text, expected", [("A-1042", True), ("ZZ 999", False), ("https://x.org/a", False)])
def test_only_short_spaceless_text_could_be_a_new_tag(text, expected):
    assert looks_like_a_key(text) is expected


@pytest.mark.parametrize(
    "text", ["WIFI:S:Office;T:WPA;P:A-16432;;", "BEGIN:VCARD\nN:Doe;A-1042\nEND:VCARD", "tel:+1-555-0100"]
)
def test_the_words_of_a_wifi_login_or_contact_card_name_no_item(text):
    assert candidates(text) == [text]
