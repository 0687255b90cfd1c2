"""Alerts as domain facts: what is low and what is due or late, at a moment.
Delivery (Slack, console) and the record of what was sent live elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from domain.values import Packs, describe_quantity

WORKDAY_START, WORKDAY_END = time(9, 0), time(17, 0)
SNOOZE = timedelta(days=7)
USAGE_WINDOW_DAYS = 30


@dataclass(frozen=True)
class LowStock:
    sku: str
    name: str
    unit: str
    packs: Packs
    on_hand: int
    reorder_point: int
    reorder_qty: int | None
    supplier: str | None
    used_last_30_days: int

    @property
    def days_left(self) -> float | None:
        """At the last 30 days' pace; None when nothing was used."""
        if self.used_last_30_days <= 0:
            return None
        return self.on_hand / (self.used_last_30_days / USAGE_WINDOW_DAYS)

    def forecast(self) -> str:
        days = self.days_left
        if days is None:
            return "no use in the last 30 days"
        if days < 1:
            return "runs out within a day"
        return f"runs out in about {round(days)} day{'s' if round(days) != 1 else ''}"

    def suggested_order(self) -> str:
        if not self.reorder_qty:
            return "no reorder quantity set"
        return describe_quantity(self.reorder_qty, self.unit, self.packs)

    def line(self) -> str:
        supplier = f" from {self.supplier}" if self.supplier else ""
        return (
            f"{self.name} ({self.sku}): {describe_quantity(self.on_hand, self.unit, self.packs)} on hand, "
            f"reorder point {self.reorder_point}; order {self.suggested_order()}{supplier}; {self.forecast()}"
        )


@dataclass(frozen=True)
class DueNotice:
    """A reminder for the holder: due the next working day, or overdue."""

    kind: str  # "due_soon" | "overdue"
    tag: str
    name: str
    holder: str  # who holds it, by key (a Slack member ID, or a name)
    due: datetime
    holder_name: str | None = None  # how people know the holder, when the key is an ID
    quantity: int | None = None  # a loan of lendable stock: how many (`tag` is its SKU, `name` says how many)

    @property
    def who(self) -> str:
        return self.holder_name or self.holder

    def key(self, today: date) -> str:
        """What makes a notice the same notice: due-soon once per due time,
        overdue once per local day (a loan's, per holder: many people borrow one SKU)."""
        item = f"{self.tag}:{self.holder}" if self.quantity is not None else self.tag
        base = f"{self.kind}:{item}:{self.due.isoformat()}"
        return base if self.kind == "due_soon" else f"{base}:{today.isoformat()}"


def is_working_time(moment: datetime, tz: tzinfo) -> bool:
    local = moment.astimezone(tz)
    return local.weekday() < 5 and WORKDAY_START <= local.time() < WORKDAY_END


def previous_working_day(day: date) -> date:
    day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def due_soon_window(now: datetime, tz: tzinfo) -> tuple[datetime, datetime] | None:
    """Dues to remind of today: those whose previous working day is today,
    i.e. due from tomorrow (or Monday, on a Friday) up to the next working day's end."""
    today = now.astimezone(tz).date()
    if today.weekday() >= 5:
        return None
    start = today + timedelta(days=1)
    end = start
    while previous_working_day(end + timedelta(days=1)) == today:
        end += timedelta(days=1)
    return datetime.combine(start, time.min, tz), datetime.combine(end + timedelta(days=1), time.min, tz)
