"""An amount corrected in the message that made it, with no unit ("used 3 boxes of masks,
sorry make it 2"): the unit said first when it is the item's base unit ("2 reams of A4,
sorry make it 3" is 3 reams), else asked: 2 boxes or 2 masks, never guessed."""

from __future__ import annotations

from dataclasses import replace

from domain.commands import Command
from domain.language.corrected_at_once import PACK_KEPT
from domain.ledger import ItemType
from domain.values import plural, singular
from services.followups import UNSURE_PACK, NeedsUnit
from services.resolver import CatalogIndex


def settled(index: CatalogIndex, commands: list[Command]) -> list[Command]:
    """`commands` with each kept pack made plain, or NeedsUnit when it could be two units."""
    return [_settled(index, c, commands) for c in commands]


def _settled(index: CatalogIndex, command: Command, commands: list[Command]) -> Command:
    pack = getattr(command, "pack", None)
    if not (isinstance(pack, str) and pack.startswith(PACK_KEPT) and len(pack) > 1):
        return command
    said = pack[len(PACK_KEPT) :]
    found = index.resolve(command.ref or "", (ItemType.STOCK,))
    item = found.items[0] if found.is_clear else None
    if item is None or singular(said) == item.unit or len(commands) > 1:
        return replace(command, pack=said)  # (which item is asked first; its unit then as said)
    units = [(said, plural(said, 2)), (item.unit, plural(item.unit, 2))]
    raise NeedsUnit([replace(command, ref=item.key, pack=UNSURE_PACK)], command.count, units)
