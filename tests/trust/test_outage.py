"""PostgreSQL goes away during a burst: /healthz says 503, people are told
nothing changed, nothing is half-written; it comes back without a restart."""

import json
import time

import pytest
from sqlalchemy import create_engine, text

from tests.pg_cluster import Cluster
from tests.slack.strict_slack import StrictSlack
from tests.trust.serving import Replica, get, import_stock, post_event, scalar

pytestmark = pytest.mark.postgres
STOCK = "sku,name,unit,on_hand\nPEN-1,Ballpoint pen,pen,1000\n"
DB_DOWN = "I can't reach the database right now, so nothing was changed."


def wait(predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_an_outage_is_reported_changes_nothing_and_heals_without_a_restart(tmp_path, postgres_server):
    cluster = Cluster().start()
    try:
        admin = create_engine(cluster.base_url + "/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE outage"))
        admin.dispose()
        url = cluster.base_url + "/outage"
        import_stock(url, STOCK, tmp_path)
        with StrictSlack({"UALICE": "alice"}) as fake:
            replica = Replica(url, fake.api_url).start()
            try:
                for n in range(10):
                    assert post_event(replica.port, "used 1 pen", f"1.{n:04d}", f"Ev{n}") == 200
                wait(lambda: len(fake.called("chat.postMessage")) >= 10)

                cluster.pause()
                status, body = get(replica.port, "/healthz")
                assert status == 503 and json.loads(body)["database"] == "unreachable"
                for n in range(10, 20):
                    assert post_event(replica.port, "used 1 pen", f"1.{n:04d}", f"Ev{n}") == 200
                wait(lambda: sum(DB_DOWN in p["text"] for p in fake.called("chat.postMessage")) >= 10)

                cluster.resume()
                wait(lambda: get(replica.port, "/healthz")[0] == 200)
                for n in range(20, 30):
                    assert post_event(replica.port, "used 1 pen", f"1.{n:04d}", f"Ev{n}") == 200
                wait(lambda: len(fake.called("chat.postMessage")) >= 30)
                told_down = sum(DB_DOWN in p["text"] for p in fake.called("chat.postMessage"))
            finally:
                replica.stop()
            fake.assert_clean()
        consumed = scalar(url, "SELECT count(*) FROM ledger WHERE action = 'consume'")
        assert told_down >= 10 and consumed == 30 - told_down
        assert scalar(url, "SELECT on_hand FROM stock_items") == 1000 - consumed
        assert scalar(url, "SELECT count(*) FROM inbox WHERE status <> 'done'") == 0
    finally:
        cluster.stop()
