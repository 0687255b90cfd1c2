"""Periods in words, for questions about the past: "this month", "last week",
"the last 30 days", "past 3 months". Each is a start, an end and how an
answer names it, in the bot's time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from domain.language.numbers import leading_number

DEFAULT_DAYS = 30  # a question that names no period is about the last 30 days


@dataclass(frozen=True)
class Period:
    since: datetime
    until: datetime | None  # None: up to now
    label: str  # "this month", "the last 30 days"


PERIOD = re.compile(
    r"\s*\b(?:(?:in|over|during|for|from)\s+)?(?:the\s+)?"
    r"(?:(?P<this>this|last|past|previous)\s+(?P<unit>day|week|month|year)"
    r"|(?P<span>last|past)\s+(?P<n>\d+|[a-z\-]+)\s+(?P<units>day|week|month)s"
    r"|(?P<word>today|yesterday))\b",
    re.I,
)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def extract_period(text: str, now: datetime, tz: tzinfo) -> tuple[Period | None, str]:
    """The period `text` names, if any, and the text without it."""
    match = PERIOD.search(text)
    period = _period(match, now.astimezone(tz)) if match else None
    if period is None:
        return None, text
    return period, " ".join((text[: match.start()] + " " + text[match.end() :]).split())


def last_days(now: datetime, days: int = DEFAULT_DAYS) -> Period:
    return Period(now - timedelta(days=days), None, f"the last {days} days")


def _period(match: re.Match, now: datetime) -> Period | None:
    midnight = datetime.combine(now.date(), time(0), now.tzinfo)
    word = (match["word"] or "").lower()
    if word == "today":
        return Period(midnight, None, "today")
    if word == "yesterday":
        return Period(midnight - timedelta(days=1), midnight, "yesterday")
    if match["span"]:  # "the last 30 days", "past 2 weeks"
        count, rest = leading_number(match["n"])
        if count is None or rest or count < 1:
            return None
        unit = match["units"].lower()
        return Period(now - timedelta(days=count * UNIT_DAYS[unit]), None, f"the last {count} {unit}s")
    which, unit = match["this"].lower(), match["unit"].lower()
    start = _start_of(unit, midnight)
    if which == "this":
        return Period(start, None, f"this {unit}")
    if which == "past" or unit == "day":  # "the past week": the 7 days up to now
        return Period(now - timedelta(days=UNIT_DAYS[unit]), None, f"the past {unit}")
    return Period(_start_of(unit, start - timedelta(days=1)), start, f"last {unit}")  # the whole one before


def _start_of(unit: str, midnight: datetime) -> datetime:
    """Midnight starting the calendar week (Monday), month or year `midnight` falls in."""
    if unit == "week":
        return midnight - timedelta(days=midnight.weekday())
    if unit == "month":
        return midnight.replace(day=1)
    if unit == "year":
        return midnight.replace(month=1, day=1)
    return midnight
