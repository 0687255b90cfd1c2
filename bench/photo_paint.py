"""Painting a field photo: the surface, clutter and decoys, carriers, labels, light, glare and the
camera (blur, noise, JPEG)."""

from __future__ import annotations

import math
import random
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw

from bench.photo_symbols import GUARDS, HRI, font, forward, label_origin, project
from bench.photo_world import ASSET_MODELS, SEED, WORDS, world


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


def background(rng, kind, W, H):
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
    f = font(size)
    while f.getlength(text) > max_w and f.size > 6:
        f = font(f.size * 0.9)
    d.text(xy, text, fill=fill, font=f, anchor=anchor)


# clutter: (smallest, largest width as a share of the frame's long side, height/width or 0 for random)
CLUTTER_LOOK = {"text": (0.22, 0.45, 1.414), "ruled": (0.22, 0.45, 1.414), "keyboard": (0.35, 0.7, 0.33)}
CLUTTER_LOOK |= {"pen": (0.12, 0.22, 0.07), "sticker": (0.06, 0.14, 0), "fakebars": (0.08, 0.2, 0.6)}
CLUTTER_LOOK |= {"vents": (0.12, 0.3, 0), "stripes": (0.12, 0.3, 0)}
PAINT = ((240, 200, 40), (210, 50, 45), (60, 150, 80), (245, 245, 240), (30, 60, 160), (20, 20, 22))
STICKERS = ("FRAGILE", "PAT TESTED", "PROPERTY OF ACME", "DO NOT REMOVE", "CALIBRATED", "IT DEPT")


def clutter_img(kind, r, L):
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
        d.text((w // 10, w // 10), " ".join(r.choices(WORDS, k=3)).title(), fill=ink, font=font(fs * 2))
        for y in range(w // 10 + fs * 3, h - w // 10, int(fs * 1.5)):
            d.text((w // 10, y), " ".join(r.choices(WORDS, k=r.randint(3, 9))), fill=ink, font=font(fs))
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
            d.text((x0 + k * 0.2, y0 + k * 0.15), key, fill=(200, 200, 200), font=font(k * 0.35))
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


def paste(img, a, quad, shadow=0.0):
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


def label(c, u, r, names):
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
                xy, f = ((qx + x + 7 * j) * u, (qy + nh - 4 + small * 2) * u), font((8 if small else 11) * u)
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


def carrier(c, u, r):
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
    x0, y0 = label_origin(c)
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


def put(img, c, a, x0, y0, u, shadow=0.0):
    """Place a layer (top-left at (x0, y0) modules, u px per module) into the photo."""
    if c["cyl"]:
        a, x0, y0 = _wrap(a, c, x0, y0, u)
    h, w = a.shape[:2]
    corners = np.array([(x0, y0), (x0 + w / u, y0), (x0 + w / u, y0 + h / u), (x0, y0 + h / u)])
    paste(img, np.ascontiguousarray(a), project(corners * c["ppm0"], *c["g"]), shadow)


def light_and_glare(img, s, rng):
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
        ((x, y),) = forward(c, [(lx, ly)])
        a, b, ang = a * c["ppm0"], b * c["ppm0"], c["g"][0]
    yy, xx = np.mgrid[0 : H // 4, 0 : W // 4].astype(np.float32) * 4
    ca, sa = math.cos(math.radians(ang)), math.sin(math.radians(ang))
    u, v = ((xx - x) * ca + (yy - y) * sa) / a, ((yy - y) * ca - (xx - x) * sa) / b
    G = cv2.resize(np.clip(amp * np.exp(-0.5 * (u * u + v * v)) * 255, 0, 255).astype(np.uint8), (W, H))
    return cv2.add(img, cv2.merge([G, G, (G * 0.94).astype(np.uint8)]))


@lru_cache(maxsize=1)
def _noise_tile():
    return np.random.default_rng(SEED).standard_normal((1031, 1237, 2), dtype=np.float32)


def camera(img, s, rng):
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


def photo(s: dict) -> bytes:
    """A planned photo as JPEG bytes: surface, clutter, carriers, labels, light and glare, camera."""
    rng, r, W, H, cs = np.random.default_rng(s["seed"]), random.Random(s["seed"]), s["W"], s["H"], s["codes"]
    img, ws = background(rng, s["bg"], W, H), min(1.0, 2000 / max(W, H))  # clutter drawn at <= 2000 px
    g = cs[0]["g"] if cs else [0, r.uniform(-10, 10), r.uniform(-10, 10), 0.8 * max(W, H)]
    for kind in s["clutter"]:  # lying on the same desk plane as the first code
        a = clutter_img(kind, r, max(W, H) * ws)
        h, w = a.shape[0] / ws, a.shape[1] / ws
        if cs and r.random() < 0.4:  # decoys right beside a code
            c, t = r.choice(cs), r.uniform(0, 2 * math.pi)
            d = r.uniform(0.6, 1.2) * (c["lay"][0] * c["ppm0"] + w) / 2
            cx, cy = c["g"][4] + d * math.cos(t), c["g"][5] + d * math.sin(t)
        else:
            cx, cy = r.uniform(0, W), r.uniform(0, H)
        corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
        paste(img, a, project(corners, r.uniform(-180, 180), g[1], g[2], g[3], cx, cy), 0.004 * max(W, H))
    for c in cs:  # every carrier before any label, so that no carrier covers another code
        if c["carrier"]:
            uc = min(c["u"], 2200 / (c["lay"][0] + sum(c["carrier"])))
            put(img, c, *carrier(c, uc, r), uc, shadow=0.006 * max(W, H))
    for c in cs:
        shadow = 0 if c["style"] == "retail" else 0.002 * max(W, H)
        put(img, c, label(c, c["u"], r, world()["names"]), *label_origin(c), c["u"], shadow)
    img = camera(light_and_glare(img, s, rng), s, rng)
    return cv2.imencode(".jpg", img[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, s["jpeg"]])[1].tobytes()
