"""`quartermaster serve`: the Slack bot in Socket Mode or over HTTP."""

from __future__ import annotations

import logging
import signal
import threading
from datetime import datetime, timezone

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.bootstrap import App
from bot.scheduler import AlertScheduler, Leadership
from bot.slack.app import build_slack
from bot.slack.server import WsgiApp, make_http_server
from services import calendar_feeds

log = logging.getLogger("quartermaster")


def calendar_feed(app: App, clock=None, managers=None):
    """A calendar feed by its token, read from the database as it stands now. `managers`: who
    manages (bot.slack.roles.Managers, with QM_MANAGER_GROUP); by default QM_MANAGERS."""
    managers = managers if managers is not None else tuple(m.upper() for m in app.settings.managers)

    def feed(token: str) -> bytes | None:
        with app.uow(read_only=True) as uow:
            now = (clock or (lambda: datetime.now(timezone.utc)))()
            return calendar_feeds.feed(uow, token, now, is_manager=lambda key: key.upper() in managers)

    return feed


def serve(app: App) -> None:
    logging.getLogger().setLevel(logging.INFO)
    settings = app.settings
    runtime = build_slack(app)
    runtime.start()
    scheduler = AlertScheduler(app, runtime.outbox, Leadership(app.engine))
    scheduler.start()
    try:
        if settings.slack_app_token:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            log.info("Quartermaster connecting to Slack in Socket Mode")
            if settings.public_url:  # calendar feeds (and /healthz) still need an address of their own
                feeds = make_http_server(
                    WsgiApp(  # no /slack/events: unsigned in Socket Mode
                        None, app.engine, calendar_feed(app, managers=runtime.delivery.managers)
                    ),
                    "0.0.0.0",
                    settings.port,
                )
                threading.Thread(target=feeds.run, name="qm-calendar-http", daemon=True).start()
                log.info("calendar feeds on 0.0.0.0:%s (GET /calendar/…)", feeds.effective_port)
            SocketModeHandler(runtime.bolt, settings.slack_app_token).start()
            return
        server = make_http_server(
            WsgiApp(
                SlackRequestHandler(runtime.bolt),
                app.engine,
                calendar_feed(app, managers=runtime.delivery.managers),
            ),
            "0.0.0.0",
            settings.port,
        )
        signal.signal(signal.SIGTERM, lambda *_: server.close())
        log.info(
            "Quartermaster listening on 0.0.0.0:%s (POST /slack/events, GET /healthz, GET /calendar/…)",
            server.effective_port,
        )
        try:
            server.run()
        except (KeyboardInterrupt, OSError, ValueError):
            pass
    finally:
        scheduler.stop()
        runtime.stop()
