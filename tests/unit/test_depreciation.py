from datetime import date
from decimal import Decimal

from domain.depreciation import Method, book_value, months_in_service


def test_months_in_service_count_whole_months():
    assert months_in_service(date(2024, 3, 15), date(2024, 4, 14)) == 0
    assert months_in_service(date(2024, 3, 15), date(2024, 4, 15)) == 1
    assert months_in_service(date(2024, 3, 15), date(2023, 1, 1)) == 0


def test_straight_line_by_hand():
    # 1,299 cost, 100 salvage, 3 years: 1,199 / 36 = 33.3055... a month; 32 months in.
    assert book_value(Decimal("1299"), date(2024, 3, 15), 3, Decimal("100"), date(2026, 11, 29)) == Decimal(
        "233.22"
    )


def test_straight_line_ends_at_salvage_and_stays_there():
    assert book_value(Decimal("1000"), date(2020, 1, 1), 3, Decimal("100"), date(2030, 1, 1)) == Decimal(
        "100.00"
    )


def test_declining_balance_by_hand():
    # Double-declining, 5 years: rate 40% a year; after 2 years 1000 * 0.6^2 = 360.
    value = book_value(
        Decimal("1000"), date(2024, 1, 1), 5, Decimal("50"), date(2026, 1, 1), Method.DECLINING_BALANCE
    )
    assert value == Decimal("360.00")


def test_declining_balance_never_goes_below_salvage():
    value = book_value(
        Decimal("1000"), date(2020, 1, 1), 5, Decimal("200"), date(2024, 1, 1), Method.DECLINING_BALANCE
    )
    assert value == Decimal("200.00")


def test_without_dates_or_life_the_cost_stands():
    assert book_value(Decimal("500"), None, 3, None, date(2026, 1, 1)) == Decimal("500.00")
    assert book_value(Decimal("500"), date(2020, 1, 1), None, None, date(2026, 1, 1)) == Decimal("500.00")


def test_before_purchase_it_is_worth_its_cost():
    assert book_value(Decimal("500"), date(2027, 1, 1), 3, None, date(2026, 1, 1)) == Decimal("500.00")
