"""Sends the outbox to Slack: after the commit that recorded a message, and
again until Slack says ok. A transient failure (429, 5xx, a timeout) is
retried with backoff; an error no retry mends (not_in_channel, missing_scope)
marks the message failed and tells the managers what to do."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.client import retry_after, webhook_client
from storage.outbox import Outgoing
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)
# A claim this old belongs to a sender that died: well past the longest send
# (an upload is four calls of up to 15 s, each tried three times).
STALE_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 12  # with the backoff below, about an hour of trying
RESPONSE_URL_LIFE = timedelta(minutes=29)  # Slack honours a response_url for 30 minutes (and 5 uses)
KEEP_SENT = timedelta(days=7)
PACE_SECONDS = 1.0  # chat.postMessage: about one message per second per channel
# Errors that say the message can never be posted as it is.
PERMANENT = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "missing_scope",
        "not_authed",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "user_not_found",
        "user_not_in_channel",
        "restricted_action",
        "msg_too_long",
        "no_text",
        "invalid_arguments",
        "invalid_blocks",
        "cannot_dm_bot",
        "messages_tab_disabled",
    }
)
CHANNEL_PROBLEMS = {
    "not_in_channel": "invite @quartermaster to <#{channel}> (type /invite @quartermaster there)",
    "channel_not_found": "check that <#{channel}> still exists and that QM_ALERT_CHANNEL names it by ID",
    "is_archived": "unarchive <#{channel}> or set QM_ALERT_CHANNEL to another channel",
    "missing_scope": "reinstall the app from manifest.yml so it has the scopes it needs",
}
BAD_PAYLOAD = frozenset({"invalid_blocks", "invalid_attachments"})


@dataclass(frozen=True)
class Outcome:
    key: str
    status: str  # sent, retrying or failed
    error: str | None = None
    channel: str | None = None

    @property
    def advice(self) -> str:
        if self.channel and self.channel.startswith("U") and self.error == "channel_not_found":
            return f"check QM_MANAGERS and the people directory: Slack knows no user <@{self.channel}>"
        hint = CHANNEL_PROBLEMS.get(self.error or "")
        return hint.format(channel=self.channel) if hint and self.channel else ""


class Transient(Exception):
    def __init__(self, error: str, wait: float | None = None):
        super().__init__(error)
        self.error, self.wait = error, wait


class Permanent(Exception):
    def __init__(self, error: str):
        super().__init__(error)
        self.error = error


class Delivery:
    def __init__(
        self,
        client: WebClient,
        uow: UnitOfWorkFactory,
        managers: tuple[str, ...] = (),
        clock: Callable[[], datetime] | None = None,
        poll_seconds: float = 1.0,
        single_process: bool = False,
        first_try_client: WebClient | None = None,
    ):
        """`single_process` (SQLite): claims found at start are a crashed run's,
        taken back at once rather than after STALE_AFTER. `first_try_client`
        sends what a worker just committed without waiting in place on a 429
        or a 5xx: the delivery thread retries, and the worker moves on."""
        self.client, self.uow, self.managers = client, uow, managers
        self.first_try_client = first_try_client or client
        self.single_process = single_process
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.poll_seconds = poll_seconds
        self._last_post: dict[str, float] = {}
        self._pace_lock = threading.Lock()
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    # -- recording (inside the caller's transaction) ---------------------------------

    def record(
        self,
        uow: UnitOfWork,
        key: str,
        method: str,
        args: dict,
        channel: str | None = None,
        content: bytes | None = None,
        paced: bool = False,
        held: bool = False,
    ) -> int | None:
        """`held`: this thread sends it itself right after the commit (`send`),
        so it is recorded already claimed; others wait for the delivery loop."""
        return uow.outbox.add(
            key, method, args, self.clock(), channel=channel, content=content, paced=paced, held=held
        )

    # -- sending -----------------------------------------------------------------

    def send(self, ids: list[int | None]) -> list[Outcome]:
        """Send these messages now (they were just committed)."""
        wanted = [i for i in ids if i is not None]
        return [
            outcome for message_id in wanted if (outcome := self._send_one(message_id, self.first_try_client))
        ]

    def flush(self, limit: int = 100) -> list[Outcome]:
        """Send everything whose time has come (retries, and what a crash left)."""
        with self.uow(read_only=True) as uow:
            due = uow.outbox.due(self.clock(), self.clock() - STALE_AFTER, limit=limit)
        return [outcome for message_id in due if (outcome := self._send_one(message_id, self.client))]

    def _send_one(self, message_id: int, client: WebClient) -> Outcome | None:
        with self.uow(read_only=True) as uow:
            message = uow.outbox.held(message_id)  # claimed as it was recorded: no write to claim it
        if message is None:
            now = self.clock()
            with self.uow() as uow:
                message = uow.outbox.claim(message_id, now, now - STALE_AFTER)
                uow.commit()
        if message is None:
            return None  # another sender has it, or it went already
        try:
            self._pace(message)
            self._post(client, message)
        except Transient as problem:
            return self._retry_later(message, problem)
        except Permanent as problem:
            return self._give_up(message, problem.error)
        except Exception as error:  # a bug of ours or an odd answer: keep the message, try again later
            log.exception("unexpected error sending %s", message.key)
            return self._retry_later(message, Transient(type(error).__name__))
        with self.uow() as uow:
            if uow.outbox.sent(message, self.clock()):
                ids = self._follow_up(uow, message, "_then")
            else:
                ids = []  # taken over as stale meanwhile: that sender records it
            uow.commit()
        self.send(ids)
        return Outcome(message.key, "sent", channel=message.channel)

    def _retry_later(self, message: Outgoing, problem: Transient) -> Outcome:
        if message.attempts >= MAX_ATTEMPTS:
            return self._give_up(message, f"gave up after {MAX_ATTEMPTS} tries: {problem.error}")
        wait = problem.wait if problem.wait is not None else min(2 ** (message.attempts - 1), 600)
        log.warning("Slack did not take %s (%s); trying again in %.0f s", message.key, problem.error, wait)
        with self.uow() as uow:
            uow.outbox.retry(message, self.clock() + timedelta(seconds=wait), problem.error)
            uow.commit()
        self._wake.set()
        return Outcome(message.key, "retrying", problem.error, message.channel)

    def _give_up(self, message: Outgoing, error: str) -> Outcome:
        outcome = Outcome(message.key, "failed", error, message.channel)
        log.error("could not deliver %s to %s: %s. %s", message.key, message.channel, error, outcome.advice)
        with self.uow() as uow:
            ids = []
            if uow.outbox.failed(message, error):
                ids = self._follow_up(uow, message, "_else") or self._tell_author(uow, message, error)
                if not message.key.startswith("problem:"):
                    self._report(uow, outcome)
            uow.commit()
        self.send(ids)
        return outcome

    def _follow_up(self, uow: UnitOfWork, message: Outgoing, when: str) -> list[int | None]:
        """Messages that depend on how this one went ("I've sent you the file"
        only once it is sent; "I couldn't send it" when it can't be)."""
        return [
            self.record(
                uow, f"{message.key}:{when}:{n}", method, args, channel=args.get("channel"), held=True
            )
            for n, (method, args) in enumerate(message.args.get(when) or [])
        ]

    def _tell_author(self, uow: UnitOfWork, message: Outgoing, error: str) -> list[int | None]:
        """A reply that can't be posted where it was asked for goes to its author by DM."""
        user, text = message.args.get("_user"), message.args.get("text")
        if not user or not text or message.channel == user or message.method == "files.upload":
            return []
        where = f"<#{message.channel}>" if message.channel else "there"
        note = f"I couldn't post my answer in {where} (Slack says `{error}`), so here it is:\n{text}"
        return [
            self.record(
                uow,
                f"{message.key}:to-author",
                "chat.postMessage",
                {"channel": user, "text": note[:39_000]},
                channel=user,
                held=True,
            )
        ]

    def _report(self, uow: UnitOfWork, outcome: Outcome) -> None:
        """Tell each manager, once a day per channel and error, what stops delivery."""
        if not outcome.advice:
            return
        day = self.clock().date().isoformat()
        place = f"<@{outcome.channel}>'s DM" if outcome.channel.startswith("U") else f"<#{outcome.channel}>"
        text = f"I couldn't post in {place}: Slack says `{outcome.error}`. To fix it, {outcome.advice}."
        for manager in self.managers:
            if manager != outcome.channel:
                self.record(
                    uow,
                    f"problem:{outcome.channel}:{outcome.error}:{day}:{manager}",
                    "chat.postMessage",
                    {"channel": manager, "text": text},
                    channel=manager,
                )

    def _pace(self, message: Outgoing) -> None:
        if not message.paced or not message.channel:
            return
        with self._pace_lock:
            wait = self._last_post.get(message.channel, 0.0) + PACE_SECONDS - time.monotonic()
            self._last_post[message.channel] = time.monotonic() + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)

    # -- one Slack call per kind of message ---------------------------------------------

    def _post(self, client: WebClient, message: Outgoing) -> None:
        args = {k: v for k, v in message.args.items() if not k.startswith("_")}  # ours, not Slack's
        if message.method == "response_url":
            self._respond(client, message, args)
        elif message.method == "files.upload":
            self._upload(client, message, args)
        else:
            _call(lambda a: client.api_call(message.method, json=a), args)

    def _respond(self, client: WebClient, message: Outgoing, args: dict) -> None:
        """Answer through the response_url while Slack honours it; after that
        (or once it is used up) post the same answer another way."""
        issued = datetime.fromisoformat(args["issued_at"]) if args.get("issued_at") else message.created_at
        fresh = self.clock() - issued < RESPONSE_URL_LIFE
        if fresh:
            body = {
                k: v for k, v in args.items() if k in ("text", "blocks", "response_type", "replace_original")
            }
            response = webhook_client(args["url"]).send_dict(body)
            if response.status_code == 200:
                return
            if response.status_code == 429 or response.status_code >= 500:
                raise Transient(f"response_url {response.status_code}")
            log.info(
                "response_url refused (%s %s); answering another way", response.status_code, response.body
            )
        self._fallback(client, args)

    def _fallback(self, client: WebClient, args: dict) -> None:
        """In the channel if it was public, else ephemerally there, else by DM."""
        text, blocks, user, channel = (
            args.get("text"),
            args.get("blocks"),
            args.get("user"),
            args.get("channel"),
        )
        tries = []
        if channel and args.get("response_type") == "in_channel":
            tries.append(("chat.postMessage", {"channel": channel}))
        elif channel and user:
            tries.append(("chat.postEphemeral", {"channel": channel, "user": user}))
        tries.append(("chat.postMessage", {"channel": user}))
        for n, (method, where) in enumerate(tries):
            try:
                _call(
                    lambda a, m=method: client.api_call(m, json=a), {**where, "text": text, "blocks": blocks}
                )
                return
            except Permanent:
                if n == len(tries) - 1:
                    raise  # not in that channel: a DM reaches the person anywhere

    def _upload(self, client: WebClient, message: Outgoing, args: dict) -> None:
        channel = args.get("channel")
        if args.get("user"):  # private: into the person's DM with the app
            channel = _call(lambda a: client.conversations_open(**a), {"users": args["user"]})["channel"][
                "id"
            ]
        upload = {
            "channel": channel,
            "filename": args["filename"],
            "title": args["filename"],
            "content": message.content or b"",
            "initial_comment": args.get("text"),
        }
        if args.get("thread_ts") and not args.get("user"):
            upload["thread_ts"] = args["thread_ts"]
        _call(lambda a: client.files_upload_v2(**a), upload)

    # -- the background sender -------------------------------------------------------

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self.single_process:
            with self.uow() as uow:
                uow.outbox.release_claims()
                uow.commit()
        self._thread = threading.Thread(target=self._loop, name="qm-delivery", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout=10)

    def _loop(self) -> None:
        pruned = 0.0
        while not self._stopping.is_set():
            self._wake.wait(self.poll_seconds)
            self._wake.clear()
            try:
                self.flush()
                if time.monotonic() - pruned > 3600:
                    self.prune(self.clock() - KEEP_SENT)
                    pruned = time.monotonic()
            except Exception:
                log.exception("outbox flush failed; will retry")

    def prune(self, before: datetime) -> None:
        """Forget what was delivered long ago (files included)."""
        with self.uow() as uow:
            uow.outbox.prune(before)
            uow.commit()


def _call(send: Callable[[dict], object], args: dict):
    """One Web API call, its failure sorted into retry-later or never.
    A payload Slack refuses as malformed is sent once more as plain text, so
    the person still reads what happened."""
    args = {k: v for k, v in args.items() if v is not None}
    try:
        return send(args)
    except SlackApiError as error:
        code = error.response.get("error") or f"http_{error.response.status_code}"
        if code in BAD_PAYLOAD and args.get("blocks"):
            log.error("Slack refused our blocks (%s): %s", code, error.response.get("response_metadata"))
            return _call(send, {k: v for k, v in args.items() if k != "blocks"})
        status = error.response.status_code
        if status == 429 or code == "ratelimited":
            raise Transient("ratelimited", retry_after(error.response.headers)) from error
        if status >= 500 or code in (
            "internal_error",
            "fatal_error",
            "service_unavailable",
            "request_timeout",
        ):
            raise Transient(code) from error
        if code in PERMANENT:
            raise Permanent(code) from error
        raise Transient(code) from error
    except (OSError, TimeoutError) as error:  # connection refused, reset, timed out
        raise Transient(type(error).__name__) from error
