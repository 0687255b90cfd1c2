"""The one shape every transport brings a message in (Slack, the console,
the command line), and the one shape it gets back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from domain.alerts import LowStock
from domain.commands import Command
from domain.people import Person
from services.replies import Reply

if TYPE_CHECKING:  # not imported at start: the photo and speech libraries load with the first photo or clip
    from services.barcodes import Found
    from services.speech import Heard


@dataclass(frozen=True)
class Attachment:
    kind: str  # "image" or "audio"
    data: bytes = b""
    transcript: str | None = None  # a clip's words when the transport has them (Slack's own transcript)


@dataclass(frozen=True)
class Inbound:
    actor: Person
    text: str = ""
    attachments: tuple[Attachment, ...] = ()
    conversation: str | None = None  # the thread it belongs to, for audits
    source: str | None = None  # this message, as the ledger records it
    mentions: dict[str, str] = field(default_factory=dict)  # member ID -> name, for "for <@U…>"
    request_id: int | None = None  # the stored request, marked done with its change
    # Records a change's reply inside the change's transaction (see Context.deliver).
    deliver: Callable[[Any, Reply], None] | None = field(default=None, compare=False)
    preview: bool = False  # say what it means and change nothing (`quartermaster scan` / `hear`)
    commands: tuple[Command, ...] | None = (
        None  # the text as parsed on arrival (a listened channel): not parsed again
    )

    def of_kind(self, kind: str) -> list[Attachment]:
        return [a for a in self.attachments if a.kind == kind]


@dataclass(frozen=True)
class Outcome:
    replies: list[Reply]
    committed: bool = False  # a change's transaction committed (its replies may be recorded with it)
    crossings: tuple[LowStock, ...] = ()  # items the change took to their reorder point
    heard: Heard | None = None  # a clip as recognized here (None with the transport's own transcript)
    said: str | None = None  # a clip's words, however they were heard
    scanned: tuple[Found, ...] = ()  # the codes read in the photos, and what they are
    understood: tuple[str, ...] = ()  # in a preview: each command resolved, in words
