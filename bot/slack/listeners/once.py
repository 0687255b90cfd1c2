"""A form's submission acted on once: Slack shows an error if the ack takes over
3 seconds, and the person presses Submit again. The submission (its view and
values) is claimed as an inbox row, marked done in the change's own transaction;
one that changed nothing is forgotten, so the same form may be sent again."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

ALREADY = "That was sent already; see your DMs for what it did."


def submission_key(view: dict) -> str:
    values = json.dumps(view.get("state", {}).get("values", {}), sort_keys=True)
    return f"view:{view.get('id')}:{hashlib.sha256(values.encode()).hexdigest()[:16]}"


def claim(assistant, view: dict) -> int | None:
    """The submission's inbox row (handled here, never swept); None when it was sent before."""
    with assistant.uow() as uow:
        item = uow.inbox.accept(
            submission_key(view), None, "form", {}, datetime.now(timezone.utc), status="working"
        )
        uow.commit()
    return item


def forget(assistant, item: int) -> None:
    with assistant.uow() as uow:
        uow.inbox.forget(item)
        uow.commit()
