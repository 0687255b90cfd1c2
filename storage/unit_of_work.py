"""The unit of work owns one transaction: nothing is written unless commit()."""

from __future__ import annotations

from typing import Callable

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from storage.alerts import AlertRepository
from storage.audits import AuditRepository
from storage.inbox import InboxRepository, PeopleRepository
from storage.outbox import OutboxRepository
from storage.questions import QuestionRepository
from storage.reports import ReportRepository
from storage.repositories import (
    AliasSuggestionRepository,
    AssetRepository,
    LedgerRepository,
    StockRepository,
    Writer,
)


class UnitOfWork:
    """Its repositories, declared so a reader (and a type checker) can follow
    `uow.ledger.add` to its code; they exist inside `with uow() as uow:`."""

    session: Session
    assets: AssetRepository
    stock: StockRepository
    ledger: LedgerRepository
    aliases: AliasSuggestionRepository
    inbox: InboxRepository
    people: PeopleRepository
    outbox: OutboxRepository
    questions: QuestionRepository
    alerts: AlertRepository
    reports: ReportRepository
    audits: AuditRepository

    def __init__(self, sessions: sessionmaker):
        self._sessions = sessions

    def __enter__(self) -> "UnitOfWork":
        self.session = self._sessions()
        self._writer = Writer(self.session)
        self.assets = AssetRepository(self._writer)
        self.stock = StockRepository(self._writer)
        self.ledger = LedgerRepository(self._writer)
        self.aliases = AliasSuggestionRepository(self._writer)
        self.inbox = InboxRepository(self._writer)
        self.people = PeopleRepository(self._writer)
        self.outbox = OutboxRepository(self._writer)
        self.questions = QuestionRepository(self._writer)
        self.alerts = AlertRepository(self._writer)
        self.reports = ReportRepository(self._writer)
        self.audits = AuditRepository(self._writer)
        return self

    def __exit__(self, *exc_info) -> None:
        self.session.rollback()  # a no-op after commit(); undoes anything left
        self.session.close()

    def commit(self) -> None:
        self._writer.flush()
        self.session.commit()


UnitOfWorkFactory = Callable[..., UnitOfWork]


def unit_of_work_factory(engine: Engine) -> UnitOfWorkFactory:
    """One sessionmaker per process; a fresh unit of work per operation.
    `read_only=True` is for queries: on SQLite it does not take the write lock."""
    writers = sessionmaker(engine, expire_on_commit=False, autoflush=False)
    readers = sessionmaker(engine.execution_options(read_only=True), expire_on_commit=False, autoflush=False)

    def make(read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(readers if read_only else writers)

    return make
