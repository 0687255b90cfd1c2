"""Look at the field-photo suite: `python -m bench.field_photos_check [--time] [--samples N]`.

Prints counts per format, split, size and condition; checks the truth (every key is in the
catalog, every GTIN has a valid check digit and matches its catalog form, every pristine
flat symbol decodes to exactly its payload); saves sample renders as PNG thumbnails plus
the JPEGs to bench/out/field_photos_samples/ for a human to look at. `--time` renders all
cases on 2 processes and checks determinism. No decoder is ever run on the photos.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import multiprocessing
import random
import re
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import cv2
import numpy as np
import zxingcpp

from bench import field_photos as fp
from bench.photo_paint import clutter_img
from bench.photo_symbols import flat_code
from bench.photo_world import catalog, check_digit, gtin14, upce_to_upca

OUT = Path(__file__).resolve().parent / "out" / "field_photos_samples"
ZX = dict(zip(fp.FORMATS, ("Code128", "EAN13", "UPCA", "UPCE", "EAN8", "QRCode", "DataMatrix")))


def cond(case, key):
    m = re.search(rf"\b{key}=(\S+)", case.conditions)
    return m.group(1) if m else "-"


def table(title, counter):
    print(f"\n{title}")
    for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        print(f"  {str(k):<40} {v}")


def counts(cases):
    codes = [(c, k) for c in cases for k in c.codes]
    print(
        f"{len(cases)} cases, {len(codes)} codes; splits {dict(collections.Counter(c.split for c in cases))}"
    )
    print(f"\n{'format':<12}{'codes':>7}{'tune':>7}{'test':>7}{'2mp':>7}{'12mp':>7}{'unknown':>9}")
    for f in fp.FORMATS:
        sel = [(c, k) for c, k in codes if k.format == f]
        n = lambda p: sum(1 for c, k in sel if p(c, k))  # noqa: E731
        print(
            f"{f:<12}{len(sel):>7}{n(lambda c, k: c.split == 'tune'):>7}{n(lambda c, k: c.split == 'test'):>7}"
            f"{n(lambda c, k: c.megapixels < 5):>7}{n(lambda c, k: c.megapixels > 5):>7}{n(lambda c, k: k.key is None):>9}"
        )
    table("codes per photo x split", collections.Counter((len(c.codes), c.split) for c in cases))
    table(
        "size",
        collections.Counter(
            cond(c, "size") + (" portrait" if "portrait" in c.conditions else " landscape") for c in cases
        ),
    )
    for key in ("bg", "style", "glare", "light", "curved", "hard"):
        table(key, collections.Counter(v for c in cases for v in cond(c, key).split(",")))
    blur = collections.Counter(
        "defocus" * ("defocus0.00" not in c.conditions) + "+motion" * ("motion0.00" not in c.conditions)
        or "none"
        for c in cases
    )
    table("blur", blur)
    table(
        "catalog form of photographed retail codes",
        collections.Counter(m for c in cases for m in re.findall(r"catalog=(\S+)", c.conditions)),
    )
    ppm = {"1D": [], "2D": []}
    for c in cases:
        for k, v in zip(c.codes, cond(c, "px_per_module").split(",")):
            ppm["2D" if k.format in ("QR", "DataMatrix") else "1D"].append(float(v))
    share = [float(v) for c in cases for v in cond(c, "share").split(",") if v != "-"]
    print(
        "\npx_per_module "
        + "; ".join(f"{d} min {min(v):.2f} median {np.median(v):.2f}" for d, v in ppm.items())
    )
    print(f"share of frame width min {min(share):.2f} median {np.median(share):.2f} max {max(share):.2f}")


def norm_gtin(s: str) -> str:
    """Catalog value as printed -> GTIN-14 (8 digits starting 0/1 are UPC-E in this suite)."""
    return gtin14("UPCE" if len(s) == 8 and s[0] in "01" else "EAN", s)


def check_truth(cases):
    cat = catalog()
    tags = {a["asset_tag"]: a for a in cat["assets"]}
    skus = {s["sku"]: s for s in cat["stock"]}
    by_gtin = {norm_gtin(s["barcode"]): s["sku"] for s in cat["stock"] if s["barcode"]}
    snipe = {a["snipe_id"]: a["asset_tag"] for a in cat["assets"] if a["snipe_id"]}
    assert len(by_gtin) == sum(1 for s in cat["stock"] if s["barcode"]), "two stock items share a GTIN"
    assert len({c.name for c in cases}) == len(cases), "duplicate case names"
    seen = set()
    for case in cases:
        for k in case.codes:
            assert k.key is None or k.key in tags or k.key in skus, (case.name, k)
            if k.format in fp.RETAIL:
                digits = upce_to_upca(k.payload) if k.format == "UPCE" else k.payload
                assert digits[-1] == check_digit(digits[:-1]), (case.name, k)
                assert by_gtin.get(gtin14(k.format, k.payload)) == k.key, (case.name, k)
            m = re.match(rf"https://{re.escape(fp.SNIPE_HOST)}/hardware/(\d+)$", k.payload)
            if m:
                assert snipe.get(int(m.group(1))) == k.key, (case.name, k)
            elif k.key is None:
                assert not any(k.payload.endswith(t) for t in list(tags) + list(skus)), (case.name, k)
            if (k.format, k.payload) not in seen:  # the pristine symbol must say exactly the payload
                seen.add((k.format, k.payload))
                res = zxingcpp.read_barcodes(
                    flat_code(k), formats=zxingcpp.barcode_format_from_str(ZX[k.format])
                )
                retail = k.format in fp.RETAIL  # zxing-cpp 3 reports UPC-A/UPC-E as 13 digits: compare GTINs
                texts = [r.text.zfill(14) if retail else r.text for r in res]
                want = gtin14(k.format, k.payload) if retail else k.payload
                assert texts == [want], (case.name, k, [(r.format, r.text) for r in res])
    print(
        f"\ntruth ok: {len(seen)} distinct symbols decode to their payloads when pristine; keys and GTINs match the "
        f"catalog ({len(cat['assets'])} assets, {len(cat['stock'])} stock items)"
    )


def check_decoys(n=60):
    """The bar-like decoys must not be codes: their flat drawings decode to nothing."""
    for kind in ("fakebars", "stripes", "vents"):
        for seed in range(n):
            a = clutter_img(kind, random.Random(seed), 1600)
            grey = np.where(
                a[..., 3] > 0, cv2.cvtColor(np.ascontiguousarray(a[..., :3]), cv2.COLOR_RGB2GRAY), 255
            )
            found = zxingcpp.read_barcodes(np.pad(grey.astype(np.uint8), 40, constant_values=255))
            assert not found, (kind, seed, [(r.format, r.text) for r in found])
    print(f"decoys ok: {3 * n} flat fake barcodes, stripes and vents decode to nothing")


def pick_samples(cases, n):
    """A spread: every format, two codes, no code, curved, glare, 12 MP, the hard ones."""
    want = [lambda c, f=f: len(c.codes) == 1 and c.codes[0].format == f for f in fp.FORMATS] + [
        lambda c: len(c.codes) == 2,
        lambda c: not c.codes,
        lambda c: "curved=yes" in c.conditions,
        lambda c: "glare=near-heavy" in c.conditions,
        lambda c: "hard=rot30-persp" in c.conditions,
        lambda c: "glare=over-edge" in c.conditions and c.megapixels > 5,
        lambda c: "style=snipe" in c.conditions,
    ]
    out = []
    for i, p in enumerate(want * 3):
        hits = [c for c in cases if p(c) and c not in out]
        if hits and len(out) < n:
            out.append(hits[(i * 7) % len(hits)])
    return out


def save_samples(cases):
    OUT.mkdir(parents=True, exist_ok=True)
    for c in cases:
        data = fp.render(c)
        (OUT / f"{c.name}.jpg").write_bytes(data)
        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        s = 1200 / max(img.shape[:2])
        cv2.imwrite(
            str(OUT / f"{c.name}.png"), cv2.resize(img, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
        )
        print(
            f"  {c.name}.png  [{c.split}] {[(k.format, k.payload, k.key) for k in c.codes]}\n      {c.conditions}"
        )
    print(f"saved {len(cases)} samples to {OUT}")


def _timed(name):
    cv2.setNumThreads(1)  # one process per core
    case = next(c for c in fp.cases() if c.name == name)
    t = time.perf_counter()
    data = fp.render(case)
    return name, time.perf_counter() - t, len(data), hashlib.sha256(data).hexdigest()


def time_all(cases):
    t = time.perf_counter()
    spawn = multiprocessing.get_context("spawn")  # fork after OpenCV has started its threads can hang
    with ProcessPoolExecutor(2, mp_context=spawn) as ex:
        res = list(ex.map(_timed, [c.name for c in cases], chunksize=4))
    wall = time.perf_counter() - t
    per = collections.defaultdict(list)
    for (name, dt, size, _), c in zip(res, cases):
        per[c.megapixels].append(dt)
    print(
        f"\nrendered {len(res)} photos in {wall:.0f} s wall on 2 processes "
        f"({sum(dt for _, dt, _, _ in res):.0f} s of rendering); mean per photo: "
        + ", ".join(f"{mp} MP {np.mean(v):.2f} s" for mp, v in sorted(per.items()))
    )
    again = [_timed(c.name) for c in cases[::97]]
    same = all(a[3] == b[3] for a, b in zip(again, res[::97]))
    print(f"determinism: {len(again)} re-rendered, bytes identical: {same}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--time", action="store_true", help="render every case on 2 processes and report timings")
    ap.add_argument("--samples", type=int, default=12)
    a = ap.parse_args()
    cases = fp.cases()
    counts(cases)
    check_truth(cases)
    check_decoys()
    if a.samples:
        save_samples(pick_samples(cases, a.samples))
    if a.time:
        time_all(cases)


if __name__ == "__main__":
    main()
