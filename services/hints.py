"""What to say when a message reads as no request: if it names an item, say
so and offer what can be done with it ("I see an item, the drill, but not what
to do with it"), so the person can say it again rather than guess."""

from __future__ import annotations

from domain.ledger import ItemType
from services.item_span import locate
from services.replies import NOT_UNDERSTOOD
from services.resolver import CatalogIndex, CatalogItem

ANY = (ItemType.ASSET, ItemType.STOCK)
SURE = 90  # named this well, and one item: a hint; anything less could be chatter misread
LEADING_WORDS = 3  # unknown words a verb may have been, tried off the front


def not_understood(index: CatalogIndex, words: str) -> str:
    item = _item_named(index, words)
    if item is None:
        return NOT_UNDERSTOOD
    if item.type is ItemType.ASSET:
        ways = [f"check out {item.key}", f"return {item.key}", f"who has {item.key}?", f"info {item.key}"]
    else:
        ways = [f"used 2 {item.name}", f"received 10 {item.name}", f"how many {item.name}?"]
    said = ", ".join(f"“{way}”" for way in ways[:-1]) + f" or “{ways[-1]}”"
    return (
        f"I see an item, {item.key} ({item.name}), but I didn't understand what to do with it, "
        f"so nothing was changed. You could say {said}."
    )


def _item_named(index: CatalogIndex, words: str) -> CatalogItem | None:
    """The one item the words (or their end, past a word or three we could not read) clearly name."""
    tokens = words.strip(" ?!.").split()
    for start in range(min(LEADING_WORDS, len(tokens) - 1) + 1):
        rest = " ".join(tokens[start:])
        if len(rest) < 2:
            break
        found = locate(index, rest, ANY)
        if found.is_clear and found.score >= SURE:
            return found.items[0]
    return None
