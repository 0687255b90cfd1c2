"""Fault injection for the strict Slack double: `fail()`, `slow()` and `fail_randomly()` script
errors, HTTP statuses and delays for a method or pseudo-method ("response_url", "upload",
"download"). Injected faults are recorded in `.attempts` but never count as refusals."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Iterable

from tests.slack.strict_http import Reply


@dataclass
class _Fault:
    """One injected fault: a delay and/or an answer, for `times` calls."""

    error: str | None = None
    status: int | None = None
    retry_after: int | None = None
    delay: float = 0.0
    times: int = 1

    @property
    def answers(self) -> bool:
        return self.error is not None or self.status is not None

    @property
    def label(self) -> str:
        if self.status == 429:
            return "ratelimited"
        return self.error or f"http_{self.status}"


@dataclass
class _RandomFaults:
    rng: random.Random
    rate: float
    statuses: tuple[int, ...]
    methods: set[str] | None


class FaultInjection:
    """Mixed into StrictSlack, whose __init__ sets `_lock`, `_faults` and `_random_faults`;
    `_injected` records through its `_finish`."""

    def fail(
        self,
        method: str,
        error: str | None = None,
        status: int | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """The next `times` calls of `method` fail: status=429 answers HTTP 429 + Retry-After
        (default 1 s) + ratelimited; status=5xx answers that status with a short HTML body;
        error alone answers HTTP 200 {"ok": false, "error": error} (pseudo-methods: HTTP 400)."""
        if error is None and status is None:
            raise ValueError("fail() needs an error or a status")
        with self._lock:
            self._faults[method].append(_Fault(error, status, retry_after, times=times))

    def slow(self, method: str, seconds: float, times: int = 1) -> None:
        """Delay the answer to the next `times` calls of `method` (a timeout for the client)."""
        with self._lock:
            self._faults[method].append(_Fault(delay=seconds, times=times))

    def fail_randomly(
        self,
        rate: float,
        statuses: Iterable[int] = (429, 500),
        seed: int = 0,
        methods: Iterable[str] | None = None,
    ) -> None:
        """For load tests: a seeded fraction `rate` of calls (of `methods`, default all) answer one
        of `statuses` (429 with Retry-After: 1)."""
        with self._lock:
            self._random_faults = _RandomFaults(
                random.Random(seed), rate, tuple(statuses), set(methods) if methods is not None else None
            )

    def _take_fault(self, method: str) -> _Fault | None:
        with self._lock:
            queue = self._faults.get(method)
            if queue:
                fault = queue[0]
                fault.times -= 1
                if fault.times <= 0:
                    queue.pop(0)
                return fault
            chance = self._random_faults
            if chance and (chance.methods is None or method in chance.methods):
                if chance.rng.random() < chance.rate:
                    return _Fault(status=chance.rng.choice(chance.statuses), retry_after=1)
        return None

    def _injected(self, method: str, params: dict, api: bool) -> Reply | None:
        """Apply an injected fault, if any: sleep for a slow() one, answer for a fail() one."""
        fault = self._take_fault(method)
        if fault is None:
            return None
        if fault.delay:
            time.sleep(fault.delay)
        if not fault.answers:
            return None
        self._finish(method, params, fault.label, counts=False)
        return _fault_reply(fault, api)


def _fault_reply(fault: _Fault, api: bool) -> Reply:
    if fault.status == 429:
        # https://docs.slack.dev/apis/web-api/rate-limits: HTTP 429 with Retry-After (seconds)
        return Reply.json(
            {"ok": False, "error": "ratelimited"}, 429, {"Retry-After": str(fault.retry_after or 1)}
        )
    if fault.status is not None and fault.error is None:
        # Slack's 5xx bodies are HTML or empty, not the JSON envelope.
        return Reply.text(f"<html><body>{fault.status} Server Error</body></html>", fault.status, "text/html")
    if api:
        return Reply.json({"ok": False, "error": fault.error}, fault.status or 200)
    return Reply.text(str(fault.error), fault.status or 400)
