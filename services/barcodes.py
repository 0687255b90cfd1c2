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

from domain import gtin
from services import code_text
from services.barcode_reading import RETAIL, Reading, Sight, read_photo
from storage.unit_of_work import UnitOfWork

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
    except Image.DecompressionBombError:
        raise NotAnImage("that image is too large to read (over about 180 megapixels)") from None
    except (UnidentifiedImageError, OSError):
        raise NotAnImage("that file isn't an image I can read (JPEG, PNG, HEIC, GIF or WebP)") from None
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        flat = Image.new("RGBA", image.size, "white")  # bars printed on nothing: put them on paper
        image = Image.alpha_composite(flat, image.convert("RGBA"))
    return image.convert("L")


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
    sure: bool = (
        True  # read from the photo's own pixels; a code read only through filters is shown, not acted on
    )


def look_up(uow: UnitOfWork, readings: list[Reading], names=lambda key: key) -> tuple[list[Found], int]:
    """What each code is, and how many unsure reads named nothing (not shown:
    they may be misreads). `names` shows a holder's key as people know them."""
    found, doubtful = [], 0
    for reading in readings:
        items = _items(uow, reading)
        if not items and not reading.sure:
            doubtful += 1
        elif len(items) > 1:  # two items share the code, or its text names two: neither is acted on
            keys = ", ".join(getattr(i, "tag", None) or i.sku for i in items[:4])
            text = f"{_shown(reading)} names more than one item ({keys}): say which one you mean"
            found.append(Found(reading.text, None, text, format=reading.format))
        else:
            found.append(_describe(reading, items[0], names) if items else _unknown(reading))
    return found, doubtful


def _items(uow: UnitOfWork, reading: Reading) -> list:
    text = reading.text.strip()
    if reading.format in RETAIL:  # the symbology says how to read the digits
        return uow.stock.with_gtin(gtin.key_as(text, reading.format))
    snipe_id = code_text.snipe_asset_id(text)
    if snipe_id is not None:
        asset = uow.assets.by_source_id(snipe_id)
        if asset is not None:
            return [asset]
    named: list = []
    for key in code_text.candidates(text):
        keys = gtin.keys(key)
        by_gtin = uow.stock.with_gtin(keys[0]) if len(keys) == 1 and len(key) >= 12 else []
        items = [i for i in (uow.assets.get(key), uow.stock.get(key)) if i is not None] + by_gtin
        if key == text and items:
            return items
        named += [i for i in items if i not in named]
    return named


def _shown(reading: Reading) -> str:
    if reading.format in MATRIX_FORMATS and not code_text.looks_like_a_key(reading.text):
        text = reading.text if len(reading.text) <= SHOWN_TEXT else reading.text[:SHOWN_TEXT] + "…"
        return f"A {reading.format} holding “{text}”"
    return f"{reading.text} ({reading.format})"


def _describe(reading: Reading, item, names) -> Found:
    if hasattr(item, "tag"):
        state = item.status.value.replace("_", " ") + (f", with {names(item.holder)}" if item.holder else "")
        text = f"{item.tag} {item.name} ({state}; {item.location or 'no location'})"
        return Found(reading.text, item.tag, text, item.status.value, reading.format, reading.sure)
    text = f"{item.sku} {item.name} ({item.describe(item.on_hand)} on hand)"
    return Found(reading.text, item.sku, text, "stock", reading.format, reading.sure)


def _unknown(reading: Reading) -> Found:
    said = "nothing in the catalog matches it" if reading.format in MATRIX_FORMATS else "not in the catalog"
    return Found(reading.text, None, f"{_shown(reading)}: {said}", format=reading.format)
