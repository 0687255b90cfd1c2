"""What the assistant says back, independent of the transport."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from domain import commands as C
from domain.commands import Command

CONFIRM = "confirm"  # a question whose choices are Confirm and Cancel (a change asked for by voice)


class ReplyKind(str, Enum):
    ANSWER = "answer"  # a question answered; nothing changed
    CHANGE = "change"  # something was recorded (carries ledger entry ids)
    QUESTION = "question"  # the bot needs a choice before it acts
    REFUSAL = "refusal"  # nothing changed, and the text says why


class Step(str, Enum):
    """A next step a reply can offer; transports decide how (Slack: a button)."""

    SAY = "say"  # do what `value` says, as if typed
    MOVE_HERE = "move_here"  # value: "TAG|place"
    MAINTENANCE = "maintenance"  # value: the tag
    BOOK = "book"  # value: the tag; Slack opens the Book modal with it


@dataclass(frozen=True)
class NextStep:
    label: str
    step: Step
    value: str


@dataclass(frozen=True)
class Choice:
    key: str  # what answering with this choice sends back (a tag or SKU)
    label: str


@dataclass(frozen=True)
class Card:
    """An item at a glance: rendered as fields in Slack, as lines elsewhere."""

    title: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Notice:
    """A message to someone other than the speaker that a change brings (the
    waitlist's "it's back", a handover to accept). `key` makes it one message."""

    person: str  # their key (a Slack member ID, or a name)
    text: str
    key: str
    offers: tuple[NextStep, ...] = ()


@dataclass(frozen=True)
class Reply:
    kind: ReplyKind
    text: str
    entry_ids: tuple[int, ...] = ()
    choices: tuple[Choice, ...] = ()
    # The commands to re-run once a choice replaces `reference` in them.
    pending: tuple[Command, ...] = field(default=(), compare=False)
    reference: str | None = None
    reference_field: str = "ref"  # the part of the pending commands the choice replaces; CONFIRM: none
    cards: tuple[Card, ...] = ()
    attachment: tuple[str, bytes] | None = None  # (file name, content): a file to hand over
    offers: tuple[NextStep, ...] = ()  # what the person may want to do next
    # A change asked for by voice, waiting for one tap on Confirm or Cancel
    # (a stored question, see `question_id`): the words heard.
    confirm: str | None = None
    private: bool = False  # for the asker's eyes only (an export): never posted to a channel
    delivered: bool = False  # already recorded for delivery, in the transaction of its change
    question_id: int | None = None  # a stored question: its answer names it by this id
    code: str | None = None  # a refusal's kind, from the domain error behind it ("asset_unavailable")
    # A list longer than a page: the command that shows the next page. Stored
    # with the reply (services/paging.py), so "more" or a button names it by id.
    more: Command | None = field(default=None, compare=False)
    whole_list: bool = False  # a list shown to its end: "more" after it has nothing to continue
    told: tuple["Notice", ...] = ()  # what others were told of this change (the console shows it)

    @property
    def changed(self) -> bool:
        return self.kind is ReplyKind.CHANGE


def answer(text: str) -> Reply:
    return Reply(ReplyKind.ANSWER, text)


def refusal(text: str, code: str | None = None) -> Reply:
    return Reply(ReplyKind.REFUSAL, text, code=code)


def refused(error) -> Reply:
    """A domain error's refusal, with the next steps it offers ("check out the rest of the kit")."""
    return Reply(ReplyKind.REFUSAL, error.message, code=error.code, offers=getattr(error, "offers", ()))


NOT_UNDERSTOOD = "Sorry, I didn't understand that, so nothing was changed. Say “help” to see what I can do."
HELP = """Here's what I understand (typos and number words are fine):
• check out A-1042 [for @bob] [until Friday | for 3 days] — borrow an asset
• return A-1042 — check it back in
• used 3 boxes of paper / received 2 cases of toner — stock movements
• count paper 42 (or: we have 42 paper left) — stocktake
• who has A-1042? · where is the projector? · how many toner? · info A-1042
• what do I have? · what's low? · what is A-1042 worth?
• list all the laptops · what's checked out? · who used the most paper this month? — “more” for the next page
• undo — reverses your last change
• a photo of a label (with "used 3 of these" if you like) · a voice clip: say it instead of typing
• give A-1042 to @erin until Friday — check it out to them
Managers: add a new laptop A-9100, HP EliteBook 840, serial 5CG123, in the IT store
· add stock ENV-C5 C5 envelopes, counted in envelopes, box of 500 · rename the drill to Makita drill
· update the serial on A-1042 to 5CG123 · set reorder point for paper to 20 · retire A-1042"""


def too_few_free(targets: list, failed: int) -> str | None:
    """ "two laptops" when one is free: said as that, not as "all are out" (the
    first unit this message took is given back with the rest)."""
    failing = targets[failed]
    kind = type(failing.command)
    if kind not in (C.CheckOut, C.Book) or len(failing.items) < 2:
        return None
    same = [t for t in targets if isinstance(t.command, kind) and t.items == failing.items]
    free = sum(1 for t in targets[:failed] if t in same)
    if not free:
        return None
    verb = "is" if free == 1 else "are"
    when = "then" if kind is C.Book else "right now"
    return (
        f"Only {free} of the {len(failing.items)} {failing.items[0].name} units {verb} free {when}, "
        f"not {len(same)}. Nothing was changed."
    )
