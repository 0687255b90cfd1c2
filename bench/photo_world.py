"""The catalog the field photos are of, and the codes on them: asset tags, Snipe-IT links and
retail GTINs in every form a catalog stores them, with some deliberately absent. From one seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

SEED = 61021
FORMATS = ("Code128", "EAN13", "UPCA", "UPCE", "EAN8", "QR", "DataMatrix")
RETAIL = ("EAN13", "UPCA", "UPCE", "EAN8")


@dataclass(frozen=True)
class Code:
    format: str  # one of FORMATS
    payload: str  # exactly the text encoded (UPC-E: the 8 printed digits)
    key: str | None  # the catalog asset tag or SKU it should find; None when not in the catalog


# ------------------------------------------------------------------------------------------ GTINs
def check_digit(body: str) -> str:
    return str(-sum(int(d) * (3 - 2 * (i % 2)) for i, d in enumerate(reversed(body))) % 10)


def upce_to_upca(e: str) -> str:
    """8-digit UPC-E (number system, 6 digits, check digit) -> its 12-digit UPC-A."""
    d, x = e[1:7], e[6]
    mid = d[:2] + x + "0000" + d[2:5] if x in "012" else d[:5] + "0000" + x
    mid = {"3": d[:3] + "00000" + d[3:5], "4": d[:4] + "00000" + d[4]}.get(x, mid)
    return e[0] + mid + e[7]


def gtin14(fmt: str, digits: str) -> str:
    return (upce_to_upca(digits) if fmt == "UPCE" else digits).zfill(14)


# Real GS1 prefixes. EAN-13 never starts with 0 (that is a UPC-A) and EAN-8 never with 0-2, so an
# 8-digit catalog value starting with 0 or 1 is always a UPC-E in this suite.
PREFIX = {
    "EAN13": """400 401 403 405 406 409 419 425 440 500 501 503 506 509 300 303 340 376 800 803 841
                870 871 872 690 692 693 471 880 890 560 590 599 730 750 779 789 850""".split(),
    "EAN8": "400 409 500 501 540 560 590 690 693 750 760 800 870 871 880 900 930 955".split(),
    "UPCA": list("01678"),
    "UPCE": list("01"),
}
LENGTH = {"EAN13": 13, "EAN8": 8, "UPCA": 12, "UPCE": 8}
# how the catalog stores the barcode of an item whose package shows <format>, with weights
FORMS = {
    "EAN13": (("EAN13", "GTIN14"), (7, 3)),
    "EAN8": (("EAN8", "GTIN14"), (8, 2)),
    "UPCA": (("UPCA", "EAN13", "GTIN14"), (5, 3, 2)),
    "UPCE": (("UPCE", "UPCA", "EAN13", "GTIN14"), (4, 4, 1, 1)),
}


def _canonical_upce(b: str) -> bool:
    """Zero suppression is unique: '3' needs d3 > 2, '4' needs d4 != 0, '5'-'9' need d5 != 0."""
    x = b[6]
    return x in "012" or (x == "3" and b[3] > "2") or (x == "4" and b[4] != "0") or (x > "4" and b[5] != "0")


def new_gtin(r: random.Random, fmt: str, used: set) -> str:
    """A fresh code with a valid check digit whose GTIN-14 is not in `used` (which it joins)."""
    while True:
        p = r.choice(PREFIX[fmt])
        body = p + "".join(r.choices("0123456789", k=LENGTH[fmt] - 1 - len(p)))
        if fmt == "UPCE" and not _canonical_upce(body):
            continue
        s = body + check_digit(upce_to_upca(body + "0")[:11] if fmt == "UPCE" else body)
        if gtin14(fmt, s) not in used:
            used.add(gtin14(fmt, s))
            return s


# ---------------------------------------------------------------------------------------- catalog
ASSET_MODELS = """Dell Latitude 5440|Lenovo ThinkPad T14|HP EliteBook 840|MacBook Pro 14|Surface Pro 9
Dell U2723QE monitor|LG 27UL500 monitor|BenQ GW2480 monitor|Logitech MX Keys|Poly Voyager 4320|iPad 10.2
Cisco 8841 IP phone|Epson EB-X49 projector|Brother HL-L2350DW|Canon EOS R50|Jabra Speak 510|Zebra ZD421
Synology DS920+|Ubiquiti U6-Pro AP|Dell OptiPlex 7010|HP Z2 G9 workstation""".replace("\n", "|").split("|")
STOCK_BASE = """TONER-05A=HP 05A black toner|TONER-26X=HP 26X toner|TONER-TN2420=Brother TN-2420 toner
PAPER-A4=A4 copier paper 80gsm|PAPER-A3=A3 copier paper|SKU-BAT-AA=AA batteries|SKU-BAT-AAA=AAA batteries
SKU-BAT-9V=9V batteries|SKU-BAT-CR2032=CR2032 coin cells|PEN-BLUE=Blue ballpoint pen|MOUSE-USB=USB mouse
MARKER-WB-BLK=Whiteboard marker|CABLE-HDMI-2M=HDMI cable 2 m|CABLE-USBC-1M=USB-C cable 1 m
CABLE-CAT6-3M=Cat6 patch cable 3 m|HEADSET-USB=USB headset|LABEL-62MM=62 mm labels|STAPLES-24-6=Staples
TAPE-CLEAR=Clear tape 19 mm|NOTEBOOK-A5=A5 notebook|POSTIT-76=Sticky notes 76 mm|WIPES-SCREEN=Screen wipes
COFFEE-1KG=Coffee beans 1 kg|GLOVES-M=Nitrile gloves M|BIN-BAGS-60L=Bin bags 60 L|CHARGER-65W=65 W charger
ADAPTER-USBC-HDMI=USB-C to HDMI adapter""".replace("\n", "|").split("|")
NOUNS = "CBL=cable ADP=adapter FLD=folder CLN=cleaner LBL=labels BAT=battery INK=ink".split()
WORDS = """the of and invoice order total please return warranty model serial power input output meeting
notes agenda budget q3 review printer office supplies delivery note page date made in china caution keep
dry recycle www example com batch lot best before net weight ingredients contents ltd gmbh item qty price
ref""".split()


@lru_cache(maxsize=1)
def world() -> dict:
    """The catalog, the pools the photos draw from, and tags, ids and SKUs that are deliberately absent."""
    r = random.Random(SEED)
    nums, ids = r.sample(range(1000, 30000), 460), r.sample(range(2, 6000), 460)
    snipe = [ids[k] if r.random() < 0.6 else None for k in range(400)]  # 60% came from Snipe-IT
    assets = [
        {"asset_tag": f"A-{n}", "name": r.choice(ASSET_MODELS), "snipe_id": i} for n, i in zip(nums, snipe)
    ]
    items = dict(x.split("=") for x in STOCK_BASE)
    while len(items) < 320:
        code, noun = r.choice(NOUNS).split("=")
        sku = f"{code}-{r.randint(10, 9999)}"
        items.setdefault(sku, f"{r.choice(('Basic', 'Pro', 'Eco', 'XL'))} {noun} {sku[-3:]}")
    used, stock, pools = set(), [], {f: [] for f in RETAIL}
    for k, (sku, name) in enumerate(items.items()):
        fmt, barcode = RETAIL[k % 4], None
        if r.random() > 0.12:
            printed, form = new_gtin(r, fmt, used), r.choices(*FORMS[fmt])[0]
            barcode = printed if form == fmt else gtin14(fmt, printed)[-LENGTH.get(form, 14) :]
            if fmt == "UPCA" and r.random() < 0.15:  # a zero-suppressible UPC-A, catalogued as its UPC-E
                used.discard(gtin14(fmt, printed))
                barcode, form = new_gtin(r, "UPCE", used), "UPCE"
                printed = upce_to_upca(barcode)
            pools[fmt].append((sku, printed, form))
        stock.append({"sku": sku, "name": name, "barcode": barcode})
    known = set(items) | {a["asset_tag"] for a in assets}
    absent = [f"{p}-{r.randint(100, 999)}" for p in ("TONER", "SKU-CBL", "KIT", "PRT") * 10]
    return {
        "assets": assets,
        "stock": stock,
        "pools": pools,
        "used": used,
        "names": {**items, **{a["asset_tag"]: a["name"] for a in assets}},
        "unknown_tags": [f"A-{n}" for n in nums[400:]],
        "unknown_ids": ids[400:],
        "unknown_skus": [s for s in absent if s not in known],
    }


def catalog() -> dict:
    w = world()
    return {"assets": [dict(a) for a in w["assets"]], "stock": [dict(s) for s in w["stock"]]}
