"""The console chat: every line is a message, every reply plain text.
`@bob: text` speaks as bob. The same assistant as Slack, minus Slack."""

from __future__ import annotations

import logging
import re
import sys
import uuid
from typing import TextIO

from sqlalchemy.exc import DBAPIError

from services.assistant import Assistant
from services.inbound import Inbound
from services.replies import Reply, ReplyKind

log = logging.getLogger(__name__)
_SPEAKER = re.compile(r"^@(?P<name>[\w.\-]+)\s*:\s*(?P<text>.*)$", re.S)
DB_DOWN = "I can't reach the database right now, so nothing was changed. Please try again in a moment."


class ConsoleChat:
    def __init__(self, assistant: Assistant, user: str):
        self.assistant = assistant
        self.user = user
        self.pending: dict[str, Reply] = {}  # an open question per person
        self.lines = 0

    def say(self, line: str) -> str:
        """One input line in, the bot's answer out (possibly several lines)."""
        self.lines += 1
        speaker, text = self.user, line.rstrip("\r\n")
        match = _SPEAKER.match(text.strip())
        if match:
            speaker, text = match.group("name"), match.group("text")
        source = f"console:{speaker}:{self.lines}"
        try:
            replies = self._answer_question(speaker, text, source)
            if replies is None:
                message = Inbound(self.assistant.person(speaker), text, source=source)
                replies = self.assistant.receive(message).replies
        except DBAPIError:
            log.exception("database error")
            return DB_DOWN
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("unexpected error (ref %s)", ref)
            return f"Something went wrong on my side (ref {ref}); nothing was changed."
        return "\n".join(self._render(speaker, reply) for reply in replies)

    def _answer_question(self, speaker: str, text: str, source: str) -> list[Reply] | None:
        question = self.pending.pop(speaker, None)
        if question is None:
            return None
        answer = text.strip().strip(".").lower()
        for number, choice in enumerate(question.choices, start=1):
            if answer in (str(number), choice.key.lower()):
                return self.assistant.answer(speaker, question.question_id, choice.key, source)
        return None  # not an answer: treat it as a new message

    def _render(self, speaker: str, reply: Reply) -> str:
        if reply.attachment and reply.attachment[0].endswith(".csv"):
            return reply.text + "\n" + reply.attachment[1].decode("utf-8").rstrip("\n")
        if reply.attachment:  # an image or a PDF: the terminal can't show it
            return (
                reply.text
                + "\n(Files come as uploads in Slack; here use `quartermaster labels` or `quartermaster report --chart`.)"
            )
        if reply.kind is not ReplyKind.QUESTION:
            told = [f"(to {n.person}: {n.text})" for n in reply.told]  # nobody else reads this terminal
            return "\n".join([reply.text, *told])
        self.pending[speaker] = reply
        options = [f"  {n}. {choice.label}" for n, choice in enumerate(reply.choices, start=1)]
        return "\n".join([reply.text, *options, "Answer with a number or a tag."])


def run(chat: ConsoleChat, lines: TextIO = sys.stdin, out: TextIO = sys.stdout) -> None:
    interactive = lines.isatty()
    if interactive:
        out.write(f"Quartermaster console, speaking as {chat.user}. Type “help”, Ctrl-D to quit.\n")
    while True:
        if interactive:
            out.write(f"{chat.user}> ")
            out.flush()
        line = lines.readline()
        if not line:
            return
        if line.strip():
            out.write(chat.say(line) + "\n")
            out.flush()
