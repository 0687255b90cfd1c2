"""Small value types: asset tags, pack sizes and quantities in base units."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from fractions import Fraction

from domain.errors import InvalidQuantity, InvalidValue, UnknownPack

# One movement larger than this is almost certainly a typo (an SKU or a barcode
# typed into the quantity); refusing it beats corrupting the count.
MAX_MOVEMENT = 100_000
MAX_ON_HAND = 10_000_000

_TAG_NOISE = re.compile(r"[\s\-_./]+")


def tag_key(tag: str) -> str:
    """The form tags and SKUs are compared in: case, spaces and dashes ignored."""
    return _TAG_NOISE.sub("", tag).upper()


def singular(word: str) -> str:
    """English singular of a unit or pack word: boxes -> box, reams -> ream."""
    w = word.lower().strip()
    for plural, single in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("sses", "ss")):
        if w.endswith(plural) and len(w) > len(plural) + 1:
            return w[: -len(plural)] + single
    if w.endswith("s") and not w.endswith("ss") and len(w) > 2:
        return w[:-1]
    return w


def plural(word: str, count: int) -> str:
    if count == 1:
        return word
    if word.endswith(("x", "ch", "sh", "ss")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@dataclass(frozen=True)
class Packs:
    """Named packs of a stock item, each a whole number of base units."""

    sizes: tuple[tuple[str, int], ...] = ()

    @classmethod
    def parse(cls, text: str | None) -> "Packs":
        """`box=5;case=50` (commas also accepted)."""
        if not text or not text.strip():
            return cls()
        sizes: dict[str, int] = {}
        for part in re.split(r"[;,]", text):
            if not part.strip():
                continue
            name, sep, size = part.partition("=")
            name = singular(name)
            if not sep or not name or not re.fullmatch(r"[a-z][a-z \-]*", name):
                raise InvalidValue(f"“{part.strip()}” is not a pack like box=5")
            if not size.strip().isdigit() or not 1 < int(size) <= MAX_MOVEMENT:
                raise InvalidValue(f"the pack “{name}” needs a whole size above 1, like {name}=5")
            if name in sizes:
                raise InvalidValue(f"the pack “{name}” is given twice")
            sizes[name] = int(size)
        return cls(tuple(sorted(sizes.items(), key=lambda kv: kv[1])))

    def __str__(self) -> str:
        return ";".join(f"{name}={size}" for name, size in self.sizes)

    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.sizes)

    def size_of(self, pack: str) -> int | None:
        pack = singular(pack)
        return next((size for name, size in self.sizes if name == pack), None)


def to_base_units(count: int | Fraction, pack: str | None, unit: str, packs: Packs, item_name: str) -> int:
    """Convert `count` packs (or base units when pack is None) to base units,
    refusing zero, negative, unknown packs, parts of a base unit and absurd amounts.
    `count` may be a fraction of a pack ("half a box"): fine while it comes to whole units."""
    if isinstance(count, bool) or not isinstance(count, (int, Fraction)):
        raise InvalidQuantity(f"“{count}” isn't a whole number of {plural(unit, 2)}.")
    if count <= 0:
        raise InvalidQuantity(f"The quantity must be at least 1, not {count}.")
    size = 1
    if pack is not None and singular(pack) not in (singular(unit), "unit", "piece", "pc", "each"):
        found = packs.size_of(pack)
        if found is None and singular(pack) == "pair":
            found = 2  # a pair is two, unless the item is counted in pairs (then it is one)
        if found is None:  # a typo of one of its packs: "2 bundels" are bundles (the reply names them)
            close = difflib.get_close_matches(singular(pack).lower(), packs.names(), n=2, cutoff=0.8)
            found = packs.size_of(close[0]) if len(close) == 1 else None
        if found is None:
            raise UnknownPack(item_name, singular(pack), tuple(packs.names()) + (unit,))
        size = found
    total = count * size
    if isinstance(total, Fraction):
        if total.denominator != 1:
            said = f"{_said(count)} {plural(singular(pack), 2) if pack else plural(unit, 2)}"
            raise InvalidQuantity(
                f"{said} of {item_name} isn't a whole number of {plural(unit, 2)}. "
                f"How many {plural(unit, 2)} was it? Nothing was changed."
            )
        total = int(total)
    if total > MAX_MOVEMENT:
        raise InvalidQuantity(
            f"{total:,} {plural(unit, total)} in one go looks like a typo (the limit is {MAX_MOVEMENT:,}). Nothing was changed."
        )
    return total


def _said(amount: Fraction) -> str:
    whole, part = divmod(amount.numerator, amount.denominator)
    fraction = f"{part}/{amount.denominator}"
    return f"{whole} {fraction}" if whole else fraction


def describe_quantity(units: int, unit: str, packs: Packs) -> str:
    """`12 reams (2 boxes + 2 reams)`: base units first, packs as a reading aid."""
    text = f"{units:,} {plural(unit, units)}"
    if not packs.sizes or units <= 0:
        return text
    parts, rest = [], units
    for name, size in reversed(packs.sizes):
        n, rest = divmod(rest, size)
        if n:
            parts.append(f"{n} {plural(name, n)}")
    if not parts:
        return text
    if rest:
        parts.append(f"{rest} {plural(unit, rest)}")
    return f"{text} ({' + '.join(parts)})"
