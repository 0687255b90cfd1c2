"""'Photographs' of our own labels: rotation, perspective, blur, JPEG, noise,
clutter and small sizes, made reproducibly from a seed; and scenes of codes
of any format side by side."""

from __future__ import annotations

import io
import random

import numpy
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter

from services import labels


def photograph(code: str, name: str, seed: int, scale: float = 1.0) -> bytes:
    rng = random.Random(seed)
    label = labels.label_image(code, name).convert("L")
    # clutter: the label lies on a desk among other shapes
    desk = Image.new("L", (int(label.width * 1.8), int(label.height * 2.0)), rng.randint(90, 200))
    draw = ImageDraw.Draw(desk)
    for _ in range(12):
        x, y = rng.randrange(desk.width), rng.randrange(desk.height)
        draw.rectangle([x, y, x + rng.randint(10, 120), y + rng.randint(10, 80)], fill=rng.randint(0, 255))
    desk.paste(label, ((desk.width - label.width) // 2, (desk.height - label.height) // 2))
    photo = desk.rotate(
        rng.uniform(-25, 25), expand=True, fillcolor=rng.randint(60, 200), resample=Image.Resampling.BICUBIC
    )
    w, h = photo.size
    skew = [rng.uniform(-0.08, 0.08) * w for _ in range(4)]  # a slight perspective
    photo = photo.transform(
        (w, h),
        Image.Transform.QUAD,
        (skew[0], 0, skew[1], h, w - skew[2], h, w + skew[3], 0),
        resample=Image.Resampling.BICUBIC,
        fillcolor=128,
    )
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0, 1.4)))
    photo = photo.resize(
        (max(1, int(w * scale * rng.uniform(0.6, 1.0))), max(1, int(h * scale * rng.uniform(0.6, 1.0))))
    )
    # Pillow's effect_noise draws from C's global rand(): the same seed would give other photos in
    # another test order. numpy's generator, seeded here, keeps every photo the same.
    sigma = rng.uniform(5, 25)
    grain = numpy.random.default_rng(seed).normal(128, sigma, (photo.height, photo.width))
    noise = Image.fromarray(grain.clip(0, 255).astype(numpy.uint8))
    photo = Image.blend(photo, noise, 0.15)
    out = io.BytesIO()
    photo.convert("RGB").save(out, format="JPEG", quality=rng.randint(35, 85))
    return out.getvalue()


FORMATS = {
    "Code128": zxingcpp.BarcodeFormat.Code128,
    "EAN13": zxingcpp.BarcodeFormat.EAN13,
    "EAN8": zxingcpp.BarcodeFormat.EAN8,
    "UPCA": zxingcpp.BarcodeFormat.UPCA,
    "UPCE": zxingcpp.BarcodeFormat.UPCE,
    "QR": zxingcpp.BarcodeFormat.QRCode,
    "DataMatrix": zxingcpp.BarcodeFormat.DataMatrix,
}


def symbol(text: str, kind: str, module_px: int = 4) -> Image.Image:
    """A flat code of any format, `module_px` pixels per module, with its quiet zone."""
    code = zxingcpp.create_barcode(text, FORMATS[kind])
    return Image.fromarray(numpy.asarray(zxingcpp.write_barcode_to_image(code, scale=module_px))).convert("L")


def scene(
    codes: list[tuple[str, str]], size=(1600, 1200), angle: float = 0, seed: int = 0, quality: int = 80
) -> bytes:
    """A JPEG of codes laid side by side on a grey desk with stripes (bar-like
    decoys), the whole shot turned by `angle` degrees."""
    rng = random.Random(seed)
    desk = Image.new("L", size, 150)
    draw = ImageDraw.Draw(desk)
    for x in range(0, size[0] // 5, 9):  # a vent's slats at the left: bars that are not a code
        draw.rectangle([x, 0, x + 4, size[1]], fill=40)
    slot = (size[0] - size[0] // 5) // max(1, len(codes))
    for index, (text, kind) in enumerate(codes):
        image = symbol(text, kind, module_px=max(2, size[0] // 600))
        card = Image.new("L", (image.width + 40, image.height + 40), 255)
        card.paste(image, (20, 20))
        x = size[0] // 5 + index * slot + (slot - card.width) // 2
        desk.paste(card, (max(0, x), (size[1] - card.height) // 2 + rng.randint(-20, 20)))
    desk = desk.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=150)
    out = io.BytesIO()
    desk.save(out, format="JPEG", quality=quality)
    return out.getvalue()
