"""Find the item inside a sentence: "the jabra speaker, sorry it's so late",
"the hot box to the dry store", "puck back in the IT store room", "the sony out
to the grip truck", "cling film doing the sandwiches".

What follows the words naming the item must be something else the sentence
says, not more of the name: a new clause (after a comma, "sorry", "thanks",
"because"...), a place the catalog knows ("to the dry store"), a purpose
("for the shoot"), or a particle ("back", "now"). Words that could still be
part of the name ("the blue thing", "the camera on the moon") keep the whole
reference, which then has to match as it is: a wrong item is worse than a
question."""

from __future__ import annotations

import re

from domain.ledger import ItemType
from domain.values import singular
from services.resolver import CLOSE, CatalogIndex, Resolution

# Where one clause ends and chatter begins: nothing after it names the item.
CLAUSE_BREAK = re.compile(
    r"\s*(?:[,;.!?:]+\s+|\s+-\s+|\s+(?=(?:sorry|thanks|thank you|cheers|ta|btw|lol|because|cos|cause|but|as|since|"
    r"so|while|when|if|it's|its|it is|it was|they're|i'm|i've|i'll|we're|we've)\b)|"
    r"\s+(?=before\s+(?:i|we|you|he|she|they|it)\b)|"  # "the ipad before I forget" (not "until we get back")
    r"\s+(?=(?:that|which|who)\s+(?:was|is|were|are|has|had|got|i|we|you|someone)\b)|"  # "a projector that was left"
    r"\s+(?=(?:i|we)\s+(?:borrowed|took|had|used|signed|checked|got|grabbed|picked)\b))",  # "the headset I borrowed"
    re.I,
)
# Prepositions that start a phrase about something else than the item.
PLACE_WORDS = r"(?:to|into|in|on|onto|at|over to|back to|back in|back on|back at)"
PLACE_PHRASE = re.compile(rf"^(?P<item>.+?)\s+{PLACE_WORDS}\s+(?:the\s+)?(?P<place>.+)$", re.I)
PURPOSE = re.compile(
    r"^(?P<item>.+?)\s+(?:for|from|with|off|by|at|during)\s+.+$", re.I
)  # "napkins at lunch club"
# Where it is taken to: any place, known or not ("over to the community centre").
DESTINATION = re.compile(
    r"^(?P<item>.+?)\s+(?:(?:out|down|over|up|back|across)\s+)?(?:to|into|onto)\s+.+$", re.I
)
# A clause about what it was used for: "cling film doing the sandwiches".
DOING = re.compile(
    r"^(?P<item>.+?)\s+(?:doing|cleaning|wiping|making|setting|fixing|prepping|covering|weighing|putting|"
    r"filming|shooting|testing|packing|running|painting|sealing|loading|wrapping)\b.*$",
    re.I,
)
# Any other "-ing" word may start such a clause ("patch leads re-cabling the second floor"):
# tried after the words above, as one more reading that must still name an item.
ANY_DOING = re.compile(
    r"^(?P<item>.+?)\s+(?:re-?)?[a-z]{3,}ing\s+(?:the|a|an|some|our|my|for|up|out|down|in|off|over|around)\b.*$",
    re.I,
)
EXACTLY = 100.0  # a resolution's score when words are exactly a tag, name or alias
# Where or when it was used: "on the board pack", "at the lunch", "this week", "in the store".
CONTEXT = re.compile(
    r"^(?P<item>.+?)\s+(?:(?:on|at|in|during|over|after)\s+(?:the|a|an|this|last|our|my|tonight's|today's)|"
    r"this|last|yesterday|today|tonight)\b.*$",
    re.I,
)
DANGLING = re.compile(r"\s+(?:for|to|with|from|by|in|on|at|of)$", re.I)
PARTICLES = re.compile(
    r"(?:\s+(?:back|now|again|today|off|in|out|over|down|up|across|away|please|pls|thx|all|too|as well))+$",
    re.I,
)
POSSESSOR = re.compile(r"^(?:[a-z]+'s|my|our|your|his|her|their|the|a|an)\s+", re.I)


# nouns that take "to" after them: "the key to the server room", "the door to the store" (no item)
LEADS_TO = re.compile(
    r"(?i)^(?:\w+\s+){0,2}(?:keys?|doors?|way|route|access|entrance|directions?|path|road)\s+to\b"
)


def locate(index: CatalogIndex, reference: str, types: tuple[ItemType, ...]) -> Resolution:
    """The reference as it is, if it names something; else its first clause
    with what may follow a name taken off, if that does."""
    if LEADS_TO.match(reference.strip()):
        return Resolution(reference)
    whole = index.resolve(reference, types)
    if whole.found and whole.score >= EXACTLY:
        return whole
    readings = [index.resolve(core, types) for core in _cores(index, reference, ItemType.STOCK in types)]
    for found in readings:  # "the little projector for room 204": a name exactly, then the rest
        if found.found and found.score >= EXACTLY:
            return found
    if _to_a_known_place(index, reference):  # "the first aid kit to the site hut": the place names
        whole = Resolution(reference)  # no item (not the site first aid kit), whatever it matches
    if whole.is_clear:
        return whole
    # "3 reams of printer paper on the board pack": one item once the context is off
    # ...unless a shorter reading fits clearly better: "gloves up" is not the pull-up screen
    # when "gloves" fits three kinds of gloves far better (a question, never a guess)
    best = max((found.score for found in readings if found.found), default=0.0)
    clear = next((found for found in readings if found.is_clear and found.score >= best - CLOSE), None)
    return clear or (whole if whole.found else next((found for found in readings if found.found), whole))


# Words after an item's name that say something about it, not which part: "not yet", "is fine"
NOT_A_PART = frozenset(
    "the a an this that these those both all some any one two three four five six of or and but not no nah "
    "nope yet maybe might could probably perhaps hopefully longer needed wait ignore jk kidding now today "
    "tomorrow later is are was were fine ok okay good works working again".split()
)


PART_OF = re.compile(
    r"(?i)^(?:the\s+)?(?P<part>[a-z]+(?:\s+[a-z]+)?)\s+(?P<of>on|of|in)\s+(?:the\s+)?(?P<item>.+)$"
)


def of_a_place(index: CatalogIndex, reference: str) -> bool:
    """ "the staff room door", "the main hall heating", "the floor in aisle 4": said of a place
    (a known one's name, then words that name no item), so never a repair of an item named after it."""
    words = reference.strip().split()
    part_first = PART_OF.match(reference.strip())
    if part_first and part_first["of"].lower() != "in" and _exactly_a_place(index, part_first["item"]):
        return True  # ("the drill in the workshop" is where it is: chosen_by_place's)
    for n in range(1, min(4, len(words))):
        if _exactly_a_place(index, " ".join(words[:n])):  # unless an item's name says it all
            return index.resolve(reference).score < 100  # ("the main hall projector": an alias)
    return False


def part_of_an_item(index: CatalogIndex, reference: str) -> Resolution | None:
    """ "the pcr machine lid heater is faulty", "the otoscope bulb has gone": for a repair,
    when the words name nothing at all as they are, the one asset that their first words
    name exactly, followed by a part that is no catalog word ("the r6 battery" is stock; "the fridge
    door seal" is the fridge, though "sealant" is a word of the catalog: only a word itself counts)."""
    words = POSSESSOR.sub("", CLAUSE_BREAK.split(reference, maxsplit=1)[0].strip()).split()
    part_first = PART_OF.match(" ".join(words))
    if part_first:  # "door seal on the kitchen fridge": the kitchen fridge's door seal
        words = f"{part_first['item']} {part_first['part']}".split()
    elif index.resolve(" ".join(words)).found:
        return None
    named = []
    for n in range(len(words) - 1, 0, -1):
        part = words[n:]
        if len(part) > 3 or not all(
            w.isalpha() and w.lower() not in NOT_A_PART and not index.has_word(w) for w in part
        ):
            break
        found = index.resolve(" ".join(words[:n]), (ItemType.ASSET,))
        if found.found and found.score >= EXACTLY and found.is_clear:
            named.append(found)
    same = {tuple(i.key for i in found.items) for found in named}
    return named[0] if len(same) == 1 else None  # "the sony fx3 lens mount": two items named, none chosen


def _cores(index: CatalogIndex, reference: str, stock: bool):
    """Ever shorter readings of the words that name the item, most likely first."""
    clause, *after = (part.strip() for part in CLAUSE_BREAK.split(reference, maxsplit=1))
    if after and after[0] and _exactly_a_place(index, clause):  # "staff room, exercise books": where, what
        return [after[0]]
    candidates = [clause] if clause and clause != reference else []
    text = clause or reference
    place = PLACE_PHRASE.match(text)
    if place and _known_place(index, place["place"]):
        candidates.append(place["item"])
        text = place["item"]
    for shape in (DESTINATION, DOING, ANY_DOING):
        cut = shape.match(text)
        if cut:
            candidates.append(cut["item"])
            text = cut["item"]
    context = CONTEXT.match(text) if stock else None  # supplies are used somewhere; an asset's
    if context:  # "camera on the moon" may be its name
        candidates.append(context["item"])
        text = context["item"]
    purpose = PURPOSE.match(text)
    if purpose:
        candidates.append(purpose["item"])
        text = purpose["item"]
    bare = DANGLING.sub("", PARTICLES.sub("", DANGLING.sub("", text)))  # "scales for", "pipette for now"
    if bare != text:
        candidates.append(bare)
        text = bare
    owned = POSSESSOR.sub("", text)
    if owned != text:
        candidates.append(owned)
    part_of = re.match(r"^(?:the\s+)?(?P<whole>[\w-]+(?:\s+[\w-]+)?)'s\s+\w", text, re.I)
    if part_of:  # "the manfrotto's leg lock": the leg lock is part of the tripod
        candidates.append(part_of["whole"])
    return [c.strip() for c in candidates if c.strip()]


def _to_a_known_place(index: CatalogIndex, reference: str) -> bool:
    place = PLACE_PHRASE.match(CLAUSE_BREAK.split(reference, maxsplit=1)[0].strip())
    return bool(place) and _known_place(index, place["place"])


def _exactly_a_place(index: CatalogIndex, text: str) -> bool:
    said = re.sub(r"(?i)^the\s+", "", text.strip(" .!?")).lower()
    return any(
        said == place.lower() for kind in ("location", "department") for place in index.places.get(kind, ())
    )


def _known_place(index: CatalogIndex, text: str) -> bool:
    place = PARTICLES.sub("", text.strip(" .!?"))
    return any(index.resolve_place(kind, place) for kind in ("location", "department"))


def pack_before_name(index: CatalogIndex, reference: str) -> tuple[str, str] | None:
    """ "2 racks yellow tips": (pack, name) when the first word is a pack of the
    supplies the rest names, said without "of"; None when it is part of a name."""
    first, _, rest = reference.partition(" ")
    if not rest or singular(first.lower()) not in index.pack_words:
        return None
    whole = index.resolve(reference, (ItemType.STOCK,))
    if whole.found and whole.score >= EXACTLY:
        return None
    found = locate(index, rest, (ItemType.STOCK,))
    pack = singular(first.lower())
    return (pack, rest) if found.is_clear and pack in found.items[0].packs.names() else None
