"""Keeps the resolver's index in step with the catalog, cheaply: it is rebuilt
only when a create or edit entry has been added to the ledger since."""

from __future__ import annotations

import gc
import threading
import time

from services.resolver import CatalogIndex
from storage.unit_of_work import UnitOfWorkFactory


class CatalogCache:
    def __init__(self, uow: UnitOfWorkFactory, recheck_seconds: float = 1.0):
        self.uow = uow
        self.recheck_seconds = recheck_seconds
        self._lock = threading.Lock()
        self._stamp: object = None
        self._index: CatalogIndex | None = None
        self._checked = 0.0

    def index(self) -> CatalogIndex:
        """The index, rechecked against the ledger at most once a second: a
        catalog edit made elsewhere (another replica, an import) shows within
        that second; edits made through this process show at once (refresh)."""
        if self._index is not None and time.monotonic() - self._checked < self.recheck_seconds:
            return self._index
        return self.refresh()

    def invalidate(self) -> None:
        """Something changed here: recheck the ledger on the next lookup."""
        self._checked = 0.0

    def refresh(self) -> CatalogIndex:
        self._checked = time.monotonic()
        with self.uow(read_only=True) as uow:
            stamp = uow.ledger.catalog_stamp()
            if self._index is not None and stamp == self._stamp:
                return self._index
            with self._lock:
                if self._index is None or stamp != self._stamp:
                    self._index = CatalogIndex(
                        uow.assets.catalog(), uow.stock.catalog(), uow.assets.places(), uow.kits.catalog()
                    )
                    self._stamp = stamp
                    # The index lives long and holds no garbage: keep the cyclic
                    # collector from rescanning it (pauses of 100+ ms on big catalogs).
                    gc.freeze()
                return self._index
