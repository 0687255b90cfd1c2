"""Runs the stored Slack requests. A request is stored before Slack gets its
acknowledgement, then processed here: by a small thread pool woken at once,
and by a periodic sweep that picks up what a crash or a restart left behind."""
from __future__ import annotations

import logging
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlalchemy import update

from storage.inbox import INBOX, InboxItem
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=2)  # a claim this old belongs to a worker that died


class Worker:
    def __init__(self, uow: UnitOfWorkFactory, process: Callable[[InboxItem], None], threads: int = 4, sweep_seconds: float = 5.0):
        self.uow, self.process = uow, process
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="qm-worker")
        self.sweep_seconds = sweep_seconds
        self._stopping = threading.Event()
        self._sweeper: threading.Thread | None = None

    def accept(self, kind: str, message_key: str, event_id: str | None, payload: dict) -> int | None:
        """Store a request durably and queue it; None if it was seen before."""
        with self.uow() as uow:
            item_id = uow.inbox.accept(message_key, event_id, kind, payload, _now())
            uow.commit()
        if item_id is not None:
            self.pool.submit(self.run, item_id)
        return item_id

    def run(self, item_id: int) -> None:
        with self.uow() as uow:
            item = uow.inbox.claim(item_id, _now())
            uow.commit()
        if item is None:
            return  # done already, or another worker has it
        try:
            self.process(item)
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("request %s failed (ref %s)", item_id, ref)
            self._close(item_id, "failed")
            return
        self._close(item_id, "done")  # a change marked it done already; questions end here

    def _close(self, item_id: int, status: str) -> None:
        with self.uow() as uow:
            uow.session.connection().execute(
                update(INBOX).where(INBOX.c.id == item_id, INBOX.c.status == "working").values(status=status)
            )
            uow.commit()

    def sweep(self) -> int:
        """Queue what is waiting: pending requests and stale claims."""
        with self.uow() as uow:
            waiting = uow.inbox.waiting(_now() - STALE_AFTER)
            uow.inbox.release(waiting)
            uow.commit()
        for item_id in waiting:
            self.pool.submit(self.run, item_id)
        return len(waiting)

    def start(self) -> None:
        self.sweep()  # drain what a previous process acknowledged but never finished
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
