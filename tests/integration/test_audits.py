"""Sightings and audits through the assistant, on a real database."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from services.assistant import Assistant
from services.replies import NextStep, ReplyKind, Step
from tests.catalog import seed


def test_a_sighting_is_recorded_and_a_different_place_is_offered_as_a_move(assistant, uow):
    seed(uow)
    (same,) = assistant.handle("alice", "seen A-1042 in the IT store")
    assert same.kind is ReplyKind.CHANGE and "seen in IT store by alice" in same.text and not same.offers
    (elsewhere,) = assistant.handle("alice", "saw the drill in meeting room b")
    assert "The register has it in Workshop" in elsewhere.text
    assert elsewhere.offers == (NextStep("Move it here", Step.MOVE_HERE, "A-3001|Meeting room B"),)
    with uow(read_only=True) as tx:
        entry = list(tx.ledger.all())[-1]
        assert (entry.action.value, entry.actor, entry.note) == ("seen", "alice", "Meeting room B")
        assert tx.assets.get("A-3001").location == "Workshop"  # a sighting is not a move
    assert assistant.handle("alice", "undo")[0].kind is ReplyKind.REFUSAL  # sightings are not undone


def test_an_audit_reports_found_missing_and_unexpected(assistant, uow):
    seed(uow)
    assert "only managers" in assistant.handle("alice", "audit Meeting room B")[0].text
    (started,) = assistant.handle("maria", "audit meeting room B")
    assert "Audit of Meeting room B started" in started.text and "A-2001" in started.text
    assistant.handle("maria", "add asset A-2003 Flipchart")
    assistant.handle("maria", "move A-2003 to meeting room b")
    assistant.handle("alice", "seen A-2001")  # the only open audit: taken as seen there
    assistant.handle("bob", "seen A-3001 in meeting room B")  # registered in the workshop
    (closed,) = assistant.handle("maria", "close audit")
    assert closed.text.startswith("Audit of Meeting room B: 1 found, 1 missing, 1 unexpected.")
    assert "Missing: A-2003" in closed.text and "Unexpected here: A-3001" in closed.text
    assert "no open audit" in assistant.handle("maria", "close audit")[0].text


def test_audit_intervals_put_due_audits_in_front_of_managers(uow, clock):
    seed(uow)
    bot = Assistant(
        uow, clock=clock, tz=ZoneInfo("UTC"), managers=["maria"], audit_intervals={"laptop": 90, "tool": 30}
    )
    assert "laptop: 2 not seen in 90 days" in bot.handle("maria", "audits due")[0].text
    bot.handle("alice", "seen A-1042")
    bot.handle("alice", "seen A-1043")
    text = bot.handle("maria", "what audits are due?")[0].text
    assert "laptop" not in text and "tool: 1 not seen in 30 days" in text
    clock.now += timedelta(days=91)
    assert "laptop: 2 not seen in 90 days" in bot.handle("maria", "audits due")[0].text


def test_due_audits_are_in_the_managers_digest(uow, clock):
    from services import alerts

    seed(uow)
    with uow(read_only=True) as tx:
        run = alerts.compute(tx, clock.now, ZoneInfo("UTC"), {"laptop": 90})
    assert "Audits due:\n• laptop: 2 not seen in 90 days" in alerts.digest_text(
        run, alerts.local_time(ZoneInfo("UTC"))
    )
