"""Kits through the real assistant and the CSV files: imported (a bad row writes
nothing), exported back the same, made by managers in words, checked out whole
or not at all, returned in part, booked as one, described and labelled."""

import csv
import io

import pytest

from domain.ledger import Action
from services.csv_export import export
from services.csv_import import import_csv
from services.replies import ReplyKind, Step
from tests.catalog import seed_context
from tests.integration.world import asset, entries, on_hand

STOCK = """sku,name,unit,packs,on_hand,lendable
BAT-AA,AA batteries,battery,pack=4,10,no
"""
KITS = """kit,name,items
KIT-AV,Presentation kit,A-2002|A-3001|BAT-AA=4
KIT-LAP,Laptop pair,A-1042|A-1043
"""


@pytest.fixture
def bot(telling, uow):
    assert not import_csv("stock", STOCK.encode(), uow, seed_context()).errors
    result = import_csv("kits", KITS.encode(), uow, seed_context())
    assert not result.errors and result.created == 2
    return telling


def say(bot, who, text):
    return bot.handle(who, text, source=f"test:{who}:{text}")[-1]


def kits_csv(uow) -> str:
    out = io.StringIO()
    export("kits", uow, out)
    return out.getvalue()


def test_import_is_idempotent_and_exports_the_same_columns(bot, uow):
    again = import_csv("kits", KITS.encode(), uow, seed_context())
    assert again.unchanged == 2 and not again.created and not again.updated
    assert kits_csv(uow) == KITS


def test_a_kit_naming_an_unknown_tag_or_sku_writes_nothing(bot, uow):
    bad = KITS + "KIT-X,Broken kit,A-9999|BAT-AA=2\nKIT-Y,Fine kit,A-2001\n"
    result = import_csv("kits", bad.encode(), uow, seed_context())
    assert not result.written and result.errors[0].line == 4 and "A-9999" in result.errors[0].message
    assert "KIT-Y" not in kits_csv(uow)
    skipped = import_csv("kits", bad.encode(), uow, seed_context(), skip_bad=True)
    assert skipped.written and "KIT-Y" in kits_csv(uow) and "KIT-X" not in kits_csv(uow)


def test_a_kit_goes_out_whole(bot, uow):
    reply = say(bot, "bob", "check out the presentation kit until friday")
    assert reply.kind is ReplyKind.CHANGE and "A-2002, A-3001, 4 batteries" in reply.text
    assert asset(uow, "A-2002").holder == "bob" and asset(uow, "A-3001").holder == "bob"
    assert asset(uow, "A-3001").due.day == 4 and on_hand(uow, "BAT-AA") == 6
    with uow(read_only=True) as tx:
        assert {loan.sku: loan.quantity for loan in tx.loans.held_by("bob")} == {"BAT-AA": 4}


def test_a_kit_with_a_member_out_changes_nothing_and_offers_the_rest(bot, uow):
    say(bot, "carol", "check out the drill")
    before = len(entries(uow))
    reply = say(bot, "bob", "check out KIT-AV")
    assert reply.kind is ReplyKind.REFUSAL and "A-3001 (with carol)" in reply.text
    assert (
        len(entries(uow)) == before and asset(uow, "A-2002").holder is None and on_hand(uow, "BAT-AA") == 10
    )
    (offer,) = reply.offers
    assert offer.step is Step.SAY and offer.value == "check out KIT-AV without A-3001"
    taken = say(bot, "bob", offer.value + " until friday")
    assert (
        taken.kind is ReplyKind.CHANGE
        and "Left out: A-3001" in taken.text
        and asset(uow, "A-2002").holder == "bob"
    )
    with uow(read_only=True) as tx:  # the kit's batteries are lent with it, not used up
        assert {loan.sku: loan.quantity for loan in tx.loans.held_by("bob")} == {"BAT-AA": 4}
    assert asset(uow, "A-2002").due.day == 4


def test_a_partial_return_says_what_is_still_out(bot, uow):
    say(bot, "bob", "check out the laptop pair")
    say(bot, "bob", "return A-1043")  # one of them changes hands
    say(bot, "carol", "check out A-1043")
    reply = say(bot, "bob", "returned the laptop pair")
    assert (
        reply.kind is ReplyKind.CHANGE
        and "A-1042" in reply.text
        and "Still out: A-1043 (with carol)" in reply.text
    )
    assert asset(uow, "A-1042").holder is None and asset(uow, "A-1043").holder == "carol"


def test_a_lost_battery_is_recorded_with_the_kit_return(bot, uow):
    say(bot, "bob", "take the presentation kit")
    reply = say(bot, "bob", "presentation kit back, one of the batteries is lost")
    assert "3 × BAT-AA (1 lost)" in reply.text and on_hand(uow, "BAT-AA") == 9
    assert asset(uow, "A-2002").holder is None and asset(uow, "A-3001").holder is None  # every asset, as said
    returned = [e.item_key for e in entries(uow) if e.action is Action.CHECK_IN]
    assert returned == ["A-2002", "A-3001"]


def test_managers_make_kits_in_words_and_others_may_not(bot, uow):
    refused = say(bot, "bob", "make a kit 'Drill set' of the drill and 2 packs of AA batteries")
    assert refused.kind is ReplyKind.REFUSAL and "KIT-DRILL-SET" not in kits_csv(uow)
    made = say(bot, "maria", "make a kit 'Drill set' of the drill and 2 packs of AA batteries")
    assert made.kind is ReplyKind.CHANGE and "KIT-DRILL-SET,Drill set,A-3001|BAT-AA=8" in kits_csv(uow)
    changed = say(bot, "maria", "make a kit 'Drill set' of the drill and 1 AA battery")
    assert "Changed" in changed.text and "KIT-DRILL-SET,Drill set,A-3001|BAT-AA=1" in kits_csv(uow)
    undone = say(bot, "maria", "undo")
    assert undone.kind is ReplyKind.CHANGE and "KIT-DRILL-SET,Drill set,A-3001|BAT-AA=8" in kits_csv(uow)
    say(bot, "maria", "add A-2001 to the drill set kit")
    say(bot, "maria", "take 5 AA batteries out of the drill set kit")
    assert "KIT-DRILL-SET,Drill set,A-3001|BAT-AA=3|A-2001" in kits_csv(uow)
    say(bot, "maria", "take the batteries out of the drill set kit")
    assert "KIT-DRILL-SET,Drill set,A-3001|A-2001" in kits_csv(uow)
    missing = say(bot, "maria", "remove A-1042 from the drill set kit")
    assert missing.kind is ReplyKind.REFUSAL and "not in" in missing.text
    assert say(bot, "bob", "add A-1042 to the drill set kit").kind is ReplyKind.REFUSAL


def test_a_kit_is_booked_as_one_and_described(bot, uow):
    booked = say(bot, "bob", "book the presentation kit friday 2-4pm")
    assert booked.kind is ReplyKind.CHANGE and "A-2002, A-3001" in booked.text
    out = io.StringIO()
    export("bookings", uow, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sorted((r["asset_tag"], r["kit"]) for r in rows) == [("A-2002", "KIT-AV"), ("A-3001", "KIT-AV")]
    described = say(bot, "alice", "what's in the presentation kit?")
    assert (
        "A-2002 BenQ portable projector: available" in described.text and "4 × AA batteries" in described.text
    )


def test_labels_for_a_kit(bot):
    reply = say(bot, "maria", "label for KIT-AV")
    assert reply.attachment and reply.attachment[0] == "label-KIT-AV.png"


def test_a_kit_is_asked_about_and_cancelled_as_one(bot, uow):
    say(bot, "bob", "book the presentation kit friday 2-4pm")
    busy = say(bot, "carol", "is the presentation kit free friday 3pm-5pm?")
    assert busy.text.startswith("No:") and "A-2002" in busy.text and "A-3001" in busy.text
    assert say(bot, "carol", "is the presentation kit free thursday?").text.startswith("Yes:")
    cancelled = say(bot, "bob", "cancel my booking of the presentation kit")
    assert cancelled.kind is ReplyKind.CHANGE
    with uow(read_only=True) as tx:
        assert {b.status.value for b in tx.bookings.all()} == {"cancelled"}


def test_a_booking_that_sets_a_due_time_is_said(bot, uow):
    say(bot, "carol", "book A-2002 tomorrow 10am-4pm")
    reply = say(bot, "bob", "check out the presentation kit")
    assert "but A-2002 is due back Tue 1 Dec 10:00" in reply.text and asset(uow, "A-2002").due.hour == 10


def test_undo_takes_back_the_whole_kit(bot, uow):
    reply = say(bot, "bob", "check out the presentation kit")
    assert len(reply.entry_ids) == 3  # the Undo button undoes every member
    say(bot, "bob", "undo")
    assert asset(uow, "A-2002").holder is None and asset(uow, "A-3001").holder is None
    assert on_hand(uow, "BAT-AA") == 10
