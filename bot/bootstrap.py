"""The composition root: builds the engine, migrates, and wires the assistant."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.settings import Settings
from services.assistant import Assistant
from storage.database import make_engine
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWorkFactory, unit_of_work_factory


@dataclass
class App:
    settings: Settings
    engine: Engine
    uow: UnitOfWorkFactory
    assistant: Assistant


def bootstrap(settings: Settings, migrate: bool = True, clock=None) -> App:
    engine = make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    uow = unit_of_work_factory(engine)
    assistant = Assistant(
        uow,
        clock=clock,
        tz=settings.timezone,
        managers=settings.managers,
        audit_intervals=settings.audit_intervals,
        booking_rules=settings.booking_rules,
        public_url=settings.public_url,
    )
    return App(settings, engine, uow, assistant)
