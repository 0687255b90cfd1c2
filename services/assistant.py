"""The conversation: text in, replies out. Parses, resolves items against the
catalog, asks when unsure, and runs all changes of one message in one
transaction (all of them or none)."""

from __future__ import annotations

import io
import threading
from dataclasses import replace
from datetime import datetime, timezone, tzinfo
from typing import Callable

from domain.alerts import LowStock
from domain.commands import Command, Intent
from domain.errors import Ambiguous, DomainError
from domain.language import parse
from domain.language.parser import MAX_TEXT
from domain.ledger import Action
from domain.people import Person, Role
from services import (
    audits,
    barcodes,
    catalog,
    changes,
    charts,
    csv_export,
    labels,
    queries,
    questions,
    reports,
    voice,
)
from services.audio import NotAudio, to_pcm
from services.catalog_cache import CatalogCache
from services.context import Context
from services.people import People
from services.replies import HELP, Choice, NextStep, Reply, ReplyKind, Step, answer, refusal
from services.resolver import CatalogItem
from services.speech import Recognizer
from services.understanding import NEW_PLACE, NeedsChoice, NeedsPlace, understand
from storage.unit_of_work import UnitOfWorkFactory

Clock = Callable[[], datetime]
QUESTIONS = {
    Intent.WHO_HAS: queries.who_has,
    Intent.WHERE_IS: queries.where_is,
    Intent.HOW_MANY: queries.how_many,
    Intent.IS_AVAILABLE: queries.who_has,
    Intent.INFO: queries.info,
    Intent.WORTH: queries.worth,
}
CARD_INTENTS = frozenset({Intent.INFO, Intent.WHO_HAS, Intent.WHERE_IS, Intent.IS_AVAILABLE, Intent.HOW_MANY})
LISTINGS = {
    Intent.MY_ITEMS: queries.my_items,
    Intent.LOW_STOCK: queries.low_stock,
    Intent.ALIAS_SUGGESTIONS: queries.alias_suggestions,
    Intent.IN_MAINTENANCE: queries.in_maintenance,
}
STOCK_MOVES = {Intent.CONSUME: Action.CONSUME, Intent.RECEIVE: Action.RECEIVE, Intent.COUNT: Action.COUNT}
MAX_MESSAGE = MAX_TEXT  # longer is a paste, not a request: refused whole, never cut
TOO_LONG = (
    "That message is {length:,} characters long; I read requests of up to "
    + f"{MAX_TEXT:,}"
    + " characters, so "
    "nothing was changed. Please send one request at a time."
)
NOT_UNDERSTOOD = "Sorry, I didn't understand that, so nothing was changed. Say “help” to see what I can do."


class Assistant:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock | None = None,
        tz: tzinfo = timezone.utc,
        managers=(),
        on_crossing: Callable[[object, list[LowStock]], None] | None = None,
        audit_intervals: dict[str, int] | None = None,
    ):
        """`on_crossing(uow, items)` hears, inside the change's transaction, of
        items the change took to their reorder point."""
        self.uow, self.tz = uow, tz
        self.on_crossing = on_crossing
        self.audit_intervals = audit_intervals or {}
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.managers = {m.strip().lower() for m in managers if m.strip()}
        self.catalog = CatalogCache(uow)
        self.people = People(uow)
        self._recognizer: Recognizer | None = None
        self._recognizer_lock = threading.Lock()

    def person(self, name: str) -> Person:
        return Person(name, Role.MANAGER if name.lower() in self.managers else Role.EMPLOYEE)

    def context(
        self,
        who: Person | str,
        source: str | None = None,
        inbox_id: int | None = None,
        thread: str | None = None,
        deliver=None,
    ) -> Context:
        person = who if isinstance(who, Person) else self.person(who)
        return Context(person, self.clock(), self.tz, source, inbox_id, thread, deliver, self.people.name)

    def handle(
        self,
        who: Person | str,
        text: str,
        source: str | None = None,
        names: dict[str, str] | None = None,
        inbox_id: int | None = None,
        thread: str | None = None,
        deliver=None,
    ) -> list[Reply]:
        ctx = self.context(who, source, inbox_id, thread, deliver)
        if len(text or "") > MAX_MESSAGE:
            return [refusal(TOO_LONG.format(length=len(text)))]
        return self.run(ctx, parse(text, ctx.now, self.tz, names))

    def handle_photo(
        self,
        who: Person | str,
        text: str,
        images: list[bytes],
        source: str | None = None,
        inbox_id: int | None = None,
        thread: str | None = None,
        deliver=None,
    ) -> list[Reply]:
        """A photo (or several) posted to the bot: read the barcodes, say what
        they are, and if the words with it ask for a change ("used 3 of these"),
        make it on the item photographed."""
        ctx = self.context(who, source, inbox_id, thread, deliver)
        if len(text or "") > MAX_MESSAGE:
            return [refusal(TOO_LONG.format(length=len(text)))]
        codes: list[str] = []
        for data in images:
            try:
                codes += barcodes.decode(barcodes.open_image(data))
            except barcodes.NotAnImage as error:
                return [refusal(f"Sorry, {error}.")]
        if not codes:
            return [refusal(barcodes.TIPS)]
        with self.uow(read_only=True) as uow:
            found = barcodes.look_up(uow, list(dict.fromkeys(codes)), ctx.name_of)
        known = [f for f in found if f.key]
        commands = parse(text, ctx.now, self.tz) if text.strip() else []
        if len(known) == 1 and commands and all(c.is_change and not c.ref for c in commands):
            return self.run(ctx, [replace(c, ref=known[0].key) for c in commands])
        return [
            Reply(ReplyKind.ANSWER, "\n".join(f.description for f in found), offers=_photo_offers(ctx, found))
        ]

    def handle_voice(
        self,
        who: Person | str,
        clip: bytes | None = None,
        transcript: str | None = None,
        source: str | None = None,
        inbox_id: int | None = None,
        thread: str | None = None,
    ) -> tuple[str, list[Reply]]:
        """A voice clip, as (the words heard, the replies). Slack's own
        transcript is used when it has one; otherwise the clip is recognized
        here. Questions are answered at once; a change waits for Confirm."""
        ctx = self.context(who, source, inbox_id, thread)
        if transcript is None:
            try:
                heard = self.recognizer().transcribe(to_pcm(clip or b""))
            except NotAudio as error:
                return "", [refusal(f"Sorry, {error}; nothing was changed.")]
            if not heard.by_grammar:
                return heard.text, [refusal(voice.not_a_command(heard.text))]
            transcript = heard.text
        said = f"Heard: “{transcript}”."
        if len(transcript) > voice.MAX_SPOKEN:
            return transcript, [
                refusal(
                    f"{said[: voice.MAX_SPOKEN]}… That is more than one command, so nothing was changed. "
                    "Say one at a time, or type it."
                )
            ]
        commands = parse(transcript, ctx.now, self.tz)
        if any(c.intent is Intent.UNKNOWN for c in commands):
            return transcript, [
                refusal(f"{said} That isn't a command I know, so nothing was changed. Try again, or type it.")
            ]
        replies = [self._answer(ctx, c, commands) for c in commands if not c.is_change]
        asked = [c for c in commands if c.is_change]
        if asked:
            preview = self._change(ctx, asked, commands, dry_run=True)
            if preview.kind is ReplyKind.QUESTION and not preview.choices:
                preview = replace(
                    preview,
                    text=f"Tap Confirm to do this: {preview.text}",
                    confirm=(transcript, ctx.actor.name, ctx.source or ""),
                )
            replies.append(preview)
        replies = self._keep_questions(ctx, replies)
        return transcript, [replace(replies[0], text=f"{said}\n{replies[0].text}"), *replies[1:]]

    def recognizer(self) -> Recognizer:
        """Speech models load on the first clip (about half a second), not at start."""
        with self._recognizer_lock:
            if self._recognizer is None:
                self._recognizer = Recognizer(self.catalog)
            return self._recognizer

    def answer(
        self,
        who: Person | str,
        question_id: int,
        key: str,
        source: str | None = None,
        inbox_id: int | None = None,
        deliver=None,
    ) -> list[Reply]:
        """The person picked `key` in the stored question `question_id`: run
        what the message asked for, with the choice in place, once."""
        ctx = self.context(who, source, inbox_id, deliver=deliver)
        with self.uow(read_only=True) as uow:
            try:
                question = questions.open_question(uow, ctx, question_id, key)
            except DomainError as error:
                return [refusal(error.message, error.code)]
        ctx = replace(ctx, claim=lambda uow: uow.questions.answer(question_id, ctx.now))
        replies = self._choose(ctx, question, key)
        if not any(r.delivered for r in replies):  # it only asked something: nothing to commit with
            with self.uow() as uow:
                uow.questions.answer(question_id, ctx.now)
                uow.commit()
        return replies

    def _choose(self, ctx: Context, question: Reply, key: str) -> list[Reply]:
        """Run the question's commands with `key` in place of the words it
        asked about, and offer those words to managers as an alias."""
        field = question.reference_field
        commands = [
            replace(c, **{field: key}) if getattr(c, field) == question.reference else c
            for c in question.pending
        ]
        replies = self.run(ctx, commands)
        if question.reference and field == "ref" and not any(r.kind is ReplyKind.REFUSAL for r in replies):
            replies.append(self._suggest_alias(ctx, question.reference, key))
        return [r for r in replies if r is not None]

    def _suggest_alias(self, ctx: Context, words: str, key: str) -> Reply | None:
        item = self.catalog.index().resolve(key).items[0]
        with self.uow() as uow:
            suggestion = uow.aliases.record(words, item.type.value, item.key, ctx.actor.name, ctx.now)
            uow.commit()
        if not ctx.actor.is_manager:
            return None  # managers see it in “alias suggestions”
        return answer(f"Tip: say “accept alias {suggestion.id}” to make “{words}” always mean {item.key}.")

    def run(self, ctx: Context, commands: list[Command]) -> list[Reply]:
        if any(c.intent is Intent.UNKNOWN for c in commands):
            return [refusal(NOT_UNDERSTOOD)]
        replies, change_commands = [], []
        for command in commands:
            if command.is_change:
                change_commands.append(command)
            else:
                replies.append(self._answer(ctx, command, commands))
        if change_commands:
            replies.append(self._change(ctx, change_commands, commands))
        return self._keep_questions(ctx, replies)

    def _keep_questions(self, ctx: Context, replies: list[Reply]) -> list[Reply]:
        """Questions with choices are stored, so an answer names them by id."""
        asking = [
            n for n, r in enumerate(replies) if r.kind is ReplyKind.QUESTION and r.choices and r.pending
        ]
        if not asking:
            return replies
        replies = list(replies)
        with self.uow() as uow:
            for n in asking:
                replies[n] = questions.store(uow, ctx, replies[n])
            uow.commit()
        return replies

    def _answer(self, ctx: Context, command: Command, all_commands: list[Command]) -> Reply:
        if command.intent is Intent.HELP:
            return answer(HELP)
        understood = self._understood([command], all_commands)
        if isinstance(understood, Reply):
            return understood
        with self.uow(read_only=True) as uow:
            try:
                return self._query(ctx, uow, command, understood[0])
            except DomainError as error:
                return refusal(error.message, error.code)

    def _understood(self, commands: list[Command], all_commands: list[Command]):
        """The commands resolved against the catalog, or the question or
        refusal that answers the message instead (nothing is changed then)."""
        try:
            return understand(commands, self.catalog.index())
        except NeedsChoice as choice:
            return self._question(choice, all_commands)
        except NeedsPlace as place:
            return _place_question(place, all_commands)
        except DomainError as error:
            return refusal(error.message, error.code)

    def _query(self, ctx: Context, uow, command: Command, understood) -> Reply:
        if command.intent is Intent.EXPORT:
            return _export(ctx, uow, command.value)
        if command.intent is Intent.REGISTER:
            return _register(ctx, uow, command.field or "department")
        if command.intent is Intent.LABELS:
            return _labels(list(understood.items))
        if command.intent is Intent.AUDITS_DUE:
            return answer(audits.due(uow, ctx, self.audit_intervals))
        listing = LISTINGS.get(command.intent)
        if listing is not None:
            return answer(listing(ctx, uow))
        items = queries.load(uow, list(understood.items))
        cards = queries.cards(ctx, items) if command.intent in CARD_INTENTS else ()
        return Reply(ReplyKind.ANSWER, QUESTIONS[command.intent](ctx, items), cards=cards)

    def _change(
        self, ctx: Context, commands: list[Command], all_commands: list[Command], dry_run: bool = False
    ) -> Reply:
        """Apply the changes, all or none. A dry run makes them, says what
        they would do, and rolls them back."""
        targets = self._understood(commands, all_commands)
        if isinstance(targets, Reply):
            return targets
        with self.uow() as uow:
            try:
                done = [self._apply(uow, ctx, target.command, target.items) for target in targets]
            except DomainError as error:
                return refusal(error.message, error.code)
            if dry_run:
                return Reply(
                    ReplyKind.QUESTION, "\n".join(d.text for d in done)
                )  # not committed: rolled back
            if ctx.inbox_id is not None and not uow.inbox.finish(ctx.inbox_id):
                return Reply(ReplyKind.ANSWER, "")  # another worker already applied this message
            if ctx.claim is not None and not ctx.claim(uow):
                return refusal("That question was answered already, so nothing more was changed.")
            ids = tuple(d.entry_id for d in done if d.entry_id)
            offers = tuple(d.offer for d in done if d.offer)
            reply = Reply(
                ReplyKind.CHANGE if ids else ReplyKind.ANSWER,
                "\n".join(d.text for d in done),
                entry_ids=ids,
                offers=offers,
            )
            # What the change means for others and what the person is told are
            # recorded with it: committed together, or not at all.
            crossings = [d.crossing for d in done if d.crossing]
            if crossings and self.on_crossing:
                self.on_crossing(uow, crossings)
            if ctx.deliver:
                ctx.deliver(uow, reply)
                reply = replace(reply, delivered=True)
            uow.commit()
        self.catalog.invalidate()
        return reply

    def _apply(self, uow, ctx: Context, command: Command, items: tuple[CatalogItem, ...]) -> changes.Done:
        intent, keys = command.intent, [i.key for i in items]
        if intent is Intent.CHECK_OUT:
            return changes.check_out(uow, ctx, keys, self._holder(uow, ctx, command), command.due)
        if intent is Intent.CHECK_IN:
            return changes.check_in(uow, ctx, keys, self._holder(uow, ctx, command), command.note)
        if intent in (Intent.MAINTENANCE, Intent.REPAIRED):
            return changes.maintenance(uow, ctx, keys[0], repaired=intent is Intent.REPAIRED)
        if intent is Intent.SEEN:
            return audits.seen(uow, ctx, keys[0], command.value)
        if intent is Intent.AUDIT_START:
            return audits.start_audit(uow, ctx, command.value)
        if intent is Intent.AUDIT_CLOSE:
            return audits.close_audit(uow, ctx, command.value)
        if intent is Intent.MOVE:
            return changes.move(uow, ctx, keys[0], command.field, command.value)
        if intent is Intent.EXTEND:
            return changes.extend(uow, ctx, keys, self._holder(uow, ctx, command), command.due)
        if intent in STOCK_MOVES:
            return changes.move_stock(uow, ctx, STOCK_MOVES[intent], keys[0], command.count, command.pack)
        if intent is Intent.UNDO:
            return catalog.undo(uow, ctx, int(command.value) if command.value else None)
        if intent is Intent.ACCEPT_ALIAS:
            return catalog.accept_alias(uow, ctx, command.count)
        if intent is Intent.DISMISS_ALIAS:
            return catalog.dismiss_alias(uow, ctx, command.count)
        if intent is Intent.ADD_ASSET:
            return catalog.add_asset(uow, ctx, command.ref, command.value)
        if intent is Intent.ADD_STOCK:
            return catalog.add_stock(uow, ctx, command.ref, command.value, command.field)
        if intent is Intent.SET_REORDER:
            return catalog.set_reorder(uow, ctx, keys[0], command.count)
        if intent is Intent.RETIRE:
            return catalog.retire(uow, ctx, keys[0])
        return catalog.edit(uow, ctx, items[0].type, keys[0], command.field, command.value)

    def _holder(self, uow, ctx: Context, command: Command) -> str:
        """Whom a check-out or return is for: the person named ("for @bob"), or the one asking."""
        return self.people.key_for(uow, command.person) if command.person else ctx.actor.key

    @staticmethod
    def _question(choice: NeedsChoice, all_commands: list[Command]) -> Reply:
        choices = tuple(Choice(i.key, i.label) for i in choice.candidates[:8])
        text = (
            Ambiguous(choice.reference, tuple(c.label for c in choices)).message + " Which one did you mean?"
        )
        return Reply(
            ReplyKind.QUESTION, text, choices=choices, pending=tuple(all_commands), reference=choice.reference
        )


def _export(ctx: Context, uow, kind: str) -> Reply:
    """A manager asks for a CSV export in chat: the same file as `quartermaster export`."""
    ctx.actor.require_manager("export the catalog or the ledger")
    out = io.StringIO()
    rows = csv_export.write(kind, uow, out)
    stamp = ctx.now.astimezone(ctx.tz).strftime("%Y-%m-%d")
    name = f"quartermaster-{kind}-{stamp}.csv"
    return Reply(
        ReplyKind.ANSWER,
        f"Here is the {kind} export ({rows:,} rows): {name}",
        attachment=(name, out.getvalue().encode()),
        private=True,
    )


def _register(ctx: Context, uow, by: str) -> Reply:
    """What the assets are worth, grouped: a short table, and the chart as a file."""
    at = ctx.now.astimezone(ctx.tz).date()
    rows = reports.register_rows(uow, by, at)
    chart = charts.register_chart(rows, by, at)
    return Reply(
        ReplyKind.ANSWER,
        reports.register_table(rows, by, at),
        attachment=(f"assets-by-{by}-{at.isoformat()}.png", chart),
    )


def _place_question(place: NeedsPlace, all_commands: list[Command]) -> Reply:
    choices = [Choice(c, c) for c in place.candidates[:4]]
    choices.append(Choice(NEW_PLACE + place.reference, f"New {place.field}: {place.reference}"))
    if place.candidates:
        text = f"Which {place.field} is “{place.reference}”? Or is it a new one?"
    else:
        text = f"I don't know a {place.field} called “{place.reference}” yet. Create it?"
    return Reply(
        ReplyKind.QUESTION,
        text,
        choices=tuple(choices),
        pending=tuple(all_commands),
        reference=place.reference,
        reference_field="value",
    )


def _labels(items: list[CatalogItem]) -> Reply:
    """Labels to print: a PNG for one item, a PDF sheet for several."""
    codes = [(item.key, item.name) for item in items]
    try:
        if len(codes) == 1:
            return Reply(
                ReplyKind.ANSWER,
                f"Label for {codes[0][0]} ({codes[0][1]}).",
                attachment=(f"label-{codes[0][0]}.png", labels.png(*codes[0])),
            )
        sheet = labels.pdf_sheet(codes)
    except labels.LabelError as error:
        return refusal(str(error))
    return Reply(
        ReplyKind.ANSWER,
        f"{len(codes)} labels on an A4 sheet (3 x 7, Avery L7160 layout).",
        attachment=(f"labels-{len(codes)}.pdf", sheet),
    )


def _photo_offers(ctx: Context, found) -> tuple[NextStep, ...]:
    """Buttons for what can be done with what was photographed (said as words)."""
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
