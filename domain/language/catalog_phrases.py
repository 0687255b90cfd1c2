"""Managers adding items in plain words: "add a new laptop A-9100, HP
EliteBook 840, serial 5CG123, in the IT room", "add stock ENV-C5 C5 envelopes,
counted in envelopes, box of 500, reorder at 1000, supplier Viking". A field
is taken only where the sentence names it (a keyword, a money amount, a pack
size); the words left over are the item's name, never a guessed field. What
the words mean against the catalog (a known maker, a known place) is decided
later, by services.understanding."""

from __future__ import annotations

import re

from domain import commands as C
from domain.commands import Command
from domain.language.field_words import DATE, KEY, iso_date

ADD = re.compile(
    r"^(?:(?P<verb>add|adding|create|register)\s+(?:(?:a|an)\s+)?(?P<new>new\s+)?"
    r"|(?P<bare_new>new\s+)(?=(?:asset|stock|item|consumable|sku)\b))(?P<body>.+)$",
    re.I,
)
STOCK_WORD = re.compile(r"^(?:stock item|stock|consumables?|sku|supplies|supply item)\b\s*:?\s*", re.I)
ASSET_WORD = re.compile(r"^(?:asset|item|equipment)\b\s*:?\s*", re.I)
EXPLICIT_KEY = re.compile(
    rf"(?:\bwith\s+(?:the\s+|an?\s+)?)?\b(?:asset tag|tag|tagged|sku|code|as)\s*[:#]?\s*(?P<key>{KEY})(?![\w-])",
    re.I,
)
LEADING_KEY = re.compile(rf"^(?P<kind>(?:[a-z][a-z\-]*:?\s+){{0,3}}?)(?P<key>{KEY})(?![\w-])\s*:?\s*", re.I)
# "add A-9100 laptop to the catalog": where it is added is no part of its name.
TO_THE_CATALOG = re.compile(
    r"\s+(?:to|into|in|on)\s+(?:the\s+|our\s+)?(?:catalog|catalogue|inventory|system|register|asset list|stock list)\b",
    re.I,
)
MONEY = r"(?:[£$€]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s*(?:pounds|dollars|euros|gbp|usd|eur)\b)"
CONDITION = re.compile(
    r"\b(?:in\s+)?(?P<value>(?:very\s+)?(?:good|excellent|fair|poor|ok|working|like new|mint|used|refurbished|damaged))"
    r"\s+condition\b|\b(?P<new>brand new)\b",
    re.I,
)
PACK_OF = re.compile(
    r"\b(?P<pack>box|pack|packet|case|carton|bag|roll|bundle|pallet|tube|sleeve|tray|crate|tub)(?:es|s)?\s+of\s+(?P<n>\d[\d,]*)\b"
    r"|\b(?P<n2>\d[\d,]*)\s+(?:per|to a|in a|a)\s+(?P<pack2>[a-z]+)\b",
    re.I,
)
# Keywords that start a field, longest first; each field's value runs to the next one.
ASSET_CLAUSES = (
    ("serial", r"serial(?:\s+(?:number|no\.?|#))?|s/n|sn"),
    ("model", r"model(?:\s+(?:number|no\.?))?"),
    ("manufacturer", r"manufacturer|made by|make|brand|maker"),
    ("category", r"category"),
    ("cost", r"purchase price|bought for|priced at|costing|costs|cost|price|paid"),
    ("purchase_date", r"purchase date|purchased on|purchased|bought on|bought in|bought|acquired"),
    ("useful_life_years", r"useful life|depreciated over|depreciate over"),
    ("condition", r"condition"),
    ("department", r"department|dept|belongs to|owned by"),
    ("location", r"location|located in|kept in|stored in|lives in|in|at"),
)
STOCK_CLAUSES = (
    ("unit", r"counted in|counted by the|unit is|unit|units|measured in|sold by the|by the"),
    ("reorder_qty", r"reorder (?:qty|quantity|amount)|order quantity"),
    ("reorder_point", r"reorder (?:point|level)|reorder (?:at|when (?:below|under|at))|reorder"),
    ("supplier", r"supplier|supplied by|bought from|ordered from|vendor|from"),
    ("unit_cost", r"unit cost|unit price|costing|costs|cost|price|at"),
    ("barcode", r"barcode|ean|upc|gtin"),
    ("location", r"location|kept in|stored in|lives in|in"),
)
# Commas and semicolons part the fields, except a thousands comma ("£1,200").
SEGMENTS = re.compile(r"\s*(?:;|,(?!(?<=\d,)\d{3}(?!\d)))\s*")
LEAD = re.compile(r"^(?:is|are|of|at|to|=|:|the)\s+|^[:=]\s*", re.I)
DEPARTMENT = re.compile(
    r"\b(?:for|belongs to|owned by|in)\s+(?:the\s+)?(?P<name>[\w&]+(?:\s+(?!(?:for|in|at|the)\b)[\w&]+){0,3}?)"
    r"\s+(?:department|dept|team)\b",
    re.I,
)
DEPARTMENT_SUFFIX = re.compile(r"^(?P<name>.+?)\s+(?:department|dept|team)$", re.I)


def parse_add(text: str) -> Command | None:
    """An add in words, or None when `text` is no add ("add 3 boxes of paper" is a receipt)."""
    match = ADD.match(text)
    if not match:
        return None
    body = TO_THE_CATALOG.sub("", match["body"]).strip()
    explicit_stock = STOCK_WORD.match(body)
    explicit_asset = ASSET_WORD.match(body)
    named = match["new"] or match["bare_new"] or explicit_stock or explicit_asset
    if not named and not _implicit_add(match["verb"], body):
        return None
    if re.match(r"^\d|^(?:a|an|one|two|three|some|more)\s", body, re.I) and not match["new"]:
        return None  # a quantity: received stock, not a new item
    if explicit_stock:
        return _stock(body[explicit_stock.end() :], named=True)
    body = body[explicit_asset.end() :] if explicit_asset else body
    if not explicit_asset and _names_a_unit(body):
        return _stock(body, bool(named))
    return _asset(body, bool(named))


def _implicit_add(verb: str, body: str) -> bool:
    """ "add A-9007 label printer" and "add laptop A-9100" add; "add toner TON-26A x2"
    receives (a quantity after the key)."""
    key = _leading_key(body)
    if not key or not verb.lower().startswith("add"):
        return False
    rest = body[key.end() :].strip()
    if re.match(r"^(?:x\s*)?\d+\b", rest, re.I):
        return False
    return bool(key["kind"].strip() or re.search(r"[A-Za-z]{2,}", rest))


def _leading_key(body: str, named: bool = False) -> re.Match | None:
    """A tag or SKU at the start, after at most a few words saying what it is
    ("a new Dell laptop A-9100"). Without "new" or "asset" those words must be
    lowercase: "add Sony WH-1000XM5 headphones" names a maker's model, not a tag."""
    first = body.split(",")[0]
    match = LEADING_KEY.match(first)
    kind = match["kind"].split() if match else []
    if kind and (not kind[-1].islower() or not (named or match["kind"].islower())):
        return None  # "a new Sony WH-1000XM5": a model right after its maker
    return match


def _names_a_unit(body: str) -> bool:
    return bool(PACK_OF.search(body) or re.search(r"\b(?:counted in|unit is|reorder)\b", body, re.I))


def _split_key(body: str, named: bool) -> tuple[str, str, str]:
    """(kind words, key, the rest) of the body; key "" when none is given."""
    explicit = EXPLICIT_KEY.search(body)
    if explicit:
        rest = (body[: explicit.start()] + " " + body[explicit.end() :]).strip(" ,")
        return "", explicit["key"].upper(), " ".join(rest.split())
    leading = _leading_key(body, named)
    if leading:
        return leading["kind"].strip(" :"), leading["key"].upper(), body[leading.end() :].strip(" ,")
    return "", "", body


def _asset(body: str, named: bool) -> Command:
    kind, tag, rest = _split_key(body, named)
    fields, names = _fields(rest, ASSET_CLAUSES, money_field="cost")
    make_and_model = names[0] if names and kind else None
    if kind and not any(kind.lower() in n.lower() for n in names):
        names[:1] = [f"{names[0]} {kind}" if names else kind]  # "HP EliteBook 840 laptop"
    name = " ".join(names)
    if "purchase_date" in fields:
        fields["purchase_date"] = iso_date(fields["purchase_date"])
    years = re.fullmatch(r"(\d+)\s*(?:years?|yrs?)?", fields.get("useful_life_years", ""), re.I)
    if years:
        fields["useful_life_years"] = years[1]
    return C.AddAsset(
        tag=tag,
        description=name,
        kind=kind or None,
        make_and_model=make_and_model,
        **_only(fields, C.AddAsset),
    )


def _stock(body: str, named: bool) -> Command:
    kind, sku, rest = _split_key(body, named)
    packs = [
        f"{m['pack'] or m['pack2']}={(m['n'] or m['n2']).replace(',', '')}" for m in PACK_OF.finditer(rest)
    ]
    rest = PACK_OF.sub(" ", rest)
    fields, names = _fields(rest, STOCK_CLAUSES, money_field="unit_cost")
    location = fields.get("location", "")
    if "unit" not in fields and re.fullmatch(r"[a-z]+", location):  # "zip ties in bags": a unit, not a place
        fields["unit"] = fields.pop("location")
    name = " ".join(names) or kind
    return C.AddStock(
        sku=sku,
        description=name,
        unit=fields.pop("unit", ""),
        packs=";".join(packs) or None,
        **_only(fields, C.AddStock),
    )


def _fields(text: str, clauses, money_field: str) -> tuple[dict[str, str], list[str]]:
    """The fields named in `text` and the pieces of it that name none (the item's name)."""
    fields: dict[str, str] = {}
    names: list[str] = []
    department = DEPARTMENT.search(text)
    if department and money_field == "cost":  # "for the Sales team"; "for the offsite" stays in the name
        fields["department"] = department["name"]
        text = text[: department.start()] + "," + text[department.end() :]
    condition = CONDITION.search(text)
    if condition and money_field == "cost":
        fields["condition"] = (condition["value"] or "new").lower()
        text = text[: condition.start()] + "," + text[condition.end() :]
    keywords = "|".join(f"(?P<{field}>{words})" for field, words in clauses)
    starts = re.compile(rf"(?:^|(?<=[\s,;]))(?:{keywords})(?=\s|:|$)", re.I)
    for segment in SEGMENTS.split(text):
        cuts = list(starts.finditer(segment))
        head = segment[: cuts[0].start()] if cuts else segment
        _name_or_money(head.strip(), fields, names, money_field)
        for n, cut in enumerate(cuts):
            end = cuts[n + 1].start() if n + 1 < len(cuts) else len(segment)
            value = LEAD.sub("", segment[cut.end() : end].strip()).strip()
            field = cut.lastgroup
            named = DEPARTMENT_SUFFIX.match(value) if field == "department" else None
            value = named["name"] if named else value
            if field == "location" and re.fullmatch(MONEY, value, re.I):  # "at £4.20"
                field = money_field
            if value and field in fields:  # "serial A1, serial B2": asked which, never one picked
                fields.setdefault("twice", f"{field.replace('_', ' ')}: {fields[field]} or {value}")
            elif value:
                fields[field] = value
            else:  # a keyword with no value: kept in the name, shown in the reply
                names.append(segment[cut.start() : end].strip())
    return fields, names


def _name_or_money(text: str, fields: dict[str, str], names: list[str], money_field: str) -> None:
    text = text.strip(" .")
    if not text:
        return
    if re.fullmatch(rf"{MONEY}(?:\s+(?:each|a piece|per unit|apiece))?", text, re.I):
        fields.setdefault(money_field, re.sub(r"\s+(?:each|a piece|per unit|apiece)$", "", text))
    elif re.fullmatch(DATE, text, re.I):
        fields.setdefault("purchase_date", text)
    else:
        names.append(text)


def _only(fields: dict[str, str], kind: type[Command]) -> dict[str, str]:
    allowed = set(kind.__dataclass_fields__)
    return {k: v for k, v in fields.items() if k in allowed}
