"""A voice clip to a command: decoded, recognized (services.speech), then read
by the same language layer as typed text."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, fields, replace
from typing import Callable

from domain.commands import FOLLOW_UPS, Command, Unknown
from domain.errors import DomainError
from services import sound_alike
from services.audio import NotAudio, to_pcm
from services.notation import describe
from services.places import NeedsPlace
from services.replies import refusal
from services.resolver import CatalogIndex
from services.understanding import PRONOUNS, NeedsChoice, understand

MAX_SPOKEN = 300  # characters: a spoken command is a sentence; Confirm buttons carry it


@dataclass(frozen=True)
class Reading:
    commands: list[Command]
    guesses: list[tuple[str, str]]  # (as heard, taken as): said in the reply, never silent
    said: str = ""  # the recognizer's hypothesis read, quoted in the reply

    def told(self) -> str:
        """ " I took “the cannon” to mean “the canon”." or ""."""
        return "".join(f" I took “{heard}” to mean “{meant}”." for heard, meant in self.guesses)


def read_best(hypotheses: list[str], parse: Callable[[str], list[Command]], index: CatalogIndex) -> Reading:
    """The first of the recognizer's hypotheses (best first) that reads as
    commands about catalog items; else the best one. Where the best heard
    "nitro gloves", the next may have heard "nitrile gloves"."""
    best, *others = hypotheses
    first = read(best, parse, index)
    if found(first.commands, index) or _NEGATED.search(best):  # "I didn't take the drill": never "I did"
        return first
    alike = (
        text for text in others if _NUMBERS.findall(text) == _NUMBERS.findall(best)
    )  # other words, same amounts
    readings = (read(text, parse, index) for text in alike)
    return next((r for r in readings if found(r.commands, index, conversation=False)), first)


_NUMBERS = re.compile(r"(?i)(?<![a-z])\d+")  # amounts and tags (not a model's "r6")
_NEGATED = re.compile(r"(?i)n't\b|\b(?:not|never|no|nothing|none)\b")


def found(commands: list[Command], index: CatalogIndex, conversation: bool = True) -> bool:
    """Every command known, and every item, place and amount in it found in the
    catalog, or left to the conversation: "it" and "make it 5" are read against
    the speaker's last change, and "the laptop" of several asks which one.
    `conversation=False`: only the catalog counts (an alternative hypothesis that
    says "it" where the best said "a look" is no better reading)."""
    if not commands or any(isinstance(c, Unknown) for c in commands):
        return False
    if any(
        isinstance(c, FOLLOW_UPS) or (getattr(c, "ref", None) and PRONOUNS.match(c.ref)) for c in commands
    ):
        return conversation
    try:
        understand(commands, index)
    except NeedsChoice:
        return True
    except (NeedsPlace, DomainError):
        return False
    return True


def looping(transcript: str) -> bool:
    """The same words three times or more ("we used 3 boxes and paper, and we used 3
    boxes and paper, and ..."): Whisper caught in a loop, or a ramble; no command."""
    clauses = [" ".join(c.split()).lower() for c in _CLAUSES.split(transcript) if len(c.split()) >= 3]
    return any(clauses.count(c) >= 3 for c in set(clauses))


_CLAUSES = re.compile(r"[,.;!?]+|\band\b", re.I)


def read(transcript: str, parse: Callable[[str], list[Command]], index: CatalogIndex) -> Reading:
    """The commands in what was heard. An item named in words the catalog
    doesn't have is tried again as the catalog words it sounds like ("the
    cannon" is the Canon), and kept as heard when that finds nothing either."""
    if looping(transcript):
        return Reading([Unknown(words=transcript)], [], transcript)
    commands = list(parse(_packs_of(_THOUSANDS.sub(r"\1\2", transcript), index)))
    guesses = []
    sounds = None
    for n, command in enumerate(commands):
        ref = getattr(command, "ref", None)
        if not ref or "ref" not in {f.name for f in fields(command)} or index.resolve(ref).found:
            continue
        sounds = sounds or sound_alike.sounds_of(index)
        respelled = sounds.respell(ref)
        if respelled and index.resolve(respelled).found:
            commands[n] = replace(command, ref=respelled)
            guesses.append((ref, respelled))
    return Reading(commands, guesses, transcript)


def _packs_of(transcript: str, index: CatalogIndex) -> str:
    """ "3 boxes on paper" as "3 boxes of paper": a quick "of" after a pack is
    heard as "on", "and" or "in" (seen on most voices in bench/field_voice.py)."""
    pattern = _PACK_PATTERNS.get(index)
    if pattern is None:
        packs = "|".join(re.escape(p) for p in sorted(index.pack_names(), key=len, reverse=True))
        pattern = _PACK_PATTERNS[index] = (
            re.compile(
                rf"\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten) ((?:{packs})(?:e?s)?) "
                rf"(?:on|and|in)(?! (?:\d+|the|an?|my|our|some|{_NUMBER_WORDS}|{_DAYS})\b) ",
                re.IGNORECASE,
            )
            if packs
            else NO_PACKS
        )
    return transcript if pattern is NO_PACKS else pattern.sub(r"\1 \2 of ", transcript)


_THOUSANDS = re.compile(r"\b(\d{1,3}),(\d{3})\b")  # Whisper writes "3,100" for "thirty one hundred" (A-3100)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight"
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"
NO_PACKS = re.compile(r"(?!)")  # a catalog of assets only
_PACK_PATTERNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # per catalog version


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


NO_WORDS = "I couldn't make out any words in that clip, so nothing was changed. Try again closer to the phone, or type it."


def meaning(commands: list[Command], index: CatalogIndex) -> str:
    """The commands resolved against the catalog, one line each (see
    services.notation.describe), or why they could not be."""
    if not commands or any(isinstance(c, Unknown) for c in commands):
        return "(not a command)"
    if any(isinstance(c, FOLLOW_UPS) for c in commands):  # what it means depends on the last change
        return "(a correction or repeat of the last change)"
    try:
        return "\n".join(describe(u) for u in understand(commands, index))
    except NeedsChoice as choice:
        return f"(which one: {', '.join(i.key for i in choice.candidates[:5])}?)"
    except NeedsPlace as place:
        return f"(which place: {place.reference}?)"
    except DomainError as error:
        return f"({error.message})"
