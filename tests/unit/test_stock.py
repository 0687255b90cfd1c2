import pytest

from domain.errors import InsufficientStock, InvalidQuantity, InvalidValue, UnknownPack
from domain.stock import StockItem
from domain.values import MAX_MOVEMENT, Packs, describe_quantity, to_base_units


def paper(on_hand=40) -> StockItem:
    return StockItem(
        sku="PAP-A4",
        name="Copy paper",
        unit="ream",
        packs=Packs.parse("box=5;pallet=200"),
        on_hand=on_hand,
        reorder_point=15,
    )


def test_packs_convert_to_base_units():
    item = paper()
    assert to_base_units(3, "boxes", item.unit, item.packs, item.name) == 15
    assert to_base_units(3, "reams", item.unit, item.packs, item.name) == 3
    assert to_base_units(7, None, item.unit, item.packs, item.name) == 7


def test_a_pack_the_item_does_not_have_is_refused_naming_the_ones_it_has():
    item = paper()
    with pytest.raises(UnknownPack) as refused:
        to_base_units(2, "case", item.unit, item.packs, item.name)
    assert "box" in str(refused.value) and "pallet" in str(refused.value)


@pytest.mark.parametrize("count", [0, -3, MAX_MOVEMENT + 1])
def test_zero_negative_and_absurd_quantities_are_refused(count):
    item = paper()
    with pytest.raises(InvalidQuantity):
        to_base_units(count, None, item.unit, item.packs, item.name)


def test_consuming_more_than_on_hand_is_refused_with_the_current_figure():
    item = paper(on_hand=4)
    with pytest.raises(InsufficientStock) as refused:
        item.consume(5)
    assert "4 reams" in str(refused.value)
    assert item.on_hand == 4


def test_movements_return_signed_changes():
    item = paper()
    assert item.consume(10) == -10
    assert item.receive(5) == 5
    assert item.count(12) == -23
    assert item.on_hand == 12


def test_low_means_at_or_below_the_reorder_point():
    assert paper(on_hand=15).is_low
    assert not paper(on_hand=16).is_low
    assert not StockItem(sku="X", name="x", unit="pen").is_low


def test_quantities_read_in_units_and_packs():
    assert (
        describe_quantity(212, "ream", Packs.parse("box=5;pallet=200"))
        == "212 reams (1 pallet + 2 boxes + 2 reams)"
    )
    assert describe_quantity(1, "box", Packs()) == "1 box"


@pytest.mark.parametrize("text", ["box", "box=1", "box=five", "box=5;box=6", "=5"])
def test_malformed_pack_definitions_are_refused(text):
    with pytest.raises(InvalidValue):
        Packs.parse(text)


def test_pack_definitions_round_trip():
    assert str(Packs.parse("Boxes=5; case=50")) == "box=5;case=50"


def test_a_stock_item_with_a_wrong_check_digit_is_refused_naming_the_rule():
    with pytest.raises(InvalidValue, match="barcode: .*EAN-13 check digit rule.*should be 0"):
        StockItem("SKU-1", "Paper", "ream", barcode="5012345678901").validate()
