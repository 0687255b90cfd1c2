"""What the text of a scanned code may name. A 1D label holds just a tag, SKU
or GTIN; a QR or Data Matrix may hold a URL (Snipe-IT's labels encode
https://host/hardware/<id>), a GS1 string with a GTIN after (01), or a line
of text such as "SKU: TONER-05A". Candidates come most specific first."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

# Snipe-IT's own labels, from an installation at the root of its host; other
# sites' /catalog/hardware/12 pages are not asset labels
SNIPE_HARDWARE = re.compile(r"/hardware/(\d+)/?")
GS1_GTIN = re.compile(r"^(?:\(01\)|01)(\d{14})")  # GS1 element string: GTIN after AI 01
STRUCTURED = re.compile(r"(?i)(WIFI|MECARD|BEGIN|MATMSG|SMSTO|SMS|TEL|MAILTO|GEO|OTPAUTH|BITCOIN):")
TOKEN_SPLIT = re.compile(r"[\s,;|/?&=#:()\[\]{}<>\"']+")
LONGEST_KEY = 64


def snipe_asset_id(text: str) -> str | None:
    """Snipe-IT's asset id in a label's URL, e.g. '1234' from .../hardware/1234."""
    if not text.lower().startswith(("http://", "https://")):
        return None
    match = SNIPE_HARDWARE.fullmatch(urlsplit(text.strip()).path)
    return match[1] if match else None


def candidates(text: str) -> list[str]:
    """Keys the text may be or contain: the whole text, a GS1 GTIN, a URL's
    path segments and query values, then its words."""
    text = text.strip()
    found = [text]
    if STRUCTURED.match(text):  # a Wi-Fi login, a contact card, a phone number: its words name no item
        return found
    gs1 = GS1_GTIN.match(text.replace(" ", ""))
    if gs1:
        found.append(gs1[1])
    if text.lower().startswith(("http://", "https://")):
        url = urlsplit(text)
        found += [unquote(part) for part in reversed(url.path.split("/")) if part]
        found += [value for _, value in parse_qsl(url.query)]
        found.append(url.fragment)
    else:
        found += TOKEN_SPLIT.split(text)
    return [key for key in dict.fromkeys(found) if key == text or _key_shaped(key)]


def _key_shaped(word: str) -> bool:
    """A word inside a longer text names an item only if shaped like a tag or
    SKU (a digit, or a joining - _ .): a URL's /paper/ is not the SKU PAPER."""
    return 2 <= len(word) <= LONGEST_KEY and any(c.isdigit() or c in "-_." for c in word)


def looks_like_a_key(text: str) -> bool:
    """Short and free of spaces: something a manager could use as a new tag."""
    return bool(re.fullmatch(r"[A-Za-z0-9][\w\-./]{0,31}", text))
