"""The real Quartermaster Slack app over real HTTP on 127.0.0.1, with signed
requests, against the fake Slack Web API."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import threading
import time
import urllib.parse

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.bootstrap import bootstrap
from bot.serve import calendar_feed
from bot.settings import Settings
from bot.slack.app import build_slack
from bot.slack.server import WsgiApp, make_http_server
from tests.slack.strict_slack import StrictSlack

SECRET = "test-signing-secret"


def sign_body(timestamp: int, body: bytes) -> str:
    """Slack's request signature over the raw bytes (any bytes, as an attacker sends)."""
    digest = hmac.new(SECRET.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return f"v0={digest}"


class SlackBot:
    def __init__(self, fake: StrictSlack, database_url: str, env: dict | None = None, clock=None):
        self.fake = fake
        settings = Settings.from_env(
            {
                "DATABASE_URL": database_url,
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": fake.api_url,
                "QM_MANAGERS": "UMARIA",
                "QM_LISTEN_CHANNELS": "CSUPPLIES",
                **(env or {}),
            }
        )
        self.core = bootstrap(settings, clock=clock)
        self.runtime = build_slack(self.core)
        self.server = make_http_server(
            WsgiApp(
                SlackRequestHandler(self.runtime.bolt),
                self.core.engine,
                calendar_feed(self.core, clock, managers=self.runtime.delivery.managers),
            ),
            "127.0.0.1",
            0,
        )
        self.port = self.server.effective_port
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self._stopping = False
        self._n = 0

    def start(self) -> "SlackBot":
        self.runtime.start()
        self.thread.start()
        return self

    def _serve(self) -> None:
        try:
            self.server.run()
        except OSError:
            if not self._stopping:
                raise  # closing the sockets under waitress's select() at stop is expected

    def stop(self) -> None:
        self._stopping = True
        self.server.close()
        self.runtime.stop()
        self.core.engine.dispose()

    # -- sending --------------------------------------------------------------

    def request(
        self,
        body: bytes,
        content_type: str,
        headers: dict | None = None,
        sign: bool = True,
        timestamp: int | None = None,
        path: str = "/slack/events",
        method: str = "POST",
    ) -> tuple[int, bytes]:
        timestamp = int(time.time()) if timestamp is None else timestamp
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if sign:
            all_headers["X-Slack-Request-Timestamp"] = str(timestamp)
            all_headers["X-Slack-Signature"] = sign_body(timestamp, body)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, data

    def event(
        self, event: dict, event_id: str | None = None, retry: int | None = None, **kw
    ) -> tuple[int, bytes]:
        self._n += 1
        payload = {
            "type": "event_callback",
            "team_id": "T1",
            "api_app_id": "A1",
            "event": event,
            "event_id": event_id or f"Ev{self._n:06d}",
            "event_time": int(time.time()),
        }
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        return self.request(json.dumps(payload).encode(), "application/json", headers=headers, **kw)

    def message(
        self,
        text: str,
        user: str = "UALICE",
        channel: str = "DALICE",
        channel_type: str = "im",
        ts: str | None = None,
        event_type: str = "message",
        thread_ts: str | None = None,
        **kw,
    ) -> tuple[int, bytes]:
        self._n += 1
        event = {
            "type": event_type,
            "user": user,
            "text": text,
            "channel": channel,
            "channel_type": channel_type,
            "ts": ts or f"1700000{self._n:03d}.000100",
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        return self.event(event, **kw)

    def photo(
        self,
        data: bytes,
        text: str = "",
        user: str = "UALICE",
        channel: str = "DALICE",
        channel_type: str = "im",
    ):
        """A photo posted to the bot: a file_share message whose file Slack serves behind the token."""
        self._n += 1
        name = f"photo{self._n}.jpg"
        self.fake.files[name] = data
        event = {
            "type": "message",
            "subtype": "file_share",
            "user": user,
            "text": text,
            "channel": channel,
            "channel_type": channel_type,
            "ts": f"1700009{self._n:03d}.000100",
            "files": [
                {
                    "id": f"F{self._n}",
                    "name": name,
                    "mimetype": "image/jpeg",
                    "filetype": "jpg",
                    "url_private": f"{self.fake.url}/files/{name}",
                    "url_private_download": f"{self.fake.url}/files/{name}",
                }
            ],
        }
        return self.event(event)

    def voice(
        self,
        data: bytes,
        transcription: dict | None = None,
        later: list[dict] | None = None,
        user: str = "UALICE",
        channel: str = "DALICE",
        channel_type: str = "im",
        mimetype: str = "audio/mp4",
    ) -> tuple[int, bytes]:
        """A voice clip posted to the bot, as Slack sends one (subtype
        slack_audio), with Slack's transcription state; `later` are the
        transcription states files.info reports on each re-read."""
        self._n += 1
        name = f"audio_message{self._n}." + ("webm" if "webm" in mimetype else "m4a")
        self.fake.files[name] = data
        file = {
            "id": f"F{self._n}",
            "name": name,
            "mimetype": mimetype,
            "filetype": name.rsplit(".", 1)[1],
            "subtype": "slack_audio",
            "url_private": f"{self.fake.url}/files/{name}",
            "url_private_download": f"{self.fake.url}/files/{name}",
        }
        if transcription:
            file["transcription"] = transcription
        if later:
            self.fake.file_infos[file["id"]] = [{**file, "transcription": state} for state in later]
        event = {
            "type": "message",
            "subtype": "file_share",
            "user": user,
            "text": "",
            "channel": channel,
            "channel_type": channel_type,
            "ts": f"1700008{self._n:03d}.000100",
            "files": [file],
        }
        return self.event(event)

    def command(
        self, text: str, user: str = "UALICE", channel: str = "CGENERAL", response_url: str | None = None
    ) -> tuple[int, bytes]:
        self._n += 1
        form = {
            "command": "/qm",
            "text": text,
            "user_id": user,
            "channel_id": channel,
            "team_id": "T1",
            "trigger_id": self.fake.issue_trigger(f"trig{self._n}"),
            "response_url": response_url or f"{self.fake.url}/response/cmd{self._n}",
        }
        return self.request(urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded")

    def click(
        self, action_id: str, value: str, user: str = "UALICE", channel: str = "DALICE"
    ) -> tuple[int, bytes]:
        return self._act(
            {"action_id": action_id, "block_id": "b", "value": value, "type": "button"}, user, channel
        )

    def pick_user(
        self, action_id: str, block_id: str, selected: str, user: str = "UMARIA", channel: str = "DMARIA"
    ) -> tuple[int, bytes]:
        """A users_select menu answered: Slack sends the chosen member as `selected_user`."""
        action = {
            "action_id": action_id,
            "block_id": block_id,
            "type": "users_select",
            "selected_user": selected,
        }
        return self._act(action, user, channel)

    def interact(self, payload: dict) -> tuple[int, bytes]:
        """Any interaction payload (a view submission, a block_suggestion, a shortcut), form-encoded as Slack sends it."""
        return self.request(
            urllib.parse.urlencode({"payload": json.dumps(payload)}).encode(),
            "application/x-www-form-urlencoded",
        )

    def _act(self, action: dict, user: str, channel: str) -> tuple[int, bytes]:
        self._n += 1
        payload = {
            "type": "block_actions",
            "team": {"id": "T1"},
            "user": {"id": user},
            "api_app_id": "A1",
            "channel": {"id": channel},
            "container": {"type": "message", "message_ts": "1700000000.000100"},
            "trigger_id": self.fake.issue_trigger(f"trig{self._n}"),
            "response_url": f"{self.fake.url}/response/act{self._n}",
            "actions": [{**action, "action_ts": f"17000{self._n:05d}.1"}],
        }
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self.request(body, "application/x-www-form-urlencoded")

    # -- looking -------------------------------------------------------------------

    def settle(self, timeout: float = 10.0) -> None:
        """Wait until every stored request has been processed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.core.uow(read_only=True) as uow:
                settled = (
                    uow.inbox.count("pending") == 0
                    and uow.inbox.count("working") == 0
                    and uow.outbox.count("pending") == 0
                    and uow.outbox.count("sending") == 0
                )
                if settled and self.runtime.worker.idle:
                    return
            time.sleep(0.02)
        raise AssertionError("requests still waiting in the inbox")

    def holder(self, tag: str) -> str | None:
        with self.core.uow(read_only=True) as uow:
            return uow.assets.get(tag).holder

    def on_hand(self, sku: str) -> int:
        with self.core.uow(read_only=True) as uow:
            return uow.stock.get(sku).on_hand

    def ledger_size(self) -> int:
        with self.core.uow(read_only=True) as uow:
            return sum(1 for _ in uow.ledger.all())
