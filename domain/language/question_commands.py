"""The command a matched question, list or manager's request stands for: the
question patterns say what was asked, this reads the words they caught."""

from __future__ import annotations

import re
from datetime import datetime

from domain import commands as C
from domain.commands import Command
from domain.language.item_lists import item_ref, split_items
from domain.language.lists import place_name
from domain.language.numbers import leading_number

_REGISTER_BY = {"dept": "department", "team": "department", "place": "location", "categorie": "category"}
_EXPORT_KINDS = {"asset list": "assets", "inventory": "stock", "history": "ledger"}


def place_said(text: str | None) -> str | None:
    return (text or "").strip(" .!?") or None


def listing(kind: str, match: re.Match, due: datetime | None) -> Command:
    """A list of assets filtered as the listing pattern of `kind` says."""
    groups = match.groupdict()
    place = place_name(groups.get("place"))
    if kind == "available":
        return C.ListAssets(ref=item_ref(groups["ref"]), available=True)
    if kind == "person":
        return C.ListAssets(person=groups["person"])
    if kind == "due":
        return C.ListAssets(due=due) if due else C.ListAssets(overdue=True)
    if kind == "overdue":
        return C.ListAssets(overdue=True, at=place)
    return C.ListAssets(at=place)


def asked(kind: type[Command], match: re.Match) -> list[Command]:
    """The commands of a question or manager's request: one, except labels for several items."""
    if kind is C.Labels and not match.group("all"):
        qr = bool(match.group("qr"))
        return [C.Labels(ref=item_ref(part), qr=qr) for part in split_items(match.group("ref"))]
    return [_single(kind, match)]


def _single(kind: type[Command], match: re.Match) -> Command:
    groups = {k: v for k, v in match.groupdict().items() if v}
    ref = next((groups[k] for k in ("ref", "ref2", "ref3", "ref4", "ref5") if k in groups), None)
    if kind in (C.AuditStart, C.AuditClose):
        return kind(to=place_said(groups.get("place")))
    if kind is C.Register:
        said = next((groups[k] for k in ("by", "by2", "by3", "by4") if k in groups), "department").lower()
        return C.Register(by=_REGISTER_BY.get(said, said))
    if kind is C.Labels:
        return C.Labels(ref=groups["ref"], every=bool(groups.get("all")), qr=bool(groups.get("qr")))
    if kind is C.Export:
        found = groups["ref"].lower()
        return C.Export(kind=_EXPORT_KINDS.get(found, found))
    if kind in (C.AcceptAlias, C.DismissAlias):
        return kind(suggestion=int(groups["n"]))
    if kind is C.SetReorder:
        count, rest = leading_number(groups.get("n", ""))
        return C.SetReorder(ref=item_ref(ref), count=count if not rest else None)
    if kind is C.Edit:
        return C.Edit(ref=item_ref(ref), field=groups["field"].lower(), value=groups["value"])
    return kind.of(ref=item_ref(ref) if ref else None)
