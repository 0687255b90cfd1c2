"""Field photos: a deterministic suite of phone photos of barcodes, with the truth for each.

What users post to Quartermaster: an asset label on a laptop, a product box or bottle on a desk, a
Snipe-IT sticker, a bin label, shot by hand (rotation, tilt, curved surfaces, glare, blur, shadow,
noise, JPEG) among decoys (vents, stripes, ruled paper, printed text, a fake barcode). Everything
comes from integer seeds, so render(case) gives the same bytes every time. No decoder shaped this
suite: codes are only kept physically resolvable (narrowest bar >= 1.3 px, 2D module >= 2.5 px:
px_per_module in the conditions) and blur is capped to a fraction of a module, as a steady hand.
Here: the plan of each photo, in numbers. The catalog and its codes are in photo_world, symbols
and geometry in photo_symbols, painting in photo_paint.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bench.photo_paint import photo
from bench.photo_symbols import forward, label_origin, layout, modules, narrowest_module
from bench.photo_world import (
    FORMATS,
    RETAIL,
    SEED,
    Code,
    catalog,  # noqa: F401 (the suite's catalog, beside its cases)
    new_gtin,
    world,
)

N_CASES, SNIPE_HOST = 660, "assets.example.org"


@dataclass(frozen=True)
class Case:
    name: str
    split: str  # "tune" or "test", from a hash of the name (about 40% test)
    codes: tuple[Code, ...]
    conditions: str
    megapixels: float


def _pick_code(r, fmt, unknown, w):
    """(Code, label style, note): a known code names a catalog item; unknown ones are absent on purpose."""
    if fmt in RETAIL:
        if unknown:  # a valid GTIN that is not in the catalog
            return Code(fmt, new_gtin(r, fmt, set(w["used"])), None), "retail", "catalog=absent"
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
    code, style, note = _pick_code(r, fmt, r.random() < 0.1, world())
    m, hard, W, H = modules(code.format, code.payload), s["hard"], s["W"], s["H"]
    n = m.shape[1] if m.ndim == 2 else len(m)  # modules across: a Data Matrix may be rectangular (8 x 32)
    tall = r.uniform(0.35, 0.75) if style == "retail" else r.uniform(0.22, 0.34)  # bar height / symbol width
    nh = m.shape[0] if m.ndim == 2 else round(n * tall)
    lw, lh, qx, qy = lay = layout(style, fmt, n, nh)
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
    x0, y0 = label_origin(c)
    for _ in range(60):  # grow to the resolvable minimum; shrink, or flatten, until the label fits its region
        c["ppm0"] *= max(1.0, need * 1.04 / narrowest_module(c))
        q = forward(c, [(x0, y0), (x0 + lw, y0), (x0 + lw, y0 + lh), (x0, y0 + lh)])
        lo, hi = region[:2] - q.min(0), region[2:] - q.max(0)
        if (hi > lo).all():
            break
        c["ppm0"] *= 0.93
        if narrowest_module(c) < need * 1.04:
            c["g"][1:3] = c["g"][1] * 0.8, c["g"][2] * 0.8
    else:
        raise RuntimeError(f"case {s['i']}: cannot place {code}")
    c["g"][4:6] = r.uniform(lo[0], hi[0]), r.uniform(lo[1], hi[1])
    e = forward(c, [(-n / 2, 0), (n / 2, 0)])
    c.update(ppm=narrowest_module(c), share=float(np.linalg.norm(e[1] - e[0]) / W))
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


def render(case: Case) -> bytes:
    """The photo as JPEG bytes: the same bytes every time."""
    return photo(_cases()[case.name][1])
