"""A message of several sentences or clauses, read one at a time: which are
requests, which are reasons and remarks, what "it" stands for, and a time said
on its own ("...? back by 3") that belongs to the request before it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Callable

from domain import commands as C
from domain.commands import Command
from domain.language.item_lists import item_ref
from domain.language.numbers import LIST_COMMA
from domain.language.patterns import HOW_THEY_CAME_BACK

Reader = Callable[[str], list[Command]]  # the commands of one sentence
DueReader = Callable[[str], datetime | None]  # the due time a sentence says, if any

CLAUSE_BREAKS = re.compile(rf"\s*(?:{LIST_COMMA}|;)\s*|\s+[-\u2013\u2014]\s+")  # "ethanol - used a can"
SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+(?=\S)")
MAX_SENTENCES = 4  # a request is rarely further in; more would be a paste


def by_sentence(text: str, read: Reader, due_of: DueReader) -> list[Command]:
    """The requests of a message of several sentences, read one sentence at a time
    ("Could you tell me how many 59A toners we have? The LaserJet is fading."): the
    others are reasons and remarks. "It" in a later sentence is the item just named,
    never an older change's. Empty when the message has one sentence, or no request."""
    sentences = [s for s in SENTENCE_BREAK.split(text.strip()) if s.strip()]
    if len(sentences) < 2:
        return []
    return by_part(sentences, read, due_of)


# A later sentence that corrects what was said, in a way not read as a correction: "Sorry, the
# manfrotto.", "Sorry, I meant for ines", "Sorry, not the manfrotto" (not "Sorry it's late!")
CORRECTING = re.compile(
    r"(?i)^\W*(?:(?:sorry|oops|whoops|my bad|no wait|wait|actually|correction)[\s,.!:;-]+)+"
    r"(?:i\s+meant\b|meant\b|not\s+(?:the|that|my|for)\b|the\s+[\w-]+[\s.!]*$|make\s+it\b|it\s+was\b|\d)"
)


def corrected_unread(text: str, commands: list[Command]) -> bool:
    """A sentence after the first corrects the message, and no correction was read from it."""
    if any(isinstance(c, (C.Correct, C.Undo)) for c in commands):
        return False
    sentences = [s for s in SENTENCE_BREAK.split(text.strip()) if s.strip()]
    return any(CORRECTING.match(s.strip()) for s in sentences[1:])


WISH = re.compile(
    r"(?i)^(?:(?:i|we)\s+)?(?:really\s+|so\s+)?(?:need|needs|want|fancy|could\s+do\s+with|gonna\s+need|would\s+love|"
    r"could\s+murder|dying\s+for)\b"
)
# What makes a message read clause by clause no request at all: it is cancelled, a test, a
# condition, a plan, hearsay or denied ("ignore this - took 2 boxes", "if it rains: take the
# gazebo", "rumour is: bob took the drill", "wasn't me, someone took the drill")
DOUBT = re.compile(
    r"(?i)\b(?:ignore|test|testing|if|unless|when|whenever|not|no|never|\w+n't|\w+nt|should|would|could|might|may|"
    r"plan|planning|planned|rumou?r|someone|somebody|anyone|anybody|yet|later|tomorrow|tmrw|next|maybe|perhaps|"
    r"point|apparently|supposedly|heard|said|says)\b"
)
DUE_LATER = re.compile(r"(?i)\b(?:until|till|til|by|back)\s+(?:tomorrow|tmrw|next\s+\w+)\b")
# Where a message no reading takes whole breaks into clauses: a comma (not a list's ", and"),
# colon, semicolon, dash or sentence end (CLAUSE_BREAKS, for lists, splits on fewer)
STRONG_BREAK = re.compile(r"\s*[;:]\s+|\s+-\s+|(?<=[.?!])\s+(?=\S)")
REMARK_BREAK = re.compile(r"\s*(?:[;:]|,(?!\s+(?:and|or|plus|&|\+)\s))\s+|\s+-\s+|(?<=[.?!])\s+(?=\S)")


def by_clause(text: str, read: Reader, due_of: DueReader) -> list[Command]:
    """The requests among the clauses of a message understood as none whole: "flu clinic:
    took 2 boxes of 5ml syringes", "2 new lads starting today, taking 2 pairs of specs for
    them". Empty when no clause is a request either."""
    if DOUBT.search(DUE_LATER.sub(" ", text)):  # ("..., taking X until tomorrow": when it comes back)
        return []
    # "loading up: took 2 cases of water, a bale of blankets and ...": a list keeps its commas
    for breaks in (STRONG_BREAK, REMARK_BREAK):
        parts = [part for part in breaks.split(text.strip()) if part.strip()]
        if len(parts) < 2:
            continue
        # a wish among remarks is chatter ("year 9 were a nightmare today, need a tea"), not a request
        found = by_part([part for part in parts if not WISH.match(part.strip())], read, due_of)
        if any(isinstance(c, C.FOLLOW_UPS) for c in found):
            return []  # "counted 28 pens: 2 more than last time" is no "two more" of the last change
        if not said_last(found, parts, read):
            return []
        if any(not isinstance(c, C.Unknown) for c in found):
            return found
    return []


def said_last(found: list[Command], parts: list[str], read: Reader) -> bool:
    """Whether a change about all someone holds (a transfer, a return of all) is in the last part:
    "bob's on leave, return everything bob had", never "transfer everything ..., except the van"."""
    whole = [c for c in found if isinstance(c, (C.Transfer, C.ReturnAll))]
    said = [p for p in parts if not COURTESY.fullmatch(p.strip(" .!"))]  # "..., thanks"
    return not whole or bool(said) and all(c in read(said[-1].strip()) for c in whole)


COURTESY = re.compile(r"(?i)(?:thanks|thank you|thx|ta|cheers|please|pls|ty)(?:\s+(?:all|team|so much))?")


def by_part(parts: list[str], read: Reader, due_of: DueReader) -> list[Command]:
    """The requests of a message's sentences (or clauses), each read on its own.
    "It" in a later part is the item of the change just named; after a question
    ("Do you know who has the Cambro? We need it for...") it is context, never a change."""
    found: list[Command] = []
    named_before: str | None = None  # "copier toner, used 1": the item, then what was done
    told_of: str | None = None  # "the kettle no longer switches off, please send it for repair"
    first_found: int | None = None  # the part of the first request: later parts' items may be remarks
    for n, sentence in enumerate(parts[:MAX_SENTENCES]):
        for command in read(sentence):
            said_back = (
                found[-1] if found and isinstance(found[-1], C.CheckIn) and not found[-1].note else None
            )
            if isinstance(command, C.Unknown) and said_back and HOW_THEY_CAME_BACK.search(sentence):
                found[-1] = replace(
                    said_back, note=sentence.strip(" .!-")
                )  # "xlrs back - 1 has a broken pin"
                continue
            # no request of its own; "...? back in an hour" says when the loan ends
            if isinstance(command, C.Unknown) or only_a_time(command):
                due = due_of(sentence)
                if due is not None:
                    found = [replace(c, due=due) if may_be_due(c) else c for c in found]
                named_before = getattr(command, "words", None) if not found else None
                told_of = told_of or _subject(sentence)
                continue
            if n and isinstance(command, C.Book) and any(not c.changes for c in found):
                continue  # "Is the drone available? I want aerials on Thursday": why they ask
            if (
                found
                and not any(c.changes for c in found)
                and isinstance(command, C.ItemCommand)
                and command.ref is None
            ):
                continue  # "do we have eppis? need about 200": why they ask, no request of its own
            if named_before and hasattr(command, "perhaps") and command.ref is None:
                command = replace(command, ref=item_ref(named_before))
            if n and command.ref and re.match(r"(?i)(?:it|them|that|this|those|these)\b", command.ref):
                antecedent = found[-1] if found else None
                # the thing the clause before was about ("the kettle no longer switches off, send it for
                # repair"), or named on its own before a question ("the charging cart - who had it last?")
                about = told_of or (
                    named_before if not command.changes or _topic(named_before, sentence) else None
                )
                if not found and about and PRONOUN_ONLY.match(command.ref):
                    found.append(_about(command, about))
                    continue
                if not (antecedent and antecedent.changes and antecedent.ref):
                    continue  # "it" after a question, or before any item: never an older change's item
                if type(command) in (type(antecedent), C.Take) and not getattr(command, "person", None):
                    continue  # "...? need it for the review": the same request said again (not "give it to @maya")
                command = replace(command, ref=antecedent.ref)
            elif found and n != first_found and getattr(command, "ref", None) and hasattr(command, "perhaps"):
                command = replace(command, perhaps=True)  # "I think we are on the last box": said, not asked
            first_found = n if first_found is None else first_found
            found.append(command)
    return found


# "the last walkie, the XT420, I take it for the parking duty": a thing named alone, then what the
# speaker does with it (never "the van, someone took it")
BARE_NP = re.compile(r"(?i)^(?:the|my|our|this|that|[a-z]+'s)\s+[\w' -]{2,40}$")  # ("maya's amaran light")
SPEAKER_DOES = re.compile(
    r"(?i)^(?:(?:i|we)(?:'m|'ve|\s+am|\s+have)?(?:\s+just)?\s+(?:take|took|taking|grab|grabbed|grabbing|borrow|"
    r"borrowed|borrowing|brought|bring|bringing|return|returned|returning|dropped|put|checked|checking|signed|"
    r"signing)\b|(?:can|could|may)\s+(?:i|we)\b)"  # (not "I need it for friday": a plan, asked elsewhere)
)


def _topic(named: str | None, clause: str) -> bool:
    return bool(named and BARE_NP.match(named.strip()) and SPEAKER_DOES.match(clause.strip()))


PRONOUN_ONLY = re.compile(r"(?i)^(?:it|them)(?:\s+for\s+(?:him|her|them))?$")  # "returning it for him"
WHOSE = re.compile(r"(?i)^(?P<name>[a-z]+)'s\s+(?P<item>.+)$")


def _about(command: Command, subject: str) -> Command:
    """ "it" as the thing a clause was about; "carmen's laptop" is the laptop carmen has."""
    whose = WHOSE.match(subject.strip())
    if whose and isinstance(
        command, (C.CheckIn, C.Extend)
    ):  # "hugo's knife roll is spare, borrowing it": mine
        return replace(command, ref=item_ref(whose["item"]), person=whose["name"].lower())
    both = re.match(r"(?i)both\s+(?:the\s+|of\s+the\s+)?(?P<item>\S.*)$", subject.strip())
    if (
        both and hasattr(command, "count") and command.count is None
    ):  # "both chromebooks are ..., check them out"
        return replace(command, ref=item_ref(both["item"]), count=2)
    return replace(command, ref=item_ref(subject))


# What a clause is about, when it says something of a thing: "the staff room kettle no
# longer switches itself off", "sorry the Makita drill is late", "the grinder's guard is loose".
SUBJECT = re.compile(
    r"^(?:(?:sorry|so|and|but|morning|hi|hey|ok|also)[,\s]+)*(?P<np>(?:the|my|our|this|that|[a-z]+'s)\s+[\w /-]{2,40}?|"
    r"(?!(?:i|we|you|he|she|they|it|there|what|who|which|this|that|everything|nothing)\b)[a-z][\w /-]{2,40}?)"
    r"(?:'s\s+[a-z]+(?:\s+[a-z]+)?)?\s+(?:is|are|was|were|has|have|had|keeps|no longer|won't|doesn't|isn't|"
    r"seems|looks|needs|broke|died|stopped|came|got|went)\b",
    re.I,
)


# "I still have the BenQ projector, can I keep it until Wednesday?"
HELD = re.compile(
    r"^(?:i|we)\s+(?:still\s+)?(?:have|'ve got|have got|got)\s+(?P<np>(?:the|my|our)\s+[\w /-]{2,40}?)$", re.I
)


# "omar left the hot box in the van, returning it for him": what was left or found somewhere
LEFT = re.compile(
    r"^(?:[a-z]+\s+)?(?:has\s+|had\s+|just\s+)*(?:left|forgot|found|dropped)\s+"
    r"(?P<np>the\s+[\w /-]{2,40}?)(?:\s+(?:in|on|at|by|under|behind|outside)\s+(?!(?:the|a|an|his|her|my)\s+[\w-]+\s+(?:box|bag|case|crate)\b).*)?$",
    re.I,
)


def _subject(clause: str) -> str | None:
    """The thing a clause says something about ("the grinder" of "the grinder's guard
    is loose", "the BenQ" of "I still have the BenQ"), or None."""
    match = (
        SUBJECT.match(clause.strip()) or HELD.match(clause.strip(" .!?")) or LEFT.match(clause.strip(" .!?"))
    )
    return match["np"] if match else None


def said_after_the_time(before: str, after: str) -> str | None:
    """ "grab the calculator set til tmrw, yr 10 mocks": the words after a comma
    that follows the due time (`after` is `before` with the time taken out).
    A list of items does not go on after its time, so these may be a remark."""
    same_end = 0
    while same_end < min(len(before), len(after)) and before[-1 - same_end] == after[-1 - same_end]:
        same_end += 1
    following = before[len(before) - same_end :].lstrip()
    return following[1:].strip() if following.startswith(",") else None


def only_a_time(command: Command) -> bool:
    """ "back by 3" on its own: a time said about the request before it, no item."""
    return isinstance(command, C.Take) and command.implicit and not command.ref


def may_be_due(command: Command) -> bool:
    return isinstance(command, (C.CheckOut, C.Take, C.Extend)) and command.due is None


# Said for later or not for sure: no second statement is asked for yet.
HEDGED = re.compile(
    r"(?i)\b(?:maybe|perhaps|might|probably|later|tomorrow|next week|if|when|unless|will|'ll)\b"
)
# Words saying what happened to an item, which no item's name has: read inside a
# name or place ("ups is fixed", "site hut, and fluke seen in tool crib"), they
# show that two statements were read as one.
SAYS_WHAT_HAPPENED = re.compile(
    r"(?i)\b(?:is|are|was|were|seen|spotted|back|fixed|repaired|goes|went|moved|used|took|taken|returned)\b"
)
# (matched only where a word ends: scanning a run of spaces from each of its positions is quadratic)
JOINED = re.compile(r"(?i)(?<!\s)(?:\s*,\s*|\s+)(?:and|\+|&|also|plus)\s+|(?<!\s)\s*\+\s*")


def two_statements(text: str, commands: list[Command], read: Reader) -> list[Command] | None:
    """ "tablet back + radio back", "move the lift to the site hut, and fluke seen
    in tool crib": the requests of each statement, when each reads whole on its own
    as changes, and the message read whole put one statement's words inside
    another's item or place, or left the second one out."""
    parts = [part for part in JOINED.split(text.strip()) if part.strip()]
    if len(parts) != 2 or HEDGED.search(text):  # "... and I'll take A-2002 tomorrow maybe": not asked yet
        return None
    merged = any(SAYS_WHAT_HAPPENED.search(_words_of(c)) for c in commands)
    if not merged and len(commands) > 1:
        return None
    found = [read(part) for part in parts]
    if all(each and all(_a_change_of_its_own(c) for c in each) for each in found):
        return [c for each in found for c in each]
    return None


def _a_change_of_its_own(command: Command) -> bool:
    return (
        command.changes
        and not isinstance(command, C.Unknown)
        and not SAYS_WHAT_HAPPENED.search(_words_of(command))
        and not getattr(command, "implicit", False)  # "the ladder": no verb of its own
    )


def _words_of(command: Command) -> str:
    return " ".join(str(getattr(command, attr, None) or "") for attr in ("ref", "to"))
