"""A message with no verb that names an asset and a known place: "smallhd to the grip
truck", "laser level to site hut". Read as a move only when the catalog knows both,
the place exactly and nothing after it, so chatter ("anyone going to the canteen?"),
plans ("... to site hut tomorrow") and "the key to the server room" stay not understood."""

from __future__ import annotations

import re

from domain import commands as C
from domain.ledger import ItemType
from services.item_span import LEADS_TO, locate
from services.resolver import CatalogIndex

BARE_MOVE = re.compile(
    r"(?i)^(?:the\s+)?(?P<item>[\w' -]+?)\s+(?:to|over\s+to|into|goes\s+to|going\s+to)\s+(?:the\s+)?"
    r"(?P<place>[\w' -]+?)[\s.!]*$"
)
ITEM_SURE = 90  # the words before "to" name an asset (or several alike) this well


def bare_move(index: CatalogIndex, text: str, unknown: C.Unknown) -> C.Move | None:
    """The move `text` says, when the parser read none of it (`unknown` is the whole message,
    not what was left of a request taken back or not asked yet)."""
    said = BARE_MOVE.match(text.strip())
    if not said or unknown.words.strip(" .!").lower() != text.strip(" .!").lower():
        return None
    if LEADS_TO.match(re.sub(r"(?i)^the\s+", "", text.strip())):  # "the key to the server room"
        return None
    place = index.location_named(said["place"])
    if place is None:
        return None
    found = locate(index, said["item"], (ItemType.ASSET, ItemType.STOCK))  # ("tape": stock too, asked)
    if not found.found or found.score < ITEM_SURE or any(i.type is not ItemType.ASSET for i in found.items):
        return None
    return C.Move(ref=said["item"], where="location", to=place)
