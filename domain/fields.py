"""Text <-> value conversion for catalog fields, shared by CSV import, catalog
edits in chat and the ledger's before/after record. Errors say what is wrong
with the value; callers add where (line, column) it came from."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from enum import Enum

from domain.errors import InvalidValue

MAX_MONEY = Decimal("1000000000")
# A due date given without a time means the end of that working day.
END_OF_DAY = time(17, 0)


def text_or_none(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def parse_money(text: str) -> Decimal:
    cleaned = re.sub(r"[\s,$€£]", "", text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidValue(f"“{text}” is not an amount of money") from None
    if not value.is_finite():
        raise InvalidValue(f"“{text}” is not an amount of money")
    if value < 0:
        raise InvalidValue(f"{text} is negative; amounts can't be below zero")
    if value >= MAX_MONEY:
        raise InvalidValue(f"{text} is too large to be a real amount")
    return value.quantize(Decimal("0.01"))


def parse_count(text: str, limit: int = 10_000_000) -> int:
    cleaned = text.strip().replace(",", "")
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise InvalidValue(f"“{text}” is not a whole number")
    value = int(cleaned)
    if value < 0:
        raise InvalidValue(f"{text} is negative; it must be zero or more")
    if value > limit:
        raise InvalidValue(f"{text} is too large (the limit is {limit:,})")
    return value


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(f"“{text}” is not a date (use YYYY-MM-DD)") from None


def parse_due(text: str, tz: tzinfo = timezone.utc) -> datetime:
    """An ISO date (end of that working day in `tz`) or datetime (in `tz` when
    it carries no offset), returned in UTC."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            moment = datetime.combine(date.fromisoformat(text), END_OF_DAY, tz)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=tz)
    except ValueError:
        raise InvalidValue(f"“{text}” is not a date or time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
    return moment.astimezone(timezone.utc)


def parse_choice(text: str, choices: type[Enum]) -> Enum:
    key = re.sub(r"[\s\-]+", "_", text.strip().lower())
    for choice in choices:
        if choice.value == key:
            return choice
    allowed = ", ".join(c.value for c in choices)
    raise InvalidValue(f"“{text}” is not one of {allowed}")


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def parse_yes_no(text: str) -> bool:
    word = text.strip().lower()
    if word in YES | NO:
        return word in YES
    raise InvalidValue(f"“{text}” is not yes or no")


def parse_aliases(text: str) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for alias in text.split("|"):
        alias = " ".join(alias.split())
        if alias and alias.lower() not in seen:
            seen[alias.lower()] = alias
    return tuple(seen.values())


def format_value(value: object) -> str:
    """The canonical text of a field value, as exported and recorded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "|".join(str(v) for v in value)
    return str(value)


def parse_text(text: str, tz: tzinfo | None = None, limit: int = 100) -> str:
    """Single-spaced text, within what its column holds (refused, never cut)."""
    text = " ".join(text.split())
    if len(text) > limit:
        raise InvalidValue(f"that is {len(text)} characters; at most {limit} fit")
    return text


def parse_long_text(text: str, tz: tzinfo | None = None) -> str:
    """Names, conditions, suppliers: columns of 200 characters."""
    return parse_text(text, tz, limit=200)
