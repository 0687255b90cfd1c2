"""Symbols as modules, the labels they sit on, and where each point of a label lands in the photo
(tilt, rotation, a curved surface, a pinhole camera)."""

from __future__ import annotations

import math
from functools import lru_cache

import barcode as pybarcode
import numpy as np
import segno
import zxingcpp
from PIL import ImageFont

from bench.photo_world import Code


# ---------------------------------------------------------------------------------------- symbols
@lru_cache(maxsize=None)
def modules(fmt: str, payload: str) -> np.ndarray:
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
def font(size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=max(6, int(size)))  # built into Pillow: no font file is read


def layout(style: str, fmt: str, n: int, nh: float):
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


# --------------------------------------------------------------------------------------- geometry
def project(pts, rot, tx, ty, f, cx, cy):
    """Points on a plane (frame px at the code's depth) -> frame px: tilt, in-plane rotation, pinhole."""
    a, b, c = (math.radians(v) for v in (rot, tx, ty))
    rz = np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
    rx = np.array([[1, 0, 0], [0, math.cos(b), -math.sin(b)], [0, math.sin(b), math.cos(b)]])
    ry = np.array([[math.cos(c), 0, math.sin(c)], [0, 1, 0], [-math.sin(c), 0, math.cos(c)]])
    p = np.c_[np.asarray(pts, float), np.zeros(len(pts))] @ (rz @ rx @ ry).T
    return np.c_[cx + f * p[:, 0] / (f + p[:, 2]), cy + f * p[:, 1] / (f + p[:, 2])]


def forward(c, pts):
    """Label coordinates (modules from the symbol's centre) -> frame px, around the cylinder if curved."""
    p = np.array(pts, float)
    if c["cyl"]:
        ax, R, off, bow = c["cyl"]
        th = (p[:, ax] - off) / R
        p[:, ax], p[:, 1 - ax] = off + R * np.sin(th), p[:, 1 - ax] - bow * R * (1 - np.cos(th))
    return project(p * c["ppm0"], *c["g"])


def narrowest_module(c) -> float:
    """Narrowest bar (1D: measured across the projected bars) or module side (2D), anywhere on the symbol."""
    gx, gy = np.meshgrid(np.linspace(-c["nw"] / 2, c["nw"] / 2, 7), np.linspace(-c["nh"] / 2, c["nh"] / 2, 5))
    p = np.c_[gx.ravel(), gy.ravel()]
    o = forward(c, p)
    ju, jv = (forward(c, p + [0.25, 0]) - o) * 4, (forward(c, p + [0, 0.25]) - o) * 4
    det = np.abs(ju[:, 0] * jv[:, 1] - ju[:, 1] * jv[:, 0])
    w = det / np.linalg.norm(jv, axis=1)
    return float((np.minimum(w, det / np.linalg.norm(ju, axis=1)) if c["mods"].ndim == 2 else w).min())


def label_origin(c):
    return -c["nw"] / 2 - c["lay"][2], -c["nh"] / 2 - c["lay"][3]


def flat_code(code: Code, u: int = 4) -> np.ndarray:
    """The pristine symbol (grey, with a quiet zone), to check what was encoded."""
    m = modules(code.format, code.payload)
    q = 4 if m.ndim == 2 else 12
    m = m if m.ndim == 2 else np.tile(m, (max(20, len(m) // 3), 1))
    grey = np.where(np.kron(m, np.ones((u, u), bool)), 0, 255).astype(np.uint8)
    return np.pad(grey, q * u, constant_values=255)
