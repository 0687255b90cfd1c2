"""Field photos: a deterministic suite of phone photos of barcodes, with the truth for each.

What users post to Quartermaster: an asset label on a laptop, a product box on a desk, a
Snipe-IT sticker, a bin label on a shelf, shot by hand (rotation, tilt, curved surfaces,
glare, blur, shadows, noise, JPEG). Everything comes from integer seeds, so `render(case)`
gives the same bytes every time. No decoder shaped this suite: codes are kept physically
resolvable (narrowest bar >= 1.3 px, 2D module >= 2.5 px, see px_per_module in each case's
conditions) and blur is capped relative to the module size, nothing more.
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

SEED = 61021
N_CASES = 660
SNIPE_HOST = "assets.example.org"
FORMATS = ("Code128", "EAN13", "UPCA", "UPCE", "EAN8", "QR", "DataMatrix")
RETAIL = ("EAN13", "UPCA", "UPCE", "EAN8")


@dataclass(frozen=True)
class Code:
    format: str       # one of FORMATS
    payload: str      # exactly the text encoded (UPC-E: the 8 printed digits)
    key: str | None   # catalog asset tag or SKU it should find; None when unknown


@dataclass(frozen=True)
class Case:
    name: str
    split: str        # "tune" or "test", from a hash of the name
    codes: tuple[Code, ...]
    conditions: str
    megapixels: float


# --------------------------------------------------------------------------- GTINs
def check_digit(body: str) -> str:
    s = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - s % 10) % 10)


def upce_to_upca(upce: str) -> str:
    """8-digit UPC-E (number system, 6 digits, check) -> its 12-digit UPC-A."""
    ns, d, last = upce[0], upce[1:7], upce[6]
    body = {"0": d[:2] + last + "0000" + d[2:5], "3": d[:3] + "00000" + d[3:5],
            "4": d[:4] + "00000" + d[4]}.get("0" if last in "012" else last, d[:5] + "0000" + last)
    return ns + body + upce[7]


def _canonical_upce(core: str) -> bool:
    """Zero suppression is unique: '3' needs d3 >= 3, '4' needs d4 != 0, '5'-'9' need d5 != 0."""
    d, last = core[1:7], core[6]
    return last in "012" or (last == "3" and d[2] > "2") or (last == "4" and d[3] != "0") or (last > "4" and d[4] != "0")


def gtin14(fmt: str, digits: str) -> str:
    return (upce_to_upca(digits) if fmt == "UPCE" else digits).zfill(14)


# Real GS1 prefixes; EAN-13 never starts with 0 (that would be a UPC-A) and EAN-8 never
# with 0-2, so an 8-digit catalog value starting 0/1 is always a UPC-E in this suite.
EAN13_PREFIX = ("400 401 403 405 406 409 419 425 440 500 501 503 506 509 300 303 340 376 800 "
                "803 841 870 871 872 690 692 693 471 880 890 560 590 599 730 750 779 789 850").split()
EAN8_PREFIX = "400 409 500 501 540 560 590 690 693 750 760 800 870 871 880 900 930 955".split()


def _new_gtin(r: random.Random, fmt: str, used: set) -> str:
    while True:
        dg = lambda k: "".join(r.choices("0123456789", k=k))  # noqa: E731
        if fmt == "EAN13":
            p = r.choice(EAN13_PREFIX); body = p + dg(12 - len(p))
        elif fmt == "EAN8":
            p = r.choice(EAN8_PREFIX); body = p + dg(7 - len(p))
        elif fmt == "UPCA":
            body = r.choice("01678") + dg(10)
        else:  # UPC-E: the check digit is computed over the UPC-A expansion
            core = r.choice("01") + dg(6); body = core; core = upce_to_upca(core + "0")[:11]
            if not _canonical_upce(body):
                continue
        s = body + check_digit(core if fmt == "UPCE" else body)
        if gtin14(fmt, s) not in used:
            used.add(gtin14(fmt, s))
            return s


# --------------------------------------------------------------------------- catalog
ASSET_MODELS = ("Dell Latitude 5440", "Lenovo ThinkPad T14", "HP EliteBook 840", "MacBook Pro 14",
                "Dell U2723QE monitor", "LG 27UL500 monitor", "Logitech MX Keys", "Poly Voyager 4320",
                "Cisco 8841 IP phone", "Epson EB-X49 projector", "iPad 10.2", "Surface Pro 9",
                "Brother HL-L2350DW", "Canon EOS R50", "Jabra Speak 510", "Synology DS920+",
                "Ubiquiti U6-Pro AP", "Dell OptiPlex 7010", "HP Z2 G9 workstation", "Zebra ZD421",
                "Rode NT-USB mic", "BenQ GW2480 monitor", "APC Back-UPS 700", "Galaxy Tab S9")
STOCK_BASE = (("TONER-05A", "HP 05A black toner"), ("TONER-26X", "HP 26X toner"),
              ("TONER-TN2420", "Brother TN-2420 toner"), ("PAPER-A4", "A4 copier paper 80gsm"),
              ("PAPER-A3", "A3 copier paper"), ("SKU-BAT-AA", "AA batteries"),
              ("SKU-BAT-AAA", "AAA batteries"), ("SKU-BAT-9V", "9V batteries"),
              ("SKU-BAT-CR2032", "CR2032 coin cells"), ("PEN-BLUE", "Blue ballpoint pen"),
              ("MARKER-WB-BLK", "Whiteboard marker"), ("CABLE-HDMI-2M", "HDMI cable 2 m"),
              ("CABLE-USBC-1M", "USB-C cable 1 m"), ("CABLE-CAT6-3M", "Cat6 patch cable 3 m"),
              ("MOUSE-USB", "USB mouse"), ("HEADSET-USB", "USB headset"), ("LABEL-62MM", "62 mm labels"),
              ("STAPLES-24-6", "Staples 24/6"), ("TAPE-CLEAR", "Clear tape 19 mm"),
              ("NOTEBOOK-A5", "A5 notebook"), ("POSTIT-76", "Sticky notes 76 mm"),
              ("COFFEE-1KG", "Coffee beans 1 kg"), ("WIPES-SCREEN", "Screen wipes"),
              ("GLOVES-M", "Nitrile gloves M"), ("BIN-BAGS-60L", "Bin bags 60 L"),
              ("ADAPTER-USBC-HDMI", "USB-C to HDMI adapter"), ("CHARGER-65W", "65 W charger"),
              ("USB-STICK-64", "64 GB USB stick"), ("ENVELOPE-C4", "C4 envelopes"))
NOUNS = (("CBL", "cable"), ("ADP", "adapter"), ("FLD", "folder"), ("CLN", "cleaner"), ("LBL", "labels"),
         ("BAT", "battery"), ("INK", "ink"), ("TAP", "tape"), ("BOX", "archive box"), ("PEN", "pen"))
WORDS = ("the of and invoice order total please return warranty model serial power input output "
         "meeting notes agenda budget q3 review printer office supplies delivery note page date "
         "made in china caution keep dry recycle www example com batch lot best before net weight "
         "ingredients contents ltd gmbh item qty price ref").split()


@lru_cache(maxsize=1)
def _world() -> dict:
    r = random.Random(SEED)
    nums, ids = r.sample(range(1000, 30000), 460), r.sample(range(2, 6000), 460)
    assets = [{"asset_tag": f"A-{n}", "name": r.choice(ASSET_MODELS),
               "snipe_id": ids[k] if r.random() < 0.6 else None} for k, n in enumerate(nums[:400])]
    items = list(STOCK_BASE)
    while len(items) < 320:
        code, noun = r.choice(NOUNS)
        sku = f"{code}-{r.randint(10, 9999)}"
        if sku not in dict(items):
            items.append((sku, f"{r.choice(('Basic', 'Pro', 'Eco', 'XL', 'Mini'))} {noun} {sku[-3:]}"))
    used, stock, pools = set(), [], {f: [] for f in RETAIL}
    for k, (sku, name) in enumerate(items):
        fmt = RETAIL[k % 4]
        if r.random() < 0.12:
            stock.append({"sku": sku, "name": name, "barcode": None}); continue
        printed = _new_gtin(r, fmt, used)
        g = gtin14(fmt, printed)
        form = r.choices(*{"EAN13": (["EAN13", "GTIN14"], [7, 3]), "EAN8": (["EAN8", "GTIN14"], [8, 2]),
                           "UPCA": (["UPCA", "EAN13", "GTIN14"], [5, 3, 2]),
                           "UPCE": (["UPCE", "UPCA", "EAN13", "GTIN14"], [4, 4, 1, 1])}[fmt])[0]
        stored = printed if form == fmt else g[-{"UPCA": 12, "EAN13": 13, "GTIN14": 14}[form]:]
        if fmt == "UPCA" and r.random() < 0.15:  # a zero-suppressible UPC-A, catalogued as its UPC-E
            used.discard(g); stored = _new_gtin(r, "UPCE", used); printed, form = upce_to_upca(stored), "UPCE"
        stock.append({"sku": sku, "name": name, "barcode": stored})
        pools[fmt].append((sku, printed, form))
    known = {a["asset_tag"] for a in assets} | {s["sku"] for s in stock}
    unknown_skus = [s for s in (f"{p}-{r.randint(100, 999)}" for p in ("TONER", "SKU-CBL", "KIT", "PRT") * 10)
                    if s not in known]
    names = {**dict(items), **{a["asset_tag"]: a["name"] for a in assets}}
    return {"assets": assets, "stock": stock, "pools": pools, "used": used, "names": names,
            "unknown_tags": [f"A-{n}" for n in nums[400:]], "unknown_ids": ids[400:], "unknown_skus": unknown_skus}


def catalog() -> dict:
    w = _world()
    return {"assets": [dict(a) for a in w["assets"]], "stock": [dict(s) for s in w["stock"]]}


# --------------------------------------------------------------------------- symbols
@lru_cache(maxsize=None)
def _modules(fmt: str, payload: str) -> np.ndarray:
    """Dark modules: 1D -> bool (n,), 2D -> bool (n, n). No quiet zone."""
    if fmt in ("Code128", "EAN13", "EAN8", "UPCA"):
        cls = {"Code128": "code128", "EAN13": "ean13", "EAN8": "ean8", "UPCA": "upca"}[fmt]
        b = pybarcode.get_barcode_class(cls)(payload if fmt == "Code128" else payload[:-1])
        assert fmt == "Code128" or b.get_fullcode() == payload, (fmt, payload)
        return np.array([ch == "1" for ch in b.build()[0]])
    if fmt == "QR":
        return np.array(segno.make_qr(payload, error="m", boost_error=False).matrix, bool)
    zf = zxingcpp.BarcodeFormat.UPCE if fmt == "UPCE" else zxingcpp.BarcodeFormat.DataMatrix
    a = np.array(zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(payload, zf), scale=1,
                                                 add_quiet_zones=False, add_hrt=False)) < 128
    return a[0] if fmt == "UPCE" else a


def _tall(fmt: str, n: int) -> np.ndarray:
    """Which modules of a retail symbol run full height (guards; UPC-A's outer digits)."""
    t = np.zeros(n, bool)
    spans = {"EAN13": [(0, 3), (45, 50), (92, 95)], "EAN8": [(0, 3), (31, 36), (64, 67)],
             "UPCA": [(0, 10), (45, 50), (85, 95)], "UPCE": [(0, 3), (45, 51)]}.get(fmt, [(0, n)])
    for a, b in spans:
        t[a:b] = True
    return t


def _hri(fmt: str, p: str):
    """(digit(s), centre in modules from the symbol's left edge, small?) for retail text."""
    if fmt == "EAN13":
        return [(p[0], -5, 0)] + [(p[1 + k], 6.5 + 7 * k, 0) for k in range(6)] + [(p[7 + k], 53.5 + 7 * k, 0) for k in range(6)]
    if fmt == "EAN8":
        return [(p[k], 6.5 + 7 * k, 0) for k in range(4)] + [(p[4 + k], 39.5 + 7 * k, 0) for k in range(4)]
    if fmt == "UPCA":
        return [(p[0], -5, 1)] + [(p[1 + k], 13.5 + 7 * k, 0) for k in range(5)] + \
               [(p[6 + k], 53.5 + 7 * k, 0) for k in range(5)] + [(p[11], 100, 1)]
    return [(p[0], -5, 1)] + [(p[1 + k], 6.5 + 7 * k, 0) for k in range(6)] + [(p[7], 56, 1)]


@lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=max(6, int(size)))  # built into Pillow: no file read


def _layout(style: str, fmt: str, n: int, nh: float):
    """Label size and the code's top-left, in modules: (lw, lh, qx, qy)."""
    if style == "qm128":
        return n + 20, nh + 19, 10, 3
    if style == "retail":
        lq, rq = (11, 7) if fmt == "EAN13" else (7, 7) if fmt == "EAN8" else (9, 9)
        return n + lq + rq, nh + 7, lq, 3
    if style in ("qmqr", "snipe"):
        return (n + 8) * 2.6, n + 8, 4, 4
    if style == "textqr":
        return n + 8, n + 13, 4, 4
    if style == "poster":
        return (n + 8) * 2.8, (n + 8) * 1.7, (n + 8) * 1.8 + 4, (n + 8) * 0.7 + 4
    return (n + 4) * 3.4, n + 4, 2, 2  # DataMatrix sticker


# --------------------------------------------------------------------------- plan
def _project(pts, rot, tx, ty, f, cx, cy):
    """Plane points (frame px at the code's depth) -> frame px: tilt, in-plane rotation, pinhole."""
    a, b, c = (math.radians(v) for v in (rot, tx, ty))
    rz = np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
    rx = np.array([[1, 0, 0], [0, math.cos(b), -math.sin(b)], [0, math.sin(b), math.cos(b)]])
    ry = np.array([[math.cos(c), 0, math.sin(c)], [0, 1, 0], [-math.sin(c), 0, math.cos(c)]])
    p = np.c_[np.asarray(pts, float), np.zeros(len(pts))] @ (rz @ rx @ ry).T
    return np.c_[cx + f * p[:, 0] / (f + p[:, 2]), cy + f * p[:, 1] / (f + p[:, 2])]


def _cyl(c, pts):
    """Label coords (modules) -> coords on a cylinder seen from the front (axis 0: vertical)."""
    p = np.array(pts, float)
    if c["cyl"]:
        ax, R, off, bow = c["cyl"]
        th = (p[:, ax] - off) / R
        p[:, ax] = off + R * np.sin(th)
        p[:, 1 - ax] -= bow * R * (1 - np.cos(th))
    return p


def _fwd(c, pts):
    return _project(_cyl(c, pts) * c["ppm0"], *c["g"])


def _ppm_min(c) -> float:
    """Smallest bar width (1D) or module side (2D) in frame px over the whole symbol."""
    n, nh = c["nw"], c["nh"]
    gx, gy = np.meshgrid(np.linspace(-n / 2, n / 2, 7), np.linspace(-nh / 2, nh / 2, 5))
    p = np.c_[gx.ravel(), gy.ravel()]
    o, du, dv = _fwd(c, p), _fwd(c, p + [0.25, 0]) , _fwd(c, p + [0, 0.25])
    ju, jv = (du - o) * 4, (dv - o) * 4
    det = np.abs(ju[:, 0] * jv[:, 1] - ju[:, 1] * jv[:, 0])
    w = det / np.linalg.norm(jv, axis=1)
    if c["mods"].ndim == 2:
        w = np.minimum(w, det / np.linalg.norm(ju, axis=1))
    return float(w.min())


def _label_quad(c):
    lw, lh, qx, qy = c["lay"]
    x0, y0 = -qx - c["nw"] / 2, -qy - c["nh"] / 2
    return _fwd(c, [(x0, y0), (x0 + lw, y0), (x0 + lw, y0 + lh), (x0, y0 + lh)])


def _pick_code(r, fmt, unknown, w):
    if fmt in RETAIL:
        if unknown:
            return Code(fmt, _new_gtin(r, fmt, set(w["used"])), None), "retail", "catalog=absent"
        sku, printed, form = r.choice(w["pools"][fmt])
        return Code(fmt, printed, sku), "retail", f"catalog={form}"
    tag = r.choice(w["assets"])["asset_tag"]
    sku = r.choice(STOCK_BASE[:12] if r.random() < 0.5 else w["stock"][:200])
    sku = sku[0] if isinstance(sku, tuple) else sku["sku"]
    if fmt in ("Code128", "DataMatrix"):
        if unknown:
            t = r.choice(w["unknown_tags"] + w["unknown_skus"][:8]); return Code(fmt, t, None), "qm128" if fmt == "Code128" else "dm", ""
        t = sku if r.random() < (0.3 if fmt == "Code128" else 0.2) else tag
        return Code(fmt, t, t), ("qm128" if fmt == "Code128" else "dm"), ""
    if unknown:
        p = r.choice([f"https://{SNIPE_HOST}/hardware/{r.choice(w['unknown_ids'])}", "WIFI:S:ACME-Guest;T:WPA;P:kettle-42;;",
                      f"https://support.example.com/manuals/xr-{r.randint(100, 999)}", "https://www.example.net/offer?c=QM7",
                      f"SKU: {r.choice(w['unknown_skus'])}", "Meeting room 4.12 - book at reception"])
        return Code("QR", p, None), "snipe" if "/hardware/" in p else "textqr" if p.startswith("SKU") else "poster", ""
    v = r.random()
    if v < 0.35:
        t = sku if r.random() < 0.3 else tag
        return Code("QR", t, t), "qmqr", ""
    if v < 0.7:
        a = r.choice([a for a in w["assets"] if a["snipe_id"]])
        return Code("QR", f"https://{SNIPE_HOST}/hardware/{a['snipe_id']}", a["asset_tag"]), "snipe", ""
    t = sku if r.random() < 0.6 else tag
    return Code("QR", f"SKU: {t}" if t == sku else t, t), "textqr", ""


CLUTTER = ("text", "ruled", "keyboard", "sticker", "vents", "stripes", "fakebars", "pen", "cable")
DECOYS = {"text", "ruled", "keyboard", "vents", "stripes", "fakebars"}
BGS = ("desk", "wood", "fabric", "metal", "cardboard", "dark")


def _plan_case(i: int, fmts: list) -> dict:
    r, w = random.Random(SEED * 100003 + i), _world()
    big, portrait = r.random() < 0.3, r.random() < 0.35
    hard = ("glare-near", "rot30-persp", "small-jpeg55", "curved-shadow")[(i // 50) % 4] if i % 50 == 17 else ""
    big = (big or hard == "rot30-persp") and hard != "small-jpeg55"
    W, H = (4000, 3000) if big else (1600, 1200)
    W, H = (H, W) if portrait else (W, H)
    rot = r.uniform(-3, 3) if r.random() < 0.25 else r.uniform(-30, 30)
    tilt = r.choice([0, r.uniform(0, 6), r.uniform(0, 20), r.uniform(8, 20)])
    if hard == "rot30-persp":
        rot, tilt = r.choice([-1, 1]) * r.uniform(28, 30), r.uniform(18, 20)
    phi = r.uniform(0, 2 * math.pi)
    tx, ty, f = tilt * math.sin(phi), tilt * math.cos(phi), 0.8 * max(W, H)
    s = {"i": i, "W": W, "H": H, "big": big, "hard": hard, "seed": r.randrange(2**31), "codes": [],
         "bg": r.choice(BGS), "jpeg": 55 if hard == "small-jpeg55" else r.randint(55, 90)}
    n_clutter = r.choice((1, 2, 3, 4, 6, 8)) + (3 if not fmts else 0)
    s["clutter"] = [r.choice(CLUTTER) for _ in range(n_clutter)] + (["fakebars", "vents"] if not fmts else [])
    halves = [(0.02, 0.02, 0.98, 0.98)] if len(fmts) < 2 else (
        [(0.02, 0.02, 0.49, 0.98), (0.51, 0.02, 0.98, 0.98)] if W >= H else [(0.02, 0.02, 0.98, 0.49), (0.02, 0.51, 0.98, 0.98)])
    for k, fmt in enumerate(fmts):
        code, style, note = _pick_code(r, fmt, r.random() < 0.1, w)
        m = _modules(code.format, code.payload)
        n = len(m)
        nh = n if m.ndim == 2 else round(n * (r.uniform(0.35, 0.75) if style == "retail" else r.uniform(0.22, 0.34)))
        c = {"code": code, "style": style, "note": note, "mods": m, "nw": n, "nh": nh, "lay": _layout(style, fmt, n, nh)}
        curved = hard == "curved-shadow" or r.random() < (0.25 if style == "retail" else 0.1)
        lw, lh, qx, qy = c["lay"]
        if curved:  # code spans at most +-46 degrees of the cylinder
            ax = 0 if r.random() < 0.6 else 1
            span = (n if ax == 0 else nh) / 2
            R = r.uniform(span / 0.8, span / 0.35)
            c["cyl"] = (ax, R, r.uniform(-0.2, 0.2) * span, math.sin(math.radians(tx if ax == 0 else ty)))
            cmax = ((n if ax == 0 else nh) / 2 + abs(c["cyl"][2])) / R  # streak kept off the symbol
            ts = r.choice([-1, 1]) * min(1.4, cmax + r.uniform(0.15, 0.5))
            c["cyl_light"] = (r.uniform(-0.6, 0.6), ts, r.uniform(0.1, 0.4))
        else:
            c["cyl"] = None
        c["carrier"] = None if style == "poster" or r.random() < 0.3 else (
            r.uniform(0.3, 1.2) * lw, r.uniform(0.3, 1.2) * lw, r.uniform(0.2, 1.0) * lh, r.uniform(0.2, 1.0) * lh)
        need = 1.3 if m.ndim == 1 else 2.5
        share = r.triangular(0.08, 0.5, 0.2) * (0.6 if len(fmts) == 2 else 1)
        if hard == "small-jpeg55":
            share = 0.01
        c["g"] = [max(-30, min(30, rot + (r.uniform(-8, 8) if k else 0))), tx, ty, f, 0.0, 0.0]
        c["ppm0"] = max(share, 0.08) * W / n
        region = np.array(halves[k]) * [W, H, W, H]
        for attempt in range(60):
            c["ppm0"] *= max(1.0, need * 1.04 / _ppm_min(c))
            q = _label_quad(c)
            lo, hi = region[:2] - q.min(0), region[2:] - q.max(0)
            if (hi > lo).all():
                break
            c["ppm0"] *= 0.93
            if _ppm_min(c) < need * 1.04:
                c["g"][1] *= 0.8; c["g"][2] *= 0.8
        else:
            raise RuntimeError(f"case {i}: cannot place {code}")
        c["g"][4], c["g"][5] = r.uniform(lo[0], hi[0]), r.uniform(lo[1], hi[1])
        c["ppm"] = _ppm_min(c)
        e = _fwd(c, [(-n / 2, 0), (n / 2, 0)])
        c["share"] = float(np.linalg.norm(e[1] - e[0]) / W)
        c["u"] = int(np.clip(round(c["ppm0"] * 1.6), 3, 20 if m.ndim == 1 else 24))
        s["codes"].append(c)
    ppm = min([c["ppm"] for c in s["codes"]] or [3.0])
    lim = ppm / (1.3 if any(c["mods"].ndim == 1 for c in s["codes"]) else 2.5)  # headroom over the floor
    blur = r.choice(("none", "none", "defocus", "motion", "defocus+motion"))
    k = min(1, lim - 0.6) * (0.75 if "+" in blur else 1)  # steady hand: a fraction of a module
    s["defocus"] = min(r.uniform(0.2, 0.4) * ppm * k, 3.0 if big else 1.5) if "defocus" in blur else 0
    s["motion"] = min(r.uniform(0.4, 0.9) * ppm * k, 6.0 if big else 3.0) if "motion" in blur else 0
    s["motion_angle"] = r.uniform(0, 180)
    s["sharpen"] = r.uniform(0, 0.8)
    s["light"] = "shadow" if hard == "curved-shadow" else r.choice(("even", "gradient", "shadow", "dim", "warm", "bright"))
    s["noise"] = r.uniform(3.5, 7) if s["light"] == "dim" else r.uniform(1.2, 4.0)
    s["glare"] = "near-heavy" if hard == "glare-near" else r.choice(
        ("none", "none", "none", "away", "sheen", "over-edge", "over-edge", "near")) if fmts else r.choice(("none", "away"))
    s["glare_pos"] = (r.random(), r.random(), r.random())
    return s


@lru_cache(maxsize=1)
def _plan() -> list[dict]:
    r = random.Random(SEED)
    slots = []
    for _ in range(130):  # balanced blocks of the seven formats
        slots += r.sample(FORMATS, len(FORMATS))
    out, k = [], 0
    for i in range(N_CASES):
        n = 0 if i % 20 == 7 else 2 if random.Random(SEED + i).random() < 0.2 else 1
        out.append(_plan_case(i, slots[k:k + n])); k += n
    return out


def _conditions(s) -> str:
    cs = s["codes"]
    parts = [f"bg={s['bg']}", "clutter=" + ",".join(sorted(set(s["clutter"]))),
             "decoys=" + (",".join(sorted(DECOYS & set(s["clutter"]))) or "none"),
             "style=" + ",".join(c["style"] for c in cs) if cs else "style=none",
             "rot=" + ",".join(f"{c['g'][0]:.1f}" for c in cs) if cs else "",
             f"tilt={math.hypot(cs[0]['g'][1], cs[0]['g'][2]):.1f}" if cs else "",
             "curved=" + ",".join("yes" if c["cyl"] else "no" for c in cs) if cs else "",
             f"glare={s['glare']}", f"blur=defocus{s['defocus']:.2f}px,motion{s['motion']:.2f}px",
             f"light={s['light']}", f"noise={s['noise']:.1f}", f"jpeg={s['jpeg']}",
             f"size={s['W']}x{s['H']} {'portrait' if s['H'] > s['W'] else 'landscape'}",
             "share=" + ",".join(f"{c['share']:.2f}" for c in cs) if cs else "",
             "px_per_module=" + ",".join(f"{c['ppm']:.2f}" for c in cs) if cs else "",
             " ".join(c["note"] for c in cs if c["note"]), f"hard={s['hard']}" if s["hard"] else ""]
    return " ".join(p for p in parts if p)


def _name(s) -> str:
    f = "+".join(c["code"].format.lower() for c in s["codes"]) or "none"
    rot = round(s["codes"][0]["g"][0]) if s["codes"] else 0
    return f"{s['i']:04d}-{f}-{s['bg']}-rot{rot}-{'12mp' if s['big'] else '2mp'}" + ("-hard" if s["hard"] else "")


@lru_cache(maxsize=1)
def _cases() -> tuple:
    out = []
    for s in _plan():
        name = _name(s)
        split = "test" if hashlib.sha256(name.encode()).digest()[0] < 102 else "tune"  # ~40%
        out.append(Case(name, split, tuple(c["code"] for c in s["codes"]), _conditions(s), round(s["W"] * s["H"] / 1e6, 2)))
    return tuple(out)


def cases() -> list[Case]:
    return list(_cases())


# --------------------------------------------------------------------------- drawing
def _smooth(rng, h, w, cells):
    g = rng.normal(0, 1, (cells, max(2, cells * w // h))).astype(np.float32)
    return cv2.resize(g, (w, h), interpolation=cv2.INTER_CUBIC)


BG_COLORS = {"desk": [(222, 220, 214), (190, 192, 196), (236, 233, 226)], "wood": [(150, 105, 65), (182, 140, 95)],
             "fabric": [(60, 70, 95), (120, 40, 45), (90, 95, 90)], "metal": [(170, 172, 175), (120, 122, 126)],
             "cardboard": [(176, 138, 96), (160, 122, 84)], "dark": [(45, 45, 48), (30, 32, 36)]}


def _background(rng, kind, W, H):
    """Procedural surface at ~1000 px (a real background is a little out of focus), upscaled."""
    sc = max(W, H) / 1000
    h, w = round(H / sc), round(W / sc)
    base = np.array(BG_COLORS[kind][rng.integers(len(BG_COLORS[kind]))], np.float32)
    n = rng.normal(0, 1, (h, w)).astype(np.float32)
    t = 8 * _smooth(rng, h, w, 5) + 2 * n
    if kind == "wood":
        a = rng.uniform(0, np.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        t += 22 * np.sin((xx * math.cos(a) + yy * math.sin(a)) / rng.uniform(5, 12) + 6 * _smooth(rng, h, w, 3)) ** 3
    elif kind in ("metal", "cardboard"):  # brushed streaks / paper fibres
        t += (10 if kind == "metal" else 5) * cv2.blur(n, (41, 1) if kind == "metal" else (9, 3)) * 3
    img = np.clip(base + t[..., None] * (0.4 + base / 255), 0, 255).astype(np.uint8)
    img = cv2.resize(img, (W, H), interpolation=cv2.INTER_LINEAR)
    if kind == "fabric":  # weave at full resolution
        p = max(3, max(W, H) // 450)
        y, x = np.mgrid[0:2 * p, 0:2 * p]
        tile = np.where((x // p + y // p) % 2 == 0, np.sin(np.pi * (x % p) / p), np.sin(np.pi * (y % p) / p))
        full = np.tile((tile * 28 - 14).astype(np.int16), (H // (2 * p) + 1, W // (2 * p) + 1))[:H, :W]
        img = cv2.add(img, cv2.merge([full] * 3), dtype=cv2.CV_8U)
    return img


def _text(d, xy, text, size, max_w, fill, anchor="la"):
    """Draw text, shrinking it until it fits max_w px."""
    f = _font(size)
    while f.getlength(text) > max_w and f.size > 6:
        f = _font(f.size * 0.9)
    d.text(xy, text, fill=fill, font=f, anchor=anchor)


def _clutter_img(kind, r, L):
    """A clutter object lying on the desk, RGBA; L is the frame's long side in px."""
    rgba = lambda w, h, c: (Image.new("RGBA", (w, h), c), w, h)  # noqa: E731
    if kind in ("text", "ruled"):  # printed page / notebook: text lines and ruled lines are decoys
        im, w, h = rgba(int(L * r.uniform(0.22, 0.45)), 1, (*[r.randint(232, 250)] * 3, 255))
        im, w, h = rgba(w, int(w * 1.414), im.getpixel((0, 0)))
        d, fs, y = ImageDraw.Draw(im), max(6, w // 36), w // 10
        if kind == "ruled":
            for yy in range(y, h, int(fs * 1.6)):
                d.line([(0, yy), (w, yy)], fill=(150, 170, 215), width=max(1, fs // 8))
                if yy < h * 0.6:  # handwriting-ish scribble
                    d.line([(w // 6 + k * w // 40, yy - fs // 3 - r.randint(0, fs // 2)) for k in range(r.randint(8, 30))],
                           fill=(40, 50, 120), width=max(1, fs // 7))
            d.line([(w // 8, 0), (w // 8, h)], fill=(220, 120, 120), width=max(1, fs // 6))
        else:
            d.text((w // 10, y), " ".join(r.choices(WORDS, k=3)).title(), fill=(20, 20, 20), font=_font(fs * 2))
            for yy in range(y + fs * 3, h - w // 10, int(fs * 1.5)):
                d.text((w // 10, yy), " ".join(r.choices(WORDS, k=r.randint(5, 9))), fill=(r.randint(15, 60),) * 3, font=_font(fs))
        return im
    if kind == "keyboard":
        im, w, h = rgba(int(L * r.uniform(0.35, 0.7)), 1, (0, 0, 0, 0))
        im, w, h = rgba(w, w // 3, (0, 0, 0, 0))
        d, k = ImageDraw.Draw(im), w / 15.2
        d.rounded_rectangle([0, 0, w - 1, h - 1], radius=int(k / 2), fill=(35, 36, 40, 255))
        for row in range(5):
            for col in range(14):
                x0, y0 = k * 0.3 + col * k * 1.06 + (row % 2) * k * 0.3, k * 0.3 + row * k * 1.06
                d.rounded_rectangle([x0, y0, x0 + k * 0.92, y0 + k * 0.92], radius=int(k / 8), fill=(58, 60, 64))
                d.text((x0 + k * 0.2, y0 + k * 0.15), r.choice("QWERTYUIOPASDFGHJKLZXCVBNM1234567890"), fill=(200, 200, 200), font=_font(k * 0.35))
        return im
    if kind == "sticker":
        im, w, h = rgba(int(L * r.uniform(0.06, 0.14)), 1, (0, 0, 0, 0))
        im, w, h = rgba(w, int(w * r.uniform(0.35, 0.7)), (0, 0, 0, 0))
        d = ImageDraw.Draw(im)
        d.rounded_rectangle([0, 0, w - 1, h - 1], radius=h // 6, fill=r.choice([(240, 200, 40), (210, 50, 45), (60, 150, 80), (245, 245, 240)]))
        _text(d, (w / 2, h / 2), r.choice(["FRAGILE", "PAT TESTED", "PROPERTY OF ACME", "DO NOT REMOVE", "CALIBRATED", "IT DEPT"]),
              h * 0.4, w * 0.9, (20, 20, 20), "mm")
        return im
    if kind == "fakebars":  # looks like a barcode, is none: continuous random widths, no structure
        im, w, h = rgba(int(L * r.uniform(0.08, 0.2)), 1, (0, 0, 0, 0))
        im, w, h = rgba(w, int(w * 0.6), (250, 250, 246, 255))
        d, x = ImageDraw.Draw(im), w * 0.08
        while x < w * 0.92:
            bw = r.uniform(0.004, 0.022) * w
            d.rectangle([x, h * 0.08, x + bw, h * 0.78], fill=(25, 25, 25))
            x += bw + r.uniform(0.004, 0.02) * w
        _text(d, (w / 2, h * 0.8), "".join(r.choices("0123456789", k=12)), h * 0.15, w * 0.85, (25, 25, 25), "ma")
        return im
    # vents / stripes: regular parallel bars, the classic 1D decoy
    im, w, h = rgba(int(L * r.uniform(0.12, 0.3)), 1, (0, 0, 0, 0))
    vents = kind == "vents"
    im, w, h = rgba(w, int(w * r.uniform(0.4, 1.0)), (150, 152, 156, 255) if vents else r.choice([(230, 60, 60, 255), (245, 245, 240, 255)]))
    d, n = ImageDraw.Draw(im), r.randint(8, 22)
    for k in range(n):
        x = w * (0.06 + 0.88 * k / n)
        d.rounded_rectangle([x, h * (0.1 if vents else 0), x + w * 0.88 / n * r.uniform(0.35, 0.6), h * (0.9 if vents else 1)],
                            radius=2, fill=(30, 30, 34) if vents else (30, 40, 110))
    return im


def _paste(img, a, quad, shadow=0.0):
    """Warp RGBA array `a` so its corners land on `quad` (4x2 frame px) and alpha-blend it in."""
    H, W = img.shape[:2]
    h, w = a.shape[:2]
    x0, y0 = np.maximum(np.floor(quad.min(0)).astype(int) - 2 - int(3 * shadow), 0)
    x1, y1 = np.minimum(np.ceil(quad.max(0)).astype(int) + 2 + int(3 * shadow), [W, H])
    if x1 <= x0 or y1 <= y0:
        return
    f = math.sqrt(w * h / max(cv2.contourArea(quad.astype(np.float32)), 1.0))
    if f > 1.3:  # optics integrate over the pixel: prefilter before shrinking
        a = cv2.GaussianBlur(a, (0, 0), 0.45 * f)
    M = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), (quad - [x0, y0]).astype(np.float32))
    out = cv2.warpPerspective(a, M, (int(x1 - x0), int(y1 - y0)), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0, 0))
    al = out[..., 3].astype(np.float32) / 255
    roi = img[y0:y1, x0:x1]
    if shadow:  # soft contact shadow, offset down-right
        sh = cv2.warpAffine(cv2.GaussianBlur(al, (0, 0), shadow), np.float32([[1, 0, shadow * 0.5], [0, 1, shadow]]), al.shape[::-1])
        roi[:] = cv2.multiply(roi, cv2.merge([1 - 0.35 * sh] * 3), dtype=cv2.CV_8U)
    roi[:] = cv2.blendLinear(np.ascontiguousarray(out[..., :3]), roi, al, 1 - al)


def _label(c, u, r, names):
    """The label (or a package's printed barcode area) as RGBA at u px per module."""
    code, st, m, n, nh = c["code"], c["style"], c["mods"], c["nw"], c["nh"]
    lw, lh, qx, qy = c["lay"]
    W_, H_ = int(lw * u), int(lh * u)
    a = np.empty((H_, W_, 4), np.uint8)
    a[..., :3] = (r.randint(236, 252), r.randint(236, 252), r.randint(228, 248))
    a[..., 3] = 255
    ink = (r.randint(10, 45),) * 3 if st != "retail" or r.random() < 0.7 else r.choice([(20, 30, 90), (60, 35, 20), (10, 60, 30)])
    blk = np.kron(m, np.ones((u, u), bool)) if m.ndim == 2 else np.tile(np.repeat(m, u), (int(nh * u), 1))
    if st == "retail":  # guard bars run 5 modules longer than the data bars
        blk[blk.shape[0] - int(5 * u):, ~np.repeat(_tall(code.format, n), u)] = False
    a[int(qy * u):int(qy * u) + blk.shape[0], int(qx * u):int(qx * u) + blk.shape[1], :3][blk] = ink
    im = Image.fromarray(a)
    d, key, b = ImageDraw.Draw(im), code.key or code.payload, (n + 8) * u
    name = names.get(key, ASSET_MODELS[len(key) % len(ASSET_MODELS)])
    if st == "retail":
        for ch, x, small in _hri(code.format, code.payload):
            d.text(((qx + x) * u, (qy + nh - 4 + small * 2) * u), ch, fill=ink, font=_font((8 if small else 11) * u), anchor="mt")
    elif st == "qm128":
        _text(d, (W_ / 2, (qy + nh + 1.5) * u), code.payload, 7 * u, W_ * 0.95, ink, "mt")
        _text(d, (W_ / 2, (qy + nh + 10) * u), name, 5.5 * u, W_ * 0.95, ink, "mt")
    elif st in ("qmqr", "snipe"):
        lines = [(key, 0.2), (name, 0.11), ("Quartermaster", 0.08)] if st == "qmqr" else \
                [("ACME Corp", 0.13), (f"T: {key if code.key else 'X-' + code.payload[-4:]}", 0.12), (f"N: {name}", 0.1), (f"S: PF{len(name) * 7919 % 99991:05d}", 0.1)]
        y = 0.1 * b
        for t, k in lines:
            _text(d, (b, y), t, k * b, W_ - b * 1.05, ink); y += 1.4 * k * b
    elif st == "textqr":
        _text(d, (W_ / 2, (n + 6.5) * u), code.payload if len(code.payload) < 20 else name, 4 * u, W_ * 0.9, ink, "mt")
    elif st == "poster":
        _text(d, (0.3 * b, 0.2 * b), r.choice(["Guest Wi-Fi", "Product manual", "Scan me!", "Support"]), 0.3 * b, W_ * 0.55, ink)
        for k in range(4):
            _text(d, (0.3 * b, (0.75 + 0.18 * k) * b), " ".join(r.choices(WORDS, k=5)), 0.11 * b, W_ * 0.55, ink)
    else:
        b = (n + 4) * u
        _text(d, (b * 1.1, 0.3 * b), "ACME IT", 0.18 * b, W_ - b * 1.15, ink, "lm")
        _text(d, (b * 1.1, 0.68 * b), code.payload, 0.34 * b, W_ - b * 1.15, ink, "lm")
    if st != "retail":
        mask = Image.new("L", im.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle([0, 0, W_ - 1, H_ - 1], radius=int(min(W_, H_) * 0.08), fill=255)
        im.putalpha(mask)
    return np.asarray(im)


def _carrier(c, u, r):
    """What the label sits on: a product box, a device, a bin. RGBA, drawn around the label."""
    ml, mr, mt, mb = c["carrier"]
    lw, lh = c["lay"][:2]
    W_, H_ = int((ml + lw + mr) * u), int((mt + lh + mb) * u)
    retail = c["style"] == "retail"
    col = r.choice([(200, 40, 40), (30, 90, 160), (240, 200, 60), (40, 120, 70), (235, 235, 230)]) if retail else \
        r.choice([(60, 62, 66), (190, 192, 196), (25, 25, 28), (220, 220, 215), (70, 110, 170)])
    im = Image.new("RGBA", (W_, H_), col + (255,))
    d, s = ImageDraw.Draw(im), min(W_, H_)
    ink = (250, 250, 250) if sum(col) < 400 else (20, 20, 20)
    if retail:  # brand name, a colour band and small print
        d.rectangle([0, H_ * r.uniform(0.6, 0.8), W_, H_], fill=r.choice([(250, 250, 250), (20, 20, 20), (230, 120, 20)]))
        _text(d, (W_ * 0.05, H_ * 0.05), r.choice(["ACME", "Ducell", "OfficePro", "Kopa", "NordTech"]), s * 0.22, W_ * 0.6, ink)
        for k in range(5):
            _text(d, (W_ * 0.05, H_ * (0.32 + 0.05 * k)), " ".join(r.choices(WORDS, k=6)), s * 0.03, W_ * 0.9, ink)
    elif r.random() < 0.5:  # device vents beside the label
        for k in range(12):
            x = W_ * (0.02 + k * 0.025)
            d.rounded_rectangle([x, H_ * 0.1, x + W_ * 0.012, H_ * 0.9], radius=2, fill=(15, 15, 18))
    else:
        _text(d, (W_ * 0.96, H_ * 0.06), r.choice(["DELL", "lenovo", "hp", "ACME", "Logitech"]), s * 0.12, W_ * 0.3, ink, "ra")
    return np.asarray(im), -c["nw"] / 2 - c["lay"][2] - ml, -c["nh"] / 2 - c["lay"][3] - mt


def _wrap(a, c, x0, y0, u):
    """Remap a layer (top-left at (x0, y0) modules) onto the cylinder, with its shading."""
    ax, R, off, bow = c["cyl"]
    if ax:
        a, x0, y0 = a.transpose(1, 0, 2), y0, x0
    h, w = a.shape[:2]
    t0, t1 = max((x0 - off) / R, -1.45), min((x0 + w / u - off) / R, 1.45)
    v0, v1 = off + R * math.sin(t0), off + R * math.sin(t1)
    xs = v0 + (np.arange(int((v1 - v0) * u) + 1) + 0.5) / u
    th = np.arcsin(np.clip((xs - off) / R, -1, 1)).astype(np.float32)
    shift = bow * R * (1 - np.cos(th))
    yv0 = y0 - max(shift.max(), 0)
    H2 = int((h / u + abs(shift).max()) * u) + 1
    mx = np.broadcast_to(((off + R * th - x0) * u - 0.5)[None, :], (H2, len(xs))).astype(np.float32)
    my = ((yv0 + (np.arange(H2)[:, None] + 0.5) / u + shift[None, :] - y0) * u - 0.5).astype(np.float32)
    out = cv2.remap(a, mx, my, cv2.INTER_LINEAR, borderValue=(0, 0, 0, 0))
    tl, ts, amp = c["cyl_light"]
    shade = (0.72 + 0.28 * np.cos(th - tl)) + amp * np.exp(-(((th - ts) / 0.08) ** 2)) * 1.4
    out[..., :3] = np.clip(out[..., :3] * shade[None, :, None], 0, 255).astype(np.uint8)
    return (out.transpose(1, 0, 2), yv0, v0) if ax else (out, v0, yv0)


def _put(img, c, a, x0, y0, u, shadow=0.0):
    if c["cyl"]:
        a, x0, y0 = _wrap(a, c, x0, y0, u)
    h, w = a.shape[:2]
    corners = np.array([(x0, y0), (x0 + w / u, y0), (x0 + w / u, y0 + h / u), (x0, y0 + h / u)])
    _paste(img, np.ascontiguousarray(a), _project(corners * c["ppm0"], *c["g"]), shadow)


def _light_and_glare(img, s, rng):
    """Uneven light (gradient, vignette, a soft shadow, tint) times the image, plus specular glare."""
    H, W = img.shape[:2]
    h, w = H // 8, W // 8
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xx, yy = xx / w - 0.5, yy / h - 0.5
    kind, cs = s["light"], s["codes"]
    gain = {"dim": rng.uniform(0.55, 0.75), "bright": rng.uniform(1.04, 1.15)}.get(kind, rng.uniform(0.88, 1.0))
    L = gain * (1 - rng.uniform(0.1, 0.3) * 2 * (xx ** 2 + yy ** 2))
    if kind in ("gradient", "shadow", "dim"):
        L *= 1 + rng.uniform(-0.3, 0.3) * xx + rng.uniform(-0.3, 0.3) * yy
    if kind == "shadow":  # the phone's or a hand's shadow, soft-edged, often across the code
        ctr = (cs[0]["g"][4] / 8, cs[0]["g"][5] / 8) if cs and rng.random() < 0.6 else (rng.uniform(0, w), rng.uniform(0, h))
        ang = np.sort(rng.uniform(0, 2 * np.pi, 7))
        rad = rng.uniform(0.15, 0.45) * max(w, h) * rng.uniform(0.6, 1.0, 7)
        pts = np.c_[ctr[0] + rad * np.cos(ang) + rng.uniform(-0.3, 0.3) * w, ctr[1] + rad * np.sin(ang)].astype(np.int32)
        mask = cv2.fillPoly(np.zeros((h, w), np.float32), [pts], 1.0)
        L *= 1 - rng.uniform(0.3, 0.55) * cv2.GaussianBlur(mask, (0, 0), max(w, h) * rng.uniform(0.01, 0.05))
    tint = {"warm": (1.06, 1.0, 0.84)}.get(kind, tuple(rng.uniform(0.95, 1.05, 3)))
    L3 = np.clip(L[..., None] * np.array(tint, np.float32) * 200, 0, 255).astype(np.uint8)
    img = cv2.multiply(img, cv2.resize(L3, (W, H), interpolation=cv2.INTER_LINEAR), scale=1 / 200)
    g = s["glare"]
    if g == "none":
        return img
    p1, p2, p3 = s["glare_pos"]
    if g == "away" or not cs:  # a lamp reflection somewhere else in the frame
        x, y, a, b, amp, ang = p1 * W, p2 * H, 0.08 * max(W, H), 0.05 * max(W, H), 0.9 + 0.5 * p3, 180 * p3
        if cs and math.hypot(x - cs[0]["g"][4], y - cs[0]["g"][5]) < 0.35 * max(W, H):
            x, y = W - x, H - y
    else:
        c = cs[0]
        n, nh, one_d = c["nw"], c["nh"], c["mods"].ndim == 1
        if g == "sheen":  # broad, weak reflection across the whole label
            lx, ly, a, b, amp = (p1 - 0.5) * n, (p2 - 0.5) * nh, 0.7 * n, 0.7 * nh, 0.15 + 0.15 * p3
        elif g == "over-edge" and one_d:  # blown-out bar ends at top or bottom; the rest of the bar height is clean
            lx, ly, a, b, amp = (p1 - 0.5) * 0.6 * n, (1 if p2 > 0.5 else -1) * 0.58 * nh, (0.2 + 0.2 * p3) * n, 0.3 * nh, 0.8 + 0.5 * p3
        elif g == "over-edge":  # weak glare on the corner without finder pattern
            lx, ly = n / 2, (n / 2 if c["code"].format == "QR" else -n / 2)
            a, b, amp = 0.3 * n, 0.3 * n, 0.3 + 0.25 * p3
        else:  # near / near-heavy: bright just beside the quiet zone, only its tail reaches the symbol
            heavy = g == "near-heavy"
            a = (0.18 if one_d else 0.3) * n * (1.3 if heavy else 1)
            lx = (1 if p1 > 0.5 else -1) * (n / 2 + (10 if one_d else 4) + 1.25 * a)
            ly, b, amp = (p2 - 0.5) * nh, (0.6 if one_d else 0.4) * max(nh, n * 0.3), (2.2 if heavy else 1.0 + 0.5 * p3)
        (x, y), = _fwd(c, [(lx, ly)])
        a, b, ang = a * c["ppm0"], b * c["ppm0"], c["g"][0]
    h, w = H // 4, W // 4
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32) * 4
    ca, sa = math.cos(math.radians(ang)), math.sin(math.radians(ang))
    u, v = ((xx - x) * ca + (yy - y) * sa) / a, (-(xx - x) * sa + (yy - y) * ca) / b
    G = np.clip(amp * np.exp(-0.5 * (u * u + v * v)) * 255, 0, 255).astype(np.uint8)
    G = cv2.resize(G, (W, H), interpolation=cv2.INTER_LINEAR)
    return cv2.add(img, cv2.merge([G, G, (G * 0.94).astype(np.uint8)]))


@lru_cache(maxsize=1)
def _noise_tile():
    return np.random.default_rng(SEED).standard_normal((1031, 1237, 2), dtype=np.float32)


def _finish(img, s, rng):
    """Camera: defocus, hand motion, the phone's sharpening, sensor noise."""
    if s["defocus"] > 0.25:
        img = cv2.GaussianBlur(img, (0, 0), s["defocus"])
    if s["motion"] > 0.7:
        L, k = s["motion"], int(math.ceil(s["motion"])) | 1
        ker = np.zeros((k + 2, k + 2), np.float32)
        dx, dy = L / 2 * math.cos(math.radians(s["motion_angle"])), L / 2 * math.sin(math.radians(s["motion_angle"]))
        cv2.line(ker, (round((k + 1) / 2 - dx), round((k + 1) / 2 - dy)), (round((k + 1) / 2 + dx), round((k + 1) / 2 + dy)), 1.0, 1, cv2.LINE_AA)
        img = cv2.filter2D(img, -1, ker / ker.sum())
    if s["sharpen"] > 0.1:
        img = cv2.addWeighted(img, 1 + s["sharpen"], cv2.GaussianBlur(img, (0, 0), 1.5 if s["big"] else 1.0), -s["sharpen"], 0)
    t = _noise_tile()
    t3 = (s["noise"] * (t[..., :1] + t[..., 1:] * np.array([0.5, -0.1, -0.5], np.float32))).astype(np.int16)
    H, W = img.shape[:2]
    oy, ox = rng.integers(0, t.shape[0]), rng.integers(0, t.shape[1])
    full = np.tile(t3, (H // t.shape[0] + 2, W // t.shape[1] + 2, 1))[oy:oy + H, ox:ox + W]
    return cv2.add(img, full, dtype=cv2.CV_8U)


def _line_obj(img, kind, r):
    """A pen or a cable across the desk."""
    H, W = img.shape[:2]
    L = max(W, H)
    p = np.array([(r.uniform(-0.1, 1.1) * W, r.uniform(-0.1, 1.1) * H) for _ in range(4 if kind == "cable" else 2)])
    if kind == "cable":
        t = np.linspace(0, 1, 60)[:, None]
        p = ((1 - t) ** 3 * p[0] + 3 * (1 - t) ** 2 * t * p[1] + 3 * (1 - t) * t ** 2 * p[2] + t ** 3 * p[3])
    else:
        p[1] = p[0] + (p[1] - p[0]) / np.linalg.norm(p[1] - p[0]) * 0.25 * L
    col = r.choice([(20, 20, 22), (235, 235, 235), (30, 60, 160), (180, 30, 30)])
    cv2.polylines(img, [p.astype(np.int32)], False, col, max(2, int(L * (0.006 if kind == "cable" else 0.012))), cv2.LINE_AA)


@lru_cache(maxsize=1)
def _by_name() -> dict:
    return {_name(s): s for s in _plan()}


def render(case: Case) -> bytes:
    s = _by_name()[case.name]
    rng, r, w = np.random.default_rng(s["seed"]), random.Random(s["seed"]), _world()
    W, H, cs = s["W"], s["H"], s["codes"]
    img = _background(rng, s["bg"], W, H)
    ws = min(1.0, 2000 / max(W, H))  # clutter is drawn at <= 2000 px and scaled up
    g = cs[0]["g"] if cs else [0, r.uniform(-10, 10), r.uniform(-10, 10), 0.8 * max(W, H)]
    for kind in s["clutter"]:
        if kind in ("pen", "cable"):
            _line_obj(img, kind, r); continue
        a = _clutter_img(kind, r, max(W, H) * ws)
        h, wd = a.height / ws, a.width / ws
        if cs and r.random() < 0.4:  # decoys close to a code
            c = r.choice(cs); d = r.uniform(0.6, 1.2) * (c["lay"][0] * c["ppm0"] + wd) / 2; t = r.uniform(0, 2 * math.pi)
            cx, cy = c["g"][4] + d * math.cos(t), c["g"][5] + d * math.sin(t)
        else:
            cx, cy = r.uniform(0, W), r.uniform(0, H)
        quad = _project([(-wd / 2, -h / 2), (wd / 2, -h / 2), (wd / 2, h / 2), (-wd / 2, h / 2)], r.uniform(-180, 180), g[1], g[2], g[3], cx, cy)
        _paste(img, np.asarray(a), quad, shadow=0.004 * max(W, H))
    for c in cs:
        if c["carrier"]:
            uc = min(c["u"], 2200 / (c["lay"][0] + sum(c["carrier"])))
            a, x0, y0 = _carrier(c, uc, r)
            _put(img, c, a, x0, y0, uc, shadow=0.006 * max(W, H))
    for c in cs:
        _put(img, c, _label(c, c["u"], r, w["names"]), -c["nw"] / 2 - c["lay"][2], -c["nh"] / 2 - c["lay"][3], c["u"],
             shadow=0 if c["style"] == "retail" else 0.002 * max(W, H))
    img = _finish(_light_and_glare(img, s, rng), s, rng)
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(img, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, s["jpeg"]])
    return buf.tobytes()


def flat_code(code: Code, u: int = 4) -> np.ndarray:
    """The pristine symbol (grey, with quiet zone) for sanity checks of what was encoded."""
    m = _modules(code.format, code.payload)
    q = 4 if m.ndim == 2 else 12
    m = m if m.ndim == 2 else np.tile(m, (max(20, len(m) // 3), 1))
    return np.pad(np.where(np.kron(m, np.ones((u, u), bool)), 0, 255).astype(np.uint8), q * u, constant_values=255)
