"""Find catalog items from the words people use: exact tags, SKUs and barcodes
win outright; otherwise fuzzy matching (rapidfuzz) over names, models,
manufacturers and aliases, with confidence deciding act / ask / give up."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from domain.ledger import ItemType
from domain.values import tag_key

ACCEPT = 72  # below this nothing is plausible enough to act on
CLOSE = 6  # candidates within this of the best are "equally good"
SUGGEST = 50


@dataclass(frozen=True)
class CatalogItem:
    type: ItemType
    key: str  # the tag or SKU as written in the catalog
    name: str
    group: str  # identical units (same name and model) share a group

    @property
    def label(self) -> str:
        return f"{self.key} {self.name}"


@dataclass
class Resolution:
    """`items` are the candidates, best first. One item, or several of one
    group, is a clear answer; `exact` means a tag, SKU or barcode hit."""

    reference: str
    items: list[CatalogItem] = field(default_factory=list)
    exact: bool = False
    suggestions: list[CatalogItem] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.items)

    @property
    def is_clear(self) -> bool:
        return bool(self.items) and len({item.group for item in self.items}) == 1


class CatalogIndex:
    def __init__(self, assets: list[tuple], stock: list[tuple]):
        """`assets`: (tag, name, model, manufacturer, category, aliases, status);
        `stock`: (sku, name, barcode, supplier, aliases, unit)."""
        self.exact: dict[str, CatalogItem] = {}
        self._texts: dict[ItemType, list[str]] = {ItemType.ASSET: [], ItemType.STOCK: []}
        self._owners: dict[ItemType, list[list[CatalogItem]]] = {ItemType.ASSET: [], ItemType.STOCK: []}
        self._slots: dict[tuple[ItemType, str], int] = {}
        for tag, name, model, manufacturer, category, aliases, _status in assets:
            group = f"{name}|{model or ''}".lower()
            item = CatalogItem(ItemType.ASSET, tag, name, group)
            self.exact[tag_key(tag)] = item
            words = [name, model, f"{manufacturer or ''} {model or ''}", f"{name} {category or ''}", *(aliases or "").split("|")]
            self._add_texts(item, words)
        for sku, name, barcode, _supplier, aliases, unit in stock:
            item = CatalogItem(ItemType.STOCK, sku, name, f"stock|{sku}".lower())
            self.exact[tag_key(sku)] = item
            if barcode:
                self.exact.setdefault(tag_key(barcode), item)
            self._add_texts(item, [name, *(aliases or "").split("|")])

    def _add_texts(self, item: CatalogItem, words: list[str | None]) -> None:
        for word in words:
            text = utils.default_process(word or "")
            if not text:
                continue
            slot = self._slots.get((item.type, text))
            if slot is None:
                slot = self._slots[(item.type, text)] = len(self._texts[item.type])
                self._texts[item.type].append(text)
                self._owners[item.type].append([])
            owners = self._owners[item.type][slot]
            if item not in owners:
                owners.append(item)

    def resolve(self, reference: str, types: tuple[ItemType, ...] = (ItemType.ASSET, ItemType.STOCK)) -> Resolution:
        exact = self._exact_hit(reference, types)
        if exact is not None:
            return Resolution(reference, [exact], exact=True)
        query = utils.default_process(reference)
        if sum(ch.isalpha() for ch in query) < 2:
            return Resolution(reference)  # digits and symbols only match tags, SKUs and barcodes exactly
        scored: dict[CatalogItem, float] = {}
        for item_type in types:
            matches = process.extract(
                query, self._texts[item_type], scorer=fuzz.WRatio, processor=None, limit=12, score_cutoff=SUGGEST
            )
            for _text, score, slot in matches:
                for item in self._owners[item_type][slot]:
                    scored[item] = max(score, scored.get(item, 0))
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0].key))
        if not ranked or ranked[0][1] < ACCEPT:
            return Resolution(reference, suggestions=[item for item, _ in ranked[:3]])
        best = ranked[0][1]
        return Resolution(reference, [item for item, score in ranked if score >= best - CLOSE])

    def _exact_hit(self, reference: str, types: tuple[ItemType, ...]) -> CatalogItem | None:
        """The whole reference, or one word or word pair of it, is a tag/SKU/barcode."""
        words = re.findall(r"[\w\-./]+", reference)
        pieces = [reference] + words + [a + b for a, b in zip(words, words[1:])]
        for piece in pieces:
            item = self.exact.get(tag_key(piece))
            if item is not None and item.type in types:
                return item
        return None

    def __len__(self) -> int:
        return len(self.exact)
