"""Phrasings people really type, each with the command it must give. The clock
is Monday 2026-11-30 09:00 UTC."""

from datetime import datetime, timezone

import pytest

from domain.commands import Command
from domain.language import parse

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def show(command: Command) -> str:
    parts = [command.name]
    for name, value in vars(command).items():
        if not (value is None or value is False or value == ""):
            value = value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value
            parts.append(f"{name}={value}")
    return " ".join(parts)


CORPUS = [
    # check out
    ("check out laptop A-1042", "check_out ref=laptop a-1042"),
    ("checkout A-1042", "check_out ref=a-1042"),
    ("Can I borrow the projector until Friday?", "check_out ref=projector due=2026-12-04T17:00"),
    ("borrow the projector for @bob until Friday", "check_out ref=projector person=bob due=2026-12-04T17:00"),
    (
        "grab the drill for 3 days",
        "take ref=drill due=2026-12-03T09:00",
    ),  # a check-out once the drill is an asset
    ("sign out a camera till tomorrow 5pm", "check_out ref=camera due=2026-12-01T17:00"),
    ("check out A-1042 and A-2001", "check_out ref=a-1042 | check_out ref=a-2001"),
    (
        "I'd like to check out the laser measure by end of month, thanks!",
        "check_out ref=laser measure due=2026-11-30T17:00",
    ),
    ("take the camera", "take ref=camera"),
    # check in
    ("return A-1042", "check_in ref=a-1042"),
    ("returned the drill - battery is dead", "check_in ref=drill note=battery is dead"),
    ("A-1042 is back", "check_in ref=a-1042"),
    ("the projector is back now", "check_in ref=projector"),
    ("done with the camera", "check_in ref=camera"),
    ("bringing back the ipad", "check_in ref=ipad"),
    ("check in A-1042 and A-1043", "check_in ref=a-1042 | check_in ref=a-1043"),
    # consume
    ("we used 3 boxes of paper", "consume ref=paper count=3 pack=box"),
    ("used 2 reams of paper and 1 toner", "consume ref=paper count=2 pack=ream | consume ref=toner count=1"),
    ("Used THREE boxes of Paper", "consume ref=paper count=3 pack=box"),
    ("we went through twenty-five pens", "consume ref=pens count=25"),
    ("took a dozen AA batteries", "take ref=aa batteries count=12"),
    ("used 2 packs of AA batteries", "consume ref=aa batteries count=2 pack=pack"),
    ("finished a case of tape", "consume ref=tape count=1 pack=case"),
    ("used paper x3", "consume ref=paper count=3"),
    ("3 boxes of gloves used", "consume ref=gloves count=3 pack=box"),
    # receive
    ("received 10 reams of paper", "receive ref=paper count=10 pack=ream"),
    ("got a delivery of 4 toner", "receive ref=toner count=4"),
    ("restocked a case of tape", "receive ref=tape count=1 pack=case"),
    ("added two boxes of pens", "receive ref=pens count=2 pack=box"),
    # count
    ("count paper 42", "count ref=paper count=42"),
    ("we have 12 toner left", "count ref=toner count=12"),
    ("set paper to 40", "count ref=paper count=40"),
    ("toner count is 7", "count ref=toner count=7"),
    ("stocktake gloves 800", "count ref=gloves count=800"),
    # questions
    ("who has A-1042?", "who_has ref=a-1042"),
    ("who's got the projector", "who_has ref=projector"),
    ("where is the drill?", "where_is ref=drill"),
    ("how many reams of paper do we have", "how_many ref=paper"),
    ("how much toner is left", "how_many ref=toner"),
    ("is the projector available?", "is_available ref=projector"),
    ("info A-1042", "info ref=a-1042"),
    ("tell me about the camera", "info ref=camera"),
    ("what is A-1042 worth?", "worth ref=a-1042"),
    ("what do I have", "my_items"),
    ("what's low?", "low_stock"),
    ("undo", "undo"),
    ("oops undo that", "undo"),
    ("help", "help"),
    # manager
    ("set reorder point for paper to 20", "set_reorder ref=paper count=20"),
    ("retire A-2001", "retire ref=a-2001"),
    ("edit A-1042 location Meeting room B", "edit ref=a-1042 field=location value=Meeting room B"),
    ("add asset A-3001 Dell Latitude 7440", "add_asset tag=A-3001 description=Dell Latitude 7440"),
    ("add stock PAP-1 Copy paper A4 in reams", "add_stock sku=PAP-1 description=Copy paper A4 unit=reams"),
    # noise and markup
    ("<@U0BOT> *check out* A-1042 :laptop: pls", "check_out ref=a-1042"),
    ("check out A-1042 for <@U123>", "check_out ref=a-1042 person=U123"),
    ("used   3    boxes of paper!!!", "consume ref=paper count=3 pack=box"),
    # not commands
    ("hi", "unknown"),
    ("", "unknown"),
    ("lunch anyone?", "unknown words=lunch anyone"),  # the words, to say what was understood of them
    ("rm -rf /", "unknown words=rm -rf /"),
]


@pytest.mark.parametrize("text,expected", CORPUS, ids=[t or "<empty>" for t, _ in CORPUS])
def test_phrasing_gives_the_expected_commands(text, expected):
    assert " | ".join(show(c) for c in parse(text, NOW, timezone.utc)) == expected


def test_times_are_read_in_the_given_zone():
    from zoneinfo import ZoneInfo

    (command,) = parse("check out A-1 until tomorrow 9am", NOW, ZoneInfo("America/New_York"))
    assert command.due == datetime(2026, 12, 1, 14, 0, tzinfo=timezone.utc)


def test_slack_mentions_map_to_names_when_known():
    (command,) = parse("check out A-1 for <@U123>", NOW, timezone.utc, names={"U123": "bob"})
    assert command.person == "bob"


@pytest.mark.parametrize(
    "text, expected",
    [
        # punctuation a dictating phone spelled out ("full stop" is no "stop")
        ("stock take ethernet cables thirty five full stop", "count ref=ethernet cables count=35"),
        (
            "check out the zebra printer until five pm full stop",
            "check_out ref=zebra printer due=2026-11-30T17:00",
        ),
        # phone and regional shorthand
        ("whats overdue rn lol", "list overdue=True"),
        ("moved the zoom camera too the help desk", "move ref=zoom camera where=location to=help desk"),
        ("howzit, check out the drill for 2 days", "check_out ref=drill due=2026-12-02T09:00"),
        # a pack and loose units of one item
        (
            "went through a whole bag of patch cables + 3 loose ones",
            "consume ref=patch cables count=1 pack=bag; consume ref=patch cables count=3",
        ),
    ],
)
def test_dictation_and_phone_shorthand(text, expected):
    assert "; ".join(show(c) for c in parse(text, NOW)) == expected
