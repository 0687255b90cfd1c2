"""Builds the Slack side: Bolt app, client, directory, worker, listeners."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient

from bot.bootstrap import App as Core
from bot.slack import listeners
from bot.slack.client import web_client
from bot.slack.delivery import Delivery
from bot.slack.handlers import Handlers
from bot.slack.listeners import modals
from bot.slack.outbox import SlackOutbox
from bot.slack.people import Directory
from bot.slack.roles import Managers
from bot.slack.worker import Worker

log = logging.getLogger(__name__)


@dataclass
class SlackRuntime:
    bolt: App
    client: WebClient
    worker: Worker
    handlers: Handlers
    outbox: SlackOutbox
    delivery: Delivery

    def start(self) -> None:
        # QM_MANAGER_GROUP asked once at start: a menu opened within 3 seconds knows its managers
        threading.Thread(target=lambda: list(self.delivery.managers), name="qm-managers", daemon=True).start()
        self.delivery.start()
        self.worker.start()

    def stop(self) -> None:
        self.worker.stop()
        self.delivery.stop()


def build_slack(core: Core, worker_threads: int = 4) -> SlackRuntime:
    settings = core.settings
    client = web_client(settings.slack_bot_token, settings.slack_api_url)
    bolt = App(
        signing_secret=settings.slack_signing_secret or "socket-mode",
        client=client,
        # Store the request, then acknowledge: what Slack was told we received
        # is durably ours (the worker acts on it after the ack).
        process_before_response=True,
        # A single-workspace bot: the token is known, no auth.test per request.
        authorize=lambda **_: AuthorizeResult(
            enterprise_id=None, team_id=None, bot_token=settings.slack_bot_token
        ),
        request_verification_enabled=not settings.slack_app_token,
    )
    managers = Managers(settings.managers, settings.manager_group, client)
    directory = Directory(client, core.uow, managers)
    # Workers send what they just committed once, without waiting out a 429 or
    # a 5xx in place (that would hold up everyone's requests); the delivery
    # thread retries.
    first_try = web_client(settings.slack_bot_token, settings.slack_api_url, retry_in_place=False)
    delivery = Delivery(
        client,
        core.uow,
        managers,
        single_process=core.engine.dialect.name == "sqlite",
        first_try_client=first_try,
    )
    handlers = Handlers(core.assistant, directory, client, delivery)
    worker = Worker(
        core.uow, handlers, threads=worker_threads, single_process=core.engine.dialect.name == "sqlite"
    )
    modals.register(bolt, core.assistant, directory)  # before /qm's own listener: "/qm book" opens the modal
    listeners.register(
        bolt,
        worker,
        settings.listen_channels,
        handlers.say_anyway,
        core.assistant.parse,
        core.assistant,
        directory,
    )
    outbox = SlackOutbox(delivery, settings.alert_channel, managers)

    def announce_crossings(uow, items) -> None:
        for item in items:
            outbox.crossing(uow, item)
        delivery.wake()  # sent by the delivery thread once the change commits

    core.assistant.on_crossing = announce_crossings

    def tell(uow, notices) -> None:
        for notice in notices:
            outbox.tell(uow, notice)
        delivery.wake()

    core.assistant.on_notice = tell
    return SlackRuntime(bolt, client, worker, handlers, outbox, delivery)
