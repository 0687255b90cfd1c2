"""Find catalog items from the words people use. Exact tags, SKUs and barcodes
win outright; otherwise an inverted index of words (with typo-tolerant word
lookup) picks a few dozen candidates, which rapidfuzz then scores as whole
phrases. Confidence decides: one clear winner, several to ask about, or none."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, utils

from domain import gtin
from domain.ledger import ItemType
from domain.values import Packs, plural, singular, tag_key
from services.item_sizes import spelled_sizes
from services.place_names import places_meant
from services.word_index import STOPWORDS, WordIndex

# Everyday other names for a thing, tried when the words as said fit nothing
OTHER_NAMES = {
    "lead": "cable",
    "leads": "cables",
    "mic": "microphone",
    "mics": "microphones",
    "microphone": "mic",
    "microphones": "mics",
    "walkie": "radio",
    "walkies": "radios",
    "tab": "tablet",
    "tabs": "tablets",
    "messenger": "communicator",
    "telly": "tv",
    "hoover": "vacuum",
    "specs": "glasses",
}
# "the jabra one": "one" stands for the thing. (Sizes and colours are never dropped: "the yellow
# toner" is no black toner, "the small screen" no 100-inch one.)
STANDS_FOR_IT = frozenset({"one", "ones"})
MOST_SLOTS = 5000  # a word in more phrases than this ("box") tells no one item's words apart
ACCEPT = 72  # below this nothing is plausible enough to act on
CLOSE = 6  # candidates within this of the best are "equally good"
SUGGEST = 50
CANDIDATES = 40  # phrases rescored per query
NAMESAKES = 8  # other items offered beside an exact alias that their names end in
PHRASE_WEIGHT = 0.5  # whole-phrase similarity vs the share of the query's words found
TAG_SHAPE = re.compile(r"([a-z]{1,4})[- ]?0*(\d{1,6})")  # A-1042, cam-4, F 201
NOT_DIGITS = re.compile(r"\D")


@contextmanager
def _collector_paused():
    """The build allocates about a million objects, none of them garbage; the
    cyclic collector would rescan them all again and again (6x slower)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True, eq=False)  # identity equality: one object per catalog item
class CatalogItem:
    type: ItemType
    key: str  # the tag or SKU as written in the catalog
    name: str
    group: str  # identical units (same name and model) share a group
    unit: str | None = None  # stock only: the base unit and the packs, to check quantities early
    packs: Packs = Packs()
    lendable: bool = False  # stock lent and given back (headsets), not used up

    @property
    def label(self) -> str:
        return f"{self.key} {self.name}"


@dataclass
class Resolution:
    """`items` are the candidates, best first. One item, or several of one
    group, is a clear answer; `exact` means a tag, SKU or barcode hit."""

    reference: str
    items: list[CatalogItem] = field(default_factory=list)
    exact: bool = False
    suggestions: list[CatalogItem] = field(default_factory=list)
    score: float = 0.0  # how well the best candidate fits (100: a tag, SKU, name or alias exactly)

    @property
    def found(self) -> bool:
        return bool(self.items)

    @property
    def is_clear(self) -> bool:
        return bool(self.items) and len({item.group for item in self.items}) == 1


def _last_word_singular(text: str) -> str:
    head, _, last = text.rpartition(" ")
    return f"{head} {singular(last)}".strip() if last else text


class CatalogIndex:
    def __init__(
        self,
        assets: list[tuple],
        stock: list[tuple],
        places: dict[str, set[str]] | None = None,
        kits: list[tuple[str, str]] = (),
    ):
        """`assets`: (tag, name, model, manufacturer, category, aliases);
        `stock`: (sku, name, barcode, aliases, unit, packs[, lendable]); `places`: the
        locations and departments in use; `kits`: (code, name)."""
        self.places = {kind: sorted(values) for kind, values in (places or {}).items()}
        with _collector_paused():
            self._build(assets, stock, kits)

    def _build(self, assets: list[tuple], stock: list[tuple], kits: list[tuple[str, str]] = ()) -> None:
        self.exact: dict[str, CatalogItem] = {}
        self._by_gtin: dict[str, CatalogItem] = {}
        # Tuples, not lists: nearly every tag has digits and a shape of its own, and a
        # list keeps spare room (with the shared group strings below, 130 MB at 1M items).
        self._by_digits: dict[str, tuple[CatalogItem, ...]] = {}
        self._by_shape: dict[tuple[str, int], tuple[CatalogItem, ...]] = {}  # ("cam", 4): CAM-004
        self._tag_prefixes: set[str] = set()
        self._texts: list[str] = []
        self._owners: list[list[CatalogItem]] = []
        self._slot_of: dict[tuple[ItemType, str], int] = {}
        self._raw_slot: dict[tuple[ItemType, str], int] = {}  # identical units repeat the same words
        self._slot_type: list[ItemType] = []
        self._words = WordIndex()
        self._name_ends: dict[str, list[CatalogItem]] = {}
        self._ended: set[str] = set()  # groups whose name ends are in _name_ends
        self._name_modifiers: dict[str, list[CatalogItem]] = {}
        self.categories: set[str] = set()
        self.manufacturers: dict[str, str] = {}  # lowercase -> as the catalog writes it
        # Identical units have the same words: their group and phrase slots are made once.
        units: dict[tuple, tuple[str, list[int]]] = {}
        for tag, name, model, manufacturer, category, aliases in assets:
            if category:
                self.categories.add(category.lower())
            if manufacturer:
                self.manufacturers.setdefault(manufacturer.lower(), manufacturer)
            same_words = (name, model, manufacturer, category, aliases)
            unit = units.get(same_words)
            if unit is None:
                texts = [
                    name,
                    spelled_sizes(name),
                    model,
                    f"{manufacturer or ''} {model or ''}",
                    f"{name} {category or ''}",
                    *(aliases or "").split("|"),
                ]
                unit = units[same_words] = (
                    f"{name}|{model or ''}".lower(),
                    self._slots(ItemType.ASSET, texts),
                )
            group, slots = unit
            item = CatalogItem(ItemType.ASSET, tag, name, group)
            self._add_name_ends(name, item)
            self._add_key(tag, item)
            digits = NOT_DIGITS.sub("", tag)
            if digits:
                self._by_digits[digits] = self._by_digits.get(digits, ()) + (item,)
            shape = TAG_SHAPE.fullmatch(tag.lower())
            if shape:
                key = (shape[1], int(shape[2]))
                self._by_shape[key] = self._by_shape.get(key, ()) + (item,)
                self._tag_prefixes.add(shape[1])
            self._own(item, slots)
        packs_of: dict[str, Packs] = {}  # a few pack layouts are shared by thousands of items
        for sku, name, barcode, aliases, unit, packs, *lendable in stock:
            if packs not in packs_of:
                packs_of[packs] = Packs.parse(packs)
            item = CatalogItem(
                ItemType.STOCK,
                sku,
                name,
                f"stock|{sku}".lower(),
                unit,
                packs_of[packs],
                bool(lendable and lendable[0]),
            )
            self._add_name_ends(name, item)
            self._add_key(sku, item)
            if barcode:
                self.exact.setdefault(tag_key(barcode), item)
                for key in gtin.keys(barcode):  # every printed form of it finds the item
                    self._by_gtin.setdefault(key, item)
            self._own(
                item, self._slots(ItemType.STOCK, [name, spelled_sizes(name), *(aliases or "").split("|")])
            )
        for code, name in kits:  # "the camera kit", "KIT-FX3"
            item = CatalogItem(ItemType.KIT, code, name, f"kit|{code}".lower())
            self._add_key(code, item)
            said = name if re.search(r"(?i)\bkit\b", name) else f"{name} kit"
            self._own(item, self._slots(ItemType.KIT, [name, said]))
        self._words.seal(self._slot_type)
        # every pack name some stock item uses ("rack", "drum"): a few dozen layouts are shared by thousands
        self.pack_words = frozenset(name for layout in packs_of.values() for name in layout.names())

    def phrases(self) -> list[str]:
        """Every distinct name, model and alias in the catalog (lower case)."""
        return list(self._texts)

    def keys(self) -> list[str]:
        return list({item.key for item in self.exact.values()})

    def pack_names(self) -> list[str]:
        return sorted(
            {name for item in self.exact.values() for name in (*item.packs.names(), item.unit or "") if name}
        )

    def _add_name_ends(self, name: str, item: CatalogItem) -> None:
        """The last one and two words of a name ("scales", "platform scales"), one item
        per group and a few groups each: enough to know a short word is shared.
        Identical units are one group: only the first of them is read."""
        if item.group in self._ended:
            return
        self._ended.add(item.group)
        words = utils.default_process(name).split()
        for n in (1, 2):
            if len(words) > n:
                end = self._name_ends.setdefault(" ".join(words[-n:]), [])
                if len(end) < NAMESAKES:
                    end.append(item)
        if len(words) > 2 and words[-2].isalpha():  # "combi" in "combi drill": said alone, it may mean this
            kind = self._name_modifiers.setdefault(words[-2], [])
            if len(kind) < NAMESAKES:
                kind.append(item)

    def _add_key(self, key: str, item: CatalogItem) -> None:
        self.exact[tag_key(key)] = item

    def _slots(self, item_type: ItemType, words: list[str | None]) -> list[int]:
        """The phrase slot of each of an item's words, made on first sight."""
        slots = []
        for word in words:
            if not word:
                continue
            slot = self._raw_slot.get((item_type, word))
            if slot is None:
                slot = self._new_slot(item_type, utils.default_process(word))
                if slot is None:
                    continue
                self._raw_slot[(item_type, word)] = slot
            slots.append(slot)
        return slots

    def _own(self, item: CatalogItem, slots: list[int]) -> None:
        for slot in slots:
            owners = self._owners[slot]
            if not owners or owners[-1] is not item:  # an item's words arrive together
                owners.append(item)

    def _new_slot(self, item_type: ItemType, text: str) -> int | None:
        if not text:
            return None
        slot = self._slot_of.get((item_type, text))
        if slot is None:
            slot = self._slot_of[(item_type, text)] = len(self._texts)
            self._texts.append(text)
            self._owners.append([])
            self._slot_type.append(item_type)
            self._words.add(slot, text)
        return slot

    def resolve(
        self,
        reference: str,
        types: tuple[ItemType, ...] = (ItemType.ASSET, ItemType.STOCK),
        said_otherwise: bool = True,
    ) -> Resolution:
        """The items `reference` names. `said_otherwise`: when nothing fits, the words are tried
        once more as a catalog word said in two, or with an everyday other name (never again on
        that try: "mics" and "microphones" would go round for ever)."""
        exact = self._exact_hits(reference, types)
        if exact:
            return Resolution(reference, exact, exact=True, score=100.0)
        query = utils.default_process(reference)
        whole = self._slot_of_text(query, types) or self._slot_of_text(_last_word_singular(query), types)
        if whole:  # exactly a name or alias, however short ("R6", "p100"), or its plural ("blue rolls")
            return Resolution(
                reference, self._with_namesakes(self._with_twins(whole, query), query, types), score=100.0
            )
        branded = self._branded(query, types)
        if branded:  # "the promethean panel": the maker's name, then an alias of its item
            return Resolution(reference, branded, score=100.0)
        shape = TAG_SHAPE.fullmatch(reference.strip().lower())
        if shape and shape[1] in self._tag_prefixes:
            return Resolution(reference)  # a tag of ours in shape, and none is: never a name that looks alike
        if sum(ch.isalpha() for ch in query) < 2:  # digits and symbols: a tag, SKU or barcode (above),
            return self._model_number(reference, query, types)  # or a model's number word ("the 5400")
        scored: dict[CatalogItem, float] = {}
        # one word is read in both numbers: "battery" is also the AA batteries
        other_numbers = [] if " " in query else [singular(query), plural(singular(query), 2)]
        forms = [query, *(f for f in dict.fromkeys(other_numbers) if f != query and self._words.has(f))]
        for form in forms:
            for slot, coverage in self._words.candidates(form, types, CANDIDATES):
                score = (
                    PHRASE_WEIGHT * fuzz.WRatio(form, self._texts[slot])
                    + (100 - 100 * PHRASE_WEIGHT) * coverage
                )
                if score >= SUGGEST:
                    for item in self._owners[slot]:
                        scored[item] = max(score, scored.get(item, 0))
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0].key))
        if not ranked or ranked[0][1] < ACCEPT:
            joined = said_otherwise and (  # "fork lift", "xlr leads", "the jabra one"
                self._joined(query) or self._said_otherwise(query) or self._undescribed(query)
            )
            if joined:
                found = self.resolve(joined, types, said_otherwise=False)
                if found.found:
                    return replace(found, reference=reference)
            spread = self._every_word_of_one(query, types)
            if spread:  # "satellite messenger": a word of its name and one of its alias
                return Resolution(reference, spread, score=float(ACCEPT))
            return Resolution(reference, suggestions=[item for item, _ in ranked[:3]])
        best = ranked[0][1]
        items = [item for item, score in ranked if score >= best - CLOSE]
        return Resolution(reference, items + self._named_by_a_word(query, items, types), score=best)

    def _said_otherwise(self, query: str) -> str | None:
        """The words with a common other name for a thing put for one the catalog doesn't use
        (asked only when the words as written fit nothing: "xlr leads" are the XLR cables)."""
        words = query.split()
        swapped = [w if self._words.has(w) else OTHER_NAMES.get(w, w) for w in words]
        return " ".join(swapped) if swapped != words else None

    def _every_word_of_one(self, query: str, types: tuple[ItemType, ...]) -> list[CatalogItem]:
        """The units of the one kind whose name, aliases, maker, model and category have between
        them every word said (as said, or in the singular), when no one phrase of it has them all."""
        words = [w for w in dict.fromkeys(query.split()) if w not in STOPWORDS]
        if len(words) < 2:
            return []
        slots_of = {w: self._words.slots_of(w) or self._words.slots_of(singular(w)) for w in words}
        found: set[CatalogItem] | None = None
        for word in sorted(words, key=lambda w: len(slots_of[w])):  # the rarest first
            if not slots_of[word] or len(slots_of[word]) > MOST_SLOTS:
                return []
            items = {
                item
                for slot in slots_of[word]
                if self._slot_type[slot] in types
                for item in self._owners[slot]
            }
            found = items if found is None else found & items
            if not found:
                return []
        return sorted(found, key=lambda i: i.key) if len({i.group for i in found}) == 1 else []

    def _undescribed(self, query: str) -> str | None:
        """The words without "one" said for the thing (asked only when the words as said fit
        nothing: "the jabra one")."""
        words = query.split()
        kept = [w for w in words if w not in STANDS_FOR_IT]
        return " ".join(kept) if kept and kept != words else None

    def _joined(self, query: str) -> str | None:
        """The words with two neighbours written as one, when that one is a catalog word
        (asked only when the words as written fit nothing: "smart board" is the smartboard)."""
        words = query.split()
        for n in range(len(words) - 1):
            first, second = words[n], words[n + 1]
            if self.has_word(first + second):
                return " ".join([*words[:n], first + second, *words[n + 2 :]])
        return None

    def _named_by_a_word(self, query: str, found: list[CatalogItem], types) -> list[CatalogItem]:
        """Items a word of the query names whole (their name or alias), when what
        was found has no such word: "kiosk screen" is the screen, or the kiosk
        (alias "kiosk")? A question, never a guess between them."""
        words = query.split()
        if len(words) < 2:
            return []
        groups = {item.group: item for item in found}  # identical units: one of each is enough
        theirs = {singular(w) for item in groups.values() for w in utils.default_process(item.name).split()}
        rivals: list[CatalogItem] = []
        for word in words:
            if singular(word) in theirs:
                continue
            named = [item for item in self._slot_of_text(word, types) if item.group not in groups]
            if named and len(named) <= CANDIDATES:
                slots = self._words.candidates(word, types, CANDIDATES * 5)
                if not any(o.group in groups for slot, _ in slots for o in self._owners[slot][:CANDIDATES]):
                    rivals += [item for item in named if item not in rivals]
        return rivals

    def words(self):
        """Every word of the catalog's names, models and aliases (lower case)."""
        return self._words.words()

    def has_word(self, word: str) -> bool:
        """Whether a word, or its singular, is exactly in some item's words (no typo allowance)."""
        processed = utils.default_process(word)
        return bool(processed) and (self._words.has(processed) or self._words.has(singular(processed)))

    def knows_word(self, word: str) -> bool:
        """Whether a word is in some item's words, or close enough to be a typo of one."""
        processed = utils.default_process(word)
        return bool(processed) and bool(self._words.similar_words(processed))

    def among(
        self, reference: str, keys: frozenset[str], types: tuple[ItemType, ...] = (ItemType.ASSET,)
    ) -> list[CatalogItem]:
        """Of the items `keys` names (what a person holds), those the words plausibly
        fit, though another item fits them better: "the walkie" they hold."""
        query = utils.default_process(reference)
        found = {}
        for slot, coverage in self._words.candidates(query, types, CANDIDATES * 5):
            score = (
                PHRASE_WEIGHT * fuzz.WRatio(query, self._texts[slot]) + (100 - 100 * PHRASE_WEIGHT) * coverage
            )
            for item in self._owners[slot]:
                if item.key in keys and score >= ACCEPT:
                    found[item.key] = item
        return list(found.values())

    def _model_number(self, reference: str, query: str, types: tuple[ItemType, ...]) -> Resolution:
        """A number that is a whole word of a name or model ("5400" in "Latitude 5400"),
        matched exactly: a mistyped number is another model, never a typo."""
        if len(query) < 2 or " " in query:  # "5400", "9v"
            return Resolution(reference)
        items = [
            item
            for slot in self._words.slots_of(query)
            if self._slot_type[slot] in types
            for item in self._owners[slot]
        ]
        return Resolution(reference, list(dict.fromkeys(items)), score=100.0 if items else 0.0)

    def _with_twins(self, items: list[CatalogItem], query: str) -> list[CatalogItem]:
        """Identical units (same name and model) whose name ends in the words an alias of one
        of them is: "stethoscope", one unit's alias, is either stethoscope; "spare ipad" is
        still the one unit called that."""
        groups = {item.group: item for item in items if item.type is ItemType.ASSET}
        said = (query, _last_word_singular(query))
        twins = [
            twin
            for item in groups.values()
            if any(f" {utils.default_process(item.name)}".endswith(f" {words}") for words in said)
            for twin in self._slot_of_text(utils.default_process(item.name), (ItemType.ASSET,))
            if twin.group == item.group
        ]
        return list(dict.fromkeys(items + twins))

    def _with_namesakes(self, items: list[CatalogItem], query: str, types) -> list[CatalogItem]:
        """ "scales" is the balance's alias, but the platform scales end in that word too:
        other items whose names end in the words asked are offered beside it (a question)."""
        groups = {item.group for item in items}
        shared = [*self._name_ends.get(query, ()), *self._name_modifiers.get(query, ())]
        others = [i for i in dict.fromkeys(shared) if i.group not in groups and i.type in types]
        return items + others

    def _branded(self, query: str, types: tuple[ItemType, ...]) -> list[CatalogItem]:
        """The items a maker's name followed by a name or alias of theirs means
        ("garmin sat messenger"); only items whose name says that maker."""
        words = query.split()
        for n in range(1, min(3, len(words))):
            maker = " ".join(words[:n])
            if maker not in self.manufacturers:
                continue
            rest = " ".join(words[n:])
            named = next(
                (
                    found
                    for text in (rest, _last_word_singular(rest), f"the {rest}")
                    if (found := self._slot_of_text(text, types))
                ),
                [],
            )
            theirs = [item for item in named if maker in utils.default_process(item.name)]
            if theirs:
                return theirs
            theirs = self._begun(_last_word_singular(rest), maker, types)
            if theirs:
                return theirs
        return []

    def _begun(self, words: str, maker: str, types: tuple[ItemType, ...]) -> list[CatalogItem]:
        """A maker's items with a name or alias that begins with `words` ("shure handheld" is
        the Shure whose alias is "handheld mic"): the maker said makes the short form safe."""
        begun = dict.fromkeys(  # (a name and an alias may both begin so: each unit once)
            item
            for slot, coverage in self._words.candidates(words, types, CANDIDATES)
            if coverage == 1.0 and self._texts[slot].startswith(words + " ")
            for item in self._owners[slot]
            if maker in utils.default_process(item.name)
        )
        return list(begun) if len({item.group for item in begun}) == 1 else []

    def _slot_of_text(self, text: str, types: tuple[ItemType, ...]) -> list[CatalogItem]:
        for item_type in types:
            slot = self._slot_of.get((item_type, text))
            if slot is not None:
                return list(self._owners[slot])
        return []

    def with_key(self, key: str) -> CatalogItem | None:
        """The item a tag, SKU or barcode (in any of its printed forms) names."""
        item = self.exact.get(tag_key(key))
        if item is None:
            item = next((self._by_gtin[k] for k in gtin.keys(key) if k in self._by_gtin), None)
        return item

    def _exact_hits(self, reference: str, types: tuple[ItemType, ...]) -> list[CatalogItem]:
        """The whole reference, a word or word pair of it, is a tag/SKU/barcode;
        or it is just the number of one or more tags ("1042" -> A-1042)."""
        words = re.findall(r"[\w\-./]+", reference)
        for piece in [reference] + words + [a + b for a, b in zip(words, words[1:])]:
            item = self.with_key(piece)
            if item is not None and item.type in types:
                return [item]
        if reference.strip().isdigit() and ItemType.ASSET in types:
            by_digits = list(self._by_digits.get(reference.strip(), ()))
            named = self._slot_of_text(reference.strip(), types) if by_digits else []
            return by_digits + [
                i for i in named if i not in by_digits
            ]  # "216": F-216, or the gel called 216?
        shape = TAG_SHAPE.fullmatch(reference.strip().lower())
        if shape and ItemType.ASSET in types:  # "cam-4" for CAM-004
            return list(self._by_shape.get((shape[1], int(shape[2])), ()))[:1]
        return []

    def location_named(self, words: str) -> str | None:
        """The known location called exactly `words` (any case), or None: never one only like it."""
        said = words.strip().lower()
        return next((place for place in self.places.get("location", ()) if place.lower() == said), None)

    def resolve_place(self, kind: str, text: str) -> list[str]:
        """Known places `text` may mean: the one written (any case), else the
        close ones; empty means it would be a new place."""
        return places_meant(self.places.get(kind, []), text)

    def __len__(self) -> int:
        return len(self.exact)
