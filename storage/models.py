"""Tables. Rows are translated to domain objects by the repositories; nothing
outside storage/ sees these classes."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a bigint.
BigId = BigInteger().with_variant(Integer(), "sqlite")
Money = Numeric(14, 2)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class AssetRow(Base):
    __tablename__ = "assets"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    tag: Mapped[str] = mapped_column(String(64))
    tag_key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(100))
    manufacturer: Mapped[str | None] = mapped_column(String(100))
    model: Mapped[str | None] = mapped_column(String(100))
    serial: Mapped[str | None] = mapped_column(String(100))
    cost: Mapped[Decimal | None] = mapped_column(Money)
    purchase_date: Mapped[date | None]
    # The purchase date as numbers, kept by the repository: the register counts
    # whole months over a million rows without parsing a date in each.
    purchase_month: Mapped[int | None] = mapped_column(Integer)  # year * 12 + month - 1
    purchase_day: Mapped[int | None] = mapped_column(Integer)
    useful_life_years: Mapped[int | None] = mapped_column(Integer)
    salvage_value: Mapped[Decimal | None] = mapped_column(Money)
    depreciation_method: Mapped[str] = mapped_column(String(32), default="straight_line")
    condition: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(16), default="available")
    holder: Mapped[str | None] = mapped_column(String(100), index=True)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    aliases: Mapped[str] = mapped_column(Text, default="")
    source_id: Mapped[str | None] = mapped_column(String(64), index=True)
    warranty_until: Mapped[date | None] = mapped_column(index=True)
    service_interval_months: Mapped[int | None] = mapped_column(Integer)
    last_service: Mapped[date | None]
    # When the next service falls due, kept by the repository: "what's due for
    # service?" over a million rows is then an index range, not a date sum per row.
    service_due: Mapped[date | None] = mapped_column(index=True)

    __table_args__ = (
        Index("ix_assets_status_due", "status", "due"),
        # what a person holds is asked by any of their keys, in any case: "what does @bob have?"
        Index("ix_assets_holder_lower", func.lower(holder)),
        CheckConstraint("status IN ('available', 'checked_out', 'maintenance', 'retired')", name="status"),
    )


class StockRow(Base):
    __tablename__ = "stock_items"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    sku_key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(32))
    packs: Mapped[str] = mapped_column(String(200), default="")
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reorder_point: Mapped[int | None] = mapped_column(Integer)
    reorder_qty: Mapped[int | None] = mapped_column(Integer)
    unit_cost: Mapped[Decimal | None] = mapped_column(Money)
    location: Mapped[str | None] = mapped_column(String(100))
    supplier: Mapped[str | None] = mapped_column(String(200))
    barcode: Mapped[str | None] = mapped_column(String(32), index=True)  # as printed
    # the barcode as GTIN-14, and its other reading when 8 digits are both a valid EAN-8 and UPC-E
    gtin: Mapped[str | None] = mapped_column(String(14), index=True)
    gtin_alt: Mapped[str | None] = mapped_column(String(14), index=True)
    aliases: Mapped[str] = mapped_column(Text, default="")
    lendable: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),)


class StockLoanRow(Base):
    """Lendable stock out with one person: how many, since and until when. The
    row goes when all of it is back; the ledger keeps every movement."""

    __tablename__ = "stock_loans"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    stock_id: Mapped[int] = mapped_column(BigId, ForeignKey("stock_items.id"))
    holder: Mapped[str] = mapped_column(String(100))
    quantity: Mapped[int] = mapped_column(Integer)
    since: Mapped[datetime] = mapped_column(UTCDateTime)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    __table_args__ = (
        Index("ix_stock_loans_holder_lower", func.lower(holder)),
        UniqueConstraint("stock_id", "holder", name="uq_stock_loans_stock_holder"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )


class LedgerRow(Base):
    """Append-only: rows are inserted, never updated or deleted."""

    __tablename__ = "ledger"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(16))
    item_type: Mapped[str] = mapped_column(String(8))
    item_key: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int | None] = mapped_column(Integer)
    balance: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(200))
    # Unique: an entry can be reversed once, however many undo requests race.
    reverses: Mapped[int | None] = mapped_column(BigId, ForeignKey("ledger.id"), unique=True)

    __table_args__ = (
        Index("ix_ledger_actor_id", "actor", "id"),
        Index("ix_ledger_action_id", "action", "id"),
        Index("ix_ledger_item", "item_type", "item_key", "at"),
        Index("ix_ledger_source", "source"),  # was this message acted on already? ("Record this")
    )


class AliasSuggestionRow(Base):
    """Words a person used for an item they then picked from candidates:
    offered to managers as a new alias."""

    __tablename__ = "alias_suggestions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    words: Mapped[str] = mapped_column(String(200))
    item_type: Mapped[str] = mapped_column(String(8))
    item_key: Mapped[str] = mapped_column(String(64))
    suggested_by: Mapped[str] = mapped_column(Text)  # names, "|"-separated
    times: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="open")
    last_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("words", "item_type", "item_key", name="uq_alias_suggestions_words_item"),
    )


class InboxRow(Base):
    """Every Slack request that may change something, stored before it is
    acknowledged. The unique keys make retries and double deliveries no-ops;
    `status` moves pending -> working -> done, `done` in the same transaction
    as the change it caused."""

    __tablename__ = "inbox"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    message_key: Mapped[str] = mapped_column(
        String(200), unique=True
    )  # channel:ts, or the interaction's own id
    event_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_inbox_status_received", "status", "received_at"),)


class PersonRow(Base):
    """Slack users and the name the chat knows each by (holders are stored by member ID)."""

    __tablename__ = "people"

    slack_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AlertLogRow(Base):
    """What was sent: a key per notice, so a restart or a second scheduler
    never sends the same one twice."""

    __tablename__ = "alert_log"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)


class OutboxRow(Base):
    """A message to Slack, recorded in the transaction that made it true and
    sent after commit. `key` makes recording idempotent; `status` moves
    pending -> sending -> sent only when Slack said ok (or `failed`, for an
    error no retry can mend, with the error kept for managers)."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    method: Mapped[str] = mapped_column(String(40))  # chat.postMessage, response_url, files.upload...
    channel: Mapped[str | None] = mapped_column(String(64))  # for pacing and for reporting what failed
    args: Mapped[dict] = mapped_column(JSON)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)  # a file to upload
    paced: Mapped[bool] = mapped_column(default=False)  # bulk notices keep to Slack's per-channel rate
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (Index("ix_outbox_status_next", "status", "next_at"),)


class QuestionRow(Base):
    """A "which one did you mean?" waiting for its answer: the commands of the
    message as understood (people, due dates, quantities, notes), the choices
    offered, and whom it was asked. A button carries only the id."""

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    asked_of: Mapped[str] = mapped_column(String(100))  # the person's key
    reference: Mapped[str | None] = mapped_column(Text)  # the words the choice replaces
    reference_field: Mapped[str] = mapped_column(String(16))
    pending: Mapped[list] = mapped_column(JSON)
    choices: Mapped[list] = mapped_column(JSON)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StockAlertStateRow(Base):
    """Per stock item: below its reorder point already announced, ordered
    (silenced until stock is received), snoozed until when."""

    __tablename__ = "stock_alert_state"

    sku_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    crossed: Mapped[bool] = mapped_column(default=False)
    ordered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditRow(Base):
    """A stocktake of one location: opened by a manager, closed with what was
    found, missing and unexpected."""

    __tablename__ = "audits"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    location: Mapped[str] = mapped_column(String(100))
    started_by: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[dict | None] = mapped_column(JSON)
    # The conversation it was started in (e.g. a Slack thread): reports made
    # there count for this audit even while others are open.
    thread: Mapped[str | None] = mapped_column(String(200))


class BookingRow(Base):
    """An asset held for someone over a range to come; `status` moves booked ->
    picked_up -> returned, or to cancelled or no_show. Never deleted."""

    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    asset_id: Mapped[int] = mapped_column(BigId, ForeignKey("assets.id"))
    holder: Mapped[str] = mapped_column(String(100), index=True)
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="booked")
    booked_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    kit: Mapped[str | None] = mapped_column(String(64))  # booked as part of this kit (its code)

    __table_args__ = (
        Index("ix_bookings_asset_start", "asset_id", "start_at"),
        Index("ix_bookings_status_start", "status", "start_at"),
        CheckConstraint("end_at > start_at", name="ends_after_start"),
        CheckConstraint(
            "status IN ('booked', 'picked_up', 'returned', 'cancelled', 'no_show')", name="status"
        ),
    )


class CalendarLinkRow(Base):
    """A secret calendar feed address: a person's bookings and due dates, or (managers)
    an item's or a category's. A new link revokes the old one of the same feed."""

    __tablename__ = "calendar_links"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(String(16))  # person, item or category
    target: Mapped[str] = mapped_column(String(200))  # the person's key, a tag, a category
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_calendar_links_feed", "scope", "target"),)


class WaitlistRow(Base):
    """Someone waiting for an asset that is out or booked ("tell me when it's
    free"). One request may wait on several identical units: the first back serves it."""

    __tablename__ = "waitlist"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    asset_id: Mapped[int] = mapped_column(BigId, ForeignKey("assets.id"))
    person: Mapped[str] = mapped_column(String(100))
    request: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # told, or no longer waiting

    __table_args__ = (Index("ix_waitlist_asset_open", "asset_id", "closed_at", "created_at"),)


class HandoverRow(Base):
    """An asset its holder offers to someone else; custody moves when they accept."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    asset_id: Mapped[int] = mapped_column(BigId, ForeignKey("assets.id"))
    from_person: Mapped[str] = mapped_column(String(100))
    to_person: Mapped[str] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(16), default="offered")  # accepted, declined, withdrawn
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class KitRow(Base):
    """A named bundle of assets and stock quantities that go out together."""

    __tablename__ = "kits"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    code_key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class KitMemberRow(Base):
    """One member of a kit: an asset tag, or a SKU with its quantity; `position` keeps their order."""

    __tablename__ = "kit_members"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kit_id: Mapped[int] = mapped_column(BigId, ForeignKey("kits.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item_key: Mapped[str] = mapped_column(String(64), index=True)
    quantity: Mapped[int | None] = mapped_column(Integer)
