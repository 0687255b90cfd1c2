from datetime import datetime, timezone

import pytest

from domain.assets import ASSET_FIELDS, Asset
from domain.catalog_fields import field_texts
from domain.errors import UndoConflict
from domain.ledger import Action, ItemType, LedgerEntry
from domain.stock import StockItem
from domain.undo import reverse_fields, reverse_quantity

NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)


def entry(**kw) -> LedgerEntry:
    return LedgerEntry(actor="alice", at=NOW, item_key="X", **kw)


def test_a_consumption_is_reversed_by_receiving_it_back():
    item = StockItem(sku="P", name="paper", unit="ream", on_hand=5)
    assert reverse_quantity(entry(action=Action.CONSUME, item_type=ItemType.STOCK, quantity=-3), item) == 3
    assert item.on_hand == 8


def test_a_receipt_that_was_already_used_up_cannot_be_taken_back():
    item = StockItem(sku="P", name="paper", unit="ream", on_hand=2)
    with pytest.raises(UndoConflict):
        reverse_quantity(entry(action=Action.RECEIVE, item_type=ItemType.STOCK, quantity=10), item)
    assert item.on_hand == 2


def test_a_check_out_is_reversed_while_the_asset_is_still_as_it_left_it():
    asset = Asset(tag="A-1", name="drill")
    before = field_texts(asset, ASSET_FIELDS)
    asset.check_out("bob", None, NOW)
    after = field_texts(asset, ASSET_FIELDS)
    changes = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    reverse_fields(
        entry(action=Action.CHECK_OUT, item_type=ItemType.ASSET, changes=changes),
        asset,
        ASSET_FIELDS,
        timezone.utc,
    )
    assert asset == Asset(tag="A-1", name="drill")


def test_a_change_that_others_have_acted_on_since_is_not_blindly_reversed():
    asset = Asset(tag="A-1", name="drill")
    asset.check_out("bob", None, NOW)
    changes = {"status": ("available", "checked_out"), "holder": ("", "bob")}
    asset.check_in()
    with pytest.raises(UndoConflict):
        reverse_fields(
            entry(action=Action.CHECK_OUT, item_type=ItemType.ASSET, changes=changes),
            asset,
            ASSET_FIELDS,
            timezone.utc,
        )
