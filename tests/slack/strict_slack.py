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

This module keeps the double's state, its record of calls and those endpoints; the rest is in
strict_http.py (the server), strict_faults.py (fault injection) and strict_methods.py (the Web API
methods and the simplifications they make).
"""

from __future__ import annotations

import json
import mimetypes
import threading
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.slack import slack_rules as rules
from tests.slack.slack_rules_functions import read_manifest_functions
from tests.slack.strict_faults import FaultInjection, _Fault, _RandomFaults
from tests.slack.strict_http import JSON_ARGUMENTS, Reply, _Handler, _json_or_none, _Server, parse_params
from tests.slack.strict_methods import POSTS_PER_CHANNEL_PER_SECOND, WebApiMethods

# Names other code may import from here, including those that moved to the modules above.
__all__ = [
    "DEFAULT_MEMBER_OF",
    "JSON_ARGUMENTS",
    "MANIFEST",
    "POSTS_PER_CHANNEL_PER_SECOND",
    "RESPONSE_URL_LIFETIME",
    "RESPONSE_URL_MAX_USES",
    "Reply",
    "StrictSlack",
    "parse_params",
]

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
DEFAULT_MEMBER_OF = frozenset({"CSUPPLIES", "CGENERAL", "CALERTS"})

# https://docs.slack.dev/interactivity/handling-user-interaction ("Message responses"): a response_url
# works for up to 30 minutes and up to 5 times (api.slack.com/interactivity/handling#message_responses).
RESPONSE_URL_LIFETIME = 30 * 60
RESPONSE_URL_MAX_USES = 5


@dataclass
class _ResponseUrl:
    issued_at: float
    uses: int = 0


class StrictSlack(FaultInjection, WebApiMethods):
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
        self.groups: dict[str, list[str]] = {}  # user group id -> member IDs (usergroups.users.list)
        self.triggers: dict[str, list] = {}  # trigger_id -> [issued at, used]: see issue_trigger
        # Workflow Builder steps: the manifest's functions; executions by id -> [token, state, outcome, step]
        self.functions = read_manifest_functions(manifest)
        self.executions: dict[str, list] = {}
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

    def issue_trigger(self, trigger_id: str) -> str:
        """A trigger_id Slack put in an interaction payload (a click, a command, a shortcut):
        views.open and views.push take it once, within 3 seconds (strict_methods._trigger_refusal)."""
        with self._lock:
            self.triggers[trigger_id] = [self.now(), False]
        return trigger_id

    def step_event(self, callback_id: str, inputs: dict) -> dict:
        """A `function_executed` event as Slack sends it when a workflow reaches one of our steps
        (only a step the manifest declares, with its required inputs, is ever run)."""
        spec = self.functions.get(callback_id)
        assert spec is not None, f"the manifest declares no step {callback_id}"
        missing = [name for name in spec.required_inputs if inputs.get(name) in (None, "")]
        assert not missing, f"Workflow Builder runs {callback_id} only with {missing} filled in"
        with self._lock:
            execution = f"Fx{len(self.executions) + 1:08d}"
            token = f"xwfp-{execution}"
            self.executions[execution] = [token, "running", None, callback_id]
        return {
            "type": "function_executed",
            "function": {"id": "Fn0001", "callback_id": callback_id, "title": callback_id},
            "inputs": inputs,
            "function_execution_id": execution,
            "workflow_execution_id": f"Wx{execution[2:]}",
            "event_ts": self.next_ts(),
            "bot_access_token": token,
        }

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


def _short(params: dict, limit: int = 300) -> str:
    text = json.dumps(params, default=str)
    return text if len(text) <= limit else text[:limit] + "..."
