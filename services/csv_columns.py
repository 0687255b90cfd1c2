"""CSV columns of the contract, header matching and Snipe-IT compatibility."""

from __future__ import annotations

import re

from domain.assets import ASSET_FIELDS
from domain.stock import STOCK_FIELDS

ASSET_COLUMNS = [
    "asset_tag",
    "name",
    "category",
    "manufacturer",
    "model",
    "serial",
    "cost",
    "purchase_date",
    "useful_life_years",
    "salvage_value",
    "condition",
    "location",
    "department",
    "status",
    "holder",
    "due",
    "aliases",
    "warranty_until",
    "service_interval_months",
    "last_service",
]
# exported only when some asset needs them: a method other than straight-line, an imported id
ASSET_OPTIONAL_EXTRA = {"depreciation": "depreciation_method", "source_id": "source_id"}
STOCK_COLUMNS = [
    "sku",
    "name",
    "unit",
    "packs",
    "on_hand",
    "reorder_point",
    "reorder_qty",
    "unit_cost",
    "location",
    "supplier",
    "barcode",
    "aliases",
    "lendable",
]
LEDGER_COLUMNS = [
    "id",
    "at",
    "actor",
    "action",
    "item_type",
    "item",
    "quantity",
    "balance",
    "changes",
    "note",
    "source",
    "reverses",
]
REQUIRED = {"assets": ("asset_tag", "name"), "stock": ("sku", "name", "unit")}

# Snipe-IT's asset export headers (normalized) -> our fields.
SNIPE_IT = {
    "itemname": "name",
    "assetname": "name",
    "modelname": "model",
    "modelno": "model",
    "purchasecost": "cost",
    "serialnumber": "serial",
    "checkedoutto": "holder",
    "assignedto": "holder",
    "expectedcheckin": "due",
    "defaultlocation": "location",
    "notes": None,
    "id": "source_id",  # Snipe-IT's labels encode /hardware/<ID>
    "warranty": "warranty_months",  # months from the purchase date: warranty_until is worked out
    "warrantymonths": "warranty_months",
}
SNIPE_STATUS = {
    "ready to deploy": "available",
    "deployable": "available",
    "deployed": "checked_out",
    "pending": "maintenance",
    "out for repair": "maintenance",
    "out for diagnostics": "maintenance",
    "broken": "maintenance",
    "archived": "retired",
    "lost/stolen": "retired",
    "undeployable": "maintenance",
}


def normalize_header(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lstrip("\ufeff").lower())


def map_headers(kind: str, headers: list[str]) -> tuple[dict[int, str], list[str], list[str]]:
    """Column index -> field; also the missing required fields and ignored headers."""
    fields = ASSET_FIELDS if kind == "assets" else STOCK_FIELDS
    known = {normalize_header(name): name for name in fields}
    if kind == "assets":
        known.update({k: v for k, v in SNIPE_IT.items() if v})
    mapping: dict[int, str] = {}
    ignored = []
    for index, header in enumerate(headers):
        field = known.get(normalize_header(header))
        if field is None or field in mapping.values():
            if header.strip():
                ignored.append(header.strip())
            continue
        mapping[index] = field
    missing = [f for f in REQUIRED[kind] if f not in mapping.values()]
    return mapping, missing, ignored


# the contract's kits (import and export)
KIT_COLUMNS = ["kit", "name", "items"]
# the contract's loans export (export only): one row per person and item lent
LOAN_COLUMNS = ["sku", "holder", "quantity", "since", "due"]
# the contract's bookings export (export only)
BOOKING_COLUMNS = ["id", "asset_tag", "kit", "holder", "start", "end", "status", "booked_by", "created_at"]
