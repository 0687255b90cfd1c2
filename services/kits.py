"""Kits in use: made or changed by managers, checked out whole or not at all,
returned in part or whole (the reply says what is still out), booked as one,
and described. Inside the caller's unit of work."""

from __future__ import annotations

import re

from domain.assets import AssetStatus
from domain.bookings import conflicts
from domain.errors import DomainError
from domain.kits import Kit, KitMember, make_kit
from domain.ledger import Action, ItemType
from domain.values import singular
from services import bookings, changes, loans
from services.booking_text import describe_conflict
from services.changes import Done, append
from services.context import Context
from services.replies import NextStep, Reply, Step, answer
from storage.unit_of_work import UnitOfWork


class KitIncomplete(DomainError):
    """A kit that can't go out whole; `offers` the rest of it."""

    def __init__(self, message: str, offers: tuple[NextStep, ...]):
        super().__init__(message)
        self.offers = offers


def kit_of(uow: UnitOfWork, code: str) -> Kit:
    kit = uow.kits.get(code)
    if kit is None:
        raise DomainError(f"There is no kit {code} any more. Nothing was changed.")
    return kit


def save(uow: UnitOfWork, ctx: Context, kit: Kit) -> tuple[str, int | None]:
    """A kit added or replaced, its members checked against the catalog; one ledger entry."""
    unknown = [
        m.key for m in kit.members if (uow.stock.get(m.key) if m.is_stock else uow.assets.get(m.key)) is None
    ]
    if unknown:
        kinds = "SKU" if all(m.is_stock for m in kit.members if m.key in unknown) else "tag"
        raise DomainError(f"items: {', '.join(unknown)} is no {kinds} in the catalog")
    named = [m.key for m in kit.members if m.is_stock and uow.assets.get(m.key)] + [
        m.key for m in kit.members if not m.is_stock and uow.stock.get(m.key)
    ]
    if named:
        raise DomainError(f"items: {', '.join(named)}: a tag stands alone and a SKU takes =QUANTITY")
    if (
        uow.assets.get(kit.code) is not None or uow.stock.get(kit.code) is not None
    ):  # "check out A-3" is that asset
        raise DomainError(f"kit: {kit.code} is already an asset tag or SKU; give the kit a code of its own")
    before = uow.kits.get(kit.code)
    outcome = uow.kits.save(kit)
    if outcome == "unchanged":
        return outcome, None
    was = {"name": before.name, "items": before.items} if before else {"name": "", "items": ""}
    diff = {k: (was[k], now) for k, now in (("name", kit.name), ("items", kit.items)) if was[k] != now}
    action = Action.EDIT if before else Action.CREATE
    return outcome, append(uow, ctx, action, ItemType.KIT, kit.code, changes=diff)


def undo(uow: UnitOfWork, ctx: Context, entry) -> Done:
    """A kit's change reversed: its name and members as they were, while it still is as that change left it."""
    kit = kit_of(uow, entry.item_key)
    now = {"name": kit.name, "items": kit.items}
    if any(now[field] != after for field, (_, after) in entry.changes.items()):
        raise DomainError(
            f"{called(kit, True)} has changed since, so I can't undo that. Nothing was changed."
        )
    was = {**now, **{field: before for field, (before, _) in entry.changes.items()}}
    uow.kits.save(make_kit(kit.code, was["name"], was["items"]))
    diff = {field: (after, before) for field, (before, after) in entry.changes.items()}
    entry_id = append(uow, ctx, Action.UNDO, ItemType.KIT, kit.code, changes=diff, reverses=entry.id)
    return Done(
        f"Undone: the change to {called(kit)} ({kit.code}); it is {was['items'].replace('|', ', ')} again.",
        entry_id,
    )


def create(uow: UnitOfWork, ctx: Context, title: str, items: str) -> Done:
    """ "make a kit 'Camera kit' of ...": a new kit, or the kit of that name with new members."""
    ctx.actor.require_manager("make or change kits")
    same = next((k for k in uow.kits.all() if k.name.lower() == title.lower()), None)
    kit = make_kit(same.code if same else _new_code(uow, title), title, items)
    outcome, entry_id = save(uow, ctx, kit)
    if entry_id is None:
        raise DomainError(f"{called(kit, True)} ({kit.code}) already has exactly those. Nothing was changed.")
    verb = "Made" if outcome == "created" else "Changed"
    return Done(f"{verb} the kit {kit.code}, “{kit.name}”: {members_text(uow, kit)}.", entry_id)


def edit(uow: UnitOfWork, ctx: Context, code: str, adding: str, dropping: str) -> Done:
    """Members added (a quantity said again replaces the old one) or taken out ("2 of the
    batteries": that many fewer; no amount: the member goes)."""
    ctx.actor.require_manager("make or change kits")
    kit = kit_of(uow, code)
    members = {m.key.lower(): m for m in kit.members}
    for said in filter(None, dropping.split("|")):
        key, _, fewer = said.partition("=")
        member = members.get(key.lower())
        if member is None:
            raise DomainError(f"{key} is not in {called(kit)} ({kit.code}). Nothing was changed.")
        if fewer and member.is_stock and int(fewer) < member.quantity:
            members[key.lower()] = KitMember(member.key, member.quantity - int(fewer))
        else:
            del members[key.lower()]
    for said in filter(None, adding.split("|")):
        key, _, quantity = said.partition("=")
        members[key.lower()] = KitMember(key, int(quantity) if quantity else None)
    if not members:
        raise DomainError(f"That would leave {called(kit)} empty. Nothing was changed.")
    changed = make_kit(kit.code, kit.name, "|".join(str(m) for m in members.values()))
    _, entry_id = save(uow, ctx, changed)
    if entry_id is None:
        raise DomainError(f"{called(kit, True)} ({kit.code}) already has exactly those. Nothing was changed.")
    return Done(f"Changed {called(kit)} ({kit.code}): {members_text(uow, changed)}.", entry_id)


def check_out(
    uow: UnitOfWork, ctx: Context, code: str, holder: str, due, override: bool = False, omit: str = ""
) -> Done:
    """Every member to `holder` (but those in `omit`, "the camera kit without A-4001"), or
    nothing: saying what is missing, and offering the rest as the kit without it."""
    kit = kit_of(uow, code)
    left_out = {key.lower() for key in omit.split("|") if key}
    unknown = left_out - {m.key.lower() for m in kit.members}
    if unknown:
        raise DomainError(
            f"{', '.join(sorted(unknown)).upper()} is not in {called(kit)}. Nothing was changed."
        )
    members = [m for m in kit.members if m.key.lower() not in left_out]
    missing = []
    for member in members:
        if member.is_stock:
            item = uow.stock.get(member.key, lock=True)
            if item is None or item.on_hand < member.quantity:
                shelf = (
                    f"only {item.describe(item.on_hand)} on the shelf" if item else "gone from the catalog"
                )
                missing.append((member.key, f"{member.quantity} × {member.key} ({shelf})"))
        else:
            asset = uow.assets.get(member.key, lock=True)
            if asset is None or asset.status is not AssetStatus.AVAILABLE:
                why = "gone from the catalog" if asset is None else _where(ctx, asset)
                missing.append((member.key, f"{member.key} ({why})"))
    if missing:
        rest = len(members) > len(missing)
        without = f"check out {kit.code} without " + _listed([key for key, _ in missing] + sorted(left_out))
        hint = f" To take the rest, say “{without}”." if rest else ""
        raise KitIncomplete(
            f"{called(kit, True)} ({kit.code}) can't go out whole: {', '.join(why for _, why in missing)}. "
            f"Nothing was changed.{hint}",
            (NextStep("Check out the rest", Step.SAY, without),) if rest else (),
        )
    ids, told, odd = [], (), []
    for member in members:
        if member.is_stock:
            done = loans.lend_out(uow, ctx, member.key, holder, member.quantity, None, due, kit=kit.code)
        else:
            done = changes.check_out(uow, ctx, [member.key], holder, due, override)
            when = uow.assets.get(member.key).due
            if when != due:  # a booking decided it: said, never hidden
                odd.append(
                    f"{member.key} is due back {ctx.local(when)}" if when else f"{member.key} has no due time"
                )
        ids, told = ids + [done.entry_id], told + done.notices
    until = f", due back {ctx.local(due)}" if due else ""
    but = f" (but {', '.join(odd)})" if odd else ""
    shown = make_kit(kit.code, kit.name, "|".join(str(m) for m in members))
    text = f"Checked out {called(kit)} ({kit.code}) to {ctx.who(holder)}{until}{but}: {members_text(uow, shown)}."
    if left_out:
        text += f" Left out: {', '.join(sorted(k.upper() for k in left_out))}."
    return Done(text, ids[0], notices=told, also=tuple(ids[1:]))


def check_in(uow: UnitOfWork, ctx: Context, code: str, holder: str, note: str | None) -> Done:
    """What `holder` has of the kit comes back; the reply says what of it is still out."""
    kit = kit_of(uow, code)
    back, still_out, ids, offer = [], [], [], None
    for tag in kit.assets:
        asset = uow.assets.get(tag)
        if asset is None or asset.status is not AssetStatus.CHECKED_OUT:
            continue
        if not _same(asset.holder, holder):
            still_out.append(f"{tag} (with {ctx.who(asset.holder)})")
            continue
        said = (
            note if _mentions(note, asset.name, asset.model, *asset.aliases) else None
        )  # "the drill is broken"
        done = changes.check_in(uow, ctx, [tag], asset.holder, said, theirs_only=True)
        ids, offer = ids + [done.entry_id], offer or done.offer
        back.append(tag + (f" (noted: “{said}”)" if said else ""))
    if kit.assets and not back:  # none of its assets with them: their loans of its stock are their own
        raise DomainError(
            f"{ctx.who(holder).capitalize()} have nothing of {called(kit)} out, so nothing was changed."
        )
    for member in kit.stock:
        loan = uow.loans.get(member.key, holder)
        if loan is None:
            continue
        item = uow.stock.get(member.key)
        about = note if _mentions(note, item.name, item.unit) else None  # "one of the batteries is lost"
        count = min(loan.quantity, member.quantity)
        lost, damaged = loans.written_off(about, 0)
        done = loans.take_back(uow, ctx, member.key, holder, max(count - lost - damaged, 0), None, about)
        ids.append(done.entry_id)
        off = f" ({lost} lost)" if lost else f" ({damaged} damaged)" if damaged else ""
        back.append(f"{count - lost - damaged} × {member.key}{off}")
    if not back:
        raise DomainError(
            f"{ctx.who(holder).capitalize()} have nothing of {called(kit)} out, so nothing was changed."
        )
    left = f" Still out: {', '.join(still_out)}." if still_out else ""
    return Done(
        f"Returned from {called(kit)} ({kit.code}): {', '.join(back)}.{left}",
        ids[0],
        offer=offer,
        also=tuple(ids[1:]),
    )


def _mentions(note: str | None, *names: str | None) -> bool:
    """Does the note speak of this member ("the drill is broken", "one of the batteries is lost")?"""
    if not note:
        return False
    said = {singular(w) for w in re.findall(r"[a-z0-9-]+", note.lower())}
    words = {
        singular(w) for name in names if name for w in re.findall(r"[a-z0-9-]+", name.lower()) if len(w) > 3
    }
    return bool(said & words)


def book(uow: UnitOfWork, ctx: Context, code: str, holder: str, start, end, rules) -> Done:
    """Every asset of the kit booked over the range, or none."""
    kit = kit_of(uow, code)
    if not kit.assets:
        raise DomainError(f"{called(kit, True)} has no assets to book (its stock is lent when it goes out).")
    ids, told = [], ()
    for tag in kit.assets:
        done = bookings.book(uow, ctx, [tag], holder, start, end, rules, kit=kit.code)
        ids, told = ids + [done.entry_id], told + done.notices
    whom = "you" if ctx.actor.is_(holder) else ctx.who(holder)
    return Done(
        f"Booked {called(kit)} ({kit.code}) for {whom}, {bookings.span(ctx, start, end)}: "
        f"{', '.join(kit.assets)}. Its stock is lent when it is checked out.",
        ids[0],
        notices=told,
        also=tuple(ids[1:]),
    )


def is_free(uow: UnitOfWork, ctx: Context, code: str, start, end) -> Reply:
    """A kit is free when every asset of it is."""
    kit = kit_of(uow, code)
    when = bookings.span(ctx, start, end)
    busy = []
    for tag in kit.assets:
        asset, booked = uow.bookings.availability(tag, start, end)
        found = conflicts(asset, booked, start, end, ctx.now) if asset else ()
        busy += [f"{tag} is {describe_conflict(ctx, c)}" for c in found]
    if not busy:
        return answer(f"Yes: {called(kit)} ({kit.code}) is free {when}. Say “book {kit.code} …” to book it.")
    return answer(f"No: {called(kit)} ({kit.code}) isn't free {when}: " + "; ".join(busy) + ".")


def cancel_booking(uow: UnitOfWork, ctx: Context, code: str, holders: tuple[str, ...]) -> Done:
    """The booking of every asset of the kit, made with the kit; all or none."""
    kit = kit_of(uow, code)
    ids = []
    for tag in kit.assets:
        done = bookings.cancel(uow, ctx, [tag], holders)
        ids.append(done.entry_id)
    return Done(
        f"Cancelled the booking of {called(kit)} ({kit.code}): {', '.join(kit.assets)}.",
        ids[0],
        also=tuple(ids[1:]),
    )


def describe(uow: UnitOfWork, ctx: Context, code: str) -> str:
    kit = kit_of(uow, code)
    lines = [f"{kit.code} — {kit.name}:"]
    for member in kit.members:
        if member.is_stock:
            item = uow.stock.get(member.key)
            shelf = f"{item.describe(item.on_hand)} on the shelf" if item else "gone from the catalog"
            lines.append(f"• {member.quantity} × {item.name if item else member.key} ({member.key}): {shelf}")
        else:
            asset = uow.assets.get(member.key)
            lines.append(
                f"• {member.key} {asset.name}: {_where(ctx, asset)}" if asset else f"• {member.key}: gone"
            )
    return "\n".join(lines)


def called(kit: Kit, start: bool = False) -> str:
    """ "the PA kit", "the Gimbal rig kit": how a reply names it."""
    name = kit.name if re.search(r"(?i)\bkit\b", kit.name) else f"{kit.name} kit"
    return f"{'The' if start else 'the'} {name}"


def members_text(uow: UnitOfWork, kit: Kit) -> str:
    parts = []
    for member in kit.members:
        if member.is_stock:
            item = uow.stock.get(member.key)
            parts.append(item.describe(member.quantity) + f" of {item.name}" if item else member.key)
        else:
            parts.append(member.key)
    return ", ".join(parts)


def _where(ctx: Context, asset) -> str:
    if asset.status is AssetStatus.CHECKED_OUT:
        return f"with {ctx.who(asset.holder)}" + (f" until {ctx.local(asset.due)}" if asset.due else "")
    return asset.status.value.replace("_", " ")


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _same(a: str | None, b: str) -> bool:
    return bool(a) and a.lower() == b.lower()


def _new_code(uow: UnitOfWork, title: str) -> str:
    words = [w for w in "".join(c if c.isalnum() else " " for c in title.upper()).split() if w != "KIT"]
    base = "KIT-" + "-".join(words or ["NEW"])[:40]
    code, n = base, 2
    while uow.kits.get(code) is not None:
        code, n = f"{base}-{n}", n + 1
    return code
