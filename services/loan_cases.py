"""Use cases of lendable stock, of what people hold as a whole (holdings,
transfer, return all) and of warranty and service dates, registered in
services.use_cases' tables like every other command."""

from __future__ import annotations

from domain import commands as C
from services import changes, holdings, kits, loans, warranty
from services.replies import Reply
from services.use_cases import Task, handles


@handles(C.Lend)
def lend(t: Task) -> changes.Done:
    c = t.command
    return loans.lend_out(t.uow, t.ctx, t.keys[0], t.holder, c.count, c.pack, c.due)


@handles(C.GiveBack)
def give_back(t: Task) -> changes.Done:
    c = t.command
    return loans.take_back(t.uow, t.ctx, t.keys[0], t.holder, c.count, c.pack, c.note)


@handles(C.Serviced)
def serviced(t: Task) -> changes.Done:
    return warranty.serviced(t.uow, t.ctx, t.keys[0])


@handles(C.Warranties)
def warranties(t: Task) -> Reply:
    return warranty.listing(t.uow, t.ctx, t.command)


@handles(C.MyItems)
def my_items(t: Task) -> Reply:
    return holdings.listing(t.uow, t.ctx, t.ctx.actor.key)


@handles(C.Transfer)
def transfer(t: Task) -> changes.Done:
    return holdings.transfer(t.uow, t.ctx, t.command.giver, t.command.taker)


@handles(C.ReturnAll)
def return_all(t: Task) -> changes.Done:
    return holdings.return_all(t.uow, t.ctx, t.command.giver)


@handles(C.KitOut)
def kit_out(t: Task) -> changes.Done:
    c = t.command
    return kits.check_out(t.uow, t.ctx, t.keys[0], t.holder, c.due, c.override, c.omit)


@handles(C.KitBack)
def kit_back(t: Task) -> changes.Done:
    return kits.check_in(t.uow, t.ctx, t.keys[0], t.holder, t.command.note)


@handles(C.CreateKit)
def create_kit(t: Task) -> changes.Done:
    return kits.create(t.uow, t.ctx, t.command.title, t.command.items)


@handles(C.EditKit)
def edit_kit(t: Task) -> changes.Done:
    return kits.edit(t.uow, t.ctx, t.keys[0], t.command.items, t.command.drop)
