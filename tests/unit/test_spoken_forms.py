"""Forms people say more than type (and that a recognizer writes): numbers in
words, battery sizes, a trailing remark, habits and second thoughts."""

from datetime import datetime, timezone

import pytest

from domain import commands as C
from domain.language import parse
from domain.language.normalize import normalize
from domain.language.numbers import large_numbers_as_digits

NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "said,written",
    [
        ("we have six hundred and fifty gloves", "we have 650 gloves"),
        ("set blue pens to a hundred and twelve", "set blue pens to 112"),
        ("zip tie count is fifteen hundred", "zip tie count is 1500"),
        ("two thousand five hundred labels", "2500 labels"),
        ("who has a twelve hundred", "who has a 1200"),  # a tag said aloud (A-1200), not 1300
        ("two hundred and the drill", "200 and the drill"),
        ("paper and six hundred and fifty gloves", "paper and 650 gloves"),  # not "and six..."
        ("check out A four one hundred", "check out A four one hundred"),  # a tag digit by digit
        ("the supplier is Thousand Oaks Office Supply", "the supplier is Thousand Oaks Office Supply"),
        ("rename it to One Hundred Stationers", "rename it to One Hundred Stationers"),
        ("thousand island dressing", "thousand island dressing"),
        ("three boxes", "three boxes"),  # small numbers stay words: the parser reads them
    ],
)
def test_large_numbers_said_whole_become_digits(said, written):
    assert large_numbers_as_digits(said) == written


def test_a_large_number_is_one_amount_not_a_list():
    (count,) = parse("we have six hundred and fifty nitrile gloves on the shelf", NOW)
    assert isinstance(count, C.Count) and count.count == 650 and count.ref == "nitrile gloves"


@pytest.mark.parametrize(
    "said,written",
    [
        ("took a pack of double a batteries", "took a pack of AA batteries"),
        ("how many triple a's are left", "how many AAA batteries are left"),
        ("seen it in clinic room three", "seen it in clinic room 3"),
    ],
)
def test_spoken_names_are_written_as_typed(said, written):
    assert normalize(said) == written


@pytest.mark.parametrize(
    "text,kind,ref,count,pack",
    [
        ("three pallets of paper just arrived", C.Receive, "paper", 3, "pallet"),
        ("got 8 more usb c chargers delivered", C.Receive, "usb c chargers", 8, None),
        ("add two hundred and forty masks to stock", C.Receive, "masks", 240, None),
        ("restock sanitizer 2 boxes came in", C.Receive, "sanitizer", 2, "box"),
        ("used 2 more boxes of paper", C.Consume, "paper", 2, "box"),
    ],
)
def test_stock_said_in_passing(text, kind, ref, count, pack):
    (command,) = parse(text, NOW)
    assert (type(command), command.ref, command.count, command.pack) == (kind, ref, count, pack)


@pytest.mark.parametrize("text", ["is anything overdue", "hey, are any items overdue?"])
def test_is_anything_overdue_lists_the_overdue(text):
    (command,) = parse(text, NOW)
    assert isinstance(command, C.ListAssets) and command.overdue


def test_scratch_that_then_undo_is_an_undo():
    assert parse("scratch that, undo my last change", NOW) == [C.Undo()]
    assert parse("check out the drill, scratch that", NOW)[0].changes is False  # still taken back
    # a change then "no wait, undo": nothing is done (not the change, then half of an undo)
    assert not any(c.changes for c in parse("check out A-1042 and A-1043. no wait, undo", NOW))


def test_a_condition_is_no_delivery():
    assert not any(
        isinstance(c, C.Receive) and c.ref == "paper" for c in parse("restock paper if 3 boxes arrived", NOW)
    )


@pytest.mark.parametrize(
    "text", ["i used to have a drill like that at home", "we used to use 3 boxes a week"]
)
def test_what_once_was_is_no_use_of_stock(text):
    assert not any(c.changes for c in parse(text, NOW))


def test_extending_a_loan_names_the_item():
    (command,) = parse("extend my loan on the ipad for three more days", NOW)
    assert isinstance(command, C.Extend) and command.ref == "ipad" and command.days == 3
    (command,) = parse("renew my loan for three more days", NOW)  # which loan: asked, not "days"
    assert command.days == 3 and command.ref != "days"


def test_the_item_then_used_then_how_many():
    (command,) = parse("sharps bins used 2", NOW)
    assert isinstance(command, C.Consume) and (command.ref, command.count) == ("sharps bins", 2)


def test_an_item_moved_somewhere_is_a_move_and_a_person_moving_is_not():
    (command,) = parse("vaccine fridge moved to exam room 2", NOW)
    assert isinstance(command, C.Move) and command.ref == "vaccine fridge" and command.to == "exam room 2"
    assert not any(c.changes for c in parse("I moved to the new office", NOW))
    assert not any(c.changes for c in parse("the meeting moved to thursday", NOW))


def test_where_is_it_at():
    (command,) = parse("wheres the copier at", NOW)
    assert isinstance(command, C.WhereIs) and command.ref == "copier"


def test_packs_in_from_a_supplier_are_received():
    (command,) = parse("4 cases blue roll in from bunzl", NOW)
    assert isinstance(command, C.Receive) and (command.count, command.pack) == (4, "case")


def test_a_mistyped_pack_is_the_one_pack_it_is_close_to():
    from domain.values import Packs, to_base_units

    packs = Packs.parse("bundle=20;pallet=400")
    assert to_base_units(2, "bundels", "box", packs, "Shipping boxes") == 40
    with pytest.raises(Exception, match="doesn't come in"):
        to_base_units(2, "bag", "box", packs, "Shipping boxes")  # nothing like it: refused, never guessed


def test_who_has_them_out():
    (command,) = parse("who has headsets out?", NOW)
    assert isinstance(command, C.WhoHas) and command.ref == "headsets"
