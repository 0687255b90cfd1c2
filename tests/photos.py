"""'Photographs' of our own labels: rotation, perspective, blur, JPEG, noise,
clutter and small sizes, made reproducibly from a seed."""

from __future__ import annotations

import io
import random

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
    noise = Image.effect_noise(photo.size, rng.uniform(5, 25))
    photo = Image.blend(photo, noise, 0.15)
    out = io.BytesIO()
    photo.convert("RGB").save(out, format="JPEG", quality=rng.randint(35, 85))
    return out.getvalue()
