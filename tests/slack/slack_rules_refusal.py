"""How Slack reports a refused call: `Refusal` (an ok:false answer) and `_problem` (one message of it).

Problems are reported the way Slack reports them in `response_metadata.messages`, e.g.
"[ERROR] no more than 50 items allowed [json-pointer:/blocks]"
(format seen in real answers: https://github.com/adobe/spacecat-api-service/issues/176 and
https://github.com/incidentbot/incidentbot/issues/328).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Refusal:
    """An ok:false answer: Slack's error name and the messages it adds in response_metadata."""

    error: str
    messages: list[str] = field(default_factory=list)

    def answer(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error": self.error}
        if self.messages:
            body["errors"] = list(self.messages)
            body["response_metadata"] = {"messages": [f"[ERROR] {m}" for m in self.messages]}
        return body


def _problem(text: str, pointer: str) -> str:
    return f"{text} [json-pointer:{pointer}]"
