"""Bookings at scale (issue 18), on SQLite (a file) and PostgreSQL: one item's
availability over 90 days among 100,000 bookings, and "what's free Thursday
2-4pm" over 100,000 assets, each through the code the chat runs.
Usage: python -m bench.bookings"""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta, timezone

from bench.databases import loaded_database, on_each_database
from bench.report import write_section
from domain.bookings import conflicts
from storage.bookings import BOOKINGS
from storage.repositories import ASSETS
from storage.unit_of_work import unit_of_work_factory

N_ASSETS, N_BOOKINGS, BOOKED_ASSETS = 100_000, 100_000, 2_000  # 50 bookings each on the busy ones
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
THURSDAY = (datetime(2026, 12, 3, 14, tzinfo=timezone.utc), datetime(2026, 12, 3, 16, tzinfo=timezone.utc))
AVAILABILITY_P99_MS, FREE_P99_MS = 5.0, 200.0
QUERIES, FREE_RUNS = 2_000, 30
HISTORY = (
    "Runs on 2026-12-07 on this machine gave PostgreSQL's availability p99 as 7.8 ms for the first version,"
    " 5.6 ms with narrower rows, 5.3, 4.2 and 4.2 ms with one statement, and 3.9, 4.5 and 4.8 ms once that statement"
    " read only the asset columns the rules need (p50 1.7 ms)."
)


def rows(rng: random.Random):
    def assets():
        for n in range(N_ASSETS):
            out = rng.random() < 0.1
            yield {
                "tag": f"G-{n:06d}",
                "tag_key": f"G{n:06d}",
                "name": f"Asset {n % 5000}",
                "model": f"M{n % 5000}",
                "depreciation_method": "straight_line",
                "status": "checked_out" if out else "available",
                "holder": f"user{n % 300}" if out else None,
                "due": NOW + timedelta(hours=rng.randint(-24 * 10, 24 * 10)) if out else None,
                "aliases": "",
            }

    def bookings():
        for n in range(N_BOOKINGS):
            start = NOW + timedelta(hours=rng.randint(0, 24 * 90))
            yield {
                "asset_id": 1 + rng.randrange(BOOKED_ASSETS) * (N_ASSETS // BOOKED_ASSETS),
                "holder": f"user{rng.randrange(300)}",
                "start_at": start,
                "end_at": start + timedelta(hours=rng.randint(1, 48)),
                "status": rng.choice(["booked"] * 8 + ["cancelled", "returned"]),
                "booked_by": "bench",
                "created_at": NOW - timedelta(days=1),
            }

    return (ASSETS, assets()), (BOOKINGS, bookings())


def measure(url: str) -> dict:
    rng = random.Random(18)
    engine, loaded = loaded_database(url, rows(rng))
    uow = unit_of_work_factory(engine)
    busy_tags = [f"G-{n * (N_ASSETS // BOOKED_ASSETS):06d}" for n in range(BOOKED_ASSETS)]
    availability, found = [], 0
    for _ in range(QUERIES):
        tag = rng.choice(busy_tags)
        begin = time.perf_counter()
        with uow(read_only=True) as tx:
            window_end = NOW + timedelta(days=90)
            asset, booked = tx.bookings.availability(tag, NOW, window_end)
            found += len(conflicts(asset, booked, NOW, window_end, NOW))
        availability.append((time.perf_counter() - begin) * 1000)
    free, total = [], 0
    for _ in range(FREE_RUNS):
        begin = time.perf_counter()
        with uow(read_only=True) as tx:
            _page, total = tx.bookings.free_assets(*THURSDAY, NOW, limit=25)
        free.append((time.perf_counter() - begin) * 1000)
    engine.dispose()
    return {
        "load_s": loaded,
        "availability_p50": statistics.median(availability),
        "availability_p99": statistics.quantiles(availability, n=100)[98],
        "conflicts_per_query": found / QUERIES,
        "free_p50": statistics.median(free),
        "free_p99": max(free),
        "free_total": total,
    }


def main() -> None:
    results = dict(on_each_database("bookings", lambda database, url: (database, measure(url))))
    lines = [
        "## Bookings at scale (issue 18, `python -m bench.bookings`)",
        "",
        f"{N_ASSETS:,} assets (10% checked out), {N_BOOKINGS:,} bookings over the next 90 days on {BOOKED_ASSETS:,}",
        "of them (about 50 each, 1-48 hours long; a fifth cancelled or returned). *Availability*: one busy asset's",
        "conflicts over 90 days, as “is it free?” computes them (`bookings.availability` + `domain.bookings.conflicts`, one",
        f"read transaction each), {QUERIES:,} random assets. *What's free*: every asset free Thursday 14:00-16:00,",
        f"counted, and the first page of 25 (`bookings.free_assets`), {FREE_RUNS} runs; its p99 is the slowest run.",
        "",
        "| database | availability p50 | availability p99 | target | met | what's free p50 | p99 | target | met | free assets | load |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for name, r in results.items():
        met_a = "yes" if r["availability_p99"] <= AVAILABILITY_P99_MS else "**no**"
        met_f = "yes" if r["free_p99"] <= FREE_P99_MS else "**no**"
        lines.append(
            f"| {name} | {r['availability_p50']:.2f} ms | {r['availability_p99']:.2f} ms | <= {AVAILABILITY_P99_MS:.0f} ms"
            f" | {met_a} | {r['free_p50']:.0f} ms | {r['free_p99']:.0f} ms | <= {FREE_P99_MS:.0f} ms | {met_f}"
            f" | {r['free_total']:,} | {r['load_s']:.0f} s |"
        )
    lines.append(
        f"\nConflicts found per availability query: {results['sqlite']['conflicts_per_query']:.1f} (SQLite)."
    )
    lines.append(
        "\n**Availability p99 on PostgreSQL: not reliably met.** "
        + HISTORY
        + " The query itself runs in about"
        " 0.2 ms (EXPLAIN ANALYZE: one index range of `bookings(asset_id, start_at)` after the tag's unique"
        " index); the rest is the transaction's round trips to the server and making some 45 rows into objects"
        " in Python, on a 2-core machine whose server and client share the cores, so the tail is the scheduler's."
        " One statement instead of two (asset and bookings joined) and narrower rows took the p50 from 3.6 to"
        " 1.7 ms. Not yet tried: a per-asset cache of busy ranges."
    )
    write_section("bookings", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
