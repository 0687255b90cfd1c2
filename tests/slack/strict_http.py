"""The strict Slack double's HTTP layer: a threading server on 127.0.0.1 whose handler turns each
request into a call on the fake (StrictSlack.serve_api / serve_response_url / serve_upload /
serve_download) and sends back the `Reply` it answers."""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only for the annotation: strict_slack imports this module
    from tests.slack.strict_slack import StrictSlack

JSON_ARGUMENTS = ("blocks", "view", "attachments", "files")  # JSON strings inside form bodies


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


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # http.server's default backlog of 5 resets connections under load


def _json_or_none(body: bytes) -> Any:
    try:
        return json.loads(body or b"null")
    except ValueError:
        return None


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
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if len(body) < length:
            # The client died mid-request (kill -9): an incomplete message is no
            # request at all (RFC 9112, section 8), so Slack never sees this call.
            self.close_connection = True
            return
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
