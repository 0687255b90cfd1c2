"""Running alerts from the command line and the scheduler, delivered to Slack
when a token is set."""
from __future__ import annotations

from datetime import datetime

from bot.bootstrap import App
from services import alerts


def run_alerts(app: App, at: datetime, dry_run: bool = False, with_digest: bool = True, outbox: alerts.Outbox | None = None) -> list[str]:
    """Compute the alerts standing at `at`, print-ready; send them (once) unless
    `dry_run` or there is nowhere to send them."""
    tz = app.settings.timezone
    with app.uow(read_only=True) as uow:
        run = alerts.compute(uow, at, tz, app.settings.audit_intervals)
    local = alerts.local_time(tz)
    lines = [alerts.digest_text(run, local)]
    lines += [alerts.notice_text(n, local) + f" (to {n.holder})" for n in run.due_soon + run.overdue]
    if dry_run:
        return lines + ["(dry run: nothing posted)"]
    if outbox is None:
        if not app.settings.slack_bot_token:
            return lines + ["(no SLACK_BOT_TOKEN: nothing posted)"]
        from bot.slack.outbox import SlackOutbox

        outbox = SlackOutbox.from_settings(app)
    sent = alerts.deliver(app.uow, run, outbox, tz, with_digest)
    return lines + [f"posted {len(sent)} new alert(s)" if sent else "nothing new to post"]
