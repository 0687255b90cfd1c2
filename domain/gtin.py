"""Manufacturer barcodes (GTINs) as printed: EAN-13, UPC-A, UPC-E, EAN-8 and
GTIN-14. Each is checked with its own rule and compared as GTIN-14, so every
printed form of one product finds it: a UPC-A is an EAN-13 with a leading 0,
and a UPC-E is a UPC-A with zeros squeezed out (its check digit belongs to
the expansion, not to the eight digits). Scanners report any of these forms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import InvalidValue

SEPARATORS = re.compile(r"[\s\-]+")
KIND_BY_LENGTH = {12: "UPC-A", 13: "EAN-13", 14: "GTIN-14"}


class InvalidGtin(InvalidValue):
    pass


@dataclass(frozen=True)
class Gtin:
    printed: str  # the digits as printed, separators removed
    kinds: tuple[str, ...]  # what the digits can be ("EAN-8" and "UPC-E" may both hold for 8 digits)
    keys: tuple[str, ...]  # each reading as GTIN-14: equal keys are the same product


def check_digit(body: str) -> int:
    """The GS1 check digit of every EAN/UPC/GTIN: weights 3,1,3,... from the right."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def upce_to_upca(code: str) -> str:
    """The 12-digit UPC-A an 8-digit UPC-E stands for (number system 0 or 1)."""
    system, middle, check = code[0], code[1:7], code[7]
    d1, d2, d3, d4, d5, last = middle
    if last in "012":
        manufacturer, product = d1 + d2 + last + "00", "00" + d3 + d4 + d5
    elif last == "3":
        manufacturer, product = d1 + d2 + d3 + "00", "000" + d4 + d5
    elif last == "4":
        manufacturer, product = d1 + d2 + d3 + d4 + "0", "0000" + d5
    else:
        manufacturer, product = d1 + d2 + d3 + d4 + d5, "0000" + last
    return system + manufacturer + product + check


def upca_to_upce(code: str) -> str | None:
    """The 8-digit UPC-E a 12-digit UPC-A compresses to, or None when it has too few zeros."""
    system, maker, product, check = code[0], code[1:6], code[6:11], code[11]
    if system not in "01":
        return None
    if maker[2:] in ("000", "100", "200") and product[:2] == "00":
        middle = maker[:2] + product[2:] + maker[2]
    elif maker[3:] == "00" and product[:3] == "000":
        middle = maker[:3] + product[3:] + "3"
    elif maker[4] == "0" and product[:4] == "0000":
        middle = maker[:4] + product[4] + "4"
    elif product[:4] == "0000" and product[4] in "56789":
        middle = maker + product[4]
    else:
        return None
    return system + middle + check


def read(text: str) -> Gtin:
    """A printed GTIN, or InvalidGtin saying which rule it fails."""
    digits = SEPARATORS.sub("", text or "")
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        raise InvalidGtin(
            f"“{text}” is not an EAN/UPC barcode: those are 8 (EAN-8, UPC-E), 12 (UPC-A), "
            "13 (EAN-13) or 14 (GTIN-14) digits"
        )
    if len(digits) != 8:
        kind = KIND_BY_LENGTH[len(digits)]
        _require_check(digits, kind, text)
        return Gtin(digits, (kind,), (digits.zfill(14),))
    readings = []
    if _check_holds(digits):
        readings.append(("EAN-8", digits.zfill(14)))
    if digits[0] in "01" and _check_holds(upce_to_upca(digits)):
        readings.append(("UPC-E", upce_to_upca(digits).zfill(14)))
    if not readings:
        ean8 = check_digit(digits[:7])
        if digits[0] not in "01":
            raise InvalidGtin(f"“{text}” fails the EAN-8 check digit rule (the last digit should be {ean8})")
        expansion = upce_to_upca(digits)
        raise InvalidGtin(
            f"“{text}” fails both 8-digit rules: as an EAN-8 the last digit should be {ean8}; as a UPC-E "
            f"(checked over its UPC-A expansion {expansion[:11]}…) it should be {check_digit(expansion[:11])}"
        )
    return Gtin(digits, tuple(kind for kind, _ in readings), tuple(dict.fromkeys(key for _, key in readings)))


def key_as(text: str, kind: str) -> str | None:
    """The GTIN-14 of digits a scanner read as `kind` ("EAN-8", "UPC-E", ...):
    eight digits are an EAN-8 or a UPC-E, never both, once the symbology is known."""
    digits = SEPARATORS.sub("", text or "")
    if kind == "UPC-E" and len(digits) == 8:
        digits = upce_to_upca(digits)
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14) or not _check_holds(digits):
        return None
    return digits.zfill(14)


def keys(text: str) -> tuple[str, ...]:
    """The GTIN-14 keys of a code, or () when it is not a valid GTIN."""
    try:
        return read(text).keys
    except InvalidGtin:
        return ()


def _check_holds(digits: str) -> bool:
    return check_digit(digits[:-1]) == int(digits[-1])


def _require_check(digits: str, kind: str, text: str) -> None:
    if not _check_holds(digits):
        raise InvalidGtin(
            f"“{text}” fails the {kind} check digit rule (the last digit should be {check_digit(digits[:-1])})"
        )
