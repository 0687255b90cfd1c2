"""Computing all alerts over 1,000,000 assets and 100,000 stock items, in SQL
on indexes, on SQLite (a file) and PostgreSQL. Usage: python -m bench.alerts"""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from bench.databases import bulk_load, on_each_database
from bench.report import write_section
from services.alerts import compute
from storage.database import make_engine
from storage.migrate import upgrade
from storage.repositories import ASSETS, LEDGER, STOCK
from storage.unit_of_work import unit_of_work_factory

N_ASSETS, N_STOCK, N_LEDGER = 1_000_000, 100_000, 300_000
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
TARGET_S = 1.0


def rows(rng: random.Random):
    def assets():
        for n in range(N_ASSETS):
            out = rng.random() < 0.1
            yield {
                "tag": f"G-{n:07d}",
                "tag_key": f"G{n:07d}",
                "name": f"Asset {n % 5000}",
                "depreciation_method": "straight_line",
                "status": "checked_out" if out else "available",
                "holder": f"user{n % 300}" if out else None,
                "due": NOW + timedelta(hours=rng.randint(-24 * 30, 24 * 30)) if out else None,
                "aliases": "",
            }

    def stock():
        for n in range(N_STOCK):
            point = rng.randint(5, 50)
            yield {
                "sku": f"S-{n:06d}",
                "sku_key": f"S{n:06d}",
                "name": f"Item {n}",
                "unit": "unit",
                "packs": "box=10",
                "on_hand": rng.randint(0, point - 1) if rng.random() < 0.05 else rng.randint(point + 1, 500),
                "reorder_point": point,
                "reorder_qty": 100,
                "aliases": "",
            }

    def ledger():
        for n in range(N_LEDGER):
            yield {
                "at": NOW - timedelta(minutes=rng.randint(0, 60 * 24 * 60)),
                "actor": "bench",
                "action": "consume",
                "item_type": "stock",
                "item_key": f"S-{rng.randrange(N_STOCK):06d}",
                "quantity": -rng.randint(1, 5),
                "balance": 0,
                "changes": {},
                "source": "bench",
            }

    return (ASSETS, assets()), (STOCK, stock()), (LEDGER, ledger())


def load(engine) -> None:
    for table, generator in rows(random.Random(5)):
        bulk_load(engine, table, generator)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def measure(url: str) -> dict:
    engine = make_engine(url)
    upgrade(engine)
    start = time.perf_counter()
    load(engine)
    loaded = time.perf_counter() - start
    uow = unit_of_work_factory(engine)
    times, result = [], None
    for _ in range(5):
        start = time.perf_counter()
        with uow(read_only=True) as tx:
            result = compute(tx, NOW, timezone.utc)
        times.append(time.perf_counter() - start)
    engine.dispose()
    return {
        "load_s": loaded,
        "median_s": statistics.median(times),
        "max_s": max(times),
        "low": len(result.low),
        "overdue": len(result.overdue),
        "due_soon": len(result.due_soon),
    }


def main() -> None:
    results = dict(on_each_database("alerts", lambda database, url: (database, measure(url))))
    lines = [
        "## Computing alerts (issue 5)",
        "",
        f"{N_ASSETS:,} assets (10% checked out, due within ±30 days), {N_STOCK:,} stock items (5% below their reorder",
        f"point) and {N_LEDGER:,} consumption entries over 60 days. One run computes every low item with its last",
        "30 days' use, every overdue asset and every asset due the next working day (`services.alerts.compute`,",
        "plain SQL on the indexes `assets(status, due)` and `ledger(item_type, item_key, at)`); five runs each.",
        "",
        "| database | median | max | target | met | low | overdue | due soon | load time |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        met = "yes" if r["max_s"] <= TARGET_S else "**no**"
        lines.append(
            f"| {name} | {r['median_s']:.2f} s | {r['max_s']:.2f} s | <= {TARGET_S:.0f} s | {met} | {r['low']:,} | "
            f"{r['overdue']:,} | {r['due_soon']:,} | {r['load_s']:.0f} s |"
        )
    write_section("alerts", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
