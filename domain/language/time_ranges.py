"""Time ranges in words, for bookings: "Tuesday 2-4pm", "tomorrow 10 till 1",
"friday morning", "next week", "from monday to wednesday", "wed 2 dec, 9am to
noon", "at 3pm for two hours". A day without hours is the working day."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from domain.bookings import WORKDAY_END_HOUR, WORKDAY_START_HOUR
from domain.language import times
from domain.language.numbers import leading_number

WORKDAY = (time(WORKDAY_START_HOUR), time(WORKDAY_END_HOUR))
PARTS = {
    "morning": (time(9), time(12)),
    "afternoon": (time(13), time(17)),
    "evening": (time(17), time(21)),
    "lunchtime": (time(12), time(13)),
    "lunch": (time(12), time(13)),
    "tonight": (time(18), time(22)),
    "all day": WORKDAY,
    "the whole day": WORKDAY,
    "the full day": WORKDAY,
    "whole day": WORKDAY,
    "full day": WORKDAY,
    "the day": WORKDAY,
}
_CLOCK = r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday|midnight"
_NOT_IN_A_WORD = r"(?<![\w\-/.:£$#])"
CLOCK_RANGE = re.compile(
    rf"{_NOT_IN_A_WORD}(?:(?:in\s+the\s+)?(?:morning|afternoon|evening)\s*,?\s+)?(?:(?:from|between)\s+)?(?P<a>{_CLOCK})\s*(?:-|–|to|till|til|until|and)\s*(?P<b>{_CLOCK})(?![\w\-/:])",
    re.I,
)
START_CLOCK = re.compile(
    rf"(?:\b(?:at|from)\s+(?P<a>{_CLOCK})|{_NOT_IN_A_WORD}(?P<a2>\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm)|noon))(?![\w\-/:])",
    re.I,
)
END_CLOCK = re.compile(rf"\b(?:until|till|til|by)\s+(?P<b>{_CLOCK})(?![\w\-/:])(?!\s+[a-z]+s\b)", re.I)
PART = re.compile(
    r"(?<!good )\b(?:in\s+the\s+|for\s+the\s+|this\s+|(?P<next_day>tomorrow)\s+)?(?P<part>"
    + "|".join(sorted(PARTS, key=len, reverse=True))
    + r")\b",
    re.I,
)
LENGTH = re.compile(
    r"\bfor\s+(?:the\s+next\s+)?(?P<n>an?|\d+|[a-z\-]+)\s+(?P<unit>hour|hr|day|week)s?\b", re.I
)
_DAY1, _DAY2 = (times._DAY.replace("(?P<day>", f"(?P<{name}>") for name in ("first", "last"))
DAY_RANGE = re.compile(
    rf"\b(?:from\s+)?(?:the\s+)?{_DAY1}\s*(?:-|–|to|till|until|through|thru|and)\s*(?:the\s+)?{_DAY2}\b", re.I
)
ONE_DAY = re.compile(rf"\b(?:the\s+)?{_DAY1}\b(?:'s)?", re.I)
DAY_AFTER_TOMORROW = re.compile(r"\b(?:the\s+)?day\s+after\s+tomorrow\b", re.I)
PAST_DAY = re.compile(
    r"\b(?:yesterday|last\s+(?:week|night|month|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b", re.I
)
WEEKEND = re.compile(r"\b(?:this\s+|the\s+|next\s+)?weekend\b", re.I)
LEADS = re.compile(r"(?i)\s*\b(?:on|for|from|at|between|during|this)\s*$")


@dataclass(frozen=True)
class Said:
    """A time to come as said; what was not said stays None."""

    first_day: date | None = None
    last_day: date | None = None
    start: time | None = None
    end: time | None = None
    length: timedelta | None = None
    by_the_day: bool = False  # "for 3 days": working days; "for 36 hours": exactly that

    def range(self, today: date, tz: tzinfo) -> tuple[datetime | None, datetime | None]:
        """Start and end; None for what the words leave open ("at 3pm": until when?)."""
        first = self.first_day or today
        last = self.last_day or first
        if self.length is not None and self.by_the_day:
            if self.first_day is None and self.start is None:
                return None, None  # "for 3 days": from when?
            days = self.length.days
            start = datetime.combine(first, self.start or WORKDAY[0], tz)
            return start, datetime.combine(first + timedelta(days=days - 1), self.end or WORKDAY[1], tz)
        if self.length is not None:
            if self.start is None:
                return None, None  # "for two hours": from when?
            start = datetime.combine(first, self.start, tz)
            return start, start + self.length
        if self.start is None and self.end is None:
            return datetime.combine(first, WORKDAY[0], tz), datetime.combine(last, WORKDAY[1], tz)
        if self.start is None:  # "until 3pm": from the start of the day
            return datetime.combine(first, WORKDAY[0], tz), datetime.combine(last, self.end, tz)
        if self.end is None:
            return datetime.combine(first, self.start, tz), None
        if last == first and self.end < self.start and self.start.hour >= 18 and self.end.hour <= 6:
            last = first + timedelta(days=1)  # "11pm-1am": into the next morning
        return _instant(first, self.start, tz), _instant(last, self.end, tz)


DAY_WORDS = (
    *(d for d in times.WEEKDAYS if d.endswith("day")),
    "tomorrow",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "weekend",
)


def _spelled(text: str) -> str:
    """ "wensday", "tomorow", "thrusday": the day words meant (a booking's day is never guessed as today)."""
    words = []
    for word in text.split(" "):
        low = word.lower().strip(",.?!")
        close = (
            difflib.get_close_matches(low, DAY_WORDS, n=1, cutoff=0.8)
            if len(low) > 5 and low not in DAY_WORDS
            else []
        )
        close = [c for c in close if c[0] == low[0]]  # "hours" is no "thursday"
        words.append(word.lower().replace(low, close[0]) if close else word)
    return " ".join(words)


def read(text: str, now: datetime, tz: tzinfo) -> tuple[Said | None, str]:
    """The time range in `text`, and the text without it; None when no time is said."""
    today = now.astimezone(tz).date()
    text = _spelled(text)
    rest, taken = text, []
    first = last = None
    start = end = None
    length, by_the_day = None, False
    after = DAY_AFTER_TOMORROW.search(rest)
    if after:
        first = today + timedelta(days=2)
        rest, taken = _take(rest, after, taken)
    days = DAY_RANGE.search(rest) if first is None else None  # before clocks: "from 1 dec" is no 1pm
    if days:
        first_day = times.resolve_day(days["first"].lower(), today)
        last_day = times.resolve_day(days["last"].lower(), first_day or today) if first_day else None
        if first_day and last_day:
            first, last = first_day, last_day
            rest, taken = _take(rest, days, taken)
    match = next((m for m in CLOCK_RANGE.finditer(rest) if _is_range(m)), None)
    if match:
        start, end = _pair(match["a"], match["b"])
        rest, taken = _take(rest, match, taken)
    else:
        part = PART.search(rest)
        if part:
            start, end = PARTS[part["part"].lower()]
            if part["next_day"]:
                first = today + timedelta(days=1)
            elif part.group(0).lower().startswith("this "):
                first = today
            rest, taken = _take(rest, part, taken)
        said = START_CLOCK.search(rest)
        clock = times._clock(times._afternoon(_plain(said["a"] or said["a2"]))) if said else None
        if clock and start is None:
            start = clock
            rest, taken = _take(rest, said, taken)
        until = END_CLOCK.search(rest)
        clock = times._clock(times._afternoon(_plain(until["b"]))) if until else None
        if clock and end is None:
            end = clock
            rest, taken = _take(rest, until, taken)
    span = LENGTH.search(rest)
    if span:
        count, left = leading_number(span["n"])
        if count and not left and count <= 366:
            unit = span["unit"].lower()
            by_the_day = unit not in ("hour", "hr")
            length = (
                timedelta(hours=count)
                if unit in ("hour", "hr")
                else timedelta(days=count * (7 if unit == "week" else 1))
            )
            rest, taken = _take(rest, span, taken)
    past = PAST_DAY.search(rest) if first is None else None
    if past:  # said of a day gone by: a range in the past, refused as such
        word = past.group(0).lower()
        first = today - timedelta(days=1 if word == "yesterday" else 7)
        rest, taken = _take(rest, past, taken)
    if first is None:
        weekend = WEEKEND.search(rest)
        day = ONE_DAY.search(rest)
        if weekend:
            saturday = today + timedelta(days=(5 - today.weekday()) % 7)
            if weekend.group(0).lower().startswith("next") and (saturday - today).days < 7:
                saturday += timedelta(days=7)
            first, last = saturday, saturday + timedelta(days=1)
            rest, taken = _take(rest, weekend, taken)
        elif day:
            word = " ".join(day["first"].lower().split())
            first = times.resolve_day(word, today)
            if first is not None:
                if word == "next week":  # the working week: Monday to Friday
                    last = first + timedelta(days=4)
                elif word == "this week":
                    last = today + timedelta(days=max(0, 4 - today.weekday()))
                rest, taken = _take(rest, day, taken)
    if first is not None and (first - today).days > 180 and (last is None or last == first):
        first = last = _this_year(first, today)  # "27 nov" said on 30 Nov: gone by, not next year
    if not taken:
        return None, text
    said = Said(first, last, start, end, length, by_the_day)
    return said, " ".join(rest.split()).strip(" ,.;")


TIME_WORDS_AFTER = re.compile(
    r"(?:$|[,.;!?)]|(?:for|on|tomorrow|today|tonight|next|this|mon|tue|wed|thu|fri|sat|sun|please|pls)\b)"
)


def _is_range(match: re.Match) -> bool:
    """ "2-4pm", "10 till 1", "9am to 5": two clock times; a bare "2 to 3" only
    where nothing but time words follow (not "2 to 3 chromebooks")."""
    a, b = _plain(match["a"]), _plain(match["b"])
    if times._clock(a) is None or times._clock(b) is None:
        return False
    if re.search(r"(?i)\b(?:periods?|lessons?|p)\s*$", match.string[: match.start()]):
        return False  # "periods 1-2": a school's timetable, not hours
    if re.search(r"am|pm|:|noon|midnight", a + b) or "-" in match.group(0) or "–" in match.group(0):
        return True
    return bool(TIME_WORDS_AFTER.match(match.string[match.end() :].lstrip().lower()))


def _plain(clock: str) -> str:
    clock = (
        clock.lower().replace("a.m.", "am").replace("p.m.", "pm").replace("midday", "noon").replace(" ", "")
    )
    return re.sub(r"^(\d{1,2})\.(\d{2})", r"\1:\2", clock)


def _pair(a_said: str, b_said: str) -> tuple[time | None, time | None]:
    """Both ends of "2-4pm", "10 till 1", "9 to 5": an am or pm said once holds
    for both where it can; a bare hour of 1-7 is after noon (a working day)."""
    a, b = _plain(a_said), _plain(b_said)
    a_mark, b_mark = re.search(r"am|pm", a), re.search(r"am|pm", b)
    if b_mark and not a_mark and a not in ("noon", "midnight"):
        same = times._clock(a + b_mark.group())
        end = times._clock(b)
        across_noon = b_mark.group() == "pm" and same and end and same >= end and 8 <= same.hour - 12 <= 11
        a = a + ("am" if across_noon else b_mark.group())  # "10-2pm" is 10am; "4-2pm" ends before it starts
    elif not a_mark and not b_mark:
        a = times._afternoon(a) if a not in ("noon", "midnight") else a
    start = times._clock(a)
    if not b_mark and b not in ("noon", "midnight") and start is not None:
        for candidate in (b, f"{b}pm"):
            end = times._clock(candidate)
            if end is not None and end > start:
                return start, end
    return start, times._clock(b)


def _take(text: str, match: re.Match, taken: list[str]) -> tuple[str, list[str]]:
    before = LEADS.sub("", text[: match.start()])
    return " ".join((before + " " + text[match.end() :]).split()), [*taken, match.group(0).strip()]


def _instant(day: date, clock: time, tz: tzinfo) -> datetime:
    """A wall-clock time as the real instant (a time the clocks skip is the instant after the gap)."""
    return datetime.combine(day, clock, tz).astimezone(timezone.utc).astimezone(tz)


def _this_year(day: date, today: date) -> date:
    try:
        return day.replace(year=day.year - 1) if day.replace(year=day.year - 1) < today else day
    except ValueError:  # 29 February
        return day
