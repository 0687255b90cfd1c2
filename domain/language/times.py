"""Due times in words: until Friday, for 3 days, till tomorrow 5pm, by end of month."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta, tzinfo

from domain.fields import END_OF_DAY
from domain.language.numbers import leading_number

WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name[i].lower() for i in range(7))}
WEEKDAYS.update({name[:3]: i for name, i in list(WEEKDAYS.items())})
WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})
SPANS = {"minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400, "week": 7 * 86400}

_CLOCK = r"(?:\s+(?:at\s+)?(?P<clock>\d{1,2}(?::\d{2})?\s*(?:am|pm)?|noon|midnight))?"
_UNTIL = r"(?:until|till|til|'til|through|thru|by|due|back by|back on|back|returning|on)"
MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTHS = {name.lower(): i for name, i in MONTHS.items()} | {name[:3].lower(): i for name, i in MONTHS.items()}
MONTHS["sept"] = 9
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)"
# "the 18th", "18th of december", "dec 18", "18 dec": a date of the month (the next one to come)
_DATE = rf"\d{{1,2}}/\d{{1,2}}(?:/(?:20)?\d{{2}})?\b|{_ORDINAL}(?:\s+(?:of\s+)?(?:{_MONTH})\b)?|(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}\s+(?:{_MONTH})\b"
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
# "Fri 11 Dec", "Friday the 11th": the date says which Friday
WEEKDAY_BEFORE_DATE = re.compile(rf"^(?:{_WEEKDAY}),?\s+(?:the\s+)?(?=\d|(?:{_MONTH})\b)", re.I)
_DAY = (
    rf"(?P<day>(?:{_WEEKDAY})\s+(?:of\s+)?next\s+week|next\s+week\s+(?:{_WEEKDAY})|(?:{_WEEKDAY})\s+after\s+next|"
    r"today|tonight|tomorrow|this week|tmrw|tmr|eod|end of (?:the )?day|end of next week|end of (?:the )?week|end of (?:the )?month|next week|\d{4}-\d{2}-\d{2}|"
    + rf"(?:(?:{_WEEKDAY}),?\s+(?:the\s+)?)?(?:{_DATE})|"
    + _DATE
    + r"|(?:next\s+|this\s+)?(?:"
    + _WEEKDAY
    + "))"
)
# "till friday morning": back by the end of that morning (noon); an afternoon ends the working day
_PART = r"(?:\s+(?:in\s+the\s+|at\s+)?(?P<part>morning|lunchtime|lunch|afternoon))?"
PART_ENDS = {"morning": "noon", "lunchtime": "noon", "lunch": "noon"}
UNTIL_PATTERN = re.compile(rf"\b{_UNTIL}\s+(?:the\s+)?{_DAY}{_PART}{_CLOCK}\b", re.I)
CLOCK_THEN_DAY = re.compile(
    rf"\b{_UNTIL}\s+(?P<clock>\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm)|noon|midnight)\s+(?:on\s+)?(?:the\s+)?{_DAY}\b",
    re.I,
)
# "back by 3", "until 4:30pm": a time today (a bare 1-7 is in the afternoon: a working day).
CLOCK_PATTERN = re.compile(
    r"\b(?:until|till|til|'til|by|back by|back at|back before|due at|due)\s+(?P<clock>\d{1,2}(?::\d{2})?(?:\s*(?:am|pm))?|noon|midnight)\b"
    r"(?!\s*(?:days?|weeks?|hours?|hrs?|minutes?|mins?|st\b|nd\b|rd\b|th\b|[a-z]*s\b))(?:\s+(?:tonight|today|this evening|this afternoon))?",
    re.I,
)
# "back in an hour", "in 2 days".
IN_PATTERN = re.compile(
    r"\b(?:back\s+)?in\s+(?P<n>an?|\d+|[a-z\-]+)\s+(?P<unit>minute|min|hour|hr|day|week)s?\b", re.I
)
SPAN_PATTERN = re.compile(
    r"\bfor\s+(?:the\s+next\s+)?(?P<n>\d+|[a-z\- ]+?)\s+(?P<unit>minute|min|hour|hr|day|week)s?\b", re.I
)

# "for today", "for the day": until the end of today's working day
FOR_THE_DAY = re.compile(
    r"\bfor\s+(?:the\s+rest\s+of\s+)?(?:today|tonight|the\s+day|(?:the|this)\s+afternoon)\b(?!\s+after\b)",
    re.I,
)


def extract_due(text: str, now: datetime, tz: tzinfo) -> tuple[datetime | None, str]:
    """Find a due time in `text`; returns it (aware, in UTC-comparable form) and
    the text without it. `now` must be timezone-aware."""
    text = HOUR_WORDS.sub(
        lambda m: f"{m['lead']} {HOURS[m['hour'].lower()]}{m['half'] or ''}", text
    )  # "until five pm"
    text = DAY_THEN_HALF.sub(lambda m: f"{m['day']} at {HOURS.get(m['hour'].lower(), m['hour'])}:30", text)
    text = HALF_PAST.sub(lambda m: f"{m['lead']} {HOURS.get(m['hour'].lower(), m['hour'])}:30", text)
    text = BY_LUNCH.sub(lambda m: f"{m['lead']} noon", text)
    text = DAY_END_BEFORE_A_DATE.sub(lambda m: f"{m['lead']} ", text)
    text = DAY_END.sub(lambda m: f"{m['lead']} {m['day'] or m['day2'] or 'eod'}", text)
    due, rest = _extract_due(text, now.astimezone(tz), tz)
    if due is None and FOR_THE_DAY.search(text):  # "for today", unless a return time is said too
        return _extract_due(FOR_THE_DAY.sub("until today", text), now.astimezone(tz), tz)
    return due, rest


HOURS = {
    w: n for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)
}
# "until five pm", "back by three o'clock" (not "extend it by two", "take it at one": days, or a plan)
_HOUR = "|".join(HOURS)
HOUR_WORDS = re.compile(
    rf"\b(?P<lead>until|till|til|due|back\s+by|by(?=\s+\w+\s*(?:am|pm|o'?clock)))\s+(?P<hour>{_HOUR})"
    r"(?:(?P<half>\s*(?:am|pm))|\s+o'?clock|(?=\s*$|\s*[,.;!?]))",
    re.I,
)


# "back by half 4": half past four, said the British way
HALF_PAST = re.compile(
    rf"\b(?P<lead>until|till|til|by|back by|back before|back at|due at)\s+half\s+(?:past\s+)?(?P<hour>\d{{1,2}}|{_HOUR})\b(?!:)",
    re.I,
)
# "till end of play thurs", "by cob tomorrow", "thurs eod": the end of that working day, as any day said
_DAY_END = r"(?:end\s+of\s+(?:the\s+)?(?:day|play|business)|close\s+of\s+(?:play|business)|cob|eod|eop)"
_A_DAY = rf"(?:(?:next\s+|this\s+)?(?:{_WEEKDAY})|tomorrow|tmrw|tmr|today)"
_A_DATE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)\b|\d{{1,2}}\s+(?:{_MONTH})\b|\d{{1,2}}/\d{{1,2}}\b)"
DAY_END = re.compile(
    rf"\b(?P<lead>until|till|til|by|back\s+by|due|before)\s+(?:(?:the\s+)?{_DAY_END}\s*,?\s+(?:on\s+)?(?P<day>{_A_DAY})\b"
    rf"|(?P<day2>{_A_DAY})\s+{_DAY_END}\b|(?:the\s+)?{_DAY_END}\b(?!\s*,?\s+(?:on\s+)?(?:the\s+)?(?:{_A_DATE}|{_A_DAY}\b|(?:{_MONTH})\b)))",
    re.I,
)
# "till end of play on the 4th", "until cob 4 december": the date says the day, the day's end its hour
DAY_END_BEFORE_A_DATE = re.compile(
    rf"\b(?P<lead>until|till|til|by|back\s+by|due|before)\s+(?:the\s+)?{_DAY_END}\s*,?\s+(?:on\s+)?(?=(?:the\s+)?(?:{_A_DATE}|(?:{_MONTH})\b))",
    re.I,
)
# "till tomorrow half five", "back friday at half two": half past, on that day
DAY_THEN_HALF = re.compile(
    rf"\b(?P<day>today|tonight|tomorrow|tmrw|(?:{_WEEKDAY}))\s+(?:at\s+)?half\s+(?:past\s+)?(?P<hour>\d{{1,2}}|{_HOUR})\b(?!:)",
    re.I,
)
BY_LUNCH = re.compile(r"\b(?P<lead>until|till|til|by|back by|back before)\s+lunch(?:time)?\b", re.I)


def _extract_due(text: str, local_now: datetime, tz: tzinfo) -> tuple[datetime | None, str]:
    for spans in (SPAN_PATTERN, IN_PATTERN):  # "for 3 days", "back in an hour"
        match = spans.search(text)
        count, rest = leading_number(match.group("n").strip()) if match else (None, "")
        if count is not None and not rest:
            due = local_now + timedelta(seconds=count * SPANS[match.group("unit").lower()])
            return due, _cut(text, match)
    match = CLOCK_THEN_DAY.search(text)  # "until 5pm tomorrow"
    day = resolve_day(match.group("day").lower(), local_now.date()) if match else None
    clock = _clock(_afternoon(match.group("clock").lower())) if match else None
    if day is not None and clock is not None:
        return datetime.combine(day, clock, tz), _cut(text, match)
    # "take two chafers for the wedding on Saturday, back Sunday": "back", "until" before "on"
    matches = list(UNTIL_PATTERN.finditer(text))
    match = next(
        (m for m in matches if not m.group(0).lower().startswith("on ")), matches[0] if matches else None
    )
    if match:
        day = resolve_day(match.group("day").lower(), local_now.date())
        if day is not None:
            said = (match.group("clock") or PART_ENDS.get((match.group("part") or "").lower(), "")).lower()
            evening = match.group("day").lower() == "tonight"  # "till tonight at 10": 22:00
            clock = (
                _clock(_in_the_evening(said) if evening else _afternoon(said)) or END_OF_DAY
            )  # "friday at 3"
            return datetime.combine(day, clock, tz), _cut(text, match)
    match = CLOCK_PATTERN.search(text)
    if match:
        said = match.group("clock").lower()
        evening = re.search(r"(?i)tonight|this evening", match.group(0))
        clock = _clock(_in_the_evening(said) if evening else _afternoon(said))
        if clock is not None:
            due = datetime.combine(local_now.date(), clock, tz)
            return (due if due > local_now else due + timedelta(days=1)), _cut(text, match)
    return None, text


def _in_the_evening(clock: str) -> str:
    """ "9 tonight" is 21:00 and "12 tonight" midnight, unless am or pm is said."""
    hour = clock.split(":")[0].strip()
    if not hour.isdigit() or re.search(r"am|pm", clock):
        return clock
    return "midnight" if hour == "12" else f"{clock}pm" if int(hour) < 12 else clock


def _afternoon(clock: str) -> str:
    """A bare hour from 1 to 7 said at work is after noon ("back by 3")."""
    return f"{clock}pm" if re.fullmatch(r"[1-7](?::\d{2})?", clock.strip()) else clock


def _cut(text: str, match: re.Match) -> str:
    return " ".join((text[: match.start()] + " " + text[match.end() :]).split())


def resolve_day(word: str, today: date) -> date | None:
    said_weekday = WEEKDAY_BEFORE_DATE.match(word.strip())
    word = WEEKDAY_BEFORE_DATE.sub("", word.strip())
    if word in ("today", "tonight", "eod", "end of day", "end of the day"):
        return today
    if word in ("tomorrow", "tmrw", "tmr"):
        return today + timedelta(days=1)
    if word in ("end of week", "end of the week", "this week"):
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if word == "end of next week":  # the Friday of next week
        return today + timedelta(days=7 - today.weekday() + 4)
    if word in ("end of month", "end of the month"):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if word == "next week":
        return today + timedelta(days=7 - today.weekday())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            return None
    numeric = _numeric_dates(word, today)
    if numeric:  # "30/11", "4/12": read day first, or as the weekday said; both are asked about (unclear_day)
        weekday = WEEKDAYS.get(said_weekday.group(0).strip(" ,").split()[0].lower()) if said_weekday else None
        return next((d for d in numeric if d.weekday() == weekday), numeric[0])
    on = _date_of_month(word, today)
    if on is not None:
        return on
    of_next_week = re.fullmatch(
        r"(?:(?P<a>[a-z]+)\s+(?:of\s+)?next\s+week|next\s+week\s+(?P<b>[a-z]+))", word
    )
    if of_next_week:  # "friday next week": that day of next week, whatever today is
        weekday = WEEKDAYS.get(of_next_week["a"] or of_next_week["b"])
        monday = today + timedelta(days=7 - today.weekday())
        return None if weekday is None else monday + timedelta(days=weekday)
    if word.startswith("this "):  # "this friday": the coming one (today, said on a Friday)
        weekday = WEEKDAYS.get(word.removeprefix("this "))
        return None if weekday is None else today + timedelta(days=(weekday - today.weekday()) % 7)
    after_next = word.endswith(" after next")  # "the friday after next": a week after the coming one
    skip_week = word.startswith("next ")
    weekday = WEEKDAYS.get(word.removeprefix("next ").removesuffix(" after next").strip())
    if weekday is None:
        return None
    coming = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    if after_next:
        return coming + timedelta(days=7)
    if skip_week and _same_week(coming, today):  # "next Friday" on a Monday: the Friday of next week
        return coming + timedelta(days=7)
    return coming  # "next Monday" on a Friday: the coming one, already in next week


def _same_week(day: date, today: date) -> bool:
    return day.isocalendar()[:2] == today.isocalendar()[:2]


NEXT_WEEKDAY = re.compile(rf"\bnext\s+(?P<day>{_WEEKDAY})\b", re.I)


WEEKDAY_AND_DATE = re.compile(rf"\b(?P<weekday>{_WEEKDAY}),?\s+(?:the\s+)?(?P<date>{_DATE})", re.I)


def unclear_day(text: str, today: date) -> tuple[str, date, date] | None:
    """A day said two ways that disagree, "12/4" (12 April or 4 December), or "next
    Friday" early in the week: the words and both readings, to ask which is meant."""
    return (
        _weekday_not_the_date(text, today)
        or _day_or_month_first(text, today)
        or unclear_next_day(text, today)
    )


NUMERIC_DATE = re.compile(
    rf"(?:\b(?P<weekday>{_WEEKDAY}),?\s+)?\b(?P<date>\d{{1,2}}/\d{{1,2}}(?:/(?:20)?\d{{2}})?)\b", re.I
)


def _numeric_dates(word: str, today: date) -> list[date]:
    """The dates "a/b[/yy]" can be, the day-first reading first: the next one to come of each."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/((?:20)?\d{2}))?", word.strip())
    if not match:
        return []
    a, b = int(match[1]), int(match[2])
    year = int(match[3]) % 100 + 2000 if match[3] else None
    found = []
    for day, month in ((a, b), (b, a)):
        for y in (year,) if year else (today.year, today.year + 1):
            try:
                when = date(y, month, day)
            except ValueError:
                continue
            if year or today <= when <= today + timedelta(days=183):  # "5/15" is no loan for half a year
                found.append(when)
                break
    return list(dict.fromkeys(found))


def _day_or_month_first(text: str, today: date) -> tuple[str, date, date] | None:
    match = NUMERIC_DATE.search(text)
    readings = _numeric_dates(match["date"], today) if match else []
    if not readings or (len(readings) < 2 and not match["weekday"]):
        return None
    weekday = WEEKDAYS.get((match["weekday"] or "").lower())
    if weekday is not None and sum(r.weekday() == weekday for r in readings) == 1:
        return None  # "fri 4/12": the weekday says which
    if weekday is not None and len(readings) == 1:  # "wed 12/11" when the 11th of December is a Friday
        return match.group(0), _nearest(weekday, readings[0]), readings[0]
    return match.group(0), readings[0], readings[1]


def _weekday_not_the_date(text: str, today: date) -> tuple[str, date, date] | None:
    """ "Fri 12 Dec" when the 12th is a Saturday."""
    match = WEEKDAY_AND_DATE.search(text)
    if match is None:
        return None
    on_date = _date_of_month(match["date"].lower(), today)
    weekday = WEEKDAYS.get(match["weekday"].lower())
    if on_date is None or weekday is None or on_date.weekday() == weekday:
        return None
    return match.group(0), _nearest(weekday, on_date), on_date


def _nearest(weekday: int, day: date) -> date:
    """The day of that weekday within three days of `day`."""
    return day + timedelta(days=(weekday - day.weekday() + 3) % 7 - 3)


def unclear_next_day(text: str, today: date) -> tuple[str, date, date] | None:
    """ "next Friday" said on a Monday is this week's Friday to some and next
    week's to others: the words and both dates, to ask which (a wrong due is a wrong change)."""
    match = NEXT_WEEKDAY.search(text)
    if match is None:
        return None
    coming = resolve_day(match["day"].lower(), today)
    if coming is None or not _same_week(coming, today):
        return None
    return match.group(0), coming, coming + timedelta(days=7)


def _date_of_month(word: str, today: date) -> date | None:
    """ "18th", "18th of december", "dec 18": that date, the next one to come (today counts)."""
    day_match = re.search(r"\d{1,2}", word)
    month_word = next((w for w in re.findall(r"[a-z]+", word) if w in MONTHS), None)
    if day_match is None or (month_word is None and not re.fullmatch(_ORDINAL, word)):
        return None
    for ahead in range(13):
        year, month = today.year + (today.month - 1 + ahead) // 12, (today.month - 1 + ahead) % 12 + 1
        if month_word and month != MONTHS[month_word]:
            continue
        try:
            found = date(year, month, int(day_match.group()))
        except ValueError:  # "the 31st" in a month of 30 days: the next month that has one
            continue
        if found >= today:
            return found
    return None


def _clock(text: str | None) -> time | None:
    if not text:
        return None
    text = text.replace(" ", "")
    if text == "noon":
        return time(12)
    if text == "midnight":
        return time(23, 59)
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(am|pm)?", text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3) == "pm" and hour < 12:
        hour += 12
    if match.group(3) == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
