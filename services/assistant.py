"""The conversation: one inbound message in, one outcome out. Photos and
voice are steps that turn attachments into commands; every command is
resolved against the catalog (asking when unsure) and carried out by its use
case, all changes of one message in one transaction (all of them or none)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timezone, tzinfo
from typing import Callable

from domain import commands as C
from domain.alerts import LowStock
from domain.bookings import BookingRules
from domain.commands import Command
from domain.errors import DomainError
from domain.language import parse
from domain.language.parser import MAX_TEXT
from domain.people import Person, Role
from services import asking, followups, hints, paging, photos, questions, unsure_packs, voice
from services.bare_moves import bare_move
from services.catalog_cache import CatalogCache
from services.context import Context
from services.inbound import Attachment, Inbound, Outcome
from services.located_items import chosen_by_place
from services.people import People
from services.places import NeedsPlace
from services.replies import CONFIRM, Reply, ReplyKind, answer, refusal, refused, too_few_free
from services.speaker_context import held, recent
from services.understanding import NeedsChoice, Understood, understand
from services.use_cases import CHANGES, QUESTIONS, Task
from storage.unit_of_work import UnitOfWorkFactory

Clock = Callable[[], datetime]
MAX_MESSAGE = MAX_TEXT  # longer is a paste, not a request: refused whole, never cut
TOO_LONG = (
    "That message is {length:,} characters long; I read requests of up to "
    + f"{MAX_TEXT:,}"
    + " characters, so "
    "nothing was changed. Please send one request at a time."
)


class Assistant:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock | None = None,
        tz: tzinfo = timezone.utc,
        managers=(),
        on_crossing: Callable[[object, list[LowStock]], None] | None = None,
        audit_intervals: dict[str, int] | None = None,
        booking_rules: BookingRules | None = None,
        public_url: str | None = None,
    ):
        """`on_crossing(uow, items)` hears, inside the change's transaction, of
        items the change took to their reorder point."""
        self.uow, self.tz = uow, tz
        self.on_crossing = on_crossing
        # `on_notice(uow, notices)`: messages to others a change brings, recorded in its transaction
        self.on_notice: Callable[[object, list], None] | None = None
        self.audit_intervals = audit_intervals or {}
        self.booking_rules = booking_rules or BookingRules()
        self.public_url = public_url
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.managers = {m.strip().lower() for m in managers if m.strip()}
        self.catalog = CatalogCache(uow)
        self.people = People(uow)
        self._recognizer = None
        self._recognizer_lock = threading.Lock()
        # Whether each person's latest message changed anything: "oops, make it 5" after a
        # refused or asked message is about that message, never an older change.
        self._changed_last: dict[str, bool] = {}

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

    # -- the route in ------------------------------------------------------

    def receive(self, message: Inbound) -> Outcome:
        ctx = self.context(
            message.actor, message.source, message.request_id, message.conversation, message.deliver
        )
        if len(message.text) > MAX_MESSAGE:
            return Outcome([refusal(TOO_LONG.format(length=len(message.text)), "too_long")])
        clips, images = message.of_kind("audio"), message.of_kind("image")
        if clips:
            return self._voice(ctx, clips[0], message.preview)
        words = (
            list(message.commands)
            if message.commands is not None
            else self.parse(message.text, message.mentions, speaker=ctx.actor.name)
        )
        if message.commands is None and len(words) == 1 and isinstance(words[0], C.Unknown):
            words = [
                bare_move(self.index(), message.text, words[0]) or words[0]
            ]  # "smallhd to the grip truck"
        if images:
            scan = photos.scan(self.uow, ctx, [a.data for a in images], words if message.text.strip() else [])
            if scan.reply is not None or message.preview:
                return Outcome([scan.reply] if scan.reply else [], scanned=scan.found)
            return replace(self.run(ctx, list(scan.commands)), scanned=scan.found)
        return self.run(ctx, words)

    def parse(self, text: str, mentions: dict[str, str] | None = None, speaker: str = "") -> list[Command]:
        """The commands in `text`, read at this moment in the bot's time zone."""
        people = self.people.known() | self.managers | ({speaker.lower()} if speaker else set())
        return parse(text, self.clock(), self.tz, mentions, frozenset(people))

    def handle(self, who: Person | str, text: str, source: str | None = None, **message) -> list[Reply]:
        """A typed message's replies (tests and tools; transports use `receive`)."""
        actor = who if isinstance(who, Person) else self.person(who)
        return self.receive(Inbound(actor, text or "", source=source, **message)).replies

    def _voice(self, ctx: Context, clip: Attachment, preview: bool) -> Outcome:
        """Questions asked by voice are answered at once; a change waits for
        Confirm. Slack's own transcript is used when it has one."""
        heard, hypotheses = None, [clip.transcript]
        if clip.transcript is None:
            heard = voice.listen(self.recognizer(), clip.data)
            if isinstance(heard, Reply):
                return Outcome([heard])
            if not heard.text:
                return Outcome([refusal(voice.NO_WORDS, "not_a_command")], heard=heard)
            hypotheses = heard.readings()
        reading = voice.read_best(hypotheses, self.parse, self.index()) if hypotheses[0] else None
        transcript = reading.said if reading else hypotheses[0]
        commands = reading.commands if reading else [C.Unknown()]
        if not any(isinstance(c, C.Unknown) for c in commands):
            commands = self._follow_ups(ctx, commands)
            if isinstance(commands, Reply):
                return Outcome(self._keep_questions(ctx, [commands]), heard=heard, said=transcript)
        if preview:
            return Outcome(
                [], heard=heard, said=transcript, understood=(voice.meaning(commands, self.index()),)
            )
        said = f"Heard: “{transcript}”.{reading.told() if reading else ''}"
        if len(transcript) > voice.MAX_SPOKEN:
            return Outcome([refusal(voice.too_long(said), "too_long")], heard=heard, said=transcript)
        if any(isinstance(c, C.Unknown) for c in commands):
            return Outcome([refusal(voice.unknown(said), "not_a_command")], heard=heard, said=transcript)
        replies = self._confirmable(ctx, commands, transcript)
        replies = [replace(replies[0], text=f"{said}\n{replies[0].text}"), *replies[1:]]
        return Outcome(replies, heard=heard, said=transcript)

    def propose(self, ctx: Context, text: str, said_as: str | None = None) -> Outcome:
        """A colleague's message ("took the last 2 HDMI cables") proposed to `ctx.actor`, its
        author: questions are answered, and a change waits for their Confirm (a stored question
        only they can answer), credited to them. Nothing changes now. `said_as`: the message's
        own source; a message already acted on (read when sent, or proposed and confirmed) is not again."""
        with self.uow(read_only=True) as uow:
            done = uow.ledger.acted_on(*filter(None, (ctx.source, said_as)))
        if done:
            return Outcome([refusal("That message's change is recorded already, so nothing was proposed.")])
        commands = self.parse(text)
        if any(isinstance(c, C.Unknown) for c in commands):
            return Outcome([refusal(hints.not_understood(self.index(), text[:200]))])
        if any(isinstance(c, C.FOLLOW_UPS) for c in commands):  # "make it 5" of whose change?
            return Outcome(
                [refusal("That message follows up an earlier one, so there is nothing to record.")]
            )
        return Outcome(self._confirmable(ctx, commands, text))

    def _confirmable(self, ctx: Context, commands: list[Command], words: str) -> list[Reply]:
        """Questions answered; changes shown as they would be, waiting for a tap on Confirm
        (a stored question only `ctx.actor` can answer). Nothing changes now."""
        replies = [self._ask(ctx, c, commands) for c in commands if not c.changes]
        asked = [c for c in commands if c.changes]
        if asked:
            preview = self._change(ctx, asked, commands, dry_run=True).replies[0]
            if preview.kind is ReplyKind.QUESTION and not preview.choices:
                preview = asking.confirm_question(preview, asked, words)
            replies.append(preview)
        return self._keep_questions(ctx, replies)

    def recognizer(self):
        """The speech model loads with the first clip (about half a second), not at start."""
        from services.speech import Recognizer

        with self._recognizer_lock:
            if self._recognizer is None:
                self._recognizer = Recognizer(self.catalog)
            return self._recognizer

    def index(self):
        return self.catalog.index()

    # -- answering a stored question --------------------------------------

    def answer(self, *args, **kwargs) -> list[Reply]:
        """`choose`'s replies (tests and tools)."""
        return self.choose(*args, **kwargs).replies

    def choose(
        self,
        who: Person | str,
        question_id: int,
        key: str,
        source: str | None = None,
        inbox_id: int | None = None,
        deliver=None,
    ) -> Outcome:
        """The person picked `key` in the stored question `question_id`: run
        what the message asked for, with the choice in place, once."""
        ctx = self.context(who, source, inbox_id, deliver=deliver)
        with self.uow(read_only=True) as uow:
            try:
                question = questions.open_question(uow, ctx, question_id, key)
            except DomainError as error:
                return Outcome([refused(error)])
        field = question.reference_field
        if field == CONFIRM and key == "cancel":
            with self.uow() as uow:
                closed = uow.questions.answer(question_id, ctx.now)
                uow.commit()
            if not closed:
                return Outcome([refusal("That question was answered already, so nothing more was changed.")])
            return Outcome([refusal(f"Cancelled “{question.reference}”: nothing was changed.")])
        ctx = replace(ctx, claim=lambda uow: uow.questions.answer(question_id, ctx.now))
        commands = [
            replace(c, **{field: key})
            if field != CONFIRM and getattr(c, field, None) == question.reference
            else c
            for c in question.pending
        ]
        outcome = self.run(ctx, commands)
        if not outcome.committed:  # it only asked or answered something: close the question on its own
            with self.uow() as uow:
                uow.questions.answer(question_id, ctx.now)
                uow.commit()
        if (
            question.reference
            and field == "ref"
            and not any(r.kind is ReplyKind.REFUSAL for r in outcome.replies)
        ):
            tip = self._suggest_alias(ctx, question.reference, key)
            outcome = replace(outcome, replies=[*outcome.replies, *([tip] if tip else [])])
        return outcome

    def _suggest_alias(self, ctx: Context, words: str, key: str) -> Reply | None:
        """The words a choice answered are offered to managers as an alias."""
        item = self.index().resolve(key).items[0]
        with self.uow() as uow:
            suggestion = uow.aliases.record(words, item.type.value, item.key, ctx.actor.name, ctx.now)
            uow.commit()
        if not ctx.actor.is_manager:
            return None  # managers see it in “alias suggestions”
        return answer(f"Tip: say “accept alias {suggestion.id}” to make “{words}” always mean {item.key}.")

    # -- running commands -------------------------------------------------

    def run(self, ctx: Context, commands: list[Command]) -> Outcome:
        unknown = next((c for c in commands if isinstance(c, C.Unknown)), None)
        if unknown is not None:
            return Outcome([refusal(hints.not_understood(self.index(), unknown.words))])
        commands = self._follow_ups(ctx, commands)
        if isinstance(commands, Reply):
            return Outcome(self._keep_questions(ctx, [commands]))
        commands, remarks = hints.without_remarks(self.index(), commands)
        self._changed_last[ctx.actor.key] = False  # until this message's change commits
        for command in commands:
            if command.manager_only and not ctx.actor.is_manager:
                try:
                    ctx.actor.require_manager(command.manager_only)
                except DomainError as error:
                    return Outcome([refused(error)])
        replies = [self._ask(ctx, c, commands) for c in commands if not c.changes]
        outcome = Outcome([])
        asked = [c for c in commands if c.changes]
        if asked:
            outcome = self._change(ctx, asked, commands)
        replies = hints.noting(replies + outcome.replies, remarks)
        self._changed_last[ctx.actor.key] = bool(outcome.committed)
        return replace(outcome, replies=self._keep_questions(ctx, replies))

    def _keep_questions(self, ctx: Context, replies: list[Reply]) -> list[Reply]:
        """Questions with choices, and lists with a next page, are stored, so
        an answer or "more" names them by id; a list shown whole closes the
        person's earlier one."""
        asking = [
            n
            for n, r in enumerate(replies)
            if (r.kind is ReplyKind.QUESTION and r.choices and r.pending) or r.more is not None
        ]
        if any(r.whole_list for r in replies):
            paging.close(self.uow, ctx)
        if not asking:
            return replies
        replies = list(replies)
        with self.uow() as uow:
            for n in asking:
                store = paging.store if replies[n].more is not None else questions.store
                replies[n] = store(uow, ctx, replies[n])
            uow.commit()
        return replies

    def _ask(self, ctx: Context, command: Command, all_commands: list[Command]) -> Reply:
        if isinstance(command, C.More):  # the next page of a stored list, typed, said or clicked
            page = paging.resume(self.uow, ctx, command.list_id)
            return page if isinstance(page, Reply) else self._ask(ctx, page, [page])
        understood = self._understood(ctx, [command], all_commands)
        if isinstance(understood, Reply):
            return understood
        with self.uow(read_only=True) as uow:
            try:
                # by what the command became: "list all the gloves" is how many gloves
                return QUESTIONS[type(understood[0].command)](self._task(uow, ctx, understood[0]))
            except DomainError as error:
                return refused(error)

    def _follow_ups(self, ctx: Context, commands: list[Command]) -> list[Command] | Reply:
        """ "make it 5", "two more": what they mean, read against the speaker's last change."""
        try:
            commands = unsure_packs.settled(self.index(), commands)  # "3 boxes of masks, sorry make it 2"
        except followups.NeedsUnit as unsure:
            return asking.unit_question(unsure)
        if not any(isinstance(c, C.FOLLOW_UPS) for c in commands):
            return commands
        if self._changed_last.get(ctx.actor.key) is False:
            return refusal(
                "Your last message didn't change anything, so there is nothing to correct or repeat. "
                "Nothing was changed; say what you meant in full."
            )
        with self.uow(read_only=True) as uow:
            try:
                return [
                    meant
                    for c in commands
                    for meant in (
                        followups.expand(uow, ctx, c, self.index()) if isinstance(c, C.FOLLOW_UPS) else [c]
                    )
                ]
            except followups.NeedsUnit as unsure:
                return asking.unit_question(unsure)
            except DomainError as error:
                return refused(error)

    def _task(self, uow, ctx: Context, understood: Understood) -> Task:
        return Task(
            uow,
            ctx,
            understood.command,
            understood.items,
            self.audit_intervals,
            self.booking_rules,
            self.public_url,
        )

    def _understood(
        self, ctx: Context, commands: list[Command], all_commands: list[Command]
    ) -> list[Understood] | Reply:
        """The commands resolved against the catalog, or the question or
        refusal that answers the message instead (nothing is changed then)."""
        placed = commands
        try:
            placed = chosen_by_place(self.uow, self.index(), commands)  # "the epson in room 204"
            return understand(
                placed, self.index(), held(self.uow, ctx, placed), recent(self.uow, ctx, placed)
            )
        except NeedsChoice as choice:  # (asked with the place read: "seen the tripod on the grip truck")
            read = {id(said): as_read for said, as_read in zip(commands, placed)}
            return asking.item_question(choice, [read.get(id(c), c) for c in all_commands])
        except NeedsPlace as place:
            return asking.place_question(place, all_commands)
        except DomainError as error:
            return refused(error)

    def _change(
        self, ctx: Context, commands: list[Command], all_commands: list[Command], dry_run=False
    ) -> Outcome:
        """Apply the changes, all or none. A dry run makes them, says what
        they would do, and rolls them back."""
        targets = self._understood(ctx, commands, all_commands)
        if isinstance(targets, Reply):
            return Outcome([targets])
        with self.uow() as uow:
            done: list = []
            try:
                for t in targets:
                    done.append(CHANGES[type(t.command)](self._task(uow, ctx, t)))
            except DomainError as error:
                fewer = too_few_free(targets, len(done))
                return Outcome([refusal(fewer, error.code) if fewer else refused(error)])
            text = "\n".join(d.text for d in done)
            if dry_run:
                return Outcome([Reply(ReplyKind.QUESTION, text)])  # not committed: rolled back
            if ctx.inbox_id is not None and not uow.inbox.finish(ctx.inbox_id):
                return Outcome([Reply(ReplyKind.ANSWER, "")])  # another worker already applied this message
            if ctx.claim is not None and not ctx.claim(uow):
                return Outcome([refusal("That question was answered already, so nothing more was changed.")])
            ids = tuple(i for d in done for i in (d.entry_id, *d.also) if i)
            reply = Reply(
                ReplyKind.CHANGE if ids else ReplyKind.ANSWER,
                text,
                entry_ids=ids,
                offers=tuple(d.offer for d in done if d.offer),
                private=any(d.private for d in done),
                told=tuple(n for d in done for n in d.notices),
            )
            # What the change means for others and what the person is told are
            # recorded with it: committed together, or not at all.
            crossings = tuple(d.crossing for d in done if d.crossing)
            if crossings and self.on_crossing:
                self.on_crossing(uow, list(crossings))
            if reply.told and self.on_notice:
                self.on_notice(uow, list(reply.told))
            if ctx.deliver:
                ctx.deliver(uow, reply)
                reply = replace(reply, delivered=True)
            uow.commit()
        self.catalog.invalidate()
        self.people.also_known(ctx.actor.name)
        return Outcome([reply], committed=True, crossings=crossings)
