"""Words for catalog fields and their values, shared by managers' adds and
edits in plain words: which field "serial number" or "vendor" is, what a tag
looks like, and dates written the way people write them."""

from __future__ import annotations

import calendar
import re

# A tag or SKU as people type it: A-9100, A9100, PAP-A4, ZIP-S (not "A4": a paper size).
KEY = r"(?:[A-Za-z]{1,6}\d{3,}[A-Za-z0-9]*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)"
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DAY_MONTH = re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})$", re.I)
_MONTH_DAY = re.compile(rf"^(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$", re.I)

# Words people use for a field -> the field's name (CONTRACT's CSV columns).
FIELD_WORDS = {
    "name": "name",
    "description": "name",
    "location": "location",
    "place": "location",
    "department": "department",
    "dept": "department",
    "team": "department",
    "condition": "condition",
    "category": "category",
    "model": "model",
    "model number": "model",
    "manufacturer": "manufacturer",
    "make": "manufacturer",
    "maker": "manufacturer",
    "brand": "manufacturer",
    "serial": "serial",
    "serial number": "serial",
    "serial no": "serial",
    "s/n": "serial",
    "supplier": "supplier",
    "vendor": "supplier",
    "cost": "cost",
    "price": "cost",
    "purchase price": "cost",
    "unit cost": "unit_cost",
    "unit price": "unit_cost",
    "salvage value": "salvage_value",
    "useful life": "useful_life_years",
    "purchase date": "purchase_date",
    "packs": "packs",
    "pack sizes": "packs",
    "barcode": "barcode",
    "reorder qty": "reorder_qty",
    "reorder quantity": "reorder_qty",
    "alias": "aliases",
    "aliases": "aliases",
}  # not the unit: on hand and every entry are counted in it
FIELD = "|".join(re.escape(w) for w in sorted(FIELD_WORDS, key=len, reverse=True))


def field_name(words: str) -> str:
    return FIELD_WORDS.get(" ".join(words.lower().split()), words.lower())


def iso_date(text: str) -> str:
    """ "15 March 2024" or "March 15, 2024" as 2024-03-15; any other text as it is
    (the field's own check then says what is wrong with it)."""
    text = text.strip()
    match = _DAY_MONTH.match(text) or _MONTH_DAY.match(text)
    if not match:
        return text
    return f"{int(match['y']):04d}-{MONTHS[match['m'].lower()]:02d}-{int(match['d']):02d}"
