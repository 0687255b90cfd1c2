"""Audits: what the register says should be at a location, against what
people reported seeing there."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditResult:
    location: str
    found: tuple[str, ...]  # expected and seen
    missing: tuple[str, ...]  # expected, not seen
    unexpected: tuple[str, ...]  # seen there, registered elsewhere (or nowhere)

    def summary(self) -> str:
        lines = [
            f"Audit of {self.location}: {len(self.found)} found, {len(self.missing)} missing, {len(self.unexpected)} unexpected."
        ]
        if self.missing:
            lines.append("Missing: " + ", ".join(self.missing))
        if self.unexpected:
            lines.append("Unexpected here: " + ", ".join(self.unexpected))
        return "\n".join(lines)

    def as_record(self) -> dict:
        return {"found": list(self.found), "missing": list(self.missing), "unexpected": list(self.unexpected)}


def reconcile(location: str, expected: set[str], seen: set[str]) -> AuditResult:
    return AuditResult(
        location,
        tuple(sorted(expected & seen)),
        tuple(sorted(expected - seen)),
        tuple(sorted(seen - expected)),
    )
