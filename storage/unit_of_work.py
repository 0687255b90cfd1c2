"""The unit of work owns one transaction: nothing is written unless commit()."""

from __future__ import annotations

from functools import cached_property
from typing import Callable

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from storage.alerts import AlertRepository
from storage.asset_dates import AssetDateRepository
from storage.audits import AuditRepository
from storage.bookings import BookingRepository
from storage.calendar_links import CalendarLinkRepository
from storage.handovers import HandoverRepository
from storage.holdings import HoldingsRepository
from storage.inbox import InboxRepository, PeopleRepository
from storage.kits import KitRepository
from storage.loans import LoanRepository
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
from storage.usage import UsageRepository
from storage.waitlist import WaitlistRepository


class UnitOfWork:
    """Its repositories, declared so a reader (and a type checker) can follow
    `uow.ledger.add` to its code; they exist inside `with uow() as uow:`,
    each made the first time it is used."""

    session: Session

    def __init__(self, sessions: sessionmaker):
        self._sessions = sessions

    def __enter__(self) -> "UnitOfWork":
        self.session = self._sessions()
        self._writer = Writer(self.session)
        return self

    def __exit__(self, *exc_info) -> None:
        self.session.rollback()  # a no-op after commit(); undoes anything left
        self.session.close()

    def commit(self) -> None:
        self._writer.flush()
        self.session.commit()

    @cached_property
    def assets(self) -> AssetRepository:
        return AssetRepository(self._writer)

    @cached_property
    def stock(self) -> StockRepository:
        return StockRepository(self._writer)

    @cached_property
    def ledger(self) -> LedgerRepository:
        return LedgerRepository(self._writer)

    @cached_property
    def aliases(self) -> AliasSuggestionRepository:
        return AliasSuggestionRepository(self._writer)

    @cached_property
    def inbox(self) -> InboxRepository:
        return InboxRepository(self._writer)

    @cached_property
    def people(self) -> PeopleRepository:
        return PeopleRepository(self._writer)

    @cached_property
    def outbox(self) -> OutboxRepository:
        return OutboxRepository(self._writer)

    @cached_property
    def questions(self) -> QuestionRepository:
        return QuestionRepository(self._writer)

    @cached_property
    def alerts(self) -> AlertRepository:
        return AlertRepository(self._writer)

    @cached_property
    def reports(self) -> ReportRepository:
        return ReportRepository(self._writer)

    @cached_property
    def audits(self) -> AuditRepository:
        return AuditRepository(self._writer)

    @cached_property
    def bookings(self) -> BookingRepository:
        return BookingRepository(self._writer)

    @cached_property
    def calendar_links(self) -> CalendarLinkRepository:
        return CalendarLinkRepository(self._writer)

    @cached_property
    def waitlist(self) -> WaitlistRepository:
        return WaitlistRepository(self._writer)

    @cached_property
    def handovers(self) -> HandoverRepository:
        return HandoverRepository(self._writer)

    @cached_property
    def asset_dates(self) -> AssetDateRepository:
        return AssetDateRepository(self._writer)

    @cached_property
    def holdings(self) -> HoldingsRepository:
        return HoldingsRepository(self._writer)

    @cached_property
    def kits(self) -> KitRepository:
        return KitRepository(self._writer)

    @cached_property
    def loans(self) -> LoanRepository:
        return LoanRepository(self._writer)

    @cached_property
    def usage(self) -> UsageRepository:
        return UsageRepository(self._writer)


UnitOfWorkFactory = Callable[..., UnitOfWork]


def unit_of_work_factory(engine: Engine) -> UnitOfWorkFactory:
    """One sessionmaker per process; a fresh unit of work per operation.
    `read_only=True` is for queries: on SQLite it does not take the write lock."""
    writers = sessionmaker(engine, expire_on_commit=False, autoflush=False)
    readers = sessionmaker(engine.execution_options(read_only=True), expire_on_commit=False, autoflush=False)

    def make(read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(readers if read_only else writers)

    return make
