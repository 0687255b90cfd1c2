"""Photos of labels posted in Slack: file event -> download with the token ->
decode -> what it is, with buttons; words with the photo act on the item."""

from bot.slack.blocks import action_name
from tests.photos import photograph


def buttons(post):
    return {
        action_name(e["action_id"]) + ":" + e["value"]: e
        for b in post["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }


def test_a_photo_is_downloaded_with_the_token_and_answered_with_what_it_is(slack, fake):
    slack.photo(photograph("A-1042", "Dell Latitude 5440 laptop", 5))
    (post,) = fake.wait_for("chat.postMessage")
    assert post["text"].startswith("A-1042 Dell Latitude 5440 laptop (available; IT store)")
    assert "qm_say:check out A-1042" in buttons(post)
    (download,) = fake.called("download")
    assert download["authorization"] == "Bearer xoxb-test"
    slack.click("qm_say", "check out A-1042")
    slack.settle()
    assert slack.holder("A-1042") == "UALICE"


def test_words_with_a_photo_act_on_the_item_in_it(slack, fake):
    slack.photo(photograph("PAP-A4", "Copy paper A4", 6), text="used 3 of these")
    slack.settle()
    assert slack.on_hand("PAP-A4") == 37
    (post,) = fake.wait_for("chat.postMessage")
    assert post["text"].startswith("Recorded 3 reams of Copy paper A4 used")


def test_an_unknown_code_is_reported_and_managers_can_add_it(slack, fake):
    slack.photo(photograph("ZZ-999", "Mystery", 7), user="UMARIA", channel="DMARIA")
    (post,) = fake.wait_for("chat.postMessage")
    assert post[
        "text"
    ] == "ZZ-999 (Code 128): not in the catalog" and "qm_say:add asset ZZ-999 Scanned item ZZ-999" in buttons(
        post
    )


def test_a_photo_without_a_barcode_gets_tips(slack, fake):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 120, 90)).save(out, format="JPEG")
    slack.photo(out.getvalue())
    (post,) = fake.wait_for("chat.postMessage")
    assert "couldn't find a barcode or QR code" in post["text"] and "closer" in post["text"]


def test_a_photo_during_a_walk_around_records_a_sighting(slack, fake):
    slack.message("audit meeting room b", user="UMARIA", channel="DMARIA")
    slack.settle()
    slack.photo(photograph("A-2001", "Epson projector", 8), text="seen")
    slack.settle()
    slack.message("close audit", user="UMARIA", channel="DMARIA")
    slack.settle()
    closing = [p for p in fake.called("chat.postMessage") if p["channel"] == "DMARIA"][-1]
    assert closing["text"].startswith("Audit of Meeting room B: 1 found, 0 missing, 0 unexpected.")


def test_an_asset_whose_name_reads_like_stock_words_gets_asset_buttons(slack, fake):
    from services.csv_import import import_csv
    from tests.catalog import seed_context

    import_csv("assets", b"asset_tag,name\nA-5001,Canon handheld scanner\n", slack.core.uow, seed_context())
    slack.photo(photograph("A-5001", "Canon handheld scanner", 8))
    (post,) = fake.wait_for("chat.postMessage")
    assert set(buttons(post)) == {
        "qm_say:check out A-5001"
    }  # not "Used 1" / "Received 1" ("on hand" in "Canon handheld")
