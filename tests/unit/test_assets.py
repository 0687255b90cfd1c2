from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from domain.assets import ASSET_FIELDS, Asset, AssetStatus
from domain.catalog_fields import set_fields
from domain.errors import AssetUnavailable, InvalidValue, NotCheckedOut
from domain.values import tag_key

NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)


def laptop(**kw) -> Asset:
    return Asset(tag="A-1042", name="Dell Latitude 5440 laptop", **kw)


def test_an_available_asset_checks_out_to_its_holder_until_due():
    asset = laptop()
    due = NOW + timedelta(days=3)
    asset.check_out("bob", due, NOW)
    assert (asset.status, asset.holder, asset.due) == (AssetStatus.CHECKED_OUT, "bob", due)


def test_a_checked_out_asset_is_refused_naming_its_holder_and_due_date():
    asset = laptop()
    asset.check_out("bob", datetime(2026, 12, 4, 17, tzinfo=timezone.utc), NOW)
    with pytest.raises(AssetUnavailable) as refused:
        asset.check_out("carol", None, NOW)
    assert "bob" in str(refused.value) and "2026-12-04" in str(refused.value)
    assert asset.holder == "bob"


@pytest.mark.parametrize("status", [AssetStatus.MAINTENANCE, AssetStatus.RETIRED])
def test_assets_in_maintenance_or_retired_do_not_go_out(status):
    asset = laptop(status=status)
    with pytest.raises(AssetUnavailable, match=status.value):
        asset.check_out("bob", None, NOW)
    assert asset.status is status


def test_a_due_time_in_the_past_is_refused():
    with pytest.raises(InvalidValue):
        laptop().check_out("bob", NOW - timedelta(hours=1), NOW)


def test_checking_in_an_asset_that_is_not_out_is_refused():
    with pytest.raises(NotCheckedOut):
        laptop().check_in()


def test_check_in_clears_holder_and_due():
    asset = laptop()
    asset.check_out("bob", NOW + timedelta(days=1), NOW)
    asset.check_in()
    assert (asset.status, asset.holder, asset.due) == (AssetStatus.AVAILABLE, None, None)


def test_overdue_only_when_out_and_past_due():
    asset = laptop()
    asset.check_out("bob", NOW + timedelta(hours=1), NOW)
    assert not asset.is_overdue(NOW)
    assert asset.is_overdue(NOW + timedelta(hours=2))


def test_tags_match_without_regard_to_case_spaces_or_dashes():
    assert tag_key("a-1042") == tag_key("A1042") == tag_key(" a 1042 ") == "A1042"


def test_fields_set_from_text_report_what_changed():
    asset = laptop()
    changes = set_fields(asset, ASSET_FIELDS, {"cost": "1,299.00", "location": " Room  5 "}, timezone.utc)
    assert asset.cost == Decimal("1299.00") and asset.location == "Room 5"
    assert changes == {"cost": ("", "1299.00"), "location": ("", "Room 5")}


@pytest.mark.parametrize(
    "field,text",
    [
        ("cost", "-5"),
        ("cost", "abc"),
        ("purchase_date", "2024-13-01"),
        ("status", "lost"),
        ("useful_life_years", "2.5"),
    ],
)
def test_bad_field_values_are_refused_and_change_nothing(field, text):
    asset = laptop()
    with pytest.raises(InvalidValue, match=field):
        set_fields(asset, ASSET_FIELDS, {field: text}, timezone.utc)
    assert asset == laptop()


def test_a_checked_out_asset_needs_a_holder():
    asset = laptop(status=AssetStatus.CHECKED_OUT)
    with pytest.raises(InvalidValue, match="holder"):
        asset.validate()
