"""The catalog's phrases by the words in them, for picking the few dozen
phrases worth scoring against a query.

Each word's postings (the phrases it is in) are a numpy array, and a query adds
its words' weights up in numpy rather than in a Python loop: in a big catalog
the words of stock names ("small", "printer", "m8") are each in a tenth of all
phrases, and the loop over them took 20-30 ms for the slowest 1% of messages
at a million items."""

from __future__ import annotations

import math
import threading
from collections import defaultdict

import numpy as np
from rapidfuzz import fuzz, process

from domain.ledger import ItemType
from domain.values import singular

WORD_MATCH = 75  # a mistyped word still counts as that word at this ratio
ABBREVIATED = 0.9  # how much a word cut short ("steth") counts as the word it begins
SEED_CAP = 500  # a reading of the rarest word seeds candidates while it is this rare
# Everyday words said of things in general, never read as a typo of a catalog word
# (when the catalog has the word itself, it is that word).
EVERYDAY = frozenset(
    "stuff things thing items item gear everything anything something nothing lot bits bit one ones "
    "other others rest same spare new old own".split()
)
STOPWORDS = frozenset("the a an of for my our some this that these those to with and from in on at".split())
TYPE_CODES = {item_type: code for code, item_type in enumerate(ItemType)}


class WordIndex:
    """Built with `add` for every phrase (its slot and text), then `seal`ed."""

    def __init__(self) -> None:
        self._lists: dict[str, list[int]] = defaultdict(list)
        self._local = threading.local()  # per-thread scratch arrays, one catalog's size

    def add(self, slot: int, text: str) -> None:
        for token in set(text.split()):
            self._lists[token].append(slot)

    def seal(self, slot_types: list[ItemType]) -> None:
        """Ends the build: postings become arrays and each word's weight is fixed."""
        self._postings = {word: np.array(slots, dtype=np.int32) for word, slots in self._lists.items()}
        del self._lists
        self._slot_types = np.array([TYPE_CODES[t] for t in slot_types], dtype=np.int8)
        self._vocabulary: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in self._postings:
            self._vocabulary[(word[0], len(word))].append(word)
        self._idf = {w: math.log(1 + len(slot_types) / len(slots)) for w, slots in self._postings.items()}
        self._typical_idf = sorted(self._idf.values())[len(self._idf) // 2] if self._idf else 1.0

    def candidates(self, query: str, types: tuple[ItemType, ...], limit: int) -> list[tuple[int, float]]:
        """Up to `limit` phrases sharing (possibly mistyped) words with the
        query, best first, with the share of the query's weight they cover:
        rare words weigh most, and a word that matches nothing in the catalog
        counts against every phrase. The rarest words seed the candidates;
        common words ("laptop") only add weight to those."""
        tokens = set(query.split()) - STOPWORDS or set(query.split())
        matched = []
        total = 0.0
        for token in tokens:
            similar = self.similar_words(token)
            top = max((self._idf[word] for word, _ in similar), default=self._typical_idf)
            total += top
            # the word as said, or its plural or singular, counts in full; a typo's reading by its own weight
            matched += [
                (top if similarity == 1.0 else self._idf[word] * similarity, word, token)
                for word, similarity in similar
            ]
        weights, stamps, query_id = self._scratch()
        seeded: list[np.ndarray] = []  # the candidates, in the order they were first found
        size = 0
        matched.sort(reverse=True)
        seed = matched[0][2] if matched else None  # every reading of the rarest word seeds ("steth")
        for weight, word, token in matched:
            postings = self._postings[word]
            if not size or len(postings) <= size or (token == seed and len(postings) <= SEED_CAP):
                fresh = stamps[postings] != query_id
                new = postings[fresh]
                stamps[new] = query_id
                weights[new] = weight  # what an earlier query left there is never read
                weights[postings[~fresh]] += weight
                seeded.append(new)
                size += len(new)
            else:
                weights[postings[stamps[postings] == query_id]] += weight
        if not seeded:
            return []
        slots = np.concatenate(seeded)
        if len(set(types)) < len(TYPE_CODES):
            slots = slots[self._allowed(types)[self._slot_types[slots]]]
        best = slots[_largest_first(weights[slots], limit)]
        return [(slot, min(1.0, w / total)) for slot, w in zip(best.tolist(), weights[best].tolist())]

    def similar_words(self, token: str) -> list[tuple[str, float]]:
        """The word itself, or the closest catalog words of similar length and
        the same first letter (typos rarely hit the first letter)."""
        forms = [
            form
            for form in dict.fromkeys((token, singular(token), token + "s", token + "es"))
            if form in self._postings  # "ipads" is the word "ipad", and "cards" also "card"
        ]
        if forms:
            return [(form, 1.0) for form in forms]
        if token in EVERYDAY:
            return []  # "all her stuff" is no typo of the staff room kettle
        nearby = [
            w for n in range(len(token) - 2, len(token) + 3) for w in self._vocabulary.get((token[0], n), ())
        ]
        matches = process.extract(token, nearby, scorer=fuzz.ratio, score_cutoff=WORD_MATCH, limit=3)
        return [(word, score / 100) for word, score, _ in matches] + self._shortened(token)

    def _shortened(self, token: str) -> list[tuple[str, float]]:
        """ "steth" for "stethoscope": a word cut short (4 letters or more) stands
        for the longer catalog words it begins, while they are few."""
        if len(token) < 4 or not token.isalpha():
            return []
        longer = [
            w
            for n in range(len(token) + 3, len(token) + 14)
            for w in self._vocabulary.get((token[0], n), ())
            if w.startswith(token)
        ]
        return [(word, ABBREVIATED) for word in longer] if len(longer) <= 3 else []

    def words(self):
        return self._postings.keys()

    def has(self, word: str) -> bool:
        """Whether `word` is, exactly, a word of some phrase."""
        return word in self._postings

    def slots_of(self, word: str) -> list[int]:
        """The phrases a word is in, exactly ("5400" in "latitude 5400")."""
        found = self._postings.get(word)
        return [] if found is None else found.tolist()

    def _scratch(self) -> tuple[np.ndarray, np.ndarray, int]:
        """A weight per phrase, and a stamp marking the phrases this query has
        found (so nothing needs clearing between queries); per thread, as the
        bot may resolve on several threads at once."""
        local = self._local
        if getattr(local, "stamps", None) is None or local.query == np.iinfo(np.int32).max:
            local.weights = np.zeros(len(self._slot_types), dtype=np.float64)
            local.stamps = np.zeros(len(self._slot_types), dtype=np.int32)
            local.query = 0
        local.query += 1
        return local.weights, local.stamps, local.query

    def _allowed(self, types: tuple[ItemType, ...]) -> np.ndarray:
        allowed = np.zeros(len(TYPE_CODES), dtype=bool)
        allowed[[TYPE_CODES[t] for t in types]] = True
        return allowed


def _largest_first(values: np.ndarray, limit: int) -> np.ndarray:
    """Positions of the `limit` largest values, largest first; equal values in
    the order they come (as `sorted(..., reverse=True)` keeps them)."""
    positions = _upper_part(values, limit)
    upper = values[positions]
    if len(upper) > limit:
        threshold = np.partition(upper, len(upper) - limit)[len(upper) - limit]
        above = np.flatnonzero(upper > threshold)
        tied = np.flatnonzero(upper == threshold)[: limit - len(above)]
        chosen = np.sort(np.concatenate([above, tied]))
    else:
        chosen = np.arange(len(upper))
    return positions[chosen[np.argsort(-upper[chosen], kind="stable")]]


def _upper_part(values: np.ndarray, limit: int) -> np.ndarray:
    """Positions, in order, of the first `limit` values equal to the best if
    there are that many, else of the values at least half the best (or a
    quarter...) if there are `limit` of those: the largest are all among them,
    and selecting among them alone saves a millisecond a query at a million
    items."""
    if len(values) > limit:
        best = values.max()
        tied_best = np.flatnonzero(values == best)
        if len(tied_best) >= limit:  # "projector": every projector ties
            return tied_best[:limit]
        floor = float(best)
        for _ in range(4):
            floor /= 2
            positions = np.flatnonzero(values >= floor)
            if len(positions) >= limit:
                return positions
    return np.arange(len(values))
