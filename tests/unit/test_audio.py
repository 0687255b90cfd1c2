"""Clips decoded with PyAV to 16 kHz mono PCM, and files that are not clips."""

import pytest

from services.audio import NotAudio, seconds, to_pcm
from tests.voices import encode, espeak_available, speak

pytestmark = pytest.mark.skipif(
    not espeak_available(), reason="espeak-ng makes the clips (scripts/test installs it)"
)


@pytest.mark.parametrize("fmt", ["m4a", "webm", "wav"])
def test_clips_in_each_format_decode_to_the_same_length(fmt):
    reference = seconds(to_pcm(speak("check out the drill", fmt="wav")))
    assert seconds(to_pcm(speak("check out the drill", fmt=fmt))) == pytest.approx(reference, abs=0.08)


def encode_picture() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (32, 32)).save(out, format="PNG")
    return out.getvalue()


def test_what_is_not_audio_is_refused_with_a_reason():
    import numpy as np

    with pytest.raises(NotAudio, match="couldn't play"):
        to_pcm(b"\x00\x01 not a sound at all")
    with pytest.raises(NotAudio, match="no sound in it"):
        to_pcm(encode_picture())
    with pytest.raises(NotAudio, match="too short"):
        to_pcm(encode(np.zeros(100, dtype=np.int16), 16000, "wav"))
    with pytest.raises(NotAudio, match="longer than 2 seconds"):
        to_pcm(encode(np.zeros(16000 * 3, dtype=np.int16), 16000, "m4a"), max_seconds=2)
