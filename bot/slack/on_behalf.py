"""Requests acted on for someone other than who sent them: a person Slack
deactivated (managers are told), a "Record this" shortcut (the message's author
confirms), a Workflow Builder step (whoever started the workflow). Mixed into
bot.slack.handlers.Handlers, whose assistant, directory, client, delivery and
answering they use."""

from __future__ import annotations

from bot.slack import leavers, workflow_steps
from bot.slack.answers import Where
from domain.people import Person, Role
from services.replies import refusal
from storage.inbox import InboxItem


class OnBehalf:
    def _user_left(self, item: InboxItem) -> bool:
        """Slack deactivated someone: managers hear what they still hold. The DMs are
        recorded in the transaction that marks the event done, so they go once."""
        user = item.payload["user"]
        ctx = self.assistant.context(
            Person("quartermaster", Role.MANAGER), f"slack:user_left:{user}", item.id
        )
        with self.assistant.uow() as uow:
            if not uow.inbox.finish(item.id):
                return True  # another worker did it
            ids = leavers.tell_managers(uow, ctx, self.delivery, self.delivery.managers, user)
            uow.commit()
        self.delivery.send([i for i in ids if i is not None])
        return True

    def _shortcut(self, item: InboxItem) -> bool:
        """ "Record this" on a message: proposed to its author by DM, with Confirm; the change is
        theirs when they confirm. Whoever used the shortcut is told where it went."""
        body = item.payload
        message, invoker = body.get("message") or {}, body["user"]["id"]
        author = message.get("user")
        if not author or message.get("bot_id"):
            self.client.chat_postMessage(
                channel=invoker, text="That message has no person to credit, so nothing was recorded."
            )
            return True
        ctx = self.assistant.context(
            self.directory.person(author),
            f"slack:shortcut:{(body.get('channel') or {}).get('id')}:{message.get('ts')}",
            item.id,
        )
        channel = (body.get("channel") or {}).get("id")
        words = message.get("text") or ""
        self.directory.mentions(words)  # "lent the drill to @alice": alice by name in the proposal
        replies = self.assistant.propose(ctx, words, said_as=f"slack:{channel}:{message.get('ts')}").replies
        where = Where(author, author, direct=True)
        _, recorded = self._deliverer(where, item.id)
        closed = self._answer(where, item.id, replies, recorded)
        if invoker != author:
            asked = any(r.choices for r in replies)
            said = f"sent to <@{author}> to confirm" if asked else f"shown to <@{author}>"
            self.client.chat_postMessage(
                channel=invoker, text=f"“Record this”: {said}. Nothing is recorded until they confirm."
            )
        return closed

    def _step(self, item: InboxItem) -> bool:
        """A Workflow Builder step: its commands run as whoever ran the workflow; the step
        completes with what was done, or fails with the refusal, once the change is committed."""
        step = item.payload
        inputs = step.get("inputs") or {}
        try:
            commands = workflow_steps.commands(step.get("callback_id") or "", inputs, self.assistant.tz)
            runner = workflow_steps.started_by(inputs)
        except ValueError as error:
            replies = [refusal(f"{str(error)[:1].upper()}{str(error)[1:]}; nothing was changed.")]
        else:
            for someone in filter(None, (inputs.get("person"), runner)):
                self.directory.name(str(someone))  # met: their name is kept for answers
            person = self.directory.person(runner)
            ctx = self.assistant.context(person, f"slack:step:{step['execution']}", item.id)
            replies = self.assistant.run(ctx, commands).replies
        # "return everything" from someone holding nothing: nothing to do is a step done
        done = any(r.changed for r in replies) or any(r.code == "holds_nothing" for r in replies)
        text = "\n".join(r.text for r in replies if r.text) or "Nothing was done."
        with self.assistant.uow() as uow:  # a refusal or question changed nothing: mark it done here
            uow.inbox.finish(item.id)
            uow.commit()
        workflow_steps.finish(self.client.base_url, step.get("token") or "", step["execution"], done, text)
        return True
