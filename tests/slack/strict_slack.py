"""A STRICT fake of Slack's Web API on 127.0.0.1 (port 0): a drop-in superset of FakeSlack that
refuses what the real Slack refuses (rules in slack_rules.py, each citing Slack's docs).

- `.calls` holds only accepted calls; refused ones go to `.refused` (method, error, params);
  `.attempts` holds everything, (method, params, error-or-None), so tests can count retries.
- `assert_clean()` fails on any refusal not announced with `expect_refusal()`. Faults injected with
  `fail()`, `slow()` or `fail_randomly()` never count as refusals, nor do the 429s of
  `enforce_rate_limits=True` (a client is expected to retry them; they are in `.attempts`), nor the
  scripted apps.connections.open stop.
- Also plays the response_url, file-upload and file-download endpoints ("response_url", "upload",
  "download" pseudo-methods), with faults for them too.

Documented simplifications (keep it a test double):
- Channel names ("#general") are not modelled: only ids. C/G ids not in `member_of` answer
  not_in_channel; anything that is not an id answers channel_not_found.
- DMs: any well-formed D id is accepted unless `strict_dms=True`; then only D ids opened with
  conversations.open, or a known user's DM: "D" + user id, or "D" + the id without its leading U
  ("DALICE" for UALICE, as the harness names them).
- User ids are checked against `users` only when `users` is non-empty.
- chat.update does not check that `ts` names a message the bot posted, only that it looks like a ts.
"""

from __future__ import annotations

import json
import mimetypes
import random
import threading
import time
import urllib.parse
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterable

from tests.slack import slack_rules as rules

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
DEFAULT_MEMBER_OF = frozenset({"CSUPPLIES", "CGENERAL", "CALERTS"})
JSON_ARGUMENTS = ("blocks", "view", "attachments", "files")  # JSON strings inside form bodies

# https://docs.slack.dev/interactivity/handling-user-interaction ("Message responses"): a response_url
# works for up to 30 minutes and up to 5 times (api.slack.com/interactivity/handling#message_responses).
RESPONSE_URL_LIFETIME = 30 * 60
RESPONSE_URL_MAX_USES = 5
# https://docs.slack.dev/apis/web-api/rate-limits: chat.postMessage "generally allows posting one
# message per second per channel"; short bursts are tolerated. We allow this many per second.
POSTS_PER_CHANNEL_PER_SECOND = 5


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, data: dict, status: int = 200, headers: dict[str, str] | None = None) -> "Reply":
        return cls(status, json.dumps(data).encode(), "application/json; charset=utf-8", headers or {})

    @classmethod
    def text(cls, text: str, status: int = 200, content_type: str = "text/plain") -> "Reply":
        return cls(status, text.encode(), content_type)


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


@dataclass
class _ResponseUrl:
    issued_at: float
    uses: int = 0


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # http.server's default backlog of 5 resets connections under load


class StrictSlack:
    def __init__(
        self,
        users: dict[str, str] | None = None,
        scopes: set[str] | None = None,
        member_of: set[str] | None = None,
        *,
        strict_dms: bool = False,
        lenient_response_urls: bool = True,
        enforce_rate_limits: bool = False,
        token: str = "xoxb-test",
        manifest: Path = MANIFEST,
    ):
        """`scopes`: the bot scopes granted (default: the manifest's oauth_config.scopes.bot).
        `member_of`: channel ids the bot has joined. `lenient_response_urls`: a /response/NAME
        never issued is issued at its first use (the harness builds its own response URLs); False
        answers such a URL 404 no_service. `enforce_rate_limits`: more than 5 chat.postMessage per
        channel within a second answer 429 with Retry-After: 1."""
        self.users = users or {}
        self.scopes = set(scopes) if scopes is not None else rules.read_manifest_bot_scopes(manifest)
        self.member_of = set(member_of) if member_of is not None else set(DEFAULT_MEMBER_OF)
        self.strict_dms = strict_dms
        self.lenient_response_urls = lenient_response_urls
        self.enforce_rate_limits = enforce_rate_limits
        self.token = token
        self.files: dict[str, bytes] = {}  # served at /files/NAME to requests bearing the bot token
        # What files.info answers for a file id, in turn (the last one repeats).
        self.file_infos: dict[str, list[dict]] = {}
        self.calls: list[tuple[str, dict]] = []
        self.attempts: list[tuple[str, dict, str | None]] = []
        self.refused: list[tuple[str, str, dict]] = []
        self._lock = threading.RLock()
        self._ts = 1700000000.000100
        self._clock_offset = 0.0
        self._expected: Counter[tuple[str, str]] = Counter()
        self._faults: dict[str, list[_Fault]] = defaultdict(list)
        self._random_faults: _RandomFaults | None = None
        self._response_urls: dict[str, _ResponseUrl] = {}
        self._response_url_count = 0
        self._opened_dms: set[str] = set()
        self._uploads: dict[str, bool] = {}  # issued file id -> bytes received
        self._posts: dict[str, deque[float]] = defaultdict(deque)
        handler = type("Handler", (_Handler,), {"fake": self})
        self.server = _Server(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- lifecycle and the FakeSlack interface ---------------------------------------------------

    def __enter__(self) -> "StrictSlack":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def record(self, method: str, params: dict) -> None:
        with self._lock:
            self.calls.append((method, params))

    def next_ts(self) -> str:
        with self._lock:
            self._ts += 1
            return f"{self._ts:.6f}"

    def called(self, method: str) -> list[dict]:
        with self._lock:
            return [params for name, params in self.calls if name == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict]:
        """Poll until `method` was accepted `count` times (Bolt answers first, acts after)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.called(method)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(
            f"{method} accepted {len(self.called(method))} times, expected {count}; refused: {self.refused}"
        )

    # -- clock --------------------------------------------------------------------------------

    def now(self) -> float:
        return time.time() + self._clock_offset

    def advance(self, seconds: float) -> None:
        """Move the double's notion of now forward (response_url expiry, rate-limit windows)."""
        with self._lock:
            self._clock_offset += seconds

    # -- refusals -----------------------------------------------------------------------------

    def expect_refusal(self, method: str, error: str) -> None:
        """Allow one refusal of `method` with `error` (it then stays out of `.refused`)."""
        with self._lock:
            self._expected[(method, error)] += 1

    def assert_clean(self) -> None:
        with self._lock:
            if self.refused:
                lines = "\n".join(
                    f"  {method}: {error} {_short(params)}" for method, error, params in self.refused
                )
                raise AssertionError(f"Slack refused {len(self.refused)} call(s):\n{lines}")

    def _finish(self, method: str, params: dict, error: str | None, counts: bool = True) -> None:
        with self._lock:
            self.attempts.append((method, params, error))
            if error is None:
                self.calls.append((method, params))
            elif counts and self._expected[(method, error)] > 0:
                self._expected[(method, error)] -= 1
            elif counts:
                self.refused.append((method, error, params))

    # -- fault injection ------------------------------------------------------------------------

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

    # -- HTTP entry points (called by the handler) ----------------------------------------------

    def serve_api(self, method: str, params: dict) -> Reply:
        injected = self._injected(method, params, api=True)
        if injected:
            return injected
        if method == "chat.postMessage" and self._over_rate_limit(str(params.get("channel", ""))):
            self._finish(method, params, "ratelimited", counts=False)  # a client should retry
            return Reply.json({"ok": False, "error": "ratelimited"}, 429, {"Retry-After": "1"})
        answer = self._answer(method, params)
        error = None if answer.get("ok") else answer.get("error", "unknown_error")
        # apps.connections.open is scripted to stop Socket Mode here (tests stop at the attempt).
        self._finish(method, params, error, counts=method != "apps.connections.open")
        return Reply.json(answer)

    def serve_response_url(self, name: str, body: bytes) -> Reply:
        params = _json_or_none(body)
        recorded = (
            {**params, "path": f"/response/{name}"}
            if isinstance(params, dict)
            else {"path": f"/response/{name}", "raw": body.decode(errors="replace")}
        )
        injected = self._injected("response_url", recorded, api=False)
        if injected:
            return injected
        error, reply = self._response_url_refusal(name, params)
        self._finish("response_url", recorded, error)
        return reply

    def serve_upload(self, file_id: str, body: bytes) -> Reply:
        params = {"path": f"/upload/{file_id}", "bytes": len(body)}
        injected = self._injected("upload", params, api=False)
        if injected:
            return injected
        with self._lock:
            issued = file_id in self._uploads
            if issued:
                self._uploads[file_id] = True
        self._finish("upload", params, None if issued else "unknown_upload_url")
        # https://docs.slack.dev/reference/methods/files.getUploadURLExternal: HTTP 200 on success
        return Reply.text(f"OK - {len(body)}") if issued else Reply.text("not found", 404)

    def serve_download(self, name: str, authorization: str | None) -> Reply:
        params = {"path": f"/files/{name}", "authorization": authorization}
        injected = self._injected("download", params, api=False)
        if injected:
            return injected
        error, reply = self._download(name, authorization)
        self._finish("download", params, error)
        return reply

    # -- response_url -------------------------------------------------------------------------

    def response_url(self) -> str:
        """Issue a fresh response URL now (valid 30 minutes, 5 uses)."""
        with self._lock:
            self._response_url_count += 1
            name = f"r{self._response_url_count}"
        return self.issue_response_url(name)

    def issue_response_url(self, name: str) -> str:
        with self._lock:
            self._response_urls[name] = _ResponseUrl(self.now())
        return f"{self.url}/response/{name}"

    def _response_url_refusal(self, name: str, body: Any) -> tuple[str | None, Reply]:
        """(error name or None, the answer) for a POST to /response/NAME."""
        with self._lock:
            state = self._response_urls.get(name)
            if state is None and self.lenient_response_urls:
                state = self._response_urls[name] = _ResponseUrl(self.now())
            if state is None:
                # Slack answers an unknown webhook 404 "no_service" (slackapi/slack-github-action#249)
                return "no_service", Reply.text("no_service", 404)
            if self.now() - state.issued_at > RESPONSE_URL_LIFETIME:
                # The body Slack sends for an expired response_url is "Expired url" (getsentry/sentry,
                # src/sentry/integrations/slack/utils/notifications.py); the 404 is an assumption
                # (getsentry/sentry#26741: "Slack Webhook 404s are an expected response").
                return "expired_url", Reply.text("Expired url", 404)
            if state.uses >= RESPONSE_URL_MAX_USES:
                # NOT confirmed in the docs: Slack's body and status for a 6th use are our guess.
                return "used_url", Reply.text("used_url", 404)
            refusal = rules.response_payload_refusal(body)
            if refusal:
                # webhook-style errors: a 4xx whose body is the error name (incoming-webhooks changelog)
                return refusal.error, Reply.text(refusal.error, 400)
            state.uses += 1
        return None, Reply.text("ok")

    # -- downloads ----------------------------------------------------------------------------

    def _download(self, name: str, authorization: str | None) -> tuple[str | None, Reply]:
        if authorization != f"Bearer {self.token}":
            return "not_authed", Reply.text("forbidden", 403)  # Slack serves a login page; plainer
        if rules.DOWNLOAD_SCOPE not in self.scopes:
            return "missing_scope", Reply.text(f"missing_scope: needed {rules.DOWNLOAD_SCOPE}", 403)
        if name not in self.files:
            return "file_not_found", Reply.text("not found", 404)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return None, Reply(200, self.files[name], content_type)

    # -- Web API answers ------------------------------------------------------------------------

    def _answer(self, method: str, params: dict) -> dict:
        token = params.get("_token") or params.get("token")
        if not token:
            return {"ok": False, "error": "not_authed"}
        if token != self.token:
            return {"ok": False, "error": "invalid_auth"}
        handler = self._handlers().get(method)
        if handler is None and method not in rules.REQUIRED_SCOPES:
            return {"ok": False, "error": "unknown_method"}
        needed = rules.scopes_needed(method, params)
        if needed and not self.scopes.intersection(needed):
            return rules.missing_scope_answer(needed, self.scopes)
        return handler(params) if handler else {"ok": True}

    def _handlers(self) -> dict[str, Callable[[dict], dict]]:
        return {
            "auth.test": lambda p: {
                "ok": True,
                "url": self.url + "/",
                "team": "Test",
                "user": "quartermaster",
                "team_id": "T1",
                "user_id": "UBOT",
                "bot_id": "BBOT",
            },
            "apps.connections.open": lambda p: {"ok": False, "error": "not_allowed_token_type"},
            "chat.postMessage": self._post_message,
            "chat.postEphemeral": self._post_ephemeral,
            "chat.update": self._update_message,
            "conversations.open": self._open_conversation,
            "conversations.info": self._conversation_info,
            "users.info": self._user_info,
            "files.info": self._file_info,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
            # https://docs.slack.dev/reference/methods/views.publish (user_id), views.open / views.push
            # (trigger_id), views.update (view_id or external_id)
            "views.publish": lambda p: self._view(p, {"home"}, needs=("user_id",)),
            "views.open": lambda p: self._view(p, {"modal"}, needs=("trigger_id",)),
            "views.push": lambda p: self._view(p, {"modal"}, needs=("trigger_id",)),
            "views.update": lambda p: self._view(p, {"modal", "home"}, needs=("view_id", "external_id")),
        }

    def _target_refusal(self, channel: str) -> str | None:
        """Can the bot post in `channel`? (chat.postMessage errors: channel_not_found, not_in_channel)"""
        kind = rules.conversation_kind(channel)
        if kind is None:
            return "channel_not_found"
        if kind == "user":  # posts into the app's DM with chat:write alone (chat.postMessage "channels")
            return None if self._user_exists(channel) else "channel_not_found"
        if kind == "dm":
            return None if self._dm_exists(channel) else "channel_not_found"
        return None if channel in self.member_of or channel in self._opened_dms else "not_in_channel"

    def _user_exists(self, user: str) -> bool:
        return not self.users or user in self.users

    def _dm_exists(self, channel: str) -> bool:
        """A user's DM with the app is "D" + user id (what conversations.open answers) or, as the
        harness names them, "D" + the id without its U ("DALICE" for UALICE)."""
        with self._lock:
            if not self.strict_dms or channel in self._opened_dms:
                return True
        return any(channel in ("D" + user, "D" + user[1:]) for user in self.users)

    def _message_refusal(self, params: dict) -> dict | None:
        channel = str(params.get("channel") or "")
        error = self._target_refusal(channel)
        if error:
            return {"ok": False, "error": error}
        if (
            "thread_ts" in params
            and params["thread_ts"] not in (None, "")
            and not rules.looks_like_ts(params["thread_ts"])
        ):
            problem = f"{params['thread_ts']} is not a valid thread_ts"
            return rules.Refusal("invalid_thread_ts", [problem]).answer()
        refusal = rules.message_refusal(params)
        return refusal.answer() if refusal else None

    def _post_message(self, params: dict) -> dict:
        refused = self._message_refusal(params)
        if refused:
            return refused
        channel = str(params["channel"])
        if rules.conversation_kind(channel) == "user":
            channel = "D" + channel  # the answer names the app's DM with that user
            with self._lock:
                self._opened_dms.add(channel)
        ts = self.next_ts()
        message = {
            "type": "message",
            "user": "UBOT",
            "bot_id": "BBOT",
            "ts": ts,
            "text": params.get("text", ""),
        }
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _post_ephemeral(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/chat.postEphemeral: `user` required and "should be
        # in the channel"; error user_not_in_channel ("Intended recipient is not in the specified channel").
        user = str(params.get("user") or "")
        if not user:
            return rules.Refusal("invalid_arguments", ["missing required field: user"]).answer()
        if rules.conversation_kind(user) != "user" or not self._user_exists(user):
            return {"ok": False, "error": "user_not_in_channel"}
        return self._message_refusal(params) or {"ok": True, "message_ts": self.next_ts()}

    def _update_message(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/chat.update: channel + ts of the message.
        if not rules.looks_like_ts(params.get("ts")):
            return {"ok": False, "error": "message_not_found"}
        refused = self._message_refusal(params)
        return refused or {
            "ok": True,
            "channel": params["channel"],
            "ts": params["ts"],
            "text": params.get("text", ""),
        }

    def _open_conversation(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/conversations.open: `users` (1 = DM, 2-8 = group DM)
        # or `channel`; errors users_list_not_supplied, user_not_found, too_many_users.
        users = [u.strip() for u in str(params.get("users") or "").split(",") if u.strip()]
        if not users:
            channel = str(params.get("channel") or "")
            if channel and self._dm_exists(channel) and rules.conversation_kind(channel) == "dm":
                return {"ok": True, "channel": {"id": channel}}
            return {"ok": False, "error": "channel_not_found" if channel else "users_list_not_supplied"}
        if len(users) > 8:
            return {"ok": False, "error": "too_many_users"}
        if any(rules.conversation_kind(u) != "user" or not self._user_exists(u) for u in users):
            return {"ok": False, "error": "user_not_found"}
        channel = "D" + users[0] if len(users) == 1 else "G" + "".join(u[1:] for u in users)[:20]
        with self._lock:
            already = channel in self._opened_dms
            self._opened_dms.add(channel)
        answer: dict[str, Any] = {"ok": True, "channel": {"id": channel}}
        return {**answer, "no_op": True, "already_open": True} if already else answer

    def _conversation_info(self, params: dict) -> dict:
        channel = str(params.get("channel") or "")
        kind = rules.conversation_kind(channel)
        if kind not in ("channel", "dm") or (kind == "dm" and not self._dm_exists(channel)):
            return {"ok": False, "error": "channel_not_found"}
        return {
            "ok": True,
            "channel": {
                "id": channel,
                "is_im": kind == "dm",
                "is_channel": channel[0] == "C",
                "is_private": channel[0] == "G",
                "is_member": channel in self.member_of,
            },
        }

    def _user_info(self, params: dict) -> dict:
        user = params.get("user")
        if user not in self.users:
            return {"ok": False, "error": "user_not_found"}
        name = self.users[user]
        return {
            "ok": True,
            "user": {
                "id": user,
                "name": name,
                "real_name": name,
                "profile": {"display_name": name, "real_name": name},
            },
        }

    def _file_info(self, params: dict) -> dict:
        file_id = params.get("file")
        if not file_id:
            return rules.Refusal("invalid_arguments", ["missing required field: file"]).answer()
        with self._lock:
            versions = self.file_infos.get(file_id)
            if versions:
                return {"ok": True, "file": versions.pop(0) if len(versions) > 1 else versions[0]}
        return {"ok": True, "file": {"id": file_id, "name": "file"}}

    def _upload_url(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/files.getUploadURLExternal: filename and length
        # required; missing_argument "typically only occurs when the length provided is 0".
        length = str(params.get("length") or "")
        if not params.get("filename") or not length.isdigit() or int(length) == 0:
            return {"ok": False, "error": "missing_argument"}
        with self._lock:
            file_id = f"F{len(self._uploads) + 1:06d}"
            self._uploads[file_id] = False
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/files.completeUploadExternal: `files` (JSON array of
        # {id, title}) required; errors file_not_found ("Could not find the file from the upload
        # ticket"), invalid_channel.
        files = params.get("files")
        if not isinstance(files, list) or not files or not all(isinstance(f, dict) for f in files):
            return rules.Refusal("invalid_arguments", ["files must be a JSON array of {id, title}"]).answer()
        with self._lock:
            if any(not self._uploads.get(str(f.get("id"))) for f in files):
                return {"ok": False, "error": "file_not_found"}
        for key in ("channel_id", "channels"):
            for channel in filter(None, str(params.get(key) or "").split(",")):
                if self._target_refusal(channel.strip()):
                    return {"ok": False, "error": "invalid_channel"}
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title") or "upload"} for f in files]}

    def _view(self, params: dict, types: set[str], needs: tuple[str, ...]) -> dict:
        if not any(params.get(name) for name in needs):
            problem = f"missing required field: {' or '.join(needs)}"
            return rules.Refusal("invalid_arguments", [problem]).answer()
        refusal = rules.view_refusal(params.get("view"), types)
        if refusal:
            return refusal.answer()
        return {"ok": True, "view": {**params["view"], "id": f"V{self.next_ts().replace('.', '')}"}}

    # -- rate limits ----------------------------------------------------------------------------

    def _over_rate_limit(self, channel: str) -> bool:
        if not self.enforce_rate_limits:
            return False
        with self._lock:
            window = self._posts[channel]
            now = self.now()
            while window and now - window[0] >= 1.0:
                window.popleft()
            if len(window) >= POSTS_PER_CHANNEL_PER_SECOND:
                return True
            window.append(now)
            return False


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


def _json_or_none(body: bytes) -> Any:
    try:
        return json.loads(body or b"null")
    except ValueError:
        return None


def _short(params: dict, limit: int = 300) -> str:
    text = json.dumps(params, default=str)
    return text if len(text) <= limit else text[:limit] + "..."


def _first_values(query: str) -> dict[str, str]:
    return {k: v[0] for k, v in urllib.parse.parse_qs(query, keep_blank_values=True).items()}


def parse_params(content_type: str, body: bytes, query: str = "") -> dict:
    """Arguments as Slack reads them: query string, form or JSON body; `blocks`, `view`,
    `attachments` and `files` may be JSON strings (https://docs.slack.dev/apis/web-api#posting_json)."""
    params: dict[str, Any] = _first_values(query)
    if "json" in content_type:
        loaded = _json_or_none(body)
        params.update(loaded if isinstance(loaded, dict) else {})
    elif body:
        params.update(_first_values(body.decode(errors="replace")))
    for key in JSON_ARGUMENTS:
        if isinstance(params.get(key), str):
            loaded = _json_or_none(params[key].encode())
            if loaded is not None:
                params[key] = loaded  # an unparseable string stays a string: the rules refuse it
    return params


class _Handler(BaseHTTPRequestHandler):
    fake: StrictSlack

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        url = urllib.parse.urlparse(self.path)
        if url.path.startswith("/api/"):
            self._api(url, b"")
        elif url.path.startswith("/files/"):
            name = url.path.removeprefix("/files/")
            self._send(self.fake.serve_download(name, self.headers.get("Authorization")))
        else:
            self._send(Reply.text("not found", 404))

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urllib.parse.urlparse(self.path)
        if url.path.startswith("/api/"):
            self._api(url, body)
        elif url.path.startswith("/response/"):
            self._send(self.fake.serve_response_url(url.path.removeprefix("/response/"), body))
        elif url.path.startswith("/upload/"):
            self._send(self.fake.serve_upload(url.path.removeprefix("/upload/"), body))
        else:
            self._send(Reply.text("not found", 404))

    def _api(self, url: urllib.parse.ParseResult, body: bytes) -> None:
        method = url.path.removeprefix("/api/")
        params = parse_params(self.headers.get("Content-Type", ""), body, url.query)
        bearer = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
        params["_token"] = bearer or params.get("token", "")
        self._send(self.fake.serve_api(method, params))

    def _send(self, reply: Reply) -> None:
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a slow() answer past its timeout)
