"""Ack latency of the Slack HTTP endpoint: 20 concurrent senders on loopback
posting signed message events (text commands) to `quartermaster serve` (its
own process) on SQLite, while its workers act on them and answer a fake Slack
Web API. Usage: python -m bench.slack_ack"""

from __future__ import annotations

import http.client
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from slack_sdk.signature import SignatureVerifier

from bench.report import write_section
from tests.catalog import ASSETS, STOCK
from tests.slack.strict_slack import StrictSlack

SECRET = "bench-secret"

SENDERS, PER_SENDER = 20, 50
TARGET_P99_MS = 100
PHRASES = ["used 1 pen", "who has A-1042", "how many paper", "received 1 box of pens", "what's low"]


def post(port: int, body: bytes) -> int:
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body),
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", "/slack/events", body=body, headers=headers)
    status = connection.getresponse().status
    connection.close()
    return status


def send_all(port: int, round_: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()

    def sender(n: int) -> None:
        for i in range(PER_SENDER):
            event = {
                "type": "message",
                "user": f"U{n:03d}",
                "text": PHRASES[(n + i) % len(PHRASES)],
                "channel": f"D{n:03d}",
                "channel_type": "im",
                "ts": f"17{round_}{n:03d}{i:03d}.000100",
            }
            body = json.dumps(
                {"type": "event_callback", "event_id": f"Ev{round_}-{n}-{i}", "event": event}
            ).encode()
            start = time.perf_counter()
            status = post(port, body)
            elapsed = (time.perf_counter() - start) * 1000
            assert status == 200, status
            with lock:
                latencies.append(elapsed)

    with ThreadPoolExecutor(SENDERS) as pool:
        list(pool.map(sender, range(SENDERS)))
    return latencies


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("quartermaster serve did not become healthy")


def pending(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM inbox WHERE status IN ('pending', 'working')").fetchone()[0]


def main() -> None:
    users = {f"U{n:03d}": f"user{n}" for n in range(SENDERS)}
    qm = str(Path(sys.executable).with_name("quartermaster"))
    with tempfile.TemporaryDirectory() as tmp, StrictSlack(users) as fake:
        db, port = Path(tmp) / "bench.db", free_port()
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{db}",
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.api_url,
            "PORT": str(port),
        }
        env.pop("SLACK_APP_TOKEN", None)
        for kind, text in (("assets", ASSETS), ("stock", STOCK)):
            (Path(tmp) / f"{kind}.csv").write_text(text)
            subprocess.run(
                [qm, "import", kind, str(Path(tmp) / f"{kind}.csv")], env=env, check=True, capture_output=True
            )
        server = subprocess.Popen(
            [qm, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_healthy(port)
            send_all(port, 1)  # warm-up: caches, connections, users.info
            start = time.perf_counter()
            latencies = send_all(port, 2)
            wall = time.perf_counter() - start
            while pending(db) and time.perf_counter() - start < 120:
                time.sleep(0.05)
            processed = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=30)
    total = SENDERS * PER_SENDER
    p50, p99 = statistics.median(latencies), sorted(latencies)[int(0.99 * len(latencies)) - 1]
    lines = [
        "## Slack HTTP ack latency (issue 4)",
        "",
        f"{SENDERS} concurrent senders x {PER_SENDER} signed `message.im` events each ({total:,}), text commands",
        "(a mix of changes and questions), to the real app under waitress on 127.0.0.1, SQLite, while its",
        "workers process them and post replies to a fake Slack Web API. The ack is sent once the event is",
        "stored in the inbox.",
        "",
        "| measure | result | target | met |",
        "| --- | ---: | ---: | --- |",
        f"| ack p50 | {p50:.1f} ms | | |",
        f"| ack p99 | {p99:.1f} ms | <= {TARGET_P99_MS} ms | {'yes' if p99 <= TARGET_P99_MS else '**no**'} |",
        f"| acks per second | {total / wall:,.0f} | | |",
        f"| all {total:,} processed and answered after | {processed:.1f} s | | |",
    ]
    write_section("slack_ack", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
