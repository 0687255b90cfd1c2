"""People as answers name them. A Slack user is recorded by member ID and
shown by the name kept for that ID; anyone else (a console user, a
contractor named in a CSV) is recorded and shown by name. Also the reverse,
for "for @bob" and CSV holders: a name the bot knows means that person's ID."""

from __future__ import annotations

import re
import threading
import time

from storage.unit_of_work import UnitOfWorkFactory

# Slack member IDs look like U024BE7LH (W… on Enterprise Grid): used only for
# IDs nobody has met yet, so a name such as WAREHOUSE is never taken for one.
MEMBER_ID = re.compile(r"[UW](?=[A-Z0-9]*[0-9])[A-Z0-9]{8,11}")
CACHE_SECONDS = 60.0


def looks_like_member_id(key: str | None) -> bool:
    return bool(key) and MEMBER_ID.fullmatch(key) is not None


def people_key(uow, person: str) -> str:
    """The key to record for a person named in a message or a file: a known
    member ID as it is, a name the bot knows as that person's ID, else as given."""
    if uow.people.name_of(person) is not None:
        return person
    return uow.people.id_of(person) or person


class People:
    """Names for keys, cached briefly (answers name many holders)."""

    def __init__(self, uow: UnitOfWorkFactory):
        self.uow = uow
        self._names: dict[str, tuple[str, float]] = {}
        self._known: tuple[frozenset[str], float] | None = None
        self._lock = threading.Lock()

    def name(self, key: str) -> str:
        with self._lock:
            cached = self._names.get(key)
        if cached and time.monotonic() - cached[1] < CACHE_SECONDS:
            return cached[0]
        with self.uow(read_only=True) as uow:
            name = uow.people.name_of(key)
        if name is None and looks_like_member_id(key):
            return key  # an ID never met: shown as it is, and asked again next time (they may be met soon)
        name = name or key  # a name already (a console user, a contractor)
        with self._lock:
            self._names[key] = (name, time.monotonic())
        return name

    def known(self) -> frozenset[str]:
        """The lowercase names of everyone the bot knows: met in Slack, holding
        something or having changed something (a console user, a name from a
        CSV). Cached briefly."""
        with self._lock:
            cached = self._known
        if cached and time.monotonic() - cached[1] < CACHE_SECONDS:
            return cached[0]
        with self.uow(read_only=True) as uow:
            names = (
                set(uow.people.names().values())
                | uow.assets.holders()
                | uow.ledger.actors()
                | uow.bookings.holders()
            )
        known = frozenset(n.lower() for n in names if n and not looks_like_member_id(n))
        with self._lock:
            self._known = (known, time.monotonic())
        return known

    def also_known(self, *names: str) -> None:
        """After a change its actor is known at once, without reading the
        whole ledger again (a message's hot path)."""
        with self._lock:
            if self._known is not None:
                added = {n.lower() for n in names if n and not looks_like_member_id(n)}
                self._known = (self._known[0] | added, self._known[1])

    def key_for(self, uow, person: str) -> str:
        return people_key(uow, person)
