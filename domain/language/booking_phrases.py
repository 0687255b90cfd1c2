"""Bookings said in words: "book the Epson projector Tuesday 2-4pm", "can I have
the pallet jack on Monday?", "is the projector free Thursday afternoon?",
"what's booked tomorrow?", "my bookings", "cancel my booking of the van",
"move my projector booking to 3pm". Read before due times are taken out, as a
booking's time is a range to come, not a return time."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo

from domain import commands as C
from domain.commands import Command
from domain.language import time_ranges
from domain.language.item_command import item_command
from domain.language.item_lists import item_ref, items_and_tail

# "book", "reserve", "can you hold ... for me", "pencil me in for": a booking whatever the time
BOOK_LEAD = re.compile(
    r"^(?:(?:hi|hey|hello|morning)\b[,!]?\s*)?(?:(?:please|pls|could you|can you|would you|could u|can u|can we|can i|could i|"
    r"i'd like to|i would like to|we'd like to|i want to|i need to|we need to|need to|want to)\s+)*"
    r"(?:please\s+)?(?P<verb>book(?:ing)?(?!\s+value)|bk(?=\s+(?:the|a|an|my)\s)|reserv(?:e|ing)|pre-?book|hold|chope|pencil\s+(?:me|us)\s+in\s+for|"
    r"put\s+(?:me|us)\s+down\s+for|make\s+a\s+(?:booking|reservation)\s+(?:of|for))\b\s*(?:in\s+)?(?:me\s+|us\s+)?",
    re.I,
)
# "can I have / borrow / get the van on Monday?": a booking only for a time to come
ASK_LEAD = re.compile(
    r"^(?:(?:please|pls)\s+)?(?:(?:can|could|may)\s+(?:i|we)\s+(?:please\s+)?)?(?:have|get|borrow|use|grab|take)\s+",
    re.I,
)
GREETING = re.compile(r"(?i)^(?:good\s+)?(?:morning|afternoon|evening)\b[,!.]*\s*")
ASKED = re.compile(
    r"(?i)^\W*(?:(?:good\s+)?(?:morning|afternoon|evening)\W+)?(?:(?:hi|hey|please|pls)\W+)*(?:can|could|may)\s+(?:i|we)\b"
)
DUE_WORDS = re.compile(r"(?i)\b(?:until|till|til|'til|back|due|return(?:ing)?)\b")  # a loan's return time
NOT_A_BOOKING_FOR = re.compile(r"(?i)\s*\bfor\s+(?:me|myself|us)\b")
# time words left once the range is read: a time not understood, asked about rather than half-read
TIME_LEFT = re.compile(
    r"(?i)\b(?:month|week|weekend|today|tomorrow|tonight|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"until|till|noon|midday|periods?|lessons?|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|"
    r"march|april|june|july|august|september|october|november|december)\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}\b"
)
PURPOSE = re.compile(r"(?i)\s*[,;]?\s*\b(?:for|so)\s+(?:the|a|an|my|our|his|her|their)\s+[\w' -]+$")

IS_FREE = re.compile(
    r"^(?:(?:is|are)\s+(?P<ref>.+?)|will\s+(?P<will>.+?)\s+be|(?:what(?:'s|\s+is|\s+are)?|which\s+(?P<which>[\w -]+?)|any(?:thing)?\s*(?P<any>[\w -]*?)|"
    r"anything)\s+(?:is\s+|are\s+)?|"
    # "pcr free thurs?": the item, then free, then when (the time is required below)
    r"(?P<bare>(?!(?:i|we|you|he|she|they|it|is|are|what|which|any|anything|everything|nothing)\b)"
    r"(?:(?!\b(?:is|are|was|were)\b)[\w' -]){2,40}?)\s+(?=(?:free|available)\b))"  # not "... the spare X"
    r"\s*(?:free|available|booked|taken|spare)\b(?P<rest>.*)$",
    re.I,
)
# after "<item> free", only when: "pcr free thurs?", "van free from 2?"
FREE_WHEN = re.compile(
    r"(?i)^\s*(?:on\s+|this\s+|next\s+|at\s+|from\s+|between\s+|by\s+|in\s+|for\s+|after\s+|until\s+|till\s+|til\s+|"
    r"before\s+|later|tomorrow|tmrw|today|tonight|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)|\d|[?!.]|$)"
)
MY_BOOKINGS = re.compile(
    r"^(?:(?:show|list|give)\s+(?:me\s+)?|what\s+are\s+|what(?:'s|\s+is)\s+)?(?:my|all\s+my)\s+(?:bookings?|reservations?)\b(?P<rest>.*)$"
    r"|^(?:what|have|do)\s+(?:have\s+|do\s+)?i\s+(?:got\s+|have\s+)?(?:anything\s+)?(?:booked|reserved)\b(?P<rest2>.*)$"
    r"|^(?:do\s+i\s+have\s+)?any(?:thing)?\s+(?:bookings?|reservations?|booked|reserved)\s+(?:for\s+me|of\s+mine)\b(?P<rest3>.*)$",
    re.I,
)
BOOKED_WHEN = re.compile(
    r"^(?:what(?:'s|\s+is|\s+are)?|what\s+all\s+is|anything|any|show\s+(?:me\s+)?(?:the\s+)?|list\s+(?:the\s+)?|(?:the\s+)?)"
    r"\s*(?:booked|reserved|bookings?|reservations?)\b(?:\s+(?:are\s+there|is\s+there|do\s+we\s+have))?(?P<rest>.*)$",
    re.I,
)
CANCEL = re.compile(
    r"^(?:(?:please|pls|can you|could you)\s+)*(?:cancel|drop|scrap|delete|remove|unbook|un-book|release)\s+"
    r"(?:(?P<whose>my|our|[a-z]+'s)\s+)?(?:the\s+)?(?:(?:booking|reservation)s?\s+(?:of|for|on)\s+(?P<ref>.+)|"
    r"(?!the\b)(?P<ref2>\S.*?)\s+(?:booking|reservation)|(?:booking|reservation)s?(?P<none>))(?P<rest>\s+.+)?$"
    r"|^(?:please\s+)?(?:unbook|un-book)\s+(?P<ref4>.+?)(?:\s*,.*)?$"
    r"|^(?:(?:i|we)\s+)?(?:don't|dont|do not|won't|wont|will not|no longer)\s+need\s+(?P<ref3>[^,;.]+?)"
    r"(?:\s+(?:after all|any ?more))?\s*[,;.]?\s*(?:so\s+|please\s+|pls\s+)?(?:you\s+can\s+)?cancel\b.*$",
    re.I,
)
MOVE = re.compile(
    r"^(?:(?:please|pls|can you|could you)\s+)*(?:move|push|shift|change|switch|reschedule|bring\s+forward|put\s+back)\s+"
    r"(?:my\s+)?(?:(?:booking|reservation)\s+(?:of|for)\s+(?P<ref>.+?)|(?P<ref2>.+?)\s+(?:booking|reservation))"
    r"(?:\s+(?:on\s+|for\s+)?(?P<on>today|tomorrow|this\s+\w+|next\s+\w+|\w+day))?\s+"
    r"(?:to|till|until|for|on)\s+(?P<when>.+)$",
    re.I,
)


def read(
    clean: str,
    now: datetime,
    tz: tzinfo,
    person: str | None,
    said: str = "",
    people: frozenset[str] = frozenset(),
) -> list[Command] | None:
    """The booking commands `clean` asks for, or None when it is about no booking.
    `said`: the message as written ("can I have the van on Monday?" reads as "get the
    van on Monday" once normalized, and only the question makes it a booking)."""
    text = GREETING.sub("", clean.strip().rstrip("?!. "))
    return (
        _handover_answer(text)
        or _calendar(text)
        or _waitlist(text)
        or _move(text, now, tz)
        or _cancel(text, person, now, tz)
        or _mine(text, now, tz)
        or _booked_when(text, now, tz, said.rstrip().endswith("?"))
        or _is_free(text, now, tz)
        or _book(text, now, tz, person, bool(ASKED.match(said)), people)
    )


DAYS_EVENT = re.compile(
    r"(?i)\b(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today)'s\s+(?P<event>[a-z][\w-]*)"
)
NEED_THEN_BOOK = re.compile(
    r"^(?:i\s+|we\s+)?(?:need|want|would like|'d like)\s+(?P<rest>.+?)\s*[,;.]\s*"
    r"(?:(?:so\s+)?(?:can|could|would)\s+(?:u|you|i|we|someone)\s+|(?:please|pls)\s+)*(?:book|reserve)\b.*$",
    re.I,
)


def _book(
    text: str, now: datetime, tz: tzinfo, person: str | None, asked: bool, people: frozenset[str]
) -> list[Command] | None:
    needed = NEED_THEN_BOOK.match(text)  # "need the smallhd friday 9 to 12, pls book"
    if needed:
        text = "book " + re.sub(r"(?i)^(?:a\s+)?(?:second|another|extra)\s+", "", needed["rest"])
    lead = BOOK_LEAD.match(text)
    soft = None if lead or not asked else ASK_LEAD.match(text)
    if lead is None and soft is None:
        return None
    words = text[(lead or soft).end() :]
    words = DAYS_EVENT.sub(r"\g<day> for the \g<event>", words)  # "for saturday's wedding": the day, and why
    said, rest = time_ranges.read(words, now, tz)
    today = now.astimezone(tz).date()
    if soft is not None:  # "can I have the van till friday": a loan now, not a booking
        if not _starts_later(said, words, now, tz):
            return None
    if lead and lead["verb"].lower() == "hold" and said is None:
        return None  # "hold the door": no booking without a time
    start, end = said.range(today, tz) if said else (None, None)
    rest = _items_clause(rest)
    if TIME_LEFT.search(rest):  # "from tomorrow to next month": asked, never booked for half of it
        start = end = None
    named = re.search(r"(?i)\bfor\s+@?(?P<name>[a-z][\w.\-]*)\b", rest)
    stranger = None
    if person is None and named and named["name"].lower() in people:  # "book A-1002 for alice"
        person, rest = named["name"], (rest[: named.start()] + rest[named.end() :]).strip()
    elif person is None and named and named["name"].lower() not in NOT_NAMES:
        stranger = named["name"]  # a purpose, or someone the bot doesn't know: said in the reply
    rest = PURPOSE.sub("", NOT_A_BOOKING_FOR.sub(" ", rest)).strip(" ,.")
    parts, _tail = items_and_tail(rest)
    booked = []
    for part in parts:
        one = item_command(C.CheckOut, part, person, None)
        count = 2 if re.match(r"(?i)both\b", part.strip()) else one.count
        booked.append(
            C.Book(
                ref=one.ref, words=part, start=start, end=end, person=person, count=count, stranger=stranger
            )
        )
    if not any(b.ref for b in booked):
        return [C.Book(words=rest or words, start=start, end=end, person=person)]
    return booked


def _starts_later(said: time_ranges.Said | None, words: str, now: datetime, tz: tzinfo) -> bool:
    """ "can I have the van on monday?", "... tomorrow 9 till 12", "... today 2 till 4": from a time
    to come, a booking; "... till friday" is a loan from now, whatever the day it ends."""
    if said is None:
        return False
    start, _end = said.range(now.astimezone(tz).date(), tz)
    if said.start and said.end and time_ranges.CLOCK_RANGE.search(words):  # "9 till 12": from, to
        return start is not None and start > now
    later_day = said.first_day is not None and said.first_day > now.astimezone(tz).date()
    days = said.last_day is not None and later_day and said.last_day > said.first_day  # "tomorrow till fri"
    return later_day and (days or not DUE_WORDS.search(words))


NOT_NAMES = frozenset("me us myself the a an my our his her their it them this that".split())
ANOTHER_ITEM = re.compile(r"(?i)^(?:and\s+)?(?:(?:the|a|an|both|my)\b|\d|[a-z]{1,4}-?\d)")


def _items_clause(rest: str) -> str:
    """The items of a booking: what comes before a remark after a comma (", board
    call", ", it's ipad week"); a part after a comma that starts like an item stays."""
    parts = re.split(r"\s*[,;]\s*", rest)
    kept = [parts[0]] + [p for p in parts[1:] if ANOTHER_ITEM.match(p)]
    return ", ".join(p for p in kept if p)


def _is_free(text: str, now: datetime, tz: tzinfo) -> list[Command] | None:
    match = IS_FREE.match(text)
    if match is None or (match["bare"] and not FREE_WHEN.match(match["rest"])):
        return None  # "check out the free pallet jack": which one, not whether it is free
    said, rest = time_ranges.read(match["rest"], now, tz)
    today = now.astimezone(tz).date()
    if said is None or (said.first_day in (None, today) and said.start is None and said.end is None):
        return None  # "is the projector free (today)?": now, answered as ever
    start, end = said.range(now.astimezone(tz).date(), tz)
    if start is None:
        return None
    if end is None:
        end = start + timedelta(hours=1)
    ref = match["ref"] or match["will"] or match["which"] or match["any"] or match["bare"] or None
    ref = item_ref(ref) if ref and ref.strip() not in ("it", "anything", "everything") else None
    there = re.fullmatch(r"(?i)\s*(?:in|at)\s+(?:the\s+)?(?P<place>\S.*?)\s*", rest or "")
    return [C.IsFree(ref=ref, start=start, end=end, at=there["place"] if there and ref is None else None)]


CALENDAR = re.compile(
    r"^(?:(?:send|give|get|show)\s+(?:me\s+)?)?(?:(?:my|a|the|our)\s+)?(?P<new>new\s+|fresh\s+|another\s+)?"
    r"(?:calendar|ical|ics)\s*(?:link|feed|url|address|subscription)(?:\s+(?:for|of)\s+(?:the\s+)?(?P<target>.+))?$"
    r"|^(?:(?:send|give)\s+me\s+)?my\s+calendar$",
    re.I,
)


WAITLIST = re.compile(
    r"^(?:(?:please|pls|can you|could you|just)\s+)*(?:tell|let|notify|ping|message|dm|shout at)\s+me\s+(?:know\s+)?"
    r"(?:when|once|as soon as|if)\s+(?P<ref>.+?)(?:'s|\s+is|\s+are|\s+comes?|\s+gets?)\s+"
    r"(?:back|free|available|returned|freed up|in)\b.*$"
    r"|^(?:put|add)\s+me\s+(?:on|to)\s+the\s+(?:waitlist|waiting list|queue)\s+(?:for\s+)?(?P<ref2>.+)$"
    r"|^waitlist\s+(?:me\s+(?:for\s+)?)?(?P<ref3>.+)$",
    re.I,
)


def _waitlist(text: str) -> list[Command] | None:
    match = WAITLIST.match(text)
    if match is None:
        return None
    return [C.Waitlist(ref=item_ref(match["ref"] or match["ref2"] or match["ref3"]))]


HANDOVER_ANSWER = re.compile(
    r"^(?P<verb>accept|decline|refuse|reject)\s+(?:the\s+)?(?:handover|hand-over|hand over)(?:\s+#?(?P<n>\d{1,12}))?$",
    re.I,
)


def _handover_answer(text: str) -> list[Command] | None:
    match = HANDOVER_ANSWER.match(text)
    if match is None:
        return None
    number = int(match["n"]) if match["n"] else None
    return [C.AnswerHandover(handover=number, accept=match["verb"].lower() == "accept")]


def _calendar(text: str) -> list[Command] | None:
    match = CALENDAR.match(text)
    if match is None:
        return None
    target = (match["target"] or "").strip() or None
    return [C.CalendarLink(target=target, renew=bool(match["new"]))]


def _mine(text: str, now: datetime, tz: tzinfo) -> list[Command] | None:
    match = MY_BOOKINGS.match(text)
    if match is None:
        return None
    start, end = _window(match["rest"] or match["rest2"] or match["rest3"] or "", now, tz)
    return [C.Bookings(mine=True, start=start, end=end)]


def _booked_when(text: str, now: datetime, tz: tzinfo, asked: bool = False) -> list[Command] | None:
    match = BOOKED_WHEN.match(text)
    if match is None:
        return None
    start, end = _window(match["rest"], now, tz)
    about_an_item = re.match(
        r"(?i)\s*(?:for|of|on)\s+\S", match["rest"]
    )  # "what bookings are there for the sony"
    if start is None and match["rest"].strip() and not about_an_item:
        return None  # "booked the van": a booking, read elsewhere
    if re.match(r"(?i)booking\s+(?:the|a|an|my|our)\s", text) and not asked:
        return None  # "booking the thermal cycler for tomorrow 10 till 2": a booking, whatever the time
    return [C.Bookings(start=start, end=end)]


def _window(words: str, now: datetime, tz: tzinfo) -> tuple[datetime | None, datetime | None]:
    """The days a list of bookings covers ("tomorrow", "this week"): whole days."""
    said, _rest = time_ranges.read(words, now, tz)
    if said is None:
        return None, None
    today = now.astimezone(tz).date()
    first = said.first_day or today
    last = said.last_day or first
    if said.start or said.end:
        return said.range(today, tz)
    return (
        datetime.combine(first, datetime.min.time(), tz),
        datetime.combine(last + timedelta(days=1), datetime.min.time(), tz),
    )


def _cancel(text: str, person: str | None, now: datetime, tz: tzinfo) -> list[Command] | None:
    match = CANCEL.match(text)
    if match is None:
        return None
    whose = (match["whose"] or "").lower()
    owner = whose[:-2] if whose.endswith("'s") else person
    ref = match["ref"] or match["ref2"] or match["ref3"] or match["ref4"]
    if ref and not item_ref(_no_time(ref, now, tz)):
        if time_ranges.read(ref, now, tz)[0] is None:
            return [C.Unknown(words=text)]  # an item said but not read: never the speaker's other booking
        ref = None  # "cancel my booking for tomorrow afternoon": the speaker's one booking, or asked which
    return [C.CancelBooking(ref=item_ref(_no_time(ref, now, tz)) if ref else None, person=owner)]


def _no_time(words: str, now: datetime, tz: tzinfo) -> str:
    """ "the projector tomorrow": the item; which booking of it is read from the bookings."""
    said, rest = time_ranges.read(words, now, tz)
    return rest if said else words


def _move(text: str, now: datetime, tz: tzinfo) -> list[Command] | None:
    match = MOVE.match(text)
    if match is None:
        return None
    said, _rest = time_ranges.read(match["when"], now, tz)
    ref = item_ref(match["ref"] or match["ref2"])
    move = C.MoveBooking(ref=ref)
    if said is None:
        return [move]  # "to 31 feb": to when? asked, never a move to a place called that
    today = now.astimezone(tz).date()
    on, _ = time_ranges.read(match["on"] or "", now, tz)  # "my booking tomorrow to 2-5pm": the one then
    move = replace(move, of_day=on.first_day.isoformat() if on and on.first_day else None)
    if said.start and said.end and not said.first_day and not said.length:  # "to 2-5pm": its day, new hours
        return [replace(move, clock=said.start.strftime("%H:%M"), until=said.end.strftime("%H:%M"))]
    if said.start and said.end or said.length:
        start, end = said.range(today, tz)
        return [replace(move, start=start, end=end)]
    if said.start:
        move = replace(move, clock=said.start.strftime("%H:%M"))
    if said.first_day:
        move = replace(move, day=said.first_day.isoformat())
    return [move]


OVERRIDE = re.compile(
    r"(?i)[,\s]+(?:anyway|regardless|over (?:the|their|his|her) booking|override the booking)\s*[.!]*\s*$"
)


def without_override(text: str) -> tuple[str, bool]:
    """ "check out the van anyway": the request, and that a booking in the way is to be overridden."""
    found = OVERRIDE.search(text or "")
    return (text[: found.start()], True) if found else (text, False)


# (not the noun: "for the book swap", "a book fair", "the mac book air", "exercise books")
BOOKING_WORD = re.compile(
    r"(?i)(?<!\bthe )(?<!\ba )(?<!\bmy )(?<!\bour )(?<!\bthis )(?<!\bthat )"
    r"(?<!\bmac )(?<!\bchrome )(?<!\bnote )(?<!\bexercise )(?<!\btext )(?<!\bwork )(?<!\blog )(?<!\bsketch )"
    r"\bbook\b(?!\s+(?:swap|fair|club|sale|week|day|returns?|trolley|shelf|shelves|bag|token|corner|box|boxes)\b)"
    r"|\b(?:booking|booked|reserve|reserved|reserving|reservation)\b"
)
UNDOING_WORD = re.compile(r"(?i)\b(?:unbook|un-book|cancel|cancelled|canceled)\b")


def never_taken_now(text: str, commands: list[Command], now: datetime, tz: tzinfo) -> list[Command]:
    """A message that speaks of booking or reserving never checks anything out now
    ("need a pallet truck this afternoon, can i reserve one"): what it would have
    taken is a booking, asked about ("when?") unless read as one already."""
    commands = [_with_item(c, text, now, tz) if isinstance(c, C.Book) and not c.ref else c for c in commands]
    taking = [c for c in commands if isinstance(c, (C.CheckOut, C.Take, C.Extend))]
    if not taking or not (BOOKING_WORD.search(text) or UNDOING_WORD.search(text)):
        return commands
    if UNDOING_WORD.search(text):
        return [C.Unknown(words=text)]
    said, _rest = time_ranges.read(text, now, tz)
    start, end = said.range(now.astimezone(tz).date(), tz) if said else (None, None)
    return [_booked_instead(c, start, end, now, tz) if c in taking else c for c in commands]


def _booked_instead(taken: Command, start, end, now: datetime, tz: tzinfo) -> Command:
    ref = item_ref(time_ranges.read(taken.ref, now, tz)[1]) if taken.ref else None
    ref = re.sub(r"(?i)^(?:second|another|spare|extra)\s+", "", ref or "") or None
    count = getattr(taken, "count", None)
    return C.Book(
        ref=ref, words=ref or "", start=start, end=end, count=count, person=getattr(taken, "person", None)
    )


def _with_item(book: C.Book, text: str, now: datetime, tz: tzinfo) -> C.Book:
    """A booking read from a plan ("I need the drill tomorrow", "I'll bring it back
    after lunch"): its item without the time words. When is asked, not taken from
    a sentence that may be about the return ("a wrong change is worse than a question")."""
    words = re.sub(r"(?i)\blater\b", " ", time_ranges.read(book.words, now, tz)[1]) if book.words else ""
    return replace(book, ref=item_ref(words), start=None, end=None)
