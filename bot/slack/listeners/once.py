"""A form's submission acted on once: Slack shows an error if the ack takes over
3 seconds, and the person presses Submit again. The submission (its view and
values) is claimed as an inbox row, marked done in the change's own transaction;
one that changed nothing is forgotten, so the same form may be sent again."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from datetime import datetime, timezone

from services.replies import ReplyKind

log = logging.getLogger(__name__)

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


def act(
    assistant, person, view: dict, command, ack, client, item_field: str, field_of: Callable[[str], str]
) -> None:
    """Does a submitted form's `command` once for `person` and answers Slack: a
    refusal shown beside its field (`field_of` the refusal's text; the claim is
    forgotten, so the form may be sent again), a change acked, then told by DM."""
    item = claim(assistant, view)
    if item is None:
        ack(response_action="errors", errors={item_field: ALREADY})
        return
    ctx = assistant.context(person, source=f"view:{view.get('id')}", inbox_id=item)
    reply = assistant.run(ctx, [command]).replies[-1]
    if reply.kind is not ReplyKind.CHANGE:
        forget(assistant, item)
        ack(response_action="errors", errors={field_of(reply.text): short(reply.text)})
        return
    ack()
    try:
        client.chat_postMessage(channel=person.id, text=reply.text)
    except Exception:  # done all the same; App Home and "what do I have?" show it
        log.warning("could not tell %s what their form did", person.id, exc_info=True)


MAX_ERROR = 150  # characters Slack shows beside a field


def short(text: str) -> str:
    return text if len(text) <= MAX_ERROR else text[: MAX_ERROR - 1] + "…"
