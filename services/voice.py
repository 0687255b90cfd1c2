"""A voice clip to a command: decoded, recognized against the catalog grammar,
then read by the same language layer as typed text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from domain.commands import Command, Intent
from domain.errors import DomainError
from domain.language import parse
from services.audio import to_pcm
from services.resolver import CatalogIndex
from services.speech import Heard, Recognizer
from services.understanding import NeedsChoice, NeedsPlace, describe, understand

MAX_SPOKEN = 300  # characters: a spoken command is a sentence; Confirm buttons carry it


@dataclass(frozen=True)
class Hearing:
    heard: Heard
    meaning: str  # what it was understood as, in words (or why not)


def hear(recognizer: Recognizer, clip: bytes, now: datetime, tz: tzinfo) -> Hearing:
    """Raises services.audio.NotAudio for a file that is not usable sound."""
    heard = recognizer.transcribe(to_pcm(clip))
    commands = parse(heard.text, now, tz) if heard.text else []
    return Hearing(heard, meaning(commands, recognizer.catalog.index()))


def not_a_command(general_guess: str) -> str:
    """What to say when the command grammar found nothing in a clip."""
    if not general_guess:
        return "I couldn't make out any words in that clip, so nothing was changed. Try again closer to the phone, or type it."
    return (
        f"I couldn't make out a command in that clip (it sounded like “{general_guess}”), so nothing was changed. "
        "Try again, or type it."
    )


def meaning(commands: list[Command], index: CatalogIndex) -> str:
    """The commands resolved against the catalog, one line each (see
    services.understanding.describe), or why they could not be."""
    if not commands or any(c.intent is Intent.UNKNOWN for c in commands):
        return "(not a command)"
    try:
        return "\n".join(describe(u) for u in understand(commands, index))
    except NeedsChoice as choice:
        return f"(which one: {', '.join(i.key for i in choice.candidates[:5])}?)"
    except NeedsPlace as place:
        return f"(which place: {place.reference}?)"
    except DomainError as error:
        return f"({error.message})"
