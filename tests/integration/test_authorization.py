"""Every manager-only action, tried by an employee, is refused with nothing
changed; people act as themselves unless the action says otherwise."""

from datetime import timezone

import pytest

from domain.commands import Undo
from domain.errors import PermissionDenied
from domain.people import Person
from services import alerts
from services.context import Context
from services.replies import ReplyKind
from tests.catalog import seed

MANAGER_ONLY = [
    "add asset A-9000 Label printer",
    "add stock ZIP-1 Zip ties in bags",
    "edit A-1042 location Basement",
    "set A-3001 department to Sales",
    "retire A-2002",
    "set reorder point for paper to 5",
    "accept alias 1",
    "dismiss alias 1",
    "alias suggestions",
    "export ledger",
    "export stock",
]


def state(uow):
    with uow(read_only=True) as tx:
        assets = [(a.tag, a.status, a.location, a.department, a.aliases) for a in tx.assets.all()]
        stock = [(i.sku, i.on_hand, i.reorder_point) for i in tx.stock.all()]
        return assets, stock, sum(1 for _ in tx.ledger.all()), [s.status for s in tx.aliases.open()]


@pytest.fixture
def bot(assistant, uow):
    seed(uow)
    question = assistant.handle("carol", "check out the projector")[0]
    assistant.answer("carol", question.question_id, "A-2001")  # leaves alias suggestion #1 open
    return assistant


@pytest.mark.parametrize("text", MANAGER_ONLY)
def test_an_employee_is_refused_every_manager_action_and_nothing_changes(bot, uow, text):
    before = state(uow)
    (reply,) = bot.handle("alice", text)
    assert reply.kind is ReplyKind.REFUSAL and "only managers" in reply.text and reply.attachment is None
    assert state(uow) == before


@pytest.mark.parametrize("act", [alerts.mark_ordered, alerts.snooze])
def test_alert_buttons_are_manager_only(bot, uow, clock, act):
    before = state(uow)
    with pytest.raises(PermissionDenied):
        act(uow, Context(Person("alice"), clock.now, timezone.utc), "TON-26A")
    assert state(uow) == before


def test_nobody_can_undo_someone_elses_change(bot, uow):
    (change,) = bot.handle("alice", "used 3 pens")
    before = state(uow)
    (reply,) = bot.run(bot.context("bob"), [Undo(entry_id=change.entry_ids[0])]).replies  # his Undo button
    assert reply.kind is ReplyKind.REFUSAL and "Only alice" in reply.text
    assert state(uow) == before
    assert bot.handle("bob", "undo")[0].kind is ReplyKind.REFUSAL  # bob has nothing of his own to undo


def test_checking_out_for_someone_else_is_allowed_and_recorded_as_who_did_it(bot, uow):
    bot.handle("alice", "check out the drill for @bob")
    with uow(read_only=True) as tx:
        assert tx.assets.get("A-3001").holder == "bob"
        assert list(tx.ledger.all())[-1].actor == "alice"
