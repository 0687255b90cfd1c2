"""The parser's patterns of sentences that change things, and the words they
share (packs, articles, chatter), first match wins within each table. The verbs
and set phrases come from `lexicon`; what is
here is where the item, the place, the count and the note are around them.
Questions, lists and managers' requests are in `question_patterns`."""

from __future__ import annotations

import re

from domain import commands as C
from domain.commands import Command
from domain.language.lexicon import AFTER_ITEM, BEFORE_ITEM, SENTENCES, pattern, sayings
from domain.language.numbers import LIST_COMMA
from domain.language.shapes import after, around, before

# Pack words recognised without "of" ("3 boxes paper"); with "of" any word is.
PACK_WORDS = frozenset(
    "box pack packet case carton bag roll ream bundle pallet tube bottle can sheet pair set tray crate sleeve drum tub jar tin sack barrel keg reel spool pouch bucket".split()
)
ARTICLES = re.compile(r"^(?:the|my|our|this|that|these|those|some|all the|all|of|any)(?:\s+|$)")
PACK_OF = re.compile(r"^(?P<pack>[a-z]+)\s+of\s+(?P<item>.+)$")
PERSON = re.compile(r"\b(?:for|to)\s+@(?P<name>[\w.\-]+)", re.I)
NAMED = re.compile(
    r"\bfor\s+(?P<name>[a-z][\w.\-]*)\b(?!')", re.I
)  # "for erin": a person only if the bot knows one
NAMED_TO = re.compile(
    r"\bto\s+(?P<name>[a-z][\w.\-]*)\b(?!'s\b|s'|')", re.I
)  # (not "to bob's mate")  # a known person, after a check-out verb
CHECK_OUT_LEAD = re.compile(
    r"^(?:please\s+)?(?:(?:check|sign)(?:ing|ed)?\s*(?:\S.{0,60}?\s)?out|issue|lend|loan)\b", re.I
)
EXTEND_LEAD = re.compile(r"^(?:extend|renew|keep)\b", re.I)
LEADING_MENTIONS = re.compile(r"^(?:@[\w.\-]+[\s,:]*)+")  # addressed to the bot
# A part of a list that is chatter, not an item: it and what follows are dropped.
CHATTER = re.compile(
    r"^(?:sorry|thanks|thank you|thx|cheers|ta|btw|lol|it's|its|it is|it was|they're|i'm|i've|i'll|we're|hope|"
    r"see you|because|cos|as|so|keys|back|be|will|won't|still|should|ok|okay|gonna|going|hopefully|probably|"
    r"might|mine's|nobody|no one|if|in case|need it|need them|he|she|they|you|we|i|he's|she's|he'll|she'll|"
    r"keeping|keep|still need|holding on|not|but not|(?:checking|signing|putting|booking) (?:it|them))\b|.*\b(?:i'm keeping|i am keeping|i'll keep|i still need|stays with me)$",
    re.I,
)
# A part of a list that says something (a verb in it, no article or amount first): "shoot got pushed".
A_CLAUSE = re.compile(
    r"^(?:(?:the|my|our|his|her|their)\s+)?(?!(?:a|an|some|\d|one|two|three|four|five)\b)\S+(?:\s+\S+)?"
    r"(?:\s+(?:on|of|in|from)\s+\S+)?\s+"  # "the trigger on mine keeps sticking"
    r"(?:got|gets|is|was|were|has|had|are|went|did|does|needs|broke|died|ran|thinks|said|says|wrapped|finished|"
    r"ended|overran|started|stopped|failed|worked|arrived|left|keeps|kept|won't|doesn't|isn't|can't|no longer)\b"
    r"|^(?:the|my|our|his|her|their)\s+\S+(?:\s+\S+)?\s+[a-z]{3,}ed\s+\S"  # "the menu changed to soups"
    r"|^(?:one|two|three|\d+)\s+(?:of\s+them\s+)?(?:died|broke|was|were|is|are|had|has|got|went|snapped|failed)\b"
    r"|^the\s+(?:other\s+|old\s+)?one\s+(?:in|on|at|from|with)\b.{0,40}\b(?:is|was|has|keeps|got)\b",  # "the one in the office is playing up"
    re.I,
)
SPLIT = re.compile(
    rf"\s*(?:{LIST_COMMA}|\band\b(?!\s+an?\s+half\b)|\&|\+|;)\s*", re.I
)  # "one and a half boxes" is one amount, and so is "2,300"


SEEN_THIS = re.compile(
    r"^(?:seen|saw|spotted|found|here)(?:\s+(?:it|this|these|that|one))?(?:\s+(?:in|at)\s+(?:the\s+)?(?P<place>.+))?$",
    re.I,
)
# "big light seen on the grip truck": the item, then seen where
SEEN_AFTER = re.compile(
    r"^(?P<rest>[^,;]+?)\s+(?:seen|spotted|found|sighted)\s+(?:in|on|at)\s+(?:the\s+)?(?P<place>[^,;]+)(?:\s*[,;].*)?$"
    # "the ladder is in the warehouse, I just saw it": where it was seen, not where it goes
    r"|^(?P<rest2>[^,;]+?)(?:\s+(?:is|are)|'s)\s+(?:in|on|at)\s+(?:the\s+)?(?P<place2>[^,;]+?)\s*[,;]?\s+"
    r"(?:i\s+|we\s+)?(?:just\s+)?(?:saw|seen|spotted)(?:\s+(?:it|them)\b.*)?$",  # ("i just saw": "it" unheard)
    re.I,
)
# "spotted the wrapper pushed into bay 2": how it was left, then where
LEFT_THERE = (
    r"(?:left|sat|sitting|parked|pushed|shoved|stashed|tucked|dumped|lying|stored|put|locked|standing)"
)
SEEN = re.compile(
    rf"^{pattern(BEFORE_ITEM[C.Seen])}\s+(?P<rest>.+?)"
    rf"(?:\s+(?:in|at|{LEFT_THERE}\s+(?:in|into|at|on|up\s+in))\s+(?:the\s+)?(?P<place>.+))?$",
    re.I,
)
AUDIT_LEAD = re.compile(
    r"^(?:audit|stocktake|spot check)\s*[:,-]\s*", re.I
)  # "audit: saw f 204 in the tool crib"
# What follows a place but is no part of it: "in lab 2, not the cold room", "in the hall after last night's do".
AFTER_PLACE = re.compile(
    r"(?:\s*[,;].*|\s+(?:after|before|during|when|this|last|yesterday|earlier|today|tonight"
    r"|behind|next\s+to|beside|under|near|by\s+the)\b.*)$",
    re.I,
)
CONDITION_NOTE = re.compile(
    r"^(?P<items>.+?)(?:\s*[,;:]\s*|\s+-\s+|\s+(?:and|but)\s+)(?P<note>(?:(?!\s-\s)[^,;])*\b(?:is|are|was|were|there's|broken|dead|cracked|damaged|"
    r"missing|needs?|doesn't|does not|won't|scratched|worn|dirty|fine|ok|working|faulty|leaking|bent|torn)\b.*)$",
    re.I,
)
# A return's note that ends asking for its repair: "..., it's split, can it go for repair"
REPAIR_ASKED = re.compile(
    r"(?i)(?:^|[,;]\s*)(?:(?:so|and|please|pls)\s+)*(?:(?:can|could)\s+(?:it|they)\s+(?:go|be\s+sent)|"
    r"(?:(?:can|could)\s+(?:you|someone|we)\s+)?(?:please\s+)?send\s+(?:it|them)|(?:it\s+|they\s+)?needs?)"
    r"\s+(?:off\s+)?(?:for|to|a)?\s*(?:repair|repairs|maintenance|fixing)(?:\s+(?:please|pls|asap))?[\s.!?]*$"
)
# "the broken ladder": an item, described; not a note on how the one before came back
DESCRIBED_ITEM = re.compile(
    r"^(?:the|a|an|my|our|his|her|their)\s+(?:broken|dead|cracked|damaged|faulty|leaking|bent|torn|scratched|"
    r"worn|dirty|old|spare)\s+[\w-]+(?:\s+[\w-]+)?$",
    re.I,
)
# How people say what is wrong with an item: "is printing streaks", "squeaks like mad", "guard loose".
WHAT_IS_WRONG = (
    r"(?:is|are|was|has|have|had|keeps|won'?t|doesn'?t|isn'?t|needs|seems|stopped|throwing|reading|making|"
    r"\w+s\s+like|"
    r"\w*\s*(?:loose|broken|bust|busted|dead|gone|cracked|faulty|knackered|jammed|stuck|leaking|bent))"
)
# who fixed it, said first: "the engineer fixed ...", "we repaired ..."
WORKER = (  # "the engineer", "philips engineer", "honda guy" (never "which engineer", "no tech")
    r"(?:(?:the|a|our)\s+)?(?:(?!(?:which|what|whose|no|any|every|each|that|this)\b)[a-z]+\s+)?"
    r"(?:engineer|technician|tech|contractor|mechanic|electrician|rep|guy|fitter)"
)
FIXED_BY = rf"(?:{WORKER}\s+|(?:i|we|they)\s+)(?:(?:has|have|just)\s+)*(?:fixed|repaired)\s+"
# where deliveries arrive: "to the AV store", "at goods in"
_OUR_STORE = r"(?:the\s+)?(?:[\w-]+\s+){0,2}(?:store|stores|store\s+room|stockroom|goods\s+in|warehouse|reception|cupboard)\b"
# Where a broken item is sent: "for repair", "to maintenance", "off for calibration", "for PAT testing"
FOR_REPAIR = (  # (never "put it into service": back in use; nor "to the service desk": a place)
    r"(?:(?:to|in|into|for)\s+(?:a\s+|its\s+)?(?:maintenance|repair|repairs|the shop|(?:re)?calibration|"
    r"pat\s+test(?:ing)?)|(?:to|for)\s+(?:a\s+|its\s+)?service(?!\s+desk))\b"
)
CHANGES: list[tuple[type[Command], re.Pattern]] = [
    (
        C.Maintenance,
        re.compile(
            r"^(?:send|sending|sent|put|putting|take|taking|pull|pulling|pulled)\s+(?P<rest>.+?)\s+(?:(?:off|in|out|away)\s+)?"
            rf"{FOR_REPAIR}.*$|^(?!(?:returning|returned|return|bringing|brought|dropping|handing|giving)\b)"
            r"(?P<rest2>[^,;]+?)\s+(?:needs|need|is going for|went for|goes to|goes for|going for)\s+(?:a\s+)?(?:repair|repairs|fixing|maintenance|service)$"
            # "can it be sent for repair?"
            r"|^(?:can|could|should)\s+(?P<rest3>.+?)\s+be\s+(?:sent|taken|put)\s+(?:(?:off|in|out|away)\s+)?"
            rf"{FOR_REPAIR}.*$",
            re.I,
        ),
    ),
    (
        C.Repaired,
        re.compile(
            # (not "it's fixed": which "it" is not known here; nor "is the ups fixed": a question)
            r"^(?P<rest>(?!(?:i|we|you|he|she|they|someone|it|is|are|was|has|did|does)\b)[^,;]+?)(?:'s\s+(?:fixed|repaired)|\s+(?:(?:is|are|was|has been|got)\s+(?:fixed|repaired|serviced|"
            rf"back from (?:maintenance|repair|the shop))|fixed|repaired))(?: now)?(?:\s*[,;].*|\s+and\s+(?:is\s+|it's\s+)?(?:working|running|balancing|back|fine|good|ok)\b.*"
            rf"|\s+{WORKER}(?:'s|\s+has)\s+been\b.*)?$|^(?:{FIXED_BY}|(?:fixed|repaired)\s+)(?P<rest2>[^,;]+?)(?:\s*[,;].*)?$"  # "the engineer fixed X, ..."
            # "the forklift's passed its LOLER, back in service"
            r"|^(?P<rest3>.+?)(?:'s|\s+is|\s+has)\s+(?:passed\s+(?:its|the|an?)\s+\w+|been\s+serviced|back\s+in\s+(?:service|use|action))\b.*$",
            re.I,
        ),
    ),
    (C.Extend, before(C.Extend, r"\s+(?P<rest>.+?)(?:\s+(?:longer|a bit longer|for longer))?$")),
    (C.Book, before(C.Book, r"\s+(?P<words>.+)$")),
    (  # (not "..., back soon", "back after the meeting": when, not what)
        C.CheckIn,
        before(
            C.CheckIn,
            r"\s+(?!(?:soon|later|shortly|after|before|by|at|on|asap|once|when|next|tomorrow|tonight|in\s+a\s+bit)\b)"
            r"(?!from\s+(?:the|my|our|a|an|lunch|holiday|leave|site)\b)"  # "back from the food run": the speaker
            r"(?P<rest>.+)$",
        ),
    ),
    (C.CheckOut, before(C.CheckOut, r"\s+(?P<rest>.+)$")),
    (C.Consume, before(C.Consume, r"\s+(?P<rest>.+)$")),
    (C.Take, before(C.Take, r"\s+(?P<rest>.+)$")),
    (  # "topped up the goggles with a box of 10": one pack of the item (its size said again)
        C.Receive,
        re.compile(
            r"^(?:restocked|restock|topped up|top up|refilled|refill)\s+(?P<ref>.+?)\s+with\s+"
            r"(?P<n>(?:an?|one|\d+)\s+[a-z]+)\s+of\s+\d+$",
            re.I,
        ),
    ),
    (  # "restocked the van bay with 5 cases of water": the place, then what came
        C.Receive,
        re.compile(
            r"^(?:restocked|restock|topped up|top up|refilled|refill|stocked)\s+[\w' -]+?\s+with\s+(?P<rest>.+)$",
            re.I,
        ),
    ),
    (C.Receive, before(C.Receive, r"\s+(?P<rest>.+)$")),
    (C.Count, before(C.Count, r"\s+(?P<rest>.+)$")),
]
SPECIAL: list[tuple[type[Command], re.Pattern]] = [
    (  # "the HP laserjet is printing streaks, sending it off for repair": the item, what is wrong, then it
        C.Maintenance,
        re.compile(
            rf"^(?P<rest>[^,;]+?)(?:\s+{WHAT_IS_WRONG}\b|'s\s)[^,;]*[,;]\s*(?:so\s+)?(?:(?:please|pls|plz)\s+)?"
            r"(?:can\s+(?:it|they)\s+go|(?:(?:can|could)\s+(?:we|you|i|someone)\s+)?(?:please\s+)?"
            r"(?:send|sending|sent|putting|taking|put|pulling|getting)(?:\s+(?:it|them))?(?:\s+sent)?)\s+"
            rf"(?:(?:off|in|out|away)\s+)?{FOR_REPAIR}(?P<after>.*)$",
            re.I,
        ),
    ),
    (  # "the angle grinder guard is hanging off please send it for repair": with no comma, only one short
        # clause of what is wrong (never "the dewalt is fine the grinder is loose please send it ..."), then
        # a plain request for it that ends the message (not "can i ...", "... if it can't be fixed here")
        C.Maintenance,
        re.compile(
            r"^(?P<rest>(?:the\s+|my\s+|our\s+)?[\w-]+(?:\s+[\w-]+){0,4}?)(?:'s|\s+is|\s+are|\s+keeps|\s+won'?t|\s+doesn'?t)\s+"
            r"(?:(?!(?:and|but|or|if|so|then|the|my|our|his|her|their|is|are|was|i|we|you|it|has|have)\b)[\w'-]+\s+){1,6}?"
            r"(?:(?:please|pls|plz)\s+(?:can\s+(?:someone|you)\s+)?|(?:can|could)\s+(?:someone|you)\s+(?:please\s+)?)"
            r"(?:send|get)\s+it\s+(?:sent\s+)?(?:off\s+)?(?:for\s+(?:a\s+)?(?:repair|fixing)|to\s+maintenance)(?:\s+(?:please|pls|asap))?[\s.!]*$"
            r"|^(?P<rest2>(?:the\s+|my\s+|our\s+)?[\w-]+(?:\s+[\w-]+){0,4}?)(?:'s|\s+is|\s+are|\s+keeps)\s+"
            r"(?:(?!(?:and|but|or|if|so|then|the|my|our|his|her|their|is|are|was|i|we|you|it|has|have)\b)[\w'-]+\s+){1,6}?"
            r"can\s+it\s+go\s+(?:off\s+)?for\s+(?:a\s+)?repair(?:\s+(?:please|pls))?[\s.!?]*$",
            re.I,
        ),
    ),
    (  # "the otoscope bulb has gone, needs repair": the item, what is wrong, then that it needs fixing
        C.Maintenance,
        re.compile(
            rf"^(?P<rest>[^,;]+?)(?:\s+{WHAT_IS_WRONG}\b|'s\s)[^,;]*[,;]\s*(?:so\s+)?(?:it\s+|they\s+)?(?:needs?|wants?)\s+"
            r"(?:a\s+)?(?:repair|repairs|repairing|fixing|servicing|(?:re)?calibrat(?:ion|ing)|to\s+be\s+(?:fixed|repaired|looked\s+at))"
            r"(?P<after>\s*(?:asap|urgently|please|pls|now|today)?[\s.!]*)$",
            re.I,
        ),
    ),
    (  # "forklift passed LOLER, back in service": the item, what was done, then back in use
        C.Repaired,
        re.compile(
            # (the lookahead first: without the phrase, fail at once, not after cubic backtracking)
            rf"^(?=.*\bback\s+in\s+(?:service|use|action)\b)(?:{FIXED_BY})?(?P<rest>[^,;]+?)(?:\s+(?:has|have|had|is|was|passed|got)\b[^,;]*)?(?:\s*[,;]\s*|\s+)"
            r"(?:(?:it'?s|is|now)\s+)*back\s+in\s+(?:service|use|action)\b(?P<after>.*)$"
            # "forklift passed its LOLER, it's fixed": what was done to it, then fixed
            r"|^(?P<rest2>[^,;]+?)\s+(?:has\s+|had\s+)?(?:passed\s+its\s+[\w-]+(?:\s+[\w-]+)?|been\s+serviced)"
            r"\s*[,;]\s*(?:it'?s|it\s+is|all)\s+(?:fixed|repaired|sorted|good)[\s.!]*$",
            re.I,
        ),
    ),
    *around(C.CheckIn),
    *around(C.CheckOut),
    # "A1006 out to @dana for a week": a tag, then out
    (C.CheckOut, re.compile(r"^(?P<rest>[a-z]{1,4}[- ]?\d{1,6})\s+out\b.*$", re.I)),
    (C.CheckIn, after(C.CheckIn)),
    # "the pallet jack's back in bay 2 :)": back, then where or chatter
    # (from repair too: for an asset in maintenance, back means repaired)
    (
        C.CheckIn,
        re.compile(
            r"^(?!(?:he|she|they|i|we|you)\b)(?P<rest>[^,;]+?)(?:'s|\s+is|\s+are|\s+has come|\s+came)\s+back\b"
            r"(?!\s+from\s+(?:maintenance|repairs?|the shop|service)\b)(?P<after>[\s,.!]+.*)?$",
            re.I,
        ),
    ),
    # "gimbal back", "stethoscope back in exam room 2": the item, back, and where
    (
        C.CheckIn,
        re.compile(  # (not "I've just brought the hot box back": a verb of its own, read below)
            r"^(?!(?:i|we|i've|we've|i'm|we're|just|i have|we have)\b)(?P<rest>[^,;]+?)\s+back"
            r"(?:\s+(?:in|on|at|to|into)\s+[^,;]+)?(?P<after>\s*[,;].*)?$",
            re.I,
        ),
    ),
    # "order 88 came in: 2 drums of oil", "Bunzl delivery in: 4 cases of blue roll"
    (
        C.Receive,
        re.compile(
            # and "we had a delivery from NHS Supply Chain: ...", "the Arco order came in: ..."
            r"^(?![^:]*\b(?:cancel\w*|missing|place|placed|needed|need|tomorrow|due|next|expected|late|coming|pending|"
            r"should|will|would|not|never|short|wrong|to order)\b)"  # "paper order cancelled: ...": nothing came
            r"(?:(?:we|i)\s+(?:had|got)\s+)?(?:an?\s+|the\s+)?(?:order\s+\S+\s+(?:came in|arrived|is in)|"
            r"(?:[\w&]+\s+){0,3}(?:order|delivery|drop|shipment|goods[- ]in)(?:\s+[^:;,]{1,40}?|\s*,\s*[\w&.' -]{2,30}?)?|"
            # "Brakes in: 3 drums rapeseed": a supplier's goods in (not "checked in: ...")
            r"(?!(?:checked|signed|logged|clocked|plugged|handed|dropped|came|put|brought|sent|got|popped|nipped|pop|nip|"
            r"i'?m|im|we'?re|back|just|all|been|is|are|was|were|who|what|everyone|everybody)\b)[a-z][\w&.']+(?:\s+[\w&.']+)?\s+in"
            # an amount follows: "Brakes in: 3 drums rapeseed" (not "i'm in - took 3 boxes")
            r"(?=\s*(?::|\s-|\s\u2013)\s*(?:\d|an?\s|one\s|two\s|three\s|four\s|five\s|six\s|ten\s|twelve\s)))"
            r"\s*(?::|\s-|\s\u2013)\s*(?P<rest>.+)$",
            re.I,
        ),
    ),
    # "Screwfix delivered 3 boxes of safety glasses", "Consortium sent 2 boxes of markers":
    # a supplier's delivery (a person's name is read before this: people deliver both ways)
    (
        C.Receive,
        re.compile(
            r"^(?!(?:i|we|you|he|she|they|i've|we've|someone|somebody)\b)"
            r"(?![^,;]*\b(?:should|would|could|might|may|will|won't|didn't|hasn't|haven't|not|never|back)\b)"
            r"(?:[\w&.']+\s+){1,3}(?:(?:has|just)\s+)*(?:delivered|sent(?:\s+us)?(?:\s+over)?|dropped\s+off|brought(?:\s+in)?|"
            rf"dropped(?=[^,;]*\b(?:at|into|to)\s+{_OUR_STORE}))\s+"
            # (not "bob delivered 3 boxes to leeds": out; "... to the AV store" is ours)
            rf"(?![^,;]*\bto\b(?!\s+{_OUR_STORE}))(?P<rest>(?:\d|an?\s|one\s|two\s|three\s|four\s|five\s|six\s|ten\s|twelve\s|some\s).+)$",
            re.I,
        ),
    ),
    (
        C.Count,
        after(
            C.Count,
            r"(?:(?:we|i|there)(?:'ve|'re| have| are| is)?\s+)?(?:got\s+|have\s+|counted\s+|are\s+|is\s+)?",
        ),
    ),
    (  # "only 18 pairs of scissors left in room 102": a count there (kept there, or refused: see located_items)
        C.Count,
        re.compile(
            r"^(?:(?:there\s+are|there's|we\s+have|we've\s+got)\s+)?(?:(?:only|just)\s+)?"
            r"(?P<rest>(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s[^,;]*?)\s+left\s+"
            r"(?P<place>(?:in|at)\s+(?:the\s+)?(?=[^,;]*\b(?:room|store|stores|storeroom|stockroom|cupboard|cage|crib|"
            r"bay|hall|kitchen|cabinet|workshop|warehouse|reception|library|lab|clinic|aisle|\d+)\b)[^,;]+?)[\s.!]*$",
            re.I,
        ),
    ),
    (
        C.Count,
        re.compile(
            # "left" or "only" makes it a count; "there are 3 pens on my desk" is a remark
            r"^(?:we have|there are|there's|there is)\s+(?:(?:only|just)\s+(?P<rest2>.+?)|(?P<rest>.+?)\s+(?:left|in stock|on the shelf|remaining))$",
            re.I,
        ),
    ),
    (
        C.Count,
        re.compile(
            r"^set\s+(?!(?:the\s+|a\s+)?re-?order\b)(?P<ref>.+?)\s+(?:count |quantity |stock |on hand )?(?:to|=)\s+(?P<n>.+)$",
            re.I,
        ),
    ),
    (
        C.Count,
        re.compile(
            r"^(?P<ref>.+?)\s+(?:count|on hand|stock|left)(?: is|:|=)?\s+(?P<n>\d[\d,]*(?:\s+[a-z]+)?)$", re.I
        ),
    ),
    (
        C.Count,  # "stocktake, large boxes: 18", "stock check, a4: 11 boxes"
        re.compile(
            r"^(?:stocktake|stock take|stock check|count|recount)\s*[,:]?\s+(?P<ref>.+?)\s*[:=]\s*(?P<n>\d[\d,]*(?:\s+[a-z]+)?)$",
            re.I,
        ),
    ),
    (C.Consume, after(C.Consume)),
    # "got 8 chargers delivered", "restock sanitizer 2 boxes came in"
    (
        C.Receive,
        after(
            C.Receive,
            lead=r"(?:(?:we|i)\s+)?(?:(?:got|had)\s+(?=.*\bdelivered\b)|restock(?:ed)?\s+(?!.*\b(?:if|when|once|unless|until|before|after)\b))?",
        ),
    ),
    # "3 bundles of medium boxes gone for the food bank order", "2 toners just arrived from canon"
    (
        C.Consume,
        re.compile(r"^(?P<rest>[^,]+?)\s+(?:gone|used(?: up)?)\s+(?:for|on|at|in|during)\b.*$", re.I),
    ),
    (
        C.Receive,
        re.compile(
            # "got 8 chargers delivered", "got 2 cases of couch roll in from nhs"
            r"^(?:(?:we|i)\s+)?(?:(?:got|had)\s+(?=.+\b(?:delivered|in\s+from)\b))?"
            r"(?P<rest>[^,]+?)\s+(?:just\s+|have\s+|has\s+)?(?:arrived|came in|in(?=\s+from\b)|turned up|(?:got\s+)?delivered)"
            r"(?:\s+(?:from|this|today|yesterday|earlier|at|in)\b.*)?$",
            re.I,
        ),
    ),
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
    "audit audits seen saw spotted found move moved transfer send sent fixed repaired assign export "
    "asking asked wondering checking".split()  # ("just asking if it's free": never "taking")
)
# Every word of the lexicon is spelled right as it is ("checking" is no typo of "checkin").
LEXICON_WORDS = frozenset(
    word for table in (BEFORE_ITEM, AFTER_ITEM, SENTENCES) for text in sayings(table) for word in text.split()
)
BARE_VERB = re.compile(
    r"^(?P<verb>check ?out|checkout|sign out|borrow|check ?in|checkin|return|returning|returned|use|used|consume|"
    r"receive|received|restock|restocked|count|counted|take|took|taking|borrowing)$",
    re.I,
)
BARE_COMMANDS: dict[str, type[Command]] = {
    "out": C.CheckOut,
    "borrow": C.CheckOut,
    "in": C.CheckIn,
    "return": C.CheckIn,
    "returning": C.CheckIn,
    "returned": C.CheckIn,
    "borrowing": C.CheckOut,
    "taking": C.Take,
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
TRAILING_BE = re.compile(r"\s+(?:are|is|were|was|have been|has been|got)$", re.I)
PURPOSE = re.compile(
    r"\s+for\s+(?:the|a|an|my|our|this|that|tomorrow's|today's|next)\s+[\w' -]+$"
    r"|\s+on\s+(?:my\s+|the\s+|a\s+)?(?:home\s+visits?|visits|rounds|location|the\s+road|call|site\s+visits?)$",  # "on home visits"
    re.I,
)
ARRIVED = re.compile(r"\s+(?:just\s+)?(?:arrived|came in|delivered|turned up)$", re.I)  # "10 boxes arrived"
DELIVERY_WORDS = re.compile(r"\b(?:delivery|deliveries|shipment|order|package|parcel)\b", re.I)
PRONOUN = re.compile(
    r"^(?:(?:we(?:'ve| have|'re| are)?|i(?:'ve| have|'m| am)?|just|also|finally|now)\s+){1,3}(?=\w)", re.I
)

# Words for a unit come back unusable ("one got run over", "2 are knackered"): what a return writes off
# A unit that no longer does its job ("one won't hold a charge"): damaged, as broken is
NOT_WORKING = (
    r"(?:won't|wont|doesn't|doesnt|does not|will not|no longer)\s+"
    r"(?:work|charge|hold (?:a |its )?charge|turn on|switch on|power on)"
)
BROKEN_WORDS = (
    r"broken|damaged|broke|busted|bust|dead|faulty|cracked|frayed|snapped|knackered|bent|kaput|wrecked|"
    r"run\s+over|smashed|crushed|shattered|torn|ripped|ruined|destroyed|burnt|burned|fried"
)
# What a return says of how the things came back, after it: some broken or lost, or fewer than said
# ("..., on one of them the mic snapped off", "- 4 ok, 1 has a broken pin", "..., well 1, the other ...")
HOW_THEY_CAME_BACK = re.compile(
    rf"(?i)\b(?:one|two|\d+|the\s+other|the\s+rest)\b.*\b(?:{BROKEN_WORDS}|lost|missing|gone|went\s+in|fell\s+off)\b"
    r"|^\W*(?:well|actually|only|just)\s+(?:\d+|one|two|three|four|five)\b"
)
# "two of the xlr leads came back frayed, the other 4 are fine": the fine ones back, the others noted
SOME_DAMAGED = re.compile(
    rf"(?i)^(?P<n>\w+)\s+of\s+(?:the|my|our)\s+(?P<item>[\w' -]+?)\s+(?:came\s+back|are|were|got|is|was)\s+"
    rf"(?P<state>{BROKEN_WORDS}|lost|missing)\s*[,;]\s*(?:but\s+|and\s+)?the\s+other\s+(?P<m>\w+)\s+"
    r"(?:are|were|came\s+back|is)\s+(?:fine|ok|okay|good|all\s+right|alright|grand)[\s.!]*$"
)
