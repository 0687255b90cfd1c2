"""The assistant end to end on a real database (SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest

from services.replies import ReplyKind
from tests.catalog import seed
from tests.integration.world import asset, ledger, on_hand


@pytest.fixture
def bot(assistant, uow):
    seed(uow)
    return assistant


def say(bot, who, text):
    replies = bot.handle(who, text, source=f"test:{who}")
    assert replies, "every message gets a reply"
    return replies[-1]


def test_check_out_records_holder_due_and_a_ledger_entry(bot, uow):
    reply = say(bot, "alice", "check out A-1042 until Friday")
    assert reply.kind is ReplyKind.CHANGE and "A-1042" in reply.text
    held = asset(uow, "a1042")
    assert held.holder == "alice" and held.due.isoformat() == "2026-12-04T17:00:00+00:00"
    last = ledger(uow)[-1]
    assert (last.action.value, last.actor, last.item_key, last.source) == (
        "check_out",
        "alice",
        "A-1042",
        "test:alice",
    )
    assert last.changes["holder"] == ("", "alice")


def test_a_second_check_out_is_refused_naming_the_holder(bot, uow):
    say(bot, "alice", "check out A-1042")
    reply = say(bot, "bob", "check out A-1042")
    assert reply.kind is ReplyKind.REFUSAL and "alice" in reply.text
    assert asset(uow, "A-1042").holder == "alice"


def test_identical_units_pick_an_available_one_and_say_which(bot, uow):
    say(bot, "alice", "check out A-1042")
    reply = say(bot, "bob", "check out a dell latitude")
    assert reply.kind is ReplyKind.CHANGE and "A-1043" in reply.text
    assert asset(uow, "A-1043").holder == "bob"


def test_check_out_for_someone_else(bot, uow):
    say(bot, "alice", "check out the drill for @bob for 3 days")
    drill = asset(uow, "A-3001")
    assert drill.holder == "bob"
    assert ledger(uow)[-1].actor == "alice"


def test_consuming_packs_converts_to_base_units(bot, uow):
    reply = say(bot, "alice", "we used 3 boxes of paper")
    assert reply.kind is ReplyKind.CHANGE
    assert on_hand(uow, "PAP-A4") == 25
    assert ledger(uow)[-1].quantity == -15 and ledger(uow)[-1].balance == 25


def test_consuming_more_than_on_hand_is_refused_with_the_figure(bot, uow):
    reply = say(bot, "alice", "used 5 toner")
    assert reply.kind is ReplyKind.REFUSAL and "3 cartridges" in reply.text
    assert on_hand(uow, "TON-26A") == 3


def test_a_pack_the_item_does_not_have_changes_nothing(bot, uow):
    entries = len(ledger(uow))
    reply = say(bot, "alice", "used 2 cases of toner")
    assert reply.kind is ReplyKind.REFUSAL and "case" in reply.text
    assert on_hand(uow, "TON-26A") == 3 and len(ledger(uow)) == entries


def test_several_items_in_one_message_are_all_or_nothing(bot, uow):
    reply = say(bot, "alice", "used 2 reams of paper and 9 toner")
    assert reply.kind is ReplyKind.REFUSAL
    assert on_hand(uow, "PAP-A4") == 40 and on_hand(uow, "TON-26A") == 3
    reply = say(bot, "alice", "used 2 reams of paper and 1 toner")
    assert reply.kind is ReplyKind.CHANGE and len(reply.entry_ids) == 2
    assert on_hand(uow, "PAP-A4") == 38 and on_hand(uow, "TON-26A") == 2


def test_receive_and_count(bot, uow):
    say(bot, "alice", "received 2 boxes of toner")
    assert on_hand(uow, "TON-26A") == 7
    say(bot, "alice", "we have 5 toner left")
    assert on_hand(uow, "TON-26A") == 5
    assert ledger(uow)[-1].quantity == -2


def test_an_ambiguous_reference_asks_and_changes_nothing_until_answered(bot, uow):
    reply = say(bot, "alice", "check out the projector")
    assert reply.kind is ReplyKind.QUESTION
    assert {c.key for c in reply.choices} == {"A-2001", "A-2002"}
    assert asset(uow, "A-2001").holder is None and asset(uow, "A-2002").holder is None
    (done,) = bot.answer("alice", reply.question_id, "A-2002")
    assert done.kind is ReplyKind.CHANGE and asset(uow, "A-2002").holder == "alice"


def test_an_unknown_item_suggests_the_nearest(bot, uow):
    reply = say(bot, "alice", "check out the zeppelin")
    assert reply.kind is ReplyKind.REFUSAL and "couldn't find" in reply.text


def test_typos_still_find_the_item(bot, uow):
    say(bot, "alice", "chek out the makita dril")
    assert asset(uow, "A-3001").holder == "alice"


def test_barcode_and_sku_hits_win_outright(bot, uow):
    say(bot, "alice", "used 1 5012345678900")
    say(bot, "alice", "used 2 pap-a4")
    assert on_hand(uow, "PAP-A4") == 37


def test_undo_reverses_only_my_last_change_with_a_new_entry(bot, uow):
    say(bot, "alice", "used 3 reams of paper")
    say(bot, "bob", "used 1 ream of paper")
    reply = say(bot, "alice", "undo")
    assert reply.kind is ReplyKind.CHANGE
    assert on_hand(uow, "PAP-A4") == 39
    entries = ledger(uow)
    assert entries[-1].action.value == "undo" and entries[-1].reverses == entries[-3].id
    assert say(bot, "alice", "undo").kind is ReplyKind.REFUSAL  # the seed was by someone else
    assert on_hand(uow, "PAP-A4") == 39


def test_undo_of_a_check_out_that_was_since_returned_is_refused(bot, uow):
    say(bot, "alice", "check out A-1042")
    say(bot, "bob", "return A-1042")
    reply = say(bot, "alice", "undo")
    assert reply.kind is ReplyKind.REFUSAL
    assert asset(uow, "A-1042").status.value == "available"


def test_checking_in_what_is_not_out_is_refused(bot, uow):
    reply = say(bot, "alice", "return A-2001")
    assert reply.kind is ReplyKind.REFUSAL and "isn't checked out" in reply.text


def test_questions(bot, uow, clock):
    say(bot, "alice", "check out A-2001 for 2 days")
    assert "alice" in say(bot, "bob", "who has the epson projector?").text
    assert "40 reams (8 boxes)" in say(bot, "bob", "how many paper").text
    assert "A-2001" in say(bot, "alice", "what do I have").text
    assert "book value" in say(bot, "bob", "info A-1042").text
    assert (
        "$233" in say(bot, "bob", "what is A-1042 worth?").text
        or "$" in say(bot, "bob", "what is A-1042 worth?").text
    )
    clock.now += timedelta(days=3)
    assert "overdue" in say(bot, "alice", "what do I have").text


def test_low_stock_lists_items_at_or_below_their_reorder_point(bot, uow):
    assert "Nothing" in say(bot, "alice", "what's low").text
    reply = say(bot, "alice", "used 1 toner")
    assert "reorder point" in reply.text
    assert "HP 26A" in say(bot, "alice", "what's low").text


def test_catalog_edits_are_for_managers_only(bot, uow):
    before = len(ledger(uow))
    for text in (
        "set reorder point for paper to 20",
        "retire A-2001",
        "edit A-1042 location Room 5",
        "add asset A-9 Thing",
    ):
        reply = say(bot, "alice", text)
        assert reply.kind is ReplyKind.REFUSAL and "only managers" in reply.text, text
    assert len(ledger(uow)) == before
    assert say(bot, "maria", "set reorder point for paper to 20").kind is ReplyKind.CHANGE
    assert say(bot, "maria", "edit A-1042 location Room 5").kind is ReplyKind.CHANGE
    assert asset(uow, "A-1042").location == "Room 5"
    assert say(bot, "maria", "retire A-2001").kind is ReplyKind.CHANGE
    assert say(bot, "maria", "add asset A-9 Tripod stand").kind is ReplyKind.CHANGE
    assert say(bot, "bob", "check out the tripod").kind is ReplyKind.CHANGE


@pytest.mark.parametrize(
    "text",
    ["hi", "lunch?", "used 3", "check out", "used -5 paper", "used 0 paper", "\x00\x1b[2J", "🙂" * 500],
)
def test_messages_that_ask_for_nothing_clear_change_nothing(bot, uow, text):
    before = len(ledger(uow))
    reply = say(bot, "alice", text)
    assert reply.kind in (ReplyKind.REFUSAL, ReplyKind.QUESTION)
    assert len(ledger(uow)) == before and on_hand(uow, "PAP-A4") == 40


def test_picking_from_candidates_offers_the_words_to_managers_as_an_alias(bot, uow):
    question = say(bot, "alice", "check out the projector")
    bot.answer("alice", question.question_id, "A-2002")
    assert "only managers" in say(bot, "alice", "alias suggestions").text
    listing = say(bot, "maria", "alias suggestions").text
    assert "“projector” → A-2002" in listing and "alice" in listing
    suggestion_id = listing.split("#")[1].split(" ")[0]
    assert say(bot, "alice", f"accept alias {suggestion_id}").kind is ReplyKind.REFUSAL
    accepted = say(bot, "maria", f"accept alias {suggestion_id}")
    assert accepted.kind is ReplyKind.CHANGE and "A-2002" in accepted.text
    assert "projector" in asset(uow, "A-2002").aliases
    assert say(bot, "maria", "alias suggestions").text == "No alias suggestions waiting."
    say(bot, "alice", "return A-2002")
    assert "A-2002" in say(bot, "bob", "check out the projector").text  # no longer ambiguous


def test_a_manager_who_picks_is_offered_the_alias_at_once(bot, uow):
    question = say(bot, "maria", "who has the projector")
    replies = bot.answer("maria", question.question_id, "A-2001")
    assert replies[-1].text.startswith("Tip: say “accept alias")
    dismissed = say(bot, "maria", "dismiss alias " + replies[-1].text.split("accept alias ")[1].split("”")[0])
    assert "Dismissed" in dismissed.text
    assert say(bot, "maria", "alias suggestions").text == "No alias suggestions waiting."


@pytest.mark.parametrize(
    "text, outcome",
    [
        ("reserve the projector for Tuesday", ReplyKind.QUESTION),  # which projector?
        ("book A-2001 next week", ReplyKind.CHANGE),  # booked, not taken
        ("can I book the drill?", ReplyKind.REFUSAL),  # when? nothing booked
    ],
)
def test_a_booking_is_never_a_check_out_now(bot, uow, text, outcome):
    reply = say(bot, "alice", text)
    assert reply.kind is outcome
    assert asset(uow, "A-2001").holder is None and asset(uow, "A-3001").holder is None
    with uow(read_only=True) as tx:
        assert len(list(tx.bookings.all())) == (1 if outcome is ReplyKind.CHANGE else 0)


def test_a_known_person_is_named_without_an_at_sign(bot, uow):
    say(bot, "bob", "check out the drill")  # bob is now known (he holds something)
    say(bot, "bob", "return the drill")
    reply = say(bot, "alice", "signing out the drill for bob until friday, cheers")
    assert reply.kind is ReplyKind.CHANGE and asset(uow, "A-3001").holder == "bob"
    say(bot, "alice", "return the drill for bob")
    reply = say(bot, "alice", "taking the drill for the shoot")  # not a person: a purpose
    assert reply.kind is ReplyKind.CHANGE and asset(uow, "A-3001").holder == "alice"


def test_a_return_means_the_unit_the_speaker_holds(bot, uow):
    say(bot, "bob", "check out A-2002")
    reply = say(bot, "bob", "bringing the projector back now, thanks!")
    assert reply.kind is ReplyKind.CHANGE and asset(uow, "A-2002").holder is None


def test_everything_i_hold_comes_back_at_once(bot, uow):
    say(bot, "bob", "check out A-2002")
    say(bot, "bob", "check out the drill")
    say(bot, "bob", "returning everything i've got")
    assert asset(uow, "A-2002").holder is None and asset(uow, "A-3001").holder is None
    assert "don't hold anything" in say(bot, "bob", "return everything").text


def test_several_identical_units_are_all_taken_or_none(bot, uow):
    reply = say(bot, "alice", "signing out both laptops till friday")
    assert reply.kind is ReplyKind.CHANGE
    assert asset(uow, "A-1042").holder == "alice" and asset(uow, "A-1043").holder == "alice"
    say(bot, "alice", "return both laptops")
    refused = say(bot, "alice", "taking 3 laptops")
    assert refused.kind is ReplyKind.REFUSAL and "only 2" in refused.text
    assert asset(uow, "A-1042").holder is None and asset(uow, "A-1043").holder is None


def test_a_pack_and_loose_units_add_up(bot, uow):
    say(bot, "alice", "used 1 box + 3 pens")
    assert on_hand(uow, "PEN-BLU") == 120 - 53


def test_the_item_is_found_inside_a_chatty_sentence(bot, uow):
    reply = say(bot, "alice", "grabbing the beamer, sorry it's so last minute :grimacing:")
    assert reply.kind is ReplyKind.CHANGE and asset(uow, "A-2001").holder == "alice"
    reply = say(bot, "alice", "used 3 of the blue thing")  # "blue thing" is no item: never the blue pens
    assert reply.kind is not ReplyKind.CHANGE and on_hand(uow, "PEN-BLU") == 120


def test_lists_come_from_the_database(bot, uow, clock):
    say(bot, "bob", "check out A-2002 until tomorrow")
    say(bot, "alice", "check out the drill until friday")
    free = say(bot, "alice", "which projectors are free?")
    assert "A-2001" in free.text and "A-2002" not in free.text
    assert "A-2002" in say(bot, "alice", "what's due back tomorrow").text
    assert "A-3001" not in say(bot, "alice", "what's due back tomorrow").text
    held = say(bot, "maria", "what is bob holding?")  # a manager may ask about anyone
    assert "A-2002" in held.text and "A-3001" not in held.text
    refused = say(bot, "alice", "what is bob holding?")  # others only about themselves
    assert refused.kind is ReplyKind.REFUSAL and "A-2002" not in refused.text
    clock.now += timedelta(days=2)
    late = say(bot, "alice", "anything overdue?")
    assert "A-2002" in late.text and "A-3001" not in late.text
    room = say(bot, "alice", "what's in meeting room B")
    assert "A-2001" in room.text and "A-1042" not in room.text


def test_an_items_history_says_who_had_it(bot, uow):
    say(bot, "bob", "check out the drill")
    say(bot, "bob", "return the drill")
    reply = say(bot, "alice", "who had the drill last?")
    assert (
        reply.kind is ReplyKind.ANSWER
        and "bob checked it out" in reply.text
        and "bob returned it" in reply.text
    )
    say(bot, "alice", "received 2 boxes of paper")
    assert "alice received 10" in say(bot, "bob", "when did we last get paper in?").text


def test_a_tag_typed_short_is_that_tag_or_nothing(bot, uow):
    reply = say(bot, "alice", "a-1042 out till friday")
    assert reply.kind is ReplyKind.CHANGE and asset(uow, "A-1042").holder == "alice"
    assert say(bot, "alice", "check out a-9").kind is not ReplyKind.CHANGE  # no such tag: no look-alike name


def test_where_it_is_taken_is_not_part_of_its_name(bot, uow):
    reply = say(bot, "alice", "taking the beamer over to the community centre, back by 3")
    assert reply.kind is ReplyKind.CHANGE and asset(uow, "A-2001").due.hour == 15
    say(bot, "alice", "nabbed the drill for the shelves")
    assert asset(uow, "A-3001").holder == "alice"


def test_it_means_the_item_of_my_last_change(bot, uow, clock):
    say(bot, "alice", "check out the drill")
    reply = say(bot, "alice", "actually, finished with it")
    assert reply.kind is ReplyKind.CHANGE and asset(uow, "A-3001").holder is None
    clock.now += timedelta(hours=1)
    asked = say(bot, "alice", "check it out again")  # an hour later "it" is nothing in particular
    assert asked.kind is ReplyKind.REFUSAL and "Which item do you mean" in asked.text
    assert asset(uow, "A-3001").holder is None


def test_only_managers_move_items_between_departments(bot, uow):
    refused = say(bot, "alice", "move the drill to the IT department")
    assert refused.kind is ReplyKind.REFUSAL and asset(uow, "A-3001").department == "Facilities"
    done = say(bot, "maria", "move the drill to the IT department")
    assert done.kind is ReplyKind.CHANGE and asset(uow, "A-3001").department == "IT"


def test_a_pair_is_two_unless_the_item_is_counted_in_pairs(bot, uow):
    say(bot, "alice", "used a pair of pens")
    assert on_hand(uow, "PEN-BLU") == 118


def test_back_from_repair_and_deliveries_in_plain_words(bot, uow):
    say(bot, "alice", "sending the drill off for repair, the chuck slips")
    assert asset(uow, "A-3001").status.value == "maintenance"
    say(bot, "alice", "drill's back from the engineer, working fine")
    assert asset(uow, "A-3001").status.value == "available"
    say(bot, "alice", "order 88 came in: 2 boxes of paper and a box of pens")
    assert on_hand(uow, "PAP-A4") == 50 and on_hand(uow, "PEN-BLU") == 170


def test_a_stocktake_in_packs_and_loose_is_one_count(bot, uow):
    say(bot, "alice", "stocktake pens: 2 boxes and 3 packs")
    assert on_hand(uow, "PEN-BLU") == 130
    say(bot, "alice", "topped up the paper, 2 boxes")
    assert on_hand(uow, "PAP-A4") == 50
