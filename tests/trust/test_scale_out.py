"""Two `quartermaster serve` replicas on one PostgreSQL, requests alternated
between them: exact counts, one application per event, alerts posted once."""

import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.cli.test_cli import SCRIPT
from tests.conftest import fresh_postgres
from tests.slack.strict_slack import StrictSlack
from tests.trust.serving import Replica, import_stock, post_event, scalar

pytestmark = pytest.mark.postgres
EVENTS, SENDERS, START = 1000, 20, 5000
STOCK = (
    f"sku,name,unit,on_hand,reorder_point,reorder_qty\nPEN-1,Ballpoint pen,pen,{START},{START - 500},1000\n"
)


def test_two_replicas_apply_every_event_exactly_once(tmp_path, postgres_server):
    url = fresh_postgres(postgres_server)
    import_stock(url, STOCK, tmp_path)
    with StrictSlack({f"U{n:02d}": f"user{n}" for n in range(SENDERS)}) as fake:
        replicas = [Replica(url, fake.api_url, QM_ALERT_CHANNEL="CALERTS").start() for _ in range(2)]
        try:

            def send(n):
                replica = replicas[n % 2]
                return post_event(
                    replica.port, "used 1 pen", f"1700{n:06d}.000100", f"Ev{n}", user=f"U{n % SENDERS:02d}"
                )

            with ThreadPoolExecutor(SENDERS) as pool:
                assert set(pool.map(send, range(EVENTS))) == {200}

            def both(n):  # the same event delivered to both replicas at once
                with ThreadPoolExecutor(2) as pair:
                    return list(
                        pair.map(
                            lambda r: post_event(
                                r.port,
                                "used 1 pen",
                                f"1800{n:06d}.000100",
                                f"Dup{n}",
                                user=f"U{n % SENDERS:02d}",
                            ),
                            replicas,
                        )
                    )

            with ThreadPoolExecutor(10) as pool:
                assert all(s == [200, 200] for s in pool.map(both, range(50)))

            deadline = time.monotonic() + 120
            while scalar(url, "SELECT count(*) FROM inbox WHERE status IN ('pending', 'working')"):
                assert time.monotonic() < deadline, "requests left unprocessed"
                time.sleep(0.2)

            env = {**replicas[0].env}
            runs = [
                subprocess.Popen(
                    [SCRIPT, "alerts", "--at", "2026-11-30T09:30:00+00:00"],
                    env=env,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                for _ in range(2)
            ]
            outputs = [run.communicate(timeout=60)[0] for run in runs]
        finally:
            for replica in replicas:
                replica.stop()
        crossings = [
            p for p in fake.called("chat.postMessage") if "just reached its reorder point" in p["text"]
        ]
        digests = [
            p
            for p in fake.called("chat.postMessage")
            if p["channel"] == "CALERTS" and "Low stock" in p["text"]
        ]
    assert scalar(url, "SELECT count(*) FROM ledger WHERE action = 'consume'") == EVENTS + 50
    assert scalar(url, "SELECT on_hand FROM stock_items") == START - EVENTS - 50
    assert len(crossings) == 1 and len(digests) == 1
    assert sorted("posted 1 new alert(s)" in o for o in outputs) == [False, True]
    fake.assert_clean()
