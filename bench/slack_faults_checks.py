"""The slack_faults benchmark's checks: waiting for the bot to drain, then reading its database
(ledger, stock, inbox, outbox) and the double's timed record into an `Outcome`."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timezone

from sqlalchemy import create_engine, text

from bench.slack_faults_scenario import (
    DRAIN_TIMEOUT,
    FAULT_LABELS,
    REPLY_START,
    SENDERS,
    START_ON_HAND,
    WARM_UP_EVENTS,
    WARM_UP_USER,
    Attempt,
    Outcome,
    events_of,
)

# -- the database -----------------------------------------------------------------------------


class Database:
    def __init__(self, url: str):
        self.engine = create_engine(url)

    def rows(self, sql: str) -> list:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql)))

    def value(self, sql: str):
        return self.rows(sql)[0][0]

    def busy(self) -> int:
        """Requests not finished, then messages not yet accepted by Slack. (The inbox
        first: a request is marked done in the transaction that records its reply.)"""
        working = self.value("SELECT count(*) FROM inbox WHERE status IN ('pending', 'working')")
        return working or self.value("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')")

    def close(self) -> None:
        self.engine.dispose()


def wait_drained(db: Database, started: float, outcome: Outcome) -> None:
    deadline = time.time() + DRAIN_TIMEOUT
    while db.busy() and time.time() < deadline:
        time.sleep(0.05)
    outcome.drained = not db.busy()
    outcome.drained_after = time.time() - started


# -- checking ---------------------------------------------------------------------------------


def undo_entry(params: dict) -> int | None:
    """The ledger entry a reply is about: its Undo button carries the entry's id."""
    for block in params.get("blocks") or []:
        for element in block.get("elements") or []:
            if (
                str(element.get("action_id", "")).startswith("qm_undo")
                and str(element.get("value", "")).isdigit()
            ):
                return int(element["value"])
    return None


def epoch(value) -> float:
    """A ledger time as seconds since the epoch (SQLite hands back text, PostgreSQL a datetime; both UTC)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def check_changes(db: Database, sent_at: dict[str, float], outcome: Outcome) -> dict[int, str]:
    """Ledger entries of the measured events, by id -> source."""
    rows = [
        row
        for row in db.rows("SELECT id, source, at FROM ledger WHERE action = 'consume' ORDER BY id")
        if not (row[1] or "").startswith(f"slack:D{WARM_UP_USER}:")
    ]
    entries = {entry: source for entry, source, _ in rows}
    outcome.apply_delays_ms = [
        (epoch(at) - sent_at[source]) * 1000 for _, source, at in rows if source in sent_at
    ]
    expected = {event.source for n in range(SENDERS) for event in events_of(n)}
    per_event = Counter(source for source in entries.values())
    outcome.consume_entries = len(entries)
    outcome.events_applied_once = sum(1 for source in expected if per_event[source] == 1)
    outcome.events_not_applied = sum(1 for source in expected if per_event[source] == 0)
    outcome.events_applied_twice = sum(1 for source in expected if per_event[source] > 1)
    on_hand = db.value("SELECT on_hand FROM stock_items WHERE sku = 'PEN-1'")
    outcome.on_hand_drop = START_ON_HAND - WARM_UP_EVENTS - on_hand
    outcome.outbox_status = Counter(dict(db.rows("SELECT status, count(*) FROM outbox GROUP BY status")))
    outcome.outbox_retried = db.value("SELECT count(*) FROM outbox WHERE attempts > 1")
    outcome.inbox_status = Counter(dict(db.rows("SELECT status, count(*) FROM inbox GROUP BY status")))
    return entries


def check_replies(
    attempts: list[Attempt], entries: dict[int, str], sent_at: dict[str, float], outcome: Outcome
) -> None:
    posts = [a for a in attempts if a.method == "chat.postMessage"]
    accepted = [a for a in posts if a.error is None]
    answered = Counter(undo_entry(a.params) for a in accepted)
    outcome.replies_accepted = len(accepted)
    outcome.replies_unmatched = sum(count for entry, count in answered.items() if entry not in entries)
    outcome.replies_with_other_text = sum(
        1 for a in accepted if not str(a.params.get("text", "")).startswith(REPLY_START)
    )
    outcome.entries_answered_once = sum(1 for entry in entries if answered[entry] == 1)
    outcome.entries_unanswered = sum(1 for entry in entries if answered[entry] == 0)
    outcome.entries_answered_twice = sum(1 for entry in entries if answered[entry] > 1)
    tries = Counter(undo_entry(a.params) for a in posts)
    outcome.replies_needing_more_attempts = sum(1 for entry in entries if tries[entry] > 1)
    first_accepted: dict[int, float] = {}
    for a in accepted:
        first_accepted.setdefault(undo_entry(a.params), a.at)
    outcome.delays_ms = [
        (first_accepted[entry] - sent_at[source]) * 1000
        for entry, source in entries.items()
        if entry in first_accepted and source in sent_at
    ]


def count_faults(attempts: list[Attempt], outcome: Outcome) -> None:
    outcome.calls_by_method = Counter(a.method for a in attempts)
    outcome.injected = Counter((a.method, FAULT_LABELS[a.error]) for a in attempts if a.error in FAULT_LABELS)
