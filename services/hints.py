"""What to say about words that are not a request: a message that reads as none
but names an item ("I see an item, the drill, but not what to do with it"), and
words after a comma taken as a remark rather than an item. Either way the person
can see what was understood and say it again rather than guess."""

from __future__ import annotations

from dataclasses import replace

from domain.commands import Command
from domain.ledger import ItemType
from services.item_span import locate
from services.replies import NOT_UNDERSTOOD, Reply
from services.resolver import CatalogIndex, CatalogItem

ANY = (ItemType.ASSET, ItemType.STOCK)
SURE = 100  # exactly a name, alias or tag, and one item: a hint ("let me think" is no ThinkPad)
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


REMARK_NAMES_AN_ITEM = 90  # how well words after a comma must fit an item to be one, not a remark


def without_remarks(index: CatalogIndex, commands: list[Command]) -> tuple[list[Command], list[str]]:
    """Commands said after a comma that may be a remark ("..., new starter setup") are
    left out when their words name no item; the words are returned, for the reply."""
    kept, remarks = [], []
    for command in commands:
        found = (
            locate(index, command.ref, command.item)
            if getattr(command, "perhaps", False) and command.ref
            else None
        )
        if found is not None and not (found.found and (found.exact or found.score >= REMARK_NAMES_AN_ITEM)):
            remarks.append(command.ref)  # ("..., done for the week": a drone only at a stretch)
        else:
            kept.append(command)
    return kept, remarks


def noting(replies: list[Reply], remarks: list[str]) -> list[Reply]:
    """The first reply says which words were taken as a remark, so a misread item is seen."""
    if not remarks or not replies:
        return replies
    said = " and ".join(f"“{words}”" for words in remarks)
    return [
        replace(replies[0], text=f"{replies[0].text}\n(I took {said} as a remark, not an item.)"),
        *replies[1:],
    ]
