"""Alerts: compute what stands at a moment, send what has not been sent.
The record of sent keys makes a restart, a second scheduler or a second
`quartermaster alerts` run at the same moment send nothing twice."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from typing import Callable, Protocol

from domain.alerts import SNOOZE, DueNotice, LowStock, due_soon_window, is_working_time
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)
UPKEEP_WINDOW = timedelta(days=30)
UPKEEP_SHOWN = 20  # assets a digest lists per kind; "what's due for service?" pages through all


@dataclass
class AlertRun:
    at: datetime
    low: list[LowStock] = field(default_factory=list)
    overdue: list[DueNotice] = field(default_factory=list)
    due_soon: list[DueNotice] = field(default_factory=list)
    audits_due: list[tuple[str, int, int]] = field(default_factory=list)  # (category, assets, interval days)
    warranties: list = field(default_factory=list)  # assets whose warranty ends within 30 days
    services: list = field(
        default_factory=list
    )  # assets whose service falls due within 30 days (or is overdue)


class Outbox(Protocol):
    """Where alerts go (Slack). Each notice is recorded for delivery in the
    transaction that claims its key, then sent; `send` returns what failed
    for good, as sentences saying what to do."""

    def digest(self, uow: UnitOfWork, key: str, run: AlertRun, text: str) -> list[int | None]: ...

    def due_notice(self, uow: UnitOfWork, key: str, notice: DueNotice, text: str) -> list[int | None]: ...

    def send(self, ids: list[int | None]) -> list[str]: ...


class Undeliverable(Exception):
    """A notice that has nowhere to go yet (no Slack user known for the holder)."""


@dataclass
class Delivered:
    sent: list["Sent"] = field(default_factory=list)  # recorded for delivery, once
    problems: list[str] = field(default_factory=list)  # what could not be delivered, and what to do


def compute(
    uow: UnitOfWork, now: datetime, tz: tzinfo, audit_intervals: dict[str, int] | None = None
) -> AlertRun:
    window = due_soon_window(now, tz)
    audits = uow.audits.due(audit_intervals, now) if audit_intervals else []
    due_soon = uow.alerts.due_between(*window) if window else []
    due_soon += _loan_notices(uow, "due_soon", uow.loans.due_between(*window) if window else [])
    overdue = uow.alerts.overdue(now) + _loan_notices(uow, "overdue", uow.loans.overdue(now))
    run = AlertRun(now, uow.alerts.low_stock(now), _named(uow, overdue), _named(uow, due_soon), audits)
    run.warranties, run.services = upkeep_due(uow, now, tz)
    run.today = now.astimezone(tz).date()
    return run


def _loan_notices(uow: UnitOfWork, kind: str, loans) -> list[DueNotice]:
    """Loans of lendable stock, as notices about "2 × Jabra headset"."""
    notices = []
    for loan in loans:
        item = uow.stock.get(loan.sku)
        name = f"{item.describe(loan.quantity)} of {item.name}" if item else f"{loan.quantity} × {loan.sku}"
        notices.append(DueNotice(kind, loan.sku, name, loan.holder, loan.due, quantity=loan.quantity))
    return notices


def upkeep_due(uow: UnitOfWork, now: datetime, tz: tzinfo) -> tuple[list, list]:
    """Warranties ending and services falling due within the window (the digest's, App Home's)."""
    today = now.astimezone(tz).date()
    warranties, _ = uow.asset_dates.warranty_between(today, today + UPKEEP_WINDOW, limit=UPKEEP_SHOWN)
    services, _ = uow.asset_dates.service_due_by(today + UPKEEP_WINDOW, limit=UPKEEP_SHOWN)
    return warranties, services


def _named(uow: UnitOfWork, notices: list[DueNotice]) -> list[DueNotice]:
    """Holders recorded by member ID, with the names people know them by."""
    if not notices:
        return notices
    names = uow.people.names()
    return [replace(n, holder_name=names[n.holder]) if n.holder in names else n for n in notices]


def digest_text(run: AlertRun, local: Callable[[datetime], str]) -> str:
    lines = []
    if run.low:
        lines.append(f"Low stock ({len(run.low)}):")
        lines += [f"• {item.line()}" for item in run.low]
    if run.overdue:
        lines.append(f"Overdue ({len(run.overdue)}):")
        lines += [f"• {n.tag} {n.name}: {n.who}, due {local(n.due)}" for n in run.overdue]
    if run.audits_due:
        lines.append("Audits due:")
        lines += [
            f"• {category}: {count} not seen in {days} days" for category, count, days in run.audits_due
        ]
    lines += upkeep_lines(run)
    return "\n".join(lines) or "Nothing is low and nothing is overdue."


def upkeep_lines(run: AlertRun) -> list[str]:
    """The digest's warranties ending and services due (Slack's digest shows the same)."""
    lines = []
    if run.warranties:
        lines.append(f"Warranties ending within 30 days ({len(run.warranties)}):")
        lines += [f"• {a.tag} {a.name}: {a.warranty_until:%a %-d %b}" for a in run.warranties]
    if run.services:
        today = run.today or run.at.date()
        lines.append(f"Services due ({len(run.services)}):")
        lines += [
            f"• {a.tag} {a.name}: {'overdue since' if a.next_service() < today else 'due'} {a.next_service():%a %-d %b %Y}"
            for a in run.services
        ]
    return lines


def notice_text(notice: DueNotice, local: Callable[[datetime], str]) -> str:
    if notice.quantity is not None:  # a loan of lendable stock
        if notice.kind == "due_soon":
            return f"Reminder: your {notice.name} ({notice.tag}) are due back {local(notice.due)}."
        return f"Your {notice.name} ({notice.tag}) were due back {local(notice.due)} and are overdue. Please return them."
    if notice.kind == "due_soon":
        return f"Reminder: {notice.tag} ({notice.name}) is due back {local(notice.due)}. Return it, or extend if you need it longer."
    return f"{notice.tag} ({notice.name}) was due back {local(notice.due)} and is overdue. Please return it, or extend it."


@dataclass
class Sent:
    key: str
    text: str


def deliver(
    uow: UnitOfWorkFactory, run: AlertRun, outbox: Outbox, tz: tzinfo, with_digest: bool
) -> Delivered:
    """Record each alert not recorded before, then send. The digest goes once
    per local day; holders hear of a due date once, and of an overdue item at
    most once a day, and only in working hours."""
    local = local_time(tz)
    today = run.at.astimezone(tz).date()
    pending: list[tuple[str, str, str, Callable]] = []
    if with_digest and (run.low or run.overdue or run.audits_due or run.warranties or run.services):
        text = digest_text(run, local)
        pending.append(
            (
                f"digest:{today.isoformat()}",
                "digest",
                text,
                lambda tx, key, t=text: outbox.digest(tx, key, run, t),
            )
        )
    if is_working_time(run.at, tz):
        for notice in run.due_soon + run.overdue:
            text = notice_text(notice, local)
            pending.append(
                (
                    notice.key(today),
                    notice.kind,
                    text,
                    lambda tx, key, n=notice, t=text: outbox.due_notice(tx, key, n, t),
                )
            )
    delivered, ids = Delivered(), []
    for key, kind, text, record in pending:
        try:
            new, recorded = _record_once(uow, key, kind, run.at, record)
        except Undeliverable as problem:
            delivered.problems.append(str(problem))
            continue
        ids += recorded
        if new:
            delivered.sent.append(Sent(key, text))
    delivered.problems += outbox.send(ids)
    return delivered


def _record_once(
    uow: UnitOfWorkFactory, key: str, kind: str, now: datetime, record: Callable
) -> tuple[bool, list]:
    """The key is claimed and the messages recorded in one transaction: an
    alert is queued exactly once, and the outbox sends it until Slack says ok.
    Recording an alert queued before changes nothing, except that a message
    of it that failed for good (the bot was not in the channel) is tried again."""
    with uow() as tx:
        new = tx.alerts.claim(key, kind, now)
        ids = [i for i in record(tx, key) if i is not None]
        tx.commit()
    return new, ids


def local_time(tz: tzinfo) -> Callable[[datetime], str]:
    return lambda moment: moment.astimezone(tz).strftime("%a %d %b %H:%M").replace(" 0", " ")


def mark_ordered(uow: UnitOfWorkFactory, ctx, sku: str) -> str:
    """A manager placed the order: silence the item until stock is received."""
    ctx.actor.require_manager("mark items as ordered")
    with uow() as tx:
        item = tx.stock.get(sku)
        if item is None:
            return f"{sku} is no longer in the catalog."
        tx.alerts.state(sku)
        tx.alerts.set_state(sku, ordered_at=ctx.now)
        tx.commit()
    return f"Marked {item.name} as ordered by {ctx.actor.name}: no more low-stock alerts for it until stock is received."


def snooze(uow: UnitOfWorkFactory, ctx, sku: str) -> str:
    ctx.actor.require_manager("snooze alerts")
    until = ctx.now + SNOOZE
    with uow() as tx:
        item = tx.stock.get(sku)
        if item is None:
            return f"{sku} is no longer in the catalog."
        tx.alerts.state(sku)
        tx.alerts.set_state(sku, snoozed_until=until)
        tx.commit()
    return f"Snoozed low-stock alerts for {item.name} until {ctx.local(until)}."
