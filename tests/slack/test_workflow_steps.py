"""Workflow Builder steps through the real Bolt app and the strict double: a
`function_executed` event runs the step as the person who ran the workflow, and
the step completes with what was done (functions.completeSuccess, its outputs
checked against the manifest) or fails with the reason (functions.completeError)."""

from datetime import date, datetime, time, timedelta, timezone

import pytest

NEXT_WEEK = date.today() + timedelta(days=7)  # the harness runs on the real clock


def started(user: str) -> dict:
    """Slack's interactivity input: who started the workflow, filled in by Slack."""
    return {"interactivity_pointer": f"13.{user}.abc", "interactor": {"id": user, "secret": "s3cr3t"}}


def run(slack, fake, callback_id, **inputs):
    event = fake.step_event(callback_id, inputs)
    status, _ = slack.event(event)
    assert status == 200
    slack.settle()
    token, state, outcome, _ = fake.executions[event["function_execution_id"]]
    return state, outcome


@pytest.fixture
def wf(slack):
    return slack


def test_check_out_to_a_person_completes_with_what_was_done(wf, fake):
    state, outcome = run(
        wf,
        fake,
        "check_out_to_person",
        item="A-1042",
        person="UBOB",
        until=NEXT_WEEK.isoformat(),
        started_by=started("UMARIA"),
    )
    assert state == "completed" and "A-1042" in outcome["summary"], outcome
    assert wf.holder("A-1042") == "UBOB"
    (done,) = fake.called("functions.completeSuccess")
    assert done["_token"].startswith("xwfp-")  # the execution's own token, not the bot's


def test_a_refused_step_fails_with_the_reason_and_changes_nothing(wf, fake):
    wf.message("check out A-1042", user="UALICE", channel="DALICE")
    wf.settle()
    before = wf.ledger_size()
    state, error = run(
        wf, fake, "check_out_to_person", item="A-1042", person="UBOB", started_by=started("UMARIA")
    )
    assert state == "failed" and "already checked out" in error and wf.ledger_size() == before


def test_return_everything_needs_a_manager_running_it(wf, fake):
    wf.message("check out A-1042", user="UBOB", channel="DBOB")
    wf.message("check out the drill", user="UBOB", channel="DBOB")
    wf.settle()
    state, error = run(wf, fake, "return_everything_from_person", person="UBOB", started_by=started("UALICE"))
    assert state == "failed" and "only managers" in error and wf.holder("A-1042") == "UBOB"
    state, outcome = run(
        wf, fake, "return_everything_from_person", person="UBOB", started_by=started("UMARIA")
    )
    assert state == "completed" and wf.holder("A-1042") is None and wf.holder("A-3001") is None


def test_book_an_item(wf, fake):
    start = int(datetime.combine(NEXT_WEEK, time(14), timezone.utc).timestamp())
    state, outcome = run(
        wf, fake, "book_item", item="the beamer", start=start, end=start + 7200, started_by=started("UALICE")
    )
    assert state == "completed" and "A-2001" in outcome["summary"]
    state, error = run(
        wf, fake, "book_item", item="the beamer", start=start, end=start + 3600, started_by=started("UBOB")
    )
    assert state == "failed" and "booked" in error


def test_a_retried_event_runs_the_step_once(wf, fake):
    event = fake.step_event(
        "check_out_to_person", {"item": "A-1043", "person": "UBOB", "started_by": started("UMARIA")}
    )
    wf.event(event, event_id="EvSTEP1")
    wf.event(event, event_id="EvSTEP1", retry=1)
    wf.settle()
    assert len(fake.called("functions.completeSuccess")) == 1 and wf.holder("A-1043") == "UBOB"


def test_the_step_acts_as_who_started_it_and_nothing_else(wf, fake):
    wf.message("check out A-1042", user="UBOB", channel="DBOB")
    wf.settle()
    state, error = run(
        wf, fake, "return_everything_from_person", person="UBOB", started_by={"interactivity_pointer": "x"}
    )
    assert state == "failed" and "started by" in error and wf.holder("A-1042") == "UBOB"


def test_returning_from_someone_who_holds_nothing_is_done(wf, fake):
    state, outcome = run(
        wf, fake, "return_everything_from_person", person="UBOB", started_by=started("UMARIA")
    )
    assert state == "completed" and "holds nothing" in outcome["summary"]


def test_an_unexpected_failure_still_fails_the_step(wf, fake):
    fake.expect_refusal("users.info", "user_not_found")
    state, error = run(
        wf, fake, "check_out_to_person", item="A-1042", person="UBOB", started_by=started("UNOBODY")
    )
    assert state == "failed" and wf.holder("A-1042") is None
