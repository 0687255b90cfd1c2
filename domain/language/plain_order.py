"""Requests in the order and tenses people use when English is not their first
language, or when they tell rather than ask: "the drill I bring back", "yesterday
I have taken 4 markers", "the ear thermometer is coming with me, back Friday",
"the camera I take, tomorrow I give back". Each is rewritten into the plain
order the command patterns read ("bring back the drill"); anything else is left
as it is."""

from __future__ import annotations

import re

from domain.language import second_request, told_uses
from domain.language.patterns import PACK_WORDS
from domain.values import singular

# When it happened, said first: the request follows ("yesterday I have used ten...").
WHEN_FIRST = re.compile(
    r"^(?:yesterday(?:\s+(?:night|evening|afternoon|morning))?|last\s+night|this\s+morning|earlier(?:\s+today)?)"
    r"\s*,?\s+(?=(?:i|we)\b)",
    re.I,
)
# "I have bring back", "we have gave": the perfect with any form of the verb, as its past.
PAST = {
    "bring": "brought",
    "brought": "brought",
    "take": "took",
    "taken": "took",
    "took": "took",
    "give": "gave",
    "given": "gave",
    "gave": "gave",
    "finish": "finished",
    "finished": "finished",
    "use": "used",
    "used": "used",
    "return": "returned",
    "returned": "returned",
    "borrow": "borrowed",
    "borrowed": "borrowed",
    "count": "counted",
    "counted": "counted",
}
PERFECT = re.compile(
    rf"\b(?P<who>i|we)(?:\s+(?:have|has)|'ve)\s+(?:just\s+|already\s+|also\s+)?(?P<verb>{'|'.join(PAST)})\b",
    re.I,
)
# The item first, then who does what with it: "the chafing dish I bring back, the lid is dented".
TOPIC_VERBS = r"bring\s+back|give\s+back|hand\s+back|return|take|borrow|need|keep|counted|count"
FINITE = r"\b(?:is|are|was|were|has|have|had)\b"  # a sentence about it, not a request
ITEM_FIRST = re.compile(
    rf"^(?P<item>(?:the|my|our|this|that)\s+(?:(?!{FINITE})[^,]){{2,60}}?)\s*,?\s+"
    r"(?:i|we)\s+(?:(?:will|am|can|must)\s+)?"
    rf"(?P<verb>{TOPIC_VERBS})(?:\s+(?:it|them))?(?P<rest>(?:\s(?:(?!{FINITE})[^,])*)?(?:,.*)?)$",  # not "...we take to weddings has a dent"
    re.I,
)
# "dewalt, i'm taking it", "minispin i take, back by half 4": the item with no article, then taken
ITEM_THEN_TAKEN = re.compile(
    r"^(?P<item>(?!(?:i|we|you|he|she|they|it|today|tomorrow|yesterday|now|then|so|and|also|ok|okay|what|which|"
    r"who|where|when|how|did|do|does|can|could|should|may|might)\b)(?:(?!\b(?:did|do|does|can|could)\b)[^,]){2,40}?)\s*,?\s+(?P<who>(?:i|we)(?:'m|\s+am|\s+are|'re)?\s+)?"
    r"(?P<verb>take|taking|grab|grabbing|borrow|borrowing|keep|keeping)(?P<it>\s+(?:it|them))?"
    r"\s*(?P<rest>(?:,.*|\s(?:until|till|til|for)\b.*)?)$",
    re.I,
)
# "the ear thermometer is coming with me to the care home": taken.
COMING_WITH_ME = re.compile(
    r"^(?P<item>.{2,60}?)\s+(?:is|are)\s+coming\s+with\s+(?:me|us)\b(?P<rest>.*)$", re.I
)
# "..., tomorrow I give back": when it comes back.
GIVE_BACK_ON = re.compile(
    r"\b(?P<day>today|tomorrow|tonight|on\s+\w+day|\w+day)\s+(?:i|we)\s+(?:will\s+)?(?:give|bring|hand)\s+(?:it\s+|them\s+)?back\b",
    re.I,
)

ON = re.compile(r"^on\s+", re.I)


# What it is for, said first: "for the community video I take the Rode microphones".
PURPOSE_FIRST = re.compile(
    r"^for\s+(?:the\s+|a\s+|my\s+|our\s+)?[^,]{2,40}?\s*,?\s+(?=(?:i|we)\s+(?:take|need|borrow|use|bring)\b)",
    re.I,
)


# "Ines needs the pull-up screen for the AGM, give it to her until Friday": given to Ines.
NEEDS_THEN_GIVE = re.compile(
    r"^(?P<name>@?[a-z][\w.\-]*)\s+(?:needs|wants|is asking for)\s+(?P<item>.+?)(?:\s+for\s+[^,]+?)?"
    r"(?P<due>\s+(?:until|till|til|by)\s+[^,]+?)?\s*,\s*(?:(?:can|could|would)\s+you\s+|please\s+)*"
    r"(?:give|hand|lend|pass)\s+(?:it|them)\s+(?:over\s+)?to\s+(?:him|her|them)\b(?P<rest>.*)$",
    re.I,
)


# "the MacBook Air is going out to carmen": checked out to them
GOING_OUT_TO = re.compile(
    r"^(?P<item>.{2,60}?)\s+(?:is|are)\s+going\s+out\s+to\s+(?P<name>@?[\w.\-]+)"
    # not "... once it's imaged", "... next week" (but "... until next monday": when it comes back)
    r"(?P<rest>(?:(?!\b(?:once|when|after|if|later|soon|unless)\b|(?<!until )(?<!till )(?<!til )\bnext\b).)*)$",
    re.I,
)


# "the laptop of Carmen": Carmen's laptop.
OF_PERSON = re.compile(
    r"\bthe\s+(?!(?:status|value|book value|cost|price|condition|location|serial|history|name|end|start|rest|list)\b)"
    r"(?P<item>[\w -]{2,40}?)\s+of\s+(?P<name>[A-Z][a-z]+)\b(?!')"
)
# Someone's item found and brought to the desk: "carmen's dell turned up at reception".
FOUND = re.compile(
    r"^(?P<item>(?:[a-z]+'s|[a-z]+s')\s+.{2,40}?)\s+(?:turned up|got handed in|was handed in|is back)\b"
    r"(?:\s+(?:on|in|at|to)\s+[^,;]+)?(?P<rest>.*)$",  # "... is back on the cradle, ...": where, then the rest
    re.I,
)


# "chafer A-6005 returned, needs a polish": done, and nothing after it but a remark
# (not "returned by 5pm", "to be returned", "returned to the supplier")
RETURNED = re.compile(
    r"^(?P<item>(?!(?:i|we|you|he|she|they|it|who|which|that)\b)[^,;.!?]{2,60}?)"
    r"(?<!\bto be)(?<!\bwill be)(?<!\bshould be)(?<!\bmust be)(?<!\bcan be)(?<!\bneeds)(?<!\bneed)"
    r"\s+(?:(?:was|got|has\s+been|is)\s+)?returned(?P<rest>(?:\s+(?:now|today|this\s+morning|just\s+now))?\s*(?:[,;.!].*)?)$",
    re.I,
)

# "1 case brown tape in", "2 drums oil in": a delivery, said tersely
AMOUNT_IN = re.compile(
    r"^(?P<what>\d+\s+\S.*?)(?<!\bcame)(?<!\bcome)(?<!\bgot)(?<!\bchecked)(?<!\bput)(?<!\bhanded)(?<!\bbrought)\s+in$",
    re.I,
)  # (not "2 cases of wipes came in": read as it is)

# "restocked the hand gel with a full case": the item, then how much came
RESTOCKED_WITH = re.compile(
    r"^(?:restocked|refilled|topped\s+up)\s+(?:the\s+)?(?P<item>[^,;]+?)\s+with\s+(?:a\s+full\s+|a\s+whole\s+)?"
    r"(?P<amount>(?:\d[\d,]*|an?|one|two|three|four|five|six)\s+)?(?P<pack>[a-z]+)$",
    re.I,
)
# "goggles: used 2 pairs", "shipping labels: counted 5200": the item, then what was done
ITEM_THEN_DONE = re.compile(
    r"^(?P<item>[^:,;]{2,40}?)\s*:\s*(?P<verb>used|took|received|counted|count)\s+(?P<amount>(?:\d[\d,]*|an?|one)(?:\s+[a-z]+)?)$"
    r"|^(?P<item2>[^:,;]{2,40}?)\s+(?P<verb2>used)\s+(?P<amount2>\d[\d,]*)$",  # "sharps bins used 2"
    re.I,
)

# "stretch wrap took 2 rolls for the pallets", "lanyards used a pack", "ethanol, one can taken":
# the item, then an amount in packs (a pack word, so "jack took 2 pens" is no item "jack")
ITEM_THEN_PACKS = re.compile(
    r"^(?P<item>(?!(?:i|we|you|he|she|they|it)\b)[^:,;]{2,40}?)\s*[,-]?\s+(?:(?P<verb>used|took)\s+(?P<amount>\d+|an?|one|two|three|"
    r"four|five|six|ten|twelve)\s+(?P<pack>[a-z]+)|(?P<amount2>\d+|an?|one|two|three)\s+(?P<pack2>[a-z]+)\s+(?P<verb2>taken|used))"
    r"(?:\s+(?:for|to|on|in|at)\b[^,;]*)?$",
    re.I,
)

# "Dana asked me to drop her microscope back": the request, whoever asked for it
ASKED_ME_TO = re.compile(r"^@?[\w.\-]+\s+(?:asked|wants|needs)\s+me\s+to\s+(?=\w)", re.I)


# "I am needing the hand truck": the progressive of a second language, as "I need"
NEEDING = re.compile(r"\b(?:i\s+am|i'm|we\s+are|we're)\s+needing\b", re.I)


def plain_order(text: str) -> str:
    text = NEEDING.sub("need", text)
    text = AMOUNT_IN.sub(lambda m: f"received {m['what']}", second_request.use_instead(text))
    done = ITEM_THEN_DONE.match(text)
    if done:
        amount, verb, item = (
            done["amount"] or done["amount2"],
            done["verb"] or done["verb2"],
            done["item"] or done["item2"],
        )
        return f"{verb} {amount} {'of ' if ' ' in amount else ''}{item}"
    restocked = RESTOCKED_WITH.match(text)
    if restocked and singular(restocked["pack"].lower()) in PACK_WORDS:
        amount = (restocked["amount"] or "1 ").strip()
        amount = "1" if amount.lower() in ("a", "an", "one") else amount
        return f"received {amount} {restocked['pack']} of {restocked['item']}"
    packs = ITEM_THEN_PACKS.match(text)
    if packs and singular((packs["pack"] or packs["pack2"]).lower()) in PACK_WORDS and _an_item(packs):
        verb = "used" if (packs["verb"] or packs["verb2"]).lower() in ("used", "taken") else "took"
        return f"{verb} {packs['amount'] or packs['amount2']} {packs['pack'] or packs['pack2']} of {packs['item']}"
    text = told_uses.one_each(PURPOSE_FIRST.sub("", WHEN_FIRST.sub("", ASKED_ME_TO.sub("", text))))
    going = GOING_OUT_TO.match(text)
    if going:
        return f"check out {going['item']} to {going['name']}{going['rest']}"
    text = OF_PERSON.sub(lambda m: f"{m['name']}'s {m['item']}", text)
    found = FOUND.match(text) or RETURNED.match(text)
    if found:
        return f"returning {found['item']}{found['rest']}"
    needs = NEEDS_THEN_GIVE.match(text)
    if needs:
        return f"give {needs['item']} to {needs['name']}{needs['due'] or ''}{needs['rest']}"
    text = PERFECT.sub(lambda m: f"{m['who']} {PAST[m['verb'].lower()]}", text)
    text = GIVE_BACK_ON.sub(lambda m: "back " + ON.sub("", m["day"]), text)
    topic = ITEM_FIRST.match(text)
    if topic:
        verb = " ".join(topic["verb"].split()).lower()
        return f"{verb} {topic['item']}{topic['rest'] or ''}"
    taken = ITEM_THEN_TAKEN.match(text)
    if taken and (taken["who"] or taken["it"]):
        verb = (
            "keep" if taken["verb"].lower().startswith("keep") else "taking"
        )  # "beamer, keeping it till monday"
        return f"{verb} {taken['item']}{taken['rest']}"
    text = told_uses.as_used(text)
    coming = COMING_WITH_ME.match(text)
    if coming:
        return f"taking {coming['item']}{coming['rest']}"
    return text


def _an_item(said: re.Match) -> bool:
    """ "stretch wrap took 2 rolls", "specs used 10 pairs", "ethanol, one can taken";
    not "jack took 2 boxes": one word, not plural, straight before the verb is a person."""
    item = said["item"].strip()
    return " " in item or item.lower().endswith("s") or bool(re.match(r"[^,-]+\s*[,-]", said.group(0)))
