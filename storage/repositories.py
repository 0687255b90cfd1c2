"""Repositories: load and save domain objects inside a unit of work's session.
They never commit; the unit of work does, when told."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from domain.assets import Asset, AssetStatus
from domain.ledger import Action, LedgerEntry
from domain.stock import StockItem
from domain.values import tag_key
from storage import mapping
from storage.models import AssetRow, LedgerRow, StockRow


class AssetRepository:
    def __init__(self, session: Session):
        self.session = session
        self._rows: dict[str, AssetRow] = {}

    def get(self, tag: str, lock: bool = False) -> Asset | None:
        """`lock` takes a row lock (PostgreSQL) so the read-modify-write that
        follows cannot interleave with another writer's."""
        query = select(AssetRow).where(AssetRow.tag_key == tag_key(tag))
        row = self.session.scalars(query.with_for_update() if lock else query).one_or_none()
        return self._track(row)

    def _track(self, row: AssetRow | None) -> Asset | None:
        if row is None:
            return None
        self._rows[row.tag_key] = row
        return mapping.asset_from_row(row)

    def add(self, asset: Asset) -> None:
        row = mapping.asset_to_row(asset, AssetRow())
        self.session.add(row)
        self._rows[row.tag_key] = row

    def save(self, asset: Asset) -> None:
        row = self._rows.get(asset.key)
        if row is None:
            raise KeyError(f"{asset.tag} was not loaded in this unit of work")
        mapping.asset_to_row(asset, row)
        self.session.flush()

    def held_by(self, holder: str) -> list[Asset]:
        query = select(AssetRow).where(func.lower(AssetRow.holder) == holder.lower()).order_by(AssetRow.due, AssetRow.tag_key)
        return [mapping.asset_from_row(row) for row in self.session.scalars(query)]

    def all(self) -> Iterator[Asset]:
        for row in self.session.scalars(select(AssetRow).order_by(AssetRow.tag_key).execution_options(yield_per=1000)):
            yield mapping.asset_from_row(row)

    def overdue(self, now: datetime) -> list[Asset]:
        query = select(AssetRow).where(AssetRow.status == AssetStatus.CHECKED_OUT.value, AssetRow.due < now).order_by(AssetRow.due)
        return [mapping.asset_from_row(row) for row in self.session.scalars(query)]

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(AssetRow)) or 0

    def catalog(self) -> list[tuple]:
        """Light rows for the resolver: (tag, name, model, manufacturer, category, aliases, status)."""
        return list(
            self.session.execute(
                select(AssetRow.tag, AssetRow.name, AssetRow.model, AssetRow.manufacturer, AssetRow.category, AssetRow.aliases, AssetRow.status)
            )
        )


class StockRepository:
    def __init__(self, session: Session):
        self.session = session
        self._rows: dict[str, StockRow] = {}

    def get(self, sku: str, lock: bool = False) -> StockItem | None:
        query = select(StockRow).where(StockRow.sku_key == tag_key(sku))
        row = self.session.scalars(query.with_for_update() if lock else query).one_or_none()
        if row is None:
            return None
        self._rows[row.sku_key] = row
        return mapping.stock_from_row(row)

    def add(self, item: StockItem) -> None:
        row = mapping.stock_to_row(item, StockRow())
        self.session.add(row)
        self._rows[row.sku_key] = row

    def save(self, item: StockItem) -> None:
        row = self._rows.get(item.key)
        if row is None:
            raise KeyError(f"{item.sku} was not loaded in this unit of work")
        mapping.stock_to_row(item, row)
        self.session.flush()

    def all(self) -> list[StockItem]:
        return [mapping.stock_from_row(row) for row in self.session.scalars(select(StockRow).order_by(StockRow.sku_key))]

    def low(self) -> list[StockItem]:
        query = select(StockRow).where(StockRow.reorder_point.is_not(None), StockRow.on_hand <= StockRow.reorder_point)
        return [mapping.stock_from_row(row) for row in self.session.scalars(query.order_by(StockRow.sku_key))]

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(StockRow)) or 0

    def catalog(self) -> list[tuple]:
        """Light rows for the resolver: (sku, name, barcode, supplier, aliases, unit)."""
        return list(
            self.session.execute(select(StockRow.sku, StockRow.name, StockRow.barcode, StockRow.supplier, StockRow.aliases, StockRow.unit))
        )


class LedgerRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, entry: LedgerEntry) -> int:
        row = mapping.entry_to_row(entry)
        self.session.add(row)
        self.session.flush()
        return row.id

    def last_undoable(self, actor: str) -> LedgerEntry | None:
        """The person's latest change that is not an undo and not yet undone."""
        undo = aliased(LedgerRow)
        query = (
            select(LedgerRow)
            .where(
                LedgerRow.actor == actor,
                LedgerRow.action.not_in([Action.UNDO.value, Action.CREATE.value]),
                ~select(undo.id).where(undo.reverses == LedgerRow.id).exists(),
            )
            .order_by(LedgerRow.id.desc())
            .limit(1)
        )
        row = self.session.scalars(query).first()
        return mapping.entry_from_row(row) if row else None

    def catalog_stamp(self) -> int | None:
        """Changes whenever an entry that may alter names or aliases is added."""
        actions = [Action.CREATE.value, Action.EDIT.value, Action.UNDO.value]
        return self.session.scalar(select(func.max(LedgerRow.id)).where(LedgerRow.action.in_(actions)))

    def is_reversed(self, entry_id: int) -> bool:
        return self.session.scalar(select(func.count()).where(LedgerRow.reverses == entry_id)) > 0

    def recent(self, actor: str | None = None, limit: int = 10) -> list[LedgerEntry]:
        query = select(LedgerRow).order_by(LedgerRow.id.desc()).limit(limit)
        if actor is not None:
            query = query.where(LedgerRow.actor == actor)
        return [mapping.entry_from_row(row) for row in self.session.scalars(query)]

    def all(self) -> Iterator[LedgerEntry]:
        for row in self.session.scalars(select(LedgerRow).order_by(LedgerRow.id).execution_options(yield_per=1000)):
            yield mapping.entry_from_row(row)
