"""Settings from the environment (the contract's variables), read once at start."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.bookings import BookingRules
from storage.database import DEFAULT_URL


class SettingsError(ValueError):
    pass


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


DIGEST_AT = re.compile(r"\s*(?P<days>[a-z,\-*]+)\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*")


def _digest_at(value: str) -> str:
    match = DIGEST_AT.fullmatch(value.lower())
    if not match or int(match["hour"]) > 23 or int(match["minute"]) > 59:
        raise SettingsError(f"QM_DIGEST_AT “{value}” should look like “mon-fri 09:00”")
    return value.lower()


def _intervals(value: str) -> dict[str, int]:
    """`laptop=90,projector=180` -> {"laptop": 90, "projector": 180}."""
    intervals = {}
    for part in _list(value):
        category, _, days = part.partition("=")
        if not category.strip() or not days.strip().isdigit() or int(days) < 1:
            raise SettingsError(f"QM_AUDIT_INTERVALS part “{part}” should look like laptop=90 (days)")
        intervals[category.strip()] = int(days)
    return intervals


def _minutes(value: str, name: str = "QM_OVERDUE_CHECK_MINUTES", most: int = 24 * 60) -> int:
    if not value.isdigit() or not 1 <= int(value) <= most:
        raise SettingsError(f"{name} “{value}” should be a whole number from 1 to {most}")
    return int(value)


def _public_url(value: str | None) -> str | None:
    if not value:
        return None
    if not re.fullmatch(r"https?://[^\s/]+(?:/\S*)?", value):
        raise SettingsError(
            f"QM_PUBLIC_URL “{value}” should be the bot's address, e.g. https://qm.example.org"
        )
    return value.rstrip("/")


def _booking_rules(env: dict[str, str]) -> BookingRules:
    def said(name: str, default: int, most: int) -> int:
        return _minutes(env.get(name) or str(default), name, most)

    return BookingRules(
        max_days=said("QM_BOOKING_MAX_DAYS", 30, 366),
        reminder_minutes=said("QM_BOOKING_REMINDER_MINUTES", 60, 7 * 24 * 60),
        grace_minutes=said("QM_BOOKING_GRACE_MINUTES", 60, 7 * 24 * 60),
    )


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_URL
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    managers: tuple[str, ...] = ()
    manager_group: str | None = None  # QM_MANAGER_GROUP: a Slack user group whose members are managers
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    port: int = 3000
    alert_channel: str | None = None
    listen_channels: tuple[str, ...] = ()
    digest_at: str = "mon-fri 09:00"
    overdue_check_minutes: int = 60
    audit_intervals: dict = field(default_factory=dict)  # category -> days between audits
    booking_rules: BookingRules = BookingRules()
    public_url: str | None = None  # QM_PUBLIC_URL: calendar links are made under it

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        zone = env.get("QM_TIMEZONE") or "UTC"
        try:
            tz = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(
                f"QM_TIMEZONE “{zone}” is not an IANA time zone (e.g. Europe/Berlin)"
            ) from None
        port = env.get("PORT") or "3000"
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise SettingsError(f"PORT “{port}” is not a port number")
        return cls(
            database_url=env.get("DATABASE_URL") or DEFAULT_URL,
            timezone=tz,
            managers=_list(env.get("QM_MANAGERS")),
            manager_group=(env.get("QM_MANAGER_GROUP") or "").strip() or None,
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_api_url=env.get("SLACK_API_URL") or "https://slack.com/api/",
            port=int(port),
            alert_channel=env.get("QM_ALERT_CHANNEL") or None,
            listen_channels=_list(env.get("QM_LISTEN_CHANNELS")),
            digest_at=_digest_at(env.get("QM_DIGEST_AT") or "mon-fri 09:00"),
            overdue_check_minutes=_minutes(env.get("QM_OVERDUE_CHECK_MINUTES") or "60"),
            audit_intervals=_intervals(env.get("QM_AUDIT_INTERVALS") or ""),
            booking_rules=_booking_rules(env),
            public_url=_public_url(env.get("QM_PUBLIC_URL")),
        )
