"""Catalog words a recognizer wrote another way: Whisper knows English, not the
catalog, so it writes "cannon" for the Canon, "latter" for the ladder and
"natural gloves" for the nitrile ones. A word of an item's name that matches
nothing is replaced by the one catalog word that sounds the same (Metaphone
or NYSIIS, from jellyfish) and is spelled alike; anything less sure is left
as heard, so the reply says what was not found instead of guessing."""

from __future__ import annotations

import threading
import weakref

import jellyfish
from rapidfuzz import fuzz

from domain.values import singular
from services.word_index import STOPWORDS

# How alike the spellings must be besides the sound and the first letter: "pence"
# is "pens" (67), "bank" is "benq" (50). Ordinary words pass too ("letter" sounds
# like "ladder"), so the reply always says what a word was taken for.
SPELLED_ALIKE = 50
SHORTEST = 3  # "a", "it", "to" sound like too much


def _codes(word: str) -> tuple[str, str]:
    return jellyfish.metaphone(word), jellyfish.nysiis(word)


class SoundIndex:
    """The catalog's words by how they sound."""

    def __init__(self, words):
        self._words = set(words)
        self._by_code: dict[str, set[str]] = {}
        for word in self._words:
            if len(word) >= SHORTEST and word.isalpha():
                for code in _codes(word):
                    self._by_code.setdefault(code, set()).add(word)

    def closest(self, heard: str) -> str | None:
        """The catalog word `heard` stands for, when exactly one fits."""
        word = heard.lower()
        if self._known(word) or len(word) < SHORTEST or not word.isalpha():
            return None
        found = {w for code in _codes(word) for w in self._by_code.get(code, ())}
        fits = [w for w in found if w[0] == word[0] and fuzz.ratio(word, w) >= SPELLED_ALIKE]
        return fits[0] if len(fits) == 1 else None

    def respell(self, reference: str) -> str | None:
        """`reference` with each unknown word put back as the catalog word it
        sounds like. None when no word changed, or when a word is still unknown
        after: "coffee later" is not the coffee ladder, it is no item at all."""
        words = reference.split()
        fixed = [self.closest(w) or w for w in words]
        if fixed == words or not all(self._known(w) for w in fixed):
            return None
        return " ".join(fixed)

    def _known(self, word: str) -> bool:
        word = word.lower().strip(",.?!")
        return word in STOPWORDS or word in self._words or singular(word) in self._words


_indexes: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def sounds_of(index) -> SoundIndex:
    """One SoundIndex per catalog version (built once, on the first clip after a change)."""
    with _lock:
        sounds = _indexes.get(index)
        if sounds is None:
            sounds = _indexes[index] = SoundIndex(index.words())
        return sounds
