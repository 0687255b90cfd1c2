"""Bookings, loaded and saved inside a unit of work. Ranges are compared in the
database on (asset, start) so one item's availability is an index range, however
many bookings there are."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Iterator

from sqlalchemy import and_, bindparam, exists, func, insert, or_, select, text, update

from domain.assets import Asset, AssetStatus
from domain.bookings import ACTIVE, Booking, BookingStatus
from domain.errors import DomainError
from domain.values import tag_key
from storage import mapping
from storage.models import AssetRow, BookingRow
from storage.repositories import Writer

BOOKINGS = BookingRow.__table__
ASSETS = AssetRow.__table__
_ACTIVE = [s.value for s in ACTIVE]
_WITH_TAG = select(BOOKINGS, ASSETS.c.tag).join(ASSETS, ASSETS.c.id == BOOKINGS.c.asset_id)
# a booking not yet picked up, as the conflict rules read it: id, holder, range, who booked it, when
_BOOKED = (
    BOOKINGS.c.id,
    BOOKINGS.c.holder,
    BOOKINGS.c.start_at,
    BOOKINGS.c.end_at,
    BOOKINGS.c.booked_by,
    BOOKINGS.c.created_at,
)
_AVAILABILITY = (
    select(
        ASSETS.c.tag,
        ASSETS.c.name,
        ASSETS.c.model,
        ASSETS.c.status,
        ASSETS.c.holder,
        ASSETS.c.due,
        *_BOOKED,
    )
    .select_from(
        ASSETS.outerjoin(
            BOOKINGS,
            and_(
                BOOKINGS.c.asset_id == ASSETS.c.id,
                BOOKINGS.c.start_at < bindparam("end"),
                BOOKINGS.c.end_at > bindparam("start"),
                BOOKINGS.c.status == BookingStatus.BOOKED.value,
            ),
        )
    )
    .where(ASSETS.c.tag_key == bindparam("key"))
    .order_by(BOOKINGS.c.start_at)
)
_OF_ASSET = (
    select(*_BOOKED, BOOKINGS.c.reminded_at)
    .where(
        BOOKINGS.c.asset_id
        == select(ASSETS.c.id).where(ASSETS.c.tag_key == bindparam("key")).scalar_subquery(),
        BOOKINGS.c.start_at < bindparam("end"),
        BOOKINGS.c.end_at > bindparam("start"),
        BOOKINGS.c.status == BookingStatus.BOOKED.value,
    )
    .order_by(BOOKINGS.c.start_at)
)


class BookingChanged(DomainError):
    """A booking changed between reading it and writing it: the write is refused."""


def _booking(row: Any) -> Booking:
    return Booking(
        asset_tag=row["tag"],
        holder=row["holder"],
        start=row["start_at"],
        end=row["end_at"],
        booked_by=row["booked_by"],
        created_at=row["created_at"],
        status=BookingStatus(row["status"]),
        reminded=row["reminded_at"] is not None,
        id=row["id"],
        kit=row["kit"],
    )


class BookingRepository:
    def __init__(self, writer: Writer):
        self.writer = writer

    def _list(self, query) -> list[Booking]:
        return [_booking(row) for row in self.writer.execute(query).mappings()]

    def add(self, booking: Booking) -> int:
        asset_id = select(ASSETS.c.id).where(ASSETS.c.tag_key == tag_key(booking.asset_tag)).scalar_subquery()
        values = dict(
            asset_id=asset_id,
            holder=booking.holder,
            start_at=booking.start,
            end_at=booking.end,
            status=booking.status.value,
            booked_by=booking.booked_by,
            created_at=booking.created_at,
            kit=booking.kit,
        )
        booking.id = self.writer.execute(
            insert(BOOKINGS).values(values).returning(BOOKINGS.c.id)
        ).scalar_one()
        return booking.id

    def save(self, booking: Booking, was: BookingStatus) -> None:
        """Write a booking's status and range, if its status is still `was` (read under
        the asset's lock, it is; anything else is a race lost, refused, never overwritten).
        A booking that no longer says it was reminded is reminded again (it moved)."""
        values = dict(status=booking.status.value, start_at=booking.start, end_at=booking.end)
        if not booking.reminded:
            values["reminded_at"] = None
        done = self.writer.execute(
            update(BOOKINGS).where(BOOKINGS.c.id == booking.id, BOOKINGS.c.status == was.value).values(values)
        )
        if done.rowcount != 1:
            raise BookingChanged(
                f"Booking {booking.id} was just changed by someone else. Nothing was changed."
            )

    def mark_reminded(self, booking_id: int, at: datetime) -> bool:
        """True for the one caller that marks it (a reminder is sent once)."""
        done = self.writer.execute(
            update(BOOKINGS)
            .where(BOOKINGS.c.id == booking_id, BOOKINGS.c.reminded_at.is_(None))
            .values(reminded_at=at)
        )
        return done.rowcount == 1

    def get(self, booking_id: int) -> Booking | None:
        found = self._list(_WITH_TAG.where(BOOKINGS.c.id == booking_id))
        return found[0] if found else None

    def of_asset(self, tag: str, start: datetime, end: datetime) -> list[Booking]:
        """Bookings of one asset not yet picked up that overlap [start, end), soonest
        first (a picked-up one is a loan: the asset's due time stands for it). One
        index range of (asset, start); rows made into bookings without a mapping."""
        rows = self.writer.execute(_OF_ASSET, {"key": tag_key(tag), "start": start, "end": end})
        return [
            Booking(
                tag, holder, begins, ends, by, made, BookingStatus.BOOKED, reminded is not None, booking_id
            )
            for booking_id, holder, begins, ends, by, made, reminded in rows
        ]

    def availability(self, tag: str, start: datetime, end: datetime) -> tuple[Asset | None, list[Booking]]:
        """The asset (what conflicts read of it) and its bookings not yet picked up that
        overlap [start, end), in one statement: a question's read, with no lock."""
        rows = self.writer.execute(_AVAILABILITY, {"key": tag_key(tag), "start": start, "end": end}).all()
        if not rows:
            return None, []
        first = rows[0]
        asset = Asset(
            first[0], first[1], model=first[2], status=AssetStatus(first[3]), holder=first[4], due=first[5]
        )
        return asset, [Booking(asset.tag, *r[7:11], r[11], id=r[6]) for r in rows if r[6] is not None]

    def of_holders(self, holders: tuple[str, ...], since: datetime) -> list[Booking]:
        """A person's bookings still to come or under way (under any of their keys)."""
        keys = sorted({h.lower() for h in holders})
        query = _WITH_TAG.where(
            func.lower(BOOKINGS.c.holder).in_(keys), BOOKINGS.c.status.in_(_ACTIVE), BOOKINGS.c.end_at > since
        ).order_by(BOOKINGS.c.start_at)
        return self._list(query)

    def between(self, start: datetime, end: datetime, limit: int = 200) -> list[Booking]:
        """Active bookings overlapping [start, end), soonest first."""
        query = (
            _WITH_TAG.where(
                BOOKINGS.c.status.in_(_ACTIVE), BOOKINGS.c.start_at < end, BOOKINGS.c.end_at > start
            )
            .order_by(BOOKINGS.c.start_at, ASSETS.c.tag_key)
            .limit(limit)
        )
        return self._list(query)

    def to_remind(self, now: datetime, before: timedelta) -> list[Booking]:
        """Bookings starting within `before` whose booker has not been reminded."""
        query = _WITH_TAG.where(
            BOOKINGS.c.status == BookingStatus.BOOKED.value,
            BOOKINGS.c.start_at > now,
            BOOKINGS.c.start_at <= now + before,
            BOOKINGS.c.reminded_at.is_(None),
        )
        return self._list(query.order_by(BOOKINGS.c.start_at))

    def not_picked_up(self, now: datetime, grace: timedelta) -> list[Booking]:
        """Bookings whose start passed more than `grace` ago and nobody picked up."""
        query = _WITH_TAG.where(
            BOOKINGS.c.status == BookingStatus.BOOKED.value, BOOKINGS.c.start_at <= now - grace
        )
        return self._list(query.order_by(BOOKINGS.c.start_at))

    def picked_up(self, tag: str) -> list[Booking]:
        query = _WITH_TAG.where(
            ASSETS.c.tag_key == tag_key(tag), BOOKINGS.c.status == BookingStatus.PICKED_UP.value
        )
        return self._list(query)

    def restore(self, bookings: list[Booking]) -> None:
        """Put back backed-up bookings verbatim, ids and all (empty database only)."""
        ids = dict(self.writer.execute(select(ASSETS.c.tag_key, ASSETS.c.id)).all())
        rows = []
        for b in bookings:
            if tag_key(b.asset_tag) not in ids:
                raise ValueError(f"booking {b.id} is of {b.asset_tag}, which the backup's assets lack")
            rows.append(
                dict(
                    id=b.id,
                    asset_id=ids[tag_key(b.asset_tag)],
                    holder=b.holder,
                    start_at=b.start,
                    end_at=b.end,
                    status=b.status.value,
                    booked_by=b.booked_by,
                    created_at=b.created_at,
                    kit=b.kit,
                )
            )
        for start in range(0, len(rows), 1000):
            self.writer.execute(insert(BOOKINGS), rows[start : start + 1000])
        if self.writer.session.connection().dialect.name == "postgresql" and rows:
            self.writer.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('bookings', 'id'), (SELECT max(id) FROM bookings))"
                )
            )

    def for_feed(
        self,
        since: datetime,
        holders: tuple[str, ...] = (),
        tag: str | None = None,
        category: str | None = None,
    ) -> list[Booking]:
        """Bookings still booked or picked up that end after `since`: a person's, an asset's or a category's."""
        query = _WITH_TAG.where(BOOKINGS.c.status.in_(_ACTIVE), BOOKINGS.c.end_at > since)
        if holders:
            query = query.where(func.lower(BOOKINGS.c.holder).in_(sorted({h.lower() for h in holders})))
        if tag is not None:
            query = query.where(ASSETS.c.tag_key == tag_key(tag))
        if category is not None:
            query = query.where(func.lower(ASSETS.c.category) == category.lower())
        return self._list(query.order_by(BOOKINGS.c.start_at).limit(2000))

    def out_in_category(self, category: str) -> list[Asset]:
        query = select(ASSETS).where(
            func.lower(ASSETS.c.category) == category.lower(),
            ASSETS.c.status == AssetStatus.CHECKED_OUT.value,
        )
        return [mapping.asset_from_row(r) for r in self.writer.execute(query.limit(2000)).mappings()]

    def categories(self) -> set[str]:
        query = select(ASSETS.c.category).where(ASSETS.c.category.is_not(None)).distinct()
        return {row[0] for row in self.writer.execute(query)}

    def holders(self) -> set[str]:
        return {row[0] for row in self.writer.execute(select(BOOKINGS.c.holder).distinct())}

    def all(self) -> Iterator[Booking]:
        query = _WITH_TAG.order_by(BOOKINGS.c.id).execution_options(yield_per=1000)
        for row in self.writer.execute(query).mappings():
            yield _booking(row)

    def free_assets(
        self,
        start: datetime,
        end: datetime,
        now: datetime,
        tags: tuple[str, ...] = (),
        model: str | None = None,
        limit: int = 25,
        offset: int = 0,
        place: str | None = None,
    ) -> tuple[list[str], int]:
        """Tags of assets nothing stands in the way of over [start, end) (the
        rules of domain.bookings.conflicts, in SQL), a page and the count."""
        booked = exists().where(
            BOOKINGS.c.asset_id == ASSETS.c.id,
            BOOKINGS.c.status == BookingStatus.BOOKED.value,
            BOOKINGS.c.start_at < end,
            BOOKINGS.c.end_at > start,
        )
        loan_clear = and_(
            ASSETS.c.status == AssetStatus.CHECKED_OUT.value, ASSETS.c.due > now, ASSETS.c.due <= start
        )
        where = [
            or_(ASSETS.c.status == AssetStatus.AVAILABLE.value, loan_clear),
            ~booked,
        ]
        if tags:
            where.append(ASSETS.c.tag_key.in_(sorted({tag_key(t) for t in tags})))
        if model:
            where.append(ASSETS.c.model == model)
        if place:  # a location or a department
            where.append(or_(ASSETS.c.location == place, ASSETS.c.department == place))
        total = self.writer.execute(select(func.count()).select_from(ASSETS).where(*where)).scalar() or 0
        query = select(ASSETS.c.tag).where(*where).order_by(ASSETS.c.tag_key).limit(limit).offset(offset)
        return [row[0] for row in self.writer.execute(query)], total
