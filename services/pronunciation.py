"""Pronunciations for catalog words the recognizer's dictionary lacks
("sanitizer", "hdmi", "benq"): espeak-ng's letter-to-sound rules (through
phonemizer, with the espeak-ng library and data that the espeakng-loader
wheel ships) give IPA, mapped here to the acoustic model's ARPAbet phones.
A word no rule can voice is reported by the caller, never silently dropped."""

from __future__ import annotations

import functools
import logging
import unicodedata

log = logging.getLogger(__name__)

# IPA as espeak-ng writes US English, to the 39 phones of pocketsphinx's
# en-us model (CMUdict's set). Length marks and stress are dropped first;
# longer symbols are matched before their prefixes.
IPA_TO_ARPABET = {
    "aɪə": "AY AH",
    "aɪɚ": "AY ER",
    "aʊ": "AW",
    "aɪ": "AY",
    "eɪ": "EY",
    "oʊ": "OW",
    "əʊ": "OW",
    "ɔɪ": "OY",
    "iə": "IY AH",
    "ɪə": "IH AH",
    "ɑɹ": "AA R",
    "ɔɹ": "AO R",
    "ɛɹ": "EH R",
    "ɪɹ": "IH R",
    "ʊɹ": "UH R",
    "tʃ": "CH",
    "dʒ": "JH",
    "a": "AA",
    "æ": "AE",
    "ɐ": "AH",
    "ɑ": "AA",
    "ɒ": "AA",
    "ɔ": "AO",
    "ʌ": "AH",
    "ə": "AH",
    "ɚ": "ER",
    "ɝ": "ER",
    "ɜ": "ER",
    "ɛ": "EH",
    "e": "EY",
    "ɪ": "IH",
    "ᵻ": "IH",
    "i": "IY",
    "o": "OW",
    "ʊ": "UH",
    "u": "UW",
    "b": "B",
    "d": "D",
    "f": "F",
    "ɡ": "G",
    "g": "G",
    "h": "HH",
    "j": "Y",
    "k": "K",
    "l": "L",
    "ɫ": "L",
    "m": "M",
    "n": "N",
    "ŋ": "NG",
    "p": "P",
    "ɹ": "R",
    "r": "R",
    "s": "S",
    "ʃ": "SH",
    "t": "T",
    "ɾ": "T",  # the American flap: CMUdict writes "eighty" EY T IY
    "ʔ": "T",
    "θ": "TH",
    "ð": "DH",
    "v": "V",
    "w": "W",
    "ʍ": "W",
    "x": "K",
    "z": "Z",
    "ʒ": "ZH",
}
_SYMBOLS = sorted(IPA_TO_ARPABET, key=len, reverse=True)
_DROPPED = {"ː", "ˈ", "ˌ", "\u0329", "\u032f", "-"}  # length, stress, syllabic and non-syllabic marks


def arpabet(ipa: str) -> str | None:
    """ARPAbet phones for IPA phones separated by spaces (a symbol is read
    within its own phone: "t ʃ" is two phones, "tʃ" one), or None if some
    symbol has no phone."""
    phones: list[str] = []
    for token in ipa.replace("|", " ").split():
        text = "".join(ch for ch in unicodedata.normalize("NFD", token) if ch not in _DROPPED)
        while text:
            symbol = next((s for s in _SYMBOLS if text.startswith(s)), None)
            if symbol is None:
                return None
            phones.append(IPA_TO_ARPABET[symbol])
            text = text[len(symbol) :]
    return " ".join(phones) or None


@functools.lru_cache(maxsize=1)
def _backend():
    import espeakng_loader
    from phonemizer.backend import EspeakBackend
    from phonemizer.backend.espeak.wrapper import EspeakWrapper

    EspeakWrapper.set_library(espeakng_loader.get_library_path())
    EspeakWrapper.set_data_path(espeakng_loader.get_data_path())
    return EspeakBackend("en-us", with_stress=False)


def guess(words: list[str]) -> dict[str, str | None]:
    """ARPAbet phones for each word by espeak-ng's rules (None: not voiceable)."""
    if not words:
        return {}
    try:
        from phonemizer.separator import Separator

        ipa = _backend().phonemize(
            list(words), separator=Separator(phone=" ", word=" | ", syllable=""), strip=True
        )
    except Exception:  # the library missing or failing: the words are reported, not guessed
        log.exception("espeak-ng letter-to-sound is unavailable")
        return dict.fromkeys(words)
    return {word: arpabet(said) for word, said in zip(words, ipa, strict=True)}
