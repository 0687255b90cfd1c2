"""The questions the assistant puts back to a person, as replies that keep what
the message asked for (`pending`) and what a choice replaces (`reference_field`):
which item, which place, which unit, and a voice change's Confirm."""

from __future__ import annotations

from dataclasses import replace

from domain.commands import Command
from domain.errors import Ambiguous
from services import followups
from services.places import NEW_PLACE, NeedsPlace
from services.replies import CONFIRM, Choice, Reply, ReplyKind
from services.understanding import NeedsChoice


def confirm_question(preview: Reply, changes: list[Command], heard: str) -> Reply:
    """What a change asked for by voice would do, kept until the speaker taps Confirm or Cancel."""
    return replace(
        preview,
        text=f"Tap Confirm to do this: {preview.text}",
        confirm=heard,
        choices=(Choice("confirm", "Confirm"), Choice("cancel", "Cancel")),
        pending=tuple(changes),
        reference=heard,
        reference_field=CONFIRM,
    )


def item_question(choice: NeedsChoice, all_commands: list[Command]) -> Reply:
    choices = tuple(Choice(i.key, i.label) for i in choice.candidates[:8])
    text = Ambiguous(choice.reference, tuple(c.label for c in choices)).message + " Which one did you mean?"
    return Reply(
        ReplyKind.QUESTION, text, choices=choices, pending=tuple(all_commands), reference=choice.reference
    )


def unit_question(unsure: followups.NeedsUnit) -> Reply:
    choices = tuple(Choice(unit, f"{unsure.count} {label}") for unit, label in unsure.units)
    said = " or ".join(c.label for c in choices)
    return Reply(
        ReplyKind.QUESTION,
        f"Make it {said}? Nothing was changed yet.",
        choices=choices,
        pending=tuple(unsure.commands),
        reference=followups.UNSURE_PACK,
        reference_field="pack",
    )


def place_question(place: NeedsPlace, all_commands: list[Command]) -> Reply:
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
        reference_field=place.attr,
    )
