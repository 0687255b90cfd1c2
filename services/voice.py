"""A voice clip to a command: decoded, recognized against the catalog grammar,
then read by the same language layer as typed text."""

from __future__ import annotations

from domain.commands import Command, Unknown
from domain.errors import DomainError
from services.audio import NotAudio, to_pcm
from services.places import NeedsPlace
from services.replies import refusal
from services.resolver import CatalogIndex
from services.understanding import NeedsChoice, describe, understand

MAX_SPOKEN = 300  # characters: a spoken command is a sentence; Confirm buttons carry it


def listen(recognizer, clip: bytes):
    """The clip's words (a speech.Heard), or the refusal for a file that is not usable sound."""
    try:
        return recognizer.transcribe(to_pcm(clip))
    except NotAudio as error:
        return refusal(f"Sorry, {error}; nothing was changed.", "not_audio")


def too_long(said: str) -> str:
    return f"{said[:MAX_SPOKEN]}… That is more than one command, so nothing was changed. Say one at a time, or type it."


def unknown(said: str) -> str:
    return f"{said} That isn't a command I know, so nothing was changed. Try again, or type it."


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
    if not commands or any(isinstance(c, Unknown) for c in commands):
        return "(not a command)"
    try:
        return "\n".join(describe(u) for u in understand(commands, index))
    except NeedsChoice as choice:
        return f"(which one: {', '.join(i.key for i in choice.candidates[:5])}?)"
    except NeedsPlace as place:
        return f"(which place: {place.reference}?)"
    except DomainError as error:
        return f"({error.message})"
