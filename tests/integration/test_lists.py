"""Lists in chat, answered from the database a page at a time, and who used
the most of a stock item (SQLite and PostgreSQL)."""

import re
from datetime import timedelta

import pytest

from services.csv_import import import_csv
from services.inbound import Attachment, Inbound
from services.replies import ReplyKind
from tests.catalog import seed, seed_context

LAPTOPS = 60  # besides the two Dell laptops of the test catalog
STATUS_LINE = re.compile(r"^(?P<tag>[A-Z]-\d+) \(")


@pytest.fixture
def bot(assistant, uow):
    seed(uow)
    return assistant


@pytest.fixture
def many(bot, uow):
    rows = "asset_tag,name,category,location,department\n" + "".join(
        f"L-{n:03d},Lenovo ThinkPad laptop,laptop,IT store,IT\n" for n in range(LAPTOPS)
    )
    assert not import_csv("assets", rows.encode(), uow, seed_context()).errors
    return bot


def say(bot, who, text):
    replies = bot.handle(who, text, source=f"test:{who}")
    assert len(replies) == 1
    return replies[0]


def tags(reply) -> list[str]:
    return [m["tag"] for line in reply.text.splitlines() if (m := STATUS_LINE.match(line))]


def test_a_list_by_kind_names_every_unit_of_it(bot):
    reply = say(bot, "alice", "list all the projectors")
    assert reply.kind is ReplyKind.ANSWER and reply.more is None
    assert reply.text.splitlines()[0] == "2 items:" and tags(reply) == ["A-2001", "A-2002"]
    assert tags(say(bot, "alice", "what tools do we have?")) == ["A-3001"]
    assert (
        say(bot, "alice", "list all the toner").text
        == "HP 26A toner cartridge: 3 cartridges (1 box + 1 cartridge) on hand."
    )
    assert say(bot, "alice", "list all the unicorns").text.startswith("No assets are called “unicorns”")


def test_a_list_by_team_or_department(bot):
    facilities = say(bot, "alice", "what does the Facilities team have?")
    assert sorted(tags(facilities)) == ["A-2001", "A-2002", "A-3001"]
    assert sorted(tags(say(bot, "alice", "what's in the it dept?"))) == ["A-1042", "A-1043"]
    assert sorted(tags(say(bot, "alice", "list the Facilities department's kit"))) == sorted(tags(facilities))
    assert sorted(tags(say(bot, "alice", "what does facilities have?"))) == sorted(tags(facilities))
    say(bot, "bob", "check out A-1042")
    assert tags(say(bot, "maria", "what does bob have?")) == ["A-1042"]  # a person stays a person
    unknown = say(bot, "alice", "what does the AV team have?")
    assert unknown.kind is ReplyKind.REFUSAL and unknown.text == (
        "I don't know a place or team called “AV”. "
        "I know Facilities, IT, IT store, Meeting room A, Meeting room B, Supply closet, Workshop."
    )


def test_a_list_by_status_alone_or_with_a_kind(bot):
    say(bot, "bob", "check out A-1042")
    say(bot, "bob", "check out the epson projector")
    out = say(bot, "alice", "show me everything that's checked out")
    assert sorted(tags(out)) == ["A-1042", "A-2001"] and "is with bob" in out.text
    assert tags(say(bot, "alice", "which laptops are checked out?")) == ["A-1042"]
    assert tags(say(bot, "alice", "which laptops are free?")) == ["A-1043"]


def test_a_due_window_lists_what_is_due_back_by_its_end(bot):
    say(bot, "bob", "check out A-1042 until wednesday")
    say(bot, "bob", "check out the drill for 10 days")
    week = say(bot, "alice", "what's due back this week?")
    assert tags(week) == ["A-1042"] and "due Wed 2 Dec 17:00" in week.text
    assert tags(say(bot, "alice", "what's due back next week?")) == ["A-3001"]  # Thu 10 Dec 9:00
    assert tags(say(bot, "alice", "anything due between tuesday and thursday")) == ["A-1042"]
    assert say(bot, "alice", "what's due between friday and sunday").text == "Nothing like that right now."


def test_a_long_list_comes_a_page_at_a_time_and_more_continues_it(many):
    first = say(many, "alice", "list all the laptops")
    lines = first.text.splitlines()
    assert lines[0] == "62 items, 1–25:" and len(tags(first)) == 25
    assert lines[-1] == "…and 37 more: say “more” for the next 25."
    second = say(many, "alice", "more")
    assert second.text.splitlines()[0] == "62 items, 26–50:" and len(tags(second)) == 25
    assert second.text.splitlines()[-1] == "…and 12 more: say “more” for the next 12."
    third = say(many, "alice", "next page")
    assert third.text.splitlines()[0] == "62 items, 51–62:" and len(tags(third)) == 12
    assert third.more is None and "more" not in third.text.splitlines()[-1]
    shown = tags(first) + tags(second) + tags(third)
    assert len(set(shown)) == 62 and {"A-1042", "A-1043"} <= set(shown)
    done = say(many, "alice", "show more")
    assert done.text == "That was the whole list; there is no more to show."


def test_more_with_nothing_to_continue_says_so(many, clock):
    nothing = say(many, "alice", "more")
    assert nothing.kind is ReplyKind.ANSWER and nothing.text.startswith("There's no list to continue")
    say(many, "alice", "list all the laptops")
    assert say(many, "bob", "more").text.startswith("There's no list to continue")  # alice's list is hers
    clock.now += timedelta(hours=1)
    assert say(many, "alice", "more").text.startswith("There's no list to continue")  # too long ago
    say(many, "alice", "list all the laptops")
    say(many, "alice", "list all the projectors")  # a newer list, shown whole
    assert say(many, "alice", "more").text == "That was the whole list; there is no more to show."


def test_a_filtered_list_pages_with_its_filters(many):
    for n in range(30):
        say(many, "bob", f"check out L-{n:03d}")
    first = say(many, "alice", "which laptops are checked out?")
    assert first.text.splitlines()[0] == "30 items, 1–25:"
    rest = say(many, "alice", "more")
    assert rest.text.splitlines()[0] == "30 items, 26–30:"
    assert sorted(tags(first) + tags(rest)) == [f"L-{n:03d}" for n in range(30)]


def test_top_users_of_a_stock_item_are_summed_from_the_ledger(bot, clock):
    say(bot, "alice", "used 3 boxes of paper")
    say(bot, "bob", "used 2 reams of paper")
    say(bot, "bob", "used 2 reams of paper")
    say(bot, "carol", "used 1 ream of paper")
    say(bot, "carol", "undo")  # undone: not counted
    say(bot, "dave", "used 2 pens")  # another item
    reply = say(bot, "erin", "who used the most paper?")
    assert reply.text.splitlines() == [
        "Copy paper A4 used in the last 30 days, by person:",
        "1. alice: 15 reams (3 boxes) (1 time)",
        "2. bob: 4 reams (2 times)",
        "In all: 19 reams (3 boxes + 4 reams).",
    ]
    clock.now += timedelta(days=2)  # Wednesday 2 December
    assert say(bot, "erin", "who used the most paper this month?").text == (
        "Nobody used any Copy paper A4 this month."
    )
    last_month = say(bot, "erin", "top users of paper last month").text
    assert "1. alice: 15 reams" in last_month and "Copy paper A4 used last month" in last_month
    clock.now += timedelta(days=40)
    assert "Nobody used any" in say(bot, "erin", "who goes through the most paper?").text


def test_more_said_in_a_voice_clip_continues_the_list(many):
    say(many, "alice", "list all the laptops")
    clip = Attachment("audio", b"", "more")  # Slack's own transcript of the clip
    outcome = many.receive(Inbound(many.person("alice"), attachments=(clip,), source="test:voice"))
    (reply,) = outcome.replies
    assert reply.text.splitlines()[:2] == ["Heard: “more”.", "62 items, 26–50:"]
