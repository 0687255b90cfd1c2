"""Reading barcodes from photos people post: zxing-cpp, restricted to the
formats in use, on an image scaled to about 1600 px, with a fallback ladder
when nothing is found. A decoded code is only a candidate until the catalog
knows it (EAN-13 misreads can still pass their checksum)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import zxingcpp
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from storage.unit_of_work import UnitOfWork

MAX_SIDE = 1600
FORMATS = [
    zxingcpp.BarcodeFormat.Code128,
    zxingcpp.BarcodeFormat.EAN13,
    zxingcpp.BarcodeFormat.EAN8,
    zxingcpp.BarcodeFormat.UPCA,
    zxingcpp.BarcodeFormat.UPCE,
]
TIPS = (
    "No barcode found. Try closer (the label filling a third of the picture), flatter, and with more light."
)


class NotAnImage(ValueError):
    pass


register_heif_opener()  # iPhones send HEIC photos; pillow-heif teaches Pillow to read them


def open_image(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise NotAnImage(f"that file isn't an image I can read ({error})") from None
    return ImageOps.exif_transpose(image).convert("L")


def decode(image: Image.Image) -> list[str]:
    """Every code found, in reading order, trying harder only when needed."""
    if max(image.size) > MAX_SIDE:
        image = image.copy()
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    for attempt, binarizer in _ladder(image):
        found = zxingcpp.read_barcodes(attempt, formats=FORMATS, binarizer=binarizer)
        if found:
            return list(dict.fromkeys(result.text for result in found))
    return []


def _ladder(image: Image.Image) -> Iterator[tuple[Image.Image, zxingcpp.Binarizer]]:
    local = zxingcpp.Binarizer.LocalAverage
    yield image, local
    yield image, zxingcpp.Binarizer.GlobalHistogram
    yield image.filter(ImageFilter.MedianFilter(3)), local
    bigger = (
        image.resize((image.width * 2, image.height * 2), Image.Resampling.LANCZOS)
        if max(image.size) < MAX_SIDE
        else None
    )
    if bigger is not None:
        yield bigger, local
        yield bigger.filter(ImageFilter.UnsharpMask(radius=2, percent=150, threshold=2)), local
        yield ImageOps.autocontrast(bigger, cutoff=2), local
    sharp = image.filter(ImageFilter.UnsharpMask(radius=2, percent=200, threshold=2))
    yield sharp.point(lambda v: 255 if v > 128 else 0), zxingcpp.Binarizer.FixedThreshold
    # A label held askew: straighten it. Smooth (bicubic) rotation of an
    # upscaled copy keeps thin bars whole; nearest-pixel rotation breaks them.
    base = image if bigger is None else bigger
    for angle in (-10, 10, -20, 20, -30, 30, 45):
        yield base.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255), local


@dataclass(frozen=True)
class Found:
    code: str
    key: str | None  # the tag or SKU it names, None when the catalog doesn't know it
    description: str
    state: str | None = None  # "stock", or an asset's status ("available", "checked_out", ...)


def look_up(uow: UnitOfWork, codes: list[str], names=lambda key: key) -> list[Found]:
    """What each code is; `names` shows a holder's key as people know them."""
    found = []
    for code in codes:
        asset = uow.assets.get(code)
        if asset is not None:
            state = asset.status.value.replace("_", " ") + (
                f", with {names(asset.holder)}" if asset.holder else ""
            )
            found.append(
                Found(
                    code,
                    asset.tag,
                    f"{asset.tag} {asset.name} ({state}; {asset.location or 'no location'})",
                    asset.status.value,
                )
            )
            continue
        item = uow.stock.get(code) or uow.stock.by_barcode(code)
        if item is not None:
            found.append(
                Found(
                    code, item.sku, f"{item.sku} {item.name} ({item.describe(item.on_hand)} on hand)", "stock"
                )
            )
        else:
            found.append(Found(code, None, f"{code}: not in the catalog"))
    return found
