"""Web API clients that ride out Slack's bad moments: a 429 is retried after
its Retry-After (when that is short), a 5xx or a dropped connection after a
bounded backoff. Longer waits are the outbox's job, not a blocked thread's."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.webhook import WebhookClient

MAX_INLINE_WAIT = 5  # seconds: a longer Retry-After is rescheduled by the outbox
TIMEOUT = 15  # seconds per call; a slow Slack is retried, not waited on forever


class ShortRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Retries a 429 in place only when Slack asks for a short wait."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        return retry_after(response.headers) <= MAX_INLINE_WAIT


def retry_after(headers: dict | None, default: float = 1.0) -> float:
    """Slack's Retry-After header in seconds (header names in any case; values as a list or a string)."""
    for name, value in (headers or {}).items():
        if name.lower() == "retry-after":
            value = value[0] if isinstance(value, (list, tuple)) else value
            try:
                return max(0.0, float(value))
            except (TypeError, ValueError):
                return default
    return default


def retry_handlers(in_place: bool = True) -> list:
    """`in_place=False`: only a dropped connection is retried at once; a 429
    or a 5xx comes back to the caller (the outbox reschedules it)."""
    backoff = BackoffRetryIntervalCalculator(backoff_factor=0.5)
    handlers = [ConnectionErrorRetryHandler(max_retry_count=2, interval_calculator=backoff)]
    if in_place:
        handlers += [
            ShortRateLimitRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=2, interval_calculator=backoff),
        ]
    return handlers


def web_client(token: str | None, api_url: str, retry_in_place: bool = True) -> WebClient:
    base_url = api_url if api_url.endswith("/") else api_url + "/"
    return WebClient(
        token=token, base_url=base_url, timeout=TIMEOUT, retry_handlers=retry_handlers(retry_in_place)
    )


def webhook_client(url: str) -> WebhookClient:
    return WebhookClient(url, timeout=TIMEOUT, retry_handlers=retry_handlers())
