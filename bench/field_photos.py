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
    return {"assets": assets, "stock": stock, "pools": pools, "used": used, "names": dict(items),
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
