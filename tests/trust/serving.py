"""Running `quartermaster serve` as real processes for the trust tests."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import time

from slack_sdk.signature import SignatureVerifier

from tests.cli.test_cli import SCRIPT

SECRET = "trust-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Replica:
    def __init__(self, database_url: str, api_url: str, port: int | None = None, **env):
        self.port = port or free_port()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "QM_"))},
            "DATABASE_URL": database_url,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": api_url,
            "PORT": str(self.port),
            **env,
        }
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> "Replica":
        self.process = subprocess.Popen(
            [SCRIPT, "serve"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/healthz")[0] in (200, 503):
                    return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError("replica did not start")

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def post_event(
    port: int,
    text: str,
    ts: str,
    event_id: str,
    user: str = "UALICE",
    retry: int | None = None,
    timeout: float = 10,
) -> int:
    event = {
        "type": "event_callback",
        "event_id": event_id,
        "event": {
            "type": "message",
            "user": user,
            "text": text,
            "channel": f"D{user}",
            "channel_type": "im",
            "ts": ts,
        },
    }
    body = json.dumps(event).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body),
    }
    if retry:
        headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_error"})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST", "/slack/events", body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def import_stock(database_url: str, csv_text: str, tmp_path) -> None:
    path = tmp_path / "stock.csv"
    path.write_text(csv_text)
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([SCRIPT, "import", "stock", str(path)], env=env, check=True, capture_output=True)


def scalar(url: str, sql: str):
    """One value straight from the database the replicas share."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        engine.dispose()
