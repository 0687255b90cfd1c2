"""Exactly-once under a flaky Slack: 1,000 signed DM events ("used 1 pen") from
20 concurrent senders to `quartermaster serve` (its own process), with 10% of
the bot's Web API calls answered 429 or 500 by the strict Slack double, and 5%
of the events delivered a second time as Slack's retries. Checks that every
change is applied once and every reply accepted once, and measures the delay
from sending an event to Slack accepting its reply; a fault-free run is the
baseline. Exits 1 if anything was applied or answered other than once.
The scenario and fault schedule, the checks and the report are in
bench/slack_faults_scenario.py, slack_faults_checks.py and slack_faults_report.py.
Usage: python bench/slack_faults.py (or python -m bench.slack_faults)"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tempfile
import time

from sqlalchemy import create_engine, text

from bench.report import write_section
from bench.slack_faults_checks import Database, check_changes, check_replies, count_faults, wait_drained
from bench.slack_faults_report import report
from bench.slack_faults_scenario import (
    FAULT_RATE,
    FAULT_SEED,
    FAULT_STATUSES,
    STOCK,
    WARM_UP_USER,
    Outcome,
    TimedSlack,
    send_all,
    senders,
    warm_up,
)
from tests.pg_cluster import Cluster, find_bin
from tests.trust.serving import Replica, import_stock

# -- one run ----------------------------------------------------------------------------------


def run(label: str, url: str, tmp: Path, faults: bool) -> Outcome:
    outcome = Outcome(label, faults)
    import_stock(url, STOCK, tmp)
    db = Database(url)
    with TimedSlack({**senders(), WARM_UP_USER: "warmup"}) as fake:
        server = Replica(url, fake.api_url).start()
        try:
            warm_up(server.port, fake)
            mark = len(fake.timed)
            if faults:  # every method the bot calls: users.info, chat.postMessage (and any other)
                fake.fail_randomly(FAULT_RATE, statuses=FAULT_STATUSES, seed=FAULT_SEED)
            started = time.time()
            sent_at = send_all(server.port, outcome)
            outcome.sent_after = time.time() - started
            wait_drained(db, started, outcome)
            attempts = fake.since(mark)
            outcome.refused = len(fake.refused)
        finally:
            server.stop()
    entries = check_changes(db, sent_at, outcome)
    db.close()
    check_replies(attempts, entries, sent_at, outcome)
    count_faults(attempts, outcome)
    print(
        f"{label}: exactly once {outcome.exactly_once}, drained after {outcome.drained_after:.1f} s",
        flush=True,
    )
    return outcome


def sqlite_runs(tmp: Path) -> list[Outcome]:
    return [
        run(
            f"sqlite, {'faults' if faults else 'no faults'}",
            f"sqlite:///{tmp}/faults_{int(faults)}.db",
            tmp,
            faults,
        )
        for faults in (False, True)
    ]


def postgresql_runs(tmp: Path) -> list[Outcome]:
    if not find_bin("initdb"):
        return []
    cluster = Cluster().start()
    try:
        admin = create_engine(cluster.base_url + "/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for faults in (0, 1):
                conn.execute(text(f"CREATE DATABASE slack_faults_{faults}"))
        admin.dispose()
        return [
            run(
                f"postgresql, {'faults' if faults else 'no faults'}",
                f"{cluster.base_url}/slack_faults_{faults}",
                tmp,
                bool(faults),
            )
            for faults in (0, 1)
        ]
    finally:
        cluster.stop()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = sqlite_runs(Path(tmp)) + postgresql_runs(Path(tmp))
    lines = report(outcomes)
    write_section("slack_faults", "\n".join(lines))
    print("\n".join(lines))
    return 0 if all(o.exactly_once for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
