"""Strip chat noise: Slack markup, emoji, politeness, repeated punctuation."""

from __future__ import annotations

import re
import unicodedata

from domain.language.numbers import UNITS, large_numbers_as_digits
from domain.language.plain_order import plain_order
from domain.language.said_numbers import corrected_numbers, digits_said_apart, heard_as_words, ordinal_days
from domain.language.times import WEEKDAYS

_USER_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>")
# Slack escapes only these three in message text, and its markup (mentions,
# links) uses real angle brackets: decode after the markup is read.
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
_SPECIAL = re.compile(r"<![^>]*>")
_EMOJI = re.compile(r"(?<!\d):[a-z_+\-][a-z0-9_+\-]*:")  # never "2:30pm-3:30pm"
# Emoji typed on a phone arrive as characters, not :shortcodes: ("chafer back 🙏", "done ✅")
_EMOJI_CHARACTERS = re.compile("[\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f000-\U0001faff]+")
_MARKUP = re.compile(r"(?<!\w)[*_~`]+|[*_~`]+(?!\w)")
_CONTROL = {c: " " for c in range(32)}
# Typed on a phone without the apostrophe: "whats low", "whos got the van", "rn".
_CONTRACTED = {
    "whats": "what's",
    "whos": "who's",
    "wheres": "where's",
    "hows": "how's",
    "rn": "now",
    # and phone and regional shorthand: "went thru 2 tubs", "wat have i got", "this arvo"
    "thru": "through",
    "wat": "what",
    "wot": "what",
    "arvo": "afternoon",
    "atm": "at the moment",
    # a dropped g: "takin the sachtler"
    "takin": "taking",
    "bringin": "bringing",
    "usin": "using",
    "grabbin": "grabbing",
    "borrowin": "borrowing",
    "returnin": "returning",
    "droppin": "dropping",
    "puttin": "putting",
    "gettin": "getting",
    "sendin": "sending",
    # apostrophes a phone keyboard leaves out, where the bare word is no other word
    "ive": "i've",
    "dont": "don't",
    "cant": "can't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "thats": "that's",
    "theres": "there's",
    "hes": "he's",
    "shes": "she's",
    "youre": "you're",
    "theyre": "they're",
}
# "its back in the rack": it is (not "its lid")
_ITS_IS = re.compile(
    r"(?i)\bits\s+(?=(?:back(?=\s*(?:$|[,.!?]|\s+(?:in|on|at|to|now|here|there|with)\b))|here|there|broken|fixed|"
    r"gone|been|not|still)\b)"
)
# "im dead", "im taking": I'm (never "im needles": intramuscular)
_IM = re.compile(
    r"(?i)\bim\s+(?=(?:\w+ing|done|new|back|off|here|out|sorry|not|so|just|dead|tired|still|on|in|at)\b)"
)
# "ill drop the hot box back": I'll, before a verb (never "I'm ill")
_ILL = re.compile(
    r"(?i)(?:^|(?<=[,.;!?]\s))ill\s+(?=(?:drop|bring|take|get|grab|return|put|be|need|have|check|send|pop|leave|"
    r"swing|give|do|sort|collect|keep|use|book|let)\b)"
)
# Punctuation said aloud to a dictating phone: "check out the zebra printer until five pm full stop"
_SPOKEN_PUNCTUATION = re.compile(
    r"\s*\b(?:(?P<stop>full stop)|(?P<ask>question mark)|(?P<comma>comma))\b", re.I
)
_BARE_CONTRACTIONS = re.compile(rf"\b(?:{'|'.join(_CONTRACTED)})\b", re.I)

LEADING_FILLERS = (
    "hey",
    "hi",
    "hello",
    "ok",
    "okay",
    "so",
    "please",
    "pls",
    "plz",
    "can you",
    "could you",
    "can i",
    "could i",
    "may i",
    "can we",
    "could we",
    "may we",
    "i'd like to",
    "i would like to",
    "i want to",
    "i wanna",
    "i'm going to",
    "i am going to",
    "gonna",
    "just",
    "actually",
    "sorry",
    "oops",
    "yep",
    "yup",
    "yeah",
    "yes",
    "cool",
    "sure",
    "whoops",
    "oh",
    "um",
    "erm",
    "right",
    "so yeah",
    "fyi",
    # greetings and the polite frames around a request: "Hi all, would it be possible to..."
    "hi all",
    "hi team",
    "hi everyone",
    "hello all",
    "hello everyone",
    "hiya",
    "morning",
    "good morning",
    "afternoon",
    "good afternoon",
    "would it be possible to",
    "would it be possible for me to",
    "is it possible to",
    "would it be ok to",
    "would it be okay to",
    "is it ok if i",
    "is it okay if i",
    "please could i",
    "please can i",
    "please may i",
    "can i please",
    "could i please",
    "could you please",
    "can you please",
    "would you",
    "just to let you know",
    "just so you know",
    "just a heads up",
    "heads up",
    "for your info",
    "could you tell me",
    "can you tell me",
    "could you let me know",
    "can you let me know",
    "please tell me",
    "do you know",
    "does anyone know",
    "does anybody know",
    "anyone know",
    "i was wondering",
    "i can't remember",
    "i cant remember",
    "could you remind me",
    "can you remind me",
    "remind me",
    "howzit",
    "hey y'all",
    "hi y'all",
    "hey all",
    "hey guys",
    "hi guys",
    "hey team",
    "g'day",
    "yo",
    "kindly",
    "quartermaster",
    "qm",
    "bot",
    "log",
    "record",
    "please log",
)
FILLERS_LONGEST_FIRST = sorted(LEADING_FILLERS, key=len, reverse=True)
TRAILING_FILLERS = (
    "could you remind me",
    "can you remind me",
    "please and thank you",
    "and thank you",
    "and thanks",
    "please",
    "pls",
    "plz",
    "thanks",
    "thank you",
    "thx",
    "ty",
    "cheers",
    "asap",
    "lah",
    "leh",
    "or not",
    "or what",
    "lol",
    "mate",
    "right now",
    "at the moment",
    "atm",
    "now",
)


# "may I have the spare iPad": asking to be given it, said as "get" (a verb the lexicon knows)
_ASKING_TO_HAVE = re.compile(
    r"\b((?:can|could|may)\s+(?:i|we)\s+(?:please\s+)?)have\b"
    r"(?!\s+(?:a|an|some)\s+(?:word|go|look|chat|minute|moment|think|break|try|quick|second|sec|hand|bit)\b)",
    re.I,
)  # not "can I have a word with...", "can I have a go on the drone some time"


# "would it be alright if I kept the gimbal until Friday": asking to
_WOULD_IT_BE_OK = re.compile(
    r"\b(?:would|is)\s+it\s+(?:be\s+)?(?:alright|all\s+right|ok|okay|possible|fine)\s+if\s+(?P<who>i|we)\s+"
    r"(?P<verb>kept|keep|took|take|borrowed|borrow|grabbed|grab|used|use)\b",
    re.I,
)
# A place's number said as a word: "clinic room three" is Clinic room 3.
_NUMBERED_PLACE = re.compile(
    rf"\b(room|rm|bay|aisle|lab|floor|level|section|zone|gate|door|block|wing|shelf|cabinet)\s+({'|'.join(UNITS)})\b",
    re.I,
)
# Battery sizes said aloud: "double a batteries", "triple a's" are AA and AAA batteries.
_BATTERY_SIZES = re.compile(r"\b(double|triple)[\s-]a(?:'?s)?\b(?!\s+batter)", re.I)
_BATTERY_SIZES_NAMED = re.compile(r"\b(double|triple)[\s-]a(?:'?s)?\b(?=\s+batter)", re.I)


def _battery_size(match: re.Match) -> str:
    return ("AA" if match[1].lower() == "double" else "AAA") + " batteries"


def normalize(text: str, mention_names: dict[str, str] | None = None) -> str:
    """Single-spaced text (case kept, for names and values) with Slack markup turned into plain words.

    A user mention `<@U123>` becomes `@U123` (or `@name` when `mention_names`
    knows it), so the parser can find "for @bob" whatever the transport."""
    text = unicodedata.normalize("NFKC", text or "").translate(_CONTROL)
    names = mention_names or {}
    text = _USER_MENTION.sub(lambda m: " @" + names.get(m.group(1), m.group(1)) + " ", text)
    text = _CHANNEL.sub(lambda m: " " + (m.group(1) or "") + " ", text)
    text = _LINK.sub(lambda m: " " + (m.group(2) or m.group(1).removeprefix("mailto:")) + " ", text)
    text = _SPECIAL.sub(" ", text)
    for entity, character in _ENTITIES:
        text = text.replace(entity, character)
    text = re.sub(r"~\s*(?=\d)", "about ", text)  # "~3 reams": a guess, before ~ is read as markup
    text = _EMOJI_CHARACTERS.sub(" ", _EMOJI.sub(" ", text.replace("’", "'")))
    text = _MARKUP.sub(" ", text)
    text = digits_said_apart(spoken_punctuation(text))
    text = re.sub(r"(?i)\btoo\s+(?=the\b)", "to ", text)  # "moved the camera too the help desk"
    text = re.sub(r"(?i)\bat\s+the\s+mo\b", "at the moment", text)
    text = re.sub(r"(?i)\b(my|our|his|her|their)\s+own\b", r"\1", text)  # "my own laptop": mine
    text = _ITS_IS.sub("it's ", text)
    # "what's still overdue?", "what does bob still have out?": asked as without "still"
    text = re.sub(
        r"(?i)^(\W*(?:what(?:'s|\s+is|\s+are)|what\s+does\s+@?[\w.-]+|who(?:'s|\s+is))\s+)still\s+",
        r"\1",
        text,
    )
    # "could you take the lectern to the main hall": asked to carry it there, as "bring" is; never a loan
    text = re.sub(r"(?i)\b((?:can|could|would|will)\s+you\s+(?:please\s+|pls\s+)?)take\b", r"\1bring", text)
    text = re.sub(r"(?i)\s+for\s+now\b", "", text)  # "done with my pipette for now": no time said
    text = re.sub(r"([!?.,;])\1+", r"\1", text)
    text = _BARE_CONTRACTIONS.sub(
        lambda m: _CONTRACTED[m.group(0).lower()], _IM.sub("i'm ", _ILL.sub("i'll ", text))
    )
    text = _ASKING_TO_HAVE.sub(r"\1get", text)
    text = _WOULD_IT_BE_OK.sub(
        lambda m: f"can {m['who']} {'keep' if m['verb'].lower() in ('kept', 'keep') else m['verb']}", text
    )
    text = heard_as_words(ordinal_days(text))
    text = large_numbers_as_digits(text)
    text = corrected_numbers(text)
    text = _NUMBERED_PLACE.sub(lambda m: f"{m[1]} {UNITS[m[2].lower()]}", text)
    text = _BATTERY_SIZES_NAMED.sub(lambda m: "AA" if m[1].lower() == "double" else "AAA", text)
    text = _BATTERY_SIZES.sub(_battery_size, text)
    text = _CHAT_YOU.sub(r"\g<lead> you", _CHAT_ARE.sub(r"\1 are", text))
    text = _HEDGED_ASIDE.sub(" ", text)
    text = _DAY_HALF.sub(
        lambda m: f"{m['day']} {'morning' if m['half'].lower() == 'am' else 'afternoon'}", text
    )
    return strip_fillers(plain_order(" ".join(text.split())))


# "thurs am", "tmrw pm": that day's morning or afternoon (never "I am")
_DAY_HALF = re.compile(
    rf"\b(?P<day>{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))}|today|tomorrow|tmrw|tmw)\s+(?P<half>am|pm)\b(?!\s*\d)",
    re.I,
)
# "the black Lenovo laptop (I think it's called a ThinkPad)": unsure, said aside
_HEDGED_ASIDE = re.compile(r"(?i)\s*\((?:i think|i believe|i guess|not sure|think|maybe)\b[^()]{0,60}\)")
# Texting: "can u move the monitor", "what r our assets worth"
_CHAT_YOU = re.compile(
    r"(?i)\b(?P<lead>can|could|will|would|do|did|are|thank|if|have|see|let|for)\s+u(?![\w-])"
)
_CHAT_ARE = re.compile(r"(?i)\b(what|where|how|who|which|there|they|we|you)\s+r\b(?![\w-])")


def spoken_punctuation(text: str) -> str:
    """ "... until five pm full stop": the punctuation a dictating phone spelled out."""
    return _SPOKEN_PUNCTUATION.sub(lambda m: "." if m["stop"] else "?" if m["ask"] else ",", text)


# What a new starter says before asking: "sorry if this is a silly question, but", "I'm new
# on the desk.", "still finding my feet here:", "just letting you know", "chef here,".
PREAMBLE = re.compile(
    r"^(?:(?:sorry|apologies|excuse me|pardon me)(?:\s+(?:if this is a silly question|to be a pain|to bother you|"
    r"for the bother))?(?:\s*[,:.!]\s*|\s+)(?:but\s+)?"
    r"|(?:i'?m|i am)\s+(?:new|still new|a bit lost|the new [a-z]+(?:\s+[a-z]+)?)(?:\s+(?:here|this week|on the [a-z]+"
    r"(?:\s+[a-z]+)?))?\s*[,.!:;]\s*"
    r"|still finding my feet(?:\s+here)?\s*[,.!:;]\s*"
    r"|i started (?:last week|this week|today|on monday)\s*[,.!:;]\s*"
    r"|(?:just\s+)?letting you know(?:\s+that)?\s*[,:]?\s*"
    r"|for the record\s*[,:]?\s*"
    # "end of shift - pallet jack back", "start of day: ...": when, said as a heading
    r"|(?:(?:end|start)\s+of\s+(?:the\s+|my\s+)?shift|handover|shift\s+handover)"
    r"\s*(?:[,:;]|\s-)\s*"
    r"|(?:chef|cook|nurse|doctor|teacher|tech|driver|porter|caretaker|admin|reception) here\s*[,.!]\s*)",
    re.I,
)


# a message that goes on from one before it, said first: not "and the ladder" (an item added)
ON_FROM_BEFORE = re.compile(
    r"(?i)^(?:and|but|also)\s+(?=(?:can|could|may|i|i'm|im|i've|we|we're|please|pls)\b)"
)


def strip_fillers(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        text = text.strip(" !?.,;:-")
        joined = ON_FROM_BEFORE.match(text)  # "and can I check out ...", "but I'm borrowing ..."
        if joined:
            text, changed = text[joined.end() :], True
            continue
        preamble = PREAMBLE.match(text)
        if preamble and preamble.end() < len(text):
            text, changed = text[preamble.end() :], True
            continue
        lower = text.lower()
        for filler in FILLERS_LONGEST_FIRST:  # "hi all" before "hi"
            if lower == filler or lower.startswith(filler + " ") or lower.startswith(filler + ","):
                text, changed = text[len(filler) :], True
                break
        for filler in TRAILING_FILLERS:
            if lower.endswith(" " + filler) or lower.endswith("," + filler):
                text, changed = text[: -len(filler) - 1], True
                break
    return text
