"""Voice clips posted in Slack: Slack's transcript when it has one (re-read
while processing), else the clip is downloaded and recognized offline; a
change waits for one tap on Confirm by the one who spoke."""

import pytest

from bot.slack.blocks import action_name
from tests.voices import espeak_available, speak

pytestmark = pytest.mark.skipif(
    not espeak_available(), reason="espeak-ng makes the clips (scripts/test installs it)"
)


def buttons(post):
    return {
        action_name(e["action_id"]): e["value"]
        for b in post.get("blocks", [])
        if b["type"] == "actions"
        for e in b["elements"]
    }


def posted(fake, channel="DALICE"):
    return [p for p in fake.called("chat.postMessage") if p["channel"] == channel]


def test_a_change_by_voice_waits_for_confirm_then_happens_once(slack, fake):
    slack.voice(speak("we used three boxes of paper", "en-us", 150, fmt="m4a"))
    slack.settle()
    (post,) = posted(fake)
    assert post["text"].lower().startswith("heard: “we use")  # "use" for "used" is the same command
    assert "Tap Confirm to do this: Recorded 15 reams (3 boxes) of Copy paper A4 used" in post["text"]
    assert slack.on_hand("PAP-A4") == 40  # nothing yet
    assert fake.called("download")  # no Slack transcript: the clip itself was fetched
    confirm = buttons(post)["qm_confirm"]
    slack.click("qm_confirm", confirm)
    slack.click("qm_confirm", confirm)  # a double tap
    slack.click("qm_cancel", buttons(post)["qm_cancel"])  # too late: the first tap decided
    slack.settle()
    assert slack.on_hand("PAP-A4") == 25
    (result,) = fake.called("response_url")
    assert result["replace_original"] and result["text"].startswith("Recorded 15 reams (3 boxes)")


def test_cancel_changes_nothing_and_only_the_speaker_decides(slack, fake):
    slack.voice(speak("check out the drill", "en-gb", 150, fmt="webm"), mimetype="audio/webm")
    slack.settle()
    (post,) = posted(fake)
    assert "Tap Confirm" in post["text"]
    slack.click("qm_confirm", buttons(post)["qm_confirm"], user="UBOB")
    slack.settle()
    assert slack.holder("A-3001") is None
    assert fake.called("response_url")[-1]["text"] == "Only alice can confirm or cancel what they said."
    slack.click("qm_cancel", buttons(post)["qm_cancel"])
    slack.settle()
    assert slack.holder("A-3001") is None
    assert (
        fake.called("response_url")[-1]["text"].startswith("Cancelled “")
        and "nothing was changed" in fake.called("response_url")[-1]["text"]
    )


def test_a_question_by_voice_is_answered_at_once(slack, fake):
    # A clean clip in a voice Whisper hears well (bench/field_voice.py measures the rest).
    slack.voice(speak("who has the drill", "en-gb", 150, fmt="webm"), mimetype="audio/webm")
    slack.settle()
    (post,) = posted(fake)
    assert (
        post["text"].startswith("Heard: “Who has the drill?”.\n") and "Makita cordless drill" in post["text"]
    )
    assert "qm_confirm" not in buttons(post)


def test_slacks_own_transcript_is_used_when_complete(slack, fake):
    done = {
        "status": "complete",
        "locale": "en-US",
        "preview": {"content": "We used 2 boxes of pens.", "has_more": False},
    }
    slack.voice(b"not even audio", transcription=done)
    slack.settle()
    (post,) = posted(fake)
    assert post["text"].startswith("Heard: “We used 2 boxes of pens.”.") and "qm_confirm" in buttons(post)
    assert not fake.called("download")


def test_a_transcript_still_processing_is_read_again_until_complete(slack, fake):
    slack.runtime.handlers.transcript_poll = 0.05
    done = {"status": "complete", "preview": {"content": "how many pens do we have", "has_more": False}}
    slack.voice(
        b"not even audio", transcription={"status": "processing"}, later=[{"status": "processing"}, done]
    )
    slack.settle()
    (post,) = posted(fake)
    assert post["text"].startswith("Heard: “how many pens do we have”.")
    assert len(fake.called("files.info")) == 2


def test_a_transcript_that_does_not_finish_in_time_falls_back_to_the_clip(slack, fake):
    slack.runtime.handlers.transcript_wait, slack.runtime.handlers.transcript_poll = 0.3, 0.05
    slack.voice(
        speak("what is low", "en-us", 150),
        transcription={"status": "processing"},
        later=[{"status": "processing"}],
    )
    slack.settle()
    (post,) = posted(fake)
    assert post["text"].startswith("Heard: “What is low?”.")
    assert fake.called("files.info") and fake.called("download")


def test_a_clip_with_no_command_in_it_changes_nothing(slack, fake):
    import numpy as np

    from tests.voices import encode

    before = slack.ledger_size()
    hum = (3000 * np.sin(np.arange(16000 * 2) * 2 * np.pi * 220 / 16000)).astype(np.int16)
    slack.voice(encode(hum, 16000, "m4a"))
    slack.voice(b"\x00garbage, not a clip")
    slack.settle()
    texts = sorted(p["text"] for p in posted(fake))
    assert texts[0].startswith("I couldn't make out")
    assert texts[1] == "Sorry, I couldn't play that file as audio; nothing was changed."
    assert slack.ledger_size() == before


def test_voice_clips_are_read_in_listened_channels(slack, fake):
    slack.voice(speak("what is low", "en-us", 150), channel="CSUPPLIES", channel_type="channel")
    slack.settle()
    (post,) = posted(fake, "CSUPPLIES")
    assert post["text"].startswith("Heard: “What is low?”.") and post["thread_ts"] == "1700008001.000100"


def test_a_clip_sent_as_a_bare_file_id_is_looked_up_first(slack, fake):
    done = {"status": "complete", "preview": {"content": "what is low", "has_more": False}}
    fake.file_infos["FSTUB"] = [
        {
            "id": "FSTUB",
            "name": "audio_message.m4a",
            "mimetype": "audio/mp4",
            "subtype": "slack_audio",
            "transcription": done,
        }
    ]
    slack.event(
        {
            "type": "message",
            "subtype": "file_share",
            "user": "UALICE",
            "text": "",
            "channel": "DALICE",
            "channel_type": "im",
            "ts": "1700008999.000100",
            "files": [{"id": "FSTUB", "file_access": "check_file_info"}],
        }
    )
    slack.settle()
    (post,) = posted(fake)
    assert post["text"].startswith("Heard: “what is low”.")
