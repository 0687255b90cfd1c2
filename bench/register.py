"""The asset register over 1,000,000 assets grouped by department, computed
in SQL, on SQLite (a file) and PostgreSQL. Usage: python -m bench.register"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date

from sqlalchemy import text

from bench.databases import bulk_load, on_each_database
from bench.report import write_section
from services.reports import register_rows
from storage.database import make_engine
from storage.mapping import purchase_numbers
from storage.migrate import upgrade
from storage.repositories import ASSETS
from storage.unit_of_work import unit_of_work_factory

N_ASSETS, TARGET_S, AT = 1_000_000, 2.0, date(2026, 11, 30)
DEPARTMENTS = [
    "IT",
    "Sales",
    "Facilities",
    "Marketing",
    "Finance",
    "Ops",
    "Warehouse",
    "HR",
    "Legal",
    "Design",
] * 2


def assets(rng: random.Random):
    for n in range(N_ASSETS):
        purchased = date(2015 + rng.randrange(12), rng.randint(1, 12), rng.randint(1, 28))
        yield {
            "purchase_date": purchased,
            **purchase_numbers(purchased),
            "tag": f"R-{n:07d}",
            "tag_key": f"R{n:07d}",
            "name": f"Asset {n % 3000}",
            "aliases": "",
            "status": "available",
            "cost": rng.randint(50, 5000),
            "useful_life_years": rng.choice([3, 4, 5, 7, 10]),
            "salvage_value": rng.choice([0, 0, 25, 100]),
            "depreciation_method": "declining_balance" if rng.random() < 0.1 else "straight_line",
            "department": f"{rng.choice(DEPARTMENTS)}{n % 2 or ''}",
        }


def load(engine) -> None:
    bulk_load(engine, ASSETS, assets(random.Random(9)))
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def measure(url: str) -> dict:
    engine = make_engine(url)
    upgrade(engine)
    load(engine)
    uow = unit_of_work_factory(engine)
    times, rows, floor = [], [], []
    for _ in range(3):
        start = time.perf_counter()
        with uow(read_only=True) as tx:
            rows = register_rows(tx, "department", AT)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        with engine.connect() as conn:  # the floor: the same scan and grouping, no depreciation
            conn.execute(
                text(
                    "SELECT department, count(*), sum(cost) FROM assets WHERE status <> 'retired' GROUP BY department"
                )
            ).all()
        floor.append(time.perf_counter() - start)
    engine.dispose()
    return {
        "median": statistics.median(times),
        "max": max(times),
        "groups": len(rows) - 1,
        "total": rows[-1],
        "floor": statistics.median(floor),
    }


def main() -> None:
    results = dict(on_each_database("register", lambda database, url: (database, measure(url))))
    lines = [
        "## Asset register (issue 9)",
        "",
        f"{N_ASSETS:,} assets (10% declining-balance), grouped by department ({results['sqlite']['groups']} groups), as of",
        f"{AT.isoformat()}: count, cost, accumulated depreciation and book value summed by the database in cents",
        "(`services.reports.register_rows`); three runs each. The purchase month is stored as a number, so the",
        "whole-month count needs no date parsing per row (that parsing had kept SQLite at 3.4 s).",
        "",
        "| database | median | max | target | met | scan + group only | total book value |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for name, r in results.items():
        met = "yes" if r["max"] <= TARGET_S else "**no**"
        lines.append(
            f"| {name} | {r['median']:.2f} s | {r['max']:.2f} s | <= {TARGET_S:.0f} s | {met} | {r['floor']:.2f} s | "
            f"{r['total'].book_value:,} |"
        )
    if any(r["max"] > TARGET_S for r in results.values()):
        lines += [
            "",
            "Where the target is missed, what limits it is per-row arithmetic inside the database: the whole-month",
            "count and the depreciation are a few dozen operations per asset, which SQLite's bytecode interpreter",
            'runs at a few microseconds a row on this VM ("scan + group only" is the same query without them).',
            "Not tried yet: per-group running totals that each change updates, so the register reads a few rows",
            "instead of a million.",
        ]
    write_section("register", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
