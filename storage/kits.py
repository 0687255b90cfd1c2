"""Kits and their members."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from domain.kits import Kit, KitMember
from domain.values import tag_key
from storage.models import KitMemberRow, KitRow
from storage.repositories import Writer

KITS = KitRow.__table__
MEMBERS = KitMemberRow.__table__


class KitRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def get(self, code: str) -> Kit | None:
        row = self.writer.execute(select(KITS).where(KITS.c.code_key == tag_key(code))).mappings().first()
        return self._kit(row) if row else None

    def save(self, kit: Kit) -> str:
        """Add or replace a kit by its code: "created", "updated" or "unchanged"."""
        before = self.get(kit.code)
        if before == kit:
            return "unchanged"
        if before is None:
            kit_id = self.writer.execute(
                insert(KITS).values(code=kit.code, code_key=kit.key, name=kit.name).returning(KITS.c.id)
            ).scalar_one()
        else:
            kit_id = self.writer.execute(select(KITS.c.id).where(KITS.c.code_key == kit.key)).scalar_one()
            self.writer.execute(update(KITS).where(KITS.c.id == kit_id).values(code=kit.code, name=kit.name))
            self.writer.execute(delete(MEMBERS).where(MEMBERS.c.kit_id == kit_id))
        rows = [
            dict(kit_id=kit_id, position=n, item_key=m.key, quantity=m.quantity)
            for n, m in enumerate(kit.members)
        ]
        self.writer.execute(insert(MEMBERS), rows)
        return "created" if before is None else "updated"

    def all(self) -> list[Kit]:
        return [
            self._kit(row) for row in self.writer.execute(select(KITS).order_by(KITS.c.code_key)).mappings()
        ]

    def catalog(self) -> list[tuple[str, str]]:
        """Light rows for the resolver: (code, name)."""
        return [tuple(r) for r in self.writer.execute(select(KITS.c.code, KITS.c.name))]

    def _kit(self, row) -> Kit:
        members = self.writer.execute(
            select(MEMBERS.c.item_key, MEMBERS.c.quantity)
            .where(MEMBERS.c.kit_id == row["id"])
            .order_by(MEMBERS.c.position)
        )
        return Kit(row["code"], row["name"], tuple(KitMember(key, quantity) for key, quantity in members))
