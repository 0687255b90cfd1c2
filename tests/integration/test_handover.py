"""Handovers through the real assistant: the holder's "hand the drill to @dana"
asks dana and changes nothing; dana's accept moves custody (one ledger entry
naming both); a decline, a second answer, or someone else's answer change nothing."""

import pytest

from domain.ledger import Action
from services.replies import ReplyKind
from tests.integration.world import asset, ledger


@pytest.fixture
def bot(telling):
    say(telling, "carol", "check out the drill until friday")
    return telling


def say(bot, who, text):
    return bot.handle(who, text, source=f"test:{who}:{text}")[-1]


def test_custody_moves_only_when_the_receiver_accepts(bot, uow):
    entries = len(ledger(uow))
    asked = say(bot, "carol", "hand the drill to @dana")
    assert "stays with you" in asked.text and asset(uow, "A-3001").holder == "carol"
    assert len(ledger(uow)) == entries  # an offer changes nothing yet
    (ask,) = bot.told
    assert ask.person == "dana" and [o.label for o in ask.offers] == ["Accept", "Decline"]
    refused = say(bot, "bob", ask.offers[0].value)  # not bob's to accept
    assert refused.kind is ReplyKind.REFUSAL and asset(uow, "A-3001").holder == "carol"
    accepted = say(bot, "dana", ask.offers[0].value)
    assert accepted.kind is ReplyKind.CHANGE and asset(uow, "A-3001").holder == "dana"
    assert asset(uow, "A-3001").due is not None  # the loan's due time goes with it
    entry = ledger(uow)[-1]
    assert entry.action is Action.CHECK_OUT and entry.actor == "dana" and "from carol" in entry.note
    assert entry.changes["holder"] == ("carol", "dana")
    assert bot.told[-1].person == "carol"
    again = say(bot, "dana", ask.offers[0].value)
    assert again.kind is ReplyKind.REFUSAL and len(ledger(uow)) == entries + 1


def test_a_decline_leaves_it_with_the_holder(bot, uow):
    say(bot, "carol", "hand the drill to @dana")
    declined = say(bot, "dana", "decline the handover")
    assert "stays with carol" in declined.text and asset(uow, "A-3001").holder == "carol"
    assert bot.told[-1].person == "carol" and "declined" in bot.told[-1].text


def test_an_offer_for_an_item_since_returned_is_refused(bot, uow):
    say(bot, "carol", "hand the drill to @dana")
    say(bot, "carol", "return the drill")
    refused = say(bot, "dana", "accept the handover")
    assert refused.kind is ReplyKind.REFUSAL and asset(uow, "A-3001").holder is None


def test_a_return_or_a_new_offer_withdraws_an_open_one(bot, uow):
    say(bot, "carol", "hand the drill to @dana")
    say(bot, "carol", "hand the drill to @erin")  # dana's offer is withdrawn, and dana told
    assert bot.told[-1].person == "dana" and "withdrew" in bot.told[-1].text
    late = say(bot, "dana", "accept handover 1")
    assert late.kind is ReplyKind.REFUSAL and "withdrawn" in late.text
    say(bot, "carol", "return the drill")
    say(bot, "carol", "check out the drill until saturday")  # a new loan: erin's old offer is not of it
    stale = say(bot, "erin", "accept handover 2")
    assert stale.kind is ReplyKind.REFUSAL and asset(uow, "A-3001").holder == "carol"
