"""Repositories: load and save domain objects inside a unit of work's session.
They never commit; the unit of work does, when told. Core statements keep a
change to one SELECT (with a row lock) and one write: on PostgreSQL the item's
UPDATE rides along with the ledger INSERT as a data-modifying CTE."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Callable

from sqlalchemy import Table, bindparam, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from domain.aliases import AliasSuggestion, SuggestionStatus
from domain.assets import Asset, AssetStatus
from domain.ledger import NOT_UNDOABLE, Action, LedgerEntry
from domain.stock import StockItem
from domain.values import tag_key
from storage import mapping
from storage.models import AliasSuggestionRow, AssetRow, LedgerRow, StockRow

ASSETS: Table = AssetRow.__table__
STOCK: Table = StockRow.__table__
LEDGER: Table = LedgerRow.__table__


class _Statements:
    """Statements built once per table: only parameters change per call, so
    SQLAlchemy's compiled cache is hit instead of rebuilding each time."""

    def __init__(self, table: Table, key_column: str):
        by_key = select(table).where(table.c[key_column] == bindparam("key"))
        self.get, self.get_locked = by_key, by_key.with_for_update()
        self.insert = insert(table).returning(table.c.id)


_UPDATE_BY_ID = {table: update(table).where(table.c.id == bindparam("row_id")) for table in (ASSETS, STOCK)}


class Writer:
    """Executes a unit of work's statements. Item updates wait for the next
    statement; the ledger INSERT that always follows a change carries them on
    PostgreSQL, saving a network round trip per change."""

    def __init__(self, session: Session):
        self.session = session
        self._pending: list[tuple[Table, int, dict[str, Any]]] = []

    def insert(self, table: Table):
        """An INSERT of the database's own dialect, for ON CONFLICT (both
        SQLite and PostgreSQL have it, spelled by their own constructs)."""
        dialect = self.session.connection().dialect.name
        return (postgresql_insert if dialect == "postgresql" else sqlite_insert)(table)

    def execute(self, statement, params=None):
        self.flush()
        return self.session.connection().execute(statement, params)

    def defer_update(self, table: Table, row_id: int, changed: dict[str, Any]) -> None:
        self._pending.append((table, row_id, changed))

    def insert_with_pending(self, statement, params):
        connection = self.session.connection()
        if self._pending and connection.dialect.name == "postgresql":
            for n, (table, row_id, changed) in enumerate(self._pending):
                statement = statement.add_cte(
                    update(table).where(table.c.id == row_id).values(changed).cte(f"write_{n}")
                )
            self._pending.clear()
        else:
            self.flush()
        return connection.execute(statement, params)

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        for table, row_id, changed in pending:
            self.session.connection().execute(_UPDATE_BY_ID[table], {**changed, "row_id": row_id})


class _ItemRepository:
    """Shared load/add/save for assets and stock items, keyed by tag or SKU."""

    table: Table
    key_column: str
    statements: _Statements
    from_row: Callable[[Any], Any]
    values: Callable[[Any], dict[str, Any]]

    def __init__(self, writer: Writer):
        self.session = writer.session
        self.writer = writer
        self._loaded: dict[str, tuple[int, dict[str, Any]]] = {}  # key -> (id, values as loaded)

    def _execute(self, statement, params=None):
        return self.writer.execute(statement, params)

    def get(self, key: str, lock: bool = False):
        """`lock` takes a row lock (PostgreSQL; SQLite transactions are already
        serialized) so the read-modify-write that follows cannot interleave."""
        query = self.statements.get_locked if lock else self.statements.get
        row = self._execute(query, {"key": tag_key(key)}).mappings().one_or_none()
        if row is None:
            return None
        item = type(self).from_row(row)
        self._loaded[row[self.key_column]] = (row["id"], type(self).values(item))
        return item

    def add(self, item) -> None:
        values = type(self).values(item)
        new_id = self._execute(self.statements.insert, values).scalar_one()
        self._loaded[values[self.key_column]] = (new_id, values)

    def save(self, item) -> None:
        values = type(self).values(item)
        loaded = self._loaded.get(values[self.key_column])
        if loaded is None:
            raise KeyError(f"{values[self.key_column]} was not loaded in this unit of work")
        row_id, before = loaded
        changed = {name: value for name, value in values.items() if before.get(name) != value}
        if changed:
            self.writer.defer_update(self.table, row_id, changed)
            self._loaded[values[self.key_column]] = (row_id, values)

    def count(self) -> int:
        return self._execute(select(func.count()).select_from(self.table)).scalar() or 0

    def _rows(self, query) -> Iterator[Any]:
        for row in self._execute(query.execution_options(yield_per=1000)).mappings():
            yield type(self).from_row(row)


class AssetRepository(_ItemRepository):
    table, key_column, statements = ASSETS, "tag_key", _Statements(ASSETS, "tag_key")
    from_row, values = staticmethod(mapping.asset_from_row), staticmethod(mapping.asset_values)

    def held_by(self, *holders: str) -> list[Asset]:
        """What a person holds, under any of their keys (member ID, or the name older records used)."""
        keys = sorted({h.lower() for h in holders})
        query = (
            select(ASSETS)
            .where(func.lower(ASSETS.c.holder).in_(keys))
            .order_by(ASSETS.c.due, ASSETS.c.tag_key)
        )
        return list(self._rows(query))

    def all(self) -> Iterator[Asset]:
        return self._rows(select(ASSETS).order_by(ASSETS.c.tag_key))

    def holders(self) -> set[str]:
        """Everyone who holds something, as recorded."""
        query = select(ASSETS.c.holder).where(ASSETS.c.holder.is_not(None)).distinct()
        return {row[0] for row in self.writer.execute(query)}

    def by_source_id(self, source_id: str) -> Asset | None:
        """The asset imported with this id (a Snipe-IT label's /hardware/<id>)."""
        return next(self._rows(select(ASSETS).where(ASSETS.c.source_id == source_id).limit(1)), None)

    def in_maintenance(self) -> list[Asset]:
        return list(
            self._rows(
                select(ASSETS)
                .where(ASSETS.c.status == AssetStatus.MAINTENANCE.value)
                .order_by(ASSETS.c.tag_key)
            )
        )

    def listing(
        self,
        *,
        available: bool = False,
        checked_out: bool = False,
        place: str | None = None,
        holder_keys: tuple[str, ...] = (),
        due_before: datetime | None = None,
        due_from: datetime | None = None,
        tags: tuple[str, ...] = (),
        limit: int = 25,
        offset: int = 0,
    ) -> tuple[list[Asset], int]:
        """Assets that pass every filter given (a page from `offset`, and how many in all)."""
        where = [ASSETS.c.status != AssetStatus.RETIRED.value]
        if available:
            where.append(ASSETS.c.status == AssetStatus.AVAILABLE.value)
        if checked_out:
            where.append(ASSETS.c.status == AssetStatus.CHECKED_OUT.value)
        if place:
            low = place.lower()
            where.append((func.lower(ASSETS.c.location) == low) | (func.lower(ASSETS.c.department) == low))
        if holder_keys:
            where.append(func.lower(ASSETS.c.holder).in_(sorted({h.lower() for h in holder_keys})))
        if due_before is not None:
            where += [ASSETS.c.status == AssetStatus.CHECKED_OUT.value, ASSETS.c.due <= due_before]
        if due_from is not None:
            where.append(ASSETS.c.due >= due_from)
        if tags:
            where.append(ASSETS.c.tag.in_(sorted(set(tags))))
        total = self.writer.execute(select(func.count()).select_from(ASSETS).where(*where)).scalar()
        page = (
            select(ASSETS).where(*where).order_by(ASSETS.c.due, ASSETS.c.tag_key).offset(offset).limit(limit)
        )
        rows = self._rows(page)
        return list(rows), total

    def overdue(self, now: datetime) -> list[Asset]:
        query = select(ASSETS).where(ASSETS.c.status == AssetStatus.CHECKED_OUT.value, ASSETS.c.due < now)
        return list(self._rows(query.order_by(ASSETS.c.due)))

    def places(self) -> dict[str, set[str]]:
        """Locations and departments in use (stock locations count too)."""
        found = {"location": set(), "department": set()}
        for column, kind in (
            (ASSETS.c.location, "location"),
            (ASSETS.c.department, "department"),
            (STOCK.c.location, "location"),
        ):
            found[kind].update(v for (v,) in self._execute(select(column).distinct()) if v)
        return found

    def catalog(self) -> list[tuple]:
        """Light rows for the resolver: (tag, name, model, manufacturer, category, aliases)."""
        c = ASSETS.c
        return [
            tuple(r)
            for r in self._execute(select(c.tag, c.name, c.model, c.manufacturer, c.category, c.aliases))
        ]


class StockRepository(_ItemRepository):
    table, key_column, statements = STOCK, "sku_key", _Statements(STOCK, "sku_key")
    from_row, values = staticmethod(mapping.stock_from_row), staticmethod(mapping.stock_values)

    def with_gtin(self, key: str | None) -> list[StockItem]:
        """Every item whose barcode, read either way, is this GTIN-14."""
        if not key:
            return []
        c = STOCK.c
        return list(
            self._rows(select(STOCK).where(or_(c.gtin == key, c.gtin_alt == key)).order_by(c.sku_key))
        )

    def all(self) -> list[StockItem]:
        return list(self._rows(select(STOCK).order_by(STOCK.c.sku_key)))

    def low(self) -> list[StockItem]:
        c = STOCK.c
        query = (
            select(STOCK)
            .where(c.reorder_point.is_not(None), c.on_hand <= c.reorder_point)
            .order_by(c.sku_key)
        )
        return list(self._rows(query))

    def catalog(self) -> list[tuple]:
        """Light rows for the resolver: (sku, name, barcode, aliases, unit, packs, lendable)."""
        c = STOCK.c
        columns = (c.sku, c.name, c.barcode, c.aliases, c.unit, c.packs, c.lendable)
        return [tuple(r) for r in self._execute(select(*columns))]


class LedgerRepository:
    _insert = insert(LEDGER).returning(LEDGER.c.id)

    def __init__(self, writer: Writer):
        self.writer = writer

    def add(self, entry: LedgerEntry) -> int:
        return self.writer.insert_with_pending(self._insert, mapping.entry_values(entry)).scalar_one()

    def actors(self) -> set[str]:
        """Everyone who has changed something, as recorded."""
        return {row[0] for row in self.writer.execute(select(LEDGER.c.actor).distinct())}

    def last_undoable(self, *actors: str) -> LedgerEntry | None:
        """The person's latest change that is not an undo and not yet undone."""
        undo = LEDGER.alias("undo")
        query = (
            select(LEDGER)
            .where(
                LEDGER.c.actor.in_(sorted(set(actors))),
                LEDGER.c.action.not_in([a.value for a in NOT_UNDOABLE]),
                ~select(undo.c.id).where(undo.c.reverses == LEDGER.c.id).exists(),
            )
            .order_by(LEDGER.c.id.desc())
            .limit(1)
        )
        row = self.writer.execute(query).mappings().first()
        return mapping.entry_from_row(row) if row else None

    def restore(self, entries: list[LedgerEntry]) -> None:
        """Put back a backed-up ledger verbatim, ids and all (empty database only)."""
        rows = [{**mapping.entry_values(e), "id": e.id} for e in entries]
        for start in range(0, len(rows), 1000):
            self.writer.execute(insert(LEDGER), rows[start : start + 1000])
        if self.writer.session.connection().dialect.name == "postgresql" and rows:
            self.writer.execute(
                text("SELECT setval(pg_get_serial_sequence('ledger', 'id'), (SELECT max(id) FROM ledger))")
            )

    def count(self) -> int:
        return self.writer.execute(select(func.count()).select_from(LEDGER)).scalar() or 0

    def get(self, entry_id: int) -> LedgerEntry | None:
        row = self.writer.execute(select(LEDGER).where(LEDGER.c.id == entry_id)).mappings().first()
        return mapping.entry_from_row(row) if row else None

    def catalog_stamp(self) -> int | None:
        """Changes whenever an entry that may alter names or aliases is added."""
        actions = [Action.CREATE.value, Action.EDIT.value, Action.UNDO.value]
        return self.writer.execute(select(func.max(LEDGER.c.id)).where(LEDGER.c.action.in_(actions))).scalar()

    def acted_on(self, *sources: str) -> bool:
        """Did any of these messages change something (its entries name it as their source)?"""
        query = select(LEDGER.c.id).where(LEDGER.c.source.in_(sorted(set(sources)))).limit(1)
        return self.writer.execute(query).first() is not None

    def is_reversed(self, entry_id: int) -> bool:
        return self.writer.execute(select(func.count()).where(LEDGER.c.reverses == entry_id)).scalar() > 0

    def of_item(self, item_type: str, key: str, limit: int = 10) -> list[LedgerEntry]:
        """An item's latest entries, newest first."""
        query = (
            select(LEDGER)
            .where(LEDGER.c.item_type == item_type, LEDGER.c.item_key == key)
            .order_by(LEDGER.c.at.desc(), LEDGER.c.id.desc())
            .limit(limit)
        )
        return [mapping.entry_from_row(row) for row in self.writer.execute(query).mappings()]

    def recent(self, *actors: str, limit: int = 10) -> list[LedgerEntry]:
        query = select(LEDGER).order_by(LEDGER.c.id.desc()).limit(limit)
        if actors:
            query = query.where(LEDGER.c.actor.in_(sorted(set(actors))))
        return [mapping.entry_from_row(row) for row in self.writer.execute(query).mappings()]

    def all(self) -> Iterator[LedgerEntry]:
        query = select(LEDGER).order_by(LEDGER.c.id).execution_options(yield_per=1000)
        for row in self.writer.execute(query).mappings():
            yield mapping.entry_from_row(row)


class AliasSuggestionRepository:
    table: Table = AliasSuggestionRow.__table__

    def __init__(self, writer: Writer):
        self.writer = writer

    def record(
        self, words: str, item_type: str, item_key: str, person: str, now: datetime
    ) -> AliasSuggestion:
        """Count one more pick of `item_key` for `words` (by `person`)."""
        t = self.table
        match = (t.c.words == words, t.c.item_type == item_type, t.c.item_key == item_key)
        row = self.writer.execute(select(t).where(*match).with_for_update()).mappings().first()
        if row is None:
            values = dict(
                words=words,
                item_type=item_type,
                item_key=item_key,
                suggested_by=person,
                times=1,
                status=SuggestionStatus.OPEN.value,
                last_at=now,
            )
            new_id = self.writer.execute(insert(t).values(values).returning(t.c.id)).scalar_one()
            return self.get(new_id)
        people = row["suggested_by"].split("|")
        if person not in people:
            people.append(person)
        self.writer.execute(
            update(t)
            .where(t.c.id == row["id"])
            .values(times=row["times"] + 1, suggested_by="|".join(people), last_at=now)
        )
        return self.get(row["id"])

    def get(self, suggestion_id: int) -> AliasSuggestion | None:
        row = (
            self.writer.execute(select(self.table).where(self.table.c.id == suggestion_id)).mappings().first()
        )
        return _suggestion(row) if row else None

    def open(self) -> list[AliasSuggestion]:
        t = self.table
        query = select(t).where(t.c.status == SuggestionStatus.OPEN.value).order_by(t.c.times.desc(), t.c.id)
        return [_suggestion(row) for row in self.writer.execute(query).mappings()]

    def close(self, suggestion_id: int, status: SuggestionStatus) -> None:
        self.writer.execute(
            update(self.table).where(self.table.c.id == suggestion_id).values(status=status.value)
        )


def _suggestion(row) -> AliasSuggestion:
    return AliasSuggestion(
        id=row["id"],
        words=row["words"],
        item_type=row["item_type"],
        item_key=row["item_key"],
        suggested_by=tuple(row["suggested_by"].split("|")),
        times=row["times"],
        status=SuggestionStatus(row["status"]),
    )
