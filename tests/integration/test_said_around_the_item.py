""" "Need X till Y" from whoever holds X is a longer loan, not a second check-out; whose item
and how many of it, said around the item."""

import pytest

from domain.ledger import Action
from services.replies import ReplyKind
from tests.catalog import seed
from tests.integration.world import asset, entries, on_hand


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


def test_a_question_then_when_it_comes_back_is_one_loan_with_that_due(bot, uow):
    reply = bot.handle("alice", "can I take the BenQ to the staff room? back by 3", source="m1")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    loan = asset(uow, "A-2002")
    assert loan.holder == "alice" and loan.due.isoformat() == "2026-11-30T15:00:00+00:00"


def test_may_i_have_asks_to_be_given_it(bot, uow):
    reply = bot.handle("alice", "Hi, please may I have the drill for the shelving job?", source="m1")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder == "alice"


def test_words_after_the_due_time_and_a_comma_are_a_remark_and_said_so(bot, uow):
    reply = bot.handle("alice", "grab the drill til tmrw, bay 1", source="m1")[0]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert "“bay 1” as a remark" in reply.text
    assert asset(uow, "A-3001").holder == "alice"


def test_the_item_first_then_what_was_done_with_it(bot, uow):
    for n, text in enumerate(["paper 2 boxes used", "toner - used 1", "pens, used a pack"]):
        reply = bot.handle("alice", text, source=f"m{n}")[-1]
        assert reply.kind is ReplyKind.CHANGE, reply.text
    assert on_hand(uow, "PAP-A4") == 30 and on_hand(uow, "TON-26A") == 2 and on_hand(uow, "PEN-BLU") == 110


def test_a_move_to_a_known_place_with_a_remark_after_it_goes_there(bot, uow):
    reply = bot.handle("maria", "The Epson has been moved to Meeting room A for the workshop.", source="m1")[
        -1
    ]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-2001").location == "Meeting room A"


def test_a_return_told_again_in_the_next_clause_is_one_return(bot, uow):
    bot.handle("alice", "check out the drill", source="m1")
    replies = bot.handle("alice", "done with the drill, it's back on the shelf :thumbsup:", source="m2")
    assert [r.kind for r in replies] == [ReplyKind.CHANGE], [r.text for r in replies]
    assert asset(uow, "A-3001").holder is None


def test_two_more_units_asked_for_by_someone_holding_one_are_checked_out(bot, uow):
    bot.handle("alice", "check out A-1042", source="m1")
    bot.handle("bob", "check out A-2001", source="m2")  # a third party, so the two Dells are the kind asked
    reply = bot.handle("alice", "can I take two dell laptops till friday", source="m3")[-1]
    assert reply.kind is ReplyKind.REFUSAL, reply.text  # only one more is free: not an extension of hers
    assert "Only 1 of the 2" in reply.text and "not 2" in reply.text  # not "all are out": one was free
    assert asset(uow, "A-1043").holder is None and asset(uow, "A-1042").due is None


def test_a_return_told_of_a_known_colleague_is_a_return(bot, uow):
    bot.handle("bob", "check out the drill", source="m1")
    reply = bot.handle(
        "maria", "bob has just dropped the drill back, can you check it in for him", source="m2"
    )[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder is None
    assert len([e for e in entries(uow) if e.action is Action.CHECK_IN]) == 1


def test_returning_one_thing_and_taking_another_is_both(bot, uow):
    bot.handle("alice", "check out the drill", source="m1")
    replies = bot.handle(
        "alice", "I am returning the drill and taking the BenQ until Friday, thanks", source="m2"
    )
    assert [r.kind for r in replies] == [ReplyKind.CHANGE], [r.text for r in replies]
    assert "Checked in A-3001" in replies[0].text and "Checked out A-2002" in replies[0].text
    assert asset(uow, "A-3001").holder is None and asset(uow, "A-2002").holder == "alice"


def test_whats_on_me_lists_what_i_hold(bot, uow):
    bot.handle("alice", "check out the drill", source="m1")
    reply = bot.handle("alice", "whats on me rn", source="m2")[-1]
    assert reply.kind is ReplyKind.ANSWER and "A-3001" in reply.text


def test_a_count_with_a_thousands_comma_is_one_number(bot, uow):
    reply = bot.handle("maria", "pens count: 1,200", source="m1")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert on_hand(uow, "PEN-BLU") == 1200


def test_signing_out_to_a_name_nobody_knows_asks_for_a_mention_and_changes_nothing(bot, uow):
    reply = bot.handle("maria", "sign the drill out to Zoe until tomorrow", source="m1")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "@Zoe" in reply.text, reply.text
    assert asset(uow, "A-3001").holder is None  # never checked out to maria instead


def test_packs_of_something_are_stock_never_an_asset(bot, uow):
    reply = bot.handle("alice", "taking a box of drill to the workshop", source="m1")[-1]
    assert reply.kind is not ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder is None


def test_two_items_both_back_are_both_returned(bot, uow):
    bot.handle("alice", "check out the drill", source="m1")
    bot.handle("alice", "check out the BenQ", source="m2")
    reply = bot.handle("alice", "the drill and the benq are both back, traffic was awful", source="m3")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder is None and asset(uow, "A-2002").holder is None


def test_for_the_day_is_due_at_the_end_of_the_working_day(bot, uow):
    reply = bot.handle("alice", "take the drill for the day", source="m1")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").due.isoformat() == "2026-11-30T17:00:00+00:00"


def test_questions_asked_the_way_people_ask_them_change_nothing(bot, uow):
    bot.handle("bob", "check out the drill", source="m1")
    for n, (text, expected) in enumerate(
        [
            ("does anyone know who took the drill?", "bob"),
            ("has anyone got the drill?", "bob"),
            ("show me who's had the drill lately", "bob"),
            ("how much paper is left in the supply closet?", "40"),
            ("are we running short of anything in the supply closet?", "at or below its reorder point"),
        ]
    ):
        reply = bot.handle("alice", text, source=f"q{n}")[-1]
        assert reply.kind is ReplyKind.ANSWER and expected in reply.text, (text, reply.text)
    assert asset(uow, "A-3001").holder == "bob" and on_hand(uow, "PAP-A4") == 40


def test_a_stocktake_of_several_items_counts_each(bot, uow):
    text = "stocktake of the supply closet: 38 reams of paper, 3 toner and 110 pens"
    reply = bot.handle("maria", text, source="m1")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert (on_hand(uow, "PAP-A4"), on_hand(uow, "TON-26A"), on_hand(uow, "PEN-BLU")) == (38, 3, 110)


def test_a_second_request_said_with_its_own_verb_after_a_comma_is_done_too(bot, uow):
    bot.handle("alice", "check out the drill", source="m1")
    reply = bot.handle("alice", "the drill's back in the workshop, and I used 2 reams of paper", source="m2")[
        -1
    ]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder is None and on_hand(uow, "PAP-A4") == 38


def test_and_the_other_one_too_is_the_same_request(bot, uow):
    bot.handle("alice", "check out the drill", source="m1")
    bot.handle("alice", "check out the BenQ", source="m2")
    reply = bot.handle("alice", "returning the drill, sorry it's late, and the benq too", source="m3")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder is None and asset(uow, "A-2002").holder is None


def test_a_condition_note_goes_on_the_item_it_names(bot, uow):
    bot.handle("alice", "check out the drill", source="m1")
    bot.handle("alice", "check out the BenQ", source="m2")
    bot.handle("alice", "returning the drill and the benq - the benq lamp is dim", source="m3")
    assert asset(uow, "A-2002").condition == "the benq lamp is dim"
    assert asset(uow, "A-3001").condition != "the benq lamp is dim"


def test_some_of_something_is_supplies_never_a_unique_item(bot, uow):
    replies = bot.handle("alice", "took some drill", source="m1")
    assert all(r.kind is not ReplyKind.CHANGE for r in replies), [r.text for r in replies]
    assert asset(uow, "A-3001").holder is None


def test_a_plan_said_as_the_reason_for_a_question_is_no_booking_refusal(bot, uow):
    bot.handle("bob", "check out the drill", source="m1")
    replies = bot.handle("alice", "Who's got the drill? I need it for the shelving at 11", source="m2")
    assert [r.kind for r in replies] == [ReplyKind.ANSWER], [r.text for r in replies]


def test_a_return_with_a_fault_then_send_it_for_repair_is_both(bot, uow):
    bot.handle("alice", "check out the BenQ", source="m1")
    text = "Returning the benq, the picture keeps flickering, please send it to maintenance"
    reply = bot.handle("maria", text, source="m2")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-2002").holder is None and asset(uow, "A-2002").status.value == "maintenance"


def test_checking_out_for_someone_with_a_remark_about_them_after_a_comma(bot, uow):
    bot.handle("bob", "check out A-1043", source="m1")
    text = "Checking out the drill for bob until tomorrow, his one is struggling to lift"
    reply = bot.handle("maria", text, source="m2")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder == "bob"


def test_signing_out_to_yourself_by_name_is_to_you_and_to_a_place_is_asked(bot, uow):
    reply = bot.handle("zoe", "sign the drill out to Zoe", source="m1")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text  # the speaker is no stranger, even the first time
    assert asset(uow, "A-3001").holder == "zoe"
    reply = bot.handle("maria", "sign the BenQ out to reception", source="m2")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "reception" in reply.text, reply.text
    assert asset(uow, "A-2002").holder is None  # never to maria instead


def test_a_colleague_returning_their_item_returns_theirs_not_the_speakers(bot, uow):
    bot.handle("maria", "check out A-1042", source="m1")
    bot.handle("bob", "check out A-1043", source="m2")
    reply = bot.handle("maria", "bob returned the dell", source="m3")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-1043").holder is None and asset(uow, "A-1042").holder == "maria"


def test_an_item_to_a_known_person_with_no_verb_is_for_them(bot, uow):
    bot.handle("bob", "check out A-1043", source="m1")
    reply = bot.handle("maria", "the drill to bob till friday pls", source="m2")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder == "bob"


def test_news_about_a_colleague_changes_nothing_and_their_return_is_theirs(bot, uow):
    bot.handle("bob", "check out the drill", source="m1")
    replies = bot.handle("maria", "bob's got the drill, he said he'd bring it back today", source="m2")
    assert all(r.kind is not ReplyKind.CHANGE for r in replies), [r.text for r in replies]
    assert asset(uow, "A-3001").holder == "bob"
    reply = bot.handle("maria", "bob's back with the drill", source="m3")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder is None


def test_a_return_then_a_take_after_a_comma_is_both(bot, uow):
    bot.handle("alice", "check out the drill", source="m1")
    reply = bot.handle("alice", "returned the drill, took the benq", source="m2")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-3001").holder is None and asset(uow, "A-2002").holder == "alice"


def test_several_alike_said_in_the_plural_asks_how_many(bot, uow):
    reply = bot.handle("alice", "took the dells", source="m1")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "How many" in reply.text, reply.text
    assert asset(uow, "A-1042").holder is None and asset(uow, "A-1043").holder is None


def test_a_return_said_of_someone_who_holds_none_returns_nothing(bot, uow):
    bot.handle("bob", "check out A-1043", source="m1")  # bob is known, and holds no drill
    bot.handle("maria", "check out the drill", source="m2")
    reply = bot.handle("maria", "bob returned the drill", source="m3")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "bob" in reply.text, reply.text
    assert asset(uow, "A-3001").holder == "maria"  # never the speaker's own drill instead


def test_back_to_a_person_is_not_guessed(bot, uow):
    bot.handle("bob", "check out A-1043", source="m1")
    bot.handle("maria", "check out the drill", source="m2")
    replies = bot.handle("maria", "drill back to bob", source="m3")
    assert all(r.kind is not ReplyKind.CHANGE for r in replies), [r.text for r in replies]
    assert asset(uow, "A-3001").holder == "maria"


def test_returning_one_unit_and_taking_the_other_one_swaps_them(bot, uow):
    bot.handle("alice", "check out A-1042", source="m1")
    replies = bot.handle(
        "alice",
        "dropping my dell back at the desk and taking the other one, the fan on mine keeps whining",
        source="m2",
    )
    assert [r.kind for r in replies] == [ReplyKind.CHANGE], [r.text for r in replies]
    assert asset(uow, "A-1042").holder is None and asset(uow, "A-1043").holder == "alice"


@pytest.mark.parametrize("text", ["taking the other one", "returning the drill and taking the other one"])
def test_the_other_one_with_no_unit_named_before_is_asked_about_and_changes_nothing(bot, uow, text):
    bot.handle("alice", "check out A-3001", source="m1")
    reply = bot.handle("alice", text, source="m2")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "nothing was changed" in reply.text
    assert asset(uow, "A-3001").holder == "alice"


def test_a_repair_then_what_is_used_instead_does_both(bot, uow):
    bot.handle("alice", "check out A-2001", source="m1")
    bot.handle("alice", "return A-2001", source="m2")
    replies = bot.handle(
        "alice",
        "The Epson's fan is rattling, send it for repair please; I'll use the BenQ instead till Thursday",
        source="m3",
    )
    assert [r.kind for r in replies] == [ReplyKind.CHANGE], [r.text for r in replies]
    assert asset(uow, "A-2001").status.value == "maintenance"
    benq = asset(uow, "A-2002")
    assert benq.holder == "alice" and benq.due.date().isoformat() == "2026-12-03"


def test_the_other_one_of_an_item_with_no_twin_is_refused_plainly(bot, uow):
    bot.handle("bob", "check out A-1042", source="m1")
    reply = bot.handle("bob", "returning the epson and taking the other one", source="m2")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "nothing was changed" in reply.text  # the Epson has no twin
    assert asset(uow, "A-1042").holder == "bob"


def test_most_of_a_kind_of_asset_is_asked_about_and_changes_nothing(bot, uow):
    bot.handle("alice", "check out A-1042", source="m1")
    reply = bot.handle("alice", "returning most of the dells", source="m2")[-1]
    assert reply.kind is ReplyKind.REFUSAL and "Which dells?" in reply.text
    assert asset(uow, "A-1042").holder == "alice"


@pytest.mark.parametrize(
    "text",
    ["the beamer fan is rattling, sending for repair", "the beamer lamp has gone, sending it for repair"],
)
def test_a_part_of_an_item_that_is_wrong_sends_the_item_for_repair(bot, uow, text):
    reply = bot.handle("alice", text, source="m1")[-1]
    assert reply.kind is ReplyKind.CHANGE, reply.text
    assert asset(uow, "A-2001").status.value == "maintenance"
