"""Corrections and follow-ups ("oops, make it 5", "I meant the MacBook", "two
more") through the real assistant: an undo and the change as meant, in one
transaction and in the ledger, or a question, or a refusal that changes nothing."""

import itertools
from datetime import timedelta

import pytest

from domain.ledger import Action
from services.replies import ReplyKind
from tests.catalog import seed
from tests.integration.world import asset, entries, on_hand


@pytest.fixture
def bot(assistant, uow):
    seed(uow)
    return assistant


MESSAGES = itertools.count(1)  # each message its own source, as each Slack message is


def say(bot, who, text):
    replies = bot.handle(who, text, source=f"test:{who}:{next(MESSAGES)}")
    assert replies, "every message gets a reply"
    return replies[-1]


def test_make_it_5_undoes_the_amount_and_records_the_one_meant(bot, uow):
    say(bot, "alice", "used 3 reams of paper")
    reply = say(bot, "alice", "oops, make it 5")
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert on_hand(uow, "PAP-A4") == 35
    used, undone, redone = entries(uow)
    assert (used.action, used.quantity) == (Action.CONSUME, -3)
    assert (undone.action, undone.reverses, undone.quantity) == (Action.UNDO, used.id, 3)
    assert (redone.action, redone.quantity) == (Action.CONSUME, -5)
    assert undone.source == redone.source  # one message, one transaction
    assert "Undone" in reply.text and "5 reams" in reply.text


def test_an_amount_that_may_be_packs_or_units_is_asked_then_applied_once(bot, uow):
    say(bot, "alice", "used 3 boxes of paper")  # 15 reams: 15 reams or 3 boxes?
    question = say(bot, "alice", "make it 5")
    assert question.kind is ReplyKind.QUESTION and {c.key for c in question.choices} == {"ream", "box"}
    assert on_hand(uow, "PAP-A4") == 25  # nothing changed yet
    bot.answer("alice", question.question_id, "box")
    assert on_hand(uow, "PAP-A4") == 15  # 5 boxes instead of 3
    again = bot.answer("alice", question.question_id, "box")
    assert again[-1].kind is ReplyKind.REFUSAL and on_hand(uow, "PAP-A4") == 15  # never twice


def test_a_correction_with_the_unit_said_needs_no_question(bot, uow):
    say(bot, "alice", "used 3 boxes of paper")
    reply = say(bot, "alice", "sorry, make that 2 boxes")
    assert reply.kind is ReplyKind.CHANGE and on_hand(uow, "PAP-A4") == 30


def test_i_meant_another_item_moves_the_check_out_with_its_due_time(bot, uow, clock):
    say(bot, "alice", "check out A-2001 until friday")
    due = asset(uow, "A-2001").due
    reply = say(bot, "alice", "no wait, I meant the BenQ")
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-2001").holder is None
    moved = asset(uow, "A-2002")
    assert (moved.holder, moved.due) == ("alice", due)
    assert [e.action for e in entries(uow)] == [Action.CHECK_OUT, Action.UNDO, Action.CHECK_OUT]


def test_a_correction_to_an_ambiguous_item_asks_and_keeps_the_undo_pending(bot, uow):
    say(bot, "alice", "check out A-3001")
    question = say(bot, "alice", "I meant the projector")
    assert question.kind is ReplyKind.QUESTION
    assert asset(uow, "A-3001").holder == "alice"  # nothing changed while asking
    bot.answer("alice", question.question_id, "A-2002")
    assert asset(uow, "A-3001").holder is None and asset(uow, "A-2002").holder == "alice"


def test_make_it_friday_sets_the_due_time_of_the_check_out(bot, uow):
    say(bot, "alice", "check out A-3001")
    reply = say(bot, "alice", "actually make it friday")
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").due.isoformat() == "2026-12-04T17:00:00+00:00"


def test_two_more_repeats_the_last_use_with_the_amount_said(bot, uow):
    say(bot, "alice", "used 3 reams of paper")
    say(bot, "alice", "two more")
    assert on_hand(uow, "PAP-A4") == 35
    say(bot, "alice", "one more box")
    assert on_hand(uow, "PAP-A4") == 30
    assert [e.quantity for e in entries(uow)] == [-3, -2, -5]


def test_another_one_takes_the_next_identical_unit(bot, uow):
    say(bot, "alice", "check out a dell latitude")
    reply = say(bot, "alice", "another one")
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-1042").holder == "alice" and asset(uow, "A-1043").holder == "alice"


def test_follow_ups_with_nothing_recent_change_nothing(bot, uow, clock):
    assert say(bot, "alice", "make it 5").kind is ReplyKind.REFUSAL
    say(bot, "alice", "used 3 reams of paper")
    clock.now += timedelta(minutes=20)
    reply = say(bot, "alice", "two more")
    assert reply.kind is ReplyKind.REFUSAL and "nothing was changed" in reply.text.lower()
    assert on_hand(uow, "PAP-A4") == 37


def test_a_follow_up_is_about_the_speakers_own_change(bot, uow):
    say(bot, "alice", "used 3 reams of paper")
    reply = say(bot, "bob", "make it 5")
    assert reply.kind is ReplyKind.REFUSAL and on_hand(uow, "PAP-A4") == 37


def test_a_correction_that_cannot_be_made_changes_nothing(bot, uow):
    say(bot, "alice", "used 33 reams of paper")
    reply = say(bot, "alice", "sorry, make it 50")  # only 40 were on hand before
    assert reply.kind is ReplyKind.REFUSAL
    assert on_hand(uow, "PAP-A4") == 7
    assert [e.action for e in entries(uow)] == [Action.CONSUME]  # the undo was rolled back too


def test_the_same_amount_again_is_no_change(bot, uow):
    say(bot, "alice", "used 3 reams of paper")
    reply = say(bot, "alice", "oops, make it 3")
    assert reply.kind is ReplyKind.REFUSAL and len(entries(uow)) == 1


def test_half_a_pack_is_recorded_in_whole_units_and_a_part_unit_is_refused(bot, uow):
    say(bot, "alice", "took half a pack of pens")
    assert on_hand(uow, "PEN-BLU") == 115
    reply = say(bot, "alice", "used half a box of paper")
    assert reply.kind is ReplyKind.REFUSAL and "whole number" in reply.text
    assert on_hand(uow, "PAP-A4") == 40


# -- what an outside review found: each a wrong change before --------------------


def test_not_the_item_of_the_last_change_is_refused(bot, uow):
    say(bot, "alice", "check out A-2001")
    say(bot, "alice", "check out the drill")
    reply = say(bot, "alice", "the benq, not the epson")  # the last change was the drill
    assert reply.kind is ReplyKind.REFUSAL and "A-3001" in reply.text
    assert asset(uow, "A-3001").holder == "alice" and asset(uow, "A-2002").holder is None


def test_the_item_the_correction_names_not_the_last_change_is_the_one_meant(bot, uow):
    say(bot, "alice", "check out A-2001")
    reply = say(bot, "alice", "the benq, not the epson")
    assert reply.kind is ReplyKind.CHANGE
    assert asset(uow, "A-2001").holder is None and asset(uow, "A-2002").holder == "alice"


def test_an_amount_of_another_item_is_that_item(bot, uow):
    say(bot, "alice", "used 3 reams of paper")
    say(bot, "alice", "sorry, 5 pens")
    assert on_hand(uow, "PAP-A4") == 40 and on_hand(uow, "PEN-BLU") == 115


def test_a_correction_after_a_message_that_changed_nothing_is_refused(bot, uow):
    say(bot, "alice", "used 3 reams of paper")
    assert say(bot, "alice", "used 2 boxes of toner").kind is ReplyKind.REFUSAL  # only 3 on hand
    reply = say(bot, "alice", "oops, make it 1")
    assert reply.kind is ReplyKind.REFUSAL and on_hand(uow, "PAP-A4") == 37 and on_hand(uow, "TON-26A") == 3


def test_same_again_repeats_the_amount_of_the_last_change(bot, uow):
    say(bot, "alice", "used 3 reams of paper")
    say(bot, "alice", "same again")
    assert on_hand(uow, "PAP-A4") == 34


def test_more_of_an_amount_said_in_packs_asks_packs_or_units(bot, uow):
    say(bot, "alice", "used 3 boxes of paper")
    question = say(bot, "alice", "two more")
    assert question.kind is ReplyKind.QUESTION and on_hand(uow, "PAP-A4") == 25
    bot.answer("alice", question.question_id, "box")
    assert on_hand(uow, "PAP-A4") == 15


def test_the_unit_question_never_offers_the_amount_already_recorded(bot, uow):
    say(bot, "alice", "used 3 boxes of paper")  # 15 reams
    reply = say(bot, "alice", "make it 3")  # 3 boxes is what was recorded: 3 reams it is
    assert reply.kind is ReplyKind.CHANGE and on_hand(uow, "PAP-A4") == 37


@pytest.mark.parametrize("text", ["that should be it", "it's 3pm", "make it quick", "it's fine"])
def test_chatter_after_a_change_is_no_correction(bot, uow, text):
    say(bot, "alice", "check out A-3001 until friday")
    due = asset(uow, "A-3001").due
    say(bot, "alice", text)
    assert asset(uow, "A-3001").due == due and len(entries(uow)) == 1
