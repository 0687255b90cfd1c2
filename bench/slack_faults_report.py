"""The slack_faults benchmark's report: the Markdown section written to bench/RESULTS.md."""

from __future__ import annotations

from bench.slack_faults_scenario import (
    EVENTS,
    FAULT_RATE,
    SENDERS,
    SLACK_RETRY_EVERY,
    WARM_UP_EVENTS,
    Outcome,
)

# -- the report ---------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(p * len(ordered)) - 1)] if ordered else float("nan")


def ms(value: float) -> str:
    return f"{value:,.0f} ms"


def yes(flag: bool) -> str:
    return "yes" if flag else "**NO**"


def report(outcomes: list[Outcome]) -> list[str]:
    lines = [
        "## Slack faults: exactly once under 429s and 500s",
        "",
        f'{EVENTS:,} signed `message.im` events ("used 1 pen", each with its own event_id and ts) from {SENDERS}',
        f"concurrent senders, {EVENTS // SLACK_RETRY_EVERY} of them delivered a second time as Slack's retry "
        "(same event_id, `X-Slack-Retry-Num: 1`, right after",
        "the first ack), to `quartermaster serve` (its own process) and the strict Slack Web API double. With faults,",
        f"a seeded {FAULT_RATE:.0%} of every Web API call the bot makes (all methods) is answered 429 (Retry-After: 1)",
        "or 500, at random. A reply is matched to its change by the ledger entry its Undo button names, and the",
        "entry to its event by the entry's source (DM channel and ts). Reply delay: from sending the event to the",
        f"double accepting its reply. Everything shares the 2 cores; {WARM_UP_EVENTS} warm-up events from another user go first.",
        "",
        "| run | acked 200 | inbox rows | applied once | on_hand drop | answered once | replies accepted | missing / duplicate replies | outbox failed | exactly once |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for o in outcomes:
        inbox_rows = sum(o.inbox_status.values()) - WARM_UP_EVENTS
        lines.append(
            f"| {o.label} | {o.acks[200]:,} of {sum(o.acks.values()):,} | {inbox_rows:,} | "
            f"{o.events_applied_once:,} of {EVENTS:,} | {o.on_hand_drop:,} | "
            f"{o.entries_answered_once:,} | {o.replies_accepted:,} | {o.entries_unanswered} / {o.entries_answered_twice} | "
            f"{o.outbox_status.get('failed', 0)} | {yes(o.exactly_once)} |"
        )
    lines += [
        "",
        "| run | reply delay p50 | p99 | max | change applied p50 | p99 | all sent after | all applied and answered after | faults injected | replies needing > 1 call | retried by the outbox |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for o in outcomes:
        lines.append(
            f"| {o.label} | {ms(percentile(o.delays_ms, 0.5))} | {ms(percentile(o.delays_ms, 0.99))} | "
            f"{ms(percentile(o.delays_ms, 1.0))} | {ms(percentile(o.apply_delays_ms, 0.5))} | "
            f"{ms(percentile(o.apply_delays_ms, 0.99))} | {o.sent_after:.1f} s | {o.drained_after:.1f} s | {sum(o.injected.values())} | "
            f"{o.replies_needing_more_attempts} | {o.outbox_retried} |"
        )
    lines += [
        "",
        "Faults injected, by method (calls = every attempt the double answered, faults included):",
        "",
        "| run | method | calls | 429 | 500 |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for o in (o for o in outcomes if o.faults):
        for method, calls in sorted(o.calls_by_method.items()):
            lines.append(
                f"| {o.label} | {method} | {calls:,} | {o.injected[(method, '429')]} | {o.injected[(method, '500')]} |"
            )
    lines += notes(outcomes)
    return lines


def notes(outcomes: list[Outcome]) -> list[str]:
    lines = [""]
    problems = [o for o in outcomes if not o.exactly_once]
    for o in problems:
        lines.append(
            f"**{o.label}: not exactly once.** acks {dict(o.acks)}, drained {o.drained}, "
            f"consume entries {o.consume_entries}, not applied {o.events_not_applied}, applied twice "
            f"{o.events_applied_twice}, replies unmatched {o.replies_unmatched}, other text "
            f"{o.replies_with_other_text}, refused {o.refused}, outbox {dict(o.outbox_status)}, "
            f"inbox {dict(o.inbox_status)}."
        )
    lines += [
        "How faults are ridden out: a worker applies the change, records its reply in the outbox in the same",
        "transaction, and sends it once with a client that does not wait out a 429 or a 500 in place; a refused",
        "reply is rescheduled (after Retry-After, or a short backoff) and sent by the delivery thread, whose",
        "client also retries in place. So a rate-limited reply costs its own person a second or two and holds up",
        "nobody else: the changes are applied about as fast as without faults (compare the applied columns),",
        "and the p99 reply delay is the retried replies. (An earlier build sent from the workers with in-place",
        "retries: reply p50 14 s, p99 33 s, applied p50 13.6 s under the same faults.) A users.info that keeps",
        "failing sends the request back to the inbox for the next sweep (5 s). Names are cached, so users.info",
        "is called about once per sender and few of its calls meet a fault.",
        "Without faults the delays are queueing: the events are all sent (acked) well before they are applied.",
        "",
        "What a 500 means here: the double answers it *instead of* handling the call, so a 500ed chat.postMessage",
        "was never posted and retrying it is safe. Real Slack can answer 5xx (or time out) *after* posting the",
        "message; this retry policy would then post the reply twice. That duplicate is a limit of the policy",
        "that this benchmark does not measure.",
    ]
    return lines
