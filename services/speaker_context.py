"""What a message's words lean on besides the catalog: the items the people
a return is about hold ("bringing the laptop back" means theirs), and the
items of the speaker's last change ("return it")."""

from __future__ import annotations

from datetime import timedelta

from domain import commands as C
from domain.commands import Command
from services.context import Context
from services.people import people_key
from services.understanding import PRONOUNS, RETURNS
from storage.unit_of_work import UnitOfWorkFactory

CONTEXT_FOR = timedelta(minutes=15)  # "return it": the item of a change this recent


def held(uow: UnitOfWorkFactory, ctx: Context, commands: list[Command]) -> frozenset[str]:
    """The tags and lent SKUs held by the people a return is about (the speaker,
    or who it is for); empty when no command is about what someone holds."""
    longer = any(isinstance(c, C.Take) and c.due for c in commands)  # "need X till friday": may be longer
    put_back = any(isinstance(c, C.Receive) and c.put_back for c in commands)  # from a loan, perhaps
    if not longer and not put_back and not any(isinstance(c, RETURNS) for c in commands):
        return frozenset()
    with uow(read_only=True) as work:
        keys = {ctx.actor.key, ctx.actor.name}
        keys |= {people_key(work, c.person) for c in commands if getattr(c, "person", None)}
        loans = frozenset(loan.sku for loan in work.loans.held_by(*keys))
        return frozenset(a.tag for a in work.assets.held_by(*keys)) | loans


def recent(uow: UnitOfWorkFactory, ctx: Context, commands: list[Command]) -> tuple[str, ...]:
    """The items of the speaker's last change, if it was a few minutes ago: what "it" means."""
    if not any(c.ref and PRONOUNS.match(c.ref) for c in commands):
        return ()
    with uow(read_only=True) as work:
        entries = work.ledger.recent(ctx.actor.key, ctx.actor.name, limit=10)
    entries = [e for e in entries if ctx.now - e.at <= CONTEXT_FOR and e.source == entries[0].source]
    return tuple(dict.fromkeys(e.item_key for e in entries))
