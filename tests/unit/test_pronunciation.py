"""Pronunciations made for catalog words the recognizer's dictionary lacks."""

import pytest

from services import pronunciation


@pytest.mark.parametrize(
    "ipa,phones",
    [
        ("s æ n ɪ t aɪ z ɚ", "S AE N IH T AY Z ER"),  # sanitizer
        ("b ɑːɹ k oʊ d", "B AA R K OW D"),  # barcode: length mark dropped, r-coloured vowel split
        ("eɪ tʃ d iː ɛ m aɪ", "EY CH D IY EH M AY"),  # hdmi: an affricate is one phone
        ("t ʃ", "T SH"),  # ... but two phones written apart are two
        ("ɑː ɾ ə s k oʊ p", "AA T AH S K OW P"),  # otoscope: the flap is a T, as in CMUdict
    ],
)
def test_ipa_maps_to_the_models_phones(ipa, phones):
    assert pronunciation.arpabet(ipa) == phones


def test_a_symbol_with_no_phone_makes_no_pronunciation():
    assert pronunciation.arpabet("b ʘ") is None  # a click: no English phone
    assert pronunciation.arpabet("") is None


def test_words_missing_from_the_dictionary_are_voiced_by_espeak_rules():
    guessed = pronunciation.guess(["sanitizer", "benq", "nitrile"])
    assert guessed == {"sanitizer": "S AE N IH T AY Z ER", "benq": "B EH NG K", "nitrile": "N AY T R AY L"}


def test_when_the_rules_are_unavailable_every_word_is_reported_unvoiced(monkeypatch):
    def broken():
        raise OSError("libespeak-ng.so: cannot open shared object file")

    monkeypatch.setattr(pronunciation, "_backend", broken)
    assert pronunciation.guess(["sanitizer"]) == {"sanitizer": None}
