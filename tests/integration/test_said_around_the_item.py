""" "Need X till Y" from whoever holds X is a longer loan, not a second check-out; whose item
and how many of it, said around the item."""

import pytest

from domain.ledger import Action
from services.replies import ReplyKind
from tests.catalog import seed
from tests.integration.world import asset


@pytest.fixture
def bot(assistant, uow):
    seed(uow)
    return assistant


def test_needing_what_you_hold_until_a_day_extends_it(bot, uow):
    bot.handle("alice", "check out A-1042 until tomorrow", source="m1")
    reply = bot.handle("alice", "need the dell until the 18th, still writing reports", source="m2")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    held = asset(uow, "A-1042")
    assert held.holder == "alice" and held.due.isoformat() == "2026-12-18T17:00:00+00:00"
    assert asset(uow, "A-1043").holder is None  # the other unit stays on the shelf
    with uow(read_only=True) as tx:
        assert [e.action for e in tx.ledger.all() if e.actor == "alice"] == [Action.CHECK_OUT, Action.EDIT]


def test_needing_it_a_bit_longer_without_holding_it_is_refused_plainly(bot, uow):
    reply = bot.handle("bob", "need the drill a bit longer, till friday", source="m1")[-1]
    assert reply.kind is ReplyKind.REFUSAL
    assert asset(uow, "A-3001").holder is None


def test_needing_it_until_a_day_when_someone_else_holds_it_names_them(bot, uow):
    bot.handle("alice", "check out A-3001", source="m1")
    reply = bot.handle("bob", "need the drill till friday", source="m2")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "alice" in reply.text
    assert asset(uow, "A-3001").holder == "alice" and asset(uow, "A-3001").due is None


def test_returning_someones_item_means_theirs_of_several_alike(bot, uow):
    bot.handle("alice", "check out A-1042", source="m1")
    bot.handle("bob", "check out A-1043", source="m2")
    reply = bot.handle("maria", "returning bob's dell, he left it at the desk", source="m3")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-1043").holder is None and asset(uow, "A-1042").holder == "alice"


def test_a_stocktake_in_packs_and_loose_units_sets_one_total(bot, uow):
    reply = bot.handle("alice", "stocktake, paper: 7 boxes plus 2 loose reams", source="m1")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    with uow(read_only=True) as tx:
        assert tx.stock.get("PAP-A4").on_hand == 37
        assert [e.action for e in tx.ledger.all() if e.actor == "alice"] == [Action.COUNT]


def test_checking_out_to_a_known_person_is_for_them(bot, uow):
    bot.handle("bob", "check out A-1043", source="m1")  # bob is known from here on
    bot.handle("bob", "return A-1043", source="m2")
    reply = bot.handle("maria", "please check out the drill to bob until friday", source="m3")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder == "bob"


def test_a_second_request_about_it_is_made_in_the_same_change(bot, uow):
    bot.handle("alice", "check out A-3001", source="m1")
    reply = bot.handle(
        "alice", "returning the drill, it's making a noise, so please send it for repair", source="m2"
    )[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").status.value == "maintenance"
    with uow(read_only=True) as tx:
        done = [e for e in tx.ledger.all() if e.source == "m2"]
    assert [e.action for e in done] == [Action.CHECK_IN, Action.EDIT]
