"""Sightings and audits: who saw what where; a manager's audit of a location
closes with what was found, missing and unexpected."""

from __future__ import annotations

from domain.audits import reconcile
from domain.errors import DomainError
from domain.ledger import Action, ItemType
from services.changes import Done, append
from services.context import Context
from services.replies import NextStep, Step
from storage.unit_of_work import UnitOfWork


def seen(uow: UnitOfWork, ctx: Context, tag: str, place: str | None) -> Done:
    """Record a sighting; a place that differs from the register is pointed
    out and offered as a move."""
    if place is None:
        audit = _audit_of(ctx, uow.audits.open_audits())
        place = audit["location"] if audit else None
    asset = uow.assets.get(tag)
    entry_id = append(uow, ctx, Action.SEEN, ItemType.ASSET, asset.tag, note=place)
    where = f" in {place}" if place else ""
    text = f"Noted: {asset.tag} ({asset.name}) seen{where} by {ctx.actor.name}."
    if place and asset.location and asset.location.lower() != place.lower():
        text += f" The register has it in {asset.location}; say “move {asset.tag} to {place}” if it lives here now."
        return Done(text, entry_id, offer=NextStep("Move it here", Step.MOVE_HERE, f"{asset.tag}|{place}"))
    return Done(text, entry_id)


def start_audit(uow: UnitOfWork, ctx: Context, location: str) -> Done:
    ctx.actor.require_manager("start audits")
    if uow.audits.open_for(location):
        raise DomainError(
            f"An audit of {location} is already open; report what you see, then “close audit of {location}”."
        )
    uow.audits.start(location, ctx.actor.name, ctx.now, ctx.thread)
    expected = sorted(uow.audits.expected_at(location))
    listing = ", ".join(expected[:60]) + (f" and {len(expected) - 60} more" if len(expected) > 60 else "")
    return Done(
        f"Audit of {location} started. The register has {len(expected)} item(s) there: {listing or 'none'}. "
        f"Report each one you see (“seen A-1042”), then say “close audit”.",
        0,
    )


def close_audit(uow: UnitOfWork, ctx: Context, location: str | None) -> Done:
    ctx.actor.require_manager("close audits")
    audits = uow.audits.open_audits()
    if location:
        audits = [a for a in audits if a["location"].lower() == location.lower()]
    elif (in_thread := _audit_of(ctx, audits)) is not None:
        audits = [in_thread]
    if len(audits) != 1:
        where = f" of {location}" if location else ""
        raise DomainError(
            f"There is no open audit{where}."
            if not audits
            else "Several audits are open; say which: "
            + ", ".join(f"“close audit of {a['location']}”" for a in audits)
        )
    audit = audits[0]
    result = reconcile(
        audit["location"],
        uow.audits.expected_at(audit["location"]),
        uow.audits.seen_at(audit["location"], audit["started_at"]),
    )
    uow.audits.close(audit["id"], ctx.now, result.as_record())
    return Done(result.summary(), 0)


def _audit_of(ctx: Context, audits: list[dict]) -> dict | None:
    """The audit a report without a place belongs to: the one started in the
    same conversation, else the only one open."""
    in_thread = [a for a in audits if ctx.thread and a["thread"] == ctx.thread]
    if in_thread:
        return in_thread[0]
    return audits[0] if len(audits) == 1 else None


def due(uow: UnitOfWork, ctx: Context, intervals: dict[str, int]) -> str:
    if not intervals:
        return "No audit intervals are set (QM_AUDIT_INTERVALS, e.g. laptop=90,projector=180)."
    rows = uow.audits.due(intervals, ctx.now)
    if not rows:
        return "No audits are due: everything with an interval has been seen recently enough."
    return "Audits due:\n" + "\n".join(
        f"• {category}: {count} not seen in {days} days" for category, count, days in rows
    )
