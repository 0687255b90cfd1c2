"""Every hand-written phrasing in corpus.txt must be understood as written there."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from domain.commands import Take, Unknown, command_types
from domain.errors import DomainError, NotFound
from domain.language import parse
from services.notation import describe, keys
from services.places import NeedsPlace
from services.understanding import NeedsChoice, understand
from tests.language.catalog import corpus_index

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
CORPUS = Path(__file__).with_name("corpus.txt")
INDEX = corpus_index()


def load_corpus() -> list[tuple[str, str]]:
    cases = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, _, expected = line.rpartition(" => ")
            cases.append((text, expected.strip()))
    return cases


def meaning(text: str) -> str:
    """What the bot makes of `text`, in the corpus's notation."""
    commands = parse(text, NOW, timezone.utc)
    if any(isinstance(c, Unknown) for c in commands):
        return "unknown"
    try:
        return " ; ".join(describe(u) for u in understand(commands, INDEX))
    except NeedsChoice as choice:
        return "ask " + keys(choice.candidates)
    except NeedsPlace as place:
        return f"ask_{place.field} " + ("|".join(place.candidates) or "new")
    except NotFound:
        return "not_found"
    except DomainError:
        return "refuse"


CASES = load_corpus()


def test_the_corpus_is_large_and_covers_every_command():
    assert len(CASES) >= 300
    expected = " ".join(e for _, e in CASES)
    for kind in command_types().values():
        assert kind.name in expected or kind is Take, kind  # a Take is written as what it became


@pytest.mark.parametrize("text,expected", CASES, ids=[t[:60] for t, _ in CASES])
def test_phrasing(text, expected):
    assert meaning(text) == expected
