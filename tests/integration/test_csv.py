"""CSV import and export on a real database."""

import io
from datetime import timezone

import pytest

from domain import gtin
from domain.people import Person, Role
from services.context import Context
from services.csv_export import export, write
from services.csv_import import ImportAborted, import_csv
from storage.database import make_engine
from storage.migrate import upgrade
from storage.unit_of_work import unit_of_work_factory
from tests.catalog import ASSETS, STOCK
from tests.conftest import NOW

CTX = Context(Person("importer", Role.MANAGER), NOW, timezone.utc, "test-import")


def exported(uow, kind) -> str:
    out = io.StringIO()
    export(kind, uow, out)
    return out.getvalue()


def ledger_size(uow) -> int:
    with uow(read_only=True) as tx:
        return len(list(tx.ledger.all()))


def test_importing_the_same_file_twice_changes_nothing_the_second_time(uow):
    first = import_csv("assets", ASSETS.encode(), uow, CTX)
    assert (first.created, first.errors) == (5, [])
    entries = ledger_size(uow)
    again = import_csv("assets", ASSETS.encode(), uow, CTX)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert ledger_size(uow) == entries


def test_an_update_changes_only_what_differs_and_records_it(uow):
    import_csv("stock", STOCK.encode(), uow, CTX)
    changed = STOCK.replace(
        "PEN-BLU,Blue ballpoint pens,pen,pack=10;box=50,120,30",
        "PEN-BLU,Blue ballpoint pens,pen,pack=10;box=50,100,30",
    )
    result = import_csv("stock", changed.encode(), uow, CTX)
    assert (result.updated, result.unchanged) == (1, 2)
    with uow(read_only=True) as tx:
        assert tx.stock.get("PEN-BLU").on_hand == 100
        last = list(tx.ledger.all())[-1]
    assert (last.action.value, last.quantity, last.balance) == ("edit", -20, 100)


def test_export_then_import_into_an_empty_database_gives_the_same_export(uow, tmp_path, clock, assistant):
    import_csv("assets", ASSETS.encode(), uow, CTX)
    import_csv("stock", STOCK.encode(), uow, CTX)
    assistant.handle("alice", "check out A-1042 until Friday 3pm")
    assistant.handle("maria", "edit A-2001 aliases beamer")
    assistant.handle("alice", "used 2 boxes of paper")
    first = {kind: exported(uow, kind) for kind in ("assets", "stock")}
    other = make_engine(f"sqlite:///{tmp_path / 'copy.db'}")
    upgrade(other)
    copy = unit_of_work_factory(other)
    for kind in ("assets", "stock"):
        assert not import_csv(kind, first[kind].encode(), copy, CTX).errors
    assert {kind: exported(copy, kind) for kind in ("assets", "stock")} == first
    assert "alice" in first["assets"] and "2026-12-04T15:00:00+00:00" in first["assets"]


def test_ledger_export_has_one_row_per_movement(uow, assistant):
    import_csv("stock", STOCK.encode(), uow, CTX)
    assistant.handle("alice", "used 3 pens")
    assistant.handle("alice", "undo")
    lines = exported(uow, "ledger").strip().splitlines()
    assert lines[0] == "id,at,actor,action,item_type,item,quantity,balance,changes,note,source,reverses"
    assert len(lines) == 1 + 3 + 2
    assert lines[-2].split(",")[2:8] == ["alice", "consume", "stock", "PEN-BLU", "-3", "117"]
    assert lines[-1].split(",")[3] == "undo"


BAD_FILES = [
    ("assets", b"name,category\nLaptop,laptop\n", "line 1, column asset_tag: required column is missing"),
    (
        "assets",
        b"asset_tag,name\nA-1,One\nA-2,Two\na1,Three\n",
        "line 4, column asset_tag: a1 already appears on line 2",
    ),
    ("assets", b"asset_tag,name,purchase_date\nA-1,One,2024-02-30\n", "line 2, column purchase_date:"),
    ("assets", b"asset_tag,name,cost\nA-1,One,10\nA-2,Two,-5\n", "line 3, column cost:"),
    ("stock", b"sku,name,unit,on_hand\nP-1,Paper,ream,lots\n", "line 2, column on_hand:"),
    ("assets", b"asset_tag,name,location\nA-1,One,Caf\xe9\n", "line 2, column location: not valid UTF-8"),
    ("assets", b"asset_tag,name,status\nA-1,One,checked_out\n", "line 2, column holder:"),
    ("stock", b"sku,name,unit,packs\nP-1,Paper,ream,box=one\n", "line 2, column packs:"),
    ("stock", b"sku,name,unit,barcode\nP-1,Paper,ream,5012345678901\n", "line 2, column barcode:"),
    (
        "stock",
        b"sku,name,unit,barcode\nP-1,Paper,ream,5012345678901\n",
        "line 2, column barcode: \u201c5012345678901\u201d fails the EAN-13 check digit rule",
    ),
    (
        "stock",
        b"sku,name,unit,barcode\nP-1,Paper,ream,04252615\n",
        "line 2, column barcode: \u201c04252615\u201d fails both 8-digit rules",
    ),
    (
        "stock",
        b"sku,name,unit,barcode\nP-1,Paper,ream,036000291453\n",
        "line 2, column barcode: \u201c036000291453\u201d fails the UPC-A",
    ),
    ("assets", b"", "line 1: the file is empty"),
]


@pytest.mark.parametrize("kind,data,message", BAD_FILES)
def test_a_bad_row_is_reported_with_line_and_column_and_nothing_is_written(uow, kind, data, message):
    try:
        result = import_csv(kind, data, uow, CTX)
    except ImportAborted as aborted:
        result = aborted.result
    assert any(str(e).startswith(message) for e in result.errors), [str(e) for e in result.errors]
    assert not result.written
    with uow(read_only=True) as tx:
        assert tx.assets.count() == 0 and tx.stock.count() == 0 and ledger_size(uow) == 0


def test_skip_bad_writes_the_good_rows_and_lists_the_bad(uow):
    result = import_csv(
        "assets", b"asset_tag,name,cost\nA-1,One,10\nA-2,Two,-5\nA-3,Three,\n", uow, CTX, skip_bad=True
    )
    assert result.written and result.created == 2
    assert [str(e).split(":")[0] for e in result.errors] == ["line 3, column cost"]
    with uow(read_only=True) as tx:
        assert [a.tag for a in tx.assets.all()] == ["A-1", "A-3"]


def test_headers_match_without_regard_to_case_spaces_or_underscores(uow):
    result = import_csv("stock", b"SKU, Name ,UNIT,On Hand,reorderPoint\nP-1,Paper,reams,4,2\n", uow, CTX)
    assert result.created == 1
    with uow(read_only=True) as tx:
        item = tx.stock.get("P-1")
    assert (item.unit, item.on_hand, item.reorder_point) == ("ream", 4, 2)


def test_snipe_it_exports_are_accepted(uow):
    snipe = (
        "Asset Tag,Asset Name,Category,Manufacturer,Model Name,Serial,Purchase Cost,Purchase Date,Location,Status,Company\n"
        'SN-001,Ops laptop,Laptops,Lenovo,ThinkPad T14,PF1234,"1,150.00",2024-05-01,HQ,Ready to Deploy,Acme\n'
        "SN-002,Spare monitor,Monitors,Dell,P2422H,CN0X,210.00,2023-01-09,HQ,Archived,Acme\n"
    ).encode("utf-8-sig")
    result = import_csv("assets", snipe, uow, CTX)
    assert result.created == 2 and result.ignored_columns == ["Company"]
    with uow(read_only=True) as tx:
        first, second = tx.assets.get("SN-001"), tx.assets.get("SN-002")
    assert (first.name, first.model, str(first.cost), first.status.value) == (
        "Ops laptop",
        "ThinkPad T14",
        "1150.00",
        "available",
    )
    assert second.status.value == "retired"


def test_a_holder_is_kept_by_member_id_whether_given_as_a_name_or_an_id_and_exported_by_name(uow):
    from datetime import datetime

    with uow() as tx:
        tx.people.remember("U0BOB12345", "bob", datetime.now(timezone.utc))
        tx.commit()
    header = "asset_tag,name,holder,due\n"
    rows = "A-1,Drill,U0BOB12345,2026-12-04\nA-2,Saw,bob,2026-12-04\nA-3,Ladder,U0NEW98765,2026-12-04\nA-4,Van,Sam,2026-12-04\n"
    result = import_csv("assets", (header + rows).encode(), uow, CTX)
    assert not result.errors
    with uow(read_only=True) as tx:
        held = {tag: tx.assets.get(tag).holder for tag in ("A-1", "A-2", "A-3", "A-4")}
    assert held == {"A-1": "U0BOB12345", "A-2": "U0BOB12345", "A-3": "U0NEW98765", "A-4": "Sam"}
    holders = [line.split(",")[14] for line in exported(uow, "assets").splitlines()[1:]]
    assert holders == ["bob", "bob", "U0NEW98765", "Sam"]  # the contract's holder: the name the chat knows


def test_a_holder_name_in_capitals_is_a_name_not_a_member_id(uow):
    result = import_csv("assets", b"asset_tag,name,holder\nA-9,Pallet jack,WAREHOUSE\n", uow, CTX)
    assert not result.errors
    with uow(read_only=True) as tx:
        assert tx.assets.get("A-9").holder == "WAREHOUSE"


def test_every_printed_gtin_form_imports_and_keeps_its_printed_form(uow):
    # UPC-E (valid only by its UPC-A expansion's check digit), UPC-A, EAN-13, EAN-8, GTIN-14
    data = (
        "sku,name,unit,barcode\nT-1,Toner,cartridge,04252614\nP-1,Paper,ream,0 36000 29145 2\n"
        "S-1,Gel,bottle,4006381333931\nG-1,Glue,stick,96385074\nC-1,Case,case,10012345678902\n"
    )
    result = import_csv("stock", data.encode(), uow, CTX)
    assert result.created == 5, [str(e) for e in result.errors]
    with uow(read_only=True) as tx:
        assert tx.stock.get("T-1").barcode == "04252614" and tx.stock.get("P-1").barcode == "036000291452"

        def skus(code):
            return [item.sku for key in gtin.keys(code) for item in tx.stock.with_gtin(key)]

        assert skus("042100005264") == ["T-1"]  # its UPC-A
        assert skus("0036000291452") == ["P-1"]  # as a scanner reports it
        assert skus("00000096385074") == ["G-1"]


def test_a_snipe_it_id_column_is_kept_exported_and_imported_again(uow, tmp_path):
    snipe = "Asset Tag,Asset Name,ID\nSN-001,Ops laptop,1234\nSN-002,Spare monitor,\n".encode()
    assert import_csv("assets", snipe, uow, CTX).created == 2
    with uow(read_only=True) as tx:
        assert tx.assets.by_source_id("1234").tag == "SN-001"
        exported = io.StringIO()
        write("assets", tx, exported)
    header, first = exported.getvalue().splitlines()[:2]
    assert header.endswith(",source_id") and first.endswith(",1234")


def test_a_barcode_another_item_has_in_any_printed_form_is_refused(uow):
    data = "sku,name,unit,barcode\nP-1,Paper,ream,036000291452\nP-2,Other paper,ream,0036000291452\n"
    try:
        result = import_csv("stock", data.encode(), uow, CTX)
    except ImportAborted as aborted:
        result = aborted.result
    assert [str(e) for e in result.errors] == [
        "line 3, column barcode: 0036000291452 is already the barcode of P-1 (Paper); "
        "a manufacturer's code can find only one item"
    ]
    assert not result.written
