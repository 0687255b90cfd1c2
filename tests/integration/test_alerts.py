"""Alerts with an injected clock: crossing, recovery, ordered, snooze, due
soon, overdue, extend, restart. Time never sleeps here."""

from datetime import datetime, timedelta, timezone

import pytest

from domain.people import Person, Role
from services import alerts
from services.context import Context
from tests.catalog import seed

UTC = timezone.utc
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


class RecordingOutbox:
    """Collects what would reach Slack (Slack itself is tested in tests/slack)."""

    def __init__(self):
        self.digests, self.notices, self.crossings = [], [], []
        self.keys = set()  # like the outbox: a key recorded again is the same message

    def digest(self, uow, key, run, text):
        if key not in self.keys:
            self.keys.add(key)
            self.digests.append(text)
        return []

    def due_notice(self, uow, key, notice, text):
        if key not in self.keys:
            self.keys.add(key)
            self.notices.append((notice.kind, notice.tag, notice.holder))
        return []

    def crossing(self, uow, item):
        self.crossings.append(item.sku)

    def send(self, ids):
        return []


@pytest.fixture
def world(assistant, uow, clock):
    seed(uow)
    clock.now = MONDAY_10
    outbox = RecordingOutbox()
    assistant.on_crossing = lambda uow, items: [outbox.crossing(uow, i) for i in items]
    return assistant, uow, clock, outbox


def run(uow, clock, outbox, with_digest=True):
    with uow(read_only=True) as tx:
        found = alerts.compute(tx, clock.now, UTC)
    return alerts.deliver(uow, found, outbox, UTC, with_digest).sent


def maria(clock):
    return Context(Person("maria", Role.MANAGER), clock.now, UTC, "test")


def test_falling_to_the_reorder_point_is_announced_once_until_it_recovers(world):
    bot, uow, clock, outbox = world
    bot.handle("alice", "used 1 toner")  # 3 -> 2, reorder point 2
    bot.handle("alice", "used 1 toner")  # still low: no second notice
    assert outbox.crossings == ["TON-26A"]
    bot.handle("alice", "received 4 toner")  # recovers above the point
    bot.handle("alice", "used 4 toner")  # crosses again
    assert outbox.crossings == ["TON-26A", "TON-26A"]


def test_the_digest_lists_low_items_with_order_and_forecast_and_is_sent_once(world):
    bot, uow, clock, outbox = world
    clock.now = MONDAY_10 - timedelta(days=10)
    bot.handle("alice", "used 1 toner")
    clock.now = MONDAY_10
    sent = run(uow, clock, outbox)
    assert len(sent) == 1 and len(outbox.digests) == 1
    text = outbox.digests[0]
    assert "HP 26A toner cartridge (TON-26A): 2 cartridges (1 box) on hand, reorder point 2" in text
    assert "order 4 cartridges (2 boxes) from Office Depot" in text and "runs out in about 60 days" in text
    assert run(uow, clock, outbox) == [] and len(outbox.digests) == 1  # same moment: nothing new


def test_marked_ordered_items_are_silent_until_stock_is_received(world):
    bot, uow, clock, outbox = world
    bot.handle("alice", "used 1 toner")
    assert (
        "only managers"
        in pytest.raises(
            Exception, alerts.mark_ordered, uow, Context(Person("alice"), clock.now, UTC), "TON-26A"
        ).value.message
    )
    alerts.mark_ordered(uow, maria(clock), "TON-26A")
    with uow(read_only=True) as tx:
        assert tx.alerts.low_stock(clock.now) == []
    bot.handle("alice", "received 1 toner")  # any receipt ends "ordered"
    bot.handle("alice", "used 1 toner")
    with uow(read_only=True) as tx:
        assert [i.sku for i in tx.alerts.low_stock(clock.now)] == ["TON-26A"]


def test_a_snoozed_item_returns_after_a_week(world):
    bot, uow, clock, outbox = world
    bot.handle("alice", "used 1 toner")
    alerts.snooze(uow, maria(clock), "TON-26A")
    with uow(read_only=True) as tx:
        assert tx.alerts.low_stock(clock.now + timedelta(days=6)) == []
        assert [i.sku for i in tx.alerts.low_stock(clock.now + timedelta(days=7, minutes=1))] == ["TON-26A"]


def test_the_holder_hears_the_working_day_before_and_once(world):
    bot, uow, clock, outbox = world
    bot.handle("bob", "check out A-1042 until tomorrow 3pm")  # due Tuesday
    run(uow, clock, outbox, with_digest=False)
    clock.now += timedelta(hours=1)
    run(uow, clock, outbox, with_digest=False)
    assert outbox.notices == [("due_soon", "A-1042", "bob")]


def test_friday_reminds_of_monday(world):
    bot, uow, clock, outbox = world
    clock.now = datetime(2026, 12, 4, 10, tzinfo=UTC)  # Friday
    bot.handle("bob", "check out A-1042 until monday")
    run(uow, clock, outbox, with_digest=False)
    assert outbox.notices == [("due_soon", "A-1042", "bob")]


def test_overdue_at_most_daily_and_only_in_working_hours(world):
    bot, uow, clock, outbox = world
    bot.handle("bob", "check out A-1042 for 2 hours")
    clock.now += timedelta(hours=3)  # 13:00, overdue
    run(uow, clock, outbox, with_digest=False)
    clock.now += timedelta(hours=1)
    run(uow, clock, outbox, with_digest=False)
    clock.now = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)  # evening: nothing
    run(uow, clock, outbox, with_digest=False)
    assert outbox.notices == [("overdue", "A-1042", "bob")]
    clock.now = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # next working morning
    run(uow, clock, outbox, with_digest=False)
    assert outbox.notices == [("overdue", "A-1042", "bob")] * 2


def test_extending_ends_the_overdue_notices(world):
    bot, uow, clock, outbox = world
    bot.handle("bob", "check out A-1042 for 2 hours")
    clock.now += timedelta(hours=3)
    bot.handle("bob", "extend A-1042 until friday")
    run(uow, clock, outbox, with_digest=False)
    assert outbox.notices == []


def test_overdue_items_are_in_the_managers_digest(world):
    bot, uow, clock, outbox = world
    bot.handle("bob", "check out A-3001 for 1 hour")
    clock.now += timedelta(hours=2)
    run(uow, clock, outbox)
    assert "Overdue (1):" in outbox.digests[0] and "A-3001 Makita cordless drill: bob" in outbox.digests[0]


def test_a_restart_sends_nothing_already_sent(world, engine):
    from storage.unit_of_work import unit_of_work_factory

    bot, uow, clock, outbox = world
    bot.handle("alice", "used 1 toner")
    run(uow, clock, outbox)
    restarted = unit_of_work_factory(engine)  # a new process's unit of work on the same database
    again = RecordingOutbox()
    again.keys = outbox.keys  # the outbox lives in the database: the new process sees what was recorded
    assert run(restarted, clock, again) == [] and again.digests == []


def test_an_alert_with_nowhere_to_go_is_not_marked_sent_and_is_tried_next_run(world):
    bot, uow, clock, outbox = world
    bot.handle("alice", "used 1 toner")

    class Nobody(RecordingOutbox):
        def digest(self, uow, key, run, text):
            raise alerts.Undeliverable("nobody to tell yet")

    with uow(read_only=True) as tx:
        found = alerts.compute(tx, clock.now, UTC)
    delivered = alerts.deliver(uow, found, Nobody(), UTC, True)
    assert delivered.sent == [] and delivered.problems == ["nobody to tell yet"]
    assert len(run(uow, clock, outbox)) == 1
