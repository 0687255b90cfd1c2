"""Assets by their warranty end and their next service: indexed date ranges,
a page at a time, with how many there are in all."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from domain.assets import Asset, AssetStatus
from storage import mapping
from storage.models import AssetRow
from storage.repositories import Writer

ASSETS = AssetRow.__table__
IN_USE = ASSETS.c.status != AssetStatus.RETIRED.value


class AssetDateRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def warranty_between(
        self, first: date, last: date | None, limit: int, offset: int = 0
    ) -> tuple[list[Asset], int]:
        """Assets whose warranty ends from `first` to `last` (no `last`: any time after)."""
        column = ASSETS.c.warranty_until
        where = [IN_USE, column >= first] + ([column <= last] if last else [])
        return self._page(where, column, limit, offset)

    def service_due_by(self, last: date, limit: int, offset: int = 0) -> tuple[list[Asset], int]:
        column = ASSETS.c.service_due
        return self._page([IN_USE, column <= last], column, limit, offset)

    def _page(self, where: list, order, limit: int, offset: int) -> tuple[list[Asset], int]:
        total = self.writer.execute(select(func.count()).select_from(ASSETS).where(*where)).scalar()
        query = select(ASSETS).where(*where).order_by(order, ASSETS.c.tag_key).offset(offset).limit(limit)
        return [mapping.asset_from_row(row) for row in self.writer.execute(query).mappings()], total
