"""Field specifications shared by assets and stock items: how a field's text
becomes its value, and whether it may be empty."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, Callable

from domain.errors import InvalidValue
from domain.fields import format_value


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the CSV column and the chat word
    attr: str  # the attribute on the domain object
    parse: Callable[[str, tzinfo], Any]
    required: bool = False
    empty: Any = None  # the value an empty cell means


def set_fields(
    obj: object, specs: dict[str, FieldSpec], texts: dict[str, str], tz: tzinfo
) -> dict[str, tuple[str, str]]:
    """Set fields from text; returns {field: (before, after)} of what changed.
    Validates everything before touching `obj`, so a bad value changes nothing."""
    parsed: dict[str, Any] = {}
    for name, text in texts.items():
        spec = specs[name]
        text = (text or "").strip()
        if not text:
            if spec.required:
                raise InvalidValue(f"{name} can't be empty")
            parsed[name] = spec.empty
        else:
            try:
                parsed[name] = spec.parse(text, tz)
            except InvalidValue as error:
                raise InvalidValue(f"{name}: {error.message}") from None
    changes = {}
    for name, value in parsed.items():
        before = format_value(getattr(obj, specs[name].attr))
        after = format_value(value)
        if before != after:
            changes[name] = (before, after)
            setattr(obj, specs[name].attr, value)
    return changes


def field_texts(obj: object, specs: dict[str, FieldSpec]) -> dict[str, str]:
    return {name: format_value(getattr(obj, spec.attr)) for name, spec in specs.items()}
