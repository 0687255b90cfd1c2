"""What a stored Slack request does: run it through the assistant and answer
where it came from (in the thread, ephemerally, or via the response URL)."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from slack_sdk import WebClient
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from bot.slack import answers, leavers, workflow_steps
from bot.slack.answers import Where
from bot.slack.blocks import action_name
from bot.slack.client import retry_after, webhook_client
from bot.slack.delivery import Delivery
from bot.slack.files import is_audio, is_photo, is_stub, slack_transcript
from bot.slack.home import home_view, page_of
from bot.slack.on_behalf import OnBehalf
from bot.slack.people import Directory, UnknownPerson
from bot.slack.worker import RetryLater
from domain import commands as C
from domain.commands import Command, decode
from domain.errors import DomainError
from domain.language import parse
from services import alerts
from services.assistant import Assistant
from services.inbound import Attachment, Inbound
from services.questions import NO_LONGER_OPEN
from services.replies import Reply, ReplyKind, refusal
from storage.inbox import InboxItem

log = logging.getLogger(__name__)
MAX_DOWNLOAD = 25_000_000  # a phone photo is a few MB
GIVE_UP_AFTER = timedelta(minutes=10)  # a request that long waiting on Slack is answered, not retried
DB_DOWN = "I can't reach the database right now, so nothing was changed. Please try again in a moment."


class Handlers(OnBehalf):
    def __init__(
        self,
        assistant: Assistant,
        directory: Directory,
        client: WebClient,
        delivery: Delivery,
        transcript_wait: float = 10.0,
    ):
        self.assistant, self.directory, self.client, self.delivery = assistant, directory, client, delivery
        self.transcript_wait = transcript_wait  # how long Slack's own transcript of a clip is waited for
        self.transcript_poll = 1.0

    def __call__(self, item: InboxItem) -> bool | None:
        """Handle a stored request; True when it was marked done on the way
        (with its change, or with its replies), so no write is left to do."""
        try:
            return getattr(self, f"_{item.kind}")(item)
        except DBAPIError as error:
            if _outage(error):
                # Stored requests are retried when the database is back, so the
                # person is not told "nothing changed" about something that will.
                raise
            ref = uuid.uuid4().hex[:8]  # the database refused this request itself: retrying would loop
            log.exception("the database refused request %s (ref %s)", item.id, ref)
            self.say_anyway(item.kind, item.payload, self._failure_text(item.id, ref))
        except RetryLater as error:
            if item.received_at and _now() - item.received_at < GIVE_UP_AFTER:
                raise
            self.say_anyway(
                item.kind,
                item.payload,
                f"Slack kept failing to tell me who you are ({error}), so "
                "nothing was changed. Please try again.",
            )
        except UnknownPerson as error:
            self.say_anyway(item.kind, item.payload, error.message)
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("unexpected error handling request %s (ref %s)", item.id, ref)
            self.say_anyway(item.kind, item.payload, self._failure_text(item.id, ref))

    def _failure_text(self, item_id: int, ref: str) -> str:
        """Only a rolled-back request is "nothing was changed": a change marks
        its request done in its own transaction, so the inbox knows."""
        try:
            with self.assistant.uow(read_only=True) as uow:
                committed = uow.inbox.status(item_id) == "done"
        except DBAPIError:
            committed = None
        if committed:
            return (
                f"Your change was recorded, but something went wrong on my side afterwards (ref {ref}). "
                "Say “what do I have?” or ask about the item to see where things stand."
            )
        if committed is None:
            return f"Something went wrong on my side (ref {ref}), and I can't tell yet whether your change went through."
        return f"Something went wrong on my side (ref {ref}); nothing was changed."

    # -- kinds of request -------------------------------------------------

    def _message(self, item: InboxItem) -> None:
        event = item.payload["event"]
        text, channel, ts = event.get("text") or "", event["channel"], event["ts"]
        person = self.directory.person(event["user"])
        files = [
            self._file_info(f["id"]) if is_stub(f) and f.get("id") else f for f in event.get("files") or []
        ]
        images, clips = [f for f in files if is_photo(f)], [f for f in files if is_audio(f)]
        direct = event.get("channel_type") == "im"
        thread = event.get("thread_ts") or (None if direct else ts)
        # A direct message's conversation is the DM itself; elsewhere it is the thread.
        conversation = f"slack:{channel}:{thread}" if thread else f"slack:{channel}"
        where = Where(event["user"], channel, thread, direct=direct, original_text=text)
        deliver, recorded = self._deliverer(where, item.id)
        attachments = [Attachment("image", self._download(f)) for f in images[:4]]
        if clips and not images:
            transcript = slack_transcript(
                clips[0], self._file_info, self.transcript_wait, self.transcript_poll
            )
            audio = b"" if transcript else self._download(clips[0])
            attachments = [Attachment("audio", audio, transcript)]
        parsed = item.payload.get("commands")
        outcome = self.assistant.receive(
            Inbound(
                person,
                text,
                tuple(attachments),
                commands=_decoded(parsed) if parsed is not None and not attachments else None,
                conversation=conversation,
                source=f"slack:{channel}:{ts}",
                mentions=self.directory.mentions(text),
                request_id=item.id,
                deliver=deliver,
            )
        )
        if outcome.said is not None:
            where = replace(where, original_text=outcome.said)
        replies = outcome.replies
        return self._answer(where, item.id, replies, recorded)

    def _command(self, item: InboxItem) -> None:
        body = item.payload
        text, user = body.get("text") or "help", body["user_id"]
        # direct=False even in a DM: /qm may come from a DM between two people, where the bot can't post.
        where = Where(
            user,
            body.get("channel_id") or user,
            response_url=body.get("response_url"),
            received_at=item.received_at,
            mention_on_public=True,
            original_text=text,
        )
        deliver, recorded = self._deliverer(where, item.id)
        outcome = self.assistant.receive(
            Inbound(
                self.directory.person(user),
                text,
                source=f"slack:/qm:{body.get('channel_id')}:{body.get('trigger_id')}",
                mentions=self.directory.mentions(text),
                request_id=item.id,
                deliver=deliver,
            )
        )
        return self._answer(where, item.id, outcome.replies, recorded)

    def _action(self, item: InboxItem) -> None:
        body = item.payload
        action = body["actions"][0]
        user = body["user"]["id"]
        person = self.directory.person(user)
        source = f"slack:action:{action.get('action_ts')}"
        kind, value = action_name(action["action_id"]), action.get("value") or ""
        if kind == "qm_transfer":  # the Transfer menu: whose things (its block), to whom (the pick)
            value = f"{action.get('block_id', '').removeprefix(leavers.TRANSFER_BLOCK)}|{action.get('selected_user') or ''}"
        channel = (body.get("channel") or {}).get("id") or user
        where = Where(
            user,
            channel,
            response_url=body.get("response_url"),
            received_at=item.received_at,
            direct=channel.startswith("D"),
            replace=kind in ("qm_choose", "qm_confirm", "qm_cancel"),
        )
        deliver, recorded = self._deliverer(where, item.id)
        if kind in ("qm_ordered", "qm_snooze"):
            act = alerts.mark_ordered if kind == "qm_ordered" else alerts.snooze
            try:
                replies = [
                    Reply(
                        ReplyKind.ANSWER,
                        act(self.assistant.uow, self.assistant.context(person, source, item.id), value),
                    )
                ]
            except DomainError as error:
                replies = [refusal(error.message, error.code)]
        elif kind in ("qm_choose", "qm_confirm", "qm_cancel"):
            question_id, key = _choice(value)
            if question_id is None:  # a button from before questions were stored, or not ours
                replies = [refusal(NO_LONGER_OPEN)]
            else:
                replies = self.assistant.answer(
                    person, question_id, key, source, inbox_id=item.id, deliver=deliver
                )
            if replies and replies[0].code == "not_yours":  # someone else's question: its buttons stay
                where = replace(where, replace=False)
        else:
            commands = self._received(value) if kind == "qm_received" else _button_commands(kind, value)
            replies = self.assistant.run(
                self.assistant.context(person, source, item.id, deliver=deliver), commands
            ).replies
        return self._answer(where, item.id, replies, recorded)

    def _file_info(self, file_id: str) -> dict:
        return self.client.files_info(file=file_id)["file"]

    def _received(self, sku: str) -> list[Command]:
        """The Received button on a low-stock alert: the reorder quantity came in."""
        with self.assistant.uow(read_only=True) as uow:
            stock = uow.stock.get(sku)
        if stock is None or not stock.reorder_qty:
            return [C.Receive(ref=sku)]  # asks how many
        return [C.Receive(ref=stock.sku, count=stock.reorder_qty)]

    def _home(self, item: InboxItem) -> None:
        user = item.payload["user"]
        ctx = self.assistant.context(self.directory.person(user))
        pages = page_of(item.payload.get("page") or "")  # a Next or Back click: that section's page
        self.client.views_publish(
            user_id=user, view=home_view(ctx, self.assistant.uow, self.assistant.audit_intervals, pages)
        )

    # -- answering ----------------------------------------------------------

    def _deliverer(self, where: Where, item_id: int):
        """The hook a change calls inside its transaction to record its reply,
        and the outbox ids it recorded (sent once the change is committed)."""
        recorded: list[int | None] = []

        def deliver(uow, reply: Reply) -> None:
            recorded.extend(
                answers.record(self.delivery, uow, where, f"reply:{item_id}:change:{len(recorded)}", reply)
            )

        return deliver, recorded

    def _answer(self, where: Where, item_id: int, replies: list[Reply], recorded: list[int | None]) -> bool:
        """Record the replies the changes did not (answers, questions,
        refusals) under keys of this request, so a re-run records nothing
        twice; then send all of them. Only the first reply replaces the
        message whose button was clicked; the rest come after it."""
        ids = list(recorded)
        rest = [
            (n, reply)
            for n, reply in enumerate(replies)
            if not reply.delivered and (reply.text or reply.attachment)
        ]
        if rest:
            with self.assistant.uow() as uow:
                for n, reply in rest:
                    here = where if n == 0 and not recorded else replace(where, replace=False)
                    ids += answers.record(self.delivery, uow, here, f"reply:{item_id}:{n}", reply)
                uow.inbox.finish(item_id)  # the request is answered: done, in the same write
                uow.commit()
        self.delivery.send(ids)
        self.delivery.wake()  # notices the change recorded (a crossing) go out from the delivery thread
        return bool(rest or recorded)

    def _download(self, file: dict) -> bytes:
        """A file posted to Slack, fetched with the bot token (Slack requires
        it); a 429, a 5xx or a dropped connection is tried twice more."""
        url = file.get("url_private_download") or file.get("url_private")
        if not url:
            file = self._file_info(file["id"])
            url = file.get("url_private_download") or file["url_private"]
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self.client.token}"})
        for attempt in range(3):
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return response.read(MAX_DOWNLOAD)
            except urllib.error.HTTPError as error:
                if attempt == 2 or not (error.code == 429 or error.code >= 500):
                    raise
                time.sleep(min(retry_after(dict(error.headers)), 5.0))
            except (urllib.error.URLError, TimeoutError):
                if attempt == 2:
                    raise
                time.sleep(0.5 * 2**attempt)
        raise AssertionError("unreachable")

    def say_anyway(self, kind: str, payload: dict, text: str) -> None:
        """Tell the person what happened, without the database (or after an
        error): straight to Slack, with the client's own retries."""
        try:
            if kind == "step":  # a workflow waits on the step: it fails, with the reason
                step = payload
                workflow_steps.finish(
                    self.client.base_url, step.get("token") or "", step["execution"], False, text
                )
                return
            if kind == "message":
                event = payload["event"]
                thread = event.get("thread_ts") or (
                    None if event.get("channel_type") == "im" else event["ts"]
                )
                self.client.chat_postMessage(channel=event["channel"], thread_ts=thread, text=text)
            elif payload.get("response_url"):
                response = webhook_client(payload["response_url"]).send(text=text, response_type="ephemeral")
                if response.status_code != 200:
                    user = payload.get("user_id") or (payload.get("user") or {}).get("id")
                    self.client.chat_postMessage(channel=user, text=text)
        except Exception:
            log.exception("could not tell the user about a failure either")


def _choice(value: str) -> tuple[int | None, str]:
    """A choice button's value: the stored question's id and the key chosen."""
    try:
        choice = json.loads(value)
        return int(choice["q"]), str(choice["key"])
    except (ValueError, KeyError, TypeError):
        return None, ""


def _button_commands(action_id: str, value: str) -> list[Command]:
    if action_id == "qm_undo":
        return [C.Undo(entry_id=int(entry)) for entry in reversed(value.split(",")) if entry.isdigit()]
    if action_id == "qm_return":
        return [C.CheckIn(ref=value)]
    if action_id == "qm_extend":
        return [C.Extend(ref=value)]
    if action_id == "qm_say":
        return parse(value)
    if action_id == "qm_maintenance":
        return [C.Maintenance(ref=value)]
    if action_id == "qm_move":
        tag, _, place = value.partition("|")
        return [C.Move(ref=tag, to=place)]
    if action_id == "qm_transfer":
        giver, _, taker = value.partition("|")
        return [C.Transfer(giver=giver, taker=taker)] if giver and taker else [C.Unknown()]
    if action_id == "qm_more":
        return [C.More(list_id=_page(value))]
    return [C.Unknown()]


def _page(value: str) -> int:
    """A More button's stored page; 0 (no such page: "too old") when the value is not ours."""
    try:
        return int(json.loads(value)["list"])
    except (ValueError, KeyError, TypeError):
        return 0


def _decoded(parsed: list[dict]) -> tuple[Command, ...] | None:
    """Commands stored as read on arrival; None (read the text again) if this version can't read them."""
    try:
        return tuple(decode(c) for c in parsed)
    except ValueError:
        return None


def _outage(error: DBAPIError) -> bool:
    """The database is away (retry later), not refusing this request (a value too long, a constraint)."""
    return error.connection_invalidated or isinstance(error, (OperationalError, InterfaceError))


def _now() -> datetime:
    return datetime.now(timezone.utc)
