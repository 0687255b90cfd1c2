"""10,000 mixed changes through the domain and storage, one process, on SQLite
(a file) and PostgreSQL. Each database runs in its own child process so peak
memory is its own. Usage: python -m bench.changes [--ops N]"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

from domain.errors import DomainError
from domain.ledger import Action
from domain.people import Person, Role
from services.changes import check_in, check_out, move_stock
from services.context import Context
from services.csv_import import import_csv
from storage.database import make_engine
from storage.migrate import upgrade
from storage.unit_of_work import unit_of_work_factory

ASSETS, STOCK = 1_000, 200
TARGETS = {"sqlite": 1000, "postgresql": 500}


def seed(uow) -> None:
    ctx = Context(Person("bench", Role.MANAGER), datetime.now(timezone.utc), timezone.utc, "bench")
    assets = ["asset_tag,name,category,cost"] + [
        f"B-{n},Bench laptop {n % 50},laptop,999" for n in range(ASSETS)
    ]
    stock = ["sku,name,unit,packs,on_hand"] + [
        f"S-{n},Bench item {n},unit,box=10,100000" for n in range(STOCK)
    ]
    import_csv("assets", "\n".join(assets).encode(), uow, ctx)
    import_csv("stock", "\n".join(stock).encode(), uow, ctx)


def one_change(uow, rng: random.Random, n: int) -> None:
    ctx = Context(Person(f"user{n % 20}"), datetime.now(timezone.utc), timezone.utc, f"bench:{n}")
    roll = rng.random()
    with uow() as tx:
        try:
            if roll < 0.4:
                move_stock(tx, ctx, Action.CONSUME, f"S-{rng.randrange(STOCK)}", rng.randint(1, 3), None)
            elif roll < 0.6:
                move_stock(tx, ctx, Action.RECEIVE, f"S-{rng.randrange(STOCK)}", 1, "box")
            elif roll < 0.7:
                move_stock(
                    tx, ctx, Action.COUNT, f"S-{rng.randrange(STOCK)}", rng.randint(50_000, 100_000), None
                )
            elif roll < 0.85:
                check_out(
                    tx, ctx, [f"B-{rng.randrange(ASSETS)}"], ctx.actor.name, ctx.now + timedelta(days=3)
                )
            else:
                check_in(tx, ctx, [f"B-{rng.randrange(ASSETS)}"], ctx.actor.name, None)
        except DomainError:
            return  # a refusal (already out, not out) is a real outcome too: nothing written
        tx.commit()


def run_one(url: str, ops: int) -> dict:
    engine = make_engine(url)
    upgrade(engine)
    uow = unit_of_work_factory(engine)
    seed(uow)
    rng = random.Random(42)
    start = time.perf_counter()
    for n in range(ops):
        one_change(uow, rng, n)
    elapsed = time.perf_counter() - start
    with uow(read_only=True) as tx:
        entries = sum(1 for _ in tx.ledger.all())
    return {
        "ops": ops,
        "seconds": elapsed,
        "ops_per_s": ops / elapsed,
        "ledger_entries": entries,
        "round_trip_us": round_trip_us(engine),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def round_trip_us(engine) -> float:
    """Median time of a trivial query: the floor under every statement."""
    times = []
    with engine.connect() as conn:
        for _ in range(500):
            start = time.perf_counter()
            conn.exec_driver_sql("SELECT 1").scalar()
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def child(kind: str, url: str, ops: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.changes", "--child", url, "--ops", str(ops)],
        capture_output=True,
        text=True,
        check=True,
    )
    return {"database": kind, **json.loads(out.stdout.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.ops)))
        return
    from bench.databases import on_each_database
    from bench.report import write_section

    rows = on_each_database("bench", lambda database, url: child(database, url, args.ops))
    lines = [
        "## Changes through domain and storage (issue 2)",
        "",
        f"{args.ops:,} mixed changes (40% consume, 20% receive, 10% count, 15% check-out, 15% check-in; refusals",
        "included), one unit of work and commit each, one process, over 1,000 assets and 200 stock items.",
        "PostgreSQL is the tests' throwaway cluster (fsync off, loopback).",
        "",
        "| database | ops/s | target | met | seconds | ledger entries | peak RSS | SELECT 1 |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        target = TARGETS[row["database"]]
        met = "yes" if row["ops_per_s"] >= target else "**no**"
        lines.append(
            f"| {row['database']} | {row['ops_per_s']:,.0f} | {target:,} | {met} | {row['seconds']:.1f} | "
            f"{row['ledger_entries']:,} | {row['peak_rss_mb']:.0f} MB | {row['round_trip_us']:.0f} µs |"
        )
    lines += [
        "",
        "Each change is four round trips on PostgreSQL: BEGIN (psycopg sends it on its own), SELECT … FOR",
        "UPDATE, the ledger INSERT carrying the item's UPDATE as a data-modifying CTE, and COMMIT. The",
        "server's statement log shows under 0.5 ms of execution per change; the rest is client work",
        "(SQLAlchemy Core and psycopg) and process wake-ups on a 2-core VM shared by client and server,",
        "which is why one change costs about ten SELECT 1 round trips. The figure swings by ±25% between",
        "runs here (300-460 ops/s seen). Prepared statements (prepare_threshold=1) made no measurable",
        "difference. Reaching 500 would mean moving the stock rules into SQL (a conditional UPDATE without",
        "the locked read) or psycopg's pipeline mode, which SQLAlchemy does not drive; neither is done, so",
        "the business rules stay in domain/.",
    ]
    write_section("changes", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
