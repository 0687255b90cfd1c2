"""What the Slack tests observe and wait for, shared by the test modules."""

import time


def manager_context():
    from datetime import datetime, timezone

    from domain.people import Person, Role
    from services.context import Context

    return Context(Person("maria", Role.MANAGER), datetime.now(timezone.utc), timezone.utc, "test")


def texts(fake, method="chat.postMessage"):
    return [p["text"] for p in fake.called(method)]


def wait_until(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def run_alerts_cli(slack, fake, database_url, channel):
    """`quartermaster alerts` in its own process, after a change took toner to its reorder point."""
    import os
    import subprocess

    from tests.cli.test_cli import SCRIPT

    slack.message("used 1 toner")
    slack.settle()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake.api_url,
        "QM_ALERT_CHANNEL": channel,
        "QM_MANAGERS": "",
    }
    return lambda: subprocess.run(
        [SCRIPT, "alerts", "--at", "2026-11-30T09:30:00+00:00"], env=env, capture_output=True, text=True
    )
