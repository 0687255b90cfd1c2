"""Which files are voice clips, and when Slack's own transcript is used."""

from bot.slack.files import is_audio, is_photo, is_stub, slack_transcript

DONE = {"status": "complete", "preview": {"content": "used two boxes of paper", "has_more": False}}


def test_voice_clips_and_photos_are_told_apart():
    assert is_audio({"subtype": "slack_audio", "mimetype": "audio/webm"})
    assert is_audio({"mimetype": "audio/mpeg"}) and is_audio({"mimetype": "video/mp4", "filetype": "m4a"})
    assert not is_audio({"mimetype": "video/mp4", "filetype": "mov"}) and not is_audio(
        {"mimetype": "image/jpeg"}
    )
    assert is_photo({"mimetype": "image/heic"}) and not is_photo({"mimetype": "audio/mp4"})
    assert is_stub({"id": "F1", "file_access": "check_file_info"}) and not is_stub(
        {"id": "F1", "mimetype": "audio/mp4"}
    )


def test_a_complete_transcript_is_used_as_it_is():
    assert (
        slack_transcript({"id": "F1", "transcription": DONE}, reread=None, wait_seconds=0)
        == "used two boxes of paper"
    )


def test_no_transcript_a_failed_one_or_a_cut_one_means_recognizing_the_clip():
    cut = {"status": "complete", "preview": {"content": "used two", "has_more": True}}
    for file in (
        {"id": "F1"},
        {"id": "F1", "transcription": {"status": "failed"}},
        {"id": "F1", "transcription": cut},
    ):
        assert slack_transcript(file, reread=None, wait_seconds=5) is None


def test_a_processing_transcript_is_read_again_until_complete_or_the_time_is_up():
    reads = []

    def reread(file_id):
        reads.append(file_id)
        return {"id": file_id, "transcription": DONE if len(reads) == 2 else {"status": "processing"}}

    processing = {"id": "F1", "transcription": {"status": "processing"}}
    assert (
        slack_transcript(processing, reread, wait_seconds=5, poll_seconds=0.01) == "used two boxes of paper"
    )
    assert reads == ["F1", "F1"]
    never = lambda file_id: {"id": file_id, "transcription": {"status": "processing"}}  # noqa: E731
    assert slack_transcript(processing, never, wait_seconds=0.05, poll_seconds=0.01) is None
