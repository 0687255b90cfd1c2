"""Barcode labels: Code128 of the tag or SKU with the name beneath, bars
0.4 mm wide so a phone photo resolves them; or a QR code of the same with
the tag and name beside it (QR reads at any angle, and from further away).
PNG or SVG for one label, a PDF sheet (Avery L7160 / 5160-style grid, 3 x 7
on A4) for many."""

from __future__ import annotations

import io
from html import escape

import segno
from barcode import Code128
from barcode.writer import ImageWriter, SVGWriter
from PIL import Image, ImageDraw, ImageFont

MODULE_MM = 0.4  # the narrowest bar: below ~0.4 mm phone photos stop decoding reliably
DPI = 300
LABEL_MM = (63.5, 38.1)  # L7160: 3 columns x 7 rows on A4
SHEET_MM = (210.0, 297.0)
SHEET_MARGIN_MM = (7.25, 15.15)
PITCH_MM = (66.04, 38.1)
COLUMNS, ROWS = 3, 7
QR_QUIET_ZONE = 4  # modules of white around a QR symbol, as the standard asks


class LabelError(ValueError):
    pass


def mm(value: float) -> int:
    return round(value / 25.4 * DPI)


def _bars(code: str) -> Image.Image:
    options = {
        "module_width": MODULE_MM,
        "module_height": 14.0,
        "dpi": DPI,
        "write_text": False,
        "quiet_zone": 3.0,
    }
    return Code128(code, writer=ImageWriter()).render(options).convert("RGB")


def label_image(code: str, name: str) -> Image.Image:
    bars = _bars(code)
    width = max(mm(LABEL_MM[0]), bars.width + mm(2))
    label = Image.new("RGB", (width, mm(LABEL_MM[1])), "white")
    label.paste(bars, ((width - bars.width) // 2, mm(2)))
    draw = ImageDraw.Draw(label)
    code_font, name_font = ImageFont.load_default(size=mm(3.6)), ImageFont.load_default(size=mm(3.0))
    y = mm(2) + bars.height + mm(0.5)
    for text, font in ((code, code_font), (_fit(draw, name, name_font, width - mm(4)), name_font)):
        text_width = draw.textlength(text, font=font)
        draw.text(((width - text_width) / 2, y), text, fill="black", font=font)
        y += font.size + mm(1)
    return label


def qr_label_image(code: str, name: str) -> Image.Image:
    """The QR code square at the left, the tag and the name (wrapped) at the right."""
    label = Image.new("RGB", (mm(LABEL_MM[0]), mm(LABEL_MM[1])), "white")
    side = mm(LABEL_MM[1] - 4)
    label.paste(_qr(code, side), (mm(2), mm(2)))
    draw = ImageDraw.Draw(label)
    code_font, name_font = ImageFont.load_default(size=mm(4.2)), ImageFont.load_default(size=mm(3.0))
    left, width = mm(4) + side, label.width - side - mm(6)
    draw.text((left, mm(5)), _fit(draw, code, code_font, width), fill="black", font=code_font)
    y = mm(5) + code_font.size + mm(2)
    for line in _wrap(draw, name, name_font, width, lines=4):
        draw.text((left, y), line, fill="black", font=name_font)
        y += name_font.size + mm(0.8)
    return label


def _qr(code: str, side: int) -> Image.Image:
    """The QR symbol (error correction Q or better: labels get scuffed) scaled to fit `side`."""
    symbol = segno.make(code, error="q", micro=False)
    modules = symbol.symbol_size(scale=1, border=QR_QUIET_ZONE)[0]
    scale = max(1, side // modules)
    rows = [
        [0 if dark else 255 for dark in row] for row in symbol.matrix_iter(scale=scale, border=QR_QUIET_ZONE)
    ]
    image = Image.new("L", (len(rows[0]), len(rows)))
    image.putdata([value for row in rows for value in row])
    return image


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, lines: int) -> list[str]:
    out: list[str] = []
    for word in text.split():
        if out and draw.textlength(f"{out[-1]} {word}", font=font) <= width:
            out[-1] += f" {word}"
        else:
            out.append(word)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    return [_fit(draw, line, font, width) for line in out]


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    while text and draw.textlength(text, font=font) > width:
        text = text[:-2] + "…"
    return text


def png(code: str, name: str, qr: bool = False) -> bytes:
    out = io.BytesIO()
    (qr_label_image if qr else label_image)(code, name).save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()


def svg(code: str, name: str, qr: bool = False) -> bytes:
    if qr:
        return _qr_svg(code, name)
    options = {
        "module_width": MODULE_MM,
        "module_height": 14.0,
        "font_size": 9,
        "text_distance": 4,
        "quiet_zone": 3.0,
    }
    return Code128(code, writer=SVGWriter()).render(options, text=f"{code} · {name}")


def _qr_svg(code: str, name: str) -> bytes:
    """A QR label in millimetres: the symbol's own SVG, the tag and name beside it."""
    symbol = segno.make(code, error="q", micro=False)
    modules = symbol.symbol_size(scale=1, border=QR_QUIET_ZONE)[0]
    side = LABEL_MM[1] - 4
    path = symbol.svg_inline(scale=side / modules, border=QR_QUIET_ZONE)
    texts = "".join(
        f'<text x="{side + 4}" y="{y}" font-family="sans-serif" font-size="{size}">{escape(text)}</text>'
        for text, y, size in ((code, 9, 4.2), (name, 16, 3.0))
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{LABEL_MM[0]}mm" height="{LABEL_MM[1]}mm" '
        f'viewBox="0 0 {LABEL_MM[0]} {LABEL_MM[1]}"><g transform="translate(2 2)">{path}</g>{texts}</svg>'
    ).encode()


def pdf_sheet(labels: list[tuple[str, str]], qr: bool = False) -> bytes:
    """Labels laid out on A4 sheets, left to right, top to bottom."""
    if not labels:
        raise LabelError("no labels to print")
    pages, per_page = [], COLUMNS * ROWS
    for start in range(0, len(labels), per_page):
        page = Image.new("RGB", (mm(SHEET_MM[0]), mm(SHEET_MM[1])), "white")
        for n, (code, name) in enumerate(labels[start : start + per_page]):
            image = (qr_label_image if qr else label_image)(code, name)
            if image.width > mm(LABEL_MM[0]):
                raise LabelError(
                    f"{code} is too long for a {LABEL_MM[0]} mm label at {MODULE_MM} mm bars; print it alone as PNG"
                )
            column, row = n % COLUMNS, n // COLUMNS
            page.paste(
                image,
                (mm(SHEET_MARGIN_MM[0] + column * PITCH_MM[0]), mm(SHEET_MARGIN_MM[1] + row * PITCH_MM[1])),
            )
        pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return out.getvalue()
