"""Reading every code in a photo people post. The photo, scaled to about
1600 px, is read first. Each 1D code OpenCV locates, each code zxing-cpp saw
but could not read, and each 1D code it did read is then cut from the
full-size photo, turned level and read on its own (a code read in the photo
whose own crop, turned until its bars stand upright, reads another code
counts for neither: labels stacked and leaning read as a valid mix of the
two; a UPC-E or EAN-8 is checked over twice its width, as it may be half of
an EAN-13). 2D codes are also read at half size, and the photo is read
turned 25 degrees each way for askew labels OpenCV missed, each checked in
its upright crop. Only when all that finds nothing does a ladder of filters
(upscale, sharpen, threshold, rotations) try, within a time budget. A code
read only through filters is unsure: it counts only if the catalog knows it
(or a second rung reads the same), and never when the unfiltered photo read
the same text as invalid, since filters can turn a smudge into a code that
still passes its checksum."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import cv2
import numpy as np
import zxingcpp

from domain import gtin
from services import code_regions
from services.code_regions import Region

OVERVIEW = 1600
LARGEST = 4032  # 12 MP; bigger photos are read at this size
BUDGET_S = 0.2  # the extra passes stop here, so even a photo with no code is answered quickly
ASKEW = (-25, 25)
RETAIL = ("EAN-13", "EAN-8", "UPC-A", "UPC-E")
F = zxingcpp.BarcodeFormat
LINEAR = [F.Code128, F.EAN13, F.EAN8, F.UPCA, F.UPCE]
MATRIX = [F.QRCode, F.DataMatrix]
FORMATS = LINEAR + MATRIX
MATRIX_NAMES = ("QR code", "Data Matrix")
FORMAT_NAMES = {
    F.Code128: "Code 128",
    F.EAN13: "EAN-13",
    F.EAN8: "EAN-8",
    F.UPCA: "UPC-A",
    F.UPCE: "UPC-E",
    F.QRCode: "QR code",
    F.DataMatrix: "Data Matrix",
}


@dataclass(frozen=True)
class Reading:
    text: str
    format: str  # "EAN-13", "QR code", ...
    sure: bool  # read from the photo's own pixels, not only through a filter


@dataclass
class Sight:
    """What a photo shows: the codes read, and how many more looked like codes but would not read."""

    readings: list[Reading] = field(default_factory=list)
    unreadable: int = 0

    def add(self, reading: Reading) -> None:
        for index, known in enumerate(self.readings):
            if known.text == reading.text:
                if reading.sure and not known.sure:
                    self.readings[index] = reading
                return
        self.readings.append(reading)


def read_photo(photo: np.ndarray, budget_s: float = BUDGET_S) -> Sight:
    """Every code in a grayscale photo (H x W uint8)."""
    deadline = time.perf_counter() + budget_s
    photo, _ = code_regions.scaled(photo, LARGEST)
    overview, factor = code_regions.scaled(photo, OVERVIEW)
    reads: list[tuple[Reading, Region]] = []
    seen: list[tuple[Region, list]] = []  # looked like a code but did not read: where, and as what
    refused = _Refused()  # texts read but invalid (checksum, quiet zone): no filter makes them right
    for code in _read(overview, FORMATS, errors=True):
        region = Region(code.corners * factor)
        if code.valid:
            reads.append((_reading(code, sure=True), region))
        else:
            seen.append((region.thickened(), MATRIX if code.format in MATRIX else LINEAR))
            refused.add(code.text)
    if factor > 1:  # a small QR code in a big photo: read at full size (QR only: 20-50 ms)
        for code in _read(photo, [F.QRCode], try_invert=False, try_downscale=False):
            if all(code.text != r.text for r, _ in reads):
                reads.append((_reading(code, sure=True), Region(code.corners)))
    located = [(region, LINEAR) for region in code_regions.linear_codes(overview, factor)]
    # Every 1D code the photo read is read again in its own upright crop: zxing-cpp's scan
    # lines across labels stacked and leaning 10 degrees can read a valid mix of the two.
    # A UPC-E or EAN-8 is checked over twice its width: it may be half of an EAN-13 or UPC-A.
    checked = [
        (w.thickened().widened(2.4 if r.format in ("UPC-E", "EAN-8") else 1.0), LINEAR, r)
        for r, w in reads
        if r.format not in MATRIX_NAMES
    ]
    unread = []
    for region, formats, owner in checked + _distinct([(r, f, None) for r, f in located + seen]):
        if owner:  # a region zxing-cpp reported as its scan line, which may lean across the bars
            region = code_regions.squared_up(photo, region)
        known = [reading for reading, where in reads if where.overlaps(region)]
        found = _read_region(photo, region, formats, deadline if not known else None, refused)
        texts, extra = {f.text for f in found}, [f for f in found if f.text not in {r.text for r in known}]
        disputed = [r for r in known if r.text not in texts] if extra else []
        if owner and found and owner.text not in texts:
            disputed = [owner]  # its own upright crop reads another code
        if disputed or (known and extra):
            # the photo and its full-size crop read different codes here: what they don't agree on
            # counts for neither (EAN/UPC check digits let one misread in ten by; a crop of a read
            # Code 128 read a second, garbled text off one scan line)
            reads = [(r, w) for r, w in reads if r not in disputed]
            for reading in disputed + extra:
                refused.add(reading.text)
            if disputed:
                unread.append(region)
        elif extra and not owner:  # a code's own check crop only checks it
            reads += [(reading, region) for reading in extra]
        elif not known and not found:
            unread.append(region)
    if time.perf_counter() < deadline:  # a big, shaken 2D code: at half size the smear is half as wide
        half = cv2.resize(overview, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        reads += [
            (_reading(code, sure=True), Region(code.corners * factor * 2)) for code in _read(half, MATRIX)
        ]
    for angle in ASKEW:  # a label at 20-30 degrees that OpenCV did not locate
        if time.perf_counter() > deadline - 0.05:
            break
        reads += _turned_reads(photo, overview, factor, angle, reads, refused)
    sight = Sight()
    for reading, _ in reads:
        sight.add(reading)
    if not sight.readings:
        for reading in _confirmed(_photo_ladder(overview), deadline, refused=refused):
            sight.add(reading)
    unread = [r for r in unread if not any(r.overlaps(where) for _, where in reads)]
    sight.unreadable = len([r for i, r in enumerate(unread) if not any(r.overlaps(o) for o in unread[:i])])
    return sight


def _distinct(regions: list[tuple]) -> list[tuple]:
    """Each region once: one that overlaps an earlier one is left out."""
    kept: list[tuple] = []
    for entry in regions:
        if not any(entry[0].overlaps(other[0]) for other in kept):
            kept.append(entry)
    return kept


class _Refused(set):
    """Texts that must not count, matched in any printed form: zxing-cpp says a
    UPC-A in 13 digits, a reply in 12; a UPC-E expanded, a reply in 8."""

    def add(self, text: str) -> None:
        super().add(text)
        super().update(gtin.keys(text))

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and (
            set.__contains__(self, text) or any(set.__contains__(self, k) for k in gtin.keys(text))
        )


def _read_region(
    photo: np.ndarray, region: Region, formats: list, deadline: float | None, refused: _Refused
) -> list[Reading]:
    """The codes in one region, cut at full size and levelled: a tight crop
    first (little clutter beside the bars), then a wider one; the filter
    ladder only with a deadline given (when nothing else read this region)."""
    for along in (0.0, code_regions.MARGIN_ALONG, 0.3):
        crop = code_regions.level_crop(photo, region, along)
        if along == 0.0:  # no room for an EAN/UPC's quiet zone: only a Code 128 (with its stronger check)
            kinds = [f for f in formats if f == F.Code128]
        else:
            kinds = formats
        if not kinds:
            continue
        found = _read(crop, kinds) or _read(crop, kinds, binarizer=zxingcpp.Binarizer.GlobalHistogram)
        found = [code for code in found if _centred(code, crop, along)]
        if found:
            return [_reading(code, sure=True) for code in found]
    if deadline is None:
        return []
    centred = functools.partial(_centred, along=code_regions.MARGIN_ALONG)
    return _confirmed(
        _crop_ladder(code_regions.level_crop(photo, region)), deadline, formats, refused, centred
    )


def _turned_reads(
    photo: np.ndarray,
    overview: np.ndarray,
    factor: float,
    angle: float,
    reads: list[tuple[Reading, Region]],
    refused: _Refused,
) -> list[tuple[Reading, Region]]:
    """Codes in the photo turned by `angle`, each checked in a full-size crop
    of its spot turned until the bars stand upright (the turned photo leaves
    them leaning up to 10 degrees, and a scan line across leaning bars can run
    from one label into the one stacked above it, reading a valid mix of the
    two). A code counts, as sure, when that crop reads it and nothing else; a
    crop that reads something else disputes it, and neither counts. A Code
    128 (with its stronger check) the crop cannot read at all counts as
    unsure: kept only if the catalog knows it. Texts the photo as it is read
    as invalid never count (half an EAN-13 behind a glare line is a "valid"
    UPC-E to a crop too)."""
    turned, back = _rotated(overview, angle)
    found: list[tuple[Reading, Region]] = []
    for code in _read(turned, LINEAR, errors=True):
        region = Region(cv2.transform(code.corners[None], back)[0] * factor).thickened()
        if any(where.overlaps(region) for _, where in reads + found):
            continue  # read already, from the photo as it is
        region = code_regions.squared_up(photo, region)
        cropped = _read_region(photo, region, LINEAR, None, refused)
        texts = {r.text for r in cropped}
        if len(texts) == 1 and (not code.valid or _same(code.text, cropped[0].text)):
            if cropped[0].text not in refused:
                found.append((cropped[0], region))
        elif cropped or (code.valid and code.format != F.Code128):
            for text in texts | ({code.text} if code.valid else set()):
                refused.add(text)
        elif code.valid and code.text not in refused:
            found.append((_reading(code, sure=False), region))
    return found


def _same(a: str, b: str) -> bool:
    """The same code, whichever printed form each is in."""
    return a == b or bool(set(gtin.keys(a)) & set(gtin.keys(b)))


def _centred(code: _Code, crop: np.ndarray, along: float) -> bool:
    """The code read lies in the region the crop was cut for, not in its margins:
    a crop around a torn label can take in the label stacked above it."""
    cx, cy = code.corners.mean(axis=0)
    half_w = crop.shape[1] / 2 / (1 + 2 * along) * 1.2
    half_h = crop.shape[0] / 2 / (1 + 2 * code_regions.MARGIN_ACROSS) * 1.2
    return abs(cx - crop.shape[1] / 2) <= half_w and abs(cy - crop.shape[0] / 2) <= half_h


@dataclass(frozen=True)
class _Code:
    text: str
    format: object  # zxingcpp.BarcodeFormat
    valid: bool
    corners: np.ndarray  # where it was read, in the pixels of the image read


def _read(image: np.ndarray, formats, errors: bool = False, **options) -> list[_Code]:
    found = zxingcpp.read_barcodes(image, formats=formats, return_errors=errors, **options)
    codes = [_Code(c.text, c.format, c.valid and _valid(c, image), _corners(c)) for c in found]
    return [code for code in codes if (code.valid and code.text) or (errors and not code.valid)]


def _reading(code, sure: bool) -> Reading:
    return Reading(*as_printed(code.text, FORMAT_NAMES.get(code.format, str(code.format))), sure)


# Half of an EAN-13 behind a glare line reads as a UPC-E or EAN-8 that passes
# its checksum, but has bars just after its end, where its quiet zone should be:
# GS1 asks for 7 modules there (General Specifications 5.2.3.4). Before the
# start of a UPC-E only 4 are checked: it prints its number system digit further out.
# The last number is the code's length in modules.
QUIET_ZONES = {F.UPCE: (4, 7, 51), F.EAN8: (4, 7, 67)}


def _valid(code, image: np.ndarray) -> bool:
    """A code as zxing-cpp read it, unless it is a short retail code with bars in its quiet zone."""
    if not code.valid or code.format not in QUIET_ZONES:
        return code.valid
    left_zone, right_zone, modules = QUIET_ZONES[code.format]
    corners = _corners(code)
    start, end = (corners[0] + corners[3]) / 2, (corners[1] + corners[2]) / 2
    module = (end - start) / modules
    line = _along(image, start, module, modules)
    middle = (np.percentile(line, 10) + np.percentile(line, 90)) / 2 if line.size else 0
    for zone, size in (
        (_along(image, start, -module, left_zone), left_zone),
        (_along(image, end, module, right_zone), right_zone),
    ):
        if zone.size < 2 * size:  # cut off by the edge of the image: not seen to be clear
            return False
        dark = zone < middle
        if np.any(dark[1:] & dark[:-1]):  # a module's width of dark: a bar where white should be
            return False
    return True


def _along(image: np.ndarray, origin: np.ndarray, step: np.ndarray, count: int) -> np.ndarray:
    """Pixels on the line from `origin` over `count` module steps (two samples a module), inside the image."""
    points = origin + np.outer(np.arange(1, 2 * count + 1) / 2, step)
    x, y = np.round(points[:, 0]).astype(int), np.round(points[:, 1]).astype(int)
    inside = (x >= 0) & (y >= 0) & (x < image.shape[1]) & (y < image.shape[0])
    return image[y[inside], x[inside]].astype(np.float32)


def as_printed(text: str, name: str) -> tuple[str, str]:
    """zxing-cpp reports UPC-A and UPC-E as 13 digits; say them as printed
    (an EAN-13 starting with 0 is a UPC-A)."""
    if name in ("EAN-13", "UPC-A", "UPC-E") and len(text) == 13 and text.startswith("0"):
        upca = text[1:]
        if name == "UPC-E":
            return gtin.upca_to_upce(upca) or upca, name
        return upca, "UPC-A"
    return text, name


def _corners(code) -> np.ndarray:
    p = code.position
    return np.array(
        [[c.x, c.y] for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)], np.float32
    )


def _confirmed(
    rungs: Iterator[tuple[np.ndarray, list, dict]],
    deadline: float,
    formats=None,
    refused: frozenset[str] = frozenset(),  # or a _Refused
    where: Callable[[_Code, np.ndarray], bool] = lambda code, image: True,
) -> list[Reading]:
    """Codes the ladder reads. A code from one rung only is unsure; read by
    two rungs alike it is sure, unless some rung read a code of its format
    and length as invalid (the rungs disagree on a damaged code). A code that some rung (or `refused`: the
    unfiltered photo) read but found invalid is dropped: a filter cannot
    make a failed checksum or a barred quiet zone right. Stops at the deadline."""
    votes: dict[tuple[str, str], int] = {}
    raw: dict[tuple[str, str], str] = {}  # as zxing-cpp said it
    shape: dict[tuple[str, str], tuple] = {}
    refused = _Refused(refused)
    doubted = set()  # (format, length) of codes some rung read as invalid: the rungs disagree
    for image, rung_formats, options in rungs:
        for code in _read(image, formats or rung_formats, errors=True, **options):
            if not code.valid:
                refused.add(code.text)
                doubted.add((code.format, len(code.text)))
                continue
            if not where(code, image):
                continue
            key = as_printed(code.text, FORMAT_NAMES.get(code.format, str(code.format)))
            votes[key], raw[key], shape[key] = votes.get(key, 0) + 1, code.text, (code.format, len(code.text))
        if any(n >= 2 for n in votes.values()) or time.perf_counter() > deadline:
            break
    return [
        Reading(text, name, sure=n >= 2 and shape[text, name] not in doubted)
        for (text, name), n in votes.items()
        if raw[text, name] not in refused
    ]


def _crop_ladder(crop: np.ndarray) -> Iterator[tuple[np.ndarray, list, dict]]:
    fixed = {"binarizer": zxingcpp.Binarizer.FixedThreshold}
    bigger = (
        cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC) if max(crop.shape) < 900 else crop
    )
    yield bigger, LINEAR, {}
    yield _sharpened(bigger), LINEAR, {}
    yield _otsu(_sharpened(bigger)), LINEAR, fixed
    yield cv2.medianBlur(bigger, 3), LINEAR, {}
    yield _otsu(cv2.GaussianBlur(bigger, (3, 3), 0)), LINEAR, fixed


def _photo_ladder(overview: np.ndarray) -> Iterator[tuple[np.ndarray, list, dict]]:
    yield overview, FORMATS, {"binarizer": zxingcpp.Binarizer.GlobalHistogram}
    yield cv2.medianBlur(overview, 3), FORMATS, {}
    if max(overview.shape) < OVERVIEW:
        bigger = cv2.resize(overview, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        yield bigger, FORMATS, {}
        yield _sharpened(bigger), FORMATS, {}
    yield _otsu(_sharpened(overview)), FORMATS, {"binarizer": zxingcpp.Binarizer.FixedThreshold}
    for angle in (-15, 15, -30, 30, 45):  # askew labels: smooth rotation keeps thin bars whole
        yield _rotated(overview, angle)[0], LINEAR, {}


def _sharpened(image: np.ndarray) -> np.ndarray:
    blurred = cv2.GaussianBlur(image, (0, 0), 2)
    return cv2.addWeighted(image, 2.0, blurred, -1.0, 0)


def _otsu(image: np.ndarray) -> np.ndarray:
    return cv2.threshold(image, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def _rotated(image: np.ndarray, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """The image turned by `angle` degrees on a white ground, and the matrix back to its own pixels."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    size = (int(h * sin + w * cos), int(h * cos + w * sin))
    matrix[0, 2] += size[0] / 2 - w / 2
    matrix[1, 2] += size[1] / 2 - h / 2
    turned = cv2.warpAffine(image, matrix, size, flags=cv2.INTER_CUBIC, borderValue=255)
    return turned, cv2.invertAffineTransform(matrix)
