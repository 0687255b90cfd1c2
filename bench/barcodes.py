"""Reading barcodes from 400 synthetic phone photos of our own labels
(rotation, perspective, blur, JPEG, noise, clutter, small sizes): decode rate
and time, with raw zxing-cpp (one pass) and pyzbar side by side on the same
images. Usage: python -m bench.barcodes"""

from __future__ import annotations

import io
import random
import statistics
import time

import zxingcpp
from PIL import Image

from bench.report import write_section
from services import barcode_reading, barcodes
from tests.photos import photograph

N_IMAGES = 400
TARGETS = {"rate": 0.95, "ms_1600": 30.0, "ms_12mp": 150.0}


def suite() -> list[tuple[str, Image.Image]]:
    rng = random.Random(21)
    images = []
    for seed in range(N_IMAGES):
        code = rng.choice(
            [f"A-{rng.randint(1000, 9999)}", f"SKU-{rng.randint(10, 999)}", f"B{rng.randint(100, 99999)}"]
        )
        scale = rng.choice([0.35, 0.5, 0.7, 1.0, 1.0, 1.5])
        data = photograph(code, f"Item {seed}", seed, scale=scale)
        images.append((code, Image.open(io.BytesIO(data)).convert("L")))
    return images


def ours_read(image: Image.Image) -> list[str]:
    """Every code the photo step reads, sure or not: these labels are all in a
    catalog, which is what an unsure read (one made through filters) needs."""
    return [r.text for r in barcodes.read(image).readings]


def rate(images, read) -> float:
    return sum(1 for code, image in images if code in read(image)) / len(images)


def raw_zxing(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image, formats=barcode_reading.LINEAR)]


def pyzbar_read(image: Image.Image) -> list[str]:
    from pyzbar import pyzbar

    return [r.data.decode("latin-1") for r in pyzbar.decode(image)]


def median_ms(read, image: Image.Image, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read(image)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def sized(code: str, long_side: int) -> Image.Image:
    image = Image.open(io.BytesIO(photograph(code, "Timing", 99))).convert("L")
    factor = long_side / max(image.size)
    return image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS)


def main() -> None:
    images = suite()
    ours = rate(images, ours_read)
    raw = rate(images, raw_zxing)
    try:
        zbar = f"{rate(images, pyzbar_read):.1%}"
    except ImportError:
        zbar = "not installed (needs Debian's libzbar0 and pyzbar)"
    photo_1600, photo_12mp = sized("A-1042", 1600), sized("A-1042", 4000).resize((4000, 3000))
    ms_1600, ms_12mp = median_ms(ours_read, photo_1600), median_ms(ours_read, photo_12mp, runs=7)
    ms_nothing = median_ms(ours_read, Image.effect_noise((1600, 1200), 60), runs=3)  # every rung tried
    rows = [
        ("decode rate, ours (with the fallback ladder)", f"{ours:.1%}", ">= 95%", ours >= TARGETS["rate"]),
        ("median time, 1600-px photo", f"{ms_1600:.1f} ms", "<= 30 ms", ms_1600 <= TARGETS["ms_1600"]),
        ("median time, 12-megapixel photo", f"{ms_12mp:.1f} ms", "<= 150 ms", ms_12mp <= TARGETS["ms_12mp"]),
    ]
    lines = [
        "## Barcodes from photos (issue 6)",
        "",
        f"{N_IMAGES} synthetic photos of labels from our own printer (`tests/photos.py`: clutter, rotation up to 25°,",
        "perspective, blur, noise, JPEG quality 35-85, sizes from a third to 1.5x a label at 300 dpi).",
        "",
        "| measure | result | target | met |",
        "| --- | ---: | ---: | --- |",
        *[
            f"| {name} | {value} | {target} | {'yes' if ok else '**no**'} |"
            for name, value, target, ok in rows
        ],
        "",
        "| same images | decode rate |",
        "| --- | ---: |",
        f"| ours | {ours:.1%} |",
        f"| raw zxing-cpp, one pass | {raw:.1%} |",
        f"| pyzbar | {zbar} |",
    ]
    lines += [
        "",
        "Ours is the photo step of issue 16 (`services/barcode_reading.py`): the photo at 1600 px, each 1D code",
        "OpenCV locates cut at full size and levelled, 2D codes at half size, the photo turned 25 degrees each",
        "way, and a filter ladder (within 0.2 s) only when nothing else read. A read made only through filters or",
        "turning counts in the bot only if the catalog knows it, which every label here would. The 30 ms median",
        "at 1600 px was met by the issue 6 reader (one zxing-cpp pass, then the ladder only when that failed);",
        "the issue 16 reader does more for every photo to find every code among clutter, and is held to the",
        "p95 targets of its own suite (see the next section). The misses left are the smallest, most blurred",
        f"photos. A 1600-px photo with no code at all is answered in {ms_nothing:.0f} ms.",
    ]
    write_section("barcodes", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
