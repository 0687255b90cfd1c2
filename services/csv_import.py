"""CSV import: adds or updates items by tag/SKU, idempotently, all or nothing
(or only the good rows with skip_bad). Every change is a ledger entry."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import tzinfo

from dateutil.relativedelta import relativedelta

from domain.assets import ASSET_FIELDS, Asset
from domain.catalog_fields import set_fields
from domain.errors import DomainError, InvalidValue
from domain.fields import parse_count
from domain.ledger import Action
from domain.stock import STOCK_FIELDS, StockItem
from domain.values import tag_key
from services.catalog import require_barcode_free
from services.changes import record, snapshot
from services.context import Context
from services.csv_columns import SNIPE_STATUS, map_headers
from services.people import people_key
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

MAX_ERRORS_SHOWN = 50


@dataclass(frozen=True)
class RowError:
    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = False

    def summary(self) -> str:
        text = f"{self.created} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.errors:
            text += f", {len(self.errors)} bad row(s)" + ("" if self.written else "; nothing was written")
        return text


class ImportAborted(Exception):
    """The file as a whole is unusable (no header, missing required column)."""

    def __init__(self, result: ImportResult):
        super().__init__(str(result.errors[0]))
        self.result = result


def read_rows(kind: str, data: bytes, result: ImportResult) -> list[tuple[int, dict[str, str]]]:
    """(line, {field: text}) for each record; bad bytes become row errors."""
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        headers = next(reader)
    except StopIteration:
        raise ImportAborted(
            ImportResult(errors=[RowError(1, None, "the file is empty; it needs a header row")])
        ) from None
    except csv.Error as error:
        raise ImportAborted(
            ImportResult(errors=[RowError(1, None, f"not a readable CSV file ({error})")])
        ) from None
    mapping, missing, result.ignored_columns = map_headers(kind, headers)
    if missing:
        errors = [RowError(1, name, "required column is missing") for name in missing]
        raise ImportAborted(ImportResult(errors=errors))
    rows = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((line, _cells(cells, mapping, headers, line, result)))
            line = reader.line_num + 1
    except csv.Error as error:
        result.errors.append(RowError(line, None, f"the CSV is malformed here ({error})"))
    return [(n, r) for n, r in rows if r is not None]


def _cells(record, mapping, headers, line, result) -> dict[str, str] | None:
    cells = {}
    for index, name in mapping.items():
        value = record[index] if index < len(record) else ""
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            bad = value.encode("utf-8", errors="surrogateescape")
            result.errors.append(
                RowError(
                    line, headers[index].strip(), f"not valid UTF-8 text ({bad!r}); save the file as UTF-8"
                )
            )
            return None
        cells[name] = value
    return cells


def import_csv(
    kind: str, data: bytes, uow_factory: UnitOfWorkFactory, ctx: Context, skip_bad: bool = False
) -> ImportResult:
    with uow_factory() as uow:
        if kind == "kits":  # kits name their members: a module of their own
            from services import kit_csv

            result = kit_csv.import_into(uow, data, ctx)
        else:
            result = import_into(uow, kind, data, ctx)
        if result.errors and not skip_bad:
            return result
        uow.commit()
        result.written = True
    return result


def import_into(
    uow: UnitOfWork, kind: str, data: bytes, ctx: Context, record_changes: bool = True
) -> ImportResult:
    """Apply a CSV inside an open unit of work (the caller commits). Without
    `record_changes` (a restore, whose ledger comes along) no entries are written."""
    result = ImportResult()
    rows = read_rows(kind, data, result)
    seen: dict[str, int] = {}
    key_field = "asset_tag" if kind == "assets" else "sku"
    for line, cells in rows:
        key = tag_key(cells.get(key_field, ""))
        if key and key in seen:
            result.errors.append(
                RowError(line, key_field, f"{cells[key_field]} already appears on line {seen[key]}")
            )
            continue
        seen[key] = line
        try:
            outcome = apply_row(uow, ctx, kind, cells, ctx.tz, record_changes)
        except DomainError as error:
            column, _, message = error.message.partition(": ")
            if not message:
                column, message = None, error.message
            result.errors.append(RowError(line, column, message))
            continue
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def apply_row(
    uow: UnitOfWork, ctx: Context, kind: str, cells: dict[str, str], tz: tzinfo, record_changes: bool
) -> str:
    if kind == "assets":
        if cells.get("status", "").strip().lower() in SNIPE_STATUS:
            cells["status"] = SNIPE_STATUS[cells["status"].strip().lower()]
        if cells.get("holder", "").strip() and not cells.get("status", "").strip():
            cells["status"] = "checked_out"
        if cells.get("holder", "").strip():
            cells["holder"] = people_key(uow, cells["holder"].strip())
        repo, other, specs = uow.assets, uow.stock, ASSET_FIELDS
        key = cells["asset_tag"]
        existing = repo.get(key, lock=True)
        item = existing or Asset(tag=key.strip(), name="")
    else:
        repo, other, specs = uow.stock, uow.assets, STOCK_FIELDS
        key = cells["sku"]
        existing = repo.get(key, lock=True)
        item = existing or StockItem(sku=key.strip(), name="", unit="unit")
        if existing and not cells.get("on_hand", "").strip():
            cells.pop("on_hand", None)  # an empty count on an update keeps the count
    if existing is None and uow.kits.get(key) is not None:
        raise DomainError(f"{key_name(kind)}: {key.strip()} is already the code of a kit")
    if existing is None and other.get(key) is not None:
        raise DomainError(
            f"{key_name(kind)}: {key.strip()} is already used by a {'stock item' if kind == 'assets' else 'asset'}"
        )
    before = snapshot(item) if existing else {name: "" for name in specs}
    on_hand_before = getattr(item, "on_hand", None) if existing else 0
    months = cells.pop("warranty_months", "").strip()
    changes = set_fields(item, specs, cells, tz)
    if months and not cells.get("warranty_until", "").strip():
        changes.update(set_fields(item, specs, {"warranty_until": _warranty_end(item, months)}, tz))
    item.validate()
    if kind == "stock" and "barcode" in changes:  # an old duplicate stops no unrelated change
        require_barcode_free(uow, item)
    if existing and not changes:
        return "unchanged"
    quantity = None
    if kind == "stock":
        quantity = item.on_hand - on_hand_before
    if existing:
        repo.save(item)
    else:
        repo.add(item)
    if record_changes:
        record(uow, ctx, Action.EDIT if existing else Action.CREATE, item, before, quantity=quantity)
    return "updated" if existing else "created"


def _warranty_end(asset: Asset, months: str) -> str:
    """Snipe-IT's "Warranty Months" counts from the purchase date."""
    try:  # "12", or as a Snipe-IT export shows it, "12 months"
        count = parse_count(re.sub(r"(?i)\s*months?$", "", months), limit=1200)
    except InvalidValue as error:
        raise DomainError(f"Warranty Months: {error.message}") from None
    if asset.purchase_date is None:
        raise DomainError("Warranty Months: it counts from the purchase date, which this row lacks")
    return (asset.purchase_date + relativedelta(months=count)).isoformat()


def key_name(kind: str) -> str:
    return "asset_tag" if kind == "assets" else "sku"
