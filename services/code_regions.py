"""Where the codes are in a photo, before reading them: OpenCV's barcode
detector finds the 1D symbols (bars of any angle among clutter), and each
region is cut from the full-resolution photo and turned level, so the decoder
sees the label at its best instead of a whole busy frame scaled down."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# The detector's box hugs the bars. A crop keeps the quiet zones beside them (a
# tenth of the width is ten modules of a long code) but little of the clutter
# beyond, which a line scan would take for more bars.
MARGIN_ALONG, MARGIN_ACROSS = 0.12, 0.3
MAX_CROP_SIDE = 1400  # a level crop this long has pixels to spare for any label


@dataclass(frozen=True)
class Region:
    corners: np.ndarray  # 4 x 2, in full-resolution pixels

    @property
    def box(self) -> tuple[float, float, float, float]:
        xs, ys = self.corners[:, 0], self.corners[:, 1]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    def thickened(self) -> Region:
        """At least a third as tall as wide: a 1D reader reports a code's place as the line it read along."""
        (cx, cy), (w, h), angle = cv2.minAreaRect(self.corners)
        long, short = max(w, h), min(w, h)
        if short >= long / 3:
            return self
        size = (w, long / 3) if w >= h else (long / 3, h)
        return Region(cv2.boxPoints(((cx, cy), size, angle)).astype(np.float32))

    def widened(self, factor: float) -> Region:
        """The region `factor` times as long, about its centre (the height kept)."""
        (cx, cy), (w, h), angle = cv2.minAreaRect(self.corners)
        size = (w * factor, h) if w >= h else (w, h * factor)
        return Region(cv2.boxPoints(((cx, cy), size, angle)).astype(np.float32))

    def overlaps(self, other: Region) -> bool:
        """Most of the smaller region lies inside the other's bounds."""
        a, b = self.box, other.box
        width = min(a[2], b[2]) - max(a[0], b[0])
        height = min(a[3], b[3]) - max(a[1], b[1])
        if width <= 0 or height <= 0:
            return False
        smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
        return width * height >= 0.4 * max(smaller, 1.0)


_detector = None


def linear_codes(overview: np.ndarray, scale: float) -> list[Region]:
    """Regions that look like 1D barcodes in the scaled-down photo, in full-size
    pixels. Looked for at two sizes: each finds codes the other misses (a
    blurred or torn code often shows only at half size)."""
    global _detector
    if _detector is None:  # built once: it loads its model
        _detector = cv2.barcode.BarcodeDetector()
    half = cv2.resize(overview, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    regions: list[Region] = []
    for image, factor in ((overview, scale), (half, scale * 2)):
        found, corners = _detector.detect(image)
        for quad in corners if found and corners is not None else []:
            region = Region(np.asarray(quad, dtype=np.float32) * factor)
            if not any(region.overlaps(known) for known in regions):
                regions.append(region)
    return regions


def level_crop(photo: np.ndarray, region: Region, along: float = MARGIN_ALONG) -> np.ndarray:
    """The region cut from the full photo with its quiet zones, turned so the
    long side lies level (bars upright), at most MAX_CROP_SIDE long."""
    (cx, cy), (w, h), angle = cv2.minAreaRect(region.corners)
    if w < h:  # make the long side the width
        w, h, angle = h, w, angle + 90
    w, h = w * (1 + 2 * along) + 16, h * (1 + 2 * MARGIN_ACROSS) + 16
    shrink = min(1.0, MAX_CROP_SIDE / max(w, h))
    out_w, out_h = max(8, round(w * shrink)), max(8, round(h * shrink))
    matrix = cv2.getRotationMatrix2D((cx, cy), angle, shrink)
    matrix[0, 2] += out_w / 2 - cx
    matrix[1, 2] += out_h / 2 - cy
    return cv2.warpAffine(
        photo, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )


def bars_angle(crop: np.ndarray) -> float:
    """How far (degrees) the bars in a level crop lean from upright, by the
    image's structure tensor: its strongest gradients run across the bars."""
    image = crop.astype(np.float32)
    gx = cv2.Sobel(image, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(image, cv2.CV_32F, 0, 1, ksize=3)
    jxx, jyy, jxy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    return float(np.degrees(0.5 * np.arctan2(2 * jxy, jxx - jyy)))


def squared_up(photo: np.ndarray, region: Region, passes: int = 2) -> Region:
    """The region turned so that its level crop has the bars upright, however
    askew the read that found it: a scan line across leaning bars can run from
    one label into the one stacked above it and read a mix of the two."""
    for _ in range(passes):
        lean = bars_angle(level_crop(photo, region, 0.3))
        if abs(lean) < 0.5:
            break
        (cx, cy), _, _ = cv2.minAreaRect(region.corners)
        turn = cv2.getRotationMatrix2D((cx, cy), -lean, 1.0)
        region = Region(cv2.transform(region.corners[None], turn)[0])
    return region


def scaled(photo: np.ndarray, longest: int) -> tuple[np.ndarray, float]:
    """The photo no longer than `longest`, and the factor back to full size."""
    factor = max(photo.shape[:2]) / longest
    if factor <= 1:
        return photo, 1.0
    size = (round(photo.shape[1] / factor), round(photo.shape[0] / factor))
    return cv2.resize(photo, size, interpolation=cv2.INTER_AREA), factor
