"""The photo step: the barcodes in a message's photos, looked up in the
catalog. With words beside them ("used 3 of these") and one known item,
those words become commands about that item; otherwise the reply says what
was photographed and offers what can be done with it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.commands import Command, ItemCommand
from services import barcodes, code_text
from services.context import Context
from services.replies import NextStep, Reply, ReplyKind, Step, refusal
from storage.unit_of_work import UnitOfWorkFactory

NO_CODE = (
    "I couldn't find a barcode or QR code in that photo. Try closer (the label filling a third of the "
    "picture), flatter, and with more light."
)
UNREADABLE = (
    "Something in that photo looks like a barcode, but I couldn't read it for certain, so I haven't "
    "acted on it. Try again closer and straight on, without glare, or type the tag or SKU."
)


@dataclass(frozen=True)
class Scan:
    found: tuple[barcodes.Found, ...] = ()
    commands: tuple[Command, ...] = ()  # the words' commands, aimed at the item photographed
    reply: Reply | None = None  # what to say instead of running commands


def scan(uow: UnitOfWorkFactory, ctx: Context, images: list[bytes], words: list[Command]) -> Scan:
    readings, unreadable, not_images = [], 0, []
    for data in images:
        try:
            sight = barcodes.read(barcodes.open_image(data))
        except barcodes.NotAnImage as error:
            not_images.append(str(error))
            continue
        readings += [r for r in sight.readings if r.text not in {k.text for k in readings}]
        unreadable += sight.unreadable
    if len(not_images) == len(images):
        return Scan(reply=refusal(f"Sorry, {not_images[0]}.", "not_an_image"))
    skipped = _skipped(len(not_images))  # the photos beside a file that isn't one are still read
    with uow(read_only=True) as unit:
        found, doubtful = barcodes.look_up(unit, readings, ctx.name_of)
    unreadable += doubtful
    if not found:
        if unreadable:
            return Scan(reply=refusal(f"{UNREADABLE} {skipped}".strip(), "unreadable_code"))
        return Scan(reply=refusal(f"{NO_CODE} {skipped}".strip(), "no_barcode"))
    found = tuple(found)
    known = [f for f in found if f.key]
    about_this = words and all(isinstance(c, ItemCommand) and c.changes and not c.ref for c in words)
    surely_one = len(found) == 1 and known and found[0].sure and not unreadable and not skipped
    if surely_one and about_this:  # "used 3 of these", and the photo shows one item only
        return Scan(found, tuple(replace(c, ref=known[0].key) for c in words))
    lines = [f.description for f in found]
    if unreadable:
        lines.append("(Something else in the photo looks like a barcode but couldn't be read for certain.)")
    if skipped:
        lines.append(skipped)
    if about_this and len(found) == 1 and known and not found[0].sure:
        lines.append(
            f"Nothing was changed: that code was hard to read. If it is {known[0].key}, say it again with {known[0].key}."
        )
    elif about_this:  # words about "this", but which item is not clear: say so rather than guess
        keys = " or ".join(f.key for f in known[:3]) or "its tag or SKU"
        lines.append(f"Nothing was changed: I can't tell which item you mean. Say it again with {keys}.")
    return Scan(found, reply=Reply(ReplyKind.ANSWER, "\n".join(lines), offers=_offers(ctx, found)))


def _skipped(files: int) -> str:
    if not files:
        return ""
    if files == 1:
        return "(One of the files isn't an image I can read, so it was skipped.)"
    return f"({files} of the files aren't images I can read, so they were skipped.)"


def _offers(ctx: Context, found) -> tuple[NextStep, ...]:
    """What can be done with what was photographed, said as words."""
    offers = []
    for f in found[:3]:
        if f.key is None:
            if (
                ctx.actor.is_manager
                and f.format not in barcodes.RETAIL
                and code_text.looks_like_a_key(f.code)
            ):
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
