"""Turn one chat message into commands. Pure: the same text, clock and zone
always give the same commands; items stay as the words people used, and the
catalog resolver decides what they mean."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from datetime import datetime, timezone, tzinfo

from domain.commands import Command, Intent
from domain.language.normalize import normalize
from domain.language.numbers import leading_number, trailing_number
from domain.language.tags import join_spoken_tags
from domain.language.times import extract_due
from domain.values import singular

MAX_TEXT = 4000  # what the assistant accepts; longer requests are refused before parsing
# Pack words recognised without "of" ("3 boxes paper"); with "of" any word is.
PACK_WORDS = frozenset(
    "box pack packet case carton bag roll ream bundle pallet tube bottle can sheet pair set tray crate sleeve".split()
)
_ARTICLES = re.compile(r"^(?:the|my|our|this|that|these|those|some|all the|all|of|any)(?:\s+|$)")
_PACK_OF = re.compile(r"^(?P<pack>[a-z]+)\s+of\s+(?P<item>.+)$")
_PERSON = re.compile(r"\bfor\s+@(?P<name>[\w.\-]+)", re.I)
_LEADING_MENTIONS = re.compile(r"^(?:@[\w.\-]+[\s,:]*)+")  # addressed to the bot
_SPLIT = re.compile(r"\s*(?:,|\band\b|\&|\+|;)\s*", re.I)

# (intent, pattern). Order matters: the first pattern that matches wins.
_QUESTIONS: list[tuple[Intent, re.Pattern]] = [
    (
        Intent.LABELS,
        re.compile(
            r"^(?:print\s+|make\s+|need\s+)?(?:an?\s+|new\s+)?(?:barcode\s+)?labels?\s+(?:for\s+|of\s+)?(?P<all>all\s+(?:the\s+|our\s+)?)?(?P<ref>.+)$",
            re.I,
        ),
    ),
    (
        Intent.AUDITS_DUE,
        re.compile(
            r"^(?:what(?:'s| is| are)?\s+|which\s+|show\s+)?(?:audits? due|due audits?|audits? (?:are )?(?:due|overdue))$",
            re.I,
        ),
    ),
    (
        Intent.AUDIT_CLOSE,
        re.compile(
            r"^(?:close|finish|end|complete|done with)\s+(?:the\s+)?audit(?:\s+(?:of|for|in|at)\s+(?:the\s+)?(?P<place>.+))?$",
            re.I,
        ),
    ),
    (
        Intent.AUDIT_START,
        re.compile(
            r"^(?:start\s+(?:an?\s+)?|begin\s+(?:an?\s+)?)?audit(?:\s+(?:of|for|in|at))?\s+(?:the\s+)?(?P<place>.+)$",
            re.I,
        ),
    ),
    (
        Intent.REGISTER,
        re.compile(
            r"^(?:what(?:'s| is| are)|how much (?:is|are))(?: all)?(?: of)? (?:our|the|all|all our)? ?(?:assets?|equipment|stuff|gear|things)(?: worth)?(?: in total)?(?:,? (?:by|per|grouped by|for each|broken down by) (?P<by>department|dept|location|category|categorie|place|team)s?)?$|^(?:the )?(?:asset register|register|asset report|assets report)(?: by (?P<by2>department|location|category))?$",
            re.I,
        ),
    ),
    (
        Intent.EXPORT,
        re.compile(
            r"^(?:export|download|send me)(?: the| a| an)? (?P<ref>assets|asset list|stock|inventory|ledger|history)(?: as csv| csv| file)?$",
            re.I,
        ),
    ),
    (
        Intent.ALIAS_SUGGESTIONS,
        re.compile(
            r"^(?:show )?(?:alias suggestions|suggested aliases|aliases to review|new aliases)$", re.I
        ),
    ),
    (Intent.HELP, re.compile(r"^(?:help|\?|h|what can you do|commands|how does this work|usage)$", re.I)),
    (
        Intent.UNDO,
        re.compile(
            r"^(?:undo|undo (?:that|it|this|my last(?: change| one)?|last)|oops,? undo(?: that)?|revert(?: that)?)$",
            re.I,
        ),
    ),
    (
        Intent.MY_ITEMS,
        re.compile(
            r"^(?:what (?:do i have|have i got|am i holding|did i (?:borrow|check out))|my (?:stuff|items|things|gear|checkouts)|what'?s (?:checked out )?(?:to|with) me)$",
            re.I,
        ),
    ),
    (
        Intent.LOW_STOCK,
        re.compile(
            r"^(?:what(?:'s| is| are)? (?:running )?low|anything (?:running )?low|low(?: stock)?|what (?:do|should) we (?:need to )?(?:re)?order|reorder list|what needs (?:re)?ordering)$",
            re.I,
        ),
    ),
    (
        Intent.WHO_HAS,
        re.compile(
            r"^who(?:'s got|'s| has| is holding| got| took| borrowed| checked out)\s+(?P<ref>.+)$", re.I
        ),
    ),
    (Intent.WHERE_IS, re.compile(r"^where(?:'s| is| are|'re)\s+(?P<ref>.+?)(?: now)?$", re.I)),
    (
        Intent.WORTH,
        re.compile(
            r"^(?:what(?:'s| is) (?P<ref>.+?) worth|(?:book )?value of (?P<ref2>.+)|how much is (?P<ref3>.+?) worth)$",
            re.I,
        ),
    ),
    (
        Intent.HOW_MANY,
        re.compile(
            r"^how (?:many|much)\s+(?P<ref>.+?)(?:\s+(?:do we have|have we got|are (?:there|left)|is (?:there|left)|left|in stock|on hand|remaining|remain))?(?: left)?$",
            re.I,
        ),
    ),
    (
        Intent.IN_MAINTENANCE,
        re.compile(
            r"^(?:what(?:'s| is| are)|show|list)?\s*(?:in|under|out for) (?:maintenance|repair)\??$|^(?:maintenance|repairs)(?: list)?$",
            re.I,
        ),
    ),
    (
        Intent.IS_AVAILABLE,
        re.compile(
            r"^(?:is|are)\s+(?P<ref>.+?)\s+(?:available|free|in|around|taken|out)(?: now| today)?$", re.I
        ),
    ),
    (
        Intent.INFO,
        re.compile(
            r"^(?:info|information|details|detail|describe|show me|show|tell me about|lookup|look up|what(?:'s| is))(?: about| on| for)?\s+(?P<ref>.+)$",
            re.I,
        ),
    ),
]
_MANAGER: list[tuple[Intent, re.Pattern]] = [
    (
        Intent.ACCEPT_ALIAS,
        re.compile(r"^(?:accept|approve|add) (?:the )?alias (?:suggestion )?#?(?P<n>\d+)$", re.I),
    ),
    (
        Intent.DISMISS_ALIAS,
        re.compile(r"^(?:dismiss|reject|ignore) (?:the )?alias (?:suggestion )?#?(?P<n>\d+)$", re.I),
    ),
    (
        Intent.SET_REORDER,
        re.compile(
            r"^(?:set )?(?:the )?reorder (?:point|level)(?: of| for)?\s+(?P<ref>.+?)\s+(?:to|at|=|is)?\s*(?P<n>\S+)$",
            re.I,
        ),
    ),
    (Intent.RETIRE, re.compile(r"^(?:retire|decommission|dispose of|write off)\s+(?P<ref>.+)$", re.I)),
    (Intent.ADD_ASSET, re.compile(r"^add (?:a )?(?:new )?asset\s+(?P<ref>\S+)\s+(?P<value>.+)$", re.I)),
    (
        Intent.ADD_STOCK,
        re.compile(
            r"^add (?:a )?(?:new )?(?:stock item|stock|sku|consumable)\s+(?P<ref>\S+)\s+(?P<value>.+?)\s+(?:in|per|by the|counted in|unit)\s+(?P<field>[a-z]+)$",
            re.I,
        ),
    ),
    (
        Intent.EDIT,
        re.compile(
            r"^(?:edit|set|change|update)\s+(?P<ref>.+?)(?:'s)?\s+(?P<field>location|department|dept|condition|category|name|model|manufacturer|serial|supplier|cost|unit cost|salvage value|useful life|purchase date|packs|barcode|reorder qty|reorder quantity|aliases|alias)\s*(?:to|=|:|is)?\s+(?P<value>.+)$",
            re.I,
        ),
    ),
]
_SEEN_THIS = re.compile(
    r"^(?:seen|saw|spotted|found|here)(?:\s+(?:it|this|these|that|one))?(?:\s+(?:in|at)\s+(?:the\s+)?(?P<place>.+))?$",
    re.I,
)
_SEEN = re.compile(
    r"^(?:seen|saw|spotted|sighted|found|checked|i see|i can see|here is|here's)\s+(?P<rest>.+?)(?:\s+(?:in|at)\s+(?:the\s+)?(?P<place>.+))?$",
    re.I,
)
_MOVES: list[tuple[str, re.Pattern]] = [
    (
        "department",
        re.compile(
            r"^(?P<rest>.+?)\s+(?:belongs?|goes)\s+to\s+(?:the\s+)?(?P<place>.+?)(?:\s+(?:team|department|dept))?(?:\s+now)?$",
            re.I,
        ),
    ),
    (
        "department",
        re.compile(
            r"^(?:assign|transfer|reassign)\s+(?P<rest>.+?)\s+to\s+(?:the\s+)?(?P<place>.+?)(?:\s+(?:team|department|dept))?$",
            re.I,
        ),
    ),
    (
        "location",
        re.compile(
            r"^(?:move|moved|moving|relocate|relocated|put|bring|brought)\s+(?P<rest>.+?)\s+(?:to|into|in|over to)\s+(?:the\s+)?(?P<place>.+)$",
            re.I,
        ),
    ),
    (
        "location",
        re.compile(
            r"^(?P<rest>.+?)\s+(?:is|are)\s+(?:now\s+)?(?:in|at|on)\s+(?:the\s+)?(?P<place>.+?)(?:\s+now)?$",
            re.I,
        ),
    ),
    ("location", re.compile(r"^(?:move|relocate)\s+(?P<rest>.+?)(?P<place>)$", re.I)),  # where to: asked
]
_CONDITION_NOTE = re.compile(
    r"^(?P<items>.+?)(?:\s*[,;:]\s*|\s+-\s+|\s+(?:and|but)\s+)(?P<note>.*\b(?:is|are|was|were|broken|dead|cracked|damaged|"
    r"missing|needs?|doesn't|does not|won't|scratched|worn|dirty|fine|ok|working|faulty|leaking|bent|torn)\b.*)$",
    re.I,
)
_CHANGES: list[tuple[Intent, re.Pattern]] = [
    (
        Intent.MAINTENANCE,
        re.compile(
            r"^(?:send|sent|put|take)\s+(?P<rest>.+?)\s+(?:to|in|into|for)\s+(?:maintenance|repair|repairs|service|the shop)$|^(?P<rest2>.+?)\s+(?:needs|need|is going for|went for|goes to)\s+(?:a\s+)?(?:repair|repairs|fixing|maintenance|service)$",
            re.I,
        ),
    ),
    (
        Intent.REPAIRED,
        re.compile(
            r"^(?P<rest>.+?)\s+(?:is|are|was|has been|got)\s+(?:fixed|repaired|serviced|back from (?:maintenance|repair|the shop))(?: now)?$|^(?:fixed|repaired)\s+(?P<rest2>.+)$",
            re.I,
        ),
    ),
    (
        Intent.EXTEND,
        re.compile(
            r"^(?:extend|renew|keep)\s+(?P<rest>.+?)(?:\s+(?:longer|a bit longer|for longer))?$", re.I
        ),
    ),
    (
        Intent.CHECK_IN,
        re.compile(
            r"^(?:check(?:ed|ing)?[ -]?in|return(?:ed|ing)?|bring(?:ing)? back|brought back|(?:i'?m |i am )?done with|finished with|giving back|gave back|drop(?:ped|ping)? off|handing back|handed back|back)\s+(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        Intent.CHECK_OUT,
        re.compile(
            r"^(?:check(?:ed|ing)?[ -]?out|sign(?:ed|ing)? out|borrow(?:ed|ing)?|grab(?:bed|bing)?|reserve|book|lend me|loan me|can i get|i'?ll take)\s+(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        Intent.CONSUME,
        re.compile(
            r"^(?:use|used|using|consume|consumed|finished|went through|go through|burned through|ran through|gone through|used up|took out|removed?|remove)\s+(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        Intent.TAKE,
        re.compile(
            r"^(?:take|taking|took|need|i need|we need|get|getting|pick(?:ing)? up|picked up)\s+(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        Intent.RECEIVE,
        re.compile(
            r"^(?:receive|received|receiving|restock|restocked|restocking|got a delivery of|a delivery of|delivery of|got in|got|add|added|adding|put back|delivered|arrived:?)\s+(?P<rest>.+)$",
            re.I,
        ),
    ),
    (
        Intent.COUNT,
        re.compile(r"^(?:count|counted|stocktake|stock take|recount|there (?:are|is))\s+(?P<rest>.+)$", re.I),
    ),
]
_SPECIAL: list[tuple[Intent, re.Pattern]] = [
    (Intent.CHECK_IN, re.compile(r"^(?P<rest>.+?)\s+(?:is|are) back(?: now)?$", re.I)),
    (
        Intent.COUNT,
        re.compile(
            r"^(?:(?:we|i|there)(?:'ve|'re| have| are| is)?\s+)?(?:got\s+|have\s+|counted\s+|are\s+|is\s+)?(?P<rest>.+?)\s+(?:left|remaining|on the shelf)$",
            re.I,
        ),
    ),
    (
        Intent.COUNT,
        re.compile(
            r"^(?:we have|there are|there's)\s+(?P<rest>.+?)(?: left| in stock| on the shelf)?$", re.I
        ),
    ),
    (
        Intent.COUNT,
        re.compile(r"^set\s+(?P<ref>.+?)\s+(?:count |quantity |stock |on hand )?(?:to|=)\s+(?P<n>.+)$", re.I),
    ),
    (
        Intent.COUNT,
        re.compile(r"^(?P<ref>.+?)\s+(?:count|on hand|stock|left)(?: is|:|=)?\s+(?P<n>\d+)$", re.I),
    ),
    (Intent.CONSUME, re.compile(r"^(?P<rest>.+?)\s+(?:used|consumed|used up|gone)$", re.I)),
    (Intent.RECEIVE, re.compile(r"^(?P<rest>.+?)\s+(?:arrived|came in|delivered|received)$", re.I)),
]
# Leading words worth correcting when mistyped ("chek out", "recieved").
VERBS = (
    "check checkout checkin return returned returning borrow borrowing grab take took taking use used using "
    "consume consumed receive received restock restocked count counted stocktake who where how info undo help "
    "retire edit update change add added finished bring brought sign need delivered"
).split()
# Leading words that start other phrasings: never "corrected" into a verb.
KNOWN_WORDS = frozenset(
    "show tell lookup look details detail describe where who what how is are there we set stock log record "
    "info information value book oops revert reorder undo help delivered arrived got have finish close end complete "
    "audit audits seen saw spotted found move moved transfer send sent fixed repaired assign export".split()
)
_BARE_VERB = re.compile(
    r"^(?P<verb>check ?out|checkout|sign out|borrow|check ?in|checkin|return|use|used|consume|receive|received|"
    r"restock|restocked|count|counted|take|took)$",
    re.I,
)
_BARE_INTENTS = {
    "out": Intent.CHECK_OUT,
    "borrow": Intent.CHECK_OUT,
    "in": Intent.CHECK_IN,
    "return": Intent.CHECK_IN,
    "use": Intent.CONSUME,
    "used": Intent.CONSUME,
    "consume": Intent.CONSUME,
    "receive": Intent.RECEIVE,
    "received": Intent.RECEIVE,
    "restock": Intent.RECEIVE,
    "restocked": Intent.RECEIVE,
    "count": Intent.COUNT,
    "counted": Intent.COUNT,
    "take": Intent.TAKE,
    "took": Intent.TAKE,
}
_TRAILING_BE = re.compile(r"\s+(?:are|is|were|was|have been|has been|got)$", re.I)
_PURPOSE = re.compile(r"\s+for\s+(?:the|a|an|my|our|this|that|tomorrow's|today's|next)\s+[\w' -]+$", re.I)
_DELIVERY_WORDS = re.compile(r"\b(?:delivery|deliveries|shipment|order|package|parcel)\b", re.I)
_PRONOUN = re.compile(
    r"^(?:we(?:'ve| have|'re| are)?|i(?:'ve| have|'m| am)?|just|also|we just|i just)\s+(?=\w)", re.I
)


def parse(
    text: str, now: datetime | None = None, tz: tzinfo = timezone.utc, names: dict[str, str] | None = None
) -> list[Command]:
    """All commands in `text`; [Command(UNKNOWN)] when it reads as none."""
    now = now or datetime.now(timezone.utc)
    if re.fullmatch(r"\s*\?+\s*", text or ""):
        return [Command(Intent.HELP)]
    clean = _LEADING_MENTIONS.sub("", normalize((text or "")[:MAX_TEXT], names))
    if not clean:
        return [Command(Intent.UNKNOWN)]
    person_match = _PERSON.search(clean)
    person = person_match.group("name") if person_match else None
    if person_match:
        clean = " ".join((clean[: person_match.start()] + " " + clean[person_match.end() :]).split())
    due, clean = extract_due(clean, now, tz)
    clean = join_spoken_tags(_fix_verb_typo(clean))
    return _parse_clean(clean, person, due) or [Command(Intent.UNKNOWN)]


def _fix_verb_typo(text: str) -> str:
    first, sep, rest = text.partition(" ")
    word = first.lower()
    if len(word) < 3 or word in VERBS or word in KNOWN_WORDS or not word.isalpha():
        return text
    close = difflib.get_close_matches(word, VERBS, n=1, cutoff=0.8)
    return close[0] + sep + rest if close else text


def _parse_clean(clean: str, person: str | None, due: datetime | None) -> list[Command]:
    for intent, pattern in _QUESTIONS + _MANAGER:
        match = pattern.match(clean)
        if match and intent is Intent.LABELS and not match.group("all"):
            return [Command(intent, ref=_ref(part)) for part in _split_items(match.group("ref"))]
        if match:
            return [_single(intent, match)]
    stripped = _PRONOUN.sub("", clean)
    this = _SEEN_THIS.match(stripped)
    if this:  # with a photo, the photo says which item
        return [Command(Intent.SEEN, field="location", value=(this["place"] or "").strip(" .!?") or None)]
    seen = _SEEN.match(stripped)
    if seen:
        return [
            replace(
                Command(Intent.SEEN, ref=_ref(part), field="location"),
                value=(seen["place"] or "").strip(" .!?") or None,
            )
            for part in _split_items(seen["rest"])
        ]
    for kind, pattern in _MOVES:
        match = pattern.match(stripped)
        if match and not re.search(r"\bis back\b|\b(?:maintenance|repairs?|service)\b", stripped, re.I):
            return [
                Command(Intent.MOVE, ref=_ref(match["rest"]), field=kind, value=match["place"].strip(" .!?"))
            ]
    bare = _BARE_VERB.match(stripped)
    if bare:  # a verb and nothing else: understood, but about no item
        verb = bare.group("verb").lower().split()[-1].removeprefix("check")
        return [Command(_BARE_INTENTS.get(verb, Intent.CHECK_OUT))]
    candidates = [(i, p, clean) for i, p in _SPECIAL] + [(i, p, stripped) for i, p in _CHANGES + _SPECIAL]
    for intent, pattern, text in candidates:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        if "rest" in groups:
            rest = groups["rest"] or groups.get("rest2") or ""
            note = None
            if intent is Intent.CHECK_IN and (noted := _CONDITION_NOTE.match(rest)):
                rest, note = noted["items"], noted["note"].strip(" .")
            commands = [_item_command(intent, part, person, due) for part in _split_items(rest)]
            return [replace(c, note=c.note or note) for c in commands]
        count, _ = leading_number(groups["n"])
        return [Command(intent, ref=_ref(groups["ref"]), count=count)]
    return []


def _single(intent: Intent, match: re.Match) -> Command:
    groups = {k: v for k, v in match.groupdict().items() if v}
    ref = groups.get("ref") or groups.get("ref2") or groups.get("ref3")
    if intent in (Intent.AUDIT_START, Intent.AUDIT_CLOSE):
        place = (groups.get("place") or "").strip(" .!?") or None
        return Command(intent, field="location", value=place)
    if intent is Intent.REGISTER:
        by = (groups.get("by") or groups.get("by2") or "department").lower()
        return Command(
            intent,
            field={
                "dept": "department",
                "team": "department",
                "place": "location",
                "categorie": "category",
            }.get(by, by),
        )
    if intent is Intent.LABELS:
        return Command(intent, ref=groups["ref"], value="all" if groups.get("all") else None)
    if intent is Intent.EXPORT:
        kind = groups["ref"].lower()
        return Command(
            intent, value={"asset list": "assets", "inventory": "stock", "history": "ledger"}.get(kind, kind)
        )
    if intent in (Intent.ACCEPT_ALIAS, Intent.DISMISS_ALIAS):
        return Command(intent, count=int(groups["n"]))
    if intent is Intent.SET_REORDER:
        count, rest = leading_number(groups["n"])
        return Command(intent, ref=_ref(ref), count=count if not rest else None)
    if intent in (Intent.ADD_ASSET, Intent.ADD_STOCK, Intent.EDIT):
        field = (groups.get("field") or "").lower() or None
        key = ref.strip().upper() if intent is not Intent.EDIT else _ref(ref)
        return Command(intent, ref=key, field=field, value=groups.get("value"))
    return Command(intent, ref=_ref(ref) if ref else None)


def _split_items(rest: str) -> list[str]:
    parts = [p for p in _SPLIT.split(rest) if p]
    return parts or [rest]


def _item_command(intent: Intent, phrase: str, person: str | None, due: datetime | None) -> Command:
    note = None
    if intent is Intent.CHECK_IN and " - " in phrase:
        phrase, note = (s.strip() for s in phrase.split(" - ", 1))
    phrase = _TRAILING_BE.sub(
        "", _ARTICLES.sub("", phrase.strip()) if re.match(r"(?i)the\s+\d", phrase) else phrase
    )
    if intent in (Intent.CHECK_OUT, Intent.TAKE):
        phrase = _PURPOSE.sub("", phrase)
    if intent is Intent.RECEIVE:
        phrase = _DELIVERY_WORDS.sub(" ", phrase).strip()
    count, rest = leading_number(phrase)
    pack = None
    if count is not None:
        match = _PACK_OF.match(rest.lower())
        if match:
            pack, rest = singular(match.group("pack")), rest[-len(match.group("item")) :]
        else:
            first, _, remainder = rest.partition(" ")
            if remainder and singular(first) in PACK_WORDS:
                pack, rest = singular(first), remainder
    else:
        count, rest = trailing_number(phrase)
    if intent in (Intent.CHECK_OUT, Intent.CHECK_IN, Intent.EXTEND) and pack is None:
        if count is not None and not rest.strip():
            rest, count = str(count), None  # "check out 1042": a tag's number
        elif count == 1:
            count = None  # "check out a projector": the article, not a quantity
    return Command(intent, ref=_ref(rest), count=count, pack=pack, person=person, due=due, note=note)


def _ref(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip(" ?!.,:;'\"").lower()
    match = _PACK_OF.match(text)
    if match and singular(match.group("pack")) in PACK_WORDS:
        text = match.group("item")
    while True:
        stripped = _ARTICLES.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text or None
