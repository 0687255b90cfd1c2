"""What the codes in a photo are. Reading is barcode_reading's job; this
opens the photo (HEIC too) and looks each code up in the catalog: tags and
SKUs as written, manufacturer codes as GTIN-14 whatever form was printed or
reported, and QR/Data Matrix text by what it contains. A code read only
through a filter counts only when the catalog knows it."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from services import code_text
from services.barcode_reading import Reading, Sight, read_photo
from storage.unit_of_work import UnitOfWork

PRODUCT_FORMATS = {"EAN-13", "EAN-8", "UPC-A", "UPC-E"}
MATRIX_FORMATS = {"QR code", "Data Matrix"}
SHOWN_TEXT = 120  # of a QR code's text in a reply


class NotAnImage(ValueError):
    pass


register_heif_opener()  # iPhones send HEIC photos; pillow-heif teaches Pillow to read them


def open_image(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        if image.format == "JPEG":
            image.draft("L", image.size)  # decode straight to gray: a 12 MP photo loads in half the time
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise NotAnImage(f"that file isn't an image I can read ({error})") from None
    return ImageOps.exif_transpose(image).convert("L")


def read(image: Image.Image) -> Sight:
    return read_photo(np.asarray(image.convert("L")))


def decode(image: Image.Image) -> list[str]:
    """The texts of the codes surely read (tools and tests)."""
    return [r.text for r in read(image).readings if r.sure]


@dataclass(frozen=True)
class Found:
    code: str
    key: str | None  # the tag or SKU it names, None when the catalog doesn't know it
    description: str
    state: str | None = None  # "stock", or an asset's status ("available", "checked_out", ...)
    format: str = ""


def look_up(uow: UnitOfWork, readings: list[Reading], names=lambda key: key) -> tuple[list[Found], int]:
    """What each code is, and how many unsure reads named nothing (not shown:
    they may be misreads). `names` shows a holder's key as people know them."""
    found, doubtful = [], 0
    for reading in readings:
        item = _item(uow, reading)
        if item is None and not reading.sure:
            doubtful += 1
            continue
        found.append(_describe(reading, item, names) if item else _unknown(reading))
    return found, doubtful


def _item(uow: UnitOfWork, reading: Reading):
    text = reading.text.strip()
    if reading.format in PRODUCT_FORMATS:
        return uow.stock.by_barcode(text)
    keys = code_text.candidates(text) if reading.format in MATRIX_FORMATS else [text]
    snipe_id = code_text.snipe_asset_id(text)
    if snipe_id is not None:
        asset = uow.assets.by_source_id(snipe_id)
        if asset is not None:
            return asset
    named = []
    for key in keys:
        item = uow.assets.get(key) or uow.stock.get(key) or uow.stock.by_barcode(key)
        if item is not None and item not in named:
            if key == text:
                return item
            named.append(item)
    return named[0] if len(named) == 1 else None  # words naming two items name neither


def _describe(reading: Reading, item, names) -> Found:
    if hasattr(item, "tag"):
        state = item.status.value.replace("_", " ") + (f", with {names(item.holder)}" if item.holder else "")
        text = f"{item.tag} {item.name} ({state}; {item.location or 'no location'})"
        return Found(reading.text, item.tag, text, item.status.value, reading.format)
    text = f"{item.sku} {item.name} ({item.describe(item.on_hand)} on hand)"
    return Found(reading.text, item.sku, text, "stock", reading.format)


def _unknown(reading: Reading) -> Found:
    if reading.format in MATRIX_FORMATS and not code_text.looks_like_a_key(reading.text):
        shown = reading.text if len(reading.text) <= SHOWN_TEXT else reading.text[:SHOWN_TEXT] + "…"
        text = f"A {reading.format} holding “{shown}”: nothing in the catalog matches it"
        return Found(reading.text, None, text, format=reading.format)
    return Found(
        reading.text, None, f"{reading.text} ({reading.format}): not in the catalog", format=reading.format
    )
