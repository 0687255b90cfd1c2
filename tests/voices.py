"""Real voice clips for tests and the benchmark: espeak-ng speaks a phrase in a
given voice and speed, noise is mixed in at a signal-to-noise ratio, and the
result is encoded as Slack would send it (M4A/AAC or WebM/Opus) with PyAV."""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import wave

import av
import numpy as np

VOICES = ("en-us", "en-gb", "en-us+f3", "en-gb-x-rp+m3")

# (what is said, the same command typed): understood alike, or the clip failed.
# Item names are the ones in tests/catalog.py.
PHRASES = [
    ("we used three boxes of paper", "used 3 boxes of PAP-A4"),
    ("used two reams of copy paper", "used 2 reams of PAP-A4"),
    ("we used one toner cartridge", "used 1 TON-26A"),
    ("we used a box of pens", "used 1 box of PEN-BLU"),
    ("we used twelve pens", "used 12 PEN-BLU"),
    ("we received two boxes of pens", "received 2 boxes of PEN-BLU"),
    ("received fifty reams of paper", "received 50 reams of PAP-A4"),
    ("received four toner cartridges", "received 4 TON-26A"),
    ("counted forty reams of paper", "counted 40 reams of PAP-A4"),
    ("took ten pens", "took 10 PEN-BLU"),
    ("check out the drill", "check out A-3001"),
    ("check out a one zero four two", "check out A-1042"),
    ("check out laptop a ten forty three", "check out A-1043"),
    ("i'm taking the beamer", "check out A-2001"),
    ("borrowing the makita drill until friday", "check out A-3001 until friday"),
    ("return the drill", "return A-3001"),
    ("check in a twenty oh one", "check in A-2001"),
    ("return laptop a ten forty two", "return A-1042"),
    ("extend the drill until monday", "extend A-3001 until monday"),
    ("who has the drill", "who has A-3001"),
    ("where is the epson projector", "where is A-2001"),
    ("is the portable projector available", "is A-2002 available"),
    ("how many toner cartridges do we have", "how many TON-26A"),
    ("how many pens are left", "how many PEN-BLU"),
    ("what is low", "what is low"),
    ("what is overdue", "what is overdue"),
    ("what do i have", "what do i have"),
    ("move the drill to meeting room a", "move A-3001 to Meeting room A"),
    ("move a twenty oh two to meeting room b", "move A-2002 to Meeting room B"),
    ("seen the epson projector in meeting room b", "seen A-2001 in Meeting room B"),
    ("audit meeting room a", "audit Meeting room A"),
    ("close the audit", "close audit"),
    ("undo that", "undo"),
]


def espeak_available() -> bool:
    """False skips the voice tests, except under scripts/test, which installs
    espeak-ng and sets QM_REQUIRE_ESPEAK so that they fail instead."""
    return shutil.which("espeak-ng") is not None or bool(os.environ.get("QM_REQUIRE_ESPEAK"))


@functools.lru_cache(maxsize=512)
def _spoken(text: str, voice: str, speed: int) -> tuple[np.ndarray, int]:
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", text], check=True, capture_output=True
    ).stdout
    with wave.open(io.BytesIO(wav)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16), w.getframerate()


def speak(
    text: str,
    voice: str = "en-us",
    speed: int = 160,
    snr_db: float | None = None,
    fmt: str = "m4a",
    seed: int = 0,
) -> bytes:
    """A clip of `text`, with a little silence around it (people start
    recording before they speak), noise at `snr_db` if given, as `fmt`:
    m4a (AAC), webm (Opus) or wav."""
    samples, rate = _spoken(text, voice, speed)
    pad = np.zeros(rate // 4, dtype=np.int16)
    signal = np.concatenate([pad, samples, pad]).astype(np.float64)
    if snr_db is not None:
        rng = np.random.default_rng(seed)
        power = np.mean(samples.astype(np.float64) ** 2)
        signal += rng.normal(0, np.sqrt(power / 10 ** (snr_db / 10)), signal.shape)
    pcm = np.clip(signal, -32768, 32767).astype(np.int16)
    return encode(pcm, rate, fmt)


def encode(pcm: np.ndarray, rate: int, fmt: str, bit_rate: int | None = None) -> bytes:
    """`pcm` in `fmt`: wav, m4a (AAC) or webm (Opus), at the encoder's own bit rate unless `bit_rate` is given."""
    out = io.BytesIO()
    if fmt == "wav":
        with wave.open(out, "wb") as w:
            w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate), w.writeframes(pcm.tobytes())
        return out.getvalue()
    container_format, codec, codec_rate = {"m4a": ("mp4", "aac", 44100), "webm": ("webm", "libopus", 48000)}[
        fmt
    ]
    with av.open(out, "w", format=container_format) as container:
        stream = container.add_stream(codec, rate=codec_rate, layout="mono")
        if bit_rate:
            stream.bit_rate = bit_rate
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = rate
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=codec_rate)
        samples = np.concatenate(
            [f.to_ndarray() for f in [*resampler.resample(frame), *resampler.resample(None)]], axis=1
        )
        size = stream.codec_context.frame_size or 1024  # encoders take whole frames
        for start in range(0, samples.shape[1], size):
            piece = np.ascontiguousarray(samples[:, start : start + size])
            chunk = av.AudioFrame.from_ndarray(piece, format=stream.format.name, layout="mono")
            chunk.sample_rate, chunk.pts = codec_rate, start
            for packet in stream.encode(chunk):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()
