"""Reading our labels back from synthetic phone photos."""

import io

import numpy
import pytest
from PIL import Image

from services import barcode_reading, barcodes
from tests.photos import photograph

CODES = [("A-1042", "Dell Latitude 5440 laptop"), ("PAP-A4", "Copy paper A4"), ("B-2001", "Pressure washer")]


@pytest.mark.parametrize("seed", range(12))
def test_photographed_labels_decode_to_their_code(seed):
    code, name = CODES[seed % len(CODES)]
    assert barcodes.decode(barcodes.open_image(photograph(code, name, seed))) == [code]


def test_a_large_photo_is_scaled_down_first_and_still_reads():
    big = Image.open(io.BytesIO(photograph("A-1042", "Dell", 3, scale=4.0)))
    assert max(big.size) > barcode_reading.OVERVIEW
    assert barcodes.decode(big.convert("L")) == ["A-1042"]


def test_an_iphone_heic_photo_reads_like_a_jpeg():
    photo = Image.open(io.BytesIO(photograph("A-1042", "Dell Latitude 5440 laptop", 4)))
    heic = io.BytesIO()
    photo.save(heic, format="HEIF", quality=80)  # written by pillow-heif, as a phone would
    assert heic.getvalue()[4:12] == b"ftypheic"
    assert barcodes.decode(barcodes.open_image(heic.getvalue())) == ["A-1042"]


def test_a_photo_without_a_barcode_finds_nothing():
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (120, 140, 160)).save(out, format="JPEG")
    assert barcodes.decode(barcodes.open_image(out.getvalue())) == []


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(barcodes.NotAnImage):
        barcodes.open_image(b"%PDF-1.4 not a photo")


def test_a_code_the_ladder_reads_once_is_unsure_and_twice_is_sure():
    import time

    from tests.photos import symbol

    code = numpy.asarray(symbol("A-1042", "Code128"))
    blank = numpy.full_like(code, 255)
    later = time.perf_counter() + 5
    once = barcode_reading._confirmed(iter([(code, barcode_reading.LINEAR, {}), (blank, [], {})]), later)
    twice = barcode_reading._confirmed(iter([(code, barcode_reading.LINEAR, {})] * 2), later)
    assert [(r.text, r.sure) for r in once] == [("A-1042", False)]
    assert [(r.text, r.sure) for r in twice] == [("A-1042", True)]


def test_the_ladder_stops_at_its_deadline():
    import time

    from tests.photos import symbol

    code = numpy.asarray(symbol("A-1042", "Code128"))
    assert (
        barcode_reading._confirmed(iter([(code, barcode_reading.LINEAR, {})] * 2), time.perf_counter() - 1)[
            0
        ].sure
        is False
    )


def test_a_small_qr_code_in_a_12_megapixel_photo_is_read_at_full_size():
    from tests.photos import symbol

    photo = Image.new("L", (4032, 3024), 170)
    photo.paste(symbol("A-16432", "QR", module_px=3), (2500, 1800))  # 1.2 px a module at 1600 px
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=85)
    assert barcodes.decode(barcodes.open_image(out.getvalue())) == ["A-16432"]


def _askew_page(text: str, kind: str, angle: float) -> numpy.ndarray:
    from tests.photos import symbol

    page = Image.new("L", (1600, 1200), 255)
    page.paste(symbol(text, kind, module_px=3), (600, 450))
    return numpy.asarray(page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255))


@pytest.mark.parametrize("text,kind", [("95573960", "EAN8"), ("SKU-BAT-CR2032", "Code128")])
def test_a_label_read_in_the_turned_photo_counts_as_its_level_crop_reads_it(text, kind):
    photo = _askew_page(text, kind, 25)
    found = [
        reading
        for angle in barcode_reading.ASKEW
        for reading, _ in barcode_reading._turned_reads(
            photo, photo, 1.0, angle, [], barcode_reading._Refused()
        )
    ]
    assert [(r.text, r.sure) for r in found] == [(text, True)]


def test_a_turned_read_where_the_photo_read_a_code_already_adds_nothing():
    from services.code_regions import Region

    photo = _askew_page("95573960", "EAN8", 25)
    h, w = photo.shape
    everywhere = Region(numpy.array([[0, 0], [w, 0], [w, h], [0, h]], numpy.float32))
    known = [(barcode_reading.Reading("5901234123457", "EAN-13", sure=True), everywhere)]
    for angle in barcode_reading.ASKEW:
        assert (
            barcode_reading._turned_reads(photo, photo, 1.0, angle, known, barcode_reading._Refused()) == []
        )


def _stacked(top: str, bottom: str, module: int, rows: int, angle: float, gap: int = 0) -> numpy.ndarray:
    """Two EAN-8 labels one above the other, bars `rows` modules tall, the photo turned."""
    from tests.photos import symbol

    page = Image.new("L", (1600, 1200), 255)
    height = rows * module
    for n, text in enumerate((top, bottom)):
        code = symbol(text, "EAN8", module)
        middle = code.height // 2
        page.paste(
            code.crop((0, middle - height // 2, code.width, middle + height - height // 2)),
            (500, 500 + n * (height + gap)),
        )
    return numpy.asarray(page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255))


# 24908290 is the left half of the bottom label and the right half of the top one: a valid EAN-8
# that a scan line leaning across both labels reads.
@pytest.mark.parametrize("module,rows,angle", [(2, 6, 17), (3, 8, 14), (3, 8, 17), (4, 6, 17)])
def test_labels_stacked_and_leaning_are_not_read_as_a_mix_of_the_two(module, rows, angle):
    sight = barcode_reading.read_photo(_stacked("43198290", "24906579", module, rows, angle), 5.0)
    assert {r.text for r in sight.readings} <= {"43198290", "24906579"}


def test_labels_stacked_with_a_gap_are_both_read():
    sight = barcode_reading.read_photo(_stacked("43198290", "24906579", 3, 16, 12, gap=12), 5.0)
    assert {(r.text, r.sure) for r in sight.readings} == {("43198290", True), ("24906579", True)}


def test_a_region_leaning_across_the_bars_is_squared_up():
    from services import code_regions
    from services.code_regions import Region
    from tests.photos import symbol

    page = Image.new("L", (1600, 1200), 255)
    page.paste(symbol("SKU-BAT-CR2032", "Code128", 3), (500, 500))
    photo = numpy.asarray(page.rotate(20, resample=Image.Resampling.BICUBIC, fillcolor=255))
    box = numpy.array(
        [[480, 480], [1100, 480], [1100, 600], [480, 600]], numpy.float32
    )  # level: 20 degrees off
    leaning = code_regions.bars_angle(code_regions.level_crop(photo, Region(box), 0.3))
    upright = code_regions.level_crop(photo, code_regions.squared_up(photo, Region(box)), 0.3)
    assert abs(leaning) > 10 and abs(code_regions.bars_angle(upright)) < 1.5


def test_filters_that_disagree_on_a_damaged_code_make_no_sure_read(monkeypatch):
    # Two rungs read 2411189122809 alike, but another read a 13-digit EAN that failed its check:
    # the rungs disagree on a damaged code, so the read stays unsure (only a catalog match counts).
    Code, ean = barcode_reading._Code, barcode_reading.F.EAN13
    corners = numpy.zeros((4, 2), numpy.float32)
    rungs = iter(
        [
            [Code("2411189122809", ean, True, corners)],
            [Code("2411189122802", ean, False, corners)],
            [Code("2411189122809", ean, True, corners)],
        ]
    )
    monkeypatch.setattr(barcode_reading, "_read", lambda image, formats, errors=False, **o: next(rungs))
    blank = numpy.zeros((10, 10), numpy.uint8)
    ladder = iter([(blank, barcode_reading.LINEAR, {})] * 3)
    (reading,) = barcode_reading._confirmed(ladder, deadline=float("inf"))
    assert (reading.text, reading.sure) == ("2411189122809", False)
