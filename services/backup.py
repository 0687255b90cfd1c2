"""Backup and restore: every item and the whole ledger in one zip of the
export CSVs; restored into an empty database, it gives back the same state
and the same ledger (entry ids included)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

from domain.bookings import Booking, BookingStatus
from domain.errors import DomainError
from domain.kits import Kit, make_kit
from domain.ledger import Action, ItemType, LedgerEntry
from domain.loans import StockLoan
from services import csv_export
from services.context import Context
from services.csv_import import ImportResult, import_into
from storage.unit_of_work import UnitOfWorkFactory

PARTS = ("assets", "stock", "ledger")
OPTIONAL = ("bookings", "loans", "kits")  # backups made before these have none


def backup(uow: UnitOfWorkFactory, path: Path) -> dict[str, int]:
    """One read transaction, so the three files agree with each other."""
    counts = {}
    with uow(read_only=True) as tx, zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for part in PARTS:
            out = io.StringIO()
            counts[part] = csv_export.write(part, tx, out)
            archive.writestr(f"{part}.csv", out.getvalue())
        out = io.StringIO()
        counts["bookings"] = csv_export.write_bookings(tx, out, names={})  # member IDs kept
        archive.writestr("bookings.csv", out.getvalue())
        out = io.StringIO()
        counts["loans"] = csv_export.write_loans(tx, out, names={})
        archive.writestr("loans.csv", out.getvalue())
        out = io.StringIO()
        counts["kits"] = csv_export.write("kits", tx, out)
        archive.writestr("kits.csv", out.getvalue())
    return counts


def restore(uow: UnitOfWorkFactory, path: Path, ctx: Context) -> dict[str, int]:
    try:
        with zipfile.ZipFile(path) as archive:
            data = {part: archive.read(f"{part}.csv") for part in PARTS}
            names = set(archive.namelist())
            data |= {part: archive.read(f"{part}.csv") for part in OPTIONAL if f"{part}.csv" in names}
    except (OSError, KeyError, zipfile.BadZipFile) as error:
        raise DomainError(f"{path} is not a Quartermaster backup ({error})") from None
    with uow() as tx:
        if tx.assets.count() or tx.stock.count() or tx.ledger.count():
            raise DomainError(
                "restore needs an empty database; this one already has items or history. Nothing was changed."
            )
        counts = {}
        for part in ("assets", "stock"):
            result: ImportResult = import_into(tx, part, data[part], ctx, record_changes=False)
            if result.errors:
                raise DomainError(f"{part}.csv in the backup: {result.errors[0]}. Nothing was changed.")
            counts[part] = result.created
        entries = read_ledger(data["ledger"])
        tx.ledger.restore(entries)
        counts["ledger"] = len(entries)
        if "bookings" in data:
            bookings = read_bookings(data["bookings"])
            try:
                tx.bookings.restore(bookings)
            except ValueError as error:
                raise DomainError(f"bookings.csv in the backup: {error}. Nothing was changed.") from None
            counts["bookings"] = len(bookings)
        if (
            "kits" in data
        ):  # kits name tags and SKUs: after the items, and without ledger entries of their own
            kits = read_kits(data["kits"])
            for kit in kits:
                tx.kits.save(kit)
            counts["kits"] = len(kits)
        if "loans" in data:
            loans = read_loans(data["loans"])
            for loan in loans:
                tx.loans.save(loan)
            counts["loans"] = len(loans)
        tx.commit()
    return counts


def read_ledger(data: bytes) -> list[LedgerEntry]:
    entries = []
    for line, row in enumerate(csv.DictReader(io.StringIO(data.decode("utf-8"))), start=2):
        try:
            entries.append(
                LedgerEntry(
                    id=int(row["id"]),
                    at=datetime.fromisoformat(row["at"]),
                    actor=row["actor"],
                    action=Action(row["action"]),
                    item_type=ItemType(row["item_type"]),
                    item_key=row["item"],
                    quantity=_int(row["quantity"]),
                    balance=_int(row["balance"]),
                    changes={k: tuple(v) for k, v in json.loads(row["changes"] or "{}").items()},
                    note=row["note"] or None,
                    source=row["source"] or None,
                    reverses=_int(row["reverses"]),
                )
            )
        except (KeyError, ValueError, TypeError) as error:
            raise DomainError(
                f"ledger.csv in the backup, line {line}: {error}. Nothing was changed."
            ) from None
    return entries


def read_bookings(data: bytes) -> list[Booking]:
    bookings = []
    for line, row in enumerate(csv.DictReader(io.StringIO(data.decode("utf-8"))), start=2):
        try:
            start, end, made = (datetime.fromisoformat(row[k]) for k in ("start", "end", "created_at"))
            status = BookingStatus(row["status"])
            bookings.append(
                Booking(
                    row["asset_tag"],
                    row["holder"],
                    start,
                    end,
                    row["booked_by"],
                    made,
                    status,
                    id=int(row["id"]),
                    kit=row.get("kit") or None,
                )
            )
        except (KeyError, ValueError, TypeError) as error:
            raise DomainError(
                f"bookings.csv in the backup, line {line}: {error}. Nothing was changed."
            ) from None
    return bookings


def read_kits(data: bytes) -> list[Kit]:
    kits = []
    for line, row in enumerate(csv.DictReader(io.StringIO(data.decode("utf-8"))), start=2):
        try:
            kits.append(make_kit(row["kit"], row["name"], row["items"]))
        except (KeyError, DomainError) as error:
            raise DomainError(f"kits.csv in the backup, line {line}: {error}. Nothing was changed.") from None
    return kits


def read_loans(data: bytes) -> list[StockLoan]:
    loans = []
    for line, row in enumerate(csv.DictReader(io.StringIO(data.decode("utf-8"))), start=2):
        try:
            due = datetime.fromisoformat(row["due"]) if row["due"] else None
            loan = StockLoan(
                row["sku"], row["holder"], int(row["quantity"]), datetime.fromisoformat(row["since"]), due
            )
        except (KeyError, ValueError, TypeError) as error:
            raise DomainError(
                f"loans.csv in the backup, line {line}: {error}. Nothing was changed."
            ) from None
        loans.append(loan)
    return loans


def _int(text: str) -> int | None:
    return int(text) if text else None
