"""CSV export with the same columns import reads."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from domain import depreciation
from domain.assets import ASSET_FIELDS
from domain.catalog_fields import field_texts
from domain.fields import format_value
from domain.stock import STOCK_FIELDS
from services.csv_columns import (
    ASSET_COLUMNS,
    ASSET_OPTIONAL_EXTRA,
    BOOKING_COLUMNS,
    KIT_COLUMNS,
    LEDGER_COLUMNS,
    LOAN_COLUMNS,
    STOCK_COLUMNS,
)
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory


def export(kind: str, uow_factory: UnitOfWorkFactory, out: TextIO) -> int:
    """Write `assets`, `stock`, `bookings`, `loans` or `ledger` as CSV; returns the number of rows."""
    with uow_factory(read_only=True) as uow:
        return write(kind, uow, out)


def write(kind: str, uow: UnitOfWork, out: TextIO) -> int:
    """The same, inside an open unit of work."""
    writer = csv.writer(out, lineterminator="\n")
    if kind == "assets":
        assets = list(uow.assets.all())
        extra = [
            column
            for column, attr in ASSET_OPTIONAL_EXTRA.items()
            if any(getattr(a, attr) not in (None, depreciation.Method.STRAIGHT_LINE) for a in assets)
        ]
        names = uow.people.names()
        rows = (
            _pick(_named_holder(names, field_texts(a, ASSET_FIELDS)), ASSET_COLUMNS + extra) for a in assets
        )
        return _write(writer, ASSET_COLUMNS + extra, rows)
    if kind == "stock":
        rows = (_pick(field_texts(i, STOCK_FIELDS), STOCK_COLUMNS) for i in uow.stock.all())
        return _write(writer, STOCK_COLUMNS, rows)
    if kind == "bookings":
        return write_bookings(uow, out, uow.people.names())
    if kind == "loans":
        return write_loans(uow, out, uow.people.names())
    if kind == "kits":
        from services import kit_csv

        return _write(writer, KIT_COLUMNS, kit_csv.rows(uow))

    rows = (
        [
            e.id,
            format_value(e.at),
            e.actor,
            e.action.value,
            e.item_type.value,
            e.item_key,
            format_value(e.quantity),
            format_value(e.balance),
            json.dumps({k: list(v) for k, v in e.changes.items()}, sort_keys=True) if e.changes else "",
            e.note or "",
            e.source or "",
            format_value(e.reverses),
        ]
        for e in uow.ledger.all()
    )
    return _write(writer, LEDGER_COLUMNS, rows)


def write_loans(uow: UnitOfWork, out: TextIO, names: dict[str, str]) -> int:
    """Loans of lendable stock; holders by `names` (a backup passes none: member IDs kept)."""
    rows = (
        [
            loan.sku,
            names.get(loan.holder, loan.holder),
            loan.quantity,
            format_value(loan.since),
            format_value(loan.due),
        ]
        for loan in uow.loans.all()
    )
    return _write(csv.writer(out, lineterminator="\n"), LOAN_COLUMNS, rows)


def _named_holder(names: dict[str, str], texts: dict[str, str]) -> dict[str, str]:
    """The holder as the chat knows them (the contract's `holder` column), not their member ID."""
    if texts.get("holder") in names:
        texts["holder"] = names[texts["holder"]]
    return texts


def _pick(texts: dict[str, str], columns: list[str]) -> list[str]:
    return [texts[c] for c in columns]


def _write(writer, header: list[str], rows) -> int:
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def write_bookings(uow: UnitOfWork, out: TextIO, names: dict[str, str]) -> int:
    """Bookings with the contract's columns; people named as the chat knows them
    (a backup passes no names, and keeps the member IDs)."""
    rows = (
        [
            b.id,
            b.asset_tag,
            b.kit or "",
            names.get(b.holder, b.holder),
            b.start.isoformat(),
            b.end.isoformat(),
            b.status.value,
            names.get(b.booked_by, b.booked_by),
            b.created_at.isoformat(),
        ]
        for b in uow.bookings.all()
    )
    return _write(csv.writer(out, lineterminator="\n"), BOOKING_COLUMNS, rows)
