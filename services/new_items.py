"""A new asset or stock item as a manager described it, checked against the
catalog before anything is made: a missing required field (CONTRACT's CSV
columns: asset_tag and name; sku, name and unit) is a question showing how to
say it, a tag or SKU already in use a refusal. The catalog also helps read the
words: "HP EliteBook 840" is maker HP and model EliteBook 840 when HP is a
maker the catalog knows, and "a new laptop" is in category laptop when that
category exists. Otherwise the words stay in the name; nothing is guessed."""

from __future__ import annotations

from dataclasses import replace

from domain import commands as C
from domain.errors import AlreadyExists, FieldNamedTwice, MissingField
from domain.values import singular
from services.resolver import CatalogIndex

NOTHING_ADDED = "Nothing was added."
ASSET_EXAMPLE = "add a new laptop A-9100, HP EliteBook 840, serial 5CG123, in the IT room"
STOCK_EXAMPLE = "add stock ENV-C5 C5 envelopes, counted in envelopes, box of 500"


def check_new_item(command: C.AddAsset | C.AddStock, index: CatalogIndex) -> C.AddAsset | C.AddStock:
    if command.twice:
        raise FieldNamedTwice(f"Which {command.twice}? Say the add again with one of them. {NOTHING_ADDED}")
    if isinstance(command, C.AddAsset):
        _require(command.tag, f"What tag does it get? Say it with the tag, e.g. “{ASSET_EXAMPLE}”.")
        _require(
            command.description,
            f"What is {command.tag}? Say its name too, e.g. “add asset {command.tag} HP EliteBook 840 laptop”.",
        )
        _not_in_use(command.tag, index)
        return _read_asset_words(command, index)
    _require(command.sku, f"What SKU does it get? Say it with the SKU, e.g. “{STOCK_EXAMPLE}”.")
    _require(
        command.description,
        f"What is {command.sku}? Say its name too, e.g. “add stock {command.sku} C5 envelopes in envelopes”.",
    )
    _require(
        command.unit,
        f"What is {command.description} counted in (its unit: ream, pen, cartridge…)? "
        f"Say e.g. “add stock {command.sku} {command.description}, counted in "
        f"{_example_unit(command.description)}”.",
    )
    _not_in_use(command.sku, index)
    if command.barcode:  # a manufacturer's code finds one item only
        _not_in_use(command.barcode, index)
    return command


def _require(value: str, question: str) -> None:
    if not value.strip():
        raise MissingField(f"{question} {NOTHING_ADDED}")


def _example_unit(name: str) -> str:
    last = name.split()[-1].lower() if name.split() else "unit"
    return last if last.endswith("s") else "units"


def _not_in_use(key: str, index: CatalogIndex) -> None:
    item = index.with_key(key)  # tags, SKUs and barcodes: each finds one item
    if item is not None:
        receipt = f" To record stock received, say e.g. “received 2 {item.key}”." if item.unit else ""
        raise AlreadyExists(
            f"{key} is already in use: it finds {item.label}. {NOTHING_ADDED} Pick another one.{receipt}"
        )


def _read_asset_words(command: C.AddAsset, index: CatalogIndex) -> C.AddAsset:
    category = command.category
    if category is None and command.kind and singular(command.kind.split()[-1]) in index.categories:
        category = singular(command.kind.split()[-1])
    manufacturer, model = command.manufacturer, command.model
    words = (command.make_and_model or command.description).split()
    maker = _known_maker(words, index)
    if manufacturer is None and maker:
        manufacturer = index.manufacturers[" ".join(words[:maker]).lower()]
        rest = " ".join(words[maker:])
        if model is None and command.make_and_model and rest:  # "a new laptop, HP EliteBook 840"
            model = rest
    return replace(
        command, category=category, manufacturer=manufacturer, model=model, kind=None, make_and_model=None
    )


def _known_maker(words: list[str], index: CatalogIndex) -> int:
    """How many leading words name a maker the catalog knows (0: none)."""
    for n in (3, 2, 1):
        if len(words) > n - 1 and " ".join(words[:n]).lower() in index.manufacturers:
            return n
    return 0
