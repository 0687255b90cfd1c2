"""What a person asked for, as the language layer understood it, before the
item reference is resolved against the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class Intent(str, Enum):
    CHECK_OUT = "check_out"
    CHECK_IN = "check_in"
    EXTEND = "extend"
    MOVE = "move"
    MAINTENANCE = "maintenance"  # send an asset to be repaired
    REPAIRED = "repaired"  # back from maintenance
    IN_MAINTENANCE = "in_maintenance"  # what is being repaired
    SEEN = "seen"  # an asset seen somewhere (audits)
    AUDIT_START = "audit_start"
    AUDIT_CLOSE = "audit_close"
    AUDITS_DUE = "audits_due"
    TAKE = "take"  # check out an asset or consume stock, whichever the item is
    CONSUME = "consume"
    RECEIVE = "receive"
    COUNT = "count"
    WHO_HAS = "who_has"
    WHERE_IS = "where_is"
    HOW_MANY = "how_many"
    IS_AVAILABLE = "is_available"
    INFO = "info"
    WORTH = "worth"
    MY_ITEMS = "my_items"
    LOW_STOCK = "low_stock"
    UNDO = "undo"
    HELP = "help"
    SET_REORDER = "set_reorder"
    EDIT = "edit"
    RETIRE = "retire"
    ADD_ASSET = "add_asset"
    ADD_STOCK = "add_stock"
    ALIAS_SUGGESTIONS = "alias_suggestions"
    EXPORT = "export"
    REGISTER = "register"
    LABELS = "labels"
    ACCEPT_ALIAS = "accept_alias"
    DISMISS_ALIAS = "dismiss_alias"
    UNKNOWN = "unknown"


CHANGES = frozenset(
    {
        Intent.CHECK_OUT,
        Intent.CHECK_IN,
        Intent.EXTEND,
        Intent.MOVE,
        Intent.MAINTENANCE,
        Intent.REPAIRED,
        Intent.SEEN,
        Intent.AUDIT_START,
        Intent.AUDIT_CLOSE,
        Intent.TAKE,
        Intent.CONSUME,
        Intent.RECEIVE,
        Intent.COUNT,
        Intent.SET_REORDER,
        Intent.EDIT,
        Intent.RETIRE,
        Intent.ADD_ASSET,
        Intent.ADD_STOCK,
        Intent.UNDO,
        Intent.ACCEPT_ALIAS,
        Intent.DISMISS_ALIAS,
    }
)


@dataclass(frozen=True)
class Command:
    intent: Intent
    ref: str | None = None  # the item as the person named it
    count: int | None = None  # how many, in packs when `pack` is set
    pack: str | None = None
    person: str | None = None  # "for @bob": on whose behalf
    due: datetime | None = None
    field: str | None = None  # catalog edits: which field, and its new text
    value: str | None = None
    note: str | None = None

    @property
    def is_change(self) -> bool:
        return self.intent in CHANGES
