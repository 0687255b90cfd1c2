"""Handovers: "hand the drill to @dana" by whoever holds it asks dana, who taps
Accept (or Decline); custody moves only then, in the ledger, with both told."""

from __future__ import annotations

from domain.errors import DomainError
from domain.ledger import Action
from services.changes import Done, record, snapshot
from services.context import Context
from services.replies import NextStep, Notice, Step
from storage.unit_of_work import UnitOfWork


def held_by_speaker(uow: UnitOfWork, ctx: Context, tags: list[str]) -> str | None:
    """The unit of `tags` the speaker holds, if any: what they would hand over."""
    return next((tag for tag in tags if ctx.actor.is_((uow.assets.get(tag) or _nobody).holder)), None)


class _Nobody:
    holder = None


_nobody = _Nobody()


def offer(uow: UnitOfWork, ctx: Context, tag: str, to: str) -> Done:
    asset = uow.assets.get(tag, lock=True)
    if ctx.actor.is_(to):
        raise DomainError(f"You already have {asset.tag}. Nothing was changed.")
    handover_id, withdrawn = uow.handovers.offer(asset.tag, ctx.actor.key, to, ctx.now)
    due = f", due back {ctx.local(asset.due)}" if asset.due else ""
    ask = Notice(
        to,
        f"{ctx.actor.name} wants to hand you {asset.tag} ({asset.name}){due}. It becomes yours when you accept.",
        f"handover:{handover_id}",
        (
            NextStep("Accept", Step.SAY, f"accept handover {handover_id}"),
            NextStep("Decline", Step.SAY, f"decline handover {handover_id}"),
        ),
    )
    return Done(
        f"Asked {ctx.who(to)} to accept {asset.tag} ({asset.name}); it stays with you until they do.",
        0,
        notices=(ask, *withdrawn_notices(ctx, withdrawn, asset.name)),
    )


def withdrawn_notices(ctx: Context, withdrawn, name: str) -> tuple[Notice, ...]:
    """Whoever an offer was withdrawn from is told so (the Accept button they have no longer works)."""
    return tuple(
        Notice(
            h.to_person,
            f"{ctx.actor.name} withdrew the handover of {h.asset_tag} ({name}).",
            f"handover-off:{h.id}",
        )
        for h in withdrawn
    )


def answer(uow: UnitOfWork, ctx: Context, handover_id: int | None, accept: bool) -> Done:
    handover = _the_one(uow, ctx, handover_id)
    asset = uow.assets.get(handover.asset_tag, lock=True)
    if not uow.handovers.decide(handover.id, "accepted" if accept else "declined", ctx.now):
        now_is = uow.handovers.get(handover.id).status
        said = "was withdrawn" if now_is == "withdrawn" else "was already answered"
        raise DomainError(f"Handover {handover.id} {said}. Nothing was changed.")
    giver = handover.from_person
    if not accept:
        told = Notice(
            giver,
            f"{ctx.actor.name} declined {asset.tag} ({asset.name}); it stays with you.",
            f"handover-no:{handover.id}",
        )
        return Done(f"Declined: {asset.tag} stays with {ctx.who(giver)}.", 0, notices=(told,))
    if (asset.holder or "").lower() != giver.lower():
        raise DomainError(
            f"{asset.tag} is no longer with {ctx.who(giver)} ({'with ' + ctx.who(asset.holder) if asset.holder else asset.status.value.replace('_', ' ')}), "
            "so it can't be handed over. Nothing was changed."
        )
    before = snapshot(asset)
    asset.holder = ctx.actor.key
    uow.assets.save(asset)
    entry_id = record(uow, ctx, Action.CHECK_OUT, asset, before, note=f"handover {handover.id} from {giver}")
    told = Notice(
        giver,
        f"{ctx.actor.name} accepted {asset.tag} ({asset.name}); it's off your list.",
        f"handover-yes:{handover.id}",
    )
    due = f", due back {ctx.local(asset.due)}" if asset.due else ""
    return Done(
        f"{asset.tag} ({asset.name}) is yours now, from {ctx.who(giver)}{due}.", entry_id, notices=(told,)
    )


def _the_one(uow: UnitOfWork, ctx: Context, handover_id: int | None):
    if handover_id is not None:
        handover = uow.handovers.get(handover_id)
        if handover is None or not ctx.actor.is_(handover.to_person):
            raise DomainError(f"There is no handover {handover_id} for you. Nothing was changed.")
        return handover
    waiting = uow.handovers.open_for(ctx.actor.key, ctx.actor.name)
    if len(waiting) != 1:
        raise DomainError(
            "No handover is waiting for you. Nothing was changed."
            if not waiting
            else f"{len(waiting)} handovers wait for you ({', '.join(h.asset_tag for h in waiting)}): use the buttons, or say “accept handover {waiting[0].id}”."
        )
    return waiting[0]
