"""The alert scheduler inside `serve`: APScheduler 3 runs the digest and the
due/overdue check; only the leader process acts on them."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from bot.alerting import run_alerts, run_booking_notices
from bot.bootstrap import App
from bot.settings import DIGEST_AT

log = logging.getLogger(__name__)
LEADER_LOCK = 7_150_002  # any fixed number, shared by all replicas
BOOKING_CHECK_MINUTES = 5


class Leadership:
    """Exactly one process runs the jobs. On PostgreSQL that is the holder of
    a session-level advisory lock on a dedicated connection: if it dies, the
    server drops the lock and a follower takes it at its next try (every few
    seconds). SQLite means one process, so it always leads."""

    def __init__(self, engine: Engine, retry_seconds: float = 2.0):
        # Its own unpooled engine: the lock's session must end when this
        # connection does, never go back to a pool still holding the lock.
        self.engine = (
            create_engine(engine.url, poolclass=NullPool) if engine.dialect.name == "postgresql" else engine
        )
        self.retry_seconds = retry_seconds
        self._connection = None
        self._lock = threading.Lock()
        self._stop = threading.Event()

    def is_leader(self) -> bool:
        if self.engine.dialect.name != "postgresql":
            return True
        with self._lock:
            if self._connection is not None:
                try:
                    self._connection.execute(text("SELECT 1"))
                    self._connection.commit()
                    return True
                except Exception:
                    log.warning("lost the leader connection; stepping down")
                    self._close()
            try:
                connection = self.engine.connect()
                got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": LEADER_LOCK}).scalar()
                connection.commit()  # not idle in a transaction while holding the lock
            except Exception:
                return False
            if got:
                log.info("this process now runs the scheduled alerts")
                self._connection = connection
                return True
            connection.close()
            return False

    def keep_trying(self) -> None:
        """Follow the lock in the background so a takeover happens in seconds."""

        def loop():
            while not self._stop.wait(self.retry_seconds):
                self.is_leader()

        threading.Thread(target=loop, name="qm-leader", daemon=True).start()

    def release(self) -> None:
        self._stop.set()
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()  # closing the session frees the lock
            except Exception:
                pass
            self._connection = None


def digest_trigger(spec: str, tz) -> CronTrigger:
    """`mon-fri 09:00` -> a cron trigger in the bot's zone."""
    match = DIGEST_AT.fullmatch(spec.lower())
    if not match:
        raise ValueError(f"QM_DIGEST_AT “{spec}” should look like “mon-fri 09:00”")
    return CronTrigger(
        day_of_week=match["days"], hour=int(match["hour"]), minute=int(match["minute"]), timezone=tz
    )


class AlertScheduler:
    def __init__(self, app: App, outbox, leadership: Leadership, clock=None):
        self.app, self.outbox, self.leadership = app, outbox, leadership
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        settings = app.settings
        self.digest = digest_trigger(settings.digest_at, settings.timezone)
        self.scheduler = BackgroundScheduler(
            timezone=settings.timezone,
            # A run missed while down is made up once (coalesce), up to an hour late.
            job_defaults={"misfire_grace_time": 3600, "coalesce": True, "max_instances": 1},
        )
        self.scheduler.add_job(self.run, self.digest, kwargs={"with_digest": True}, id="digest")
        self.scheduler.add_job(
            self.run,
            IntervalTrigger(minutes=settings.overdue_check_minutes),
            kwargs={"with_digest": False},
            id="due",
        )
        # reminders go a set time before a booking, and no-shows are released after a set
        # grace: checked often, whatever QM_OVERDUE_CHECK_MINUTES says
        self.scheduler.add_job(
            self.run_bookings, IntervalTrigger(minutes=BOOKING_CHECK_MINUTES), id="bookings"
        )

    def run(self, with_digest: bool) -> list[str]:
        if not self.leadership.is_leader():
            return []
        try:
            report = run_alerts(self.app, self.clock(), with_digest=with_digest, outbox=self.outbox)
            for problem in report.problems:
                log.error("alerts: %s", problem)
            return report.lines
        except Exception:
            log.exception("alert run failed; the next run will try again")
            return []

    def run_bookings(self) -> list[str]:
        if not self.leadership.is_leader():
            return []
        try:
            problems = run_booking_notices(self.app, self.clock(), self.outbox)
            for problem in problems:
                log.error("booking notices: %s", problem)
            return problems
        except Exception:
            log.exception("booking notices failed; the next run will try again")
            return []

    def catch_up(self) -> list[str]:
        """After a restart: send today's digest if its time has passed and it
        was not sent (the sent record says), and any due notices."""
        return self.run(with_digest=self._digest_time_passed_today(self.clock()))

    def _digest_time_passed_today(self, now: datetime) -> bool:
        local = now.astimezone(self.app.settings.timezone)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        fire = self.digest.get_next_fire_time(None, midnight)
        return fire is not None and fire.date() == local.date() and fire <= local

    def start(self) -> None:
        self.leadership.keep_trying()
        self.scheduler.start()
        threading.Thread(target=self.catch_up, name="qm-catch-up", daemon=True).start()

    def stop(self) -> None:
        self.scheduler.shutdown(wait=False)
        self.leadership.release()
