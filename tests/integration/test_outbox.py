"""The outbox's claims on a real database: a sender taken over as stale
records nothing, so a message is never reopened after it went."""

from datetime import datetime, timedelta, timezone

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def test_a_sender_whose_claim_was_taken_over_cannot_reopen_the_message(uow):
    with uow() as tx:
        message_id = tx.outbox.add("reply:1:0", "chat.postMessage", {"channel": "C1", "text": "hi"}, T0)
        tx.commit()
    with uow() as tx:
        slow = tx.outbox.claim(message_id, T0, T0 - timedelta(minutes=10))
        tx.commit()
    later = T0 + timedelta(minutes=11)
    with uow() as tx:
        takeover = tx.outbox.claim(message_id, later, later - timedelta(minutes=10))
        assert takeover is not None and takeover.attempts == 2  # the dead sender's try counts
        assert tx.outbox.sent(takeover, later)
        tx.commit()
    with uow() as tx:
        assert not tx.outbox.retry(slow, later, "TimeoutError")  # the slow sender's answer comes too late
        tx.commit()
    with uow(read_only=True) as tx:
        assert tx.outbox.status_of("reply:1:0") == ("sent", None)


def test_recording_a_key_again_is_nothing_unless_it_failed_for_good(uow):
    with uow() as tx:
        first = tx.outbox.add("digest:x:C1", "chat.postMessage", {"channel": "C1", "text": "a"}, T0)
        assert tx.outbox.add("digest:x:C1", "chat.postMessage", {"channel": "C1", "text": "a"}, T0) is None
        tx.commit()
    with uow() as tx:
        claimed = tx.outbox.claim(first, T0, T0)
        tx.outbox.failed(claimed, "not_in_channel")
        tx.commit()
    with uow() as tx:
        assert tx.outbox.add("digest:x:C1", "chat.postMessage", {"channel": "C1", "text": "a"}, T0) == first
        tx.commit()
    with uow(read_only=True) as tx:
        assert tx.outbox.status_of("digest:x:C1") == ("pending", "not_in_channel")


def test_a_held_message_is_its_recorders_until_it_goes_stale(uow):
    with uow() as tx:
        message_id = tx.outbox.add(
            "reply:2:0", "chat.postMessage", {"channel": "C1", "text": "hi"}, T0, held=True
        )
        tx.commit()
    with uow() as tx:
        assert tx.outbox.due(T0, T0 - timedelta(minutes=10)) == []  # the delivery loop leaves it alone
        assert tx.outbox.claim(message_id, T0, T0 - timedelta(minutes=10)) is None
        mine = tx.outbox.held(message_id)
        assert mine is not None and mine.attempts == 1
    later = T0 + timedelta(minutes=11)  # the recorder died before sending
    with uow() as tx:
        assert tx.outbox.due(later, later - timedelta(minutes=10)) == [message_id]
        takeover = tx.outbox.claim(message_id, later, later - timedelta(minutes=10))
        assert takeover is not None and tx.outbox.held(message_id) is None  # no longer the recorder's
        assert not tx.outbox.sent(mine, later) and tx.outbox.sent(takeover, later)
        tx.commit()


def test_after_a_restart_held_messages_are_sent_again(uow):
    with uow() as tx:
        tx.outbox.add("reply:3:0", "chat.postMessage", {"channel": "C1", "text": "hi"}, T0, held=True)
        tx.outbox.release_claims()  # what a single-process restart does
        tx.commit()
    with uow(read_only=True) as tx:
        assert tx.outbox.status_of("reply:3:0") == ("pending", None)
