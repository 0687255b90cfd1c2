"""Keeps the resolver's index in step with the catalog, cheaply: it is rebuilt
only when a create or edit entry has been added to the ledger since."""
from __future__ import annotations

import gc
import threading

from services.resolver import CatalogIndex
from storage.unit_of_work import UnitOfWorkFactory


class CatalogCache:
    def __init__(self, uow: UnitOfWorkFactory):
        self.uow = uow
        self._lock = threading.Lock()
        self._stamp: object = None
        self._index: CatalogIndex | None = None

    def index(self) -> CatalogIndex:
        with self.uow(read_only=True) as uow:
            stamp = uow.ledger.catalog_stamp()
            if self._index is not None and stamp == self._stamp:
                return self._index
            with self._lock:
                if self._index is None or stamp != self._stamp:
                    self._index = CatalogIndex(uow.assets.catalog(), uow.stock.catalog())
                    self._stamp = stamp
                    # The index lives long and holds no garbage: keep the cyclic
                    # collector from rescanning it (pauses of 100+ ms on big catalogs).
                    gc.freeze()
                return self._index
