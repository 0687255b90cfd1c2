"""Backup of everything, restore into an empty database: the same state and ledger."""

import io
from datetime import timezone

import pytest

from domain.errors import DomainError
from domain.ledger import Action, ItemType, LedgerEntry
from domain.people import Person, Role
from services.backup import backup, restore
from services.context import Context
from services.csv_export import export
from services.csv_import import import_csv
from storage.database import make_engine
from storage.migrate import upgrade
from storage.unit_of_work import unit_of_work_factory
from tests.catalog import seed
from tests.conftest import NOW, fresh_postgres

CTX = Context(Person("ops", Role.MANAGER), NOW, timezone.utc, "restore")


def everything(uow) -> dict[str, str]:
    out = {}
    for kind in ("assets", "stock", "ledger", "bookings", "loans", "kits"):
        buffer = io.StringIO()
        export(kind, uow, buffer)
        out[kind] = buffer.getvalue()
    return out


@pytest.fixture
def busy(assistant, uow):
    seed(uow)
    assistant.handle("alice", "check out A-1042 until friday")
    assistant.handle("bob", "used 2 boxes of paper and 1 toner")
    assistant.handle("bob", "undo")
    assistant.handle("maria", "edit A-2001 location Storage")
    assistant.handle("alice", "returned A-1042 - scratched lid")
    assistant.handle("alice", "book A-2001 tuesday 2-4pm")
    assistant.handle("bob", "book A-1043 friday morning")
    assistant.handle("bob", "cancel my booking of A-1043")
    extra = b"sku,name,unit,on_hand,lendable\nHS-USB,USB headset,headset,10,yes\n"
    assert not import_csv("stock", extra, uow, CTX).errors
    assistant.handle("bob", "borrow 2 headsets until friday")
    assistant.handle("maria", "make a kit 'Demo kit' of A-2002 and 1 headset")
    return uow


@pytest.mark.parametrize("target", ["sqlite", "postgresql"])
def test_restore_into_an_empty_database_gives_the_same_state_and_ledger(busy, tmp_path, target, request):
    path = tmp_path / "backup.zip"
    counts = backup(busy, path)
    assert counts["ledger"] > 10 and counts["bookings"] == 2 and counts["loans"] == 1 and counts["kits"] == 1
    url = (
        f"sqlite:///{tmp_path / 'restored.db'}"
        if target == "sqlite"
        else fresh_postgres(request.getfixturevalue("postgres_server"))
    )
    engine = make_engine(url)
    upgrade(engine)
    restored = unit_of_work_factory(engine)
    assert restore(restored, path, CTX) == counts
    assert everything(restored) == everything(busy)
    last_id = max(int(line.split(",")[0]) for line in everything(busy)["ledger"].splitlines()[1:])
    with restored() as tx:  # and it keeps working: new entries continue after the restored ids
        next_id = tx.ledger.add(
            LedgerEntry(action=Action.EDIT, item_type=ItemType.ASSET, item_key="A-1042", actor="ops", at=NOW)
        )
        tx.commit()
    assert next_id == last_id + 1
    engine.dispose()


def test_restore_refuses_a_database_that_has_data(busy, tmp_path):
    path = tmp_path / "backup.zip"
    backup(busy, path)
    with pytest.raises(DomainError, match="empty database"):
        restore(busy, path, CTX)


def test_restore_refuses_what_is_not_a_backup(uow, tmp_path):
    path = tmp_path / "nope.zip"
    path.write_bytes(b"not a zip")
    with pytest.raises(DomainError, match="not a Quartermaster backup"):
        restore(uow, path, CTX)
