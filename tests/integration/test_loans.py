"""Lendable stock through the real assistant: lent off the shelf onto a person's
loan and given back, in part, in whole, or with some lost or broken; never
more than the shelf has or the person holds; undone; listed and exported."""

import csv
import io

import pytest

from domain.ledger import Action
from services.csv_export import export
from services.csv_import import import_csv
from services.replies import ReplyKind
from tests.catalog import seed_context
from tests.integration.world import entries, on_hand

LENDABLE = """sku,name,unit,packs,on_hand,lendable
HS-USB,USB headset,headset,,10,yes
CAB-HDMI,HDMI cable,cable,bag=5,20,yes
"""


@pytest.fixture
def bot(telling, uow):
    assert not import_csv("stock", LENDABLE.encode(), uow, seed_context()).errors
    return telling


def say(bot, who, text):
    return bot.handle(who, text, source=f"test:{who}:{text}")[-1]


def loans(uow, who):
    with uow(read_only=True) as tx:
        return {loan.sku: loan.quantity for loan in tx.loans.held_by(who)}


def test_lent_off_the_shelf_and_given_back(bot, uow):
    lent = say(bot, "bob", "borrow 2 headsets until friday")
    assert lent.kind is ReplyKind.CHANGE and "8 headsets left" in lent.text
    assert on_hand(uow, "HS-USB") == 8 and loans(uow, "bob") == {"HS-USB": 2}
    entry = entries(uow)[-1]
    assert entry.action is Action.LEND and entry.quantity == -2 and entry.changes["holder"] == ("bob", "bob")
    back = say(bot, "bob", "returned 1 headset")
    assert back.kind is ReplyKind.CHANGE and "1 headset still out" in back.text
    assert on_hand(uow, "HS-USB") == 9 and loans(uow, "bob") == {"HS-USB": 1}
    say(bot, "bob", "returned the headsets")
    assert on_hand(uow, "HS-USB") == 10 and loans(uow, "bob") == {}


def test_packs_are_lent_in_base_units(bot, uow):
    say(bot, "bob", "borrow a bag of hdmi cables")
    assert loans(uow, "bob") == {"CAB-HDMI": 5} and on_hand(uow, "CAB-HDMI") == 15


def test_lost_or_broken_units_come_off_the_loan_but_not_back_on_the_shelf(bot, uow):
    say(bot, "bob", "borrow 3 headsets")
    reply = say(bot, "bob", "returned 2 headsets, the other one is broken")
    assert "1 damaged" in reply.text and loans(uow, "bob") == {}
    assert on_hand(uow, "HS-USB") == 9  # 10 - 3 + 2: the broken one is not on the shelf
    assert entries(uow)[-1].note == "1 damaged"


def test_more_than_the_shelf_or_the_loan_is_refused_and_changes_nothing(bot, uow):
    before = len(entries(uow))
    too_many = say(bot, "bob", "borrow 11 headsets")
    assert too_many.kind is ReplyKind.REFUSAL and on_hand(uow, "HS-USB") == 10
    say(bot, "bob", "borrow 2 headsets")
    more_back = say(bot, "bob", "returned 3 headsets")
    assert more_back.kind is ReplyKind.REFUSAL and "2 headsets" in more_back.text
    none_held = say(bot, "carol", "returned 1 headset")
    assert none_held.kind is ReplyKind.REFUSAL and "no USB headset on loan" in none_held.text
    assert len(entries(uow)) == before + 1 and loans(uow, "bob") == {"HS-USB": 2}


def test_consumables_borrowed_are_used_and_returned_ones_are_refused(bot, uow):
    used = say(bot, "bob", "borrow 2 boxes of paper")
    assert used.kind is ReplyKind.CHANGE and on_hand(uow, "PAP-A4") == 30  # 40 - 2 boxes of 5
    refused = say(bot, "bob", "returned 2 reams of paper")
    assert refused.kind is ReplyKind.REFUSAL and "put back" in refused.text and on_hand(uow, "PAP-A4") == 30


def test_undo_puts_the_loan_and_the_shelf_back(bot, uow):
    say(bot, "bob", "borrow 2 headsets")
    say(bot, "bob", "returned 1 headset")
    say(bot, "bob", "undo")
    assert loans(uow, "bob") == {"HS-USB": 2} and on_hand(uow, "HS-USB") == 8
    say(bot, "bob", "undo")
    assert loans(uow, "bob") == {} and on_hand(uow, "HS-USB") == 10


def test_who_has_them_what_i_have_and_the_export(bot, uow):
    say(bot, "bob", "borrow 2 headsets until friday")
    say(bot, "maria", "lend @carol 1 headset")
    who = say(bot, "alice", "who has the headsets?")
    assert (
        "bob 2 headsets" in who.text
        and "carol 1 headset" in who.text
        and "7 headsets on the shelf" in who.text
    )
    mine = say(bot, "bob", "what do I have?")
    assert "2 headsets of USB headset (HS-USB) on loan, due Fri 4 Dec" in mine.text
    out = io.StringIO()
    export("loans", uow, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["sku"], r["holder"], r["quantity"]) for r in rows] == [
        ("HS-USB", "bob", "2"),
        ("HS-USB", "carol", "1"),
    ]
    assert rows[0]["due"].startswith("2026-12-04") and rows[1]["due"] == "" and rows[0]["since"]


def test_an_overdue_loan_is_in_the_digest_and_its_holder_is_reminded(bot, uow, clock):
    from datetime import timedelta, timezone

    from services.alerts import compute, digest_text, local_time, notice_text

    say(bot, "bob", "borrow 2 headsets until tomorrow")
    clock.now += timedelta(days=2)
    with uow(read_only=True) as tx:
        run = compute(tx, clock.now, timezone.utc)
    (late,) = run.overdue
    assert late.tag == "HS-USB" and late.holder == "bob" and late.quantity == 2
    assert "2 headsets of USB headset: bob" in digest_text(run, local_time(timezone.utc))
    assert "overdue" in notice_text(late, local_time(timezone.utc))
    assert late.key(clock.now.date()) != late.__class__(**{**vars(late), "holder": "carol"}).key(
        clock.now.date()
    )
