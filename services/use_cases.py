"""One use case per command type: the only place a command becomes work.
Changes return what they did (`changes.Done`), inside the caller's
transaction; questions return a reply from a read-only one. A command type
without a use case fails tests/unit/test_use_cases.py, never falls through."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from domain import commands as C
from domain.assets import Asset, AssetStatus
from domain.bookings import BookingRules
from domain.commands import Command
from domain.ledger import Action, ItemType
from services import (
    audits,
    catalog,
    changes,
    charts,
    csv_export,
    handovers,
    kits,
    labels,
    listings,
    queries,
    reports,
)
from services.context import Context
from services.people import people_key
from services.replies import HELP, NextStep, Reply, ReplyKind, Step, answer, refusal
from services.resolver import CatalogItem
from storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Task:
    """A resolved command, with what its use case may need."""

    uow: UnitOfWork
    ctx: Context
    command: Command
    items: tuple[CatalogItem, ...] = ()
    audit_intervals: dict[str, int] = field(default_factory=dict)
    booking_rules: BookingRules = BookingRules()
    public_url: str | None = None  # QM_PUBLIC_URL: where calendar feeds are served

    @property
    def keys(self) -> list[str]:
        return [item.key for item in self.items]

    @property
    def holder(self) -> str:
        """Whom a check-out or return is for: the person named ("for @bob"), or the one asking."""
        person = getattr(self.command, "person", None)
        # "sign it out to Zoe", said by zoe: the speaker, by the key they are known by
        if not person or person.lower().lstrip("@") == self.ctx.actor.name.lower():
            return self.ctx.actor.key
        return people_key(self.uow, person)


# Commands no use case sees: understanding turns a Take into a CheckOut or a
# Consume once the item is known, a message with an Unknown in it is refused
# whole, the assistant swaps a More for the stored page it continues, and a
# follow-up ("make it 5") is read against the last change first.
NEVER_RUN = (C.Take, C.Unknown, C.More, *C.FOLLOW_UPS)
ChangeCase = Callable[[Task], changes.Done]
QuestionCase = Callable[[Task], Reply]
CHANGES: dict[type[Command], ChangeCase] = {}
QUESTIONS: dict[type[Command], QuestionCase] = {}


def handles(*types: type[Command]):
    def register(case):
        for kind in types:
            table = CHANGES if kind.changes else QUESTIONS
            assert kind not in table, f"{kind.__name__} has two use cases"
            table[kind] = case
        return case

    return register


# -- changes ---------------------------------------------------------------


@handles(C.CheckOut)
def check_out(t: Task) -> changes.Done:
    mine = handovers.held_by_speaker(t.uow, t.ctx, t.keys) if t.command.person else None
    if mine:  # "hand the drill to @dana" by who has it: asked of dana ("to me": refused there)
        return handovers.offer(t.uow, t.ctx, mine, t.holder)
    return changes.check_out(t.uow, t.ctx, t.keys, t.holder, t.command.due, t.command.override)


@handles(C.CheckIn)
def check_in(t: Task) -> changes.Done:
    assets = [t.uow.assets.get(key) for key in t.keys]
    if assets and all(a.status is AssetStatus.MAINTENANCE for a in assets):  # "the drone's back from DJI"
        return changes.maintenance(t.uow, t.ctx, t.keys[0], repaired=True)
    named = bool(t.command.person) and t.holder != t.ctx.actor.key  # "erin returned the light"
    return changes.check_in(t.uow, t.ctx, t.keys, t.holder, t.command.note, theirs_only=named)


@handles(C.Extend)
def extend(t: Task) -> changes.Done:
    return changes.extend(t.uow, t.ctx, t.keys, t.holder, t.command.due, t.command.days)


@handles(C.Maintenance, C.Repaired)
def maintenance(t: Task) -> changes.Done:
    return changes.maintenance(t.uow, t.ctx, t.keys[0], repaired=isinstance(t.command, C.Repaired))


@handles(C.Move)
def move(t: Task) -> changes.Done:
    if t.command.where == "department":  # who owns it, for the books: a manager's decision
        t.ctx.actor.require_manager("move items between departments")
    return changes.move(t.uow, t.ctx, t.keys[0], t.command.where, t.command.to)


STOCK_ACTIONS = {C.Consume: Action.CONSUME, C.Receive: Action.RECEIVE, C.Count: Action.COUNT}


@handles(*STOCK_ACTIONS)
def move_stock(t: Task) -> changes.Done:
    action = STOCK_ACTIONS[type(t.command)]
    return changes.move_stock(t.uow, t.ctx, action, t.keys[0], t.command.count, t.command.pack)


@handles(C.Seen)
def seen(t: Task) -> changes.Done:
    return audits.seen(t.uow, t.ctx, t.keys[0], t.command.to)


@handles(C.AuditStart)
def start_audit(t: Task) -> changes.Done:
    return audits.start_audit(t.uow, t.ctx, t.command.to)


@handles(C.AuditClose)
def close_audit(t: Task) -> changes.Done:
    return audits.close_audit(t.uow, t.ctx, t.command.to)


@handles(C.Undo)
def undo(t: Task) -> changes.Done:
    """ "undo": the speaker's last message's changes, all of them (a kit, a transfer, "return
    everything"), newest first, or none; an Undo button names its entries itself."""
    if t.command.entry_id is not None:
        return catalog.undo(t.uow, t.ctx, t.command.entry_id)
    actor = (t.ctx.actor.key, t.ctx.actor.name)
    last = t.uow.ledger.last_undoable(*actor)
    if last is None or last.source is None:
        return catalog.undo(t.uow, t.ctx)
    same = [
        e
        for e in t.uow.ledger.recent(*actor, limit=MESSAGE_ENTRIES)
        if e.source == last.source
        and e.is_undoable
        and e.id <= last.id
        and not t.uow.ledger.is_reversed(e.id)
    ]
    done = [catalog.undo(t.uow, t.ctx, e.id) for e in same]
    if len(done) == 1:
        return done[0]
    return changes.Done(
        "\n".join(d.text for d in done), done[0].entry_id, also=tuple(d.entry_id for d in done[1:])
    )


MESSAGE_ENTRIES = 500  # entries one message may make (a leaver's transfer): undone together


@handles(C.AcceptAlias)
def accept_alias(t: Task) -> changes.Done:
    return catalog.accept_alias(t.uow, t.ctx, t.command.suggestion)


@handles(C.DismissAlias)
def dismiss_alias(t: Task) -> changes.Done:
    return catalog.dismiss_alias(t.uow, t.ctx, t.command.suggestion)


@handles(C.AddAsset)
def add_asset(t: Task) -> changes.Done:
    c = t.command
    return catalog.add_asset(t.uow, t.ctx, c.tag, c.description, _named_fields(c, "tag", "description"))


@handles(C.AddStock)
def add_stock(t: Task) -> changes.Done:
    c = t.command
    fields = _named_fields(c, "sku", "description", "unit")
    return catalog.add_stock(t.uow, t.ctx, c.sku, c.description, c.unit, fields)


def _named_fields(command: Command, *besides: str) -> dict[str, str]:
    """The catalog fields a new item's sentence named, by their CSV column."""
    hints = ("kind", "make_and_model", "twice")  # words understanding has read already
    return {k: v for k, v in vars(command).items() if v and k not in besides + hints}


@handles(C.SetReorder)
def set_reorder(t: Task) -> changes.Done:
    return catalog.set_reorder(t.uow, t.ctx, t.keys[0], t.command.count)


@handles(C.Retire)
def retire(t: Task) -> changes.Done:
    return catalog.retire(t.uow, t.ctx, t.keys[0])


@handles(C.Edit)
def edit(t: Task) -> changes.Done:
    return catalog.edit(t.uow, t.ctx, t.items[0].type, t.keys[0], t.command.field, t.command.value)


# -- questions -------------------------------------------------------------

ITEM_ANSWERS = {
    C.WhoHas: queries.who_has,
    C.IsAvailable: queries.who_has,
    C.WhereIs: queries.where_is,
    C.HowMany: queries.how_many,
    C.Info: queries.info,
}


@handles(*ITEM_ANSWERS)
def item_card(t: Task) -> Reply:
    if t.items and all(i.type is ItemType.KIT for i in t.items):  # "what's in the PA kit?"
        return answer("\n\n".join(kits.describe(t.uow, t.ctx, i.key) for i in t.items[:3]))
    items = queries.load(t.uow, list(t.items))
    if isinstance(t.command, C.WhoHas):  # lendable stock: who has how much
        text = queries.who_has(t.ctx, items, t.uow.loans.of_item)
    else:
        text = ITEM_ANSWERS[type(t.command)](t.ctx, items)
    bookable = [i.tag for i in items if isinstance(i, Asset) and i.status is not AssetStatus.RETIRED]
    offers = (
        tuple(NextStep(f"Book {tag}", Step.BOOK, tag) for tag in bookable[:3])
        if C.Info is type(t.command)
        else ()
    )
    return Reply(ReplyKind.ANSWER, text, cards=queries.cards(t.ctx, items), offers=offers)


@handles(C.Worth)
def worth(t: Task) -> Reply:
    return answer(queries.worth(t.ctx, queries.load(t.uow, list(t.items))))


LISTINGS = {
    C.LowStock: queries.low_stock,
    C.AliasSuggestions: queries.alias_suggestions,
    C.InMaintenance: queries.in_maintenance,
}


@handles(*LISTINGS)
def listing(t: Task) -> Reply:
    return answer(LISTINGS[type(t.command)](t.ctx, t.uow))


@handles(C.ListAssets)
def list_assets(t: Task) -> Reply:
    return listings.list_assets(t.uow, t.ctx, t.command, tuple(t.keys))


@handles(C.TopUsers)
def top_users(t: Task) -> Reply:
    return listings.top_users(t.uow, t.ctx, t.command, t.keys[0])


@handles(C.History)
def history(t: Task) -> Reply:
    lines = []
    for item in t.items[:3]:
        entries = t.uow.ledger.of_item(item.type.value, item.key, limit=8)
        lines.append(f"{item.label}:" if entries else f"{item.label}: nothing recorded yet.")
        lines += [f"• {t.ctx.local(e.at)}: {t.ctx.who(e.actor)} {_entry_words(t, e)}" for e in entries]
    return answer("\n".join(lines))


def _entry_words(t: Task, entry) -> str:
    if entry.action is Action.CHECK_OUT:
        holder = entry.changes.get("holder", (None, None))[1]
        return "checked it out" + (
            f" for {t.ctx.who(holder)}"
            if holder and not t.ctx.actor.is_(holder) and holder != entry.actor
            else ""
        )
    if entry.action is Action.CHECK_IN:
        return "returned it"
    if entry.action in (Action.CONSUME, Action.RECEIVE, Action.COUNT):
        verb = {Action.CONSUME: "used", Action.RECEIVE: "received", Action.COUNT: "counted"}[entry.action]
        return f"{verb} {abs(entry.quantity or 0):,}"
    if entry.action is Action.SEEN:
        return "saw it" + (f" in {entry.note}" if entry.note else "")
    if entry.action is Action.EDIT and entry.changes:
        return "changed " + ", ".join(f"{k} to {v[1] or 'nothing'}" for k, v in entry.changes.items())
    return entry.action.value.replace("_", " ")


@handles(C.AuditsDue)
def audits_due(t: Task) -> Reply:
    return answer(audits.due(t.uow, t.ctx, t.audit_intervals))


@handles(C.UnknownRecipient)
def unknown_recipient(t: Task) -> Reply:
    c = t.command
    return refusal(
        f"Who is “{c.recipient}”? I don't know anyone by that name, so nothing was changed. To check "
        f"{c.words} out to them, mention them: “give {c.words} to @{c.recipient}”; to move it to a "
        f"department, say “transfer {c.words} to the {c.recipient} department”.",
        "unknown_recipient",
    )


@handles(C.UnclearDay)
def unclear_day(t: Task) -> Reply:
    first, second = (date.fromisoformat(d) for d in t.command.dates)
    return refusal(
        f"Which day is “{t.command.said}”: {first:%a %-d %b} or {second:%a %-d %b}? Say it again with "
        f"the date, e.g. “until {second:%-d %b}”. Nothing was changed.",
        "unclear_day",
    )


@handles(C.Help)
def help_text(t: Task) -> Reply:
    return answer(HELP)


@handles(C.Export)
def export(t: Task) -> Reply:
    """A manager asks for a CSV export in chat: the same file as `quartermaster export`."""
    kind = t.command.kind
    out = io.StringIO()
    rows = csv_export.write(kind, t.uow, out)
    stamp = t.ctx.now.astimezone(t.ctx.tz).strftime("%Y-%m-%d")
    name = f"quartermaster-{kind}-{stamp}.csv"
    return Reply(
        ReplyKind.ANSWER,
        f"Here is the {kind} export ({rows:,} rows): {name}",
        attachment=(name, out.getvalue().encode()),
        private=True,
    )


@handles(C.Register)
def register(t: Task) -> Reply:
    """What the assets are worth, grouped: a short table, and the chart as a file."""
    by, at = t.command.by, t.ctx.now.astimezone(t.ctx.tz).date()
    rows = reports.register_rows(t.uow, by, at)
    return Reply(
        ReplyKind.ANSWER,
        reports.register_table(rows, by, at),
        attachment=(f"assets-by-{by}-{at.isoformat()}.png", charts.register_chart(rows, by, at)),
    )


@handles(C.Labels)
def print_labels(t: Task) -> Reply:
    """Labels to print: a PNG for one item, a PDF sheet for several."""
    codes = [(item.key, item.name) for item in t.items]
    qr = t.command.qr
    kind = "QR label" if qr else "Label"
    try:
        if len(codes) == 1:
            return Reply(
                ReplyKind.ANSWER,
                f"{kind} for {codes[0][0]} ({codes[0][1]}).",
                attachment=(f"label-{codes[0][0]}.png", labels.png(*codes[0], qr=qr)),
            )
        sheet = labels.pdf_sheet(codes, qr=qr)
    except labels.LabelError as error:
        return refusal(str(error))
    return Reply(
        ReplyKind.ANSWER,
        f"{len(codes)} {kind.lower()}s on an A4 sheet (3 x 7, Avery L7160 layout).",
        attachment=(f"labels-{len(codes)}.pdf", sheet),
    )


# Bookings, waitlists, handovers and calendar links have their own module; it
# registers with `handles` above, so it is imported once those are defined.
from services import (
    booking_cases,  # noqa: E402, F401
    loan_cases,  # noqa: E402, F401  (lendable stock, holdings, warranty)
)
