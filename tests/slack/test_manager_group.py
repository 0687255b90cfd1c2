"""Managers from a Slack user group (QM_MANAGER_GROUP), besides QM_MANAGERS, through the
real Bolt app and the strict double: a member may do a manager's things, a non-member may
not; the group is asked of Slack again after a while, and a failed refresh keeps the last answer."""

import pytest
from slack_sdk import WebClient

from bot.slack.roles import Managers
from tests.catalog import seed
from tests.slack.harness import SlackBot


@pytest.fixture
def grouped(fake, database_url):
    fake.groups["S0MANAGERS"] = ["UALICE"]
    bot = SlackBot(fake, database_url, env={"QM_MANAGER_GROUP": "S0MANAGERS"})
    seed(bot.core.uow)
    bot.start()
    yield bot
    bot.stop()


def last_reply(fake, channel):
    return [p for p in fake.called("chat.postMessage") if p["channel"] == channel][-1]["text"]


def test_a_group_member_is_a_manager_and_others_are_not(grouped, fake):
    grouped.message("retire A-2002", user="UALICE", channel="DALICE")
    grouped.settle()
    assert "Retired" in last_reply(fake, "DALICE")
    grouped.message("retire A-2001", user="UBOB", channel="DBOB")
    grouped.settle()
    assert "only managers" in last_reply(fake, "DBOB")
    assert grouped.holder("A-2001") is None
    assert [p["usergroup"] for p in fake.called("usergroups.users.list")] == ["S0MANAGERS"]  # cached


def test_the_group_is_refreshed_and_a_failure_keeps_the_last_members(fake):
    fake.groups["S0MANAGERS"] = ["UALICE"]
    now = [0.0]
    client = WebClient(token="xoxb-test", base_url=fake.api_url)
    managers = Managers(("UMARIA",), "S0MANAGERS", client, refresh=60, clock=lambda: now[0])
    assert "UALICE" in managers and "UMARIA" in managers and "UBOB" not in managers
    fake.groups["S0MANAGERS"] = ["UBOB"]
    assert "UALICE" in managers  # still cached
    now[0] = 61
    assert "UBOB" in managers and "UALICE" not in managers
    del fake.groups["S0MANAGERS"]  # Slack answers no_such_subteam: the last members stand
    fake.expect_refusal("usergroups.users.list", "no_such_subteam")
    now[0] = 200
    assert "UBOB" in managers and list(managers) == ["UMARIA", "UBOB"]
