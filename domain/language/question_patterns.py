"""Patterns of questions, lists and managers' requests, first match wins
within each table: the parser tries them before the sentences that change things."""

from __future__ import annotations

import re

from domain import commands as C
from domain.commands import Command
from domain.language.numbers import NUMBER_WORDS
from domain.language.shapes import before, sentence

# Listings: (what it filters on, pattern); the parser fills in the command.
LISTINGS: list[tuple[str, re.Pattern]] = [
    (
        "overdue",
        re.compile(
            r"^(?:(?:is|are|isn't)\s+(?=any))?(?:what(?:'s| is| are)?|which|show(?: me)?|list|anything|any)?\s*(?:(?:items?|things|stuff|kit|equipment)\s+)?"
            r"(?:is |are )?(?:overdue|late(?: coming back)?|past due)(?:\s+list)?(?:\s+(?:in|at|from)\s+(?:the\s+)?(?P<place>.+?))?$",
            re.I,
        ),
    ),
    (
        "due",
        re.compile(
            r"^(?:what(?:'s| is| are)?|which|show(?: me)?|anything|list)\s*(?:(?:items?|things|stuff|kit)\s+)?(?:is |are )?due(?: back)?$",
            re.I,
        ),
    ),
    (
        "available",
        re.compile(
            r"^(?:which|what|are there any|any|show(?: me)?(?: the)?|list(?: the)?)\s+(?P<ref>.+?)\s+(?:are|is)?\s*(?:free|available|in|around)(?:\s+(?:right )?now)?$",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            r"^(?:what(?:'s| is| are)?|show(?: me)?|list)\s+(?:(?:stored|kept|everything)\s+)?(?:what's\s+)?(?:in|at)\s+(?:the\s+)?(?!(?:maintenance|repairs?|service)\b)(?P<place>.+?)$",
            re.I,
        ),
    ),
    (
        "person",
        re.compile(
            r"^what(?:'s| is| does| has)\s+@?(?P<person>[\w.\-]+)\s+(?:got(?: out)?|holding|have|has|got checked out)(?:\s+(?:out|at the moment|right now|now))*$",
            re.I,
        ),
    ),
]


# (command, pattern). Order matters: the first pattern that matches wins.
# "who's in today", "who's around", "who's coming to the meeting": where people are or what they do
_NOT_HOLDING = (
    r"(?:in|on|at|around|about|coming|going|free|off|up|working|doing|here|there|available|joining|"
    r"covering|driving|for|next|back|leading|running)"
)
QUESTIONS: list[tuple[type[Command], re.Pattern]] = [
    (
        C.Labels,
        re.compile(
            r"^(?:print\s+|make\s+|need\s+)?(?:an?\s+|new\s+)?(?:barcode\s+|(?P<qr>qr(?:[\s-]+code)?)\s+)?labels?\s+(?:for\s+|of\s+)?(?P<all>all\s+(?:the\s+|our\s+)?)?(?P<ref>.+)$",
            re.I,
        ),
    ),
    (C.AuditsDue, sentence(C.AuditsDue)),
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
            r"^(?:what(?:'s| is| are)|how much (?:is|are)|(?:show(?: me)? |give me )?(?:the )?(?:total |book )?value of)(?: all)?(?: of)? (?:our|the|all|all our)? ?(?:assets?|equipment|stuff|gear|things|kit|everything)(?: worth)?(?: in total)?(?:,? (?:by|per|grouped by|split by|for each|broken down by) (?P<by>department|dept|location|category|categorie|place|team)s?)?$|^(?:the )?(?:asset register|register|asset report|assets report)(?: by (?P<by2>department|location|category))?$"
            # "what are we worth by department?"
            r"|^(?:what|how much)\s+(?:our|the)\s+(?:assets?|equipment|stuff|gear|things|kit)\s+(?:are|is)\s+worth(?:\s+in\s+total)?(?:,?\s+(?:by|per|split\s+by|broken\s+down\s+by)\s+(?P<by4>department|dept|location|category|team)s?)?$"
            r"|^(?:what|how much)\s+(?:are|is)\s+(?:we|the\s+(?:org|organisation|organization|company|business|charity|school))\s+worth(?:\s+in\s+total)?(?:,?\s+(?:by|per|split\s+by|broken\s+down\s+by)\s+(?P<by3>department|dept|location|category|team)s?)?$",
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
    (C.Help, sentence(C.Help)),
    (C.Undo, sentence(C.Undo)),
    (C.MyItems, sentence(C.MyItems)),
    (C.LowStock, sentence(C.LowStock)),
    (  # "whats low in the clinic?", "are we running short of anything in the dry store?": all that is low
        C.LowStock,
        re.compile(
            r"^(?:what(?:'s| is| are)|anything|are we|is anything)\s+(?:running\s+|getting\s+)?(?:low|short)"
            r"(?:\s+(?:of|on)\s+(?:anything|stuff|supplies))?(?:\s+(?:in|at|on|for)\s+(?:the\s+|our\s+|my\s+)?[\w' &-]+)?$",
            re.I,
        ),
    ),
    (
        C.History,
        re.compile(
            r"^(?P<ref2>[\w' -]+?)\s+(?:history|log)$|"  # "copier history?"
            r"^(?:(?:show (?:me )?)?who(?:'s| has)? had|whos had|history of|(?:the )?history for|log (?:of|for)|show (?:me )?the (?:history|log) (?:of|for)|"
            r"when (?:did|was|were)(?: (?:we|someone|somebody|anyone|it))?(?: last)?(?: (?:get|got|see|saw|restock|receive|use|check out|have))?)"
            r"\s+(?P<ref>.+?)(?:\s+(?:last(?: time)?|before (?:me|@?[a-z][\w.\-]*)|recently|lately|in|last (?:restocked|seen|received|used|in)|restocked|seen|delivered|arrive|come in))*$",
            re.I,
        ),
    ),
    # "who has headsets out?" (never "who's in for the 3pm?", "who's around": people, no item)
    (C.WhoHas, before(C.WhoHas, rf"\s+(?!{_NOT_HOLDING}(?![\w-]))(?P<ref>.+?)(?:\s+out)?$")),
    (
        C.WhereIs,
        before(C.WhereIs, r"\s+(?P<ref>.+?)(?: now| at| kept| stored| usually kept| kept now)?$"),
    ),  # "where's the copier at", "where are the chromebooks kept?"
    # asked indirectly ("could you tell me where the knife roll is"): the verb comes last
    (C.WhereIs, re.compile(r"^where\s+(?P<ref>.+?)\s+(?:is|are)(?:\s+(?:now|kept|at the moment))?$", re.I)),
    (
        C.Worth,
        re.compile(
            r"^(?:what(?:'s| is) (?P<ref>.+?) worth|(?:book )?value of (?P<ref2>.+)|how much is (?P<ref3>.+?) worth|"
            r"what (?P<ref4>.+?) (?:is|are) worth|(?P<ref5>[\w' -]+?) worth)"
            r"(?:\s+(?:these days|now|today|at the moment|currently|on the books))?$",
            re.I,
        ),
    ),
    (
        C.HowMany,
        re.compile(
            r"^how (?:many|much)\s+(?P<ref>.+?)(?:\s+(?:do we have|have we got|(?:have )?we(?:'ve)? got|(?:do )?we (?:still )?have|we still have|are (?:there|left)|are still|is (?:there|left)|left|in stock|on hand|remaining|remain))?(?: left)?"
            r"(?:\s+(?:(?:is|are)\s+)?(?:in|at|on)\s+(?:the\s+)?[\w' &-]+)?$"  # "are in the cage", "is left in the cold room"
            # "do we have eppis?", "have we got any AA batteries left?"
            r"|^(?:do|does)\s+(?:we|the\s+\w+)\s+(?:still\s+)?have\s+(?:any\s+)?(?P<ref2>(?!(?:a|an|the|to|time|room)\b).+?)(?:\s+(?:left|in\s+stock))?$"
            r"|^(?:have|'ve)\s+we\s+(?:still\s+)?got\s+(?:any\s+)?(?P<ref3>(?!(?:a|an|the|to|time|room)\b).+?)(?:\s+(?:left|in\s+stock))?$",
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
            r"^(?:is|are)\s+(?:there\s+)?(?:an?\s+|any\s+)?(?P<ref>.+?)\s+(?:available|free|in|around|taken|out|in use|being used(?: by (?:anyone|anybody|someone))?|back(?: yet)?(?: from [\w ]+)?)(?: now| today| right now)?$"
            r"|^(?P<ref2>[\w' -]+?)\s+(?:available|free)(?: now| today| right now| this (?:morning|afternoon|evening)| tonight)?$",  # "thermometer free?"
            re.I,
        ),
    ),
    (
        C.Info,
        re.compile(
            r"^what(?:'s| is) the (?:serial(?: number)?|model|make|condition|barcode|asset tag|tag) (?:on|of|for) (?P<ref2>.+)$|"
            r"^(?:info|information|details|detail|describe|show me|show|tell me about|lookup|look up|what(?:'s| is))(?: about| on| for)?\s+(?P<ref>.+)$|"
            # after "could you tell me": "about the vaccine fridge, when it was bought", "the full details on X"
            r"^(?:about|(?:give me\s+)?(?:the\s+)?(?:full\s+)?details\s+(?:on|of|for))\s+(?P<ref3>[^,;]+?)(?:\s*[,;].*)?$|"
            # "any news on the big centrifuge?", "forklift fixed yet?"
            r"^any\s+(?:news|update|updates|word)\s+(?:on|about|re)\s+(?P<ref4>.+)$|"
            r"^(?:is\s+|are\s+|has\s+|have\s+)?(?P<ref5>(?!(?:it|they|that|this)\b)[\w' -]+?)\s+(?:been\s+)?(?:fixed|repaired|sorted|serviced)\s+yet$",
            re.I,
        ),
    ),
]
MANAGER: list[tuple[type[Command], re.Pattern]] = [
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
            r"^(?:set )?(?:the |a )?re-?order(?: (?:point|level|pt|lvl))?(?: of| for| on)?\s+(?P<ref>.+?)"
            rf"(?:\s+(?:to|at|=|is)?\s*(?P<n>\d[\d,]*|{NUMBER_WORDS.pattern}))?$",  # no number: asked
            re.I,
        ),
    ),
    (C.Retire, re.compile(r"^(?:retire|decommission|dispose of|write off)\s+(?P<ref>.+)$", re.I)),
    # Adds are read by catalog_phrases, before anything else.
    (
        C.Edit,
        re.compile(
            r"^(?:edit|set|change|update)\s+(?P<ref>.+?)(?:'s)?\s+(?P<field>location|department|dept|condition|category|name|model|manufacturer|serial|supplier|cost|unit cost|salvage value|useful life|purchase date|packs|barcode|reorder qty|reorder quantity|aliases|alias)\s*(?:to|=|:|is)?\s+(?P<value>.+)$",
            re.I,
        ),
    ),
]
