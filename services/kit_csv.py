"""Kits to and from CSV (the contract's `kit, name, items` columns): added or
replaced by kit code, idempotently; a row naming an unknown tag or SKU is a
bad row, and a file with a bad row writes nothing (unless skip_bad)."""

from __future__ import annotations

import csv
import io

from domain.errors import DomainError
from domain.kits import make_kit
from services import kits
from services.context import Context
from services.csv_columns import KIT_COLUMNS, normalize_header
from services.csv_import import ImportAborted, ImportResult, RowError
from storage.unit_of_work import UnitOfWork


def import_into(uow: UnitOfWork, data: bytes, ctx: Context) -> ImportResult:
    result = ImportResult()
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    headers = next(reader, None)
    if headers is None:
        raise ImportAborted(
            ImportResult(errors=[RowError(1, None, "the file is empty; it needs a header row")])
        )
    columns = {normalize_header(h): n for n, h in enumerate(headers)}
    missing = [c for c in KIT_COLUMNS if c not in columns]
    if missing:
        raise ImportAborted(
            ImportResult(errors=[RowError(1, c, "required column is missing") for c in missing])
        )
    result.ignored_columns = [
        h.strip() for h in headers if normalize_header(h) not in KIT_COLUMNS and h.strip()
    ]
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        cell = {c: (cells[columns[c]] if columns[c] < len(cells) else "") for c in KIT_COLUMNS}
        try:
            kit = make_kit(cell["kit"], cell["name"], cell["items"])
            if kit.key in seen:
                raise DomainError(f"kit: {kit.code} already appears on line {seen[kit.key]}")
            seen[kit.key] = line
            outcome, _ = kits.save(uow, ctx, kit)
        except DomainError as error:
            column, _, message = error.message.partition(": ")
            result.errors.append(RowError(line, column if message else None, message or error.message))
            continue
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def rows(uow: UnitOfWork):
    return ([kit.code, kit.name, kit.items] for kit in uow.kits.all())
