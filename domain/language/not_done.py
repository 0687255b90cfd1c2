"""Sentences that name a change without asking for it now: a question ("used 3
reams of a4?"), a negation ("please don't check A-1002 out"), a plan ("taking
van 2 on friday", "gonna grab the level in 10 mins"), or something still to
happen ("the speaker needs to come back"). Their changes are not made: a plan to
take something is a booking (answered honestly), anything else is not a request."""

from __future__ import annotations

import re

from domain import commands as C
from domain.commands import Command
from domain.language.patterns import NOT_WORKING
from domain.language.said_numbers import corrected_numbers, ordinal_days

# A question that asks for something ("can I take...?") is a request; others are questions.
ASKING_FOR = re.compile(
    r"(?:^\W*(?:(?:hi|hey|hello|morning|good morning|afternoon|ok|so|sorry|and|but|also|um|erm)(?:\s+(?:all|team|everyone|there|folks))?\W+)*|"
    r"[,;.:!]\s*)(?:(?:please|pls)\s+)?(?:(?:can|could|may|might|would|will)\s+(?:i|we|you|someone|somebody|it|they)\b|"
    r"(?:would|is)\s+it\s+(?:be\s+)?(?:possible|ok|okay)\b|i'd like\b|i would like\b)"
    r"|^\W*(?:please|pls|plz)\b|[\s,](?:ok|okay|pls|please)\s*\?+\s*$",  # "..., till 5pm ok?"
    re.I,
)
BROKEN_SAID = re.compile(rf"(?i)\b{NOT_WORKING}\b")  # "won't hold charge": what is wrong, no "don't"
NEGATED = re.compile(
    r"\b(?:don't|dont|do not|never|nobody|no one|stop|shouldn't|mustn't|won't|didn't|did not|"
    r"haven't|have not|hasn't|not going to|isn't to|aren't to|"
    r"(?:doesn't|does not|don't|do not)\s+need\s+(?:a\s+|any\s+)?(?:repair|repairs|repairing|fixing|servicing|service)|"
    r"no\s+need\s+(?:for|to)\s+(?:a\s+|any\s+)?(?:repair|fix|service|send))\b",
    re.I,
)
# "I used to have a drill like that": what once was, not what was used.
HABIT = re.compile(r"\b(?:i|we|you|they|he|she)\s+used\s+to\s+(?!the\b|a\b|an\b|my\b|our\b|\d)[a-z]+\b", re.I)
# When the loan would start, not end: "on friday", "at 2pm", "later", "in 10 mins", "tomorrow".
# When the loan would start, not end: "tomorrow", "on friday", "at 2pm", "in 10 mins". Today's
# "this afternoon" or "tonight", and "for tomorrow('s training)", are a use of it taken now.
STARTS_LATER = re.compile(
    r"\bday after tomorrow\b|(?<!\bfor )\b(?:sometime|later|tomorrow|tmrw|next week|after lunch|after (?:the|this|that)\b|when the\b|"
    r"at \d{1,2}(?::\d{2})?\s*(?:am|pm)?|at noon|"
    r"on (?:the\s+)?(?:mon|tue|wed|thu|fri|sat|sun|\d{1,2}(?:st|nd|rd|th))\w*|in \d+\s*(?:mins?|minutes|hours?|hrs?)|"
    r"(?<!\bback )(?<!\buntil )(?<!\btill )for (?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?(?:'s)?\b|"
    # "check out the level in the afternoon", "... in a bit", "... in 5", "... in the new year"
    r"in the (?:morning|afternoon|evening|new year)|in a (?:bit|while|sec|second|minute|mo|moment)|in \d+(?!\s*\w))\b",
    re.I,
)
ENDS = re.compile(
    r"\b(?:until|till|til|'til|by|back|for\s+(?:a|an|\d+|\w+)\s+(?:days?|hours?|weeks?|mins?))\b(?!\s+after\b)",
    re.I,
)
NOT_YET_BACK = re.compile(
    r"^(?:please\s+)?bring\b.*@|\b(?:can|could) (?:i|we) (?:have|get) .+ back\b|"  # asking someone else
    r"\b(?:needs? to (?:come|go) back|has to (?:come|go) back|should (?:come|go) back|goes back|"
    r"going back|on (?:its|their) way back|will be back|'ll be back|(?:isn't|isnt|aren't|arent|wasn't|wasnt|not)\s+(?:yet\s+)?back)\b",
    re.I,
)
PLANNED = (C.CheckOut, C.Take, C.Move, C.Extend)
ONLY_ASKING = re.compile(r"(?i)\b(?:just|only)\s+(?:asking|wondering|checking)\b")
NOT_FIXED = re.compile(
    r"(?i)\b(?:not|isn't|isnt|wasn't|wasnt|no|never|wrong|but|which|who|still\s+broken|broke\s+again|again)\b"
)
# "the engineer came on Friday": a day said of what already happened, no plan
TOLD_IN_THE_PAST = re.compile(
    r"(?i)\b(?:came|was|were|did|went|had|visited|called in|popped in)\b|\b(?:i|we)\s+(?:left|put|dropped|moved)\s+(?:it|them)\b"
)


def _later(text: str, commands: list[Command]) -> bool:
    """A time to come in the message; for a move, not one said of what was already done
    ("it's in the site hut now, I left it there after the path job")."""
    if not all(isinstance(c, C.Move) for c in commands):
        return bool(STARTS_LATER.search(text))
    return _later_in_a_clause(text)


# a clause, or a reason given after "as", "because"
REASONS = re.compile(r"\s*[,;]\s*|\s+(?:and|but|so|as|because|since|cos)\s+", re.I)


def _later_in_a_clause(text: str) -> bool:
    """A time to come, in a clause that tells no past ("sending it for repair next week as it was
    sparking" is later; "fixed, the engineer came on Friday" is not)."""
    return any(
        STARTS_LATER.search(part) and not TOLD_IN_THE_PAST.search(part) for part in REASONS.split(text)
    )


# "sending the grinder for repair after christmas", "needs a service in january"
REPAIR_LATER = re.compile(
    r"\b(?:after\s+(?!it\b)\w+|(?:in|by)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*"
    r"|next\s+(?:month|year)|once\s+\w+|when\s+\w+)\b",
    re.I,
)
MAYBE = re.compile(  # "..., might need repair", "should be fixed, the engineer's been", "supposedly fixed"
    r"(?i)\b(?:might|may|maybe|probably|perhaps|possibly|supposedly|hopefully|should\s+be|supposed\s+to\s+be|meant\s+to\s+be)\b"
)
LONG_AGO = re.compile(r"\b(?:ago|last\s+(?:week|month|year|time))\b", re.I)
# A return said in the present or future, in the same clause as a later time
RETURN_TO_COME = re.compile(
    r"\b(?:(?:i'll|i will|we'll|we will|will|gonna|going to|can i|could i)\s+(?:return|bring|drop|hand|give|check|sign)|"
    r"(?:can|could)\s+(?:you|someone)\s+(?:check|sign)|checking|returning|bringing|dropping|handing|giving|signing)\b",
    re.I,
)
RETURN_LATER = re.compile(
    r"\b(?:tonight|this\s+evening|(?:after|when|once)\s+(?:i|we|i'm|we're|i've|i\s+get|my\s+shift)\b|"
    r"in\s+a\s+(?:sec|second|minute|bit)|at\s+the\s+end\s+of)",
    re.I,
)
# Said, then taken back or left in doubt: "drill returned - no wait", "or not, can't remember"
TAKEN_BACK = re.compile(
    r"\b(?:no\s+wait|wait,?\s+no|scratch\s+that|cancel\s+that|ignore\s+(?:that|me)|actually,?\s+no|or\s+(?:maybe\s+)?not"
    r"|jk|just\s+(?:kidding|joking)|kidding|never\s*mind|forget\s+it|wrong\s+(?:channel|item|one))\b",
    re.I,
)  # (not "not sure if it's charged", "I hope that's ok": said of something else)
CLAUSES = re.compile(r"\s*[,;]\s*|\s+(?:and|but|so)\s+", re.I)


# "for -2 days", "for 9999 years": a time that can't be, so no loan of no time at all.
NO_SUCH_TIME = re.compile(r"\bfor\s+(?:-\s*\d+|\d{3,})\s+(?:years?|months?|weeks?|days?|hours?)\b", re.I)


def only_said(text: str, commands: list[Command]) -> list[Command]:
    """The commands of one sentence, without the changes it only talks about."""
    if not any(c.changes for c in commands):
        return commands
    text = ordinal_days(text)  # "on the fourth" is a day to come, as "on the 4th" is
    if all(isinstance(c, C.BOOKING_COMMANDS) for c in commands):
        return commands  # read whole by their own reader: "can u reserve it?", "don't need X, cancel it"
    if NO_SUCH_TIME.search(text):
        return not_asked(commands)
    if text.rstrip().endswith("?") and not ASKING_FOR.search(text) or ONLY_ASKING.search(text):
        return not_asked(commands)  # "returned the big ladder?", "can I have X? just asking if it's free"
    if A_HAND.search(text):  # "need a hand with the van": help asked of people, no item
        return not_asked(commands)
    if EXCEPT.search(text):  # "return everything bob had, except the scanner": what is left out is asked
        return not_asked(commands)
    if (
        _negated(text, commands)
        or NOT_YET_BACK.search(text)
        or HABIT.search(text)
        or taken_back(text, commands)
    ):
        return not_asked(commands)
    if any(isinstance(c, (C.Repaired, C.Serviced)) for c in commands) and NOT_FIXED.search(text):
        return not_asked(commands)  # "the forklift is not fixed", "fixed it but it broke again"
    if any(isinstance(c, (C.Maintenance, C.Repaired)) for c in commands) and (
        _later_in_a_clause(text) or LONG_AGO.search(text) or REPAIR_LATER.search(text) or MAYBE.search(text)
    ):
        return not_asked(commands)  # "sending it for repair tomorrow", "sent for repair last month"
    if any(isinstance(c, C.CheckIn) for c in commands) and any(
        (STARTS_LATER.search(clause) or RETURN_LATER.search(clause)) and RETURN_TO_COME.search(clause)
        for clause in CLAUSES.split(text)
    ):
        return not_asked(commands)  # "I'm checking it back in tomorrow": not back yet
    if any(isinstance(c, PLANNED) for c in commands) and _later(text, commands) and not ENDS.search(text):
        taken = [c for c in commands if isinstance(c, (C.CheckOut, C.Take)) and c.ref and not c.perhaps]
        booked = [C.Book(words=c.ref) for c in taken]  # each item by its own name (not "..., heavy shoot")
        others = [c for c in commands if not isinstance(c, (C.CheckOut, C.Take, C.Move))]
        return booked + others or [C.Unknown(words=text)]
    return commands


A_HAND = re.compile(
    r"(?i)\b(?:need|needs|needed|want|give|giving|lend|lending|get|could\s+use)\s+(?:me\s+|us\s+|them\s+|someone\s+)?"
    r"a\s+(?:quick\s+)?hand\b(?![\s-]*(?:truck|trolley|warmers?|saniti[sz]er|gel|towels?|held|drill|saw|wash|cream|soap))"
)
EXCEPT = re.compile(
    r"(?i)\b(?:except(?:\s+for)?|apart\s+from|other\s+than|besides|but\s+keep|(?:stays?|staying)\s+with)\b"
    r"(?!\s+(?:that|this|which)\b)"  # ("..., other than that all good": a remark)
)
# A clause after the first that says not to: "..., actually don't", "..., no, do not"
TOLD_NOT_TO = re.compile(
    r"^(?:(?:no|nah|actually|wait|sorry|oh|oops|ah|please|pls|on second thoughts?)[\s,.!]+)*"
    r"(?:don't|dont|do not|never|stop)\b",
    re.I,
)
# "the short ones don't reach", "the other one won't hold a charge", "one of them doesn't work": said of a
# thing, not taking back what was asked ("no I didn't", "he hasn't given it me yet", "hasn't arrived yet")
ABOUT_A_THING = re.compile(  # (and "..., not the warehouse": which one, by contrast)
    r"(?i)^(?:not\s+(?:the|a|an|my|our|in|at|on|to)\s|(?:the|a|an|one|two|both|some|this|that|these|those|its|my|our|his|her|their)\s+(?!(?:one|other)\b\s*$))"
    r"(?!.*\b(?:mean|meant|said|say|needed|need|given|brought|arrived|picked|happen|happened)\b)"
)
REMARK_BREAKS = re.compile(r"\s*[,;:]\s*|\s+-\s+|(?<=[.!?])\s+")


# "returned the hot box, didn't need it in the end": why it came back
NOT_NEEDED = re.compile(
    r"(?i)^(?:(?:(?:i|we)\s+)?(?:didn't|did not|don't|do not|won't|will not)\s+need|no\s+need\s+(?:for|to))\b"
)  # ("returned the stethoscope, no need for repair")


# "the grinder's guard is loose, nobody should use it, send it to maintenance": why it goes for repair
DO_NOT_USE = re.compile(
    r"(?i)^(?:so\s+)?(?:(?:nobody|no one|no-one)\s+(?:should|can|must|is to)|(?:please\s+)?(?:don't|dont|do not))\s+use\b"
)


def _negated(text: str, commands: list[Command] = ()) -> bool:
    """A negation in the request's own clause, or a later clause telling not to; a negation
    in a remark after it is about something else ("borrowing 2 long hdmi cables, the short ones
    don't reach", "returned 1 battery, the other one won't hold a charge")."""
    said = corrected_numbers(text.strip())  # ("there are 20 not 14": no negation)
    returning = any(isinstance(c, C.CheckIn) for c in commands) and all(
        isinstance(c, (C.CheckIn, C.Maintenance)) for c in commands if c.changes
    )  # (a return that goes for repair too: "..., battery won't hold charge, can it go for repair")
    repairing = bool(commands) and all(isinstance(c, C.Maintenance) for c in commands if c.changes)
    first, *later = [
        c for c in REMARK_BREAKS.split(said) if c.strip() and not (repairing and DO_NOT_USE.match(c.strip()))
    ] or [""]
    return bool(NEGATED.search(first)) or any(
        TOLD_NOT_TO.match(clause)
        or (
            NEGATED.search(clause)
            and not ABOUT_A_THING.match(clause)
            and not (
                returning and BROKEN_SAID.search(clause)
            )  # how it came back: "battery won't hold charge"
            and not (returning and NOT_NEEDED.match(clause))
        )
        for clause in later
    )


def taken_back(text: str, commands: list[Command]) -> bool:
    """ "check out the macbook. no wait": said, then taken back (not "no wait, I meant X": a
    correction, nor "scratch that, undo my last change": the undo is the taking back)."""
    if commands and all(isinstance(c, C.Undo) for c in commands):
        return False
    return bool(TAKEN_BACK.search(text)) and not any(isinstance(c, C.Correct) for c in commands)


def not_asked(commands: list[Command]) -> list[Command]:
    kept = [c for c in commands if not c.changes]
    return kept or [C.Unknown(words=" ".join(c.ref or "" for c in commands if getattr(c, "ref", None)))]
