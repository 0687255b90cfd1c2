"""Voice through the assistant: recognized offline (Whisper), read as typed
text is, questions answered at once, changes only described until confirmed;
item names heard as other words are matched by sound."""

import io
import re
import wave

import pytest

from services import voice
from services.inbound import Attachment, Inbound
from services.replies import ReplyKind
from tests.catalog import seed
from tests.voices import espeak_available, speak

pytestmark = pytest.mark.skipif(
    not espeak_available(), reason="espeak-ng makes the clips (scripts/test installs it)"
)


def hear(assistant, who, clip=None, transcript=None, source=None):
    """A clip sent to the bot: the words heard, and the replies."""
    audio = Attachment("audio", clip or b"", transcript)
    outcome = assistant.receive(Inbound(assistant.person(who), attachments=(audio,), source=source))
    return outcome.said, outcome.replies


def plain(text: str) -> str:
    """Words as said: Whisper writes capitals and punctuation ("How many pens are left?")."""
    return " ".join(re.sub(r"[^\w\s'-]", " ", text.lower()).split())


def on_hand(uow, sku):
    with uow(read_only=True) as tx:
        return tx.stock.get(sku).on_hand


def test_a_change_is_described_but_not_made_until_confirmed(assistant, uow):
    seed(uow)
    heard, (reply,) = hear(
        assistant,
        "alice",
        speak("we received two boxes of pens", "en-gb-x-rp+m3", 150, fmt="webm"),
        source="voice:1",
    )
    assert reply.kind is ReplyKind.QUESTION and reply.confirm == heard and reply.question_id
    assert "Tap Confirm to do this: Recorded 100 pens (2 boxes) of Blue ballpoint pens received" in reply.text
    assert on_hand(uow, "PEN-BLU") == 120  # the preview was rolled back
    (foreign,) = assistant.answer("bob", reply.question_id, "confirm")
    assert (
        foreign.text == "Only alice can confirm or cancel what they said." and on_hand(uow, "PEN-BLU") == 120
    )
    (done,) = assistant.answer("alice", reply.question_id, "confirm")  # what Confirm does
    assert done.kind is ReplyKind.CHANGE and on_hand(uow, "PEN-BLU") == 220
    (again,) = assistant.answer("alice", reply.question_id, "confirm")
    assert (
        again.kind is ReplyKind.REFUSAL
        and "answered already" in again.text
        and on_hand(uow, "PEN-BLU") == 220
    )


def test_cancel_closes_the_question_and_changes_nothing(assistant, uow):
    seed(uow)
    _, (reply,) = hear(assistant, "alice", transcript="we received two boxes of pens")
    (cancelled,) = assistant.answer("alice", reply.question_id, "cancel")
    assert cancelled.text == "Cancelled “we received two boxes of pens”: nothing was changed."
    (late,) = assistant.answer("alice", reply.question_id, "confirm")
    assert "answered already" in late.text and on_hand(uow, "PEN-BLU") == 120


def test_a_change_that_would_be_refused_is_refused_at_once(assistant, uow):
    seed(uow)
    heard, (reply,) = hear(assistant, "alice", transcript="used nine hundred reams of paper")
    assert reply.kind is ReplyKind.REFUSAL and reply.confirm is None and on_hand(uow, "PAP-A4") == 40


def test_a_question_is_answered_at_once(assistant, uow):
    seed(uow)
    heard, (reply,) = hear(assistant, "alice", speak("how many pens are left", "en-us", 150))
    assert plain(heard) == "how many pens are left" and reply.kind is ReplyKind.ANSWER
    assert reply.text.startswith(f"Heard: “{heard}”.\n") and "120 pens" in reply.text


def test_an_item_heard_as_another_word_is_matched_by_sound(assistant, uow):
    seed(uow)
    assistant.handle("maria", "add asset A-4001 Werner step ladder")
    _, (reply,) = hear(assistant, "alice", transcript="check out the latter until friday")
    assert reply.kind is ReplyKind.QUESTION and reply.confirm and "A-4001" in reply.text
    assert "I took “latter” to mean “ladder”." in reply.text  # the guess is said, never silent
    # A word that sounds like nothing in the catalog is kept as heard: nothing is guessed.
    _, (reply,) = hear(assistant, "alice", transcript="check out the trumpet")
    assert reply.confirm is None and "I took" not in reply.text
    assert "couldn't find anything called “trumpet”" in reply.text.split("\n", 1)[1]


def test_a_new_catalog_item_can_be_said_at_once(assistant, uow):
    seed(uow)
    assistant.handle("maria", "add stock MUG-1 Coffee mug in mug")
    heard, (reply,) = hear(assistant, "alice", speak("we received two coffee mugs", "en-us", 150))
    assert plain(heard) == "we received 2 coffee mugs" and reply.confirm and "Coffee mug" in reply.text


@pytest.mark.parametrize(
    "said",
    [
        "the weather is lovely today in the garden",
        "is anyone up for coffee later",
        "i think the meeting moved to thursday",
    ],
)
def test_speech_that_is_no_command_is_heard_as_none_and_changes_nothing(assistant, uow, said):
    seed(uow)
    with uow(read_only=True) as tx:
        before = len(list(tx.ledger.all()))
    heard, (reply,) = hear(assistant, "alice", speak(said, "en-us", 150))
    assert reply.kind is ReplyKind.REFUSAL and reply.confirm is None and "nothing was changed" in reply.text
    with uow(read_only=True) as tx:
        assert len(list(tx.ledger.all())) == before


def test_a_catalog_word_no_dictionary_has_can_be_said(assistant, uow):
    seed(uow)
    assistant.handle("maria", "add stock SAN-500 Hand sanitizer in bottle")
    heard, (reply,) = hear(assistant, "alice", speak("we received four bottles of sanitizer", "en-us", 150))
    assert "sanitizer" in plain(heard) and "Hand sanitizer" in reply.text and reply.confirm


def test_a_long_ramble_is_not_taken_as_a_command(assistant, uow):
    seed(uow)
    ramble = "we used three boxes of paper and " * 12
    heard, (reply,) = hear(assistant, "alice", transcript=ramble)
    assert (
        reply.kind is ReplyKind.REFUSAL
        and "more than one command" in reply.text
        and on_hand(uow, "PAP-A4") == 40
    )


def silence(seconds: float) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\0\0" * int(16000 * seconds))
    return out.getvalue()


def test_silence_is_no_words_not_the_decoding_prompt_written_back(assistant, uow):
    seed(uow)
    heard, (reply,) = hear(assistant, "alice", silence(2))
    assert reply.text == voice.NO_WORDS and on_hand(uow, "PAP-A4") == 40


def test_a_clip_longer_than_one_window_is_heard_to_its_end(assistant, uow):
    seed(uow)
    clip = speak("we used three boxes of paper and " * 15 + "that was all of the yellow ones", "en-us", 150)
    heard, (reply,) = hear(assistant, "alice", clip)
    assert "yellow" in plain(heard)  # said after the first 30 seconds
    assert reply.kind is ReplyKind.REFUSAL and on_hand(uow, "PAP-A4") == 40
