"""A resolved command in one line of the notation of tests/language/corpus.txt: what
the corpus, the voice reader and its benchmark compare ("consume PAP-A4 3 box")."""

from __future__ import annotations

from datetime import datetime, timezone

from domain import commands as C
from services.understanding import Understood


def keys(items) -> str:
    return "|".join(sorted(item.key for item in items))


def describe(understood: Understood) -> str:
    """One line for a resolved command, in the notation of
    tests/language/corpus.txt: equal lines mean the same action on the same
    items ("consume PAP-A4 3 box", "check_out A-3001 due=2026-12-04T17:00")."""
    command = understood.command
    parts = [command.name]
    if understood.items:
        parts.append(keys(understood.items))
    for name, value in vars(command).items():
        if (
            value is None
            or value is False
            or value == ""
            or name
            in ("ref", "where", "value", "period", "members", "adding", "removing", "put_back", "leaving")
        ):
            continue
        if name == "words" and understood.items:  # a booking's words, once its item is known
            continue
        parts.append(_NOTATION.get(name, "{}").format(_notation_value(value), command=command))
    return " ".join(parts)


# How a field is written in the notation; plain when not listed.
_NOTATION = {
    "person": "for={}",
    "due": "due={}",
    "due_from": "from={}",
    "note": "note={}",
    "to": "{command.where}={}",
    "field": "{command.field}={command.value}",  # an edit: which field, and its new text
    "every": "value=all",
    "available": "available={}",
    "overdue": "overdue={}",
    "at": "place={}",
    "checked_out": "checked_out={}",
    "since": "since={}",
    "until": "until={}",
    "of_day": "of={}",
    "description": "value={}",
    "unit": "field={}",
    "kind": "value={}",
    "by": "field={}",
    "entry_id": "value={}",
    "instead_of": "not={}",
    "words": "{}",
    "recipient": "to={}",
    "start": "start={}",
    "end": "end={}",
    "mine": "mine={}",
    "renew": "renew={}",
    "handover": "handover={}",
    "accept": "accept={}",
    "clock": "clock={}",
    "day": "day={}",
    "title": "value={}",
    "items": "items={}",
    "drop": "drop={}",
    "omit": "without={}",
    "giver": "from={}",
    "taker": "to={}",
    "another": "another={}",
}
# A new item's fields are written by name: "serial=5CG123", "location=IT store".
_NOTATION.update(
    {
        name: name + "={}"
        for kind in (C.AddAsset, C.AddStock)
        for name in kind.__dataclass_fields__
        if name not in ("tag", "sku", "description", "unit", "kind", "make_and_model")
    }
)


def _notation_value(value) -> str:
    if isinstance(value, datetime):
        return f"{value.astimezone(timezone.utc):%Y-%m-%dT%H:%M}"
    return str(value)
