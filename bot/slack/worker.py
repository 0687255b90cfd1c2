"""Runs the stored Slack requests. A request is stored before Slack gets its
acknowledgement, then processed here: by a small thread pool woken at once,
and by a periodic sweep that picks up what a crash or a restart left behind."""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlalchemy import update
from sqlalchemy.exc import DBAPIError

from storage.inbox import INBOX, InboxItem
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)


class RetryLater(Exception):
    """Something the request needs is briefly unavailable (Slack's users.info
    answered 429 or 5xx): nothing was done, and the next sweep runs it again."""


STALE_AFTER = timedelta(seconds=30)  # a claim this old belongs to a worker that died
KEEP_DONE = timedelta(days=7)  # finished requests are kept this long for deduplication


class Worker:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        process: Callable[[InboxItem], bool | None],
        threads: int = 4,
        sweep_seconds: float = 5.0,
        single_process: bool = False,
    ):
        """`single_process` (SQLite): no other process can hold a claim, so
        claims found at start are a crashed run's and are taken back at once."""
        self.uow, self.process = uow, process
        self.single_process = single_process
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="qm-worker")
        self.sweep_seconds = sweep_seconds
        self._stopping = threading.Event()
        self._sweeper: threading.Thread | None = None
        self._arrivals: queue.Queue = queue.Queue()
        self._in_flight = 0
        self._retry: set[int] = set()  # claimed here, interrupted by a database outage
        self._count_lock = threading.Lock()
        threading.Thread(target=self._store_arrivals, name="qm-inbox-writer", daemon=True).start()

    def accept(self, kind: str, message_key: str, event_id: str | None, payload: dict) -> int | None:
        """Store a request durably and queue it; None if it was seen before.
        Returns once the request is committed (the caller acks after that)."""
        done: Future = Future()
        self._arrivals.put(((message_key, event_id, kind, payload), done))
        item_id = done.result(timeout=30)
        if item_id is not None:
            self.submit(item_id)
        return item_id

    def submit(self, item_id: int) -> None:
        with self._count_lock:
            self._in_flight += 1
        self.pool.submit(self._run_counted, item_id)

    def _run_counted(self, item_id: int) -> None:
        try:
            self.run(item_id)
        finally:
            with self._count_lock:
                self._in_flight -= 1

    @property
    def idle(self) -> bool:
        """Nothing queued or running here (replies included)."""
        with self._count_lock:
            return self._in_flight == 0

    def _store_arrivals(self) -> None:
        """Group commit: everything that arrived while the last batch was being
        written goes in the next transaction, so under load acks share commits
        instead of queueing for the database's write lock one by one."""
        while True:
            batch = [self._arrivals.get()]
            while len(batch) < 200:
                try:
                    batch.append(self._arrivals.get_nowait())
                except queue.Empty:
                    break
            try:
                ids = self._store(batch)
            except BaseException as error:
                for _, done in batch:
                    done.set_exception(error)
                continue
            for item_id, (_, done) in zip(ids, batch):
                done.set_result(item_id)

    def run(self, item_id: int) -> None:
        with self.uow() as uow:
            item = uow.inbox.claim(item_id, _now())
            uow.commit()
        if item is None:
            return  # done already, or another worker has it
        try:
            closed = self.process(item)
        except (DBAPIError, RetryLater):
            log.warning(
                "database or Slack unavailable while handling request %s; will retry", item_id, exc_info=True
            )
            with self._count_lock:
                self._retry.add(item_id)
            return
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("request %s failed (ref %s)", item_id, ref)
            self._close(item_id, "failed")
            return
        if not closed:  # a change, or the replies' record, marked it done already
            self._close(item_id, "done")

    def _close(self, item_id: int, status: str) -> None:
        with self.uow() as uow:
            uow.session.connection().execute(
                update(INBOX).where(INBOX.c.id == item_id, INBOX.c.status == "working").values(status=status)
            )
            uow.commit()

    def _store(self, batch: list) -> list[int | None]:
        for attempt in (1, 2):
            try:
                with self.uow() as uow:
                    ids = [uow.inbox.accept(*args, _now()) for args, _ in batch]
                    uow.commit()
                return ids
            except DBAPIError as error:
                # A connection the database dropped (it restarted) is retried
                # once on a fresh one: nothing was stored, so nothing doubles.
                if attempt == 2 or not error.connection_invalidated:
                    raise
        raise AssertionError("unreachable")

    def sweep(self, stale_before: datetime | None = None) -> int:
        """Queue what is waiting: pending requests, stale claims, and ours
        that a database outage interrupted."""
        with self._count_lock:
            interrupted, self._retry = list(self._retry), set()
        try:
            with self.uow() as uow:
                uow.inbox.release(interrupted)
                waiting = uow.inbox.waiting(stale_before or _now() - STALE_AFTER)
                uow.inbox.release(waiting)
                uow.inbox.prune(_now() - KEEP_DONE)
                uow.commit()
        except Exception:
            with self._count_lock:
                self._retry.update(interrupted)  # still down: next sweep
            raise
        for item_id in waiting:
            self.submit(item_id)
        return len(waiting)

    def start(self) -> None:
        # Drain what a previous process acknowledged but never finished.
        self.sweep(stale_before=_now() if self.single_process else None)
        self._sweeper = threading.Thread(target=self._sweep_forever, name="qm-sweeper", daemon=True)
        self._sweeper.start()

    def _sweep_forever(self) -> None:
        while not self._stopping.wait(self.sweep_seconds):
            try:
                self.sweep()
            except Exception:
                log.exception("inbox sweep failed; will retry")

    def stop(self) -> None:
        self._stopping.set()
        self.pool.shutdown(wait=True)


def _now() -> datetime:
    return datetime.now(timezone.utc)
