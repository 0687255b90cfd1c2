""" "Keep it another day", a loan kept longer by whom, and messages that take a request back
or say something else beside it: what changes, and what is asked instead."""

import pytest

from services.replies import ReplyKind
from tests.catalog import seed
from tests.integration.world import asset


@pytest.fixture
def bot(assistant, uow):
    seed(uow)
    return assistant


def test_another_day_is_one_day_past_the_due_time(bot, uow):
    bot.handle("alice", "check out A-3001 until tomorrow", source="m1")
    reply = bot.handle("alice", "keep the drill another day pls", source="m2")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").due.isoformat() == "2026-12-02T17:00:00+00:00"  # tomorrow's due, plus one day


@pytest.mark.parametrize(
    "text",
    [
        "returned the drill not yet",
        "the drill might need repair",
        "the drill no longer needs repair",
        "the drill was faulty, sent for repair last month",
        "the drill is loose, sending it for repair tomorrow",
        "keep the drill another 99999999999 days",
        "keep the drill another day or two",
        "bob, please return the drill",
        "kindly return the drill, bob",
        "returning the drill after christmas",
        "signing the drill back in tonight",
        "drill returned - no wait",
        "the drill returned, or not, can't remember",
        "returned the drill. no wait",
        "if I can, keep the drill till friday",
        "sending the drill for repair after christmas",
        "the drill needs a service in january",
    ],
)
def test_said_about_an_item_but_not_asked_changes_nothing(bot, uow, text):
    bot.handle("bob", "check out A-2002", source="m0")  # bob is known from here on
    bot.handle("alice", "check out A-3001 until tomorrow", source="m1")
    bot.handle("alice", text, source="m2")
    drill = asset(uow, "A-3001")
    assert drill.holder == "alice" and drill.status.value == "checked_out"
    assert drill.due.isoformat() == "2026-12-01T17:00:00+00:00"


def test_only_the_holder_or_a_manager_keeps_a_loan_longer(bot, uow):
    bot.handle("alice", "check out A-3001 until tomorrow", source="m1")
    reply = bot.handle("bob", "keep the drill another day", source="m2")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "only alice or a manager" in reply.text
    assert asset(uow, "A-3001").due.isoformat() == "2026-12-01T17:00:00+00:00"


def test_extending_by_a_number_is_days_not_a_time_today(bot, uow):
    bot.handle("alice", "check out A-3001 until tomorrow", source="m1")
    reply = bot.handle("alice", "extend the drill by two", source="m2")[-1]
    assert asset(uow, "A-3001").due.date().isoformat() != "2026-11-30"  # never 2pm today
    assert reply.kind is ReplyKind.REFUSAL and "Until when?" in reply.text  # two days? hours? asked


def test_a_named_holder_does_not_let_someone_else_extend_their_loan(bot, uow):
    bot.handle("alice", "check out A-3001 until tomorrow", source="m1")
    reply = bot.handle("bob", "extend alice's drill till friday", source="m2")[-1]
    assert reply.kind is ReplyKind.REFUSAL
    assert asset(uow, "A-3001").due.isoformat() == "2026-12-01T17:00:00+00:00"


@pytest.mark.parametrize(
    "text", ["need the drill a few more days", "extend the drill by four", "extend the drill by a month"]
)
def test_more_time_by_an_unclear_amount_asks_until_when_and_changes_nothing(bot, uow, text):
    bot.handle("alice", "check out A-3001 until tomorrow", source="m1")
    reply = bot.handle("alice", text, source="m2")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "Until when?" in reply.text
    assert asset(uow, "A-3001").due.isoformat() == "2026-12-01T17:00:00+00:00"


@pytest.mark.parametrize(
    "text",
    [
        "keep the benq till friday and the drill another day",
        "keep the benq and the drill another day, till friday",
    ],
)
def test_another_day_beside_a_day_is_asked_about_and_changes_nothing(bot, uow, text):
    bot.handle("alice", "check out A-3001 until tomorrow", source="m1")
    bot.handle("alice", "check out A-2002 until tomorrow", source="m2")
    reply = bot.handle("alice", text, source="m3")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "Until when?" in reply.text
    assert asset(uow, "A-2002").due.isoformat() == "2026-12-01T17:00:00+00:00"
    assert asset(uow, "A-3001").due.isoformat() == "2026-12-01T17:00:00+00:00"


def test_another_day_for_two_items_is_a_day_more_for_each(bot, uow):
    bot.handle("alice", "check out A-3001 until tomorrow", source="m1")
    bot.handle("alice", "check out A-2002 until tomorrow", source="m2")
    bot.handle("alice", "keep the benq and the drill another day", source="m3")
    assert asset(uow, "A-2002").due.isoformat() == "2026-12-02T17:00:00+00:00"
    assert asset(uow, "A-3001").due.isoformat() == "2026-12-02T17:00:00+00:00"


def test_another_day_of_a_loan_with_no_end_asks_until_when(bot, uow):
    bot.handle("alice", "check out A-3001", source="m1")
    reply = bot.handle("alice", "keep the drill another day", source="m2")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "Until when?" in reply.text
    assert asset(uow, "A-3001").due is None


@pytest.mark.parametrize(
    "text",
    [
        "returned the drill, not sure if it's charged",
        "returned the drill, I hope that's fine",
        "returning the drill - used it once",
        "returned the drill, bob",  # thanks to bob, not a request to him
    ],
)
def test_a_return_with_a_remark_of_doubt_about_something_else_is_made(bot, uow, text):
    bot.handle("bob", "check out A-2002", source="m0")  # bob is known from here on
    bot.handle("alice", "check out A-3001", source="m1")
    reply = bot.handle("alice", text, source="m2")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder is None


def test_i_meant_another_as_well_is_no_swap(bot, uow):
    bot.handle("alice", "check out A-2001", source="m1")
    bot.handle("alice", "no wait, I meant the benq as well", source="m2")
    assert asset(uow, "A-2001").holder == "alice"
