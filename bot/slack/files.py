"""Files posted to the bot: which are photos, which are voice clips, and
Slack's own transcript of a clip when it has one."""

from __future__ import annotations

import time
from collections.abc import Callable

AUDIO_TYPES = frozenset({"m4a", "mp4", "webm", "mp3", "wav", "ogg", "opus", "aac", "flac", "amr"})


def is_stub(file: dict) -> bool:
    """Slack sometimes sends only a file's id in the event ("check_file_info"):
    what it is comes from files.info."""
    return file.get("file_access") == "check_file_info" or "mimetype" not in file


def is_photo(file: dict) -> bool:
    return str(file.get("mimetype", "")).startswith("image/")


def is_audio(file: dict) -> bool:
    """A voice clip (subtype slack_audio, audio/mp4 or audio/webm) or any sound file."""
    return (
        file.get("subtype") == "slack_audio"
        or str(file.get("mimetype", "")).startswith("audio/")
        or (str(file.get("mimetype", "")).startswith("video/") and file.get("filetype") in AUDIO_TYPES)
    )


def slack_transcript(
    file: dict, reread: Callable[[str], dict], wait_seconds: float, poll_seconds: float = 1.0
) -> str | None:
    """Slack's transcript when it is complete (re-reading the file while it
    is still processing, up to `wait_seconds`); None when there is none, it
    failed, it is cut short, or it did not finish in time."""
    deadline = time.monotonic() + wait_seconds
    while True:
        transcription = file.get("transcription") or {}
        status = transcription.get("status")
        if status == "complete":
            preview = transcription.get("preview") or {}
            content = str(preview.get("content") or "").strip()
            return content if content and not preview.get("has_more") else None
        if status != "processing" or time.monotonic() + poll_seconds > deadline:
            return None
        time.sleep(poll_seconds)
        file = reread(file["id"])
