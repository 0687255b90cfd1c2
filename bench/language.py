"""Parse + resolve per message over a generated catalog (by default 100,000
assets and 20,000 stock items; `--items N` keeps that 5:1 split), against a
naive rapidfuzz extractOne over all names in the same run (default size only:
it takes about a second a message at a million). Usage:
    python -m bench.language [--items 1000000] [--passes 5]"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import time
from datetime import datetime, timezone

from rapidfuzz import fuzz, process

from bench.catalog_gen import generate
from bench.report import write_section
from domain import commands as C
from domain.errors import DomainError
from domain.language import parse
from services.places import NeedsPlace
from services.resolver import CatalogIndex
from services.understanding import NeedsChoice, understand
from tests.language import catalog as corpus_catalog
from tests.language.test_corpus import CASES

NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)
DEFAULT_ITEMS = 120_000
# Issue 3 set p50 and build; issue 15 tightened p99 from 15 ms to 5 ms. All at the default size.
TARGETS = {"p50_ms": 3.0, "p99_ms": 5.0, "build_s": 3.0, "peak_mb": 300.0}


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]  # a dropped letter, the commonest slip


def generated_queries(assets, stock, rng, count) -> list[tuple[str, set[str]]]:
    """Messages about a random item, with the keys that would be right."""
    groups: dict[str, set[str]] = {}
    for tag, name, model, *_ in assets:
        groups.setdefault(name, set()).add(tag)
    queries = []
    for _ in range(count):
        if rng.random() < 0.6:
            tag, name, model, manufacturer, kind, _ = rng.choice(assets)
            words = rng.choice([name, model, f"{model} {kind}"]).split()
            text = " ".join(typo(w, rng) if rng.random() < 0.3 else w for w in words)
            queries.append((f"check out the {text}", groups[name]))
        else:
            sku, name, *_ = rng.choice(stock)
            text = " ".join(typo(w, rng) if rng.random() < 0.3 else w for w in name.split())
            queries.append((f"used 3 {text}", {sku}))
    return queries


def ours(index: CatalogIndex, text: str) -> tuple[set[str], bool]:
    """Keys understood for the message's first item, and whether it was clear."""
    commands = parse(text, NOW, timezone.utc)
    try:
        understood = understand(commands, index)
        return {i.key for i in understood[0].items}, True
    except NeedsChoice as choice:
        return {i.key for i in choice.candidates}, False
    except (NeedsPlace, DomainError):
        return set(), False


def naive(names: list[str], keys: list[str], text: str) -> set[str]:
    commands = parse(text, NOW, timezone.utc)
    ref = commands[0].ref if commands and commands[0].ref else text
    best = process.extractOne(ref, names, scorer=fuzz.WRatio)
    return {keys[best[2]]} if best else set()


def _outcome(result: tuple[set[str], bool], right: set[str]) -> str:
    found, clear = result
    if not found:
        return "not found"
    if not clear:
        return "asked"
    return "right" if _hit(found, right) else "wrong item"


def _hit(found: set[str], right: set[str]) -> bool:
    return bool(found) and found <= right


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def cpu_timed(fn, *args) -> tuple[float, float]:
    """Wall and CPU milliseconds: on a shared machine the wall time also counts
    the moments another process had the core."""
    start, cpu_start = time.perf_counter(), time.thread_time()
    fn(*args)
    return (time.perf_counter() - start) * 1000, (time.thread_time() - cpu_start) * 1000


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def expected_keys(expected: str) -> set[str] | None:
    """Keys of the first command in a corpus expectation, if it names items."""
    first = expected.split(" ; ")[0].split()
    if (
        first[0] in ("unknown", "refuse", "not_found", "ask")
        or len(first) < 2
        or first[0] in {c.name for c in (C.AddAsset, C.AddStock, C.AcceptAlias, C.DismissAlias)}
    ):
        return None
    return set(first[1].split("|")) if "-" in first[1] else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--items", type=int, default=DEFAULT_ITEMS, help="catalog size: 5 assets to 1 stock item"
    )
    parser.add_argument("--passes", type=int, default=5, help="timing passes over every message")
    args = parser.parse_args()
    rng = random.Random(3)
    asset_count = args.items * 5 // 6
    assets, stock = generate(asset_count, args.items - asset_count)
    assets += corpus_catalog.ASSETS
    stock += corpus_catalog.STOCK
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    index = CatalogIndex(assets, stock, corpus_catalog.PLACES)
    build_s = time.perf_counter() - start
    gc.freeze()  # as the service does after a build
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    messages = [text for text, _ in CASES] + [q for q, _ in generated_queries(assets, stock, rng, 1000)]
    for text in messages[:50]:
        ours(index, text)  # warm caches the way a running bot has them
    timings = [[cpu_timed(ours, index, text) for text in messages] for _ in range(args.passes)]
    passes = [[wall for wall, _ in one_pass] for one_pass in timings]
    our_ms = [ms for one_pass in passes for ms in one_pass]
    cpu_ms = [cpu for one_pass in timings for _, cpu in one_pass]
    targets = generated_queries(assets, stock, random.Random(11), 300)
    outcomes = [_outcome(ours(index, t), k) for t, k in targets]
    big_ours = outcomes.count("right") / len(targets)
    figures = {
        "p50": statistics.median(our_ms),
        "p99": percentile(our_ms, 99),
        "pass_p99": [percentile(one_pass, 99) for one_pass in passes],
        "cpu_p99": percentile(cpu_ms, 99),
        "build_s": build_s,
        "peak_mb": peak_mb,
        "index_mb": peak_mb - rss_before,
        "big_ours": big_ours,
        "otherwise": ", ".join(
            f"{what} {outcomes.count(what)}" for what in ("asked", "not found", "wrong item")
        ),
    }
    scene = (
        f"Catalog: {len(assets):,} assets and {len(stock):,} stock items (generated, many identical units, plus the",
        f"corpus catalog). Messages: the {len(CASES)} corpus phrasings and 1,000 generated ones naming a random item,",
        f"30% of words with a dropped letter, each timed in {args.passes} passes ({len(our_ms):,} timings).",
    )
    if args.items == DEFAULT_ITEMS:
        lines = _default_size_report(index, assets, stock, messages, passes, targets, figures, scene)
        section = "language"
    else:
        lines = _large_report(figures, scene, args.items)
        section = f"language-{args.items}"
    write_section(section, "\n".join(lines))
    print("\n".join(lines))


WHY_THE_TAIL = (
    'The slowest messages name stock with a mistyped brand: each other word of such a name ("small", "printer",',
    '"m8") is in a tenth of the stock, and the candidate phrases are weighed over those words\' postings. That is',
    "done in numpy (`services/word_index.py`); the Python loop it replaced grew with the catalog (on 2026-12-06,",
    "this machine: CPU p99 1.9 ms at 120k items and 24 ms at 1M before, 0.6 ms and 1.5 ms after, same candidates).",
    "The wall-clock p99 also counts waiting for a core: in passes run while other processes kept both cores busy",
    "it was 4.2-4.7 ms, against 0.5-0.8 ms in quiet ones, so on this shared machine the 5 ms target holds with",
    "little margin, limited by the scheduler rather than by the code.",
    "The readings added for the independent phrasings (requests said in other orders and tenses, a word read",
    'in both numbers, a pack said without "of", more readings of the item\'s words) raised the CPU p99 from',
    "0.71 to about 1.1 ms at 120k items and from 1.7 to 2.5 ms at 1M (2026-12-06, same machine and messages).",
)


def _spread(figures: dict) -> str:
    each = ", ".join(f"{ms:.2f}" for ms in figures["pass_p99"])
    return (
        f"p99 of each pass: {each} ms; p99 of the CPU time alone, which other processes on the machine"
        f" do not inflate: {figures['cpu_p99']:.2f} ms"
    )


def _default_size_report(index, assets, stock, messages, passes, targets, figures, scene) -> list[str]:
    """The issue's targets, and the comparison with a naive extractOne."""
    names = [row[1] for row in assets] + [row[1] for row in stock]
    keys = [row[0] for row in assets] + [row[0] for row in stock]
    naive_sample = messages[::5]
    naive_ms = [timed(naive, names, keys, text) for text in naive_sample]
    our_sample_ms = [ms for one_pass in passes for ms in one_pass[::5]]
    # Accuracy 1: the corpus against its own small catalog, both methods.
    small = corpus_catalog.corpus_index()
    small_names = [r[1] for r in corpus_catalog.ASSETS] + [r[1] for r in corpus_catalog.STOCK]
    small_keys = [r[0] for r in corpus_catalog.ASSETS] + [r[0] for r in corpus_catalog.STOCK]
    scored = [(text, expected_keys(exp)) for text, exp in CASES]
    scored = [(t, k) for t, k in scored if k]
    corpus_ours = sum(1 for t, k in scored if ours(small, t) == (k, True)) / len(scored)
    corpus_naive = sum(1 for t, k in scored if _hit(naive(small_names, small_keys, t), k)) / len(scored)
    # Accuracy 2: generated messages with a known target, over the big catalog.
    big_naive = sum(1 for t, k in targets if _hit(naive(names, keys, t), k)) / len(targets)

    p50, p99, build_s, peak_mb = figures["p50"], figures["p99"], figures["build_s"], figures["peak_mb"]
    ratio = statistics.median(naive_ms) / statistics.median(our_sample_ms)
    rows = [
        ("parse + resolve p50", f"{p50:.2f} ms", f"<= {TARGETS['p50_ms']} ms", p50 <= TARGETS["p50_ms"]),
        ("parse + resolve p99", f"{p99:.2f} ms", f"<= {TARGETS['p99_ms']} ms", p99 <= TARGETS["p99_ms"]),
        ("index build", f"{build_s:.2f} s", f"<= {TARGETS['build_s']} s", build_s <= TARGETS["build_s"]),
        (
            "peak memory (process RSS)",
            f"{peak_mb:.0f} MB (index: +{figures['index_mb']:.0f} MB)",
            f"<= {TARGETS['peak_mb']:.0f} MB",
            peak_mb <= TARGETS["peak_mb"],
        ),
        ("naive extractOne p50 / ours p50", f"{ratio:.0f}x", ">= 10x", ratio >= 10),
    ]
    return [
        "## Language: parse + resolve (issues 3 and 15)",
        "",
        *scene,
        "Naive: `rapidfuzz.process.extractOne(ref, all names, scorer=WRatio)` after the same parse, on every fifth",
        f"message ({len(naive_sample)}). p50 and p99 are over all passes; {_spread(figures)}.",
        "",
        "| measure | result | target | met |",
        "| --- | ---: | ---: | --- |",
        *[
            f"| {name} | {value} | {target} | {'yes' if ok else '**no**'} |"
            for name, value, target, ok in rows
        ],
        "",
        "| accuracy | ours | naive |",
        "| --- | ---: | ---: |",
        f"| corpus, item-naming phrasings ({len(scored)}), corpus catalog | {corpus_ours:.1%} | {corpus_naive:.1%} |",
        f"| {len(targets)} generated messages with a known item, big catalog | {figures['big_ours']:.1%} | {big_naive:.1%} |",
        "",
        f"Naive p50 {statistics.median(naive_ms):.1f} ms, p99 {percentile(naive_ms, 99):.1f} ms. Ours counts a message right",
        "only when it acts on the right item without asking; naive always picks one, so it is right whenever that",
        f"one is among the right ones (identical units count as one); of ours' others: {figures['otherwise']}.",
        "The index pauses Python's cyclic garbage collector while it builds and is then frozen out of it",
        "(`gc.freeze`): without that, the build took ~8 s and a query that triggered a full collection ~160 ms.",
        "",
        *WHY_THE_TAIL,
    ]


def _large_report(figures: dict, scene: tuple[str, ...], items: int) -> list[str]:
    """Figures only: the targets are set at the default size."""
    return [
        f"## Language at {items:,} items (issue 15)",
        "",
        *scene,
        f"`python -m bench.language --items {items}`. p50 and p99 are over all passes; {_spread(figures)}.",
        "",
        "| measure | result |",
        "| --- | ---: |",
        f"| parse + resolve p50 | {figures['p50']:.2f} ms |",
        f"| parse + resolve p99 | {figures['p99']:.2f} ms |",
        f"| index build | {figures['build_s']:.2f} s |",
        f"| peak memory (process RSS) | {figures['peak_mb']:.0f} MB (index: +{figures['index_mb']:.0f} MB) |",
        f"| right item without asking, 300 generated messages | {figures['big_ours']:.1%} ({figures['otherwise']}) |",
        "",
        "What made the slowest messages slow, and what limits the wall-clock p99: see the section above.",
    ]


if __name__ == "__main__":
    main()
