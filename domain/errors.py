"""Named domain errors. Each carries what the person needs to know and renders
itself as one friendly sentence; adapters show `str(error)` and nothing else."""

from __future__ import annotations

import re


class DomainError(Exception):
    """A refusal the user can act on. Nothing was changed when one is raised.
    `code` names the kind of refusal for logs, scripts and tests (the
    sentence may be reworded; the code stays): "asset_unavailable"."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    @property
    def code(self) -> str:
        return re.sub(r"(?<!^)(?=[A-Z])", "_", type(self).__name__).lower()


class NotFound(DomainError):
    def __init__(self, reference: str, suggestions: tuple[str, ...] = ()):
        self.reference = reference
        self.suggestions = suggestions
        text = f"I couldn't find anything called “{reference}”."
        if suggestions:
            text += " Did you mean " + _or_list(suggestions) + "?"
        super().__init__(text)


class Ambiguous(DomainError):
    """Several items fit a reference equally well: ask, change nothing."""

    def __init__(self, reference: str, candidates: tuple[str, ...]):
        self.reference = reference
        self.candidates = candidates
        super().__init__(f"“{reference}” could be several things: " + _or_list(candidates) + ".")


class AssetUnavailable(DomainError):
    def __init__(self, tag: str, status: str, holder: str | None = None, due: str | None = None):
        self.tag, self.status, self.holder, self.due = tag, status, holder, due
        if holder:
            text = f"{tag} is already checked out to {holder}"
            text += f" (due {due})." if due else "."
        else:
            text = f"{tag} can't go out: it is {status.replace('_', ' ')}."
        super().__init__(text)


class NotCheckedOut(DomainError):
    def __init__(self, tag: str, status: str):
        self.tag, self.status = tag, status
        super().__init__(
            f"{tag} isn't checked out (it is {status.replace('_', ' ')}), so there is nothing to return."
        )


class InsufficientStock(DomainError):
    def __init__(self, name: str, on_hand: str, requested: str):
        self.name, self.on_hand, self.requested = name, on_hand, requested
        super().__init__(f"There are only {on_hand} of {name} on hand, not {requested}. Nothing was changed.")


class InvalidQuantity(DomainError):
    pass


class UnknownPack(DomainError):
    def __init__(self, name: str, pack: str, known: tuple[str, ...]):
        self.name, self.pack, self.known = name, pack, known
        text = f"{name} doesn't come in a “{pack}”."
        text += f" It comes in {_or_list(known)}." if known else " It is counted only in single units."
        super().__init__(text)


class InvalidValue(DomainError):
    """A field given a value it cannot take (negative cost, unknown status...)."""


class PermissionDenied(DomainError):
    def __init__(self, person: str, action: str):
        self.person, self.action = person, action
        super().__init__(f"Sorry {person}, only managers can {action}.")


class NothingToUndo(DomainError):
    def __init__(self, person: str):
        super().__init__(f"{person}, you have no change left to undo.")


class UndoConflict(DomainError):
    """The item moved on since the change; reversing it blindly would be wrong."""


class AlreadyExists(DomainError):
    pass


class MissingField(DomainError):
    """A required field left out of a request: the message asks for it and shows how to say it."""


class FieldNamedTwice(DomainError):
    """One field given two values in a request: the message asks which."""


def _or_list(items: tuple[str, ...] | list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


class NotLendable(DomainError):
    """A consumable asked for as a loan ("borrow 3 pens"): it is used, not lent."""

    def __init__(self, name: str, hint: str = "took"):
        self.name = name
        what = "used" if hint == "took" else "back on the shelf"
        super().__init__(
            f"{name} is used up, not lent, so it can't be borrowed or returned. "
            f"Say e.g. “{hint} 2 {name}” to record it {what}. Nothing was changed."
        )


class MoreThanLent(DomainError):
    def __init__(self, name: str, held: str, said: str, whose: str):
        self.name, self.held, self.said = name, held, said
        super().__init__(f"{whose} {held} of {name} on loan, not {said}. Nothing was changed.")
