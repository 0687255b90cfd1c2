"""The asset register and stock report, checked against figures computed by hand."""

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from domain.people import Person, Role
from services import reports
from services.context import Context
from services.csv_import import import_csv
from services.replies import ReplyKind

CTX = Context(Person("setup", Role.MANAGER), datetime(2026, 1, 1, tzinfo=timezone.utc), timezone.utc, "test")
# Straight line: 1200 cost, 200 salvage, 5 years -> 1000 / 60 = 16.6667 a month.
# Declining balance: 1000 cost, 50 salvage, 5 years -> 40% a year.
ASSETS = """asset_tag,name,category,cost,purchase_date,useful_life_years,salvage_value,location,department,status,depreciation
S-1,Server,it,1200,2024-01-15,5,200,Rack,IT,available,straight_line
S-2,Server,it,1200,2024-01-15,5,200,Rack,IT,available,straight_line
D-1,Lathe,tool,1000,2024-01-01,5,50,Shop,Ops,available,declining_balance
N-1,Desk,furniture,300,,,,Office,Ops,available,straight_line
R-1,Old press,tool,5000,2015-01-01,5,0,Shop,Ops,retired,straight_line
F-1,Future van,vehicle,30000,2027-01-01,8,3000,Yard,Ops,available,straight_line
"""


@pytest.fixture
def register(uow):
    assert not import_csv("assets", ASSETS.encode(), uow, CTX).errors
    return uow


def test_the_register_by_department_matches_hand_computed_values(register):
    with register(read_only=True) as tx:
        rows = {r.group: r for r in reports.register_rows(tx, "department", date(2026, 1, 15))}
    # IT: 24 months of straight line: 1200 - 1000 * 24/60 = 800.00 each.
    assert (rows["IT"].count, rows["IT"].cost, rows["IT"].book_value) == (
        2,
        Decimal("2400.00"),
        Decimal("1600.00"),
    )
    # Ops: lathe after 24 months 1000 * 0.6^2 = 360.00; desk not depreciated 300; retired and future assets left out.
    assert (rows["Ops"].count, rows["Ops"].cost, rows["Ops"].book_value) == (
        2,
        Decimal("1300.00"),
        Decimal("660.00"),
    )
    assert rows["Ops"].depreciation == Decimal("640.00")
    assert (rows["(total)"].count, rows["(total)"].book_value) == (4, Decimal("2260.00"))


def test_the_register_as_of_another_date_and_by_location(register):
    with register(read_only=True) as tx:
        rows = {r.group: r for r in reports.register_rows(tx, "location", date(2024, 7, 14))}
    # 5 whole months (Jan 15 -> Jun 15): 1200 - 1000 * 5/60 = 1116.67 each; lathe 6 months: 1000 * 0.6^0.5 = 774.60.
    assert rows["Rack"].book_value == Decimal("2233.34")
    assert rows["Shop"].book_value == Decimal("774.60")


def test_the_register_in_sql_agrees_with_the_domain_per_asset(register):
    at = date(2026, 11, 29)
    with register(read_only=True) as tx:
        in_sql = reports.register_rows(tx, "category", at)[-1].book_value
        in_python = sum(
            a.book_value(at)
            for a in tx.assets.all()
            if a.status.value != "retired" and (a.purchase_date is None or a.purchase_date <= at)
        )
    assert in_sql == in_python


def test_the_register_csv_has_the_contract_columns(register):
    with register(read_only=True) as tx:
        text = reports.register_csv(reports.register_rows(tx, "department", date(2026, 1, 15)), "department")
    assert text.splitlines()[0] == "department,count,cost,accumulated_depreciation,book_value"
    assert "IT,2,2400.00,800.00,1600.00" in text


def test_the_stock_report_values_stock_and_counts_30_days_of_use(assistant, uow, clock):
    from tests.catalog import seed

    seed(uow)
    assistant.handle("alice", "used 2 boxes of paper")
    assistant.handle("alice", "used 3 pens")
    with uow(read_only=True) as tx:
        rows = {r.sku: r for r in tx.reports.stock("location", clock.now.date())}
    assert (rows["PAP-A4"].on_hand, rows["PAP-A4"].value, rows["PAP-A4"].used_30_days) == (
        30,
        Decimal("126.00"),
        10,
    )
    assert rows["PEN-BLU"].used_30_days == 3 and rows["TON-26A"].used_30_days == 0


def test_asking_in_chat_gives_a_table_and_a_chart(register, assistant):
    (reply,) = assistant.handle("alice", "what are our assets worth by department?")
    assert (
        reply.kind is ReplyKind.ANSWER
        and "Assets by department" in reply.text
        and "• IT: 2 items" in reply.text
    )
    name, png = reply.attachment
    assert name.endswith(".png") and png.startswith(b"\x89PNG")


def test_sql_and_domain_agree_on_many_random_assets_including_half_cents(uow):
    import random

    rng = random.Random(4)
    lines = ["asset_tag,name,department,cost,purchase_date,useful_life_years,salvage_value,depreciation"]
    for n in range(400):
        lines.append(
            f"X-{n},Thing,D{n % 7},{rng.randint(10000, 500000) / 100:.2f},{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d},{rng.choice([1, 2, 3, 4, 5, 7, 10])},{rng.choice([0, 0, 1, 25, 99.99])},"
            f"{rng.choice(['straight_line'] * 4 + ['declining_balance'])}"
        )
    assert not import_csv("assets", "\n".join(lines).encode(), uow, CTX).errors
    for at in (date(2024, 3, 31), date(2026, 11, 29)):
        with uow(read_only=True) as tx:
            by_group = {r.group: r.book_value for r in reports.register_rows(tx, "department", at)}
            expected: dict[str, Decimal] = {}
            for a in tx.assets.all():
                if a.purchase_date <= at:
                    expected[a.department] = expected.get(a.department, Decimal("0.00")) + a.book_value(at)
        assert {g: v for g, v in by_group.items() if g != "(total)"} == expected
