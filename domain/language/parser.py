"""Turn one chat message into commands. Pure: the same text, clock and zone
always give the same commands; items stay as the words people used, and the
catalog resolver decides what they mean."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from datetime import datetime, timezone, tzinfo

from domain import commands as C
from domain.commands import Command
from domain.language.lexicon import AFTER_ITEM, BEFORE_ITEM, SENTENCES, pattern, sayings
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


def _sentence(kind: type[Command]) -> re.Pattern:
    return re.compile(rf"^{pattern(SENTENCES[kind])}$", re.I)


def _before(kind: type[Command], rest: str) -> re.Pattern:
    """The command's verbs (lexicon.BEFORE_ITEM), then the item as `rest` describes it."""
    return re.compile(rf"^{pattern(BEFORE_ITEM[kind])}:?{rest}", re.I)


def _after(kind: type[Command], lead: str = "") -> re.Pattern:
    """The item, then the command's words (lexicon.AFTER_ITEM): "the projector is back"."""
    return re.compile(rf"^{lead}(?P<rest>.+?)\s+{pattern(AFTER_ITEM[kind])}$", re.I)


# (command, pattern). Order matters: the first pattern that matches wins.
_QUESTIONS: list[tuple[type[Command], re.Pattern]] = [
    (
        C.Labels,
        re.compile(
            r"^(?:print\s+|make\s+|need\s+)?(?:an?\s+|new\s+)?(?:barcode\s+)?labels?\s+(?:for\s+|of\s+)?(?P<all>all\s+(?:the\s+|our\s+)?)?(?P<ref>.+)$",
            re.I,
        ),
    ),
    (C.AuditsDue, _sentence(C.AuditsDue)),
    (
        C.AuditClose,
        re.compile(
            r"^(?:close|finish|end|complete|done with)\s+(?:the\s+)?audit(?:\s+(?:of|for|in|at)\s+(?:the\s+)?(?P<place>.+))?$",
            re.I,
        ),
    ),
    (
        C.AuditStart,
        re.compile(
            r"^(?:start\s+(?:an?\s+)?|begin\s+(?:an?\s+)?)?audit(?:\s+(?:of|for|in|at))?\s+(?:the\s+)?(?P<place>.+)$",
            re.I,
        ),
    ),
    (
        C.Register,
        re.compile(
            r"^(?:what(?:'s| is| are)|how much (?:is|are))(?: all)?(?: of)? (?:our|the|all|all our)? ?(?:assets?|equipment|stuff|gear|things)(?: worth)?(?: in total)?(?:,? (?:by|per|grouped by|for each|broken down by) (?P<by>department|dept|location|category|categorie|place|team)s?)?$|^(?:the )?(?:asset register|register|asset report|assets report)(?: by (?P<by2>department|location|category))?$",
            re.I,
        ),
    ),
    (
        C.Export,
        re.compile(
            r"^(?:export|download|send me)(?: the| a| an)? (?P<ref>assets|asset list|stock|inventory|ledger|history)(?: as csv| csv| file)?$",
            re.I,
        ),
    ),
    (
        C.AliasSuggestions,
        re.compile(
            r"^(?:show )?(?:alias suggestions|suggested aliases|aliases to review|new aliases)$", re.I
        ),
    ),
    (C.Help, _sentence(C.Help)),
    (C.Undo, _sentence(C.Undo)),
    (C.MyItems, _sentence(C.MyItems)),
    (C.LowStock, _sentence(C.LowStock)),
    (C.WhoHas, _before(C.WhoHas, r"\s+(?P<ref>.+)$")),
    (C.WhereIs, _before(C.WhereIs, r"\s+(?P<ref>.+?)(?: now)?$")),
    (
        C.Worth,
        re.compile(
            r"^(?:what(?:'s| is) (?P<ref>.+?) worth|(?:book )?value of (?P<ref2>.+)|how much is (?P<ref3>.+?) worth)$",
            re.I,
        ),
    ),
    (
        C.HowMany,
        re.compile(
            r"^how (?:many|much)\s+(?P<ref>.+?)(?:\s+(?:do we have|have we got|are (?:there|left)|is (?:there|left)|left|in stock|on hand|remaining|remain))?(?: left)?$",
            re.I,
        ),
    ),
    (
        C.InMaintenance,
        re.compile(
            r"^(?:what(?:'s| is| are)|show|list)?\s*(?:in|under|out for) (?:maintenance|repair)\??$|^(?:maintenance|repairs)(?: list)?$",
            re.I,
        ),
    ),
    (
        C.IsAvailable,
        re.compile(
            r"^(?:is|are)\s+(?P<ref>.+?)\s+(?:available|free|in|around|taken|out)(?: now| today)?$", re.I
        ),
    ),
    (
        C.Info,
        re.compile(
            r"^(?:info|information|details|detail|describe|show me|show|tell me about|lookup|look up|what(?:'s| is))(?: about| on| for)?\s+(?P<ref>.+)$",
            re.I,
        ),
    ),
]
_MANAGER: list[tuple[type[Command], re.Pattern]] = [
    (
        C.AcceptAlias,
        re.compile(r"^(?:accept|approve|add) (?:the )?alias (?:suggestion )?#?(?P<n>\d+)$", re.I),
    ),
    (
        C.DismissAlias,
        re.compile(r"^(?:dismiss|reject|ignore) (?:the )?alias (?:suggestion )?#?(?P<n>\d+)$", re.I),
    ),
    (
        C.SetReorder,
        re.compile(
            r"^(?:set )?(?:the )?reorder (?:point|level)(?: of| for)?\s+(?P<ref>.+?)\s+(?:to|at|=|is)?\s*(?P<n>\S+)$",
            re.I,
        ),
    ),
    (C.Retire, re.compile(r"^(?:retire|decommission|dispose of|write off)\s+(?P<ref>.+)$", re.I)),
    (C.AddAsset, re.compile(r"^add (?:a )?(?:new )?asset\s+(?P<ref>\S+)\s+(?P<value>.+)$", re.I)),
    (
        C.AddStock,
        re.compile(
            r"^add (?:a )?(?:new )?(?:stock item|stock|sku|consumable)\s+(?P<ref>\S+)\s+(?P<value>.+?)\s+(?:in|per|by the|counted in|unit)\s+(?P<field>[a-z]+)$",
            re.I,
        ),
    ),
    (
        C.Edit,
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
    rf"^{pattern(BEFORE_ITEM[C.Seen])}\s+(?P<rest>.+?)(?:\s+(?:in|at)\s+(?:the\s+)?(?P<place>.+))?$",
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
            rf"^{pattern(BEFORE_ITEM[C.Move])}\s+(?P<rest>.+?)\s+(?:to|into|in|over to)\s+(?:the\s+)?(?P<place>.+)$",
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
_CHANGES: list[tuple[type[Command], re.Pattern]] = [
    (
        C.Maintenance,
        re.compile(
            r"^(?:send|sent|put|take)\s+(?P<rest>.+?)\s+(?:to|in|into|for)\s+(?:maintenance|repair|repairs|service|the shop)$|^(?P<rest2>.+?)\s+(?:needs|need|is going for|went for|goes to)\s+(?:a\s+)?(?:repair|repairs|fixing|maintenance|service)$",
            re.I,
        ),
    ),
    (
        C.Repaired,
        re.compile(
            r"^(?P<rest>.+?)\s+(?:is|are|was|has been|got)\s+(?:fixed|repaired|serviced|back from (?:maintenance|repair|the shop))(?: now)?$|^(?:fixed|repaired)\s+(?P<rest2>.+)$",
            re.I,
        ),
    ),
    (C.Extend, _before(C.Extend, r"\s+(?P<rest>.+?)(?:\s+(?:longer|a bit longer|for longer))?$")),
    (C.CheckIn, _before(C.CheckIn, r"\s+(?P<rest>.+)$")),
    (C.CheckOut, _before(C.CheckOut, r"\s+(?P<rest>.+)$")),
    (C.Consume, _before(C.Consume, r"\s+(?P<rest>.+)$")),
    (C.Take, _before(C.Take, r"\s+(?P<rest>.+)$")),
    (C.Receive, _before(C.Receive, r"\s+(?P<rest>.+)$")),
    (C.Count, _before(C.Count, r"\s+(?P<rest>.+)$")),
]
_SPECIAL: list[tuple[type[Command], re.Pattern]] = [
    (C.CheckIn, _after(C.CheckIn)),
    (
        C.Count,
        _after(
            C.Count,
            r"(?:(?:we|i|there)(?:'ve|'re| have| are| is)?\s+)?(?:got\s+|have\s+|counted\s+|are\s+|is\s+)?",
        ),
    ),
    (
        C.Count,
        re.compile(
            r"^(?:we have|there are|there's)\s+(?P<rest>.+?)(?: left| in stock| on the shelf)?$", re.I
        ),
    ),
    (
        C.Count,
        re.compile(r"^set\s+(?P<ref>.+?)\s+(?:count |quantity |stock |on hand )?(?:to|=)\s+(?P<n>.+)$", re.I),
    ),
    (
        C.Count,
        re.compile(r"^(?P<ref>.+?)\s+(?:count|on hand|stock|left)(?: is|:|=)?\s+(?P<n>\d+)$", re.I),
    ),
    (C.Consume, _after(C.Consume)),
    (C.Receive, _after(C.Receive)),
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
# Every word of the lexicon is spelled right as it is ("checking" is no typo of "checkin").
LEXICON_WORDS = frozenset(
    word for table in (BEFORE_ITEM, AFTER_ITEM, SENTENCES) for text in sayings(table) for word in text.split()
)
_BARE_VERB = re.compile(
    r"^(?P<verb>check ?out|checkout|sign out|borrow|check ?in|checkin|return|use|used|consume|receive|received|"
    r"restock|restocked|count|counted|take|took)$",
    re.I,
)
_BARE_COMMANDS: dict[str, type[Command]] = {
    "out": C.CheckOut,
    "borrow": C.CheckOut,
    "in": C.CheckIn,
    "return": C.CheckIn,
    "use": C.Consume,
    "used": C.Consume,
    "consume": C.Consume,
    "receive": C.Receive,
    "received": C.Receive,
    "restock": C.Receive,
    "restocked": C.Receive,
    "count": C.Count,
    "counted": C.Count,
    "take": C.Take,
    "took": C.Take,
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
    """All commands in `text`; [Unknown()] when it reads as none."""
    now = now or datetime.now(timezone.utc)
    if re.fullmatch(r"\s*\?+\s*", text or ""):
        return [C.Help()]
    clean = _LEADING_MENTIONS.sub("", normalize((text or "")[:MAX_TEXT], names))
    if not clean:
        return [C.Unknown()]
    person_match = _PERSON.search(clean)
    person = person_match.group("name") if person_match else None
    if person_match:
        clean = " ".join((clean[: person_match.start()] + " " + clean[person_match.end() :]).split())
    due, clean = extract_due(clean, now, tz)
    clean = join_spoken_tags(_fix_verb_typo(clean))
    return _parse_clean(clean, person, due) or [C.Unknown()]


def _fix_verb_typo(text: str) -> str:
    first, sep, rest = text.partition(" ")
    word = first.lower()
    if len(word) < 3 or word in VERBS or word in KNOWN_WORDS or word in LEXICON_WORDS or not word.isalpha():
        return text
    close = difflib.get_close_matches(word, VERBS, n=1, cutoff=0.8)
    return close[0] + sep + rest if close else text


def _parse_clean(clean: str, person: str | None, due: datetime | None) -> list[Command]:
    for kind, regex in _QUESTIONS + _MANAGER:
        match = regex.match(clean)
        if match and kind is C.Labels and not match.group("all"):
            return [C.Labels(ref=_ref(part)) for part in _split_items(match.group("ref"))]
        if match:
            return [_single(kind, match)]
    stripped = _PRONOUN.sub("", clean)
    this = _SEEN_THIS.match(stripped)
    if this:  # with a photo, the photo says which item
        return [C.Seen(to=_place(this["place"]))]
    seen = _SEEN.match(stripped)
    if seen:
        return [C.Seen(ref=_ref(part), to=_place(seen["place"])) for part in _split_items(seen["rest"])]
    for where, regex in _MOVES:
        match = regex.match(stripped)
        if match and not re.search(r"\bis back\b|\b(?:maintenance|repairs?|service)\b", stripped, re.I):
            return [C.Move(ref=_ref(match["rest"]), where=where, to=match["place"].strip(" .!?"))]
    bare = _BARE_VERB.match(stripped)
    if bare:  # a verb and nothing else: understood, but about no item
        verb = bare.group("verb").lower().split()[-1].removeprefix("check")
        return [_BARE_COMMANDS.get(verb, C.CheckOut)()]
    candidates = [(k, p, clean) for k, p in _SPECIAL] + [(k, p, stripped) for k, p in _CHANGES + _SPECIAL]
    for kind, regex, text in candidates:
        match = regex.match(text)
        if not match:
            continue
        groups = match.groupdict()
        if "rest" in groups:
            rest = groups["rest"] or groups.get("rest2") or ""
            note = None
            if kind is C.CheckIn and (noted := _CONDITION_NOTE.match(rest)):
                rest, note = noted["items"], noted["note"].strip(" .")
            commands = [_item_command(kind, part, person, due) for part in _split_items(rest)]
            return [replace(c, note=c.note or note) if note else c for c in commands]
        count, _ = leading_number(groups["n"])
        return [kind.of(ref=_ref(groups["ref"]), count=count)]
    return []


def _place(text: str | None) -> str | None:
    return (text or "").strip(" .!?") or None


_REGISTER_BY = {"dept": "department", "team": "department", "place": "location", "categorie": "category"}
_EXPORT_KINDS = {"asset list": "assets", "inventory": "stock", "history": "ledger"}


def _single(kind: type[Command], match: re.Match) -> Command:
    groups = {k: v for k, v in match.groupdict().items() if v}
    ref = groups.get("ref") or groups.get("ref2") or groups.get("ref3")
    if kind in (C.AuditStart, C.AuditClose):
        return kind(to=_place(groups.get("place")))
    if kind is C.Register:
        by = (groups.get("by") or groups.get("by2") or "department").lower()
        return C.Register(by=_REGISTER_BY.get(by, by))
    if kind is C.Labels:
        return C.Labels(ref=groups["ref"], every=bool(groups.get("all")))
    if kind is C.Export:
        found = groups["ref"].lower()
        return C.Export(kind=_EXPORT_KINDS.get(found, found))
    if kind in (C.AcceptAlias, C.DismissAlias):
        return kind(suggestion=int(groups["n"]))
    if kind is C.SetReorder:
        count, rest = leading_number(groups["n"])
        return C.SetReorder(ref=_ref(ref), count=count if not rest else None)
    if kind is C.AddAsset:
        return C.AddAsset(tag=ref.strip().upper(), description=groups["value"])
    if kind is C.AddStock:
        return C.AddStock(sku=ref.strip().upper(), description=groups["value"], unit=groups["field"].lower())
    if kind is C.Edit:
        return C.Edit(ref=_ref(ref), field=groups["field"].lower(), value=groups["value"])
    return kind.of(ref=_ref(ref) if ref else None)


def _split_items(rest: str) -> list[str]:
    parts = [p for p in _SPLIT.split(rest) if p]
    return parts or [rest]


def _item_command(kind: type[Command], phrase: str, person: str | None, due: datetime | None) -> Command:
    note = None
    if kind is C.CheckIn and " - " in phrase:
        phrase, note = (s.strip() for s in phrase.split(" - ", 1))
    phrase = _TRAILING_BE.sub(
        "", _ARTICLES.sub("", phrase.strip()) if re.match(r"(?i)the\s+\d", phrase) else phrase
    )
    if kind in (C.CheckOut, C.Take):
        phrase = _PURPOSE.sub("", phrase)
    if kind is C.Receive:
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
    if kind in (C.CheckOut, C.CheckIn, C.Extend) and pack is None:
        if count is not None and not rest.strip():
            rest, count = str(count), None  # "check out 1042": a tag's number
        elif count == 1:
            count = None  # "check out a projector": the article, not a quantity
    return kind.of(ref=_ref(rest), count=count, pack=pack, person=person, due=due, note=note)


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
