"""Bookings: an asset held for someone over a time range to come. Plain rules
over plain values: what range may be booked, what stands in its way, and the
nearest range of the same length that nothing stands in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from domain.assets import Asset, AssetStatus
from domain.errors import DomainError

WORKDAY_START_HOUR, WORKDAY_END_HOUR = 9, 17  # a day booked without hours
PICKUP_EARLY = timedelta(
    hours=12
)  # the booker's check-out picks a booking up from this long before it starts


class BookingStatus(str, Enum):
    BOOKED = "booked"
    PICKED_UP = "picked_up"
    RETURNED = "returned"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


ACTIVE = (BookingStatus.BOOKED, BookingStatus.PICKED_UP)  # what still holds its range


@dataclass
class Booking:
    asset_tag: str
    holder: str  # whom it is for (a member ID, or a name on the console)
    start: datetime
    end: datetime
    booked_by: str
    created_at: datetime
    status: BookingStatus = BookingStatus.BOOKED
    reminded: bool = False
    id: int | None = None
    kit: str | None = None  # booked with the rest of this kit (its code)

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end

    def can_pick_up(self, now: datetime) -> bool:
        return self.status is BookingStatus.BOOKED and self.start - PICKUP_EARLY <= now < self.end

    def pick_up(self, now: datetime) -> None:
        if not self.can_pick_up(now):
            raise DomainError(
                f"Booking #{self.id} can't be picked up now (it runs {self.start:%Y-%m-%d %H:%M} on)."
            )
        self.status = BookingStatus.PICKED_UP

    def cancel(self) -> None:
        if self.status is not BookingStatus.BOOKED:
            raise DomainError(
                f"Booking #{self.id} is {self.status.value.replace('_', ' ')}, so it can't be cancelled."
            )
        self.status = BookingStatus.CANCELLED


class BadRange(DomainError):
    """A range that can't be booked: nothing is booked."""


def check_range(start: datetime, end: datetime, now: datetime, max_days: int) -> tuple[datetime, datetime]:
    """The range to book, or BadRange. A range already under way is booked from now."""
    if end <= start:
        raise BadRange(
            "That booking would end before it starts. Nothing was booked; say it again, e.g. “2-4pm”."
        )
    if end <= now:
        raise BadRange("That time is already past. Nothing was booked; pick a time to come.")
    if end - max(start, now) > timedelta(days=max_days):
        raise BadRange(
            f"A booking can be at most {max_days} days long. Nothing was booked; pick a shorter range."
        )
    return max(start, now.replace(second=0, microsecond=0)), end


@dataclass(frozen=True)
class Conflict:
    """What stands in a range's way: another booking, a loan running into it, or a repair."""

    kind: str  # "booking", "loan" or "maintenance"
    holder: str | None
    start: datetime | None
    end: datetime | None  # None: open-ended (a loan with no due time, a repair)
    booking_id: int | None = None


def conflicts(
    asset: Asset,
    bookings: list[Booking],
    start: datetime,
    end: datetime,
    now: datetime,
    ignore: int | None = None,
) -> list[Conflict]:
    """Everything that keeps `asset` from being free over [start, end): other
    bookings not yet picked up that overlap it; a loan (a picked-up booking is
    one, due at its end) whose due time runs past the start, and an overdue one
    or one with no due time always does; a repair."""
    found = [
        Conflict("booking", b.holder, b.start, b.end, b.id)
        for b in bookings
        if b.status is BookingStatus.BOOKED and b.id != ignore and b.overlaps(start, end)
    ]
    if asset.status is AssetStatus.CHECKED_OUT and (
        asset.due is None or asset.due <= now or asset.due > start
    ):
        found.append(Conflict("loan", asset.holder, None, asset.due))
    if asset.status in (AssetStatus.MAINTENANCE, AssetStatus.RETIRED):
        found.append(Conflict(asset.status.value, None, None, None))
    return found


def nearest_free(
    busy: list[tuple[datetime, datetime | None]], start: datetime, end: datetime
) -> tuple[datetime, datetime] | None:
    """The first range as long as [start, end) from `start` on that overlaps
    nothing in `busy` ((start, end) pairs; end None: never free again)."""
    length = end - start
    candidate = start
    for _ in range(len(busy) + 1):
        clash = [
            (s, e) for s, e in busy if (s is None or s < candidate + length) and (e is None or candidate < e)
        ]
        if not clash:
            return candidate, candidate + length
        if any(e is None for _, e in clash):
            return None
        candidate = max(e for _, e in clash)
    return None


def busy_ranges(found: list[Conflict], now: datetime) -> list[tuple[datetime, datetime | None]]:
    """The conflicts as (start, end) ranges; an overdue loan is busy until it is back (never known)."""
    ranges = []
    for c in found:
        if c.kind == "loan" and (c.end is None or c.end <= now):
            ranges.append((now, None))
        elif c.kind in ("maintenance", "retired"):
            ranges.append((now, None))
        else:
            ranges.append((c.start or now, c.end))
    return ranges


@dataclass(frozen=True)
class BookingRules:
    """QM_BOOKING_MAX_DAYS, QM_BOOKING_REMINDER_MINUTES, QM_BOOKING_GRACE_MINUTES."""

    max_days: int = 30
    reminder_minutes: int = 60
    grace_minutes: int = 60
