"""People who leave, several items at once, and warranty and service dates,
through the real assistant: all or nothing, both people told, managers only
where the contract says so."""

import csv
import io

import pytest

from domain.ledger import Action
from services.csv_export import export
from services.csv_import import import_csv
from services.replies import ReplyKind
from tests.catalog import seed_context
from tests.integration.world import asset, entries, on_hand

LENDABLE = "sku,name,unit,on_hand,lendable\nHS-USB,USB headset,headset,10,yes\n"
UPKEEP = """asset_tag,name,purchase_date,warranty_until,service_interval_months,last_service
A-2001,Epson projector,2023-09-01,2026-12-20,12,2025-12-15
A-2002,BenQ portable projector,2024-06-20,2027-06-20,,
A-3001,Makita cordless drill,2022-05-03,2026-11-01,6,2026-03-01
"""


@pytest.fixture
def bot(telling, uow):
    assert not import_csv("stock", LENDABLE.encode(), uow, seed_context()).errors
    say(telling, "bob", "check out A-1042 until friday")
    say(telling, "bob", "check out the drill")
    say(telling, "bob", "borrow 2 headsets")
    say(telling, "dana", "check out the beamer")  # dana is someone the bot knows
    return telling


def say(bot, who, text):
    return bot.handle(who, text, source=f"test:{who}:{text}")[-1]


def test_what_someone_holds_is_for_managers_and_themselves(bot):
    theirs = say(bot, "maria", "what does @bob have?")
    assert "A-1042" in theirs.text and "A-3001" in theirs.text and "2 headsets of USB headset" in theirs.text
    assert say(bot, "bob", "what do I have?").text.startswith("You have 2 items and 1 loan of stock")
    refused = say(bot, "carol", "what does @bob have?")
    assert refused.kind is ReplyKind.REFUSAL and "A-1042" not in refused.text


def test_transfer_everything_moves_assets_and_loans_and_tells_both(bot, uow):
    due = asset(uow, "A-1042").due
    reply = say(bot, "maria", "transfer everything from @bob to @dana")
    assert reply.kind is ReplyKind.CHANGE
    assert asset(uow, "A-1042").holder == "dana" and asset(uow, "A-1042").due == due  # due dates kept
    assert asset(uow, "A-3001").holder == "dana" and on_hand(uow, "HS-USB") == 8
    with uow(read_only=True) as tx:
        assert [(loan.holder, loan.quantity) for loan in tx.loans.of_item("HS-USB")] == [("dana", 2)]
    assert {n.person for n in bot.told[-2:]} == {"bob", "dana"}
    moved = [e for e in entries(uow) if e.note and e.note.startswith("transferred")]
    assert len(moved) == 3 and all(e.actor == "maria" for e in moved)  # two assets, one loan
    say(bot, "maria", "undo")  # the whole transfer: the loan and the assets back with bob
    with uow(read_only=True) as tx:
        assert [(loan.holder, loan.quantity) for loan in tx.loans.of_item("HS-USB")] == [("bob", 2)]
    assert (
        on_hand(uow, "HS-USB") == 8
        and asset(uow, "A-1042").holder == "bob"
        and asset(uow, "A-3001").holder == "bob"
    )


def test_transfers_and_returns_for_others_are_refused_to_employees_and_strangers(bot, uow):
    before = len(entries(uow))
    assert say(bot, "carol", "transfer everything from @bob to @dana").kind is ReplyKind.REFUSAL
    stranger = say(bot, "maria", "transfer everything from @bob to @zed")
    assert stranger.kind is ReplyKind.REFUSAL and "zed" in stranger.text
    assert say(bot, "carol", "return everything @bob had").kind is ReplyKind.REFUSAL
    assert len(entries(uow)) == before and asset(uow, "A-1042").holder == "bob"


def test_return_everything_someone_had(bot, uow):
    reply = say(bot, "maria", "bob's leaving friday, return all his stuff")
    assert reply.kind is ReplyKind.CHANGE and "A-1042" in reply.text
    assert asset(uow, "A-1042").holder is None and asset(uow, "A-3001").holder is None
    assert on_hand(uow, "HS-USB") == 10 and bot.told[-1].person == "bob"


def test_several_items_in_one_message_are_all_or_nothing(bot, uow):
    before = len(entries(uow))
    refused = say(bot, "carol", "check out A-1043 and A-1042")  # A-1042 is bob's
    assert refused.kind is ReplyKind.REFUSAL and asset(uow, "A-1043").holder is None
    assert len(entries(uow)) == before
    both = bot.handle("bob", "return everything", source="test:bob:everything")
    assert all(r.kind is ReplyKind.CHANGE for r in both)
    assert (
        asset(uow, "A-1042").holder is None
        and asset(uow, "A-3001").holder is None
        and on_hand(uow, "HS-USB") == 10
    )


def test_warranty_and_service_dates_come_from_the_csv_and_chat(bot, uow):
    result = import_csv("assets", UPKEEP.encode(), uow, seed_context())
    assert not result.errors, result.errors
    ending = say(bot, "maria", "which warranties run out this month?")
    assert "A-2001" in ending.text and "A-2002" not in ending.text and "A-3001" not in ending.text
    due = say(bot, "maria", "what's due for service?")
    assert "A-2001 (Epson projector): service due Tue 15 Dec 2026" in due.text
    assert "A-3001 (Makita cordless drill): service overdue since Tue 1 Sep 2026" in due.text
    done = say(bot, "carol", "the drill has been serviced today")
    assert done.kind is ReplyKind.CHANGE and "Next service due Sun 30 May 2027" in done.text
    assert (
        entries(uow)[-1].action is Action.SERVICE and "A-3001" not in say(bot, "maria", "services due").text
    )
    card = say(bot, "alice", "is the beamer still under warranty?")
    assert "Warranty ends Sun 20 Dec 2026" in card.text and "Service every 12 months" in card.text
    out = io.StringIO()
    export("assets", uow, out)
    row = next(r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["asset_tag"] == "A-3001")
    assert (row["warranty_until"], row["service_interval_months"], row["last_service"]) == (
        "2026-11-01",
        "6",
        "2026-11-30",
    )


def test_snipe_it_warranty_months_count_from_the_purchase_date(uow):
    rows = "Asset Tag,Item Name,Purchase Date,Warranty Months\nS-1,Laptop,2025-02-10,36\nS-2,Phone,,12\n"
    result = import_csv("assets", rows.encode(), uow, seed_context())
    assert not result.written and result.errors[0].line == 3 and "purchase date" in result.errors[0].message
    good = import_csv("assets", rows.encode(), uow, seed_context(), skip_bad=True)
    assert good.created == 1 and asset(uow, "S-1").warranty_until.isoformat() == "2028-02-10"


def test_a_manager_passes_on_all_their_own_stuff_and_an_employee_may_not(bot, uow):
    assert say(bot, "bob", "transfer all my stuff to @dana").kind is ReplyKind.REFUSAL
    assert asset(uow, "A-1042").holder == "bob"
    say(bot, "maria", "check out A-2002")
    reply = say(bot, "maria", "transfer all my stuff to @dana")
    assert (
        reply.kind is ReplyKind.CHANGE and "you held" in reply.text and asset(uow, "A-2002").holder == "dana"
    )
    assert (
        say(bot, "maria", "transfer all my stuff to @dana").text
        == "You hold nothing, so nothing was changed."
    )
