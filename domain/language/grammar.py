"""The spoken command language as a JSGF grammar, built from the catalog.

A speech recognizer constrained by it hears "we used three boxes of paper" or
"check out a one zero four two" instead of whatever the general language model
finds likeliest. The command words come from the parser's own tables
(`lexicon`), so every verb that can be typed can be said; item names, places,
packs and the letters of tags come from the catalog, so the grammar is
rebuilt when the catalog changes. Only words the recognizer can pronounce are
used (`pronounceable`): a name whose words are all unknown is left out and
still reachable by its tag."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from domain import commands as C
from domain.language.lexicon import AFTER_ITEM, AROUND_ITEM, BEFORE_ITEM, SENTENCES, expand, sayings
from domain.language.numbers import TENS, UNITS

WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
DIGITS = "zero oh one two three four five six seven eight nine".split()
MAX_PHRASE_WORDS = 6
# Recognition slows with every item phrase (all are tried at once): a big
# catalog keeps the phrases most items share (brands, kinds, models). Items
# left out are still reached by their shorter names or their tags.
MAX_ITEM_PHRASES = 2_000
MAX_PHRASES = 20_000

# A recognizer copies a rule everywhere it is used, so the item (the biggest
# rule) appears once: every verb leads to one <subject>, and what may follow
# it is one <tail>. This lets through a few sentences nobody says ("where is
# the drill until friday"); the parser turns those down like typed ones.
ITEM_VERBS = (C.CheckOut, C.CheckIn, C.Extend, C.Book, C.WhoHas, C.WhereIs, C.Move, C.Seen)
STOCK_VERBS = (C.Consume, C.Receive, C.Count, C.Take)
FIXED = """
<act> = <item_verb> | <stock_verb> [<amount> [of]] | how (many | much) [of] | (is | are);
<tail> = <until> | <after> | available | free | to [the] <place> | in [the] <place> | do we have | are left;
<others> = audit [the] <place> | close [the] audit | what is in maintenance | what is overdue | <sentence>;
"""


def is_sayable_sentence(sentence: str) -> bool:
    """A request of one word ("low", "commands") is left out of the spoken
    language: a hum or a cough is heard as one word far more often than as
    several. "help" and "undo" stay: people say them alone."""
    return " " in sentence or sentence in ("help", "undo")


def _command_words(pronounceable: Callable[[str], bool]) -> list[str]:
    """The rules whose words are the parser's (lexicon), each phrase kept if it can be said."""

    def said(phrases: list[str]) -> str:
        return " | ".join(p for p in phrases if all(pronounceable(w) for w in p.split())) or "help"

    return [
        f"<item_verb> = {said(sayings(BEFORE_ITEM, *ITEM_VERBS))};",
        f"<stock_verb> = {said(sayings(BEFORE_ITEM, *STOCK_VERBS))};",
        f"<after> = {said(sayings(AFTER_ITEM))};",
        f"<sentence> = {said([s for s in sayings(SENTENCES) if is_sayable_sentence(s)])};",
        # A split verb ("bringing the drill back") needs its particle: without it, "checking" or "putting"
        # alone would take any item.
        f"<around_verb> = {said(sorted({w for pairs in AROUND_ITEM.values() for v, _ in pairs for w in expand(v)}))};",
        f"<particle> = {said(sorted({w for pairs in AROUND_ITEM.values() for _, p in pairs for w in expand(p)}))};",
    ]


# The item rule (the biggest) appears three times: after a verb, inside a split verb, and before the
# words that follow it ("the drill is back"); each copy costs build time and recognition speed.
COMMAND = (
    "<act> [the | my] <subject> [<tail>] | <around_verb> [the | my] <subject> <particle> [<until>]"
    " | [<amount> [of]] [the] <subject> <after> | <others>"
)


@dataclass
class Vocabulary:
    """What the catalog contributes: item phrases (names, models, aliases,
    categories), places, pack names and tags or SKUs."""

    items: Iterable[str] = ()
    places: Iterable[str] = ()
    packs: Iterable[str] = ()
    keys: Iterable[str] = ()
    kinds: Iterable[str] = ()  # asset categories, said before a tag: "laptop A-1042"


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())


def catalog_words(vocabulary: Vocabulary) -> set[str]:
    """Every word the catalog brings to the grammar (plurals too), to make pronunciations for."""
    texts = [*vocabulary.items, *vocabulary.places, *vocabulary.packs, *vocabulary.kinds]
    words = {w for text in texts for w in words_of(text) if len(w) > 1}
    return words | {plural(w) for w in words}


CHATTER_PREFIX = "chatter_"  # the chatter loop's words: heard, they mark a clip as no command
CHATTER_WEIGHT = 1  # against the commands' 100 (on the clips tried, 1e-6 changed nothing: acoustics decide)


def build(vocabulary: Vocabulary, pronounceable: Callable[[str], bool], chatter: Iterable[str] = ()) -> str:
    """The JSGF text of the command language over `vocabulary`; with
    `chatter` words, beside it a loop of them for speech that is no command
    (each said as CHATTER_PREFIX + word, which the recognizer must know)."""

    def spoken(text: str, letters: bool = False) -> list[str]:
        """The words of `text` that can be said; lone letters only where they
        name something ("meeting room B"), not in model numbers."""
        return [w for w in words_of(text) if (letters or len(w) > 1) and pronounceable(w)]

    places = _unique(" ".join(spoken(p, letters=True)) for p in vocabulary.places) or ["store"]
    packs = _unique(p for name in vocabulary.packs for p in (name, plural(name)) if spoken(p) == [p]) or [
        "box",
        "boxes",
    ]
    rules = {
        "item": _item_phrases(vocabulary.items, spoken, pronounceable) or ["item"],
        "place": places,
        "pack": packs,
        "tag": _tag_shapes(vocabulary.keys) or ["a <four>"],
        "kind": _unique(k for kind in vocabulary.kinds for k in (kind, plural(kind)) if spoken(k) == [k])
        or ["item"],
    }
    body = [
        "#JSGF V1.0;",
        "grammar quartermaster;",
        *_chatter_rules(chatter),
        f"<command> = [<lead>] ({COMMAND}) [please];",
        "<lead> = we | i | i'm | i have | we have;",
        *FIXED.strip().splitlines(),
        *_command_words(pronounceable),
        # An item is far likelier than a tag: unweighted, noise after a name was heard as "a three oh oh".
        "<subject> = /20/ <item> | /1/ [<kind>] <tag>;",
        # How people read out digits: "one oh four two", "ten forty-two", "twenty oh one".
        "<pair> = <teen> | <tens> [<unit>];",
        "<two> = <digit> <digit> | <pair>;",
        "<three> = <digit> <digit> <digit> | <digit> <pair> | <pair> <digit>;",
        "<four> = <digit> <digit> <digit> <digit> | <pair> <pair> | <pair> <digit> <digit> | <digit> <digit> <pair>;",
        "<five> = <digit> <four> | <pair> <three>;",
        f"<digit> = {' | '.join(DIGITS)};",
        "<amount> = <number> [<pack> [of]] | (a | an | one) <pack> of | a couple of [<pack> of] | a dozen;",
        "<number> = <unit> | <teen> | <tens> [<unit>] | [a | one] hundred;",
        f"<unit> = {' | '.join(w for w, v in UNITS.items() if 0 < v < 10)};",
        f"<teen> = {' | '.join(w for w, v in UNITS.items() if v >= 10)};",
        f"<tens> = {' | '.join(TENS)};",
        f"<until> = until ({' | '.join(WEEKDAYS)} | tomorrow | next week | the end of the day) | for (a week | two weeks | the day);",
    ]
    body += [f"<{name}> = {' | '.join(alternatives)};" for name, alternatives in rules.items()]
    return "\n".join(body) + "\n"


def _chatter_rules(words: Iterable[str]) -> list[str]:
    loop = sorted({CHATTER_PREFIX + w for w in words})
    if not loop:
        return ["public <utterance> = <command>;"]
    return [
        f"public <utterance> = /100/ <command> | /{CHATTER_WEIGHT}/ <chatter>+;",
        f"<chatter> = {' | '.join(loop)};",
    ]


def _unique(texts: Iterable[str], limit: int = MAX_PHRASES) -> list[str]:
    out: dict[str, None] = {}
    for text in texts:
        if text:
            out[text] = None
            if len(out) >= limit:
                break
    return list(out)


def _item_phrases(
    names: Iterable[str], spoken: Callable[[str], list[str]], pronounceable: Callable[[str], bool]
) -> list[str]:
    """Each name, and the ways people shorten it: the end of it ("the
    cordless drill", "the drill") or its first word, usually the brand ("the
    makita"); the last word singular or plural. Fewer, likelier phrases are
    what keeps a recognizer from hearing one item as another."""

    def forms(words: list[str]):
        yield " ".join(words)
        last = words[-1]
        several = plural(last)
        if not last.endswith("s") and pronounceable(several):
            yield " ".join(words[:-1] + [several])

    def runs():
        for name in names:
            words = spoken(name)[:MAX_PHRASE_WORDS]
            if not words:
                continue
            for start in range(len(words)):
                yield from forms(words[start:])
            yield words[0]

    counts = Counter(p for p in runs() if p)
    return [phrase for phrase, _ in counts.most_common(MAX_ITEM_PHRASES)]


def _prefixes(keys: Iterable[str]) -> set[tuple[str, int]]:
    """(letters, digit count) of the tags shaped like A-1042 or LT00042."""
    shapes = set()
    for key in keys:
        match = re.fullmatch(r"([a-z]{1,3})[-_ ]?(\d{2,5})", key.lower())
        if match:
            shapes.add((match[1], len(match[2])))
    return shapes


def _tag_shapes(keys: Iterable[str]) -> list[str]:
    """A tag is said letter by letter, then its digits in any usual grouping."""
    names = {2: "<two>", 3: "<three>", 4: "<four>", 5: "<five>"}
    return sorted({" ".join(list(letters)) + f" {names[digits]}" for letters, digits in _prefixes(keys)})


def plural(word: str) -> str:
    if re.search(r"(?:s|x|ch|sh)$", word):
        return word + "es"
    return word + "s"
