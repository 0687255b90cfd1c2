"""Alerts through Slack: holder DMs with Return/Extend, the digest with its
buttons, the CLI, and one leader among schedulers on PostgreSQL."""

import json
import time
from datetime import datetime, timedelta, timezone

import pytest

from bot.scheduler import AlertScheduler, Leadership
from bot.slack.blocks import action_name
from tests.catalog import seed
from tests.conftest import Clock
from tests.slack.harness import SlackBot

MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock():
    return Clock(MONDAY_10)


@pytest.fixture
def alerting(fake, database_url, clock):
    bot = SlackBot(fake, database_url, env={"QM_ALERT_CHANNEL": "CALERTS"}, clock=clock)
    seed(bot.core.uow)
    bot.start()
    yield bot
    bot.stop()


def scheduler(bot, clock) -> AlertScheduler:
    return AlertScheduler(bot.core, bot.runtime.outbox, Leadership(bot.core.engine), clock=clock)


def test_the_holder_gets_a_dm_with_return_and_extend(alerting, fake, clock):
    alerting.message("check out A-1042 until tomorrow 3pm")
    alerting.settle()
    scheduler(alerting, clock).run(with_digest=False)
    # chat.postMessage to a user ID lands in the app's DM with them
    notice = next(p for p in fake.called("chat.postMessage") if p["channel"] == "UALICE")
    buttons = [
        action_name(e["action_id"]) for b in notice["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert "is due back" in notice["text"] and buttons == ["qm_return", "qm_extend"]


def test_the_digest_goes_to_the_alert_channel_once_with_item_buttons(alerting, fake, clock):
    alerting.message("used 1 toner")
    alerting.settle()
    run = scheduler(alerting, clock)
    run.run(with_digest=True)
    run.run(with_digest=True)
    digests = [
        p
        for p in fake.called("chat.postMessage")
        if p["channel"] == "CALERTS" and "digest" in json.dumps(p["blocks"])
    ]
    assert len(digests) == 1
    buttons = {
        action_name(e["action_id"]): e["value"]
        for b in digests[0]["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }
    assert buttons == {"qm_ordered": "TON-26A", "qm_snooze": "TON-26A", "qm_received": "TON-26A"}
    crossing = [
        p
        for p in fake.called("chat.postMessage")
        if p["channel"] == "CALERTS" and "just reached" in p["text"]
    ]
    assert len(crossing) == 1  # the consumption announced itself at once


def test_digest_buttons(alerting, fake, clock):
    alerting.message("used 1 toner")
    alerting.settle()
    alerting.click("qm_ordered", "TON-26A", user="UALICE")
    alerting.click("qm_ordered", "TON-26A", user="UMARIA")
    alerting.settle()
    texts = [r["text"] for r in fake.wait_for("response_url", 2)]
    assert any("only managers" in t for t in texts) and any(
        "Marked HP 26A toner cartridge as ordered" in t for t in texts
    )
    alerting.click("qm_received", "TON-26A", user="UMARIA")
    alerting.settle()
    assert alerting.on_hand("TON-26A") == 6  # 2 + the reorder quantity of 4


def test_the_alerts_command_posts_once_and_prints(alerting, fake, tmp_path, database_url):
    import os
    import subprocess

    from tests.cli.test_cli import SCRIPT

    alerting.message("used 1 toner")
    alerting.settle()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake.api_url,
        "QM_ALERT_CHANNEL": "CALERTS",
    }
    at = "2026-11-30T09:30:00+00:00"
    dry = subprocess.run([SCRIPT, "alerts", "--at", at, "--dry-run"], env=env, capture_output=True, text=True)
    assert dry.returncode == 0 and "Low stock (1):" in dry.stdout and "dry run" in dry.stdout
    before = len(fake.called("chat.postMessage"))
    first = subprocess.run([SCRIPT, "alerts", "--at", at], env=env, capture_output=True, text=True)
    second = subprocess.run([SCRIPT, "alerts", "--at", at], env=env, capture_output=True, text=True)
    assert "posted 1 new alert" in first.stdout and "nothing new to post" in second.stdout
    assert len(fake.called("chat.postMessage")) == before + 1
    bad = subprocess.run([SCRIPT, "alerts", "--at", "someday"], env=env, capture_output=True, text=True)
    assert bad.returncode == 2


@pytest.mark.postgres
def test_two_schedulers_on_one_postgresql_one_posts_and_the_other_takes_over(fake, postgres_server, clock):
    from tests.conftest import fresh_postgres

    url = fresh_postgres(postgres_server)
    first = SlackBot(fake, url, env={"QM_ALERT_CHANNEL": "CALERTS"}, clock=clock)
    seed(first.core.uow)
    second = SlackBot(fake, url, env={"QM_ALERT_CHANNEL": "CALERTS"}, clock=clock)
    one, two = scheduler(first, clock), scheduler(second, clock)
    try:
        first.core.assistant.handle("alice", "used 1 toner")
        assert one.leadership.is_leader() and not two.leadership.is_leader()
        one.run(with_digest=True)
        two.run(with_digest=True)
        assert (
            len([p for p in fake.called("chat.postMessage") if p["channel"] == "CALERTS"]) == 2
        )  # crossing + one digest
        one.leadership._connection.invalidate()  # the leader's process dies: its session ends
        one.leadership._connection = None
        one.leadership._stop.set()
        two.leadership.keep_trying()
        deadline = time.monotonic() + 10
        while not two.leadership.is_leader():
            assert time.monotonic() < deadline, "no takeover within 10 s"
            time.sleep(0.2)
        clock.now += timedelta(days=1)
        two.run(with_digest=True)
        assert len([p for p in fake.called("chat.postMessage") if p["channel"] == "CALERTS"]) == 3
    finally:
        one.leadership.release()
        two.leadership.release()
        for bot in (first, second):
            bot.core.engine.dispose()


def test_the_schedule_defaults_to_weekdays_at_nine_and_an_hourly_check(alerting, clock):
    run = scheduler(alerting, clock)
    run.scheduler.start(paused=True)
    try:
        digest, due = run.scheduler.get_job("digest"), run.scheduler.get_job("due")
        assert digest.trigger.get_next_fire_time(
            None, datetime(2026, 12, 4, 10, tzinfo=timezone.utc)
        ) == datetime(2026, 12, 7, 9, tzinfo=timezone.utc)  # Friday 10:00 -> Monday 09:00
        assert due.trigger.interval == timedelta(hours=1)
        assert (
            run.scheduler._job_defaults["misfire_grace_time"] == 3600
            and run.scheduler._job_defaults["coalesce"]
        )
    finally:
        run.scheduler.shutdown(wait=False)


def test_catching_up_after_a_restart_sends_todays_digest_once(alerting, fake, clock):
    alerting.message("used 1 toner")
    alerting.settle()

    def restart_and_catch_up():
        run = scheduler(alerting, clock)  # a new process
        try:
            return run.catch_up()[-1]
        finally:
            run.leadership.release()

    clock.now = datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)  # before nine: no digest yet
    assert not restart_and_catch_up().startswith("posted")
    clock.now = datetime(2026, 11, 30, 11, 0, tzinfo=timezone.utc)  # came back up after the 09:00 run
    assert restart_and_catch_up() == "posted 1 new alert(s)"
    assert restart_and_catch_up() == "nothing new to post"


def test_a_bad_digest_schedule_is_refused():
    from bot.scheduler import digest_trigger

    with pytest.raises(ValueError, match="QM_DIGEST_AT"):
        digest_trigger("every morning", timezone.utc)


def test_a_booking_reminder_then_a_release_reach_the_booker_once_each(alerting, fake, clock):
    alerting.message("book A-1042 today 12-2pm")
    alerting.settle()
    run = scheduler(alerting, clock)
    clock.now = MONDAY_10.replace(hour=11, minute=10)  # 50 minutes before: within the hour's reminder
    run.run_bookings()
    run.run_bookings()  # again: nothing new
    to_alice = [p for p in fake.called("chat.postMessage") if p["channel"] == "UALICE"]
    reminders = [p for p in to_alice if p["text"].startswith("Reminder: your booking of A-1042")]
    assert len(reminders) == 1
    (pick_up,) = [e for b in reminders[0]["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert (pick_up["text"]["text"], pick_up["value"]) == ("Pick up", "check out A-1042")
    clock.now = MONDAY_10.replace(hour=13, minute=5)  # an hour and five minutes in, never picked up
    run.run_bookings()
    run.run_bookings()
    released = [
        p for p in fake.called("chat.postMessage") if p["channel"] == "UALICE" and "was released" in p["text"]
    ]
    assert len(released) == 1
    with alerting.core.uow(read_only=True) as tx:
        (booking,) = tx.bookings.all()
        assert booking.status.value == "no_show"
        assert [e.action.value for e in tx.ledger.all()][-2:] == ["book", "no_show"]
