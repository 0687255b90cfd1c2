"""What a stored Slack request does: run it through the assistant and answer
where it came from (in the thread, ephemerally, or via the response URL)."""
from __future__ import annotations

import json
import logging
import urllib.request
import uuid
from dataclasses import replace

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient
from sqlalchemy.exc import DBAPIError

from bot.slack.blocks import reply_blocks
from bot.slack.files import is_audio, is_photo, is_stub, slack_transcript
from bot.slack.home import home_view
from bot.slack.people import Directory
from domain.commands import Command, Intent
from domain.errors import DomainError
from domain.language import parse
from services import alerts
from services.assistant import Assistant
from services.replies import Choice, Reply, ReplyKind
from storage.inbox import InboxItem

log = logging.getLogger(__name__)
MAX_DOWNLOAD = 25_000_000  # a phone photo is a few MB
DB_DOWN = "I can't reach the database right now, so nothing was changed. Please try again in a moment."


class Handlers:
    def __init__(self, assistant: Assistant, directory: Directory, client: WebClient, webhook_timeout: int = 10,
                 transcript_wait: float = 10.0):
        self.assistant, self.directory, self.client = assistant, directory, client
        self.webhook_timeout = webhook_timeout
        self.transcript_wait = transcript_wait  # how long Slack's own transcript of a clip is waited for
        self.transcript_poll = 1.0

    def __call__(self, item: InboxItem) -> None:
        payload = item.payload
        try:
            getattr(self, f"_{item.kind}")(item)
        except DBAPIError:
            # Stored requests are retried when the database is back, so the
            # person is not told "nothing changed" about something that will.
            raise
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("unexpected error handling request %s (ref %s)", item.id, ref)
            self.say_anyway(item.kind, payload, f"Something went wrong on my side (ref {ref}); nothing was changed.")

    # -- kinds of request -------------------------------------------------

    def _message(self, item: InboxItem) -> None:
        event = item.payload["event"]
        text, channel, ts = event.get("text") or "", event["channel"], event["ts"]
        person = self.directory.person(event["user"])
        files = [self._file_info(f["id"]) if is_stub(f) and f.get("id") else f for f in event.get("files") or []]
        images, clips = [f for f in files if is_photo(f)], [f for f in files if is_audio(f)]
        thread = event.get("thread_ts") or (None if event.get("channel_type") == "im" else ts)
        # A direct message's conversation is the DM itself; elsewhere it is the thread.
        conversation = f"slack:{channel}:{thread}" if thread else f"slack:{channel}"
        if images:
            replies = self.assistant.handle_photo(person, text, [self._download(f) for f in images[:4]],
                                                  source=f"slack:{channel}:{ts}", inbox_id=item.id, thread=conversation)
        elif clips:
            transcript = slack_transcript(clips[0], self._file_info, self.transcript_wait, self.transcript_poll)
            text, replies = self.assistant.handle_voice(person, None if transcript else self._download(clips[0]), transcript,
                                                        source=f"slack:{channel}:{ts}", inbox_id=item.id, thread=conversation)
        else:
            replies = self.assistant.handle(person, text, source=f"slack:{channel}:{ts}", names=self.directory.mentions(text),
                                            inbox_id=item.id, thread=conversation)
        for reply in replies:
            if reply.attachment:
                self._upload(channel, thread, reply)
            elif reply.text:
                self.client.chat_postMessage(channel=channel, thread_ts=thread, text=reply.text, blocks=reply_blocks(reply, text))

    def _command(self, item: InboxItem) -> None:
        body = item.payload
        text, user = body.get("text") or "help", body["user_id"]
        person = self.directory.person(user)
        replies = self.assistant.handle(
            person, text, source=f"slack:/qm:{body.get('channel_id')}:{body.get('trigger_id')}",
            names=self.directory.mentions(text), inbox_id=item.id,
        )
        for reply in replies:
            if reply.attachment:
                self._upload(body.get("channel_id"), None, reply)
            elif reply.text:
                public = reply.kind is ReplyKind.CHANGE
                shown = f"<@{user}>: {reply.text}" if public else reply.text
                self._respond(body["response_url"], shown, reply_blocks(replace(reply, text=shown), text), public)

    def _action(self, item: InboxItem) -> None:
        body = item.payload
        action = body["actions"][0]
        person = self.directory.person(body["user"]["id"])
        source = f"slack:action:{action.get('action_ts')}"
        kind, value = action["action_id"], action.get("value") or ""
        if kind in ("qm_ordered", "qm_snooze"):
            act = alerts.mark_ordered if kind == "qm_ordered" else alerts.snooze
            ctx = self.assistant.context(person, source, item.id)
            try:
                text = act(self.assistant.uow, ctx, value)
            except DomainError as error:
                text = error.message
            replies = [Reply(ReplyKind.ANSWER, text)]
        elif kind in ("qm_confirm", "qm_cancel"):
            self._voice_decision(body, person, kind, value, item.id)
            return
        elif kind == "qm_choose":
            choice = json.loads(value)
            pending = tuple(parse(choice["text"], self.assistant.clock(), self.assistant.tz)) if choice.get("text") else ()
            question = Reply(ReplyKind.QUESTION, "", choices=(Choice(choice["key"], choice["key"]),), pending=pending,
                             reference=choice.get("ref"), reference_field="value" if choice.get("field") == "value" else "ref")
            replies = self.assistant.choose(person, question, choice["key"], source, inbox_id=item.id)
        else:
            commands = self._received(value) if kind == "qm_received" else _button_commands(kind, value)
            replies = self.assistant.run(self.assistant.context(person, source, item.id), commands)
        for reply in replies:
            if reply.text:
                self._respond(body["response_url"], reply.text, reply_blocks(reply), public=reply.kind is ReplyKind.CHANGE,
                              replace=kind == "qm_choose")

    def _voice_decision(self, body: dict, person, kind: str, value: str, inbox_id: int) -> None:
        """Confirm or Cancel under a change asked for by voice: only the one
        who spoke decides; the buttons are replaced by the outcome."""
        try:
            pending = json.loads(value)
            heard, by, source = str(pending["text"]), str(pending["by"]), str(pending["source"])
        except (ValueError, KeyError, TypeError):
            self._respond(body["response_url"], "Sorry, I couldn't read that button; nothing was changed.", [], public=False)
            return
        if person.name != by:
            self._respond(body["response_url"], f"Only {by} can confirm or cancel what they said.", [], public=False)
            return
        if kind == "qm_cancel":
            self._respond(body["response_url"], f"Cancelled “{heard}”: nothing was changed.", [], public=True, replace=True)
            return
        for reply in self.assistant.handle(person, heard, source=source or None, inbox_id=inbox_id):
            if reply.text:
                self._respond(body["response_url"], reply.text, reply_blocks(reply, heard), public=reply.kind is ReplyKind.CHANGE,
                              replace=True)

    def _file_info(self, file_id: str) -> dict:
        return self.client.files_info(file=file_id)["file"]

    def _received(self, sku: str) -> list[Command]:
        """The Received button on a low-stock alert: the reorder quantity came in."""
        with self.assistant.uow(read_only=True) as uow:
            stock = uow.stock.get(sku)
        if stock is None or not stock.reorder_qty:
            return [Command(Intent.RECEIVE, ref=sku)]  # asks how many
        return [Command(Intent.RECEIVE, ref=stock.sku, count=stock.reorder_qty)]

    def _home(self, item: InboxItem) -> None:
        user = item.payload["user"]
        ctx = self.assistant.context(self.directory.person(user))
        self.client.views_publish(user_id=user, view=home_view(ctx, self.assistant.uow, self.assistant.audit_intervals))

    # -- answering ----------------------------------------------------------

    def _download(self, file: dict) -> bytes:
        """A file posted to Slack, fetched with the bot token (Slack requires it)."""
        url = file.get("url_private_download") or file.get("url_private")
        if not url:
            file = self._file_info(file["id"])
            url = file.get("url_private_download") or file["url_private"]
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self.client.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read(MAX_DOWNLOAD)

    def _upload(self, channel: str, thread: str | None, reply: Reply) -> None:
        name, content = reply.attachment
        self.client.files_upload_v2(channel=channel, thread_ts=thread, filename=name, title=name, content=content,
                                    initial_comment=reply.text)

    def _respond(self, response_url: str, text: str, blocks: list, public: bool, replace: bool = False) -> None:
        response = WebhookClient(response_url, timeout=self.webhook_timeout).send(
            text=text, blocks=blocks, response_type="in_channel" if public else "ephemeral", replace_original=replace
        )
        if response.status_code >= 300:
            log.warning("response_url answered %s: %s", response.status_code, response.body)

    def say_anyway(self, kind: str, payload: dict, text: str) -> None:
        """Tell the person what happened, without the database."""
        try:
            if kind == "message":
                event = payload["event"]
                thread = event.get("thread_ts") or (None if event.get("channel_type") == "im" else event["ts"])
                self.client.chat_postMessage(channel=event["channel"], thread_ts=thread, text=text)
            elif payload.get("response_url"):
                self._respond(payload["response_url"], text, [], public=False)
        except Exception:
            log.exception("could not tell the user about a failure either")


def _button_commands(action_id: str, value: str) -> list[Command]:
    if action_id == "qm_undo":
        return [Command(Intent.UNDO, value=entry_id) for entry_id in reversed(value.split(",")) if entry_id.isdigit()]
    if action_id == "qm_return":
        return [Command(Intent.CHECK_IN, ref=value)]
    if action_id == "qm_extend":
        return [Command(Intent.EXTEND, ref=value)]
    if action_id == "qm_say":
        return parse(value)
    if action_id == "qm_maintenance":
        return [Command(Intent.MAINTENANCE, ref=value)]
    if action_id == "qm_move":
        tag, _, place = value.partition("|")
        return [Command(Intent.MOVE, ref=tag, field="location", value=place)]
    return [Command(Intent.UNKNOWN)]
