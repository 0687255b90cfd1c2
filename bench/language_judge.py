"""How a message's outcome is judged against what an independent author
expected (tests/language/independent/NOTATION.md): the ledger's changes since
the message, written in the notation, and the replies' kind (a question, an
answer, a refusal) with the items they name."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from domain.ledger import Action, ItemType
from services.assistant import Assistant
from services.replies import ReplyKind

if TYPE_CHECKING:
    from bench.independent_language import Case

CATALOG = Path(__file__).resolve().parent.parent / "tests" / "language" / "independent" / "catalog"
CHANGE_VERBS = {
    "check_out",
    "check_in",
    "extend",
    "consume",
    "receive",
    "count",
    "move",
    "seen",
    "maintenance",
    "repaired",
    "book",
    "cancel_booking",
    "move_booking",
    "lend",
    "give_back",
    "serviced",
    "check_out_kit",
    "create_kit",
    "transfer",
    "return_all",
}


@dataclass
class Verdict:
    case: Case
    correct: bool
    wrong_change: bool  # something changed that was not asked for: the worst outcome
    actual: str
    replies: list[str] = field(default_factory=list)


def _names() -> dict[str, str]:
    """Tag or SKU -> name: an answer may name the item rather than its key."""
    names = {}
    for file, column in (("assets.csv", "asset_tag"), ("stock.csv", "sku")):
        with open(CATALOG / file, newline="") as handle:
            names.update({row[column]: row["name"] for row in csv.DictReader(handle)})
    return names


NAMES = _names()


def outcome(uow, before: int) -> list[str]:
    """The changes since ledger entry `before`, in the notation of NOTATION.md."""
    with uow(read_only=True) as tx:
        entries = [e for e in tx.ledger.all() if e.id > before]
        said = []
        for e in entries:
            key = e.item_key
            if e.note and e.note.startswith("transferred"):  # a person's things passed on: one change
                said.append(_transfer(e))
            elif e.action is Action.CHECK_OUT:
                asset = tx.assets.get(key)
                due = f" due={asset.due.astimezone(timezone.utc):%Y-%m-%dT%H:%M}" if asset.due else ""
                said.append(f"check_out {key} for={asset.holder}{due}")
            elif e.action is Action.CHECK_IN:
                said.append(f"check_in {key}")
            elif e.action in (Action.CONSUME, Action.RECEIVE):
                said.append(f"{e.action.value} {key} {abs(e.quantity or 0)}")
            elif e.action is Action.COUNT:
                said.append(f"count {key} {tx.stock.get(key).on_hand}")
            elif e.action is Action.SEEN:
                said.append(f"seen {key}" + (f" location={e.note}" if e.note else ""))
            elif e.action is Action.EDIT:
                said.append(_edit(key, e.changes))
            elif e.action is Action.BOOK:
                moved = bool(e.changes["start"][0])
                start, end = (
                    datetime.fromisoformat(e.changes[k][1]).astimezone(timezone.utc) for k in ("start", "end")
                )
                whom = "" if moved else f" for={e.changes['for'][1]}"
                verb = "move_booking" if moved else "book"
                said.append(f"{verb} {key} start={start:%Y-%m-%dT%H:%M} end={end:%Y-%m-%dT%H:%M}{whom}")
            elif e.action is Action.LEND:
                lent = int(e.changes["loan"][1]) - int(e.changes.get("loan", ("0",))[0] or 0)
                loan = tx.loans.get(key, e.changes["holder"][1])
                due = f" due={loan.due.astimezone(timezone.utc):%Y-%m-%dT%H:%M}" if loan and loan.due else ""
                said.append(f"lend {key} {lent} for={e.changes['holder'][1]}{due}")
            elif e.action is Action.GIVE_BACK:
                off = " ".join(f"{w}={n}" for n, w in re.findall(r"(\d+) (lost|damaged)", e.note or ""))
                said.append(f"give_back {key} {e.quantity or 0} from={e.changes['holder'][1]} {off}".strip())
            elif e.item_type is ItemType.KIT:  # a kit made: its name and members
                said.append(
                    f"create_kit {e.changes.get('name', ('', key))[1]} items={e.changes.get('items', ('', ''))[1]}"
                )
            elif e.action is Action.SERVICE:
                said.append(f"serviced {key}")
            else:
                said.append(f"{e.action.value} {key}")
    return (
        list(dict.fromkeys(_summed(said))) if any(s.startswith("transfer ") for s in said) else _summed(said)
    )


def _transfer(entry) -> str:
    """ "transferred from bob", to whom holds it now."""
    return f"transfer {entry.note.removeprefix('transferred from ')} {entry.changes['holder'][1]}"


def expanded(expected: list[str], uow) -> list[str]:
    """Changes about many items, written as one ("return_all bob", a kit), as the changes they are
    on the world before the message: each asset checked in or out, each loan given back or lent."""
    out = []
    for change in expected:
        verb, *rest = change.split()
        if verb == "return_all":
            with uow(read_only=True) as tx:
                out += [f"check_in {a.tag}" for a in tx.assets.held_by(rest[0])]
                out += [f"give_back {loan.sku} {loan.quantity}" for loan in tx.loans.held_by(rest[0])]
        elif (
            verb == "book" and rest and rest[0] in KITS
        ):  # a kit's booking is its assets' (the contract's kit column)
            attrs = " ".join(rest[1:])
            out += [f"book {m} {attrs}".strip() for m in KITS[rest[0]] if "=" not in m]
        elif verb == "check_out_kit":
            attrs = " ".join(rest[1:])
            for member in KITS.get(rest[0], ()):
                sku, _, n = member.partition("=")
                out.append(f"lend {sku} {n} {attrs}".strip() if n else f"check_out {sku} {attrs}".strip())
        else:
            out.append(change)
    return out


def _kits() -> dict[str, list[str]]:
    path = CATALOG / "kits.csv"
    if not path.exists():
        return {}
    with open(path, newline="") as handle:
        return {row["kit"]: row["items"].split("|") for row in csv.DictReader(handle)}


KITS = _kits()


def _summed(said: list[str]) -> list[str]:
    """Stock moves of one item in one message count as one ("1 box + 3 kits")."""
    totals: dict[tuple[str, str], int] = {}
    out: list[str] = []
    for change in said:
        verb, key, *rest = change.split()
        if verb in ("consume", "receive") and rest and rest[0].isdigit():
            if (verb, key) not in totals:
                out.append((verb, key))
            totals[(verb, key)] = totals.get((verb, key), 0) + int(rest[0])
        else:
            out.append(change)
    return [f"{c[0]} {c[1]} {totals[c]}" if isinstance(c, tuple) else c for c in out]


def _edit(key: str, changes: dict) -> str:
    if "status" in changes:
        return f"{'maintenance' if changes['status'][1] == 'maintenance' else 'repaired'} {key}"
    if "due" in changes and len(changes) == 1:
        return f"extend {key} due={changes['due'][1][:16]}"
    for where in ("location", "department"):
        if where in changes:
            return f"move {key} {where}={changes[where][1]}"
    return f"edit {key} " + " ".join(f"{k}={v[1]}" for k, v in changes.items())


def matches(expected: str, actual: str) -> bool:
    """One expected change against one actual: same verb, item and quantity;
    each attribute the author gave agrees (a date alone matches any time that day)."""
    want, got = expected.split(), actual.split()
    if want[:2] != got[:2]:
        return False
    got_attrs = dict(a.split("=", 1) for a in got[2:] if "=" in a)
    plain = [a for a in got[2:] if "=" not in a]
    for part in want[2:]:
        if "=" not in part:
            if part not in plain:
                return False
            continue
        name, value = part.split("=", 1)
        seen = got_attrs.get(name)
        if seen is None or not seen.lower().startswith(value.lower()):
            return False
    return True


def judge(case: Case, uow, assistant: Assistant, uow_before=None) -> Verdict:
    """`uow_before`: the world as it was before the message (the template), for what a
    change about many items ("return_all bob") is made of."""
    uow_before = uow_before or uow
    with uow(read_only=True) as tx:
        before = max((e.id for e in tx.ledger.all()), default=0)
    replies = assistant.handle(case.who, case.text, source=f"independent:{case.source}")
    changes = outcome(uow, before)
    texts = [r.text for r in replies]
    expected = expanded([e.strip() for e in case.expected.split(" ; ")], uow_before)
    verb = case.expected.split()[0]
    if verb in CHANGE_VERBS:
        pairs = len(changes) == len(expected) and all(any(matches(e, a) for a in changes) for e in expected)
        wrong = bool(changes) and not pairs
        return Verdict(case, pairs, wrong, " ; ".join(changes) or _kind(replies), texts)
    if changes:
        return Verdict(case, False, True, " ; ".join(changes), texts)
    kind = _kind(replies)
    if verb == "ask":
        keys = expected[0].split()[1].split("|") if len(expected[0].split()) > 1 else []
        asked = [r for r in replies if r.kind is ReplyKind.QUESTION or _asks(r.text)]
        offered = {c.key for r in asked for c in r.choices}
        # the candidates offered as choices; or, for a question with none ("How many? ... e.g.
        # “consume 3 AAA batteries”"), each expected item named in it
        said = " ".join(r.text.lower() for r in asked)
        named = not offered and all(k.lower() in said or NAMES.get(k, k).lower() in said for k in keys)
        ok = bool(asked) and (not keys or set(keys) <= offered or named)
        return Verdict(case, ok, False, kind + (f" {'|'.join(sorted(offered))}" if offered else ""), texts)
    if verb == "answer":
        key = expected[0].split()[2] if len(expected[0].split()) > 2 else None
        said = [t.lower() for t in texts]
        ok = kind == "answer" and (
            key is None or any(w in t for t in said for w in (key.lower(), NAMES.get(key, key).lower()))
        )
        return Verdict(case, ok, False, kind, texts)
    if verb == "refuse":
        return Verdict(case, kind in ("refuse", "unknown"), False, kind, texts)
    if verb == "unknown":
        return Verdict(case, kind in ("unknown", "refuse") or not replies, False, kind, texts)
    return Verdict(case, False, False, kind, texts)


def _asks(text: str) -> bool:
    """The reply puts a question to the person ("How many? Say it with a
    number..."); a question mark inside quotes is their words, not a question."""
    return "?" in re.sub(r"“[^”]*”", "", text)


def _kind(replies) -> str:
    if any(r.kind is ReplyKind.QUESTION for r in replies):
        return "ask"
    if any(r.kind is ReplyKind.REFUSAL for r in replies):
        if any("didn't understand" in r.text for r in replies):
            return "unknown"
        return "ask" if any(_asks(r.text) for r in replies) else "refuse"
    return "answer" if replies else "nothing"
