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
from domain.language import (
    booking_phrases,
    followups,
    holding_phrases,
    kit_phrases,
    not_done,
    second_request,
    sentences,
    stocktake,
)
from domain.language import patterns as P
from domain.language import question_patterns as Q
from domain.language.catalog_phrases import parse_add
from domain.language.corrected_at_once import (
    amount_after,
    amount_said_apart,
    corrected_at_once,
    correction_apart,
)
from domain.language.edit_phrases import parse_edit, parse_field_question
from domain.language.hand_over import parse_hand_over, to_department, unknown_recipient, without_returner
from domain.language.item_command import item_command
from domain.language.item_lists import item_ref, items_and_tail, perhaps_a_remark, same_item, split_items
from domain.language.lists import LIST_OF, read_due_window, read_list
from domain.language.move_patterns import MOVES, NOT_A_MOVE
from domain.language.normalize import normalize, spoken_punctuation
from domain.language.numbers import leading_number
from domain.language.people_named import not_about_a_person, people_said_to
from domain.language.question_commands import asked, listing, place_said
from domain.language.said_numbers import ORDINAL
from domain.language.short_delivery import as_received
from domain.language.tags import join_spoken_tags
from domain.language.times import extract_due, unclear_day
from domain.language.verbless import POLITE, items_asked_for
from domain.values import singular

# "can I have the screen on Friday?": for a day to come, a booking, never a check-out now
ON_A_DAY = re.compile(
    rf"(?<!back )\bon\s+(?:the\s+)?(?:mon|tue|wed|thu|fri|sat|sun|next|tomorrow|\d{{1,2}}(?:st|nd|rd|th)|(?:{ORDINAL})\b)",
    re.I,
)
# A sentence after a transfer or return of all that leaves something out
LEFT_OUT = re.compile(r"(?i)[.!?]\s+(?:(?:but|and|oh|actually)\s+)?(?:not|except|apart|keep|leave)\b")
MAX_TEXT = 4000  # what the assistant accepts; longer requests are refused before parsing


def parse(
    text: str,
    now: datetime | None = None,
    tz: tzinfo = timezone.utc,
    names: dict[str, str] | None = None,
    people: frozenset[str] = frozenset(),
) -> list[Command]:
    """All commands in `text`; [Unknown()] when it reads as none. `names`:
    Slack mentions' names; `people`: the names of people the bot knows
    (lowercase), so "for erin" is erin and "for the shoot" a purpose."""
    now = now or datetime.now(timezone.utc)
    text = spoken_punctuation(text or "")  # "full stop" is no "stop"
    if re.fullmatch(r"\s*\?+\s*", text or ""):
        return [C.Help()]
    text, override = booking_phrases.without_override(text)  # "check out the van anyway"
    text = correction_apart(text)  # "used 3 boxes of masks, sorry make it 2"
    by_sentence = sentences.by_sentence(text or "", _reader(now, tz, names, people), _due_reader(now, tz))
    commands = by_sentence or _parse_one(text or "", now, tz, names, people)
    if not by_sentence:  # "the ups is fixed and the hp printer goes for repair": two statements
        commands = sentences.two_statements(text, commands, _reader(now, tz, names, people)) or commands
    if all(isinstance(c, C.Unknown) for c in commands) and not people_said_to(text, people):
        clauses = sentences.by_clause(text, _reader(now, tz, names, people), _due_reader(now, tz))
        commands = not_done.only_said(text, clauses) if clauses else commands  # never "..., scratch that"
    commands = not_about_a_person(text, commands, people)
    commands = booking_phrases.never_taken_now(text, commands, now, tz)  # "..., can i reserve one"
    commands = holding_phrases.put_back(text, holding_phrases.returns_for_someone(commands))
    if override:
        commands = [replace(c, override=True) if isinstance(c, (C.CheckOut, C.Take)) else c for c in commands]
    if (
        not_done.ONLY_ASKING.search(text)
        or by_sentence
        and (not_done.taken_back(text, commands) or sentences.corrected_unread(text, commands))
    ):  # "can I have the thinkpad? just asking if it's free"
        return not_done.not_asked(commands)  # "check out the macbook. no wait", "... Sorry, the manfrotto."
    if (
        by_sentence
        and any(isinstance(c, (C.Transfer, C.ReturnAll)) for c in commands)
        and LEFT_OUT.search(text)
    ):
        return not_done.not_asked(commands)  # "return everything bob had. Not the scanner"
    commands = amount_said_apart(commands)  # "counted the earpieces and there are only 7"
    return corrected_at_once(text, commands, people)  # "used 3 sharps bins. sorry, make it 2"


def _reader(now: datetime, tz: tzinfo, names, people):
    return lambda text: _parse_one(text, now, tz, names, people)


def _due_reader(now: datetime, tz: tzinfo):
    return lambda text: extract_due(text, now, tz)[0]


def _parse_one(text: str, now: datetime, tz: tzinfo, names, people) -> list[Command]:
    return not_done.only_said(text, _read_one(text, now, tz, names, people))


LOSS_CLAUSE = re.compile(
    rf"[,;]\s*(?P<clause>[^,;]*\b(?:lost|missing|{P.BROKEN_WORDS}|{P.NOT_WORKING})\b[^,;]*?)[.!]*$", re.I
)
UNITS_OF_IT = re.compile(
    r"(?i)^(?:the\s+)?(?:other|others|rest|one|\d+|two|three)\b(?!\s+(?:of\s+)?[a-z]+s?\s+(?:is|are|was)\b)"
)


def _a_unit_written_off(clause: str, commands: list[Command]) -> bool:
    """ "brought back one of the headsets, the other one's lost": the clause, read as a second
    return, names units of the first, not an item."""
    if len(commands) != 2 or not all(isinstance(c, C.CheckIn) for c in commands):
        return False
    second = commands[1].ref or ""
    # "..., one saw is broken" after "the drill and the saw" is the saw, returned
    return (
        bool(UNITS_OF_IT.match(second))
        and bool(UNITS_OF_IT.match(clause.strip()))
        and second.lower() in clause.lower()
    )


LEND_TO = re.compile(
    r"(?i)^(?:please\s+|pls\s+|can you\s+|could you\s+)*(?P<verb>lend|loan)\s+(?P<name>@?[\w.\-]+)\s+(?P<rest>\S.*)$"
)


BOT_NAMES = frozenset({"quartermaster", "qm", "bot"})  # "@quartermaster can i ...": said to the bot


ONE_OF_SEVERAL = re.compile(r"(?i),|\band\b|&")  # several items back: whose note it is, is not known


def _read_one(text: str, now: datetime, tz: tzinfo, names, people) -> list[Command]:
    normal = normalize((text or "")[:MAX_TEXT], names)
    clean = P.LEADING_MENTIONS.sub("", normal)
    if clean != normal:  # "@quartermaster can i borrow a laptop": the words after it, read as said first
        named = {n.lower() for n in re.findall(r"@([\w.\-]+)", normal[: len(normal) - len(clean)])}
        if named & people:
            return [C.Unknown(words=clean)]  # "@bob can you return the drill": asks bob, not the bot
        if named <= BOT_NAMES:  # (any other mention, a Slack ID or a stranger: read as before)
            clean = normalize(clean, names)
    if not clean:
        return [C.Unknown()]
    addressed = re.match(r"(?i)^(?P<name>[a-z][\w.\-]*)\s*,\s*\S", clean) or re.search(
        r"(?i)^(?:return|bring|give|send|take|put|hand|drop|check|sign|grab|fetch)\b.*\S\s*,\s*@?(?P<name>[a-z][\w.\-]*)\s*[.!?]*$",
        clean,
    )  # ("returned the drill, grace": thanks to grace)
    if (
        addressed and addressed["name"].lower() in people
    ):  # "leo, please return the ladder" / "..., leo": asks leo
        return [C.Unknown(words=clean)]
    # Adds, edits and questions naming a catalog field are read before times and
    # people are taken out: "bought on 2024-03-15" is a field's value, not a due date.
    about_fields = (
        kit_phrases.read(clean) or parse_add(clean) or parse_edit(clean) or parse_field_question(clean)
    )
    if about_fields is not None:
        return [about_fields]
    without = kit_phrases.KIT_WITHOUT.match(
        clean
    )  # "check out the camera kit without the tripod till friday"
    if without:
        said = _read_one(f"check out the {without['kit']}{without['rest'] or ''}", now, tz, names, people)
        if len(said) == 1 and isinstance(said[0], (C.CheckOut, C.Take)):
            leaving = tuple(m for m in kit_phrases.SEPARATORS.split(without["members"]) if m.strip())
            return [C.KitOut(ref=said[0].ref, person=said[0].person, due=said[0].due, leaving=leaving)]
    # before people are taken out: a transfer names two; "?" is gone from the clean text
    about_holdings = holding_phrases.read(clean, people, asked=text.rstrip().endswith("?"))
    if about_holdings is not None:
        return [about_holdings]
    lent_to = LEND_TO.match(clean)  # "lend erin 2 xlr cables": to erin, as "lend 2 xlr cables to @erin"
    if lent_to and (lent_to["name"].startswith("@") or lent_to["name"].lower() in people):
        clean = f"{lent_to['verb']} {lent_to['rest']} for @{lent_to['name'].lstrip('@')}"
    person_match = P.PERSON.search(clean) or next(
        (m for m in P.NAMED.finditer(clean) if m["name"].lower() in people), None
    )
    if person_match is None and P.CHECK_OUT_LEAD.match(clean):  # "check out the projector to Carmen"
        person_match = next((m for m in P.NAMED_TO.finditer(clean) if m["name"].lower() in people), None)
    person = person_match.group("name") if person_match else None
    if person_match:
        clean = " ".join((clean[: person_match.start()] + " " + clean[person_match.end() :]).split())
    booked = booking_phrases.read(
        clean, now, tz, person, text, people
    )  # a range to come, before due times are taken
    if booked:  # "next friday", "1/2", "fri 12 dec": which day is asked, as for a loan
        return _unless_the_day_is_unclear(text, booked, now.astimezone(tz).date())
    window = read_due_window(clean, now, tz)
    if window is not None:
        return [window]
    due, timed = extract_due(clean, now, tz)
    remark = sentences.said_after_the_time(clean, timed) if due else None
    clean = timed
    if due is None and P.EXTEND_LEAD.match(clean):  # "extend a8005 to thurs"
        due, clean = extract_due(re.sub(r"(?i)\s+to\s+", " until ", clean, count=1), now, tz)
    clean = join_spoken_tags(_fix_verb_typo(clean))
    commands = [
        _whose(_back_with(c, clean, people), people)
        for c in _parse_clean(clean, person, due, now, tz, people)
    ]
    commands = [c for c in commands if c is not None]
    if due is not None:  # "drill back, and the big ladder on friday": the ladder is still to come
        commands = [c for c in commands if not (isinstance(c, C.CheckIn) and c.perhaps)]
    loss = LOSS_CLAUSE.search(text)  # "gimbal rig back, one of the batteries is lost": how it came back
    if loss and _a_unit_written_off(loss["clause"], commands):  # "..., the other one's lost": no item
        commands = commands[:1]
    if loss and len(commands) == 1 and isinstance(commands[0], C.CheckIn) and not commands[0].note:
        commands = [replace(commands[0], note=loss["clause"].strip())]
    if remark and len(commands) > 1 and hasattr(commands[-1], "perhaps") and commands[-1].ref:
        if remark.lower().endswith(commands[-1].ref.lower()):
            commands[-1] = replace(commands[-1], perhaps=True)
    if not commands:  # no request of its own: perhaps one about the last change
        corrective = bool(followups.CORRECTION_START.match(P.LEADING_MENTIONS.sub("", text.strip())))
        follow_up = followups.read(clean, due, corrective, lambda day: _due_on(day, now, tz))
        commands = [follow_up] if follow_up else []
    if not commands and (due or person or POLITE.search(text)):  # "nanodrop pls till 1pm"
        commands = (
            [C.Book(words=clean)]
            if ON_A_DAY.search(text)  # (not "shoot ran over, can I keep the camera till friday?")
            else _in_a_later_clause(text, now, tz, names, people)
            or items_asked_for(clean, person, due, people)
        )
    if not commands:  # "Sorry for the delay, I've just brought the hot box back"
        commands = _in_a_later_clause(text, now, tz, names, people)
    return _unless_the_day_is_unclear(text, commands, now.astimezone(tz).date()) or [C.Unknown(words=clean)]


CONDITION_FIRST = re.compile(
    r"(?i)^\W*(?:if|in case|unless)\b(?!\s+(?:possible|poss|you\s+(?:don't|dont|do\s+not)\s+mind|that's\s+ok|ok|okay)\b)"
)


def _in_a_later_clause(text: str, now: datetime, tz: tzinfo, names, people) -> list[Command]:
    """The requests of a message's clauses read one by one, when a verb says what was done
    or is asked: a clause's "need a tea" is talk, so a take found this way is none."""
    clauses = [c for c in sentences.CLAUSE_BREAKS.split(text) if c.strip()]
    if len(clauses) < 2 or CONDITION_FIRST.match(
        text
    ):  # "if the shoot runs over, can I keep the R6 till friday?"
        return []
    read = _reader(now, tz, names, people)
    each = [read(clause) for clause in clauses]
    handed = [
        c for said in each for c in said if isinstance(c, C.Take) and c.person and c.ref in ("it", "them")
    ]
    if len(handed) == 1 and sum(any(c.changes for c in said) for said in each) == 1:
        return handed  # "maya needs it for her shoot, give it to @maya": "it" is the item said before
    found = sentences.by_part(clauses, read, _due_reader(now, tz))
    if any(isinstance(c, C.Take) for c in found) or not sentences.said_last(found, clauses, read):
        return []
    return found


def _unless_the_day_is_unclear(text: str, commands: list[Command], today) -> list[Command]:
    unclear = unclear_day(text, today)
    if unclear and any(
        (getattr(c, "due", None) or getattr(c, "start", None))
        and (c.due if hasattr(c, "due") and c.due else c.start).date() in unclear[1:]
        for c in commands
    ):
        said, first, second = unclear
        return [C.UnclearDay(said=said, dates=(first.isoformat(), second.isoformat()))]
    return commands


def _back_with(command: Command, text: str, people: frozenset[str]) -> Command | None:
    """ "jack's back with the tablet": a person is back, and the thing said with them
    is returned for them; a person alone is no item (never the pallet jack)."""
    if not isinstance(command, C.CheckIn):
        return command
    given = re.search(r"(?i)\bback\s+to\s+@?(?P<name>[a-z][\w.\-]*)", text)
    if given and given["name"].lower() in people:
        return None  # "laptop back to carmen": lent to her again, or returned for her? not guessed
    if (command.ref or "") not in people or re.search(
        rf"(?i)\b(?:the|a|my|our)\s+{re.escape(command.ref)}\b", text
    ):
        return command  # ("handed the jack back": the pallet jack, said with an article)
    carried = re.search(r"(?i)\bwith\s+(?P<item>(?:the|a|an|his|her|their|my)\s+[\w -]{2,40})", text)
    return replace(command, ref=item_ref(carried["item"]), person=command.ref) if carried else None


def _whose(command: Command, people: frozenset[str]) -> Command:
    """ "returning carmen's ipad": a return for carmen, so her iPad of several."""
    if not isinstance(command, (C.CheckIn, C.Extend)) or command.person or not command.ref:
        return command
    match = re.match(
        r"^(?P<name>[a-z][\w.\-]*)(?:'s|s'|s)\s+(?P<item>.+)$", command.ref
    )  # "danas microscope"
    if match and match["name"] in people:
        return replace(command, person=match["name"], ref=match["item"])
    return command


def _due_on(words: str, now: datetime, tz: tzinfo) -> datetime | None:
    """ "friday" as a due time, when those words are a time and nothing else."""
    for lead in ("until", "for"):  # "make it friday", "make it 3 days"
        due, rest = extract_due(f"{lead} {words}", now, tz)
        if due and not rest.strip():
            return due
    return None


def _fix_verb_typo(text: str) -> str:
    first, sep, rest = text.partition(" ")
    word = first.lower()
    if (
        len(word) < 3
        or word in P.VERBS
        or word in P.KNOWN_WORDS
        or word in P.LEXICON_WORDS
        or not word.isalpha()
    ):
        return text
    close = difflib.get_close_matches(word, P.VERBS, n=1, cutoff=0.8)
    return close[0] + sep + rest if close else text


def _parse_clean(
    clean: str,
    person: str | None,
    due: datetime | None,
    now: datetime,
    tz: tzinfo,
    people: frozenset[str] = frozenset(),
) -> list[Command]:
    counted = stocktake.read(clean)
    if counted:
        return counted
    damaged = P.SOME_DAMAGED.match(clean)  # "two of the xlr leads came back frayed, the other 4 are fine"
    fine = leading_number(damaged["m"])[0] if damaged else None
    if damaged and fine:
        note = f"{damaged['n']} {damaged['state']}"
        return [C.CheckIn(ref=item_ref(damaged["item"]), count=fine, note=note, person=person)]
    clean = as_received(clean) or clean  # "delivery came short, only 2 boxes": those 2 arrived
    clean = LIST_OF.sub("", clean)  # "is there a list of what's kept in the tool crib?"
    for kind, regex in Q.LISTINGS:
        match = regex.match(clean)
        if match:
            return [listing(kind, match, due)]
    listed = read_list(clean, due, now, tz)
    if listed is not None:
        return [listed]
    for kind, regex in Q.QUESTIONS + Q.MANAGER:
        match = regex.match(clean)
        if match:
            return asked(kind, match)
    clean, returner = without_returner(clean, people)
    person = person or returner  # "carmen returned the laptop": carmen's laptop
    stripped = P.PRONOUN.sub("", clean)
    handed = parse_hand_over(stripped, person, people)
    if handed:  # a check-out on their behalf, or a use of stock given out to them
        items, to = handed
        return same_item(item_command(C.Take, part, to, due) for part in split_items(items))
    department = to_department(stripped)
    if department:
        return [C.Move(ref=item_ref(department[0]), where="department", to=department[1])]
    stranger = unknown_recipient(stripped, people)
    if stranger:
        return [stranger]
    this = P.SEEN_THIS.match(stripped)
    if this:  # with a photo, the photo says which item
        return [C.Seen(to=place_said(this["place"]))]
    seen = P.SEEN.match(P.AUDIT_LEAD.sub("", stripped)) or P.SEEN_AFTER.match(stripped)
    if seen:
        said = seen.groupdict()
        place = P.AFTER_PLACE.sub(
            "", said["place"] or said.get("place2") or ""
        )  # "in lab 2, not the cold room"
        items = said["rest"] or said["rest2"]
        return [_seen(part, place_said(place)) for part in split_items(items)]
    for where, regex in MOVES:
        match = regex.match(stripped)
        if (
            match
            and not NOT_A_MOVE.search(stripped)
            and match["rest"].strip().lower() not in people
            and not re.match(r"(?i)(?:everything|all)\b", match["rest"])  # a transfer of all, not a move
        ):
            count, rest = leading_number(match["rest"])
            count, rest = (count, rest) if count and count > 1 and rest else (None, match["rest"])
            place = match["place"].strip(" .!?")
            named = re.match(r"^(?P<place>.+?)\s+(?:department|dept|team)$", place, re.I)
            if named:  # "to the clinic department": a department, whatever the verb
                where, place = "department", named["place"]
            return [C.Move(ref=item_ref(rest), where=where, to=place, count=count)]
    bare = P.BARE_VERB.match(stripped)
    if bare:  # a verb and nothing else: understood, but about no item
        verb = bare.group("verb").lower().split()[-1].removeprefix("check")
        return [P.BARE_COMMANDS.get(verb, C.CheckOut)()]
    candidates = [(k, p, clean) for k, p in P.SPECIAL] + [(k, p, stripped) for k, p in P.CHANGES + P.SPECIAL]
    for kind, regex, text in candidates:
        match = regex.match(text)
        if not match:
            continue
        groups = match.groupdict()
        if "rest" in groups:
            rest = groups["rest"] or groups.get("rest2") or groups.get("rest3") or ""
            if kind is C.Count and groups.get("place"):  # "only 3 left in exam room 1": counted there
                rest = f"{rest} {groups['place']}"
            note = None
            noted = P.CONDITION_NOTE.match(rest) if kind is C.CheckIn else None
            if noted and not P.DESCRIBED_ITEM.match(noted["note"].strip(" .")):  # "..., the broken ladder"
                rest, note = noted["items"], noted["note"].strip(" .")
            rest = re.sub(
                r"(?i)^both\s+(?=(?:the|my|our)\s+\S.*\s+and\s+)", "", rest
            )  # "both the jack and the gun": two items ("both c-stands and the light": two stands)

            def again(text: str) -> list[Command]:
                return _parse_clean(text, None, due, now, tz, people)

            rest, then = second_request.and_then(rest, again)
            after = groups.get("after")
            came_back_broken = (
                kind is C.CheckIn and not note and re.match(rf"(?i)\s*(?:{P.BROKEN_WORDS})\b", after or "")
            )
            if came_back_broken:  # "2 xlr cables came back frayed": how they came back
                note, after = after.strip(" .!"), ""
            elif (  # "pallet truck back, hydraulics shot, can it go for repair", "2 back, well 1, ...": of one item
                kind is C.CheckIn
                and not note
                and not ONE_OF_SEVERAL.search(rest)
                and (P.REPAIR_ASKED.search(after or "") or P.HOW_THEY_CAME_BACK.search(after or ""))
            ):
                note, after = after.strip(" ,;.!-"), ""
            if after and not then:  # "dropping my scanner back at goods in and taking the other one"
                after, then = second_request.and_then(after, again)
            parts, tail = items_and_tail(rest)
            tail = tail or _clause_after(after)  # "my walkie's back in the store, and I took..."
            commands = _longer_alike(same_item(item_command(kind, part, person, due) for part in parts))
            if len(commands) > 1 and perhaps_a_remark(rest, parts[-1]):
                commands[-1] = replace(commands[-1], perhaps=True)
            if kind is C.CheckIn and len(commands) == 2 and commands[-1].perhaps and not note:
                if P.HOW_THEY_CAME_BACK.search(
                    parts[-1]
                ):  # "returned the 2 headsets, on one the mic snapped off"
                    commands, note = commands[:1], parts[-1].strip(" .!")
            repair = P.REPAIR_ASKED.search(note or "")  # "returning X, it's split, can it go for repair"
            if repair:
                note = note[: repair.start()].strip(" ,;") or None
            commands = _noted(commands, note)
            if came_back_broken:  # the amount said is the broken ones: none of them back on the shelf
                commands = [
                    replace(c, count=0, note=f"{c.count} {c.note}") if c.count else c for c in commands
                ]
            commands, tail = amount_after(commands, tail)  # "restocked AA batteries, 10 boxes arrived"
            # (several items and one "needs repair": which? only their note says it)
            repairs = [C.Maintenance(ref=c.ref) for c in commands if repair and c.ref and len(commands) == 1]
            return commands + repairs + then + second_request.read(tail or note or "", commands, again)
        if "words" in groups:
            return [C.Book(words=groups["words"].strip(" .!?"))]
        count, unit = leading_number(groups["n"])
        pack = singular(unit.strip().lower()) if unit.strip() else None  # "16 rolls", "11 boxes"
        return [kind.of(ref=item_ref(groups["ref"]), count=count, pack=pack)]
    return []


def _longer_alike(commands: list[Command]) -> list[Command]:
    """ "keep the scan gun and the pallet jack another day": the days said last are of each."""
    last = commands[-1] if commands else None
    if not isinstance(last, C.Extend) or not (last.days or last.vague):
        return commands
    return [
        replace(c, days=last.days, vague=last.vague)
        if isinstance(c, C.Extend) and c.due is None and c.days is None and not c.vague
        else c
        for c in commands
    ]


def _noted(commands: list[Command], note: str | None) -> list[Command]:
    """A return's condition note, on the items it names ("the gimbal's motor is grinding"),
    or on all of them when it names none ("battery is dead")."""
    if not note:
        return commands
    named = [c for c in commands if c.ref and any(w in note.lower() for w in c.ref.split() if len(w) > 2)]
    return [replace(c, note=c.note or note) if c in (named or commands) else c for c in commands]


def _seen(part: str, place: str | None) -> C.Seen:
    """ "seen both jbls in the main hall": each of the two there, not one of them."""
    count, rest = leading_number(part)
    if count and count > 1 and rest:
        return C.Seen(ref=item_ref(rest), to=place, count=count)
    return C.Seen(ref=item_ref(part), to=place)


def _clause_after(after: str | None) -> str:
    """What follows the first clause break in the words after a request's item."""
    parts = re.split(r"\s*[,;]\s*", after or "", maxsplit=1)
    return parts[1] if len(parts) == 2 else ""
