"""A message that reads as no request changes nothing and says what was
understood of it: the item it names, and what could be done with it."""

import pytest

from services.replies import ReplyKind
from tests.catalog import seed
from tests.integration.world import entries


@pytest.fixture
def bot(assistant, uow):
    seed(uow)
    return assistant


@pytest.mark.parametrize("text", ["the drill", "frobnicate the drill", "drill!"])
def test_an_item_without_a_request_is_named_with_what_can_be_done(bot, uow, text):
    reply = bot.handle("alice", text, source="m1")[-1]
    assert reply.kind is ReplyKind.REFUSAL
    assert "I see an item, A-3001" in reply.text and "“check out A-3001”" in reply.text
    assert "nothing was changed" in reply.text and entries(uow) == []


def test_stock_is_offered_the_stock_requests(bot):
    reply = bot.handle("alice", "paper", source="m1")[-1]
    assert "PAP-A4" in reply.text and "“how many Copy paper A4?”" in reply.text


@pytest.mark.parametrize("text", ["asdfgh", "is anyone up for coffee later?", "lol"])
def test_chatter_naming_no_item_gets_the_plain_answer(bot, uow, text):
    reply = bot.handle("alice", text, source="m1")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "I see an item" not in reply.text
    assert "didn't understand" in reply.text and entries(uow) == []


def test_words_after_a_comma_that_name_no_item_are_a_remark_and_the_reply_says_so(bot, uow):
    reply = bot.handle("alice", "taking A-1042 till fri, new starter setup", source="m1")[-1]
    assert reply.kind is ReplyKind.CHANGE
    assert "(I took “new starter setup” as a remark, not an item.)" in reply.text
    assert [e.item_key for e in entries(uow)] == ["A-1042"]


def test_words_after_a_comma_that_name_an_item_are_that_item(bot, uow):
    reply = bot.handle("alice", "used 2 reams of paper, 1 toner", source="m1")[-1]
    assert reply.kind is ReplyKind.CHANGE and "remark" not in reply.text
    assert sorted(e.item_key for e in entries(uow)) == ["PAP-A4", "TON-26A"]
