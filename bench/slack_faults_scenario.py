"""The slack_faults benchmark's scenario: the load (1,000 DM events from 20 senders, 5% resent as
Slack's retries), the fault schedule (a seeded 10% of Web API calls answered 429 or 500), the strict
Slack double that notes when it answered, and the record of one run (`Outcome`)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from tests.slack.strict_slack import StrictSlack
from tests.trust.serving import post_event

EVENTS, SENDERS = 1000, 20
PER_SENDER = EVENTS // SENDERS
SLACK_RETRY_EVERY = 20  # every 20th event is sent again with X-Slack-Retry-Num: 1 (5%)
FAULT_RATE, FAULT_STATUSES, FAULT_SEED = 0.10, (429, 500), 2026
FAULT_LABELS = {"ratelimited": "429", "http_500": "500"}  # how the double records what it injected
DRAIN_TIMEOUT = (
    100  # seconds for the inbox and the outbox to empty after the last send (4 runs: well under 10 min)
)
WARM_UP_EVENTS = 5  # from a user outside the 20, before faults: start-up costs stay out of the delays
START_ON_HAND = 1_000_000
STOCK = f"sku,name,unit,on_hand\nPEN-1,Ballpoint pen,pen,{START_ON_HAND}\n"
REPLY_START = "Recorded 1 pen of Ballpoint pen used"
WARM_UP_USER = "UWARM"


@dataclass(frozen=True)
class Attempt:
    method: str
    params: dict
    error: str | None  # None: accepted
    at: float  # time.time() when the double answered (the bot's ledger times are wall-clock too)


class TimedSlack(StrictSlack):
    """The strict double, also noting when it answered each attempt (its own record keeps no time)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timed: list[Attempt] = []

    def _finish(self, method: str, params: dict, error: str | None, counts: bool = True) -> None:
        at = time.time()
        super()._finish(method, params, error, counts)
        with self._lock:
            self.timed.append(Attempt(method, params, error, at))

    def since(self, mark: int) -> list[Attempt]:
        with self._lock:
            return list(self.timed[mark:])


@dataclass(frozen=True)
class Event:
    user: str
    ts: str
    event_id: str
    resent: bool  # Slack delivers it a second time

    @property
    def source(self) -> str:
        """What the bot writes in the ledger entry's source: the DM channel and the message ts."""
        return f"slack:D{self.user}:{self.ts}"


@dataclass
class Outcome:
    label: str
    faults: bool
    acks: Counter = field(default_factory=Counter)  # HTTP status of every POST, retries included
    resent: int = 0
    drained: bool = False
    sent_after: float = 0.0  # the last ack, from the first send
    drained_after: float = 0.0
    consume_entries: int = 0
    on_hand_drop: int = 0
    events_applied_once: int = 0
    events_not_applied: int = 0
    events_applied_twice: int = 0
    replies_accepted: int = 0
    entries_answered_once: int = 0
    entries_unanswered: int = 0
    entries_answered_twice: int = 0
    replies_unmatched: int = 0
    replies_with_other_text: int = 0
    injected: Counter = field(default_factory=Counter)  # (method, "429"/"500") -> count
    calls_by_method: Counter = field(default_factory=Counter)  # attempts, faults included
    replies_needing_more_attempts: int = 0  # more than one chat.postMessage attempt
    outbox_retried: int = 0  # outbox attempts > 1: retried by the outbox, not only inside the client
    outbox_status: Counter = field(default_factory=Counter)
    inbox_status: Counter = field(default_factory=Counter)
    refused: int = 0  # calls the double refused as Slack would (a bug in the bot's calls)
    delays_ms: list[float] = field(default_factory=list)  # event sent -> its reply accepted
    apply_delays_ms: list[float] = field(default_factory=list)  # event sent -> its ledger entry written

    @property
    def exactly_once(self) -> bool:
        return (
            self.drained
            and self.acks.keys() == {200}
            and self.consume_entries == EVENTS
            and self.on_hand_drop == EVENTS
            and self.events_applied_once == EVENTS
            and self.entries_answered_once == EVENTS
            and self.replies_accepted == EVENTS
            and self.replies_unmatched == 0
            and self.replies_with_other_text == 0
            and self.outbox_status.get("failed", 0) == 0
            and self.refused == 0
        )


# -- the events ---------------------------------------------------------------------------


def senders() -> dict[str, str]:
    return {f"U{n:02d}": f"user{n}" for n in range(SENDERS)}


def events_of(sender: int) -> list[Event]:
    """One sender's 50 events, each with its own event_id and ts."""
    events = []
    for i in range(PER_SENDER):
        number = sender * PER_SENDER + i
        events.append(
            Event(
                f"U{sender:02d}",
                f"{1750000000 + number}.{sender:06d}",
                f"Ev{number:04d}",
                resent=number % SLACK_RETRY_EVERY == 0,
            )
        )
    return events


def send_all(port: int, outcome: Outcome) -> dict[str, float]:
    """20 senders at once, each sending its events in turn; a resent event goes
    again right after its first ack (its first delivery may still be in work).
    Returns when each event was first sent (time.time()), by ledger source."""
    sent_at: dict[str, float] = {}
    lock = threading.Lock()

    def sender(n: int) -> None:
        for event in events_of(n):
            start = time.time()
            status = post_event(port, "used 1 pen", event.ts, event.event_id, user=event.user, timeout=30)
            again = (
                [
                    post_event(
                        port, "used 1 pen", event.ts, event.event_id, user=event.user, retry=1, timeout=30
                    )
                ]
                if event.resent
                else []
            )
            with lock:
                sent_at[event.source] = start
                outcome.acks.update([status, *again])
                outcome.resent += len(again)

    with ThreadPoolExecutor(SENDERS) as pool:
        list(pool.map(sender, range(SENDERS)))
    return sent_at


def warm_up(port: int, fake: TimedSlack) -> None:
    for i in range(WARM_UP_EVENTS):
        assert post_event(port, "used 1 pen", f"1740000000.{i:06d}", f"EvWarm{i}", user=WARM_UP_USER) == 200
    fake.wait_for("chat.postMessage", WARM_UP_EVENTS, timeout=60)
