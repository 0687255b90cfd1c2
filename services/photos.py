"""The photo step: the barcodes in a message's photos, looked up in the
catalog. With words beside them ("used 3 of these") and one known item,
those words become commands about that item; otherwise the reply says what
was photographed and offers what can be done with it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.commands import Command, ItemCommand
from services import barcodes
from services.context import Context
from services.replies import NextStep, Reply, ReplyKind, Step, refusal
from storage.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True)
class Scan:
    found: tuple[barcodes.Found, ...] = ()
    commands: tuple[Command, ...] = ()  # the words' commands, aimed at the item photographed
    reply: Reply | None = None  # what to say instead of running commands


def scan(uow: UnitOfWorkFactory, ctx: Context, images: list[bytes], words: list[Command]) -> Scan:
    codes: list[str] = []
    for data in images:
        try:
            codes += barcodes.decode(barcodes.open_image(data))
        except barcodes.NotAnImage as error:
            return Scan(reply=refusal(f"Sorry, {error}.", "not_an_image"))
    if not codes:
        return Scan(reply=refusal(barcodes.TIPS, "no_barcode"))
    with uow(read_only=True) as unit:
        found = tuple(barcodes.look_up(unit, list(dict.fromkeys(codes)), ctx.name_of))
    known = [f for f in found if f.key]
    about_this = words and all(isinstance(c, ItemCommand) and c.changes and not c.ref for c in words)
    if len(known) == 1 and about_this:
        return Scan(found, tuple(replace(c, ref=known[0].key) for c in words))
    text = "\n".join(f.description for f in found)
    return Scan(found, reply=Reply(ReplyKind.ANSWER, text, offers=_offers(ctx, found)))


def _offers(ctx: Context, found) -> tuple[NextStep, ...]:
    """What can be done with what was photographed, said as words."""
    offers = []
    for f in found[:3]:
        if f.key is None:
            if ctx.actor.is_manager:
                offers.append(
                    NextStep(f"Add {f.code}", Step.SAY, f"add asset {f.code} Scanned item {f.code}")
                )
        elif f.state == "stock":
            offers += [
                NextStep(f"Used 1 {f.key}", Step.SAY, f"used 1 {f.key}"),
                NextStep(f"Received 1 {f.key}", Step.SAY, f"received 1 {f.key}"),
            ]
        elif f.state == "checked_out":
            offers.append(NextStep(f"Return {f.key}", Step.SAY, f"return {f.key}"))
        elif f.state == "available":
            offers.append(NextStep(f"Check out {f.key}", Step.SAY, f"check out {f.key}"))
    return tuple(offers[:5])
