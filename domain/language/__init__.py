"""Free text to commands: pure functions, no catalog access."""

from domain.language.parser import parse

__all__ = ["parse"]
