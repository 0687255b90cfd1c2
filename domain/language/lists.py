"""Lists and history asked for in words: by kind ("list all the projectors"),
by team ("what does the AV team have?"), by status ("which laptops are
checked out?"), by holder ("what have i got out"), top users of a stock item
("who used the most paper this month?"), when something was last done, and
"more" for the next page of the last list. First match wins."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from domain import commands as C
from domain.commands import Command
from domain.language.periods import extract_period
from domain.language.times import WEEKDAYS, resolve_day

_END = r"(?:\s+(?:right\s+)?now|\s+at the moment|\s+currently)?$"
_THINGS = r"(?:items?|things|stuff|kit|equipment|gear|assets?|everything)"
_GROUP = r"(?:team|department|dept|group)"
_OUT = r"(?:checked[- ]out|signed[- ]out|borrowed|on loan|lent out|out on loan)"
# What a list of everything is called: no kind of item at all.
EVERYTHING = re.compile(rf"^(?:all|all (?:the|our) |every|the |our )?\s*{_THINGS}?$", re.I)
# Words that make a list something else: left to the other listings.
NOT_A_KIND = re.compile(r"\b(?:overdue|late|due|free|available|low|maintenance|repairs?|history)\b", re.I)

MORE = re.compile(
    r"^(?:(?:show|give|send)(?: me)?(?: the)?\s+)?(?:more|next|next page|next \d+|the rest|rest|keep going|see more|"
    r"more (?:please|results|items|of (?:them|that|those))|next (?:page|lot|ones?))(?: please)?$",
    re.I,
)
TOP_USERS = re.compile(
    r"^(?:who(?:'s| is| has| have)?\s+(?:(?:been\s+)?(?:goes|going|gone|went|got|get|uses?|using|used|takes?|taking|took|"
    r"consumes?|consuming|consumed|burns?|burning|burnt|burned|gets|getting)\s+)(?:through\s+)?(?:the\s+)?most(?:\s+of)?"
    r"|(?:the\s+)?(?:top|biggest|heaviest|main)\s+(?:users?|consumers?)\s+(?:of|for)"
    r"|(?:show\s+(?:me\s+)?)?(?:usage|use|consumption)\s+(?:of|for)\s+(?P<by>.+?)\s+(?:by|per)\s+(?:person|people|user))"
    r"\s*(?P<ref>.*?)$",
    re.I,
)
CHECKED_OUT = re.compile(
    rf"^(?:(?:show|list|tell)(?: me)?|what(?:'s| is| are)?|which|anything|any)\s+(?:all\s+)?(?:(?:the|of the|our)\s+)?"
    rf"(?:(?P<ref>.+?)\s+)?(?:(?:that(?:'s| is| are)|is|are)\s+(?:currently\s+)?(?:{_OUT}|out)|{_OUT}){_END}"
    rf"|^what(?:'s| is| are)\s+(?:currently\s+)?out{_END}"
    rf"|^(?:show(?: me)?|list|what are)\s+(?:all\s+)?(?:the\s+)?{_OUT}\s+(?P<ref2>.+?)$",
    re.I,
)
FREE_IN = re.compile(  # (now: "what's free in room 204 tomorrow" is a question of another time)
    r"^(?:(?:show|tell)\s+me\s+)?(?:what(?:'s|s| is| are)?|which|anything|show(?: me)?|list)\s+(?:is\s+|are\s+)?"
    r"(?:free|available|spare)\s+(?:in|at)\s+(?:the\s+)?"
    r"(?!.*\b(?:today|tomorrow|tmrw|tonight|mon|tue|wed|thu|fri|sat|sun|\w+day|next|this|at|on|from|till|until)\b)"
    r"(?P<place>[\w' -]+)$",
    re.I,
)
AVAILABLE = re.compile(
    r"^(?:list|show(?: me)?|what are)\s+(?:all\s+)?(?:the\s+)?(?:available|free|spare)\s+(?P<ref>.+)$", re.I
)
TEAM = re.compile(
    rf"^what (?:does|do|has|have) (?:the\s+)?(?P<team>.+?)\s+{_GROUP}\s+(?:got|have|has|own|hold|use)(?:\s+out)?{_END}"
    rf"|^(?:show(?: me)?|list)\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?P<team2>.+?)\s+{_GROUP}(?:'s|s')?"
    rf"(?:\s+{_THINGS})?$"
    rf"|^(?:show(?: me)?|list)\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?P<team3>.+?)(?:'s|s')\s+{_THINGS}$",
    re.I,
)
KIND_OF_TEAM = re.compile(
    rf"^(?:what|which)\s+(?P<ref>.+?)\s+(?:does|do|has|have)\s+(?:the\s+)?(?P<team>.+?)\s+{_GROUP}\s+(?:got|have|own)$",
    re.I,
)
KIND = re.compile(
    r"^(?:list(?:\s+(?:all|every|each))?|show(?: me)?\s+(?:all|every|each)|what are all|give me (?:a list of\s+)?all"
    r"|(?:a\s+)?list of(?:\s+all)?)"
    r"\s+(?:(?:of\s+)?(?:the|our)\s+)?(?P<ref>.+?)(?:\s+(?:we have|we've got|in the catalog(?:ue)?))?$"
    r"|^(?:what|which)\s+(?P<ref2>.+?)\s+(?:do we have|have we got|do we own|are there|we have|we got)"
    r"(?:\s+(?:in total|altogether|at the moment|right now|now))?$",
    re.I,
)
HELD = re.compile(  # "what have i got out?", "what has bob got checked out", "what's bob got on him"
    rf"^what(?:\s+have|\s+has|'s|\s+is|\s+does|\s+do)\s+@?(?P<person>[\w.\-]+)\s+(?:got|have)"
    rf"(?:\s+(?:out|checked out|signed out|on loan|on (?:him|her|them|me)|with (?:him|her|them|me)))?{_END}",
    re.I,
)
LAST_DONE = re.compile(  # "when was the a4 last restocked", "when were the markers last seen"
    r"^when (?:was|were) (?:the |our )?(?P<ref>.+?) last "
    r"(?:restocked|topped up|received|delivered|seen|used|checked out|counted|taken out)$",
    re.I,
)
_DAY = (
    r"(?:today|tomorrow|(?:next\s+)?(?:"
    + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    + r")|\d{4}-\d{2}-\d{2})"
)
DUE_WINDOW = re.compile(  # "what's due back next week?", "anything due between monday and wednesday"
    r"^(?:what(?:'s| is| are)?|which|show(?: me)?|list|anything|any)\s+(?:(?:items?|things|stuff|kit)\s+)?"
    r"(?:is\s+|are\s+)?due(?:\s+back)?\s+(?:(?P<next>next week)|(?:between|from)\s+(?P<first>"
    + _DAY
    + r")\s+(?:and|to|till|until|-)\s+(?P<last>"
    + _DAY
    + r"))$",
    re.I,
)
GROUP_SUFFIX = re.compile(rf"(?:'s|s')?\s+{_GROUP}(?:'s|s')?$", re.I)


MINE = re.compile(r"^(?:i've|i have|i)(?:\s+got)?$", re.I)


# "is there a list of what's kept in the tool crib?": the list itself is asked for
LIST_OF = re.compile(
    r"(?i)^(?:is\s+there|have\s+you\s+got|do\s+you\s+have|can\s+i\s+(?:get|see|have)|could\s+i\s+(?:get|see|have))"
    r"\s+a\s+list\s+of\s+(?=what|which|everything|all)"
)
# "what's out from the learning centre?": what is checked out of a place
OUT_FROM = re.compile(
    r"(?i)^what(?:'s|\s+is|\s+are)\s+(?:currently\s+)?(?:checked\s+|signed\s+)?out\s+from\s+(?P<place>.+)$"
)


def read_list(text: str, due: datetime | None, now: datetime, tz: tzinfo) -> Command | None:
    """The list `text` asks for, or None when it asks for no list of these kinds."""
    if MORE.match(text):
        return C.More()
    out_from = OUT_FROM.match(text.strip(" ?!."))
    if out_from:
        return C.ListAssets(at=place_name(out_from["place"]), checked_out=True)
    if re.search(r"(?i)\b(?:value|worth)\b", text):
        return None  # "the book value of everything, split by department": the register

    match = HELD.match(text)
    if match and match["person"].lower() not in ("it", "this", "that", "they", "you", "he", "she"):
        person = match["person"].lower()
        if person in ("we", "us"):
            return C.ListAssets(checked_out=True)
        return C.MyItems() if person in ("i", "me") else C.ListAssets(person=match["person"])
    match = LAST_DONE.match(text)
    if match:
        return C.History(ref=match["ref"])
    top = _top_users(text, now, tz)
    if top is not None:
        return top
    match = CHECKED_OUT.match(text)
    if match:
        kind = _kind(match["ref"] or match["ref2"])
        if kind and MINE.match(kind):  # "what i've got signed out": mine, not a kind of item
            return C.MyItems()
        return C.ListAssets(ref=kind, checked_out=True, due=due)
    match = FREE_IN.match(text.strip(" ?!."))
    if match:  # "what's free in lab 2"
        return C.ListAssets(available=True, at=place_name(match["place"]))
    match = AVAILABLE.match(text)
    if match and not NOT_A_KIND.search(match["ref"]):
        return C.ListAssets(ref=_kind(match["ref"]), available=True)
    match = KIND_OF_TEAM.match(text)
    if match and not NOT_A_KIND.search(match["ref"]):
        return C.ListAssets(ref=_kind(match["ref"]), at=place_name(match["team"]))
    match = TEAM.match(text)
    if match:
        return C.ListAssets(at=place_name(match["team"] or match["team2"] or match["team3"]))
    match = KIND.match(text)
    if match and not NOT_A_KIND.search(match["ref"] or match["ref2"]):
        return C.ListAssets(ref=_kind(match["ref"] or match["ref2"]))
    return None


DUE_SOON = re.compile(
    r"(?i)^(?:what(?:'s|s| is| are)?|anything|which\s+\w+(?:\s+are|\s+is)?)\s+(?:coming\s+)?(?:due|back)(?:\s+back)?\s+soon$"
)


def read_due_window(text: str, now: datetime, tz: tzinfo) -> Command | None:
    """A list of what is due back within a span of days, read before due times
    are taken out of the text (which would read "next week" as its Monday)."""
    today = now.astimezone(tz).date()
    if DUE_SOON.match(text.strip(" ?!.")):  # "what's due back soon": today and tomorrow
        start, end = (
            datetime.combine(today, time(0), tz),
            datetime.combine(today + timedelta(days=1), time(23, 59, 59), tz),
        )
        return C.ListAssets(due=end, due_from=start)
    match = DUE_WINDOW.match(text)
    if not match:
        return None
    if match["next"]:
        first = today + timedelta(days=7 - today.weekday())
        last = first + timedelta(days=6)
    else:
        first = _day_on_or_after(match["first"].lower(), today, today)
        last = _day_on_or_after(match["last"].lower(), first, today) if first else None
        if first is None or last is None or last < first:
            return None
    start = datetime.combine(first, time(0), tz)
    return C.ListAssets(due=datetime.combine(last, time(23, 59, 59), tz), due_from=start)


def _day_on_or_after(word: str, start: date, today: date) -> date | None:
    """The day a weekday names counting from `start` itself ("monday" on a
    Monday is that day), so a window's days are read in order; "today",
    "tomorrow" and dates are as ever."""
    if word in ("today", "tomorrow") or word[:1].isdigit():
        return resolve_day(word, today)
    return resolve_day(word, start - timedelta(days=1))


def place_name(text: str | None) -> str | None:
    """A place or team as named: "the IT department" is IT, "Facilities team's" Facilities."""
    text = GROUP_SUFFIX.sub("", (text or "").strip(" .!?")).strip()
    return re.sub(r"^the\s+", "", text, flags=re.I) or None


def _top_users(text: str, now: datetime, tz: tzinfo) -> Command | None:
    period, rest = extract_period(text, now, tz)
    match = TOP_USERS.match(rest)
    if not match:
        return None
    ref = (match["ref"] or match["by"] or "").strip(" ?.!")
    ref = re.sub(r"^(?:the|our|of)\s+", "", ref, flags=re.I) or None
    if period is None:
        return C.TopUsers(ref=ref)
    return C.TopUsers(ref=ref, since=period.since, until=period.until, period=period.label)


def _kind(text: str | None) -> str | None:
    """What the list is of; None for "everything", "items", "stuff"."""
    text = (text or "").strip(" .!?")
    return None if not text or EVERYTHING.match(text) else text
