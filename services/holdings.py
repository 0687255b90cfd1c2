"""What one person holds, as a whole: listed (managers about anyone, anyone
about themselves), passed on to someone else, or returned, all or nothing,
when they leave. Both people are told of a change made by someone else."""

from __future__ import annotations

from domain.assets import Asset
from domain.errors import DomainError, PermissionDenied
from domain.ledger import Action, ItemType, LedgerEntry
from domain.loans import StockLoan
from services import changes, loans
from services.changes import Done
from services.context import Context
from services.people import people_key
from services.queries import status_line
from services.replies import Notice, Reply, answer
from storage.unit_of_work import UnitOfWork

SHOWN = 40  # lines a holdings answer lists; the rest are counted


class HoldsNothing(DomainError):
    """A transfer or return of everything from someone who holds nothing."""


def keys_of(uow: UnitOfWork, person: str) -> tuple[str, ...]:
    """Every key a person's holdings may be recorded under, the one to record by first
    (their member ID when known), then the name older records used."""
    said = person.lstrip("@")
    key = people_key(uow, said)
    return tuple(dict.fromkeys(k for k in (key, said, uow.people.name_of(key)) if k))


def held(uow: UnitOfWork, keys: tuple[str, ...]) -> tuple[list[Asset], list[StockLoan]]:
    return uow.assets.held_by(*keys), uow.loans.held_by(*keys)


def listing(uow: UnitOfWork, ctx: Context, person: str) -> Reply:
    keys = keys_of(uow, person)
    if not any(ctx.actor.is_(k) for k in keys) and not ctx.actor.is_manager:
        raise PermissionDenied(
            ctx.actor.name, "see everything someone else holds (ask “who has …” of an item)"
        )
    assets, lent = held(uow, keys)
    whom = ctx.who(keys[0])
    if not assets and not lent:
        return answer(f"{_cap(whom)} {'have' if whom == 'you' else 'has'} nothing checked out or on loan.")
    lines = [status_line(ctx, a) for a in assets] + [loan_line(ctx, uow, loan) for loan in lent]
    more = f"\n…and {len(lines) - SHOWN} more." if len(lines) > SHOWN else ""
    head = f"{_cap(whom)} {'have' if whom == 'you' else 'has'} {count(len(assets), len(lent))}:"
    return answer("\n".join([head, *lines[:SHOWN]]) + more)


def loan_line(ctx: Context, uow: UnitOfWork, loan: StockLoan) -> str:
    item = uow.stock.get(loan.sku)
    due = f", due {ctx.local(loan.due)}" if loan.due else ""
    late = " — overdue" if loan.is_overdue(ctx.now) else ""
    return f"{item.describe(loan.quantity)} of {item.name} ({item.sku}) on loan{due}{late}."


def transfer(uow: UnitOfWork, ctx: Context, person: str, to: str) -> Done:
    """Every asset and loan of `person` now `to`'s, due dates kept; all or nothing. Done in a
    few statements whatever the number (a leaver may hold hundreds): one ledger entry per asset,
    and per loan one on the taker's loan that keeps the giver's for undo."""
    me = (ctx.actor.key, ctx.actor.name)  # "to me", "all my stuff": the speaker, known by speaking
    source = me if person.lower() == "me" else keys_of(uow, person)
    target = me if to.lower() == "me" else keys_of(uow, to)
    if set(k.lower() for k in source) & set(k.lower() for k in target):
        raise DomainError("That is the same person, so nothing was changed.")
    if to.lower() != "me" and not _known(uow, target):  # "to me": the speaker, known by speaking
        raise DomainError(
            f"I don't know anyone called {to.lstrip('@')} in this workspace, so nothing was changed."
        )
    taker = target[0]
    assets, lent = uow.holdings.lock_assets(*source), uow.holdings.lock_loans(*source)
    if not assets and not lent:
        who = "You hold" if person.lower() == "me" else f"{person.lstrip('@')} holds"
        raise HoldsNothing(f"{who} nothing, so nothing was changed.")
    uow.holdings.reassign([a.tag for a in assets], taker, ctx.now)
    entries = [
        _entry(ctx, Action.CHECK_OUT, ItemType.ASSET, a.tag, {"holder": (a.holder, taker)}, a.holder)
        for a in assets
    ]
    mine = _by_item(lent)  # one person's loans of an item, maybe under two keys: moved as one
    theirs = _by_item(uow.holdings.loans_of(target, list(mine)))
    grown, new = [], []
    for sku, rows in mine.items():
        given = StockLoan(
            sku,
            rows[0][1].holder,
            sum(loan.quantity for _, loan, _ in rows),
            min(loan.since for _, loan, _ in rows),
            min((loan.due for _, loan, _ in rows if loan.due), default=None),
        )
        had = theirs[sku][0][1] if sku in theirs else None
        after = StockLoan(
            sku,
            had.holder if had else taker,
            given.quantity + (had.quantity if had else 0),
            had.since if had else ctx.now,
            (had and had.due) or given.due,
        )
        if had:
            grown.append((theirs[sku][0][0], after.quantity, after.due))
        else:
            new.append(after)
        changes = {k: v for k, v in zip(("loan", "since", "due"), _pairs(had, after)) if v[0] != v[1]}
        changes["holder"] = (given.holder, after.holder)
        packed = (str(given.quantity), given.since.isoformat(), given.due.isoformat() if given.due else "")
        changes["giver_loan"] = ("|".join(packed), "")
        entries.append(
            _entry(ctx, Action.LEND, ItemType.STOCK, sku, changes, given.holder, balance=rows[0][2])
        )
    uow.holdings.pass_loans([row_id for row_id, _, _ in lent], grown, new)
    ids = uow.holdings.add_entries(entries)
    listed = _listed(uow, assets, [loan for _, loan, _ in lent])
    text = f"Transferred to {ctx.who(taker)} everything {ctx.who(source[0])} held: {listed}."
    told = _tell(
        ctx,
        (source[0], taker),
        f"{ctx.actor.name} transferred {listed} from {ctx.name_of(source[0])} to {ctx.name_of(taker)}.",
        ids[0],
    )
    return Done(text, ids[0], notices=told, also=tuple(ids[1:]))


def _by_item(rows) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for row in rows:
        grouped.setdefault(row[1].sku, []).append(row)
    return grouped


def _pairs(had: StockLoan | None, after: StockLoan) -> list[tuple[str, str]]:
    """(before, after) of the taker's loan: quantity, since, due."""

    def texts(loan):
        if loan is None:
            return ("0", "", "")
        return (str(loan.quantity), loan.since.isoformat(), loan.due.isoformat() if loan.due else "")

    return list(zip(texts(had), texts(after)))


def _entry(ctx: Context, action, item_type, key, changes, giver, balance=None) -> LedgerEntry:
    return LedgerEntry(
        action=action,
        item_type=item_type,
        item_key=key,
        actor=ctx.actor.key,
        at=ctx.now,
        balance=balance,
        changes=changes,
        note=f"transferred from {giver}",
        source=ctx.source,
    )


def return_all(uow: UnitOfWork, ctx: Context, person: str) -> Done:
    """Every asset of `person` checked in and every loan given back; all or nothing."""
    source = keys_of(uow, person)
    assets, lent = _holding(uow, ctx, source, person)
    holder = source[0]
    ids = []
    for asset in assets:
        done = changes.check_in(uow, ctx, [asset.tag], asset.holder, None, theirs_only=True)
        ids.append(done.entry_id)
    for loan in lent:
        done = loans.take_back(uow, ctx, loan.sku, loan.holder, None, None, None)
        ids.append(done.entry_id)
    listed = _listed(uow, assets, lent)
    text = f"Returned everything {ctx.who(holder)} held: {listed}."
    told = _tell(ctx, (holder,), f"{ctx.actor.name} returned everything you held: {listed}.", ids[0])
    return Done(text, ids[0], notices=told, also=tuple(ids[1:]))


def _holding(uow, ctx, keys, person) -> tuple[list[Asset], list[StockLoan]]:
    assets, lent = held(uow, keys)
    if not assets and not lent:
        raise HoldsNothing(f"{person.lstrip('@')} holds nothing, so nothing was changed.")
    return assets, lent


def _known(uow: UnitOfWork, keys: tuple[str, ...]) -> bool:
    """Someone the bot has met: a Slack member it knows, a holder, or someone who changed something."""
    return any(
        uow.people.name_of(k) or uow.people.id_of(k) or uow.assets.held_by(k) or uow.ledger.recent(k, limit=1)
        for k in keys
    )


def _listed(uow: UnitOfWork, assets: list[Asset], lent: list[StockLoan]) -> str:
    names = [f"{a.tag} ({a.name})" for a in assets]
    names += [f"{uow.stock.get(loan.sku).describe(loan.quantity)} of {loan.sku}" for loan in lent]
    return ", ".join(names[:SHOWN]) + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


def _tell(ctx: Context, people: tuple[str, ...], text: str, entry_id: int) -> tuple[Notice, ...]:
    return tuple(
        Notice(person, text, f"holdings:{entry_id}:{person}")
        for person in people
        if not ctx.actor.is_(person)
    )


def count(assets: int, lent: int) -> str:
    parts = [
        f"{assets} item{'s' if assets != 1 else ''}" if assets else "",
        f"{lent} loan{'s' if lent != 1 else ''} of stock" if lent else "",
    ]
    return " and ".join(filter(None, parts))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
