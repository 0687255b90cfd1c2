"""Steps for Slack's Workflow Builder (custom functions, run through Bolt's
`app.function`): "Check out to a person", "Return everything from a person"
and "Book an item". Each acts as the person who started the workflow, with
their rights: the `started_by` input is Slack's interactivity object, whose
interactor Slack fills in (a workflow's author can't type someone else in).
A step completes with what was done or fails with the reason, so an
onboarding or offboarding workflow can rely on it.
The manifest's `functions` declare the same callback ids, inputs and outputs."""

from __future__ import annotations

import logging
from datetime import datetime, time, timezone

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain import commands as C
from domain.commands import Command

log = logging.getLogger(__name__)
STEPS = ("check_out_to_person", "return_everything_from_person", "book_item")
OUTPUT = "summary"  # every step's one output: what was done, in words


def commands(callback_id: str, inputs: dict, tz) -> list[Command]:
    """The commands a step's inputs ask for; ValueError for inputs that can't be read."""
    person = str(inputs.get("person") or "").strip()
    if callback_id == "return_everything_from_person":
        return [C.ReturnAll(giver=_required(person, "person"))]
    item = _required(str(inputs.get("item") or "").strip(), "item")
    if callback_id == "check_out_to_person":
        due = _day_end(inputs.get("until"), tz)
        return [C.CheckOut(ref=item, person=_required(person, "person"), due=due)]
    if callback_id == "book_item":
        start, end = _moment(inputs.get("start"), "start"), _moment(inputs.get("end"), "end")
        return [C.Book(ref=item, start=start, end=end, person=person or None)]
    raise ValueError(f"no step called {callback_id}")


def started_by(inputs: dict) -> str:
    """The member who started the workflow: `started_by.interactor.id`, as Slack sets it."""
    given = inputs.get("started_by")
    interactor = given.get("interactor") if isinstance(given, dict) else None
    who = interactor.get("id") if isinstance(interactor, dict) else None
    if not who:
        raise ValueError("this step needs someone to start the workflow (its “started by” is empty)")
    return str(who)


def finish(api_url: str, token: str, execution_id: str, done: bool, text: str) -> None:
    """Tell Slack the step's outcome, with the token the event brought for this execution."""
    client = WebClient(token=token, base_url=api_url)
    try:
        if done:
            client.functions_completeSuccess(function_execution_id=execution_id, outputs={OUTPUT: text})
        else:
            client.functions_completeError(function_execution_id=execution_id, error=text)
    except SlackApiError as error:  # an execution that ended meanwhile: nothing more to say to it
        log.warning("could not complete workflow step %s: %s", execution_id, error.response.get("error"))


def _required(value: str, name: str) -> str:
    if not value:
        raise ValueError(f"the step's “{name}” is empty")
    return value


def _day_end(value, tz) -> datetime | None:
    """A `slack#/types/date` ("2026-12-04"): due at the end of that working day (17:00)."""
    if not value:
        return None
    try:
        day = datetime.strptime(str(value), "%Y-%m-%d").date()
    except ValueError:
        raise ValueError("the step's “until” is not a date") from None
    return datetime.combine(day, time(17), tz).astimezone(timezone.utc)


def _moment(value, name: str) -> datetime:
    """A `slack#/types/timestamp`: seconds since 1970."""
    if value in (None, ""):
        raise ValueError(f"the step's “{name}” is empty")
    try:
        return datetime.fromtimestamp(int(float(value)), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"the step's “{name}” is not a time") from None
