"""The words of the command language, in one place: the parser builds its
patterns from these tables, and reads voice transcripts with them as it reads
typed text.

Phrases are written in a small notation:
`[words]` may be left out and `(a | b)` is one of several, nested as needed.
A space also matches a hyphen or nothing ("check in" reads "check-in" and
"checkin"), so only spoken spellings are listed."""

from __future__ import annotations

import re
from functools import cache
from itertools import product

from domain import commands as C
from domain.commands import Command

# Said before the item: "check out the drill", "we used 3 boxes of paper".
# Order matters where one phrase starts another: the first that fits wins.
BEFORE_ITEM: dict[type[Command], tuple[str, ...]] = {
    C.Extend: (
        "(extend | renew) (my | the) loan (on | of)",
        "extend",
        "renew",
        "(keep | keeping)",
        "(hang | hanging | hold | holding) on to",
    ),
    C.Book: ("(book | booking | booked)", "(reserve | reserved | reserving)", "can i (book | reserve)"),
    C.CheckIn: (
        "(check | checked | checking) in",
        "(return | returned | returning)",
        "(bring | bringing) back",
        "brought back",
        "[(i'm | im | i am)] done with",
        "finished with",
        "(give | giving | gave | hand | handing | handed) back",
        "(drop | dropped | dropping) (off | back)",
        "back",
    ),
    C.CheckOut: (
        "(check | checked | checking) out",
        "(sign | signed | signing) out",
        "(borrow | borrowed | borrowing)",
        "(lend | lending | lent)",
        "(lend | loan) me",
        "can i get",
        "(i'll | ill) take",
    ),
    C.Consume: (
        "(used | used up)",
        "(consume | consumed)",
        "finished",
        "(went | go | gone | burned | ran | got | get | getting) through",
        "(handed | gave | give | giving | handing) out",
        "took out",
        "(remove | removed)",
    ),
    C.Take: (
        "(take | taking | took)",
        "(use | using)",  # "using the Sachtler", "using 3 pens": an asset is checked out, stock used
        "(grab | grabbed | grabbing)",
        "(nab | nabbed | nabbing)",
        "[(i | we)] need to (take | borrow | grab | get | use)",  # "I need to take the beamer right now"
        "[(i | we)] need",
        "(get | getting)",
        "(pick | picking | picked) up",
    ),
    C.Receive: (
        "(receive | received | receiving)",
        "(unload | unloaded | unloading)",
        "(restock | restocked | restocking)",
        "(topped | top | topping) up",
        "[(got | had)] [a] delivery of",
        "got in",
        "got",
        "(add | added | adding)",
        "put back",
        "delivered",
        "arrived",
    ),
    C.Count: ("(count | counted | recount)", "stock take"),  # "there are ... left": a sentence of its own
    C.WhoHas: (
        "who's got",
        "who's",
        "who (has | got | took | borrowed)",
        "who is holding",
        "(has | have) (anyone | anybody | someone | somebody) got",
        "who checked out",
    ),
    C.WhereIs: (
        "where's",
        "where (is | are)",
        "where're",
        "where (would | do | can | could | should) (i | we) (find | keep | get)",  # "where do we keep the hand truck"
    ),
    C.Move: ("(move | moved | moving)", "(relocate | relocated)", "put", "(bring | brought)"),
    C.Seen: ("(seen | saw | spotted | sighted | found)", "[can] see", "here is", "here's"),
}
# Said after the item: "the projector is back", "the toner arrived".
AFTER_ITEM: dict[type[Command], tuple[str, ...]] = {
    C.CheckIn: ("(is | are) [(both | all)] back [now]",),
    C.Consume: ("(used | consumed | used up | gone)",),
    C.Receive: ("[just] (arrived | came in | delivered | received)",),
    C.Count: ("(left | remaining | on the shelf)",),
}
# A verb split around the item: "bringing the laptop back", "dropped the van off".
AROUND_ITEM: dict[type[Command], tuple[tuple[str, str], ...]] = {
    C.CheckIn: (
        (
            "(bring | bringing | brought | hand | handing | handed | give | giving | gave | take | taking | took)",
            "back",
        ),
        ("(drop | dropping | dropped)", "(back | off)"),
        ("(put | putting)", "back"),
        ("(hand | handing | handed | check | checking | checked | sign | signing | signed)", "[back] in"),
    ),
    C.CheckOut: (("(sign | signing | signed | put | putting | check | checking | checked)", "out"),),
}
# Whole requests about no item.
SENTENCES: dict[type[Command], tuple[str, ...]] = {
    C.Help: (
        "help",
        "what [else] can you [(actually | really)] do",
        "commands",
        "how does this work",
        "usage",
        "what (sort | kind | sorts | kinds) of things [(can i | i can)] ask [you] [to do]",
        "what can i ask [you]",
    ),
    C.Undo: (
        "undo [(that | it | this | last)]",
        "undo my last [(change | one)]",
        "oops undo [that]",
        "revert [that]",
    ),
    C.MyItems: (
        "what (do i [still] have | have i [still] got | am i [still] holding) [out]",
        "what (i've | i have) got [(signed | checked)] out",
        "what (i've | i have) [got] (signed | checked) out [(at the moment | right now | now)]",
        "what did i (borrow | check out)",
        "my (stuff | items | things | gear | checkouts)",
        "(what's | whats) [checked out] (to | with) me",
        "(what's | whats | what is) (on | under) me [(right now | now | at the moment)]",
        "(anything | what's | whats | what is) [(checked | signed)] out (in | under) my name",
    ),
    C.LowStock: (
        "(what's | what is | what are) [running] low",
        "what else (is | are | 's) [running] low",
        "(what's | what is) low (in | at) the (warehouse | store | stores | store room | stock room | cupboard)",
        "anything [else] [running] low",
        "[(what's | what is | what are | anything)] out of stock",
        "low [stock]",
        "what (do | should) we [need to] (order | reorder)",
        "reorder list",
        "what needs (ordering | reordering)",
        "(anything | is there anything) [(that | we)] [(need | needs)] [to] (order | reorder | ordering | reordering)",
    ),
    C.AuditsDue: (
        "[(what's | what is | what are | what | which | show)] (audit | audits) [are] (due | overdue)",
        "[(what's | what is | what are | what | which | show)] due (audit | audits)",
    ),
}


def expand(phrase: str) -> list[str]:
    """Every way of saying `phrase`, as plain words."""
    return sorted(
        {
            " ".join(words.split())
            for words in _expand(
                phrase.replace("(", " ( ")
                .replace(")", " ) ")
                .replace("[", " [ ")
                .replace("]", " ] ")
                .replace("|", " | ")
                .split()
            )
        }
    )


def _expand(tokens: list[str]) -> list[str]:
    """Alternatives of a token list: sequences of words and groups, split at top-level bars."""
    alternatives, current, depth = [], [], 0
    for token in tokens:
        depth += token in "([" and len(token) == 1
        depth -= token in ")]" and len(token) == 1
        if token == "|" and depth == 0:
            alternatives.append(current)
            current = []
        else:
            current.append(token)
    alternatives.append(current)
    return [text for alternative in alternatives for text in _sequence(alternative)]


def _sequence(tokens: list[str]) -> list[str]:
    parts: list[list[str]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("(", "["):
            close, depth, j = {"(": ")", "[": "]"}[token], 0, i
            while True:
                depth += tokens[j] in ("(", "[")
                depth -= tokens[j] in (")", "]")
                if depth == 0:
                    break
                j += 1
            inner = _expand(tokens[i + 1 : j])
            parts.append(inner + [""] if token == "[" else inner)
            assert tokens[j] == close, f"unbalanced {token} in {' '.join(tokens)}"
            i = j + 1
        else:
            parts.append([token])
            i += 1
    return [" ".join(choice) for choice in product(*parts)] if parts else [""]


WORD_GAP = r",?[ -]?"  # between words as typed: "check in", "check-in", "checkin", "oops, undo"


@cache
def pattern(phrases: tuple[str, ...]) -> str:
    """A regular expression (no groups) for any of `phrases`, longest first
    (so "used up" is read whole, not as "used" and an item "up")."""
    said = sorted({text for phrase in phrases for text in expand(phrase) if text}, key=len, reverse=True)
    return "(?:" + "|".join(WORD_GAP.join(re.escape(word) for word in text.split()) for text in said) + ")"


def sayings(table: dict[type[Command], tuple[str, ...]], *kinds: type[Command]) -> list[str]:
    """Every plain-words phrase of `kinds` in `table` (all kinds when none are named)."""
    chosen = kinds or tuple(table)
    return sorted(
        {text for kind in chosen for phrase in table.get(kind, ()) for text in expand(phrase) if text}
    )
