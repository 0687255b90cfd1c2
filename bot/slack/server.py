"""Serving Slack: HTTP (a WSGI app under waitress, behind a load balancer) or
Socket Mode. /healthz answers 200, or 503 when the database is unreachable."""

from __future__ import annotations

import json
import logging
from typing import Callable

from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import text
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)
MAX_BODY = 1_000_000  # Slack's payloads are a few KB; anything huge is not Slack


class WsgiApp:
    def __init__(
        self,
        bolt_handler: SlackRequestHandler | None,
        engine: Engine,
        calendar: Callable[[str], bytes | None] | None = None,
    ):
        """`calendar(token)`: a calendar feed's bytes, or None for no such feed.
        No `bolt_handler`: Slack's requests come another way (Socket Mode), so
        /slack/events is no route here, never one that skips signature checks."""
        self.bolt_handler, self.engine, self.calendar = bolt_handler, engine, calendar

    def __call__(self, environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == "/healthz" and method in ("GET", "HEAD"):
            return self._health(start_response)
        if path.startswith("/calendar/") and method in ("GET", "HEAD") and self.calendar is not None:
            return self._calendar(path, start_response)
        if path != "/slack/events" or self.bolt_handler is None:
            return _plain(start_response, "404 Not Found", "not found")
        if method != "POST":
            return _plain(start_response, "405 Method Not Allowed", "POST only")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            return _plain(start_response, "413 Payload Too Large", "too large")
        try:
            return self.bolt_handler(environ, start_response)
        except Exception:
            # A correctly signed body that is not JSON or a form makes Bolt raise.
            log.warning("unreadable request body", exc_info=True)
            return _plain(start_response, "400 Bad Request", "bad request")

    def _calendar(self, path: str, start_response):
        token = path.removeprefix("/calendar/").removesuffix(".ics")
        try:
            data = self.calendar(token) if path.endswith(".ics") else None
        except Exception:
            log.exception("calendar feed failed")
            return _plain(start_response, "503 Service Unavailable", "try again later")
        if data is None:
            return _plain(start_response, "404 Not Found", "not found")
        headers = [
            ("Content-Type", "text/calendar; charset=utf-8"),
            ("Content-Length", str(len(data))),
            ("Cache-Control", "private, max-age=300"),
        ]
        start_response("200 OK", headers)
        return [data]

    def _health(self, start_response):
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            status, body = "200 OK", {"status": "ok", "database": "ok"}
        except Exception:
            status, body = "503 Service Unavailable", {"status": "degraded", "database": "unreachable"}
        data = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]


def _plain(start_response, status: str, body: str):
    data = body.encode()
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))]
    )
    return [data]


def make_http_server(wsgi_app, host: str, port: int, threads: int = 16):
    """A production WSGI server (waitress): threads, a real listen backlog."""
    from waitress.server import create_server

    return create_server(
        wsgi_app,
        host=host,
        port=port,
        threads=threads,
        backlog=1024,
        connection_limit=1000,
        channel_timeout=30,
        clear_untrusted_proxy_headers=True,
        ident="quartermaster",
    )
