"""Item words a recognizer wrote another way are put back as the catalog word
that sounds the same and is spelled alike, only when exactly one is."""

import pytest

from services.sound_alike import SoundIndex

CATALOG_WORDS = (
    "canon eos r6 camera ladder nitrile gloves benq projector pens ipad omron hdmi cable bag".split()
)


@pytest.fixture(scope="module")
def sounds():
    return SoundIndex(CATALOG_WORDS)


@pytest.mark.parametrize(
    "heard,meant",
    [
        ("the cannon", "the canon"),
        ("latter", "ladder"),
        ("natural gloves", "nitrile gloves"),
        ("the bank projectors", "the benq projectors"),
        ("bank projector", "benq projector"),
        ("pence", "pens"),
        ("iPod", "ipad"),
    ],
)
def test_a_word_heard_for_a_catalog_word_is_put_back(sounds, heard, meant):
    assert sounds.respell(heard) == meant


@pytest.mark.parametrize("heard", ["the trumpet", "coffee later", "ipad", "a to", "mag on hdmi cables"])
def test_words_that_sound_like_nothing_or_are_catalog_words_stay(sounds, heard):
    assert sounds.respell(heard) is None


def test_two_catalog_words_that_sound_alike_leave_the_word_as_heard():
    sounds = SoundIndex(["pens", "pence"])
    assert sounds.closest("pennce") is None
