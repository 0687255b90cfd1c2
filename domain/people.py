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
    name: str
    role: Role = Role.EMPLOYEE

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER

    def require_manager(self, action: str) -> None:
        """Catalog edits and reorder settings are for managers only."""
        if not self.is_manager:
            raise PermissionDenied(self.name, action)
