"""The waitlist through the real assistant: "tell me when it's back" while an
asset is out; the holder told once; the first in line told when it returns (and
nobody twice); nothing to wait for when it is free."""

import pytest

from services.replies import ReplyKind


@pytest.fixture
def bot(telling):
    return telling


def say(bot, who, text):
    return bot.handle(who, text, source=f"test:{who}:{text}")[-1]


def test_the_first_in_line_is_told_when_it_comes_back(bot):
    say(bot, "carol", "check out the drill")
    refused = say(bot, "alice", "check out the drill")
    assert "tell me when A-3001 is back" in refused.text  # the way to wait is offered
    first = say(bot, "alice", "tell me when the drill is back")
    second = say(bot, "bob", "let me know when the drill's free")
    assert first.kind is ReplyKind.ANSWER and "1 person is ahead of you" in second.text
    assert [(n.person, "waiting for A-3001" in n.text) for n in bot.told] == [
        ("carol", True),
        ("carol", True),
    ]
    assert bot.told[0].key == bot.told[1].key  # one message to the holder, however many wait
    back = say(bot, "carol", "returning the drill")
    assert "alice was waiting for it" in back.text
    to_alice = bot.told[-1]
    assert to_alice.person == "alice" and "A-3001" in to_alice.text
    assert [o.value for o in to_alice.offers] == ["check out A-3001"]
    say(bot, "alice", "check out the drill")
    say(bot, "alice", "return the drill")
    assert bot.told[-1].person == "bob"  # next in line, after alice's turn
    say(bot, "bob", "check out the drill")
    count = len(bot.told)
    say(bot, "bob", "return the drill")
    assert len(bot.told) == count  # nobody waits any more


def test_nothing_to_wait_for_when_it_is_free(bot):
    reply = say(bot, "alice", "tell me when the drill is back")
    assert reply.kind is ReplyKind.REFUSAL and "free now" in reply.text
    assert bot.told == []


def test_waiting_twice_is_one_wait(bot):
    say(bot, "carol", "check out the drill")
    say(bot, "alice", "tell me when the drill is back")
    again = say(bot, "alice", "tell me when the drill is back")
    assert again.kind is ReplyKind.REFUSAL and "already waiting" in again.text


def test_a_holder_of_several_units_is_told_once(bot):
    say(bot, "carol", "check out A-1042")
    say(bot, "carol", "check out A-1043")
    say(bot, "alice", "tell me when a latitude 5440 is back")
    say(bot, "bob", "tell me when a latitude 5440 is back")
    to_carol = {n.key for n in bot.told if n.person == "carol"}
    assert len(to_carol) == 1
