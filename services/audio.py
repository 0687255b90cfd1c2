"""Audio posted to the bot, decoded with PyAV (FFmpeg inside: AAC, Opus, MP3,
WAV...) to what the recognizer takes: 16 kHz mono 16-bit PCM."""

from __future__ import annotations

import io

import av

SAMPLE_RATE = 16_000
BYTES_PER_SECOND = SAMPLE_RATE * 2
MAX_SECONDS = 60  # a spoken command is a few seconds; longer is not one


class NotAudio(ValueError):
    """The file is not sound we can use; the message says why, for people."""


def to_pcm(data: bytes, max_seconds: int = MAX_SECONDS) -> bytes:
    limit = max_seconds * BYTES_PER_SECOND
    chunks: list[bytes] = []
    size = 0
    try:
        with av.open(io.BytesIO(data)) as container:
            if not container.streams.audio:
                raise NotAudio("that file has no sound in it")
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(audio=0):
                for out in resampler.resample(frame):
                    chunk = out.to_ndarray().tobytes()
                    chunks.append(chunk)
                    size += len(chunk)
                if size > limit:
                    raise NotAudio(
                        f"that clip is longer than {max_seconds} seconds; say one command at a time"
                    )
            chunks += [out.to_ndarray().tobytes() for out in resampler.resample(None)]
    except (av.FFmpegError, UnicodeDecodeError) as error:
        raise NotAudio("I couldn't play that file as audio") from error
    pcm = b"".join(chunks)
    if len(pcm) < BYTES_PER_SECOND // 10:
        raise NotAudio("that clip is too short to hold a command")
    return pcm


def seconds(pcm: bytes) -> float:
    return len(pcm) / BYTES_PER_SECOND
