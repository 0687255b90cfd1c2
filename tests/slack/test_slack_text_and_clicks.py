"""Slack as it really is, through the strict double: text as Slack sends it
(escapes, thread broadcasts, over-long messages, slash commands, expired
response URLs), what review found, and stored questions clicked in Slack."""

import json

from tests.catalog import seed
from tests.slack.harness import SlackBot
from tests.slack.observe import run_alerts_cli, wait_until

# -- text as Slack sends it -------------------------------------------------------------


def test_html_escapes_are_decoded(slack, fake):
    slack.message("used 2 reams of paper &amp; 1 toner")
    slack.settle()
    assert slack.on_hand("PAP-A4") == 38 and slack.on_hand("TON-26A") == 2


def test_a_thread_reply_also_sent_to_the_channel_is_read(slack, fake):
    slack.event(
        {
            "type": "message",
            "subtype": "thread_broadcast",
            "user": "UALICE",
            "text": "used 1 ream of paper",
            "channel": "CSUPPLIES",
            "channel_type": "channel",
            "ts": "1700000500.000200",
            "thread_ts": "1700000400.000100",
        }
    )
    (reply,) = fake.wait_for("chat.postMessage")
    assert reply["thread_ts"] == "1700000400.000100" and slack.on_hand("PAP-A4") == 39


def test_an_over_long_message_is_refused_whole_not_cut(slack, fake):
    slack.message("used 1 ream of paper " + "and also this is filler " * 200)
    (reply,) = fake.wait_for("chat.postMessage")
    assert "characters long" in reply["text"] and "nothing was changed" in reply["text"]
    assert slack.on_hand("PAP-A4") == 40


def test_a_slash_command_change_is_posted_with_a_real_mention(slack, fake):
    slack.command("used 1 ream of paper", user="UALICE")
    (posted,) = fake.wait_for("response_url")
    assert posted["response_type"] == "in_channel" and posted["text"].startswith("<@UALICE>:")
    assert "&lt;@" not in json.dumps(posted["blocks"]) and "<@UALICE>" in json.dumps(posted["blocks"])


def test_a_managers_export_by_slash_command_goes_to_their_dm_not_the_channel(slack, fake):
    slack.command("export stock", user="UMARIA", channel="CGENERAL")
    (done,) = fake.wait_for("files.completeUploadExternal")
    (opened,) = fake.called("conversations.open")
    assert opened["users"] == "UMARIA" and done["channel_id"] == "DUMARIA"
    (note,) = fake.wait_for("response_url")
    assert note["response_type"] == "ephemeral" and "direct message" in note["text"]


def test_an_answer_after_the_response_url_expired_comes_another_way(slack, fake, monkeypatch):
    from bot.slack import delivery

    monkeypatch.setattr(
        delivery, "RESPONSE_URL_LIFE", delivery.timedelta(seconds=-1)
    )  # as if 30 minutes late
    slack.command("how many toner?", user="UALICE", channel="CGENERAL")
    (answer,) = fake.wait_for("chat.postEphemeral")
    assert answer["user"] == "UALICE" and answer["channel"] == "CGENERAL" and "3 cartridges" in answer["text"]
    assert fake.called("response_url") == []


def test_a_used_up_response_url_falls_back_to_a_dm_where_the_bot_is_not_in_the_channel(slack, fake):
    from slack_sdk.webhook import WebhookClient

    fake.expect_refusal("chat.postEphemeral", "not_in_channel")
    fake.expect_refusal("response_url", "used_url")
    url = fake.response_url()
    for _ in range(5):  # Slack honours a response_url five times
        assert WebhookClient(url).send(text="earlier answer").status_code == 200
    slack.command("how many toner?", user="UALICE", channel="CELSEWHERE", response_url=url)
    wait_until(lambda: [p for p in fake.called("chat.postMessage") if p["channel"] == "UALICE"])
    (dm,) = [p for p in fake.called("chat.postMessage") if p["channel"] == "UALICE"]
    assert "3 cartridges" in dm["text"]


# -- found in review -------------------------------------------------------------------


def test_a_change_that_crosses_its_reorder_point_commits_when_nobody_is_set_to_hear(fake, database_url):
    bot = SlackBot(fake, database_url, env={"QM_MANAGERS": ""})
    seed(bot.core.uow)
    bot.start()
    try:
        bot.message("used 1 toner")
        (reply,) = fake.wait_for("chat.postMessage")
        assert reply["text"].startswith("Recorded 1 cartridge") and bot.on_hand("TON-26A") == 2
    finally:
        bot.stop()


def test_a_file_that_cannot_be_sent_is_said_so_never_announced(slack, fake):
    fake.fail("conversations.open", error="missing_scope", times=1)
    slack.command("export stock", user="UMARIA", channel="CGENERAL")
    (told,) = fake.wait_for("response_url")
    assert "couldn't send you" in told["text"] and told["response_type"] == "ephemeral"
    slack.settle()
    assert not any("I've sent you" in p.get("text", "") for p in fake.called("response_url"))
    assert fake.called("files.completeUploadExternal") == []


def test_a_reply_slack_refuses_for_good_reaches_its_author_by_dm(slack, fake):
    fake.fail(
        "chat.postMessage", error="not_in_channel", times=1
    )  # the bot was removed from the channel meanwhile
    slack.message("used 1 ream of paper", channel="CSUPPLIES", channel_type="channel")
    wait_until(lambda: [p for p in fake.called("chat.postMessage") if p["channel"] == "UALICE"])
    (dm,) = [p for p in fake.called("chat.postMessage") if p["channel"] == "UALICE"]
    assert "couldn't post my answer in <#CSUPPLIES>" in dm["text"] and "Recorded 1 ream" in dm["text"]
    assert slack.on_hand("PAP-A4") == 39


def test_a_choice_keeps_the_person_mentioned_as_the_holder(slack, fake):
    slack.message("check out the projector for <@UBOB>")
    (question,) = fake.wait_for("chat.postMessage")
    choice = next(
        e
        for b in question["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if json.loads(e["value"])["key"] == "A-2002"
    )
    slack.click(choice["action_id"], choice["value"])
    slack.settle()
    assert slack.holder("A-2002") == "UBOB"
    (done,) = [p for p in fake.called("response_url") if "Checked out" in p["text"]]
    assert "to bob" in done["text"] and done["replace_original"] is True


def test_an_alert_refused_for_good_is_posted_once_the_bot_is_invited(slack, fake, database_url):
    fake.expect_refusal("chat.postMessage", "not_in_channel")
    alerts = run_alerts_cli(slack, fake, database_url, "CLATER")
    assert alerts().returncode == 1
    fake.member_of.add("CLATER")  # someone typed /invite @quartermaster
    again = alerts()
    assert again.returncode == 0, again.stderr
    assert len([p for p in fake.called("chat.postMessage") if p["channel"] == "CLATER"]) == 1


# -- stored questions (a button carries only the question's id) --------------------------


def choice_button(question, key):
    return next(
        e
        for b in question["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if json.loads(e["value"]).get("key") == key
    )


def test_a_choice_under_a_long_message_keeps_everything_it_said(slack, fake):
    slack.message("check out A-2001 and A-2002")
    slack.settle()
    note = "the lens cap is missing and " * 130 + "the fan rattles"
    slack.message(f"returning the projector - {note}")
    question = fake.wait_for("chat.postMessage", 2)[1]
    button = choice_button(question, "A-2002")
    assert len(button["value"]) < 100  # the words stay in the database, whatever their length
    slack.click(button["action_id"], button["value"])
    slack.settle()
    with slack.core.uow(read_only=True) as uow:
        returned = uow.assets.get("A-2002")
        (entry,) = [e for e in uow.ledger.recent(limit=1)]
    assert returned.holder is None and len(returned.condition) == 200  # the short field, cut with "…"
    assert entry.note.endswith("the fan rattles") and len(entry.note) > 3000  # the whole note, in the ledger


def test_someone_elses_click_and_a_second_click_change_nothing(slack, fake):
    slack.message("check out the projector until friday")
    (question,) = fake.wait_for("chat.postMessage")
    button = choice_button(question, "A-2001")
    slack.click(button["action_id"], button["value"], user="UBOB", channel="DALICE")
    slack.settle()
    assert slack.holder("A-2001") is None
    assert "That question was for alice" in fake.wait_for("response_url")[0]["text"]
    slack.click(button["action_id"], button["value"])
    slack.click(button["action_id"], button["value"])
    slack.settle()
    assert slack.holder("A-2001") == "UALICE" and slack.holder("A-2002") is None
    with slack.core.uow(read_only=True) as uow:
        assert uow.assets.get("A-2001").due is not None  # "until friday" survived the click
    texts = [p["text"] for p in fake.called("response_url")]
    assert sum("Checked out A-2001" in t for t in texts) == 1
    # the second click: told it was answered (or, racing the first on PostgreSQL, that A-2001 is out now)
    assert any("answered already" in t or "already checked out" in t for t in texts)


def test_a_value_too_long_for_its_field_is_refused_plainly(slack, fake):
    slack.message("edit A-1042 location " + "Room " * 100, user="UMARIA", channel="DMARIA")
    (told,) = fake.wait_for("chat.postMessage")
    assert "location: that is 499 characters; at most 100 fit" in told["text"]
    slack.settle()
    with slack.core.uow(read_only=True) as uow:
        assert uow.assets.get("A-1042").location == "IT store"


def test_a_finished_request_is_not_followed_by_an_empty_write(slack, fake):
    from sqlalchemy import event

    slack.message("what do I have?")
    slack.settle()
    inbox_updates = []

    def count(connection, cursor, statement, *args):
        if statement.lstrip().upper().startswith("UPDATE INBOX"):
            inbox_updates.append(statement)

    event.listen(slack.core.engine, "before_cursor_execute", count)
    try:
        slack.message("used 1 ream of paper")
        fake.wait_for("chat.postMessage", 2)
        slack.settle()
    finally:
        event.remove(slack.core.engine, "before_cursor_execute", count)
    assert len(inbox_updates) == 2  # claimed, then done with the change: nothing after
