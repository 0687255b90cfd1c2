"""Messages: DMs, mentions, listened channels; exactly once; signatures."""

import json
import time

from bot.slack.blocks import action_name
from tests.slack.harness import SlackBot


def texts(fake, method="chat.postMessage"):
    return [call["text"] for call in fake.called(method)]


def test_a_dm_changes_state_and_answers_with_an_undo_button(slack, fake):
    status, _ = slack.message("check out A-1042 until friday")
    assert status == 200
    (posted,) = fake.wait_for("chat.postMessage")
    assert posted["channel"] == "DALICE" and posted["text"].startswith("Checked out A-1042")
    assert "thread_ts" not in posted or not posted.get("thread_ts")  # DMs are answered in place
    buttons = [e for b in posted["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [action_name(b["action_id"]) for b in buttons] == ["qm_undo"]
    slack.settle()
    assert slack.holder("A-1042") == "UALICE"  # the name comes from users.info


def test_a_mention_in_a_channel_is_answered_in_its_thread(slack, fake):
    slack.message(
        "<@UBOT> who has A-1042?",
        channel="CGENERAL",
        channel_type="channel",
        ts="1700000500.000200",
        event_type="app_mention",
    )
    (posted,) = fake.wait_for("chat.postMessage")
    assert posted["channel"] == "CGENERAL" and posted["thread_ts"] == "1700000500.000200"
    assert "available" in posted["text"]


def test_mention_and_message_events_for_one_message_change_state_once(slack, fake):
    event = dict(
        text="<@UBOT> used 3 boxes of paper",
        channel="CSUPPLIES",
        channel_type="channel",
        ts="1700000600.000300",
    )
    slack.message(event_type="app_mention", **event)
    slack.message(event_type="message", **event)
    slack.settle()
    assert slack.on_hand("PAP-A4") == 25
    time.sleep(0.2)
    assert len(fake.called("chat.postMessage")) == 1


def test_retries_of_an_event_apply_once(slack, fake):
    ts = "1700000700.000400"
    for retry in (None, 1, 2):
        status, _ = slack.message("used 1 toner", ts=ts, event_id="EvSAME", retry=retry)
        assert status == 200
    slack.settle()
    assert slack.on_hand("TON-26A") == 2
    replies = [p for p in fake.called("chat.postMessage") if p["channel"] == "DALICE"]
    assert len(replies) == 1


def test_a_listened_channel_reads_commands_without_a_mention_and_ignores_chatter(slack, fake):
    slack.message("we used 2 reams of paper", channel="CSUPPLIES", channel_type="channel")
    slack.message("lunch anyone?", channel="CSUPPLIES", channel_type="channel")
    slack.message("the projector pls, till 3", channel="CSUPPLIES", channel_type="channel")  # no verb: talk
    slack.message(
        "used 5 reams of paper", channel="CRANDOM", channel_type="channel"
    )  # not listened, no mention
    slack.settle()
    assert slack.on_hand("PAP-A4") == 38
    time.sleep(0.2)
    assert len(fake.called("chat.postMessage")) == 1


def test_bot_messages_and_edits_are_ignored(slack, fake):
    slack.event(
        {
            "type": "message",
            "subtype": "bot_message",
            "bot_id": "B1",
            "text": "used 1 toner",
            "channel": "DALICE",
            "channel_type": "im",
            "ts": "1700000800.000500",
        }
    )
    slack.event(
        {
            "type": "message",
            "subtype": "message_changed",
            "channel": "DALICE",
            "channel_type": "im",
            "ts": "1700000800.000600",
            "message": {"text": "used 1 toner"},
        }
    )
    slack.settle()
    assert slack.on_hand("TON-26A") == 3 and not fake.called("chat.postMessage")


def test_bad_and_stale_signatures_are_refused_and_change_nothing(slack, fake):
    body = json.dumps(
        {
            "type": "event_callback",
            "event_id": "EvX",
            "event": {
                "type": "message",
                "user": "UALICE",
                "text": "used 1 toner",
                "channel": "DALICE",
                "channel_type": "im",
                "ts": "1700000900.000700",
            },
        }
    ).encode()
    assert (
        slack.request(
            body,
            "application/json",
            sign=False,
            headers={"X-Slack-Signature": "v0=bad", "X-Slack-Request-Timestamp": str(int(time.time()))},
        )[0]
        == 401
    )
    assert slack.request(body, "application/json", timestamp=int(time.time()) - 600)[0] == 401
    assert slack.request(body, "application/json", sign=False)[0] == 401
    slack.settle()
    assert slack.on_hand("TON-26A") == 3 and slack.ledger_size() == 8


def test_a_signed_body_that_is_not_json_or_a_form_is_a_400(slack):
    assert slack.request(b"{not json", "application/json")[0] == 400


def test_healthz_and_unknown_paths(slack):
    status, body = slack.request(b"", "text/plain", sign=False, path="/healthz", method="GET")
    assert status == 200 and json.loads(body)["database"] == "ok"
    assert slack.request(b"", "text/plain", sign=False, path="/nope", method="GET")[0] == 404
    assert slack.request(b"", "text/plain", sign=False, path="/slack/events", method="GET")[0] == 405


def test_a_message_seen_before_a_restart_is_not_applied_again(fake, database_url):
    from tests.catalog import seed

    first = SlackBot(fake, database_url)
    seed(first.core.uow)
    first.start()
    first.message("used 1 toner", ts="1700001000.000800", event_id="EvR")
    first.settle()
    first.stop()
    second = SlackBot(fake, database_url).start()
    try:
        second.message("used 1 toner", ts="1700001000.000800", event_id="EvR", retry=1)
        second.settle()
        assert second.on_hand("TON-26A") == 2
    finally:
        second.stop()


def test_finished_requests_are_forgotten_after_a_week(slack, fake):
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import update

    from storage.inbox import INBOX

    slack.message("how many toner")
    slack.settle()
    with slack.core.uow() as uow:
        assert uow.inbox.prune(datetime.now(timezone.utc) - timedelta(days=7)) == 0
        uow.session.connection().execute(
            update(INBOX).values(received_at=datetime.now(timezone.utc) - timedelta(days=8))
        )
        uow.commit()
    slack.runtime.worker.sweep()
    with slack.core.uow(read_only=True) as uow:
        assert uow.inbox.count() == 0


def test_a_listened_channels_message_is_read_once_on_arrival(slack, fake, monkeypatch):
    import domain.language.parser
    import services.assistant

    reads = []
    real = domain.language.parser.parse

    def counting(text, *args, **kwargs):
        reads.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(services.assistant, "parse", counting)
    slack.message("we used 2 reams of paper until friday", channel="CSUPPLIES", channel_type="channel")
    slack.settle()
    assert slack.on_hand("PAP-A4") == 38
    assert reads == [
        "we used 2 reams of paper until friday"
    ]  # by the listener; the worker ran what it stored
