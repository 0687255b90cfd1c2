"""GTINs as printed: each form checked by its own rule, every form of one
product the same GTIN-14. Codes from GS1's and Wikipedia's worked examples."""

import pytest

from domain import gtin


@pytest.mark.parametrize(
    "printed, kind, key",
    [
        ("4006381333931", "EAN-13", "04006381333931"),
        ("036000291452", "UPC-A", "00036000291452"),
        ("0 36000 29145 2", "UPC-A", "00036000291452"),
        ("96385074", "EAN-8", "00000096385074"),
        ("04252614", "UPC-E", "00042100005264"),  # UPC-A 042100005264
        ("10012345678902", "GTIN-14", "10012345678902"),
    ],
)
def test_each_form_is_read_by_its_own_rule(printed, kind, key):
    code = gtin.read(printed)
    assert code.kinds == (kind,) and code.keys == (key,)


def test_all_printed_forms_of_one_upc_are_the_same_gtin():
    # the UPC-E as printed, its UPC-A expansion, the EAN-13 a scanner reports, the GTIN-14
    forms = ["04252614", "042100005264", "0042100005264", "00042100005264"]
    assert {gtin.keys(f) for f in forms} == {("00042100005264",)}


@pytest.mark.parametrize(
    "upce, upca",
    [
        ("01234565", "012345000065"),  # last digit 5-9: the manufacturer keeps five digits
        ("04252614", "042100005264"),  # 0-2: it moves into the manufacturer's number
        ("01234531", "012300000451"),  # 3
        ("01234543", "012340000053"),  # 4
    ],
)
def test_upce_expands_to_its_upca(upce, upca):
    assert gtin.upce_to_upca(upce) == upca


def test_a_upce_check_digit_belongs_to_its_expansion_not_to_the_eight_digits():
    assert gtin.check_digit("0425261") != 4  # the EAN-8 rule would refuse it
    assert gtin.read("04252614").kinds == ("UPC-E",)


def test_eight_digits_valid_by_both_rules_keep_both_readings():
    code = gtin.read("01234565")
    assert code.kinds == ("EAN-8", "UPC-E")
    assert code.keys == ("00000001234565", "00012345000065")


@pytest.mark.parametrize(
    "printed, message",
    [
        ("4006381333932", "EAN-13 check digit rule (the last digit should be 1)"),
        ("036000291453", "UPC-A check digit rule (the last digit should be 2)"),
        ("10012345678903", "GTIN-14 check digit rule (the last digit should be 2)"),
        ("96385075", "EAN-8 check digit rule (the last digit should be 4)"),
        ("04252615", "as a UPC-E (checked over its UPC-A expansion 04210000526…) it should be 4"),
        ("12345", "not an EAN/UPC barcode"),
        ("A-1042", "not an EAN/UPC barcode"),
        ("", "not an EAN/UPC barcode"),
    ],
)
def test_a_wrong_code_says_which_rule_it_fails(printed, message):
    with pytest.raises(gtin.InvalidGtin) as error:
        gtin.read(printed)
    assert message in str(error.value)
    assert gtin.keys(printed) == ()


@pytest.mark.parametrize("upce", ["01234565", "04252614", "01234531", "01234543", "10000015"])
def test_a_upca_with_enough_zeros_compresses_back_to_its_upce(upce):
    assert gtin.upca_to_upce(gtin.upce_to_upca(upce)) == upce


def test_a_upca_without_the_zeros_has_no_upce():
    assert gtin.upca_to_upce("036000291452") is None


def test_once_the_symbology_is_known_eight_digits_have_one_reading():
    assert gtin.key_as("01234565", "EAN-8") == "00000001234565"
    assert gtin.key_as("01234565", "UPC-E") == "00012345000065"
    assert gtin.key_as("0036000291452", "UPC-A") == "00036000291452"
    assert gtin.key_as("96385075", "EAN-8") is None  # a wrong check digit
