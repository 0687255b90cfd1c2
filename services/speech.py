"""Offline speech recognition with pocketsphinx (its US English model ships in
the wheel). A grammar of the command language, built from the catalog, does
the work; the general language model is only a fallback, to say what was heard
when the grammar finds nothing."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import numpy as np
from pocketsphinx import Decoder

from domain.language import chatter, grammar
from services import pronunciation
from services.audio import SAMPLE_RATE, seconds
from services.catalog_cache import CatalogCache
from services.resolver import CatalogIndex

# Measured with bench/voice.py: the lattice rescoring pass costs more than the
# search itself on a grammar this wide and improves nothing; a low word
# insertion penalty keeps noise from being heard as extra words ("...a three oh");
# beams wider than the defaults keep the right sentence from being pruned
# half-way ("we received two staplers" found nothing), for about 20% more time.
COMMAND_OPTIONS: dict = {"bestpath": False, "wip": 1e-3, "beam": 1e-70, "wbeam": 1e-50, "pbeam": 1e-70}
# Faint noise (about -60 dBFS) under the clip: stretches of digital silence
# (exact zeros, as codecs and synthesizers make) throw the acoustic model's
# feature normalization off, and the last word of a command goes missing.
NOISE_FLOOR = 30.0
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Heard:
    text: str  # "" when nothing was caught
    by_grammar: bool  # False: the general model's guess, not a command it understood
    seconds: float  # length of the audio
    elapsed: float  # time spent recognizing it


def with_noise_floor(pcm: bytes) -> bytes:
    samples = np.frombuffer(pcm, dtype=np.int16).astype(np.float32)
    samples += np.random.default_rng(len(pcm)).normal(0.0, NOISE_FLOOR, samples.shape).astype(np.float32)
    return np.clip(samples, -32768, 32767).astype(np.int16).tobytes()


def _decode(decoder: Decoder, pcm: bytes) -> str:
    # The whole clip at once: its features are normalized over the clip itself,
    # not carried over from whoever spoke before.
    decoder.start_utt()
    decoder.process_raw(pcm, False, True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return hypothesis.hypstr.strip() if hypothesis else ""


class Recognizer:
    """Thread-safe: decoders are not, so one clip is recognized at a time
    (a few hundred milliseconds for a spoken command)."""

    def __init__(self, catalog: CatalogCache):
        self.catalog = catalog
        self._lock = threading.Lock()
        self._commands: Decoder | None = None
        self._general: Decoder | None = None
        self._built_for: CatalogIndex | None = None
        self._searches = 0
        self.unvoiced: list[str] = []  # catalog words no pronunciation could be made for

    def transcribe(self, pcm: bytes, general_only: bool = False) -> Heard:
        started = time.perf_counter()
        pcm = with_noise_floor(pcm)
        index = None if general_only else self.catalog.index()
        with self._lock:
            text = "" if general_only else _decode(self._command_decoder(index), pcm)
            if grammar.CHATTER_PREFIX in text:  # heard along the chatter loop: no command
                text = ""
            by_grammar = bool(text)
            if not text:
                text = _decode(self._general_decoder(), pcm)
        return Heard(text, by_grammar, seconds(pcm), time.perf_counter() - started)

    def grammar(self) -> str:
        """The grammar for the catalog as it is now (to read when a phrase is not heard)."""
        return grammar.build(vocabulary(self.catalog.index()), self._pronounceable)

    def _command_decoder(self, index: CatalogIndex) -> Decoder:
        if self._commands is None:
            self._commands = Decoder(lm=None, samprate=SAMPLE_RATE, loglevel="FATAL", **COMMAND_OPTIONS)
        if index is not self._built_for:
            # A new search per catalog version; the old one is dropped.
            self._searches += 1
            name = f"commands{self._searches}"
            words = vocabulary(index)
            self._voice(self._commands, grammar.catalog_words(words))
            loop = self._chatter_words(self._commands)
            self._commands.add_jsgf_string(name, grammar.build(words, self._pronounceable, loop))
            self._commands.activate_search(name)
            if self._searches > 1:
                self._commands.remove_search(f"commands{self._searches - 1}")
            self._built_for = index
        return self._commands

    def _voice(self, decoder: Decoder, words: set[str]) -> None:
        """Adds a pronunciation for each catalog word the dictionary lacks;
        reports the words none can be made for (they can't be said)."""
        missing = sorted(w for w in words if decoder.lookup_word(w) is None)
        unvoiced = []
        for word, phones in pronunciation.guess(missing).items():
            if phones:
                decoder.add_word(word, phones, False)
            else:
                unvoiced.append(word)
        if unvoiced:
            log.warning(
                "no pronunciation for %d catalog words, which can't be said: %s", len(unvoiced), unvoiced[:50]
            )
        self.unvoiced = unvoiced

    def _chatter_words(self, decoder: Decoder) -> list[str]:
        """The chatter loop's words, each added to the dictionary under its
        marked name with its own pronunciation."""
        words = []
        for word in chatter.WORDS:
            phones = decoder.lookup_word(word)
            if phones and decoder.lookup_word(grammar.CHATTER_PREFIX + word) is None:
                decoder.add_word(grammar.CHATTER_PREFIX + word, phones, False)
            if phones:
                words.append(word)
        return words

    def _general_decoder(self) -> Decoder:
        if self._general is None:
            self._general = Decoder(samprate=SAMPLE_RATE, loglevel="FATAL")
        return self._general

    def _pronounceable(self, word: str) -> bool:
        decoder = self._commands or self._general_decoder()
        return decoder.lookup_word(word) is not None


def vocabulary(index: CatalogIndex) -> grammar.Vocabulary:
    return grammar.Vocabulary(
        items=index.phrases(),
        places=[p for names in index.places.values() for p in names],
        packs=index.pack_names(),
        keys=index.keys(),
        kinds=sorted(index.categories),
    )
