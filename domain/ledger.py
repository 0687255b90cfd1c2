"""The ledger: one append-only entry for every change, never edited or deleted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class Action(str, Enum):
    CHECK_OUT = "check_out"
    CHECK_IN = "check_in"
    CONSUME = "consume"
    RECEIVE = "receive"
    COUNT = "count"
    CREATE = "create"
    EDIT = "edit"
    UNDO = "undo"
    SEEN = "seen"  # an observation (audits): where and by whom, no field changes
    BOOK = "book"  # a booking made, moved (changes: start, end) or, by undo, cancelled
    CANCEL_BOOKING = "cancel_booking"
    NO_SHOW = "no_show"  # a booking nobody picked up, released
    LEND = "lend"  # lendable stock off the shelf to someone (changes: holder, loan, due)
    GIVE_BACK = "give_back"  # back on the shelf from a loan; lost or damaged units off the loan only
    SERVICE = "service"  # an asset serviced (changes: last_service)


# Undo reverses a change; these are none (a released booking is booked again anew).
NOT_UNDOABLE = (Action.UNDO, Action.CREATE, Action.SEEN, Action.NO_SHOW)
BOOKING_ACTIONS = (Action.BOOK, Action.CANCEL_BOOKING)  # undone on the booking, not the asset
LOAN_ACTIONS = (Action.LEND, Action.GIVE_BACK)  # undone on the loan as well as the shelf


class ItemType(str, Enum):
    ASSET = "asset"
    STOCK = "stock"
    KIT = "kit"  # a named bundle of assets and stock (domain.kits)


@dataclass(frozen=True)
class LedgerEntry:
    """Who did what to which item, when, and from which message.

    `quantity` is the signed change in base units (stock only) and `balance` the
    quantity on hand after it; `changes` maps each changed field to its text
    before and after, which is what undo and audits read."""

    action: Action
    item_type: ItemType
    item_key: str
    actor: str
    at: datetime
    quantity: int | None = None
    balance: int | None = None
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    note: str | None = None
    source: str | None = None
    reverses: int | None = None
    id: int | None = None

    @property
    def is_undoable(self) -> bool:
        return self.action not in NOT_UNDOABLE

    def describe(self) -> str:
        verb = self.action.value.replace("_", " ")
        if self.quantity is not None:
            return f"{verb} {abs(self.quantity)} of {self.item_key}"
        return f"{verb} {self.item_key}"
