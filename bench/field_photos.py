"""Field photos: a deterministic suite of phone photos of barcodes, with the truth for each.

What users post to Quartermaster: an asset label on a laptop, a product box or bottle on a desk, a
Snipe-IT sticker, a bin label, shot by hand (rotation, tilt, curved surfaces, glare, blur, shadow,
noise, JPEG) among decoys (vents, stripes, ruled paper, printed text, a fake barcode). Everything
comes from integer seeds, so render(case) gives the same bytes every time. No decoder shaped this
suite: codes are only kept physically resolvable (narrowest bar >= 1.3 px, 2D module >= 2.5 px:
px_per_module in the conditions) and blur is capped to a fraction of a module, as a steady hand.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from functools import lru_cache

import barcode as pybarcode
import cv2
import numpy as np
import segno
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

SEED, N_CASES, SNIPE_HOST = 61021, 660, "assets.example.org"
FORMATS = ("Code128", "EAN13", "UPCA", "UPCE", "EAN8", "QR", "DataMatrix")
RETAIL = ("EAN13", "UPCA", "UPCE", "EAN8")


@dataclass(frozen=True)
class Code:
    format: str  # one of FORMATS
    payload: str  # exactly the text encoded (UPC-E: the 8 printed digits)
    key: str | None  # the catalog asset tag or SKU it should find; None when not in the catalog


@dataclass(frozen=True)
class Case:
    name: str
    split: str  # "tune" or "test", from a hash of the name (about 40% test)
    codes: tuple[Code, ...]
    conditions: str
    megapixels: float


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


def _new_gtin(r: random.Random, fmt: str, used: set) -> str:
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
def _world() -> dict:
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
            printed, form = _new_gtin(r, fmt, used), r.choices(*FORMS[fmt])[0]
            barcode = printed if form == fmt else gtin14(fmt, printed)[-LENGTH.get(form, 14) :]
            if fmt == "UPCA" and r.random() < 0.15:  # a zero-suppressible UPC-A, catalogued as its UPC-E
                used.discard(gtin14(fmt, printed))
                barcode, form = _new_gtin(r, "UPCE", used), "UPCE"
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
    w = _world()
    return {"assets": [dict(a) for a in w["assets"]], "stock": [dict(s) for s in w["stock"]]}


# ---------------------------------------------------------------------------------------- symbols
@lru_cache(maxsize=None)
def _modules(fmt: str, payload: str) -> np.ndarray:
    """Dark modules, no quiet zone: 1D -> bool (n,), 2D -> bool (n, n)."""
    if fmt in ("Code128", "EAN13", "EAN8", "UPCA"):
        b = pybarcode.get_barcode_class(fmt.lower())(payload if fmt == "Code128" else payload[:-1])
        assert fmt == "Code128" or b.get_fullcode() == payload, (fmt, payload)
        return np.array([ch == "1" for ch in b.build()[0]])
    if fmt == "QR":
        return np.array(segno.make_qr(payload, error="m", boost_error=False).matrix, bool)
    bc = zxingcpp.create_barcode(payload, getattr(zxingcpp.BarcodeFormat, fmt))  # UPC-E, DataMatrix
    a = np.array(zxingcpp.write_barcode_to_image(bc, scale=1, add_quiet_zones=False, add_hrt=False)) < 128
    return a[0] if fmt == "UPCE" else a


# Retail symbols in modules: full-height guard spans; quiet zones (left, right); human-readable digits
# as (first digit, count, centre of the first, small type?)
GUARDS = {
    "EAN13": ((0, 3), (45, 50), (92, 95)),
    "EAN8": ((0, 3), (31, 36), (64, 67)),
    "UPCA": ((0, 10), (45, 50), (85, 95)),
    "UPCE": ((0, 3), (45, 51)),
}
QUIET = {"EAN13": (11, 7), "EAN8": (7, 7), "UPCA": (9, 9), "UPCE": (9, 9)}
HRI = {
    "EAN13": ((0, 1, -5, 0), (1, 6, 6.5, 0), (7, 6, 53.5, 0)),
    "EAN8": ((0, 4, 6.5, 0), (4, 4, 39.5, 0)),
    "UPCA": ((0, 1, -5, 1), (1, 5, 13.5, 0), (6, 5, 53.5, 0), (11, 1, 100, 1)),
    "UPCE": ((0, 1, -5, 1), (1, 6, 6.5, 0), (7, 1, 56, 1)),
}


@lru_cache(maxsize=64)
def _font(size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=max(6, int(size)))  # built into Pillow: no font file is read


def _layout(style: str, fmt: str, n: int, nh: float):
    """Label size and the symbol's top-left corner, in modules: (lw, lh, qx, qy)."""
    b, (ql, qr) = n + 8, QUIET.get(fmt, (0, 0))  # b: a QR with its 4-module quiet zone
    return {
        "qm128": (n + 20, nh + 19, 10, 3),  # our label: quiet zones, then the tag and the item's name
        "retail": (n + ql + qr, nh + 7, ql, 3),
        "qmqr": (b * 2.6, b, 4, 4),
        "snipe": (b * 2.6, b, 4, 4),
        "textqr": (b, b + 5, 4, 4),
        "dm": (n + 4 + (nh + 4) * 2.4, nh + 4, 2, 2),  # the symbol, then the text beside it
    }[style]


# ------------------------------------------------------------------------------------------- plan
def _project(pts, rot, tx, ty, f, cx, cy):
    """Points on a plane (frame px at the code's depth) -> frame px: tilt, in-plane rotation, pinhole."""
    a, b, c = (math.radians(v) for v in (rot, tx, ty))
    rz = np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
    rx = np.array([[1, 0, 0], [0, math.cos(b), -math.sin(b)], [0, math.sin(b), math.cos(b)]])
    ry = np.array([[math.cos(c), 0, math.sin(c)], [0, 1, 0], [-math.sin(c), 0, math.cos(c)]])
    p = np.c_[np.asarray(pts, float), np.zeros(len(pts))] @ (rz @ rx @ ry).T
    return np.c_[cx + f * p[:, 0] / (f + p[:, 2]), cy + f * p[:, 1] / (f + p[:, 2])]


def _fwd(c, pts):
    """Label coordinates (modules from the symbol's centre) -> frame px, around the cylinder if curved."""
    p = np.array(pts, float)
    if c["cyl"]:
        ax, R, off, bow = c["cyl"]
        th = (p[:, ax] - off) / R
        p[:, ax], p[:, 1 - ax] = off + R * np.sin(th), p[:, 1 - ax] - bow * R * (1 - np.cos(th))
    return _project(p * c["ppm0"], *c["g"])


def _ppm_min(c) -> float:
    """Narrowest bar (1D: measured across the projected bars) or module side (2D), anywhere on the symbol."""
    gx, gy = np.meshgrid(np.linspace(-c["nw"] / 2, c["nw"] / 2, 7), np.linspace(-c["nh"] / 2, c["nh"] / 2, 5))
    p = np.c_[gx.ravel(), gy.ravel()]
    o = _fwd(c, p)
    ju, jv = (_fwd(c, p + [0.25, 0]) - o) * 4, (_fwd(c, p + [0, 0.25]) - o) * 4
    det = np.abs(ju[:, 0] * jv[:, 1] - ju[:, 1] * jv[:, 0])
    w = det / np.linalg.norm(jv, axis=1)
    return float((np.minimum(w, det / np.linalg.norm(ju, axis=1)) if c["mods"].ndim == 2 else w).min())


def _label_origin(c):
    return -c["nw"] / 2 - c["lay"][2], -c["nh"] / 2 - c["lay"][3]


def _pick_code(r, fmt, unknown, w):
    """(Code, label style, note): a known code names a catalog item; unknown ones are absent on purpose."""
    if fmt in RETAIL:
        if unknown:  # a valid GTIN that is not in the catalog
            return Code(fmt, _new_gtin(r, fmt, set(w["used"])), None), "retail", "catalog=absent"
        sku, printed, form = r.choice(w["pools"][fmt])
        return Code(fmt, printed, sku), "retail", f"catalog={form}"
    tag = r.choice(w["assets"])["asset_tag"]
    sku = r.choice(w["stock"][:12] if r.random() < 0.5 else w["stock"])["sku"]
    if fmt != "QR":
        t = sku if r.random() < 0.25 else tag
        t = r.choice(w["unknown_tags"] + w["unknown_skus"][:8]) if unknown else t
        return Code(fmt, t, None if unknown else t), "qm128" if fmt == "Code128" else "dm", ""
    if unknown:
        p = r.choice(
            [
                f"https://{SNIPE_HOST}/hardware/{r.choice(w['unknown_ids'])}",  # not imported from Snipe-IT
                f"https://support.example.com/manuals/xr-{r.randint(100, 999)}",
                f"SKU: {r.choice(w['unknown_skus'])}",
                "WIFI:S:ACME-Guest;T:WPA;P:kettle-42;;",
                "Meeting room 4.12 - book at reception",
            ]
        )
        return Code("QR", p, None), "snipe" if "/hardware/" in p else "textqr", ""
    v, t = r.random(), sku if r.random() < 0.4 else tag
    if v < 0.35:  # our own QR label
        return Code("QR", t, t), "qmqr", ""
    if v < 0.7:  # a Snipe-IT label: the asset's URL, by Snipe-IT's numeric id
        a = r.choice([a for a in w["assets"] if a["snipe_id"]])
        return Code("QR", f"https://{SNIPE_HOST}/hardware/{a['snipe_id']}", a["asset_tag"]), "snipe", ""
    return Code("QR", f"SKU: {t}" if t == sku else t, t), "textqr", ""  # plain text


CLUTTER = ("text", "ruled", "keyboard", "sticker", "vents", "stripes", "fakebars", "pen")
DECOYS = {"text", "ruled", "keyboard", "vents", "stripes", "fakebars"}
BGS = ("desk", "wood", "fabric", "metal", "cardboard", "dark")
HARD = ("glare-near", "rot30-persp", "small-jpeg55", "curved-shadow")


def _plan_code(r, fmt, k, s, region, rot, tilt, phi):
    """One code of a photo: what it says, its label, surface, pose and size, all in numbers."""
    code, style, note = _pick_code(r, fmt, r.random() < 0.1, _world())
    m, hard, W, H = _modules(code.format, code.payload), s["hard"], s["W"], s["H"]
    n = m.shape[1] if m.ndim == 2 else len(m)  # modules across: a Data Matrix may be rectangular (8 x 32)
    tall = r.uniform(0.35, 0.75) if style == "retail" else r.uniform(0.22, 0.34)  # bar height / symbol width
    nh = m.shape[0] if m.ndim == 2 else round(n * tall)
    lw, lh, qx, qy = lay = _layout(style, fmt, n, nh)
    c = {"code": code, "style": style, "note": note, "mods": m, "nw": n, "nh": nh, "lay": lay, "cyl": None}
    car = [r.uniform(0.3, 1.2) * lw, r.uniform(0.3, 1.2) * lw, r.uniform(0.2, 1) * lh, r.uniform(0.2, 1) * lh]
    if hard == "curved-shadow" or r.random() < (0.25 if style == "retail" else 0.1):  # bottle, can, pipe
        ax = int(r.random() > 0.6)  # 0: cylinder axis along the bars (they get narrower), 1: across them
        span = (n if ax == 0 else nh) / 2
        R, off = r.uniform(span / 0.8, span / 0.35), r.uniform(-0.2, 0.2) * span  # within +-46 degrees
        c["cyl"] = (ax, R, off, math.sin(math.radians(tilt * (math.sin(phi) if ax == 0 else math.cos(phi)))))
        streak = r.choice([-1, 1]) * min(1.4, (span + abs(off)) / R + r.uniform(0.15, 0.5))  # off the symbol
        c["cyl_light"] = (r.uniform(-0.6, 0.6), streak, r.uniform(0.1, 0.4))
        start, size = (-qx - n / 2, lw) if ax == 0 else (-qy - nh / 2, lh)  # the body fills the visible half
        car[2 * ax], car[2 * ax + 1] = max(0, start - off + 1.45 * R), max(0, off + 1.45 * R - start - size)
    c["carrier"] = car if c["cyl"] or r.random() < 0.7 else None
    need = 1.3 if m.ndim == 1 else 2.5
    share = max(0.08, r.triangular(0.08, 0.5, 0.2) * (0.6 if s["two"] else 1))
    rot = max(-30, min(30, rot + (r.uniform(-8, 8) if k else 0)))
    c["g"] = [rot, tilt * math.sin(phi), tilt * math.cos(phi), 0.8 * max(W, H), 0, 0]
    c["ppm0"], region = (0.08 if hard == "small-jpeg55" else share) * W / n, np.array(region) * [W, H, W, H]
    x0, y0 = _label_origin(c)
    for _ in range(60):  # grow to the resolvable minimum; shrink, or flatten, until the label fits its region
        c["ppm0"] *= max(1.0, need * 1.04 / _ppm_min(c))
        q = _fwd(c, [(x0, y0), (x0 + lw, y0), (x0 + lw, y0 + lh), (x0, y0 + lh)])
        lo, hi = region[:2] - q.min(0), region[2:] - q.max(0)
        if (hi > lo).all():
            break
        c["ppm0"] *= 0.93
        if _ppm_min(c) < need * 1.04:
            c["g"][1:3] = c["g"][1] * 0.8, c["g"][2] * 0.8
    else:
        raise RuntimeError(f"case {s['i']}: cannot place {code}")
    c["g"][4:6] = r.uniform(lo[0], hi[0]), r.uniform(lo[1], hi[1])
    e = _fwd(c, [(-n / 2, 0), (n / 2, 0)])
    c.update(ppm=_ppm_min(c), share=float(np.linalg.norm(e[1] - e[0]) / W))
    c["u"] = int(np.clip(round(c["ppm0"] * 1.6), 3, 20 if m.ndim == 1 else 24))  # label raster, px/module
    return c


def _plan_case(i: int, fmts: list) -> dict:
    """Every choice for photo i, geometry included, so that cases() needs no rendering."""
    r = random.Random(SEED * 100003 + i)
    hard = HARD[i // 50 % 4] if i % 50 == 23 else ""
    big = (r.random() < 0.3 or hard == "rot30-persp") and hard != "small-jpeg55"
    W, H = (4000, 3000) if big else (1600, 1200)
    W, H = (H, W) if r.random() < 0.35 else (W, H)
    rot = r.uniform(-3, 3) if r.random() < 0.25 else r.uniform(-30, 30)
    tilt = r.choice([r.uniform(0, 2), r.uniform(0, 6), r.uniform(0, 20), r.uniform(8, 20)])
    phi = r.uniform(0, 2 * math.pi)
    if hard == "rot30-persp":
        rot, tilt = r.choice([-1, 1]) * r.uniform(28, 30), r.uniform(18, 20)
    s = {"i": i, "W": W, "H": H, "big": big, "hard": hard, "seed": r.randrange(2**31), "bg": r.choice(BGS)}
    s["jpeg"] = 55 if hard == "small-jpeg55" else r.randint(55, 90)
    s["clutter"] = [r.choice(CLUTTER) for _ in range(r.choice((1, 2, 3, 4, 6, 8)))]
    s["clutter"] += [] if fmts else ["fakebars", "vents", "text"]
    halves = ((0.02, 0.02, 0.49, 0.98), (0.51, 0.02, 0.98, 0.98))  # two codes: side by side along the
    halves = halves if W >= H else tuple((y0, x0, y1, x1) for x0, y0, x1, y1 in halves)  # long side
    regions, s["two"] = halves if len(fmts) == 2 else [(0.02, 0.02, 0.98, 0.98)], len(fmts) == 2
    s["codes"] = [_plan_code(r, f, k, s, regions[k], rot, tilt, phi) for k, f in enumerate(fmts)]
    ppm = min([c["ppm"] for c in s["codes"]] or [3.0])
    floor = 1.3 if any(c["mods"].ndim == 1 for c in s["codes"]) else 2.5
    blur = r.choice(("none", "none", "defocus", "motion", "defocus+motion"))
    k = min(1, ppm / floor - 0.6) * (0.75 if "+" in blur else 1)  # a steady hand: a fraction of a module
    s["defocus"] = min(r.uniform(0.2, 0.4) * ppm * k, 3.0 if big else 1.5) if "defocus" in blur else 0
    s["motion"] = min(r.uniform(0.4, 0.9) * ppm * k, 6.0 if big else 3.0) if "motion" in blur else 0
    s.update(motion_angle=r.uniform(0, 180), sharpen=r.uniform(0, 0.8))
    s["light"] = r.choice(("even", "gradient", "shadow", "dim", "warm", "bright"))
    s["light"] = "shadow" if hard == "curved-shadow" else s["light"]
    s["noise"] = r.uniform(3.5, 7) if s["light"] == "dim" else r.uniform(1.2, 4.0)
    glare = ("none",) * 3 + ("away", "sheen", "over-edge", "over-edge", "near") if fmts else ("none", "away")
    s["glare"] = "near-heavy" if hard == "glare-near" else r.choice(glare)
    s["glare_pos"] = (r.random(), r.random(), r.random())
    return s


@lru_cache(maxsize=1)
def _plan() -> list[dict]:
    r, slots, out = random.Random(SEED), [], []
    for _ in range(130):  # formats in shuffled blocks of seven: every format equally represented
        slots += r.sample(FORMATS, len(FORMATS))
    for i in range(N_CASES):
        n = 0 if i % 20 == 7 else 2 if random.Random(SEED + i).random() < 0.2 else 1
        out.append(_plan_case(i, slots[:n]))
        slots = slots[n:]
    return out


def _conditions(s) -> str:
    cs = s["codes"]
    each = lambda f: ",".join(f(c) for c in cs)  # noqa: E731
    parts = [f"bg={s['bg']}", "clutter=" + ",".join(sorted(set(s["clutter"])))]
    parts += ["decoys=" + (",".join(sorted(DECOYS & set(s["clutter"]))) or "none")]
    if cs:
        parts += ["style=" + each(lambda c: c["style"]), "rot=" + each(lambda c: f"{c['g'][0]:.1f}")]
        parts += [f"tilt={math.hypot(*cs[0]['g'][1:3]):.1f}"]
        parts += ["curved=" + each(lambda c: "yes" if c["cyl"] else "no")]
    parts += [f"glare={s['glare']}", f"blur=defocus{s['defocus']:.2f}px,motion{s['motion']:.2f}px"]
    parts += [f"light={s['light']}", f"noise={s['noise']:.1f}", f"jpeg={s['jpeg']}"]
    parts += [f"size={s['W']}x{s['H']} {'portrait' if s['H'] > s['W'] else 'landscape'}"]
    if cs:
        parts += ["share=" + each(lambda c: f"{c['share']:.2f}")]
        parts += ["px_per_module=" + each(lambda c: f"{c['ppm']:.2f}")]
    parts += [c["note"] for c in cs if c["note"]] + ([f"hard={s['hard']}"] if s["hard"] else [])
    return " ".join(parts)


def _name(s) -> str:
    fmts = "+".join(c["code"].format.lower() for c in s["codes"]) or "none"
    rot = round(s["codes"][0]["g"][0]) if s["codes"] else 0
    size = "12mp" if s["big"] else "2mp"
    return f"{s['i']:04d}-{fmts}-{s['bg']}-rot{rot}-{size}" + ("-hard" if s["hard"] else "")


@lru_cache(maxsize=1)
def _cases() -> dict:
    out = {}
    for s in _plan():
        name = _name(s)
        split = "test" if hashlib.sha256(name.encode()).digest()[0] < 102 else "tune"  # 102/256: about 40%
        codes = tuple(c["code"] for c in s["codes"])
        out[name] = (Case(name, split, codes, _conditions(s), round(s["W"] * s["H"] / 1e6, 2)), s)
    return out


def cases() -> list[Case]:
    return [case for case, _ in _cases().values()]


# ---------------------------------------------------------------------------------------- drawing
def _smooth(rng, h, w, cells):
    g = rng.normal(0, 1, (cells, max(2, cells * w // h))).astype(np.float32)
    return cv2.resize(g, (w, h), interpolation=cv2.INTER_CUBIC)


BG_COLORS = {
    "desk": ((222, 220, 214), (190, 192, 196), (236, 233, 226)),
    "wood": ((150, 105, 65), (182, 140, 95)),
    "fabric": ((60, 70, 95), (120, 40, 45), (90, 95, 90)),
    "metal": ((170, 172, 175), (120, 122, 126)),
    "cardboard": ((176, 138, 96), (160, 122, 84)),
    "dark": ((45, 45, 48), (30, 32, 36)),
}


def _background(rng, kind, W, H):
    """A procedural surface drawn at ~1000 px (a background is a little out of focus anyway), upscaled."""
    sc = max(W, H) / 1000
    h, w = round(H / sc), round(W / sc)
    base = np.array(BG_COLORS[kind][rng.integers(len(BG_COLORS[kind]))], np.float32)
    n = rng.normal(0, 1, (h, w)).astype(np.float32)
    t = 8 * _smooth(rng, h, w, 5) + 2 * n
    if kind == "wood":  # planks: fine wavy grain lines, fibres along the grain, seams
        ax = int(rng.integers(2))
        u = np.mgrid[0:h, 0:w][ax].astype(np.float32)
        phase = u / rng.uniform(3, 7) + 2.5 * _smooth(rng, h, w, 4)
        t += 8 * _smooth(rng, h, w, 9) - 22 * np.abs(np.sin(phase)) ** 6
        t += 30 * cv2.blur(n, (61, 1) if ax == 0 else (1, 61)) - 40 * (u % int(rng.integers(150, 300)) < 2)
    elif kind in ("metal", "cardboard"):  # brushed streaks / paper fibres
        t += (30 if kind == "metal" else 15) * cv2.blur(n, (41, 1) if kind == "metal" else (9, 3))
    img = cv2.resize(np.clip(base + t[..., None] * (0.4 + base / 255), 0, 255).astype(np.uint8), (W, H))
    if kind == "fabric":  # the weave, at full resolution
        p = max(3, max(W, H) // 450)
        y, x = np.mgrid[0 : 2 * p, 0 : 2 * p]
        tile = np.where((x // p + y // p) % 2 == 0, np.sin(np.pi * (x % p) / p), np.sin(np.pi * (y % p) / p))
        full = np.tile((tile * 28 - 14).astype(np.float32), (H // (2 * p) + 1, W // (2 * p) + 1))[:H, :W]
        img = cv2.add(img, cv2.cvtColor(full, cv2.COLOR_GRAY2RGB), dtype=cv2.CV_8U)
    return img


def _text(d, xy, text, size, max_w, fill, anchor="la"):
    """Draw text, shrinking it until it fits max_w px."""
    f = _font(size)
    while f.getlength(text) > max_w and f.size > 6:
        f = _font(f.size * 0.9)
    d.text(xy, text, fill=fill, font=f, anchor=anchor)


# clutter: (smallest, largest width as a share of the frame's long side, height/width or 0 for random)
CLUTTER_LOOK = {"text": (0.22, 0.45, 1.414), "ruled": (0.22, 0.45, 1.414), "keyboard": (0.35, 0.7, 0.33)}
CLUTTER_LOOK |= {"pen": (0.12, 0.22, 0.07), "sticker": (0.06, 0.14, 0), "fakebars": (0.08, 0.2, 0.6)}
CLUTTER_LOOK |= {"vents": (0.12, 0.3, 0), "stripes": (0.12, 0.3, 0)}
PAINT = ((240, 200, 40), (210, 50, 45), (60, 150, 80), (245, 245, 240), (30, 60, 160), (20, 20, 22))
STICKERS = ("FRAGILE", "PAT TESTED", "PROPERTY OF ACME", "DO NOT REMOVE", "CALIBRATED", "IT DEPT")


def _clutter_img(kind, r, L):
    """A clutter object lying on the desk, RGBA; L is the frame's long side in drawing px."""
    lo, hi, aspect = CLUTTER_LOOK[kind]
    w = int(L * r.uniform(lo, hi))
    h = max(4, int(w * (aspect or r.uniform(0.35, 1.0))))
    paper = (*[r.randint(232, 250)] * 3, 255)
    bg = {"text": paper, "ruled": paper, "fakebars": paper, "vents": (150, 152, 156, 255)}
    stripes = r.choice([(230, 60, 60, 255), (245, 245, 240, 255)])
    bg = bg.get(kind, stripes if kind == "stripes" else (0, 0, 0, 0))
    im = Image.new("RGBA", (w, h), bg)
    d, fs, ink = ImageDraw.Draw(im), max(6, w // 36), (r.randint(15, 60),) * 3
    if kind == "text":  # a printed page: lines of text
        d.text((w // 10, w // 10), " ".join(r.choices(WORDS, k=3)).title(), fill=ink, font=_font(fs * 2))
        for y in range(w // 10 + fs * 3, h - w // 10, int(fs * 1.5)):
            d.text((w // 10, y), " ".join(r.choices(WORDS, k=r.randint(3, 9))), fill=ink, font=_font(fs))
    elif kind == "ruled":  # a notebook page: ruled lines, a margin, handwriting-ish scribbles
        for y in range(w // 10, h, int(fs * 1.6)):
            d.line([(0, y), (w, y)], fill=(150, 170, 215), width=max(1, fs // 8))
            x = w // 6 + r.randint(0, w // 3)
            pts = [(x + k * w // 50, y - fs // 3 - r.randint(0, fs // 2)) for k in range(r.randint(4, 20))]
            if y < h * 0.6:
                d.line(pts, fill=(40, 50, 120), width=max(1, fs // 7))
        d.line([(w // 8, 0), (w // 8, h)], fill=(220, 120, 120), width=max(1, fs // 6))
    elif kind == "keyboard":
        k = w / 15.2
        d.rounded_rectangle([0, 0, w - 1, h - 1], radius=int(k / 2), fill=(35, 36, 40, 255))
        for row, col in np.ndindex(5, 14):
            x0, y0 = k * (0.3 + col * 1.06 + (row % 2) * 0.3), k * (0.3 + row * 1.06)
            d.rounded_rectangle([x0, y0, x0 + k * 0.92, y0 + k * 0.92], radius=int(k / 8), fill=(58, 60, 64))
            key = r.choice("QWERTYUIOPASDFGHJKLZXCVBNM1234567890")
            d.text((x0 + k * 0.2, y0 + k * 0.15), key, fill=(200, 200, 200), font=_font(k * 0.35))
    elif kind in ("sticker", "pen"):
        radius = h // (6 if kind == "sticker" else 2)
        d.rounded_rectangle([0, 0, w - 1, h - 1], radius=radius, fill=r.choice(PAINT))
        if kind == "sticker":
            _text(d, (w / 2, h / 2), r.choice(STICKERS), h * 0.4, w * 0.9, (20, 20, 20), "mm")
    elif kind == "fakebars":  # looks like a barcode, is none: random continuous widths, no structure
        x = w * 0.08
        while x < w * 0.92:
            bw = r.uniform(0.004, 0.022) * w
            d.rectangle([x, h * 0.08, x + bw, h * 0.78], fill=(25, 25, 25))
            x += bw + r.uniform(0.004, 0.02) * w
        digits = "".join(r.choices("0123456789", k=12))
        _text(d, (w / 2, h * 0.8), digits, h * 0.15, w * 0.85, (25, 25, 25), "ma")
    else:  # vents in a panel, or printed stripes: regular parallel bars, the classic 1D decoy
        n, v = r.randint(8, 22), kind == "vents"
        for k in range(n):
            x, bw = w * (0.06 + 0.88 * k / n), w * 0.88 / n * r.uniform(0.35, 0.6)
            fill = (30, 30, 34) if v else (30, 40, 110)
            d.rounded_rectangle([x, h * 0.1 * v, x + bw, h * (1 - 0.1 * v)], radius=2, fill=fill)
    return np.asarray(im)


def _paste(img, a, quad, shadow=0.0):
    """Warp the RGBA array `a` so its corners land on `quad` (4x2 frame px) and alpha-blend it into img."""
    H, W = img.shape[:2]
    h, w = a.shape[:2]
    x0, y0 = np.maximum(np.floor(quad.min(0)).astype(int) - 2 - int(3 * shadow), 0)
    x1, y1 = np.minimum(np.ceil(quad.max(0)).astype(int) + 2 + int(3 * shadow), [W, H])
    if x1 <= x0 or y1 <= y0:
        return
    f = math.sqrt(w * h / max(cv2.contourArea(quad.astype(np.float32)), 1.0))
    if f > 1.5:  # area-average first (the sensor integrates over its pixels), then warp
        w, h = max(2, round(w * 1.25 / f)), max(2, round(h * 1.25 / f))
        a = cv2.resize(a, (w, h), interpolation=cv2.INTER_AREA)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    M = cv2.getPerspectiveTransform(src, (quad - [x0, y0]).astype(np.float32))
    out = cv2.warpPerspective(a, M, (int(x1 - x0), int(y1 - y0)), flags=cv2.INTER_LINEAR)
    al, roi = out[..., 3].astype(np.float32) / 255, img[y0:y1, x0:x1]
    if shadow:  # a soft contact shadow, offset down-right, computed at low resolution
        k = max(1.0, shadow / 3)
        sm = cv2.resize(al, (int((x1 - x0) / k) + 1, int((y1 - y0) / k) + 1), interpolation=cv2.INTER_AREA)
        shift = np.float32([[1, 0, shadow * 0.5 / k], [0, 1, shadow / k]])
        sm = cv2.warpAffine(cv2.GaussianBlur(sm, (0, 0), shadow / k), shift, sm.shape[::-1])
        sh = cv2.resize(sm, (int(x1 - x0), int(y1 - y0)), interpolation=cv2.INTER_LINEAR)
        roi[:] = cv2.multiply(roi, cv2.cvtColor(1 - 0.35 * sh, cv2.COLOR_GRAY2RGB), dtype=cv2.CV_8U)
    roi[:] = cv2.blendLinear(cv2.cvtColor(out, cv2.COLOR_RGBA2RGB), roi, al, 1 - al)


def _label(c, u, r, names):
    """The label, or a package's printed barcode area, as RGBA at u px per module."""
    code, st, m, n, nh = c["code"], c["style"], c["mods"], c["nw"], c["nh"]
    lw, lh, qx, qy = c["lay"]
    W_, H_ = int(lw * u), int(lh * u)
    a = np.full((H_, W_, 4), 255, np.uint8)
    a[..., :3] = (r.randint(236, 252), r.randint(236, 252), r.randint(228, 248))
    ink = (r.randint(10, 45),) * 3
    ink = ink if st != "retail" or r.random() < 0.7 else r.choice([(20, 30, 90), (60, 35, 20), (10, 60, 30)])
    blk = np.kron(m, np.ones((u, u), bool)) if m.ndim == 2 else np.tile(np.repeat(m, u), (int(nh * u), 1))
    if st == "retail":  # the guard bars run 5 modules below the others
        tall = np.zeros(n, bool)
        for g0, g1 in GUARDS[code.format]:
            tall[g0:g1] = True
        blk[blk.shape[0] - int(5 * u) :, ~np.repeat(tall, u)] = False
    a[int(qy * u) : int(qy * u) + blk.shape[0], int(qx * u) : int(qx * u) + blk.shape[1], :3][blk] = ink
    im = Image.fromarray(a)
    d, key, b = ImageDraw.Draw(im), code.key or code.payload, (n + 8) * u
    name = names.get(key, ASSET_MODELS[len(key) % len(ASSET_MODELS)])
    if st == "retail":
        for i0, cnt, x, small in HRI[code.format]:
            for j in range(cnt):
                xy, f = ((qx + x + 7 * j) * u, (qy + nh - 4 + small * 2) * u), _font((8 if small else 11) * u)
                d.text(xy, code.payload[i0 + j], fill=ink, font=f, anchor="mt")
    elif st == "qm128":  # the product's own label: the tag or SKU, then the item's name
        _text(d, (W_ / 2, (qy + nh + 1.5) * u), code.payload, 7 * u, W_ * 0.95, ink, "mt")
        _text(d, (W_ / 2, (qy + nh + 10) * u), name, 5.5 * u, W_ * 0.95, ink, "mt")
    elif st in ("qmqr", "snipe"):
        lines = [(key, 0.2), (name, 0.11), ("Quartermaster", 0.08)]
        if st == "snipe":  # Snipe-IT's layout: company, tag, name, serial
            tag = key if code.key else "X-" + code.payload[-4:]
            serial = f"S: PF{len(name) * 7919:06d}"
            lines = [("ACME Corp", 0.13), (f"T: {tag}", 0.12), (f"N: {name}", 0.1), (serial, 0.1)]
        for k, (t, size) in enumerate(lines):
            _text(d, (b, (0.1 + 1.4 * sum(x[1] for x in lines[:k])) * b), t, size * b, W_ - b * 1.05, ink)
    elif st == "textqr":
        caption = code.payload if len(code.payload) < 20 else "Scan me"
        _text(d, (W_ / 2, (n + 6.5) * u), caption, 4 * u, W_ * 0.9, ink, "mt")
    else:  # a DataMatrix asset sticker: the text starts right of the symbol, sized to the sticker's height
        x, h = (n + 4) * u * 1.05, (nh + 4) * u
        _text(d, (x, 0.3 * h), "ACME IT", 0.18 * h, W_ - x - 0.05 * h, ink, "lm")
        _text(d, (x, 0.68 * h), code.payload, 0.34 * h, W_ - x - 0.05 * h, ink, "lm")
    if st != "retail":
        mask = Image.new("L", im.size, 0)
        radius = int(min(W_, H_) * 0.08)
        ImageDraw.Draw(mask).rounded_rectangle([0, 0, W_ - 1, H_ - 1], radius=radius, fill=255)
        im.putalpha(mask)
    return np.asarray(im)


PACKAGES = ((200, 40, 40), (30, 90, 160), (240, 200, 60), (40, 120, 70), (235, 235, 230))
DEVICES = ((60, 62, 66), (190, 192, 196), (25, 25, 28), (220, 220, 215), (70, 110, 170))


def _carrier(c, u, r):
    """What the label sits on (a product box, a device, a bottle), as RGBA, and its top-left in modules."""
    (ml, mr, mt, mb), (lw, lh), retail = c["carrier"], c["lay"][:2], c["style"] == "retail"
    W_, H_ = int((ml + lw + mr) * u), int((mt + lh + mb) * u)
    col = r.choice(PACKAGES if retail else DEVICES)
    im = Image.new("RGBA", (W_, H_), col + (255,))
    d, s, ink = ImageDraw.Draw(im), min(W_, H_), (250, 250, 250) if sum(col) < 400 else (20, 20, 20)
    if retail:  # a brand, a colour band, small print
        band = r.choice([(250, 250, 250), (20, 20, 20), (230, 120, 20)])
        d.rectangle([0, H_ * r.uniform(0.6, 0.8), W_, H_], fill=band)
        brand = r.choice(["ACME", "Ducell", "OfficePro", "Kopa", "NordTech"])
        _text(d, (W_ * 0.05, H_ * 0.05), brand, s * 0.22, W_ * 0.6, ink)
        for k in range(5):
            small_print = " ".join(r.choices(WORDS, k=6))
            _text(d, (W_ * 0.05, H_ * (0.32 + 0.05 * k)), small_print, s * 0.03, W_ * 0.9, ink)
    elif r.random() < 0.5:  # a device's vents beside the label
        for k in range(12):
            box = [W_ * (0.02 + k * 0.025), H_ * 0.1, W_ * (0.032 + k * 0.025), H_ * 0.9]
            d.rounded_rectangle(box, radius=2, fill=(15, 15, 18))
    else:
        brand = r.choice(["DELL", "lenovo", "hp", "ACME", "Logitech"])
        _text(d, (W_ * 0.96, H_ * 0.06), brand, s * 0.12, W_ * 0.3, ink, "ra")
    x0, y0 = _label_origin(c)
    return np.asarray(im), x0 - ml, y0 - mt


def _wrap(a, c, x0, y0, u):
    """Remap a layer onto the cylinder as seen from the front, with its shading; returns the new origin."""
    ax, R, off, bow = c["cyl"]
    if ax:
        a, x0, y0 = a.transpose(1, 0, 2), y0, x0
    h, w = a.shape[:2]
    t0, t1 = max((x0 - off) / R, -1.45), min((x0 + w / u - off) / R, 1.45)  # the visible part only
    v0, v1 = off + R * math.sin(t0), off + R * math.sin(t1)
    xs = v0 + (np.arange(int((v1 - v0) * u) + 1) + 0.5) / u
    th = np.arcsin(np.clip((xs - off) / R, -1, 1)).astype(np.float32)
    shift = bow * R * (1 - np.cos(th))
    yv0, H2 = y0 - max(shift.max(), 0), int((h / u + abs(shift).max()) * u) + 1
    mx = np.broadcast_to(((off + R * th - x0) * u - 0.5)[None, :], (H2, len(th))).astype(np.float32)
    my = ((yv0 + (np.arange(H2)[:, None] + 0.5) / u + shift[None, :] - y0) * u - 0.5).astype(np.float32)
    a = cv2.remap(a, mx, my, cv2.INTER_LINEAR, borderValue=(0, 0, 0, 0))
    tl, ts, amp = c["cyl_light"]  # diffuse shading across the cylinder, and a specular streak
    shade = 0.72 + 0.28 * np.cos(th - tl) + 1.4 * amp * np.exp(-(((th - ts) / 0.08) ** 2))
    a[..., :3] = np.clip(a[..., :3] * shade[None, :, None], 0, 255).astype(np.uint8)
    return (a.transpose(1, 0, 2), yv0, v0) if ax else (a, v0, yv0)


def _put(img, c, a, x0, y0, u, shadow=0.0):
    """Place a layer (top-left at (x0, y0) modules, u px per module) into the photo."""
    if c["cyl"]:
        a, x0, y0 = _wrap(a, c, x0, y0, u)
    h, w = a.shape[:2]
    corners = np.array([(x0, y0), (x0 + w / u, y0), (x0 + w / u, y0 + h / u), (x0, y0 + h / u)])
    _paste(img, np.ascontiguousarray(a), _project(corners * c["ppm0"], *c["g"]), shadow)


def _light_and_glare(img, s, rng):
    """Uneven light (vignette, gradient, a soft shadow, a tint) times the image, plus a specular glare."""
    H, W = img.shape[:2]
    h, w = H // 8, W // 8
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xx, yy, kind, cs = xx / w - 0.5, yy / h - 0.5, s["light"], s["codes"]
    L = {"dim": rng.uniform(0.55, 0.75), "bright": rng.uniform(1.04, 1.15)}.get(kind, rng.uniform(0.88, 1.0))
    L = L * (1 - rng.uniform(0.2, 0.6) * (xx**2 + yy**2))
    if kind in ("gradient", "shadow", "dim"):
        L *= 1 + rng.uniform(-0.3, 0.3) * xx + rng.uniform(-0.3, 0.3) * yy
    if kind == "shadow":  # the phone's or a hand's shadow, soft-edged, often across the code
        on_code = cs and (s["hard"] or rng.random() < 0.6)
        cx, cy = (cs[0]["g"][4] / 8, cs[0]["g"][5] / 8) if on_code else (rng.uniform(0, w), rng.uniform(0, h))
        ang, rad = np.sort(rng.uniform(0, 2 * np.pi, 7)), rng.uniform(0.15, 0.45) * max(w, h)
        rad, cx = rad * rng.uniform(0.6, 1, 7), cx + rng.uniform(-0.3, 0.3) * w
        pts = np.c_[cx + rad * np.cos(ang), cy + rad * np.sin(ang)].astype(np.int32)
        mask = cv2.fillPoly(np.zeros((h, w), np.float32), [pts], 1.0)
        L *= 1 - rng.uniform(0.3, 0.55) * cv2.GaussianBlur(mask, (0, 0), max(w, h) * rng.uniform(0.01, 0.05))
    tint = np.array({"warm": (1.06, 1.0, 0.84)}.get(kind, rng.uniform(0.95, 1.05, 3)), np.float32)
    L3 = cv2.resize(np.clip(L[..., None] * tint * 200, 0, 255).astype(np.uint8), (W, H))
    img = cv2.multiply(img, L3, scale=1 / 200)
    g, (p1, p2, p3) = s["glare"], s["glare_pos"]
    if g == "none":
        return img
    if g == "away" or not cs:  # a lamp's reflection elsewhere in the frame
        x, y, a, b, amp, ang = p1 * W, p2 * H, 0.08 * max(W, H), 0.05 * max(W, H), 0.9 + 0.5 * p3, 180 * p3
        if cs and math.hypot(x - cs[0]["g"][4], y - cs[0]["g"][5]) < 0.35 * max(W, H):
            x, y = W - x, H - y
    else:  # placed in the first code's own coordinates (modules from its centre)
        c = cs[0]
        n, nh, one_d = c["nw"], c["nh"], c["mods"].ndim == 1
        if g == "sheen":  # a broad, weak reflection across the label
            lx, ly, a, b, amp = (p1 - 0.5) * n, (p2 - 0.5) * nh, 0.7 * n, 0.7 * nh, 0.15 + 0.15 * p3
        elif g == "over-edge" and one_d:  # bar ends blown out at the top or bottom; the rest is clean
            lx, ly = (p1 - 0.5) * 0.6 * n, (1 if p2 > 0.5 else -1) * 0.58 * nh
            a, b, amp = (0.2 + 0.2 * p3) * n, 0.3 * nh, 0.8 + 0.5 * p3
        elif g == "over-edge":  # weak glare over the corner without a finder pattern
            lx, ly = n / 2, n / 2 if c["code"].format == "QR" else -n / 2
            a, b, amp = 0.3 * n, 0.3 * n, 0.3 + 0.25 * p3
        else:  # near, near-heavy: bright just beyond the quiet zone; only its tail reaches the symbol
            a = (0.18 if one_d else 0.3) * n * (1.3 if g == "near-heavy" else 1)
            lx, ly = (1 if p1 > 0.5 else -1) * (n / 2 + (10 if one_d else 4) + 1.25 * a), (p2 - 0.5) * nh
            b, amp = (0.6 if one_d else 0.4) * max(nh, n * 0.3), 2.2 if g == "near-heavy" else 1.0 + 0.5 * p3
        ((x, y),) = _fwd(c, [(lx, ly)])
        a, b, ang = a * c["ppm0"], b * c["ppm0"], c["g"][0]
    yy, xx = np.mgrid[0 : H // 4, 0 : W // 4].astype(np.float32) * 4
    ca, sa = math.cos(math.radians(ang)), math.sin(math.radians(ang))
    u, v = ((xx - x) * ca + (yy - y) * sa) / a, ((yy - y) * ca - (xx - x) * sa) / b
    G = cv2.resize(np.clip(amp * np.exp(-0.5 * (u * u + v * v)) * 255, 0, 255).astype(np.uint8), (W, H))
    return cv2.add(img, cv2.merge([G, G, (G * 0.94).astype(np.uint8)]))


@lru_cache(maxsize=1)
def _noise_tile():
    return np.random.default_rng(SEED).standard_normal((1031, 1237, 2), dtype=np.float32)


def _camera(img, s, rng):
    """Defocus, hand motion, the phone's sharpening, sensor noise (luma and a little chroma)."""
    if s["defocus"] > 0.25:
        img = cv2.GaussianBlur(img, (0, 0), s["defocus"])
    if s["motion"] > 0.7:
        k, a = int(math.ceil(s["motion"])) | 1, math.radians(s["motion_angle"])
        dx, dy, o = s["motion"] / 2 * math.cos(a), s["motion"] / 2 * math.sin(a), (k + 1) / 2
        ends = (round(o - dx), round(o - dy)), (round(o + dx), round(o + dy))
        ker = cv2.line(np.zeros((k + 2, k + 2), np.float32), *ends, 1.0, 1, cv2.LINE_AA)
        img = cv2.filter2D(img, -1, ker / ker.sum())
    if s["sharpen"] > 0.1:
        soft = cv2.GaussianBlur(img, (0, 0), 1.5 if s["big"] else 1.0)
        img = cv2.addWeighted(img, 1 + s["sharpen"], soft, -s["sharpen"], 0)
    t = _noise_tile()
    th, tw = t.shape[:2]
    t3 = (s["noise"] * (t[..., :1] + t[..., 1:] * np.array([0.5, -0.1, -0.5], np.float32))).astype(np.int16)
    t3 = np.roll(t3, (rng.integers(th), rng.integers(tw)), (0, 1))
    for y, x in np.ndindex(-(-img.shape[0] // th), -(-img.shape[1] // tw)):  # tile it block by block
        blk = img[y * th : (y + 1) * th, x * tw : (x + 1) * tw]
        blk[:] = cv2.add(blk, t3[: blk.shape[0], : blk.shape[1]], dtype=cv2.CV_8U)
    return img


def render(case: Case) -> bytes:
    """The photo as JPEG bytes: surface, clutter, carriers, labels, light and glare, camera."""
    s = _cases()[case.name][1]
    rng, r, W, H, cs = np.random.default_rng(s["seed"]), random.Random(s["seed"]), s["W"], s["H"], s["codes"]
    img, ws = _background(rng, s["bg"], W, H), min(1.0, 2000 / max(W, H))  # clutter drawn at <= 2000 px
    g = cs[0]["g"] if cs else [0, r.uniform(-10, 10), r.uniform(-10, 10), 0.8 * max(W, H)]
    for kind in s["clutter"]:  # lying on the same desk plane as the first code
        a = _clutter_img(kind, r, max(W, H) * ws)
        h, w = a.shape[0] / ws, a.shape[1] / ws
        if cs and r.random() < 0.4:  # decoys right beside a code
            c, t = r.choice(cs), r.uniform(0, 2 * math.pi)
            d = r.uniform(0.6, 1.2) * (c["lay"][0] * c["ppm0"] + w) / 2
            cx, cy = c["g"][4] + d * math.cos(t), c["g"][5] + d * math.sin(t)
        else:
            cx, cy = r.uniform(0, W), r.uniform(0, H)
        corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
        _paste(img, a, _project(corners, r.uniform(-180, 180), g[1], g[2], g[3], cx, cy), 0.004 * max(W, H))
    for c in cs:  # every carrier before any label, so that no carrier covers another code
        if c["carrier"]:
            uc = min(c["u"], 2200 / (c["lay"][0] + sum(c["carrier"])))
            _put(img, c, *_carrier(c, uc, r), uc, shadow=0.006 * max(W, H))
    for c in cs:
        shadow = 0 if c["style"] == "retail" else 0.002 * max(W, H)
        _put(img, c, _label(c, c["u"], r, _world()["names"]), *_label_origin(c), c["u"], shadow)
    img = _camera(_light_and_glare(img, s, rng), s, rng)
    return cv2.imencode(".jpg", img[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, s["jpeg"]])[1].tobytes()


def flat_code(code: Code, u: int = 4) -> np.ndarray:
    """The pristine symbol (grey, with a quiet zone), to check what was encoded."""
    m = _modules(code.format, code.payload)
    q = 4 if m.ndim == 2 else 12
    m = m if m.ndim == 2 else np.tile(m, (max(20, len(m) // 3), 1))
    grey = np.where(np.kron(m, np.ones((u, u), bool)), 0, 255).astype(np.uint8)
    return np.pad(grey, q * u, constant_values=255)
