"""Slack user IDs to the names the chat knows people by (users.info, cached
in memory and in the database), and roles from QM_MANAGERS."""
from __future__ import annotations

import logging
import re
import threading
from datetime import datetime, timezone

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.people import Person, Role
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")


class Directory:
    def __init__(self, client: WebClient, uow: UnitOfWorkFactory, managers: tuple[str, ...]):
        self.client, self.uow = client, uow
        self.managers = {m.upper() for m in managers}
        self._names: dict[str, str] = {}
        self._lock = threading.Lock()

    def person(self, user_id: str) -> Person:
        role = Role.MANAGER if user_id.upper() in self.managers else Role.EMPLOYEE
        return Person(self.name(user_id), role)

    def name(self, user_id: str) -> str:
        with self._lock:
            cached = self._names.get(user_id)
        if cached:
            return cached
        name = self._lookup(user_id)
        with self._lock:
            self._names[user_id] = name
        return name

    def mentions(self, text: str) -> dict[str, str]:
        return {user_id: self.name(user_id) for user_id in MENTION.findall(text or "")}

    def slack_id(self, name: str) -> str | None:
        with self.uow(read_only=True) as uow:
            return uow.people.id_of(name)

    def _lookup(self, user_id: str) -> str:
        try:
            user = self.client.users_info(user=user_id)["user"]
            name = user.get("name") or user.get("profile", {}).get("display_name") or user_id
        except SlackApiError as error:
            log.warning("users.info failed for %s: %s", user_id, error.response.get("error"))
            with self.uow(read_only=True) as uow:
                return uow.people.name_of(user_id) or user_id
        try:
            with self.uow() as uow:
                uow.people.remember(user_id, name, datetime.now(timezone.utc))
                uow.commit()
        except Exception:  # only a cache of who is who: never a reason to drop a request
            log.warning("could not store the name of %s", user_id, exc_info=True)
        return name
