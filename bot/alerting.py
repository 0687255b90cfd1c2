"""Running alerts from the command line and the scheduler, delivered to Slack
when a token is set."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.bootstrap import App
from services import alerts, booking_alerts


@dataclass
class AlertReport:
    lines: list[str]  # what stands, print-ready
    problems: list[str] = field(default_factory=list)  # what could not be delivered, and what to do


def run_alerts(
    app: App,
    at: datetime,
    dry_run: bool = False,
    with_digest: bool = True,
    outbox: alerts.Outbox | None = None,
) -> AlertReport:
    """Compute the alerts standing at `at`; send them (once) unless `dry_run`
    or there is nowhere to send them."""
    tz = app.settings.timezone
    with app.uow(read_only=True) as uow:
        run = alerts.compute(uow, at, tz, app.settings.audit_intervals)
    local = alerts.local_time(tz)
    lines = [alerts.digest_text(run, local)]
    lines += [alerts.notice_text(n, local) + f" (to {n.who})" for n in run.due_soon + run.overdue]
    if dry_run:
        return AlertReport(lines + ["(dry run: nothing posted)"])
    if outbox is None:
        if not app.settings.slack_bot_token:
            return AlertReport(lines + ["(no SLACK_BOT_TOKEN: nothing posted)"])
        from bot.slack.outbox import SlackOutbox

        outbox = SlackOutbox.from_settings(app)
    delivered = alerts.deliver(app.uow, run, outbox, tz, with_digest)
    booked = booking_alerts.run(app.uow, at, tz, app.settings.booking_rules, outbox)
    lines += [f"booking notice: {text}" for text in booked.sent]
    delivered.problems += booked.problems
    if delivered.problems:
        lines.append(
            f"recorded {len(delivered.sent)} new alert(s); not everything reached Slack (see the errors)"
        )
    else:
        lines.append(
            f"posted {len(delivered.sent)} new alert(s)" if delivered.sent else "nothing new to post"
        )
    return AlertReport(lines, delivered.problems)


def run_booking_notices(app: App, at: datetime, outbox) -> list[str]:
    """Bookings' reminders and releases alone (the scheduler runs them every few minutes)."""
    booked = booking_alerts.run(app.uow, at, app.settings.timezone, app.settings.booking_rules, outbox)
    return booked.problems
