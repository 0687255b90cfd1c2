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


def test_an_item_and_a_known_place_with_no_verb_is_a_move(assistant, uow):
    seed(uow)
    (reply,) = assistant.handle("alice", "drill to meeting room a")
    assert reply.kind is ReplyKind.CHANGE and asset(uow, "A-3001").location == "Meeting room A"
    (question,) = assistant.handle("alice", "projector to the it store")  # which projector?
    assert question.kind is ReplyKind.QUESTION and "A-2001" in question.text and "A-2002" in question.text
    # chatter, an unknown place or no item: not understood, nothing moved
    for text in ("anyone going to the it store?", "drill to the roof store", "coffee to meeting room a"):
        (reply,) = assistant.handle("alice", text)
        assert reply.kind is ReplyKind.REFUSAL, text
    assert asset(uow, "A-3001").location == "Meeting room A"


def test_goes_to_a_known_location_is_a_move_there_not_a_new_department(assistant, uow):
    seed(uow)
    (asked,) = assistant.handle("alice", "the drill goes to meeting room b for the demo tomorrow")
    assert asked.kind is not ReplyKind.CHANGE and asset(uow, "A-3001").location == "Workshop"  # a plan
    (reply,) = assistant.handle("alice", "the drill goes to meeting room b")
    assert reply.kind is ReplyKind.CHANGE and asset(uow, "A-3001").location == "Meeting room B"
    assert asset(uow, "A-3001").department == "Facilities"
    assistant.handle("maria", "A-2001 goes to IT")  # a department by that name: a department move
    assert asset(uow, "A-2001").department == "IT"


def test_the_item_in_a_place_is_the_one_there(assistant, uow):
    seed(uow)
    (reply,) = assistant.handle("alice", "check out the projector in meeting room a")
    assert reply.kind is ReplyKind.CHANGE and "A-2002" in reply.text
    (reply,) = assistant.handle("bob", "who has the projector in meeting room b")
    assert "A-2001" in reply.text and "A-2002" not in reply.text
    # identical laptops, both in the IT store: the next free one, as without the place
    (reply,) = assistant.handle("bob", "check out the laptop in the it store")
    assert reply.kind is ReplyKind.CHANGE and "A-1042" in reply.text
    # a return's place is where it goes back to, never which one
    assistant.handle("bob", "check out A-2001")
    assistant.handle("alice", "check out A-2002")
    (question,) = assistant.handle("maria", "returning the projector in meeting room b")
    assert question.kind is ReplyKind.QUESTION


def test_a_return_whose_note_asks_for_repair_goes_to_maintenance_too(assistant, uow):
    seed(uow)
    assistant.handle("alice", "check out A-1043")
    (reply,) = assistant.handle("alice", "returning my laptop, the hinge is split, can it go for repair")
    assert "Checked in A-1043" in reply.text and "A-1043" in reply.text.split("\n")[-1]
    assert asset(uow, "A-1043").status.value == "maintenance"
    assert asset(uow, "A-1042").status.value == "available"  # the one they held, of two alike
    assistant.handle("alice", "check out A-1042")
    (reply,) = assistant.handle(
        "alice", "returning my laptop, the hinge is split, will send it for repair next week"
    )
    assert asset(uow, "A-1042").status.value == "available" and "Checked in A-1042" in reply.text


def test_going_out_to_someone_is_theirs_and_to_a_stranger_is_asked_about(assistant, uow):
    seed(uow)
    for text in (  # never checked out to the one asking instead
        "the dell laptop is going out to steve for his training until next monday",
        "lend the drill to steve for training",
        "check the drill out to steve from the agency",
    ):
        (reply,) = assistant.handle("maria", text)
        assert reply.kind is ReplyKind.REFUSAL and "steve" in reply.text, text
    assert asset(uow, "A-3001").holder is None and asset(uow, "A-1042").holder is None
    assistant.handle("bob", "check out A-2002")  # bob is known from now on
    (reply,) = assistant.handle(
        "maria", "the dell laptop is going out to bob for his training until next monday"
    )
    assert reply.kind is ReplyKind.CHANGE and asset(uow, "A-1042").holder == "bob"
