"""Alias suggestions: what people called an item before picking it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class SuggestionStatus(str, Enum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class AliasSuggestion:
    id: int
    words: str
    item_type: str
    item_key: str
    suggested_by: tuple[str, ...]
    times: int
    status: SuggestionStatus

    def describe(self) -> str:
        people = ", ".join(self.suggested_by)
        return f"#{self.id} “{self.words}” → {self.item_key} (picked {self.times}× by {people})"
