"""People and what their role lets them do."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from domain.errors import PermissionDenied


class Role(str, Enum):
    EMPLOYEE = "employee"
    MANAGER = "manager"


@dataclass(frozen=True)
class Person:
    """`name` is what people are called in answers; `id` is who they are
    (their Slack member ID) where the transport has one. Holders and the
    ledger record the `key`, so a new display name changes nothing."""

    name: str
    role: Role = Role.EMPLOYEE
    id: str | None = None

    @property
    def key(self) -> str:
        return self.id or self.name

    def is_(self, key: str | None) -> bool:
        """Is `key` (a holder, a ledger actor) this person, by id or by the name older records used?"""
        return bool(key) and key.lower() in {self.key.lower(), self.name.lower()}

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER

    def require_manager(self, action: str) -> None:
        """Catalog edits and reorder settings are for managers only."""
        if not self.is_manager:
            raise PermissionDenied(self.name, action)
