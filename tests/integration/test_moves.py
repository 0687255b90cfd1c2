"""Moves: location and department changes, with places matched and new ones confirmed."""

from services.replies import NextStep, ReplyKind, Step
from tests.catalog import seed


def asset(uow, tag):
    with uow(read_only=True) as tx:
        return tx.assets.get(tag)


def test_a_move_to_a_known_place_is_a_ledger_entry(assistant, uow):
    seed(uow)
    (reply,) = assistant.handle("alice", "move A-1042 to meeting room b")
    assert reply.kind is ReplyKind.CHANGE and "Meeting room B" in reply.text
    assert asset(uow, "A-1042").location == "Meeting room B"
    with uow(read_only=True) as tx:
        entry = list(tx.ledger.all())[-1]
    assert entry.note == "moved" and entry.changes["location"] == ("IT store", "Meeting room B")
    assistant.handle("alice", "undo")
    assert asset(uow, "A-1042").location == "IT store"


def test_a_new_place_is_confirmed_before_it_is_created(assistant, uow):
    seed(uow)
    (question,) = assistant.handle("alice", "the drill is in the roof store now")
    assert question.kind is ReplyKind.QUESTION and "don't know a location" in question.text
    assert asset(uow, "A-3001").location == "Workshop"
    (done,) = assistant.answer("alice", question.question_id, question.choices[-1].key)
    assert done.kind is ReplyKind.CHANGE and asset(uow, "A-3001").location == "roof store"


def test_a_department_change(assistant, uow):
    seed(uow)
    assistant.handle("maria", "A-2001 belongs to facilities now")
    assert asset(uow, "A-2001").department == "Facilities"
    (question,) = assistant.handle("alice", "A-2001 belongs to Sales now")
    assert question.kind is ReplyKind.QUESTION and "Create it?" in question.text


def test_a_damaged_return_is_noted_and_offers_maintenance(assistant, uow):
    seed(uow)
    assistant.handle("alice", "check out the drill")
    (reply,) = assistant.handle("alice", "returned the drill, battery is dead")
    assert "Noted: “battery is dead”" in reply.text and reply.offers == (
        NextStep("Send to maintenance", Step.MAINTENANCE, "A-3001"),
    )
    assert asset(uow, "A-3001").condition == "battery is dead"
    assert assistant.handle("bob", "send A-3001 to maintenance")[0].kind is ReplyKind.CHANGE
    assert asset(uow, "A-3001").status.value == "maintenance"
    assert "can't go out" in assistant.handle("bob", "check out the drill")[0].text
    assert (
        "A-3001 Makita cordless drill — battery is dead"
        in assistant.handle("maria", "what's in maintenance?")[0].text
    )
    assistant.handle("bob", "A-3001 is fixed")
    assert asset(uow, "A-3001").status.value == "available"
    (fine,) = assistant.handle("alice", "return A-1042")
    assert fine.kind is ReplyKind.REFUSAL  # not out: nothing to note either
