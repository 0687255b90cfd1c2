"""Codes in photos as people post them (issue 16): the independently written
suite in bench/field_photos.py (clutter and decoys, rotation to 30 degrees,
perspective, glare, blur, JPEG 55-90, 1600 px and 12 MP frames, two codes in
a photo, seven formats), read by the bot's photo step and looked up in a
catalog, with raw zxing-cpp and pyzbar side by side on the same images.
Figures are given for the tune split and for the test split, which is never
tuned on. Usage: python -m bench.field_barcodes [--show-misses] [--limit N]"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import io
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image

from bench import field_photos, photo_paint, photo_symbols, photo_world
from bench.report import write_section
from domain import gtin
from domain.people import Person, Role
from services import barcodes
from services.context import Context
from services.csv_import import import_csv
from storage.database import make_engine
from storage.migrate import upgrade
from storage.unit_of_work import unit_of_work_factory

CACHE = Path(__file__).parent / "out" / "field_photos"
PRODUCT = {"EAN13", "EAN8", "UPCA", "UPCE"}
TARGETS = {"found": 0.95, "wrong_items": 0, "ms_12mp_p95": 300.0, "ms_no_code_p95": 300.0}


HISTORY = """How these figures came about (2026-12-07). As the suite arrived, before any change made for it,
the photo step found 94.7% (tune) and 95.1% (test) of the codes with no wrong item, but took 494 ms at
p95 for a 12 MP photo and 327 ms for a photo with no code: it also read every big photo whole at full
size. Changes since, judged on the tune split only: that pass is gone (a big photo is read at full size
for QR codes only); each 1D code OpenCV locates (at 1600 px and at half that), and each code zxing-cpp saw
but could not read, is cut from the full-size photo (tight, then wider margins) and read again; 2D codes
are also read at half size; the photo is read turned 25 degrees each way (see below for what makes
such a read count). One defect of the suite was fixed, not tuned around: a rectangular Data
Matrix (8 x 32) was laid out as if square, so its text was printed over the symbol.

Two cold hunts (helpers reading the code and making their own photos) found wrong items this suite does
not hold, each now fixed and tested: an EAN-8 taken for the UPC-E with the same digits; half an EAN-13
behind a glare line read as a catalog UPC-E (a UPC-E or EAN-8 must now show its quiet zone); a full-size
crop of a damaged EAN-13 read as another valid UPC-A (where the photo and the crop disagree, neither
counts); a slanted scan line through a clean EAN-13 in the turned photo read as another valid UPC-E (so
EAN/UPC were no longer read turned); a tight crop misreading a clean EAN-8. Those fixes cost found codes:
the test split went from 95.4% to 94.8%, below the 95% target; safety came first. On the first hunter's stress test (EAN-13s crossed by a black or
white band 2-14 px wide) reads taken as certain but wrong fell from 2.6% to 1.9% of photos: EAN/UPC check
digits let about one damaged read in ten through, so it is the catalog check that keeps such a read from
naming an item (it is shown as an unknown code), and words never act on a read made only through filters.

A later session (same day) read the turned photo for every 1D format again, each read checked by a
full-size crop of its spot: test split 95.7%. A third cold hunt (766 photos of its own) then showed the
crop was no independent check: labels stacked one above the other and leaning 10-15 degrees were read,
in the turned photo and in its crop alike, as a valid mix of the two labels (5 sure wrong reads on its
photos before that session, 21 after). Now each such crop is first turned until the bars stand upright
(the image's structure tensor), and a turned read counts only when that upright crop reads it and nothing
else; every 1D code the photo itself read is read again in its own upright crop, and a crop that reads
another code there disputes it; a UPC-E or EAN-8 is checked over twice its width (half an EAN-13 can be a
valid UPC-E). On the hunter's photos: sure wrong reads 0 (from 5 before the session), codes found 673 of
1,387 (from 624). Still read as a mix: labels whose bars touch (no gap) and are under about 16 modules
tall, leaning 8-20 degrees (a 4-module gap is enough to stop it); such reads are shown as unknown codes
unless the catalog holds the mixed code, and only then could they name a wrong item. A fourth hunt (900
photos) found no wrong read from those checks; it found 9 sure reads of one symbol as another valid code.
Two kinds are fixed (a crop where a code was read adds no other code; filter rungs that disagree on a
damaged code give an unsure read). Left: a damaged or very small EAN/UPC misread in its full-size crop as
another valid code, in about 0.5% of that hunter's photos (EAN/UPC check digits let one misread in ten
through); such a read names an item only if the catalog holds the misread code.

What limits the figures: the misses are mostly 1D labels at 20-30 degrees among decoys that OpenCV
does not locate, EAN-8s whose quiet zone the check cannot see clearly, glare across the bars, and curved
bottles with motion blur. Not measured: real phone
photos (the suite is synthetic: procedural textures, one typeface), ITF-14 cartons, codes on screens.
The photo step now does more per photo than the issue 6 suite's median-time target (30 ms at 1600 px)
was set for; the targets it is held to are the p95 ones above.""".splitlines()


def photo_bytes(case: field_photos.Case) -> bytes:
    """Rendered once and kept until the generator changes."""
    generator = "".join(inspect.getsource(m) for m in (field_photos, photo_world, photo_symbols, photo_paint))
    version = hashlib.sha256(generator.encode()).hexdigest()[:10]
    path = CACHE / version / f"{case.name}.jpg"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        part.write_bytes(field_photos.render(case))
        part.replace(path)  # whole or not at all: an interrupted run leaves no torn photo behind
    return path.read_bytes()


def load_catalog(url: str):
    engine = make_engine(url)
    upgrade(engine)
    uow = unit_of_work_factory(engine)
    ctx = Context(Person("bench", Role.MANAGER), datetime.now(timezone.utc), timezone.utc, "bench")
    catalog = field_photos.catalog()
    assets = "asset_tag,name,source_id\n" + "".join(
        f"{_cell(a['asset_tag'])},{_cell(a['name'])},{a.get('snipe_id') or ''}\n" for a in catalog["assets"]
    )
    stock = "sku,name,unit,barcode\n" + "".join(
        f"{_cell(s['sku'])},{_cell(s['name'])},each,{s.get('barcode') or ''}\n" for s in catalog["stock"]
    )
    for kind, text in (("assets", assets), ("stock", stock)):
        result = import_csv(kind, text.encode(), uow, ctx)
        assert not result.errors, [str(e) for e in result.errors[:5]]
    return uow


def _cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def same_code(code: field_photos.Code, text: str) -> bool:
    if code.format in PRODUCT:
        return bool(set(gtin.keys(text)) & set(gtin.keys(code.payload)))
    return text == code.payload


def ours(uow, data: bytes) -> tuple[list[barcodes.Found], float]:
    start = time.perf_counter()
    sight = barcodes.read(barcodes.open_image(data))
    with uow(read_only=True) as unit:
        found, _ = barcodes.look_up(unit, sight.readings)
    return found, (time.perf_counter() - start) * 1000


def raw_zxing(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image)]  # one pass, every format, as it comes


def pyzbar_read(image: Image.Image) -> list[str]:
    from pyzbar import pyzbar

    return [r.data.decode("utf-8", "replace") for r in pyzbar.decode(image)]


def score(cases, uow, show_misses: bool) -> dict:
    tally: dict = defaultdict(Counter)
    times: dict = defaultdict(list)
    try:
        import pyzbar.pyzbar  # noqa: F401

        zbar = True
    except ImportError:
        zbar = False
    for case in cases:
        data = photo_bytes(case)
        found, ms = ours(uow, data)
        gray = Image.open(io.BytesIO(data)).convert("L")
        raws = {"zxing": raw_zxing(gray)}
        if zbar:
            raws["pyzbar"] = pyzbar_read(gray)
        split = case.split
        size = "12mp" if case.megapixels > 6 else "1600"
        times[(split, size)].append(ms)
        if not case.codes:
            times[(split, "no_code")].append(ms)
            tally[split]["no_code_photos"] += 1
            tally[split]["no_code_quiet"] += not found
        for code in case.codes:
            hit = _found(code, found)
            for key in (split, f"{split}:{code.format}"):
                tally[key]["codes"] += 1
                tally[key]["ours"] += hit
                for reader, texts in raws.items():
                    tally[key][reader] += any(same_code(code, t) for t in texts)
            if not hit and show_misses and split == "tune":
                print(f"missed {code.format} {code.payload!r} in {case.name}: {case.conditions}")
        truth_keys = {c.key for c in case.codes if c.key}
        for f in found:
            if f.key and f.key not in truth_keys:
                tally[split]["wrong_items"] += 1
                print(f"WRONG ITEM {f.key} from {f.code!r} in {case.name} ({case.split})")
            elif not f.key and not any(same_code(c, f.code) for c in case.codes):
                tally[split]["misread_unknown"] += 1
    return {"tally": tally, "times": times, "zbar": zbar}


def _found(code: field_photos.Code, found: list[barcodes.Found]) -> bool:
    if code.key:
        return any(f.key == code.key for f in found)
    return any(not f.key and same_code(code, f.code) for f in found)


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95)) if values else float("nan")


def report(result: dict, n_cases: int, render_s: float) -> list[str]:
    tally, times = result["tally"], result["times"]
    lines = [
        "## Codes in field photos (issue 16)",
        "",
        f"{n_cases} photos from `bench/field_photos.py`, written by a helper who saw only the contract and the",
        "issue, never the decoder; split by a hash of each photo's name into tune and test. Ours is the bot's whole",
        "photo step (open, read, look up in a catalog imported through the CSV importer): a code counts as found",
        "when the reply names the right item (or, for a code the catalog lacks, shows that code as unknown).",
        "",
        "| measure | tune | test | target | met (test) |",
        "| --- | ---: | ---: | ---: | --- |",
    ]

    def rate(split, reader="ours"):
        t = tally[split]
        return t[reader] / t["codes"] if t["codes"] else float("nan")

    found_ok = rate("test") >= TARGETS["found"]
    wrong_ok = tally["test"]["wrong_items"] == 0
    t12, tnone = p95(times[("test", "12mp")]), p95(times[("test", "no_code")])
    rows = [
        ("codes found", f"{rate('tune'):.1%}", f"{rate('test'):.1%}", ">= 95%", found_ok),
        (
            "wrong items",
            str(tally["tune"]["wrong_items"]),
            str(tally["test"]["wrong_items"]),
            "0",
            wrong_ok,
        ),
        (
            "p95 time, 12 MP photo",
            f"{p95(times[('tune', '12mp')]):.0f} ms",
            f"{t12:.0f} ms",
            "<= 300 ms",
            t12 <= TARGETS["ms_12mp_p95"],
        ),
        (
            "p95 time, photo with no code",
            f"{p95(times[('tune', 'no_code')]):.0f} ms",
            f"{tnone:.0f} ms",
            "<= 300 ms",
            tnone <= TARGETS["ms_no_code_p95"],
        ),
    ]
    lines += [f"| {a} | {b} | {c} | {d} | {'yes' if ok else '**no**'} |" for a, b, c, d, ok in rows]
    lines += [
        f"| median time, 1600-px photo | {_median(times[('tune', '1600')])} | {_median(times[('test', '1600')])} | | |",
        "",
        "Codes read, the same images (test split; a reader 'reads' a code when its text is the code, GTINs",
        "compared as GTIN-14; raw readers are given the whole photo once, every format on):",
        "",
        "| format | codes | ours (item found) | raw zxing-cpp | pyzbar |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    formats = sorted({k.split(":")[1] for k in tally if k.startswith("test:")})
    for key in [f"test:{f}" for f in formats] + ["test"]:
        t = tally[key]
        zbar = f"{t['pyzbar'] / t['codes']:.1%}" if result["zbar"] else "not installed"
        name = key.split(":")[1] if ":" in key else "**all**"
        lines.append(
            f"| {name} | {t['codes']} | {t['ours'] / t['codes']:.1%} | {t['zxing'] / t['codes']:.1%} | {zbar} |"
        )
    quiet = tally["test"]["no_code_quiet"], tally["test"]["no_code_photos"]
    lines += [
        "",
        f"Photos with no code (test): {quiet[0]} of {quiet[1]} answered with no item. Unknown codes shown that were",
        f"not in the photo (misreads shown as unknown, never as an item): tune {tally['tune']['misread_unknown']},"
        f" test {tally['test']['misread_unknown']}. Rendering the suite took {render_s:.0f} s (cached afterwards).",
        "",
        *HISTORY,
    ]
    return lines


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ms" if values else "-"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true", help="list the tune split's misses")
    parser.add_argument("--limit", type=int, default=0, help="only the first N photos (a quick look)")
    parser.add_argument("--no-write", action="store_true", help="don't update bench/RESULTS.md")
    args = parser.parse_args()
    cases = field_photos.cases()
    if args.limit:
        cases = cases[: args.limit]
    start = time.perf_counter()
    for case in cases:
        photo_bytes(case)
    render_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        uow = load_catalog(f"sqlite:///{folder}/bench.db")
        ours(uow, photo_bytes(cases[0]))  # warm up: the detector's model, the catalog's first query
        result = score(cases, uow, args.show_misses)
    lines = report(result, len(cases), render_s)
    print("\n".join(lines))
    if not args.no_write and not args.limit:
        write_section("field_barcodes", "\n".join(lines))


if __name__ == "__main__":
    main()
