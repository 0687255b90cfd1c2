"""Slash command, buttons, App Home, and how failures are told."""

import json
import time

from bot.slack.blocks import action_name
from tests.slack.harness import SlackBot


def responses(fake):
    return fake.called("response_url")


def test_slash_questions_are_ephemeral_and_changes_are_posted(slack, fake):
    assert slack.command("how many paper")[0] == 200
    (answer,) = fake.wait_for("response_url")
    assert answer["response_type"] == "ephemeral" and "40 reams" in answer["text"]
    slack.command("used 2 reams of paper")
    change = fake.wait_for("response_url", 2)[1]
    assert change["response_type"] == "in_channel" and change["text"].startswith(
        "<@UALICE>: Recorded 2 reams"
    )
    slack.settle()
    assert slack.on_hand("PAP-A4") == 38


def test_an_empty_slash_command_opens_the_menu_and_help_is_said_in_words(slack, fake):
    slack.command("")
    (opened,) = fake.called("views.open")
    assert opened["view"]["callback_id"] == "qm_menu"
    slack.command("help")
    (answer,) = fake.wait_for("response_url")
    assert "check out" in answer["text"] and answer["response_type"] == "ephemeral"


def test_disambiguation_buttons_carry_the_choice_and_act_once_clicked(slack, fake):
    slack.message("check out the projector")
    (question,) = fake.wait_for("chat.postMessage")
    buttons = [e for b in question["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {action_name(b["action_id"]) for b in buttons} == {"qm_choose"}
    slack.settle()
    assert slack.holder("A-2001") is None and slack.holder("A-2002") is None
    benq = next(b for b in buttons if json.loads(b["value"])["key"] == "A-2002")
    assert slack.click("qm_choose", benq["value"])[0] == 200
    slack.settle()
    assert slack.holder("A-2002") == "UALICE"
    done = fake.wait_for("response_url")[0]
    assert done["replace_original"] is True and "A-2002" in done["text"]


def test_the_undo_button_reverses_that_change(slack, fake):
    slack.message("used 2 boxes of paper")
    (posted,) = fake.wait_for("chat.postMessage")
    undo = next(
        e
        for b in posted["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if action_name(e["action_id"]) == "qm_undo"
    )
    slack.settle()
    assert slack.on_hand("PAP-A4") == 30
    slack.click("qm_undo", undo["value"])
    slack.settle()
    assert slack.on_hand("PAP-A4") == 40
    slack.click("qm_undo", undo["value"])  # a second click changes nothing more
    slack.settle()
    assert slack.on_hand("PAP-A4") == 40
    assert "undone already" in fake.wait_for("response_url", 2)[1]["text"]


def test_only_the_person_who_made_a_change_can_undo_it_with_the_button(slack, fake):
    slack.message("used 2 boxes of paper")
    (posted,) = fake.wait_for("chat.postMessage")
    undo = next(
        e
        for b in posted["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if action_name(e["action_id"]) == "qm_undo"
    )
    slack.click("qm_undo", undo["value"], user="UBOB")
    slack.settle()
    assert slack.on_hand("PAP-A4") == 30
    assert "Only alice" in fake.wait_for("response_url")[0]["text"]


def test_return_and_extend_buttons(slack, fake):
    slack.message("check out A-1042 until friday")
    slack.settle()
    slack.click("qm_extend", "A-1042")
    slack.settle()
    assert "due back" in fake.wait_for("response_url")[0]["text"]
    slack.click("qm_return", "A-1042")
    slack.settle()
    assert slack.holder("A-1042") is None


def test_app_home_shows_my_items_and_for_managers_the_reorder_and_overdue_lists(slack, fake):
    slack.message("check out A-3001")
    slack.settle()
    slack.event({"type": "app_home_opened", "user": "UALICE", "tab": "home", "channel": "DALICE"})
    (view,) = fake.wait_for("views.publish")
    text = json.dumps(view["view"])
    assert view["user_id"] == "UALICE" and "A-3001" in text and "Reorder list" not in text
    slack.event({"type": "app_home_opened", "user": "UMARIA", "tab": "home", "channel": "DMARIA"})
    view = next(v for v in fake.wait_for("views.publish", 2) if v["user_id"] == "UMARIA")
    assert "Reorder list" in json.dumps(view["view"]) and "Overdue" in json.dumps(view["view"])


def test_managers_come_from_qm_managers_by_slack_id(slack, fake):
    slack.message("set reorder point for paper to 20", user="UALICE")
    slack.message("set reorder point for paper to 20", user="UMARIA", channel="DMARIA")
    slack.settle()
    posted = fake.wait_for("chat.postMessage", 2)
    assert any("only managers" in p["text"] for p in posted) and any(
        "Reorder point" in p["text"] for p in posted
    )


def test_an_unexpected_error_is_told_with_a_reference_and_changes_nothing(fake, database_url, monkeypatch):
    from tests.catalog import seed

    bot = SlackBot(fake, database_url)
    seed(bot.core.uow)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(bot.core.assistant.catalog, "index", broken)  # fault injection
    bot.start()
    try:
        bot.message("used 1 toner")
        (posted,) = fake.wait_for("chat.postMessage")
        assert (
            posted["text"].startswith("Something went wrong on my side (ref ")
            and "boom" not in posted["text"]
        )
        bot.settle()
        assert bot.on_hand("TON-26A") == 3
    finally:
        bot.stop()


def test_a_user_slack_cannot_describe_is_told_so_and_never_named_by_their_id(slack, fake):
    fake.expect_refusal("users.info", "user_not_found")
    slack.message("check out A-1042", user="UNOBODY", channel="DNOBODY")
    (posted,) = fake.wait_for("chat.postMessage")
    assert (
        "couldn't look up <@UNOBODY> in Slack (user_not_found)" in posted["text"]
        and "nothing was changed" in posted["text"]
    )
    assert slack.holder("A-1042") is None


def test_a_name_slack_knew_before_is_kept_when_users_info_fails(slack, fake):
    slack.message("what do I have")
    slack.settle()
    slack.runtime.handlers.directory._names.clear()  # a restart: nothing cached in memory
    fake.fail("users.info", status=500, times=10)
    slack.message("check out A-1042")
    slack.settle()
    assert slack.holder("A-1042") == "UALICE"


def test_users_info_failing_for_a_new_person_retries_the_request_instead_of_naming_them_by_id(slack, fake):
    fake.fail("users.info", status=503, times=3)  # the client's own retries use these up
    slack.message("check out A-1042", user="UBOB", channel="DBOB")
    deadline = time.monotonic() + 20
    while slack.holder("A-1042") is None and time.monotonic() < deadline:
        slack.runtime.worker.sweep()
        time.sleep(0.2)
    assert slack.holder("A-1042") == "UBOB"


def test_questions_about_items_come_as_item_cards_with_a_text_fallback(slack, fake):
    slack.message("check out A-1042 until friday")
    slack.settle()
    slack.message("info A-1042", user="UBOB", channel="DBOB")
    posted = fake.wait_for("chat.postMessage", 2)[1]
    card, book = posted["blocks"]
    assert [e["value"] for e in book["elements"]] == ["A-1042"]  # a Book button for the item
    fields = {f["text"].split("\n")[0].strip("*"): f["text"].split("\n")[1] for f in card["fields"]}
    assert card["text"]["text"] == "*A-1042 — Dell Latitude 5440 laptop*"
    assert (
        fields["Status"] == "checked out" and fields["Holder"] == "alice" and fields["Location"] == "IT store"
    )
    assert "Due" in fields and fields["Book value"].startswith("$")
    assert "A-1042" in posted["text"]  # the plain-text fallback
    slack.settle()
    slack.message("how many toner", user="UBOB", channel="DBOB")
    stock = fake.wait_for("chat.postMessage", 3)[2]["blocks"][0]
    assert any("3 cartridges (1 box + 1 cartridge)" in f["text"] for f in stock["fields"])


def test_a_manager_gets_a_csv_export_uploaded_with_files_upload_v2(slack, fake):
    slack.message("export stock", user="UALICE")
    assert "only managers" in fake.wait_for("chat.postMessage")[0]["text"]
    slack.message("export stock", user="UMARIA", channel="DMARIA")
    (url_request,) = fake.wait_for("files.getUploadURLExternal")
    assert url_request["filename"].startswith("quartermaster-stock-") and int(url_request["length"]) > 100
    (upload,) = fake.wait_for("upload")
    assert upload["bytes"] == int(url_request["length"])
    (complete,) = fake.wait_for("files.completeUploadExternal")
    assert complete["channel_id"] == "DMARIA" and "stock export (3 rows)" in complete["initial_comment"]


def test_the_register_in_slack_is_a_short_table_with_the_chart_uploaded(slack, fake):
    slack.message("what are our assets worth by department?")
    (url_request,) = fake.wait_for("files.getUploadURLExternal")
    assert url_request["filename"].startswith("assets-by-department-") and url_request["filename"].endswith(
        ".png"
    )
    (complete,) = fake.wait_for("files.completeUploadExternal")
    assert (
        "Assets by department" in complete["initial_comment"] and "Facilities" in complete["initial_comment"]
    )


def test_a_damaged_return_offers_a_maintenance_button(slack, fake):
    slack.message("check out the drill")
    slack.settle()
    slack.message("returned the drill, battery is dead")
    slack.settle()
    posted = fake.wait_for("chat.postMessage", 2)[1]
    buttons = {
        action_name(e["action_id"]): e["value"]
        for b in posted["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }
    assert buttons.get("qm_maintenance") == "A-3001" and "qm_undo" in buttons
    slack.click("qm_maintenance", "A-3001")
    slack.settle()
    with slack.core.uow(read_only=True) as uow:
        assert uow.assets.get("A-3001").status.value == "maintenance"


def test_moves_and_audits_in_slack(slack, fake):
    slack.message("audit meeting room b", user="UMARIA", channel="DMARIA")
    slack.settle()
    slack.message("the drill is in the basement now")
    slack.settle()
    question = [p for p in fake.called("chat.postMessage") if p["channel"] == "DALICE"][-1]
    create = next(
        e
        for b in question["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if "basement" in e["text"]["text"]
    )
    slack.click("qm_choose", create["value"])
    slack.settle()
    with slack.core.uow(read_only=True) as uow:
        assert uow.assets.get("A-3001").location == "basement"
    slack.message("seen A-2001")
    slack.message("close audit", user="UMARIA", channel="DMARIA")
    slack.settle()
    closing = [p for p in fake.called("chat.postMessage") if p["channel"] == "DMARIA"][-1]
    assert closing["text"].startswith("Audit of Meeting room B:")


def test_reports_in_an_audit_thread_count_for_that_audit_while_others_are_open(slack, fake):
    def say(text, user="UALICE", **where):
        slack.message(
            f"<@UBOT> {text}",
            user=user,
            channel="CSTORES",
            channel_type="channel",
            event_type="app_mention",
            **where,
        )
        slack.settle()

    say("audit meeting room b", user="UMARIA", ts="1800000001.000100")
    say("audit meeting room a", user="UMARIA", ts="1800000002.000100")
    room_b, room_a = {"thread_ts": "1800000001.000100"}, {"thread_ts": "1800000002.000100"}
    say("seen A-2001", **room_b)
    say("seen A-2002", **room_a)
    say("seen A-3001", **room_a)
    say("close audit", user="UMARIA", **room_b)
    say("close audit", user="UMARIA", **room_a)
    closings = {
        p["thread_ts"]: p["text"] for p in fake.called("chat.postMessage") if p["text"].startswith("Audit of")
    }
    assert closings["1800000001.000100"].startswith(
        "Audit of Meeting room B: 1 found, 0 missing, 0 unexpected."
    )
    assert closings["1800000002.000100"].startswith(
        "Audit of Meeting room A: 1 found, 0 missing, 1 unexpected."
    )


def test_labels_are_uploaded_png_for_one_and_pdf_for_many(slack, fake):
    slack.message("label A-1042")
    (first,) = fake.wait_for("files.getUploadURLExternal")
    assert first["filename"] == "label-A-1042.png"
    slack.message("labels for all the projectors")
    second = fake.wait_for("files.getUploadURLExternal", 2)[1]
    assert second["filename"] == "labels-2.pdf"
