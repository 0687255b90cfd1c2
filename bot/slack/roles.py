"""Who manages: the member IDs in QM_MANAGERS, and the members of the Slack
user group QM_MANAGER_GROUP, asked of Slack (usergroups.users.list) and kept
for a few minutes. When Slack can't answer, the members last known stand (a
failed refresh never makes everyone an employee, nor anyone a manager)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)
REFRESH_SECONDS = 300.0


class Managers:
    def __init__(
        self,
        listed: tuple[str, ...],
        group: str | None = None,
        client: WebClient | None = None,
        refresh: float = REFRESH_SECONDS,
        clock=time.monotonic,
    ):
        self.listed = tuple(m.upper() for m in listed)
        self.group, self.client, self.refresh, self.clock = group, client, refresh, clock
        self._members: tuple[str, ...] = ()
        self._asked_at: float | None = None
        self._lock = threading.Lock()

    def ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.listed + self._group_members()))

    def known(self, user_id: str) -> bool:
        """A manager by what is known already (the group as last asked), never asking Slack."""
        return user_id.upper() in self.listed + self._members

    def __contains__(self, user_id: object) -> bool:
        return isinstance(user_id, str) and user_id.upper() in self.ids()

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids())

    def __bool__(self) -> bool:
        return bool(self.ids())

    def _group_members(self) -> tuple[str, ...]:
        if not self.group or self.client is None:
            return ()
        with self._lock:
            fresh = self._asked_at is not None and self.clock() - self._asked_at < self.refresh
            if fresh:
                return self._members
            try:
                # https://docs.slack.dev/reference/methods/usergroups.users.list: `users`, member IDs
                users = self.client.usergroups_users_list(usergroup=self.group)["users"]
                self._members = tuple(u.upper() for u in users)
            except SlackApiError as error:
                log.warning(
                    "could not list QM_MANAGER_GROUP %s (%s); keeping the members last known",
                    self.group,
                    error,
                )
            self._asked_at = self.clock()  # asked again after the interval either way
            return self._members
