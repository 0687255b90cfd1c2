"""Voice commands: clips of 33 phrasings in four espeak-ng voices at several
speeds, some with noise, as M4A/AAC and WebM/Opus, recognized offline by the
product's recognizer (services.speech). A clip counts when the command
understood from it equals the one understood from the same command typed.
Usage: python -m bench.voice [--quick]"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

from bench.report import write_section
from bot.bootstrap import bootstrap
from bot.settings import Settings
from domain.language import parse
from services.audio import seconds, to_pcm
from services.sound_alike import sounds_of
from services.speech import Recognizer
from services.voice import meaning, read_best
from tests.catalog import seed
from tests.voices import PHRASES, VOICES, speak

NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)
SPEEDS = (150, 175, 135, 165)
NOISE_DB = (None, 25, None, 20)
STRESS_DB = 15  # a loud room: reported beside the suite, not part of it
TARGETS = {"accuracy": 0.90, "rtf": 0.10}
# Things people say that are no command: how often one is read as a command.
CHATTER = [
    "the weather is lovely today in the garden",
    "can you call me back after lunch",
    "i think the meeting moved to thursday",
    "please send the invoice to accounting",
    "my cat likes to sleep on the sofa",
    "hello is anybody there",
    "we should order pizza for the team",
    "the train was late again this morning",
]


def clips(per_phrase: int = 4):
    for n, (spoken, typed) in enumerate(PHRASES):
        for k in range(per_phrase):
            variant = (n + k) % 4
            yield spoken, typed, VOICES[variant], SPEEDS[k], NOISE_DB[k], ("m4a", "webm")[(n + k) % 2]


def run(recognizer: Recognizer, suite):
    """(accuracy, real-time factor, accuracy by condition, missed clips)."""
    index = recognizer.catalog.index()
    audio, busy, misses = 0.0, 0.0, []
    by_condition: dict[str, list[bool]] = {}
    for spoken, typed, voice, speed, noise, fmt, clip in suite:
        started = time.perf_counter()
        heard = recognizer.transcribe(to_pcm(clip))
        busy += time.perf_counter() - started
        audio += heard.seconds
        expected = meaning(parse(typed, NOW), index)
        right = bool(heard.text) and meaning(understood(heard, index), index) == expected
        for condition in (voice, f"noise {noise} dB" if noise else "no noise", fmt):
            by_condition.setdefault(condition, []).append(right)
        if not right:
            misses.append(f"{voice}/{speed}/{noise or '-'}/{fmt}: “{spoken}” heard “{heard.text}”")
    accuracy = 1 - len(misses) / len(suite)
    return accuracy, busy / audio, {c: sum(v) / len(v) for c, v in by_condition.items()}, misses


def understood(heard, index):
    """What the product takes a clip for: the first of the recognizer's hypotheses that names catalog items."""
    return read_best(heard.readings(), lambda words: parse(words, NOW), index).commands


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        app = bootstrap(Settings.from_env({"DATABASE_URL": f"sqlite:///{Path(tmp) / 'voice.db'}"}))
        seed(app.uow)
        recognizer = Recognizer(app.assistant.catalog)
        suite = [
            (*c, speak(c[0], c[2], c[3], c[4], c[5], seed=i)) for i, c in enumerate(clips(1 if quick else 4))
        ]
        recognizer.transcribe(to_pcm(suite[0][-1]))  # loads the model
        accuracy, rtf, conditions, misses = run(recognizer, suite)
        print(f"{accuracy:.1%} rtf {rtf:.3f}", {c: f"{a:.0%}" for c, a in conditions.items()})
        print("\n".join(misses))
        if quick:
            return
        index = recognizer.catalog.index()
        stress = [
            (
                s,
                t,
                VOICES[n % 4],
                SPEEDS[n % 4],
                STRESS_DB,
                "m4a",
                speak(s, VOICES[n % 4], SPEEDS[n % 4], STRESS_DB, "m4a", seed=n),
            )
            for n, (s, t) in enumerate(PHRASES)
        ]
        stress_accuracy, stress_rtf, _, _ = run(recognizer, stress)
        taken = sum(
            1
            for n, said in enumerate(CHATTER)
            for voice in VOICES[:2]
            if not meaning(
                understood(recognizer.transcribe(to_pcm(speak(said, voice, 155, seed=n))).text, index), index
            ).startswith("(")
        )
    big_sounds, big_rtf = big_catalog()
    total = sum(seconds(to_pcm(c[-1])) for c in suite)
    met = lambda ok: "met" if ok else "**not met**"  # noqa: E731
    breakdown = ", ".join(f"{c} {a:.0%}" for c, a in conditions.items())
    write_section(
        "voice",
        f"""## Voice commands (`python -m bench.voice`)

{len(suite)} clips: {len(PHRASES)} phrasings x 4 variants across {len(VOICES)} espeak-ng voices ({", ".join(VOICES)}),
speeds {min(SPEEDS)}-{max(SPEEDS)} words/min, half with white noise at 20-25 dB SNR, half M4A/AAC and half WebM/Opus;
{total:.0f} s of audio in all. A clip counts when the command understood from its transcript (intent, items,
quantity, pack, place, date) equals the one understood from the same command typed.

| recognizer | command accuracy | real-time factor |
|---|---|---|
| Whisper tiny.en (the product) | {accuracy:.1%} | {rtf:.3f} |
| the product, every phrasing once at {STRESS_DB} dB SNR (a loud room; not part of the suite) | {stress_accuracy:.1%} | {stress_rtf:.3f} |

Chatter that is no command ({len(CHATTER)} sentences in two voices) was taken for a command {taken} times in
{2 * len(CHATTER)}. The reply always starts with what was heard, and a change waits for Confirm by the speaker.

Before Whisper (run 2026-12-06), the pocketsphinx grammar, tuned while watching this suite, measured 88.6% at a
real-time factor of 0.138 (78.8% at 15 dB SNR) and took chatter for a command 4 times in 16. Whisper tiny.en
hears espeak-ng's voices poorly ("reams" as "rings"), so it loses here; on phrasings, voices and rooms nobody
here chose (`bench/field_voice.py`) the grammar measured 19% of clean commands right and Whisper 39-46%.

With a generated catalog of 100,000 assets and 20,000 stock items, the catalog's words are indexed by sound in
{big_sounds * 1000:.0f} ms (once per catalog version, with the first clip after a change), and hearing a clip and reading
it against the catalog runs at a real-time factor of {big_rtf:.2f}.

Targets: accuracy >= {TARGETS["accuracy"]:.0%} ({met(accuracy >= TARGETS["accuracy"])}), real-time factor <= {TARGETS["rtf"]}
({met(rtf <= TARGETS["rtf"])}). By condition (product): {breakdown}. Decoding the clip with PyAV is not included
(a few ms per clip). This suite's phrasings were written beside the language layer: `python -m bench.field_voice`
measures phrasings, voices and rooms nobody here chose. Synthetic voices are harder for the acoustic model than people in
some ways (flat prosody) and easier in others (no accents, no hesitation). The misses:
{chr(10).join("- " + m for m in misses) or "- none"}
""",
    )


def big_catalog() -> tuple[float, float]:
    """(seconds to index the catalog's words by sound, real-time factor of hearing
    and reading a clip) over a large catalog."""
    from bench.catalog_gen import generate
    from services.resolver import CatalogIndex

    assets, stock = generate(100_000, 20_000)
    index = CatalogIndex(
        assets, stock, {"location": {"Warehouse", "Meeting room B"}, "department": {"Sales"}}
    )
    recognizer = Recognizer(SimpleNamespace(index=lambda: index))
    phrases = [
        "we used three boxes of printer paper",
        "check out the dell latitude",
        "how many toner cartridges are left",
        "who has the makita drill",
        "received two packs of markers",
    ]
    clips = [to_pcm(speak(p, VOICES[n % 4], 150)) for n, p in enumerate(phrases)]
    recognizer.transcribe(clips[0])  # loads the model
    started = time.perf_counter()
    sounds_of(index)
    indexing = time.perf_counter() - started
    busy = audio = 0.0
    for clip in clips:
        started = time.perf_counter()
        heard = recognizer.transcribe(clip)
        understood(heard, index)
        busy, audio = busy + time.perf_counter() - started, audio + heard.seconds
    return indexing, busy / audio


if __name__ == "__main__":
    main()
