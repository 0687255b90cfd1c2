"""Whatever arrives, the parser answers with commands and never raises."""

from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from domain import commands as C
from domain.commands import Command
from domain.language import parse

NOW = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)
ITEM_COMMANDS = (C.CheckOut, C.CheckIn, C.Take, C.Consume, C.Receive, C.Count)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text):
    commands = parse(text, NOW, timezone.utc)
    assert commands and all(isinstance(c, Command) for c in commands)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x20), max_size=200))
def test_control_characters_alone_are_not_a_command(text):
    assert parse(text, NOW, timezone.utc) == [C.Unknown()]


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=40).map(lambda chunk: "used 3 boxes of " + chunk * 1000))
def test_very_long_text_is_cut_and_still_answered(text):
    assert parse(text, NOW, timezone.utc)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["used", "check out", "received", "return", "count"]),
    st.text(alphabet=" \t!?.,;:-", max_size=20),
)
def test_a_verb_with_nothing_after_it_names_no_item(verb, noise):
    for command in parse(f"{verb}{noise}", NOW, timezone.utc):
        assert not isinstance(command, ITEM_COMMANDS) or command.ref is None
