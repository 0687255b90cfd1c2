"""`quartermaster` command line. Exit codes: 0 ok, 1 refused or failed, 2 bad usage."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from bot.bootstrap import App, bootstrap
from bot.console import ConsoleChat, run
from bot.settings import Settings, SettingsError
from domain.people import Person, Role
from services.context import Context
from services.csv_export import export
from services.csv_import import ImportAborted, import_csv
from storage.database import BadDatabaseUrl


class Failure(Exception):
    """A refused or failed operation: message on stderr, exit 1."""


class Usage(Exception):
    """Arguments that don't make sense together: message on stderr, exit 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quartermaster", description="Chat-first asset and inventory tracker."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    chat = commands.add_parser("chat", help="talk to the bot on this terminal")
    chat.add_argument("--user", default=None, help="who is speaking (default: your login name)")
    chat.add_argument(
        "--demo", action="store_true", help="load a small demo catalog if the database is empty"
    )

    imp = commands.add_parser("import", help="add or update items from a CSV file")
    imp.add_argument("kind", choices=["assets", "stock", "kits"])
    imp.add_argument("file", type=Path)
    imp.add_argument("--skip-bad", action="store_true", help="write the good rows and list the bad ones")

    exp = commands.add_parser("export", help="write items or the ledger as CSV")
    exp.add_argument("kind", choices=["assets", "stock", "ledger", "bookings", "loans", "kits"])
    exp.add_argument("file", nargs="?", default="-", help="file to write, or - for standard output")

    alerts = commands.add_parser(
        "alerts", help="compute low-stock and overdue alerts, print them, post them to Slack"
    )
    alerts.add_argument(
        "--at", type=_moment, default=None, help="the moment to compute them for (ISO 8601; default now)"
    )
    alerts.add_argument("--dry-run", action="store_true", help="print only: post nothing, record nothing")

    commands.add_parser(
        "serve", help="run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP on $PORT)"
    )

    report = commands.add_parser("report", help="the asset register or the stock on hand, as CSV")
    report.add_argument("kind", choices=["assets", "stock"])
    report.add_argument("--by", choices=["department", "location", "category", "supplier"], default=None)
    report.add_argument(
        "--at", type=date.fromisoformat, default=None, help="as of this date (YYYY-MM-DD; default today)"
    )
    report.add_argument("--chart", type=Path, default=None, help="also draw a PNG chart to this file")

    labels = commands.add_parser(
        "labels", help="barcode labels to print (PNG or SVG for one, PDF for a sheet)"
    )
    labels.add_argument("codes", nargs="*", metavar="TAG-OR-SKU")
    labels.add_argument("--all", action="store_true", help="every asset and stock item")
    labels.add_argument("--qr", action="store_true", help="QR labels instead of Code128")
    labels.add_argument("--out", type=Path, required=True, help="FILE.png, FILE.svg or FILE.pdf")

    scan = commands.add_parser("scan", help="decode barcodes in photos and say what each is in the catalog")
    scan.add_argument("images", nargs="+", type=Path)

    hear = commands.add_parser(
        "hear", help="transcribe voice clips and print the text and the command understood"
    )
    hear.add_argument("clips", nargs="+", type=Path, metavar="AUDIO")

    backup = commands.add_parser("backup", help="write every item and the whole ledger to a zip file")
    backup.add_argument("file", type=Path)
    restore = commands.add_parser("restore", help="load a backup into an empty database")
    restore.add_argument("file", type=Path)

    db = commands.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade"])
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        if args.command == "serve":
            check_slack_settings(settings)
        app = bootstrap(settings)
        return COMMANDS[args.command](app, args) or 0
    except (Failure, SettingsError, BadDatabaseUrl) as error:
        print(f"quartermaster: {error}", file=sys.stderr)
        return 1
    except Usage as error:
        print(f"quartermaster: {error}", file=sys.stderr)
        return 2
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        url = Settings.from_env().database_url
        print(f"quartermaster: can't use the database {_safe_url(url)}: {reason}", file=sys.stderr)
        return 1


def check_slack_settings(settings: Settings) -> None:
    if not settings.slack_bot_token:
        raise Failure(
            "SLACK_BOT_TOKEN is not set: serve needs the bot token (xoxb-…). Without Slack, try `quartermaster chat`."
        )
    if not settings.slack_app_token and not settings.slack_signing_secret:
        raise Failure(
            "SLACK_SIGNING_SECRET is not set: HTTP mode needs it to verify requests (or set SLACK_APP_TOKEN for Socket Mode)."
        )


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_chat(app: App, args) -> int:
    user = args.user or _login()
    if args.demo:
        load_demo(app)
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")
    run(ConsoleChat(app.assistant, user))
    return 0


def load_demo(app: App) -> None:
    with app.uow(read_only=True) as uow:
        if uow.assets.count() or uow.stock.count():
            return
    ctx = _cli_context(app, source="demo")
    for kind in ("assets", "stock"):
        data = resources.files("bot.demo").joinpath(f"{kind}.csv").read_bytes()
        import_csv(kind, data, app.uow, ctx)


def cmd_import(app: App, args) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise Failure(f"can't read {args.file}: {error.strerror}") from None
    ctx = _cli_context(app, source=f"import:{args.file.name}")
    try:
        result = import_csv(args.kind, data, app.uow, ctx, skip_bad=args.skip_bad)
    except ImportAborted as aborted:
        result = aborted.result
    for error in result.errors:
        print(f"{args.file}: {error}", file=sys.stderr)
    if result.ignored_columns:
        print(f"{args.file}: ignored columns: {', '.join(result.ignored_columns)}", file=sys.stderr)
    print(f"{args.kind}: {result.summary()}", file=sys.stderr if result.errors else sys.stdout)
    return 1 if result.errors else 0


def cmd_export(app: App, args) -> int:
    if args.file == "-":
        export(args.kind, app.uow, sys.stdout)
        return 0
    try:
        with open(args.file, "w", encoding="utf-8", newline="") as out:
            count = export(args.kind, app.uow, out)
    except OSError as error:
        raise Failure(f"can't write {args.file}: {error.strerror}") from None
    print(f"{args.kind}: {count} rows written to {args.file}", file=sys.stderr)
    return 0


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not an ISO 8601 date or time") from None
    return moment


def cmd_alerts(app: App, args) -> int:
    from bot.alerting import run_alerts

    at = args.at or datetime.now(timezone.utc)
    if at.tzinfo is None:
        at = at.replace(tzinfo=app.settings.timezone)
    report = run_alerts(app, at, dry_run=args.dry_run)
    for line in report.lines:
        print(line)
    for problem in report.problems:
        print(f"quartermaster alerts: {problem}", file=sys.stderr)
    return 1 if report.problems else 0


def cmd_serve(app: App, args) -> int:
    from bot.serve import serve

    serve(app)
    return 0


def cmd_report(app: App, args) -> int:
    from services import charts, reports

    at = args.at or datetime.now(app.settings.timezone).date()
    with app.uow(read_only=True) as uow:
        if args.kind == "assets":
            by = args.by or "department"
            if by not in reports.GROUPINGS:
                raise Usage(f"assets are grouped by department, location or category, not {by}")
            rows = reports.register_rows(uow, by, at)
            sys.stdout.write(reports.register_csv(rows, by))
            chart = lambda: charts.register_chart(rows, by, at)
        else:
            if args.by not in (None, "location", "supplier"):
                raise Usage("stock is grouped by location or supplier")
            rows = uow.reports.stock(args.by, at)
            sys.stdout.write(reports.stock_csv(rows, args.by))
            chart = lambda: charts.stock_chart(rows, at)
    if args.chart:
        try:
            args.chart.write_bytes(chart())
        except OSError as error:
            raise Failure(f"can't write {args.chart}: {error.strerror}") from None
    return 0


def cmd_labels(app: App, args) -> int:
    from services import labels

    kind = args.out.suffix.lower()
    if kind not in (".png", ".svg", ".pdf"):
        raise Usage("--out must end in .png, .svg or .pdf")
    if not args.codes and not args.all:
        raise Usage("name the tags or SKUs to label, or --all")
    with app.uow(read_only=True) as uow:
        if args.all:
            items = [(a.tag, a.name) for a in uow.assets.all()] + [(i.sku, i.name) for i in uow.stock.all()]
        else:
            items = []
            for code in args.codes:
                item = uow.assets.get(code) or uow.stock.get(code) or uow.kits.get(code)
                if item is None:
                    raise Failure(f"{code} is not a tag, SKU or kit code in the catalog")
                items.append(
                    (getattr(item, "tag", None) or getattr(item, "sku", None) or item.code, item.name)
                )
    if kind != ".pdf" and len(items) != 1:
        raise Usage(f"a {kind[1:].upper()} holds one label; use a .pdf for {len(items)}")
    try:
        data = (
            labels.pdf_sheet(items, qr=args.qr)
            if kind == ".pdf"
            else (labels.png if kind == ".png" else labels.svg)(*items[0], qr=args.qr)
        )
        args.out.write_bytes(data)
    except labels.LabelError as error:
        raise Failure(str(error)) from None
    except OSError as error:
        raise Failure(f"can't write {args.out}: {error.strerror}") from None
    print(f"{len(items)} label(s) written to {args.out}", file=sys.stderr)
    return 0


def cmd_scan(app: App, args) -> int:
    """What each photo's barcodes are: the chat's own photo step, changing nothing."""
    failed = False
    for path in args.images:
        outcome = _preview(app, path, "image")
        if outcome is None or (outcome.replies and outcome.replies[0].code == "not_an_image"):
            failed = True
            if outcome is not None:
                print(f"{path}: {outcome.replies[0].text}", file=sys.stderr)
            continue
        for found in outcome.scanned:
            print(f"{path}: {found.code} -> {found.description}")
        if not outcome.scanned:
            print(f"{path}: {outcome.replies[0].text}")
    return 1 if failed else 0


def cmd_hear(app: App, args) -> int:
    """What each clip says and means: the chat's own voice step, changing nothing."""
    failed = False
    for path in args.clips:
        outcome = _preview(app, path, "audio")
        if outcome is None or outcome.heard is None:
            failed = True
            if outcome is not None:
                print(f"{path}: {outcome.replies[0].text}", file=sys.stderr)
            continue
        heard = outcome.heard
        if not heard.text:
            print(f"{path}: {outcome.replies[0].text}")
            continue
        print(
            f"{path}: heard “{heard.text}” ({heard.seconds:.1f} s of audio in {heard.elapsed * 1000:.0f} ms)"
        )
        print(f"{path}: understood: {outcome.understood[0]}")
    return 1 if failed else 0


def _preview(app: App, path: Path, kind: str):
    """The outcome of a file as if posted to the bot, in preview; None (said why) when it can't be read."""
    from services.inbound import Attachment, Inbound

    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"{path}: can't read it: {error.strerror}", file=sys.stderr)
        return None
    message = Inbound(Person(_login(), Role.MANAGER), attachments=(Attachment(kind, data),), preview=True)
    return app.assistant.receive(message)


def cmd_backup(app: App, args) -> int:
    from services.backup import backup

    try:
        counts = backup(app.uow, args.file)
    except OSError as error:
        raise Failure(f"can't write {args.file}: {error.strerror}") from None
    print(
        f"backup written to {args.file}: " + ", ".join(f"{n:,} {part}" for part, n in counts.items()),
        file=sys.stderr,
    )
    return 0


def cmd_restore(app: App, args) -> int:
    from domain.errors import DomainError
    from services.backup import restore

    try:
        counts = restore(app.uow, args.file, _cli_context(app, source=f"restore:{args.file.name}"))
    except DomainError as error:
        raise Failure(error.message) from None
    print(
        f"restored from {args.file}: " + ", ".join(f"{n:,} {part}" for part, n in counts.items()),
        file=sys.stderr,
    )
    return 0


def cmd_db(app: App, args) -> int:
    print("database is up to date", file=sys.stderr)  # bootstrap() has just migrated it
    return 0


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "me"


def _cli_context(app: App, source: str) -> Context:
    """Command-line tools run with the operator's authority."""
    person = Person(_login(), Role.MANAGER)
    return Context(person, datetime.now(timezone.utc), app.settings.timezone, source)


COMMANDS = {
    "scan": cmd_scan,
    "hear": cmd_hear,
    "labels": cmd_labels,
    "report": cmd_report,
    "alerts": cmd_alerts,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "chat": cmd_chat,
    "import": cmd_import,
    "export": cmd_export,
    "serve": cmd_serve,
    "db": cmd_db,
}
