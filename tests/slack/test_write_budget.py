"""How many write transactions one message costs, from Slack's event to the
reply marked sent: each is a lock taken on SQLite and a round trip on
PostgreSQL. The four a change needs: store the request before the ack, claim
it (one worker runs it), the change itself (with its ledger entry, the request
marked done and the reply recorded), and the reply marked sent."""

import time

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine


@pytest.fixture
def writes():
    log, pending = [], {}

    def on_execute(conn, cursor, statement, params, context, executemany):
        if statement.split()[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            pending.setdefault(id(conn), []).append(" ".join(statement.split()[:3]))

    def on_commit(conn):
        if id(conn) in pending:
            log.append(pending.pop(id(conn)))

    def on_rollback(conn):
        pending.pop(id(conn), None)

    event.listen(Engine, "before_cursor_execute", on_execute)
    event.listen(Engine, "commit", on_commit)
    event.listen(Engine, "rollback", on_rollback)
    yield log
    event.remove(Engine, "before_cursor_execute", on_execute)
    event.remove(Engine, "commit", on_commit)
    event.remove(Engine, "rollback", on_rollback)


def settled(slack):
    slack.settle()
    time.sleep(0.3)  # the reply is marked sent just after it is posted


def test_a_change_by_dm_costs_four_write_transactions(slack, fake, writes):
    slack.message("we used 1 ream of paper")  # meets alice (users.info, remembered once)
    settled(slack)
    writes.clear()
    slack.message("we used 2 reams of paper")
    settled(slack)
    assert slack.on_hand("PAP-A4") == 37
    assert len(writes) == 4, writes


def test_a_question_by_dm_costs_four_and_changes_nothing(slack, fake, writes):
    slack.message("how many paper")
    settled(slack)
    writes.clear()
    slack.message("who has the drill")
    settled(slack)
    # Stored, claimed, its reply recorded with the request marked done, the reply marked sent.
    firsts = [w[0] for w in writes]
    assert firsts == ["INSERT INTO inbox", "UPDATE inbox SET", "INSERT INTO outbox", "UPDATE outbox SET"], (
        writes
    )
    assert not any("ledger" in s for w in writes for s in w)
