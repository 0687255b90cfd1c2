"""Slack as it really is, through the strict double: refused payloads,
rate limits, server errors, long answers, and replies that say only what is
true. Text as Slack sends it and stored questions: test_slack_text_and_clicks.py."""

import json

import pytest

from services.csv_import import import_csv
from tests.catalog import seed
from tests.slack.harness import SlackBot
from tests.slack.observe import manager_context, run_alerts_cli, texts, wait_until

# -- which one did you mean? ---------------------------------------------------------


def test_a_question_with_choices_is_accepted_by_slack_and_its_buttons_work(slack, fake):
    slack.message("check out the projector")
    (question,) = fake.wait_for("chat.postMessage")
    buttons = [e for b in question["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert len(buttons) == 2 and len({b["action_id"] for b in buttons}) == 2  # unique within the block
    choice = next(b for b in buttons if json.loads(b["value"])["key"] == "A-2002")
    slack.click(choice["action_id"], choice["value"])
    slack.settle()
    assert slack.holder("A-2002") == "UALICE" and slack.holder("A-2001") is None


# -- rate limits and server errors on the reply ---------------------------------------------


@pytest.mark.parametrize("status", [429, 500])
def test_a_refused_reply_is_retried_and_the_change_applied_once(slack, fake, status):
    before = slack.ledger_size()
    fake.fail("chat.postMessage", status=status, retry_after=1, times=4)  # more than the client's own retries
    slack.message("used 2 reams of paper")
    wait_until(lambda: fake.called("chat.postMessage"))
    slack.settle()
    (reply,) = fake.called("chat.postMessage")
    assert reply["text"].startswith("Recorded 2 reams of Copy paper A4 used")
    assert slack.on_hand("PAP-A4") == 38 and slack.ledger_size() == before + 1
    assert not any("nothing was changed" in t for t in texts(fake))


def test_a_crossing_notice_whose_post_failed_is_sent_later_not_lost(fake, database_url):
    bot = SlackBot(fake, database_url, env={"QM_ALERT_CHANNEL": "CALERTS"})
    seed(bot.core.uow)
    bot.start()
    try:
        fake.fail("chat.postMessage", status=503, times=3)
        bot.message("used 1 toner")
        wait_until(lambda: any("just reached its reorder point" in t for t in texts(fake)))
        bot.settle()
        crossing = [p for p in fake.called("chat.postMessage") if "just reached" in p["text"]]
        assert len(crossing) == 1 and crossing[0]["channel"] == "CALERTS"
    finally:
        bot.stop()


def test_a_digest_dm_that_fails_for_one_manager_is_not_sent_again_to_the_others(fake, database_url):
    from bot.scheduler import AlertScheduler, Leadership

    # Slack knows no UGONE: the crossing notice is refused, and the digest on each run (it is tried again)
    for _ in ("crossing", "digest", "digest again"):
        fake.expect_refusal("chat.postMessage", "channel_not_found")
    bot = SlackBot(fake, database_url, env={"QM_MANAGERS": "UMARIA,UGONE"})
    seed(bot.core.uow)
    bot.start()
    try:
        bot.message("used 1 toner")
        bot.settle()
        scheduler = AlertScheduler(bot.core, bot.runtime.outbox, Leadership(bot.core.engine))
        try:
            scheduler.run(with_digest=True)
            scheduler.run(with_digest=True)
        finally:
            scheduler.leadership.release()
        bot.settle()
        digests = [p for p in fake.called("chat.postMessage") if p["text"].startswith("Low stock")]
        assert [d["channel"] for d in digests] == ["UMARIA"]
        told = [p["text"] for p in fake.called("chat.postMessage") if p["channel"] == "UMARIA"]
        assert any("Slack says `channel_not_found`" in t and "QM_MANAGERS" in t for t in told)
    finally:
        bot.stop()


def test_alerts_exits_1_and_says_what_to_do_when_the_bot_is_not_in_the_alert_channel(
    slack, fake, database_url
):
    fake.expect_refusal("chat.postMessage", "not_in_channel")
    done = run_alerts_cli(slack, fake, database_url, "CNOTJOINED")()
    assert done.returncode == 1
    assert "not_in_channel" in done.stderr and "invite @quartermaster to <#CNOTJOINED>" in done.stderr


# -- truth in replies -----------------------------------------------------------------


def test_an_error_after_the_change_committed_never_says_nothing_was_changed(slack, fake, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("lost the reply")

    monkeypatch.setattr(slack.runtime.handlers, "_answer", broken)
    slack.message("used 1 ream of paper")
    (told,) = fake.wait_for("chat.postMessage")
    assert "Your change was recorded" in told["text"] and "nothing was changed" not in told["text"]
    assert slack.on_hand("PAP-A4") == 39


# -- long answers ---------------------------------------------------------------------------


def test_a_list_of_400_low_items_is_posted_whole_or_counted_never_cut_mid_line(slack, fake):
    rows = "\n".join(
        f"LOW-{n:03d},Spare part number {n:03d} for the big machine,piece,1,5" for n in range(400)
    )
    result = import_csv(
        "stock", f"sku,name,unit,on_hand,reorder_point\n{rows}\n".encode(), slack.core.uow, manager_context()
    )
    assert not result.errors
    slack.message("what's low?")
    (answer,) = fake.wait_for("chat.postMessage")
    shown = "\n".join(b["text"]["text"] for b in answer["blocks"] if b["type"] == "section")
    lines = shown.splitlines()
    assert all(line.startswith(("•", "At or below", "…and")) for line in lines)
    listed = [line for line in lines if line.startswith("• Spare part")]
    left = int(lines[-1].split()[1]) if lines[-1].startswith("…and") else 0
    assert len(listed) + left == 400 and len(listed) > 100


def test_app_home_sections_count_and_page_through_a_long_list(slack, fake):
    rows = "\n".join(f"LOW-{n:03d},Spare part {n:03d},piece,1,5" for n in range(60))
    import_csv(
        "stock", f"sku,name,unit,on_hand,reorder_point\n{rows}\n".encode(), slack.core.uow, manager_context()
    )
    slack.event({"type": "app_home_opened", "user": "UMARIA", "tab": "home", "channel": "DMARIA"})
    (published,) = fake.wait_for("views.publish")
    blocks = published["view"]["blocks"]
    reorder = next(b["text"]["text"] for b in blocks if "Reorder list" in b.get("text", {}).get("text", ""))
    assert (
        reorder.startswith("*Reorder list* (60) — 1–8") and "LOW-000" in reorder and "LOW-008" not in reorder
    )
    pager = next(b for b in blocks if b.get("block_id") == "qm_home_reorder")
    (next_page,) = [e for e in pager["elements"] if e["text"]["text"] == "Next"]
    slack.click(next_page["action_id"], next_page["value"], user="UMARIA", channel="DMARIA")
    slack.settle()
    again = fake.called("views.publish")[-1]["view"]["blocks"]
    reorder = next(b["text"]["text"] for b in again if "Reorder list" in b.get("text", {}).get("text", ""))
    assert "— 9–16" in reorder and "LOW-008" in reorder
    assert any(b.get("text", {}).get("text", "").startswith("*What you hold* (0)") for b in again)


def test_app_home_counts_all_a_person_holds_and_reaches_the_last_one(slack, fake):
    rows = "\n".join(f"H-{n:03d},Headlamp {n:03d},checked_out,UBOB" for n in range(45))
    import_csv(
        "assets", f"asset_tag,name,status,holder\n{rows}\n".encode(), slack.core.uow, manager_context()
    )
    slack.event({"type": "app_home_opened", "user": "UBOB", "tab": "home", "channel": "DBOB"})
    (published,) = fake.wait_for("views.publish")
    mine = published["view"]["blocks"][1]["text"]["text"]
    assert mine.startswith("*What you hold* (45) — 1–8")
    slack.click("qm_home_page#0", "mine:40", user="UBOB", channel="DBOB")
    slack.settle()
    last = fake.called("views.publish")[-1]["view"]["blocks"][1]["text"]["text"]
    assert "— 41–45" in last and "H-044" in last
