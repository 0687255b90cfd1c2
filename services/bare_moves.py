"""A message with no verb that names an asset and a known place: "smallhd to the grip
truck", "laser level to site hut". Read as a move only when the catalog knows both,
so chatter ("anyone going to the canteen?") stays not understood."""

from __future__ import annotations

import re

from domain import commands as C
from domain.ledger import ItemType
from services.item_span import locate
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
    places = index.resolve_place("location", said["place"])
    if len(places) != 1:
        return None
    found = locate(index, said["item"], (ItemType.ASSET,))
    if not found.found or found.score < ITEM_SURE:
        return None
    return C.Move(ref=said["item"], where="location", to=places[0])
