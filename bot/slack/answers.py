"""Where the answers to one Slack request go, and each answer turned into an
outbox message: in the thread, ephemerally, through the response_url, or
into the person's DM when it is for their eyes only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.slack.blocks import fallback_text, reply_blocks
from bot.slack.delivery import Delivery
from services.replies import Reply, ReplyKind
from storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Where:
    user: str
    channel: str
    thread_ts: str | None = None  # None in a DM: the answer goes in place
    direct: bool = False  # the request came in the app's own DM
    response_url: str | None = None  # /qm and buttons answer through it
    received_at: datetime | None = None  # when the request came: its response_url expires 30 minutes later
    replace: bool = False  # the outcome replaces the message whose button was clicked
    mention_on_public: bool = False  # /qm: a change shown to the channel says who made it
    original_text: str | None = None  # the words a choice button re-runs


def record(delivery: Delivery, uow: UnitOfWork, where: Where, key: str, reply: Reply) -> list[int | None]:
    """The outbox messages for one reply, recorded in `uow`'s transaction."""
    if reply.attachment:
        return _record_file(delivery, uow, where, key, reply)
    if not reply.text:
        return []
    method, args = render(where, reply)
    return [delivery.record(uow, key, method, args, channel=args.get("channel"), held=True)]


def render(where: Where, reply: Reply) -> tuple[str, dict]:
    """The Slack call that shows `reply` where the request came from."""
    public = reply.changed and not reply.private
    lead = f"<@{where.user}>:" if public and where.mention_on_public else ""
    message = {
        "text": fallback_text(reply.text, lead),
        "blocks": reply_blocks(reply, where.original_text, lead),
        "_user": where.user,
    }  # told by DM if this can't be posted
    if where.response_url:
        return "response_url", {
            "url": where.response_url,
            **message,
            "response_type": "in_channel" if public else "ephemeral",
            "replace_original": where.replace,
            "channel": where.channel,
            "user": where.user,
            "issued_at": where.received_at.isoformat() if where.received_at else None,
        }
    if reply.private and not where.direct:
        return "chat.postEphemeral", {
            "channel": where.channel,
            "user": where.user,
            "thread_ts": where.thread_ts,
            **message,
        }
    return "chat.postMessage", {"channel": where.channel, "thread_ts": where.thread_ts, **message}


def _record_file(
    delivery: Delivery, uow: UnitOfWork, where: Where, key: str, reply: Reply
) -> list[int | None]:
    """A file: into the thread, or, when private or asked for with /qm, into
    the person's DM. Where they asked, they are told once it is there, or
    that it could not be sent."""
    name, content = reply.attachment
    privately = (reply.private or where.response_url is not None) and not where.direct
    args: dict = {"filename": name, "text": reply.text}
    if privately:
        args["user"] = where.user
        args["_then"] = [render(where, Reply(ReplyKind.ANSWER, f"I've sent you {name} in a direct message."))]
    else:
        args.update(channel=where.channel, thread_ts=where.thread_ts)
    failed = Reply(
        ReplyKind.REFUSAL,
        f"Sorry, I couldn't send you {name}: Slack refused the upload. Nothing was changed.",
    )
    args["_else"] = [render(where, failed)]
    return [
        delivery.record(
            uow,
            key,
            "files.upload",
            args,
            channel=where.user if privately else where.channel,
            content=content,
            held=True,
        )
    ]
