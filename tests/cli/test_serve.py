"""`quartermaster serve` as a process: refusals, HTTP mode end to end, Socket Mode."""

import http.client
import io
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.slack.server import WsgiApp
from storage.database import make_engine
from tests.cli.test_cli import SCRIPT, qm
from tests.slack.strict_slack import StrictSlack


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_refuses_without_a_bot_token(tmp_path):
    done = qm("serve", db=tmp_path / "qm.db")
    assert done.returncode == 1 and "SLACK_BOT_TOKEN" in done.stderr and len(done.stderr.splitlines()) == 1


def test_http_mode_needs_the_signing_secret(tmp_path):
    done = qm("serve", db=tmp_path / "qm.db", env={"SLACK_BOT_TOKEN": "xoxb-test"})
    assert done.returncode == 1 and "SLACK_SIGNING_SECRET" in done.stderr


@pytest.fixture
def fake():
    with StrictSlack({"UALICE": "alice"}) as fake:
        yield fake
        fake.assert_clean()


def start(tmp_path: Path, fake: StrictSlack, **env) -> tuple[subprocess.Popen, int]:
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'qm.db'}",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": fake.api_url,
        "PORT": str(port),
        **env,
    }
    process = subprocess.Popen(
        [SCRIPT, "serve"], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return process, port


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def wait_healthy(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            if get(port, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("serve never became healthy")


def test_http_mode_serves_signed_events_and_health_and_stops_on_sigterm(tmp_path, fake):
    process, port = start(tmp_path, fake)
    try:
        wait_healthy(port, process)
        status, body = get(port, "/healthz")
        assert json.loads(body) == {"status": "ok", "database": "ok"}
        event = {
            "type": "event_callback",
            "event_id": "Ev1",
            "event": {
                "type": "message",
                "user": "UALICE",
                "text": "help",
                "channel": "DALICE",
                "channel_type": "im",
                "ts": "1.0001",
            },
        }
        body = json.dumps(event).encode()
        timestamp = str(int(time.time()))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request(
            "POST",
            "/slack/events",
            body=body,
            headers={
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": SignatureVerifier("secret").generate_signature(
                    timestamp=timestamp, body=body
                ),
            },
        )
        assert connection.getresponse().status == 200
        (posted,) = fake.wait_for("chat.postMessage")
        assert (
            posted["channel"] == "DALICE"
            and "check out" in posted["text"]
            and posted["_token"] == "xoxb-test"
        )
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


def test_socket_mode_connects_with_the_app_token(tmp_path, fake):
    process, _ = start(tmp_path, fake, SLACK_APP_TOKEN="xapp-1", SLACK_SIGNING_SECRET="")
    try:
        deadline = time.monotonic() + 30
        while (
            not [p for m, p, _ in fake.attempts if m == "apps.connections.open"]
            and time.monotonic() < deadline
        ):
            time.sleep(0.1)
        attempt = next(
            p for m, p, _ in fake.attempts if m == "apps.connections.open"
        )  # refused: no WebSocket here
        assert attempt["_token"] == "xapp-1"
    finally:
        process.kill()
        process.wait(timeout=30)


def test_the_feeds_server_of_socket_mode_takes_no_slack_events(tmp_path):
    """In Socket Mode Bolt checks no signatures, so the HTTP server `serve` starts there for
    calendar feeds (WsgiApp with no Bolt handler) must answer /slack/events with 404."""
    engine = make_engine(f"sqlite:///{tmp_path / 'qm.db'}")
    app = WsgiApp(None, engine, calendar=lambda token: b"BEGIN:VCALENDAR" if token == "t" else None)
    statuses = []

    def call(method: str, path: str) -> bytes:
        body = b"".join(
            app(
                {
                    "REQUEST_METHOD": method,
                    "PATH_INFO": path,
                    "CONTENT_LENGTH": "2",
                    "wsgi.input": io.BytesIO(b"{}"),
                },
                lambda status, headers: statuses.append(status),
            )
        )
        return body

    assert call("GET", "/calendar/t.ics").startswith(b"BEGIN:VCALENDAR") and statuses[-1].startswith("200")
    call("GET", "/calendar/other.ics")
    assert statuses[-1].startswith("404")
    call("POST", "/slack/events")
    assert statuses[-1].startswith("404")
    engine.dispose()


def test_bad_schedule_settings_are_one_clear_line(tmp_path):
    done = qm("alerts", "--dry-run", db=tmp_path / "qm.db", env={"QM_DIGEST_AT": "every morning"})
    assert done.returncode == 1 and done.stderr.startswith("quartermaster: QM_DIGEST_AT")
