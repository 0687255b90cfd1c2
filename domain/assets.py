"""Assets: unique, tagged items that people hold for a while and bring back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from dateutil.relativedelta import relativedelta

from domain import depreciation
from domain.catalog_fields import FieldSpec
from domain.errors import AssetUnavailable, InvalidValue, NotCheckedOut
from domain.fields import (
    parse_aliases,
    parse_choice,
    parse_count,
    parse_date,
    parse_due,
    parse_long_text,
    parse_money,
    parse_text,
)
from domain.values import tag_key

NEVER_SERVICED = date(1970, 1, 1)  # a service interval with no service or purchase date known


class AssetStatus(str, Enum):
    AVAILABLE = "available"
    CHECKED_OUT = "checked_out"
    MAINTENANCE = "maintenance"
    RETIRED = "retired"


@dataclass
class Asset:
    tag: str
    name: str
    category: str | None = None
    manufacturer: str | None = None
    model: str | None = None
    serial: str | None = None
    cost: Decimal | None = None
    purchase_date: date | None = None
    useful_life_years: int | None = None
    salvage_value: Decimal | None = None
    depreciation_method: depreciation.Method = depreciation.Method.STRAIGHT_LINE
    condition: str | None = None
    location: str | None = None
    department: str | None = None
    status: AssetStatus = AssetStatus.AVAILABLE
    holder: str | None = None
    due: datetime | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    source_id: str | None = None  # its id in the system it was imported from (Snipe-IT's ID)
    warranty_until: date | None = None
    service_interval_months: int | None = None
    last_service: date | None = None

    @property
    def key(self) -> str:
        return tag_key(self.tag)

    @property
    def is_available(self) -> bool:
        return self.status is AssetStatus.AVAILABLE

    def check_out(self, holder: str, due: datetime | None, now: datetime) -> None:
        if self.status is not AssetStatus.AVAILABLE:
            raise AssetUnavailable(
                self.tag, self.status.value, self.holder, self.due.date().isoformat() if self.due else None
            )
        if due is not None and due <= now:
            raise InvalidValue(f"The return time {due:%Y-%m-%d %H:%M} is already past; pick a later one.")
        self.status, self.holder, self.due = AssetStatus.CHECKED_OUT, holder, due

    def extend(self, until: datetime, now: datetime) -> None:
        """Move the due time later; only while the asset is out."""
        if self.status is not AssetStatus.CHECKED_OUT:
            raise NotCheckedOut(self.tag, self.status.value)
        if until <= now or (self.due is not None and until <= self.due):
            raise InvalidValue(
                f"The new return time must be later than {'now' if self.due is None else 'the current one'}."
            )
        self.due = until

    def send_to_maintenance(self) -> None:
        if self.status is AssetStatus.MAINTENANCE:
            raise InvalidValue(f"{self.tag} is already in maintenance.")
        if self.status is not AssetStatus.AVAILABLE:
            raise AssetUnavailable(self.tag, self.status.value, self.holder)
        self.status = AssetStatus.MAINTENANCE

    def back_from_maintenance(self) -> None:
        if self.status is not AssetStatus.MAINTENANCE:
            raise InvalidValue(
                f"{self.tag} isn't in maintenance (it is {self.status.value.replace('_', ' ')})."
            )
        self.status = AssetStatus.AVAILABLE

    def check_in(self) -> None:
        if self.status is not AssetStatus.CHECKED_OUT:
            raise NotCheckedOut(self.tag, self.status.value)
        self.status, self.holder, self.due = AssetStatus.AVAILABLE, None, None

    def next_service(self) -> date | None:
        """When a service falls due: an interval after the last one, or after the purchase
        (with neither known, it is due already: nobody recorded one)."""
        if not self.service_interval_months:
            return None
        since = self.last_service or self.purchase_date or NEVER_SERVICED
        return since + relativedelta(months=self.service_interval_months)

    def record_service(self, on: date) -> None:
        if self.status is AssetStatus.RETIRED:
            raise InvalidValue(f"{self.tag} is retired, so it is not serviced any more.")
        if self.last_service is not None and on < self.last_service:
            raise InvalidValue(f"{self.tag} was already serviced later, on {self.last_service:%Y-%m-%d}.")
        self.last_service = on

    def is_overdue(self, now: datetime) -> bool:
        return self.status is AssetStatus.CHECKED_OUT and self.due is not None and self.due < now

    def book_value(self, at: date) -> Decimal | None:
        if self.cost is None:
            return None
        return depreciation.book_value(
            self.cost,
            self.purchase_date,
            self.useful_life_years,
            self.salvage_value,
            at,
            self.depreciation_method,
        )

    def validate(self) -> None:
        """Cross-field rules a catalog edit or import must respect."""
        if not tag_key(self.tag):
            raise InvalidValue("asset_tag can't be empty")
        if self.status is AssetStatus.CHECKED_OUT and not self.holder:
            raise InvalidValue("holder: a checked-out asset needs a holder")
        if self.status is not AssetStatus.CHECKED_OUT and (self.holder or self.due):
            raise InvalidValue("status: only a checked-out asset can have a holder or a due date")
        if self.salvage_value is not None and self.cost is not None and self.salvage_value > self.cost:
            raise InvalidValue("salvage_value: it can't be more than the cost")


ASSET_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("asset_tag", "tag", parse_text, required=True),
        FieldSpec("name", "name", parse_long_text, required=True),
        FieldSpec("category", "category", parse_text),
        FieldSpec("manufacturer", "manufacturer", parse_text),
        FieldSpec("model", "model", parse_text),
        FieldSpec("serial", "serial", parse_text),
        FieldSpec("cost", "cost", lambda t, tz: parse_money(t)),
        FieldSpec("purchase_date", "purchase_date", lambda t, tz: parse_date(t)),
        FieldSpec("useful_life_years", "useful_life_years", lambda t, tz: parse_count(t, limit=100) or None),
        FieldSpec("salvage_value", "salvage_value", lambda t, tz: parse_money(t)),
        FieldSpec("condition", "condition", parse_long_text),
        FieldSpec("location", "location", parse_text),
        FieldSpec("department", "department", parse_text),
        FieldSpec(
            "status", "status", lambda t, tz: parse_choice(t, AssetStatus), empty=AssetStatus.AVAILABLE
        ),
        FieldSpec("holder", "holder", parse_text),
        FieldSpec("due", "due", parse_due),
        FieldSpec("aliases", "aliases", lambda t, tz: parse_aliases(t), empty=()),
        FieldSpec("source_id", "source_id", parse_text),
        FieldSpec("warranty_until", "warranty_until", lambda t, tz: parse_date(t)),
        FieldSpec(
            "service_interval_months",
            "service_interval_months",
            lambda t, tz: parse_count(t, limit=240) or None,
        ),
        FieldSpec("last_service", "last_service", lambda t, tz: parse_date(t)),
        FieldSpec(
            "depreciation",
            "depreciation_method",
            lambda t, tz: parse_choice(t, depreciation.Method),
            empty=depreciation.Method.STRAIGHT_LINE,
        ),
    )
}
