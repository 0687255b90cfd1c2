"""Slack users: a person is their member ID; their name comes from
users.info (looked up again after an hour) and is kept in the database for
answers. A failed lookup uses the kept name, and never turns a member ID
into a name. Roles from QM_MANAGERS and QM_MANAGER_GROUP (bot.slack.roles)."""

from __future__ import annotations

import logging
import re
import threading
import time
from datetime import datetime, timezone

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.worker import RetryLater
from domain.errors import DomainError
from domain.people import Person, Role
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
REFRESH_SECONDS = 3600  # names change rarely: ask Slack again after an hour


class UnknownPerson(DomainError):
    def __init__(self, user_id: str, error: str):
        super().__init__(f"I couldn't look up <@{user_id}> in Slack ({error}), so nothing was changed.")


class Directory:
    def __init__(self, client: WebClient, uow: UnitOfWorkFactory, managers):
        """`managers`: member IDs, or a bot.slack.roles.Managers (QM_MANAGERS and QM_MANAGER_GROUP)."""
        self.client, self.uow = client, uow
        self.managers = managers if hasattr(managers, "ids") else {m.upper() for m in managers}
        self._names: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._bot_user_id: str | None = None

    def is_manager_now(self, user_id: str) -> bool:
        """A manager, by what is known now (no call to Slack): for answers due within seconds."""
        known = getattr(self.managers, "known", None)
        return known(user_id) if known else user_id.upper() in self.managers

    def person(self, user_id: str) -> Person:
        role = Role.MANAGER if user_id.upper() in self.managers else Role.EMPLOYEE
        return Person(self.name(user_id), role, id=user_id)

    def name(self, user_id: str) -> str:
        with self._lock:
            cached = self._names.get(user_id)
        if cached and time.monotonic() - cached[1] < REFRESH_SECONDS:
            return cached[0]
        name = self._lookup(user_id)
        with self._lock:
            self._names[user_id] = (name, time.monotonic())
        return name

    def mentions(self, text: str) -> dict[str, str]:
        """The people mentioned, each by their member ID (a person is their ID;
        looking them up keeps their name for answers). Not the bot's own
        mention, which only addresses it."""
        mentioned = [user_id for user_id in MENTION.findall(text or "") if user_id != self.bot_user_id]
        for user_id in mentioned:
            self.name(user_id)
        return {user_id: user_id for user_id in mentioned}

    @property
    def bot_user_id(self) -> str | None:
        if self._bot_user_id is None:
            try:
                self._bot_user_id = self.client.auth_test()["user_id"]
            except SlackApiError:
                log.warning("auth.test failed; the bot's own mention is looked up like anyone's")
        return self._bot_user_id

    def slack_id(self, name: str) -> str | None:
        with self.uow(read_only=True) as uow:
            return uow.people.id_of(name)

    def _lookup(self, user_id: str) -> str:
        """Slack's name for this person, kept for answers (and for when Slack can't say)."""
        try:
            user = self.client.users_info(user=user_id)["user"]
        except SlackApiError as error:
            return self._stored_name(user_id, error)
        profile = user.get("profile") or {}
        name = user.get("name") or profile.get("display_name") or profile.get("real_name")
        if not name:
            return self._stored_name(user_id, None)
        try:
            with self.uow() as uow:
                uow.people.remember(user_id, name, datetime.now(timezone.utc))
                uow.commit()
        except Exception:  # only a record of who is who: never a reason to drop a request
            log.warning("could not store the name of %s", user_id, exc_info=True)
        return name

    def _stored_name(self, user_id: str, error: SlackApiError | None) -> str:
        """users.info failed: the name we stored before, or no name at all."""
        code = (
            (error.response.get("error") or f"HTTP {error.response.status_code}")
            if error
            else "no name in the profile"
        )
        with self.uow(read_only=True) as uow:
            stored = uow.people.name_of(user_id)
        if stored:
            log.warning("users.info failed for %s (%s); using the stored name", user_id, code)
            return stored
        status = error.response.status_code if error else 200
        if status == 429 or status >= 500 or code in ("ratelimited", "internal_error", "fatal_error"):
            raise RetryLater(f"users.info for {user_id}: {code}")
        raise UnknownPerson(user_id, code)
