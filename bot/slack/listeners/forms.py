"""`/qm` with no text, its menu and forms, and the two shortcuts. Like the
Book modal, they answer inside the request: a view opens within the
trigger's 3 seconds, and a submission's errors go back in its ack. "Record
this" is stored and run by the worker (the author confirms it later)."""

from __future__ import annotations

import logging
import re

from slack_bolt import Ack, App

from bot.slack import booking_modal, catalog_forms, forms
from bot.slack.blocks import ACTION_SEPARATOR
from bot.slack.listeners import once
from bot.slack.listeners.store import Store

log = logging.getLogger(__name__)
RECORD, CHECK_OUT = "qm_record", "qm_check_out"  # the message and global shortcuts' callback ids


def register(app: App, assistant, directory, store: Store) -> None:
    register_catalog_forms(app, assistant, directory)

    @app.command("/qm", matchers=[lambda body: not (body.get("text") or "").strip()])
    def on_bare_command(ack: Ack, body: dict, client) -> None:
        ack()
        # within the trigger's 3 seconds: roles as already known, never a lookup first
        manager = directory.is_manager_now(body["user_id"])
        client.views_open(trigger_id=body["trigger_id"], view=forms.menu(manager))

    @app.shortcut(CHECK_OUT)
    def on_check_out_shortcut(ack: Ack, body: dict, client) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=forms.form("check_out"))

    @app.shortcut(RECORD)
    def on_record_shortcut(ack: Ack, body: dict) -> None:
        message = body.get("message") or {}
        key = f"shortcut:{(body.get('channel') or {}).get('id')}:{message.get('ts')}"  # one proposal per message
        store("shortcut", key, None, body)
        ack()

    @app.action(re.compile("^" + forms.FORM_BUTTON + "(" + re.escape(ACTION_SEPARATOR) + r"\d+)?$"))
    def on_menu_button(ack: Ack, body: dict, client) -> None:
        ack()
        view_id = (body.get("view") or {}).get("id")
        if not view_id:  # a menu button outside its modal: nothing to turn into a form
            return
        kind = body["actions"][0].get("value") or ""
        if kind == "book":
            today = assistant.clock().astimezone(assistant.tz).date()
            view = booking_modal.view(today)
        elif kind.startswith("add:") and kind[4:] in catalog_forms.KINDS:
            view = catalog_forms.form(kind[4:])
        elif kind == "edit":
            view = catalog_forms.pick_view()
        elif kind in forms.FORMS:
            view = forms.form(kind)
        else:
            return
        client.views_update(view_id=view_id, hash=body["view"].get("hash"), view=view)

    @app.options(re.compile("^qm_pick_"))
    def on_pick(ack: Ack, body: dict) -> None:
        ack(
            options=forms.options(assistant.catalog.index(), body.get("action_id", ""), body.get("value", ""))
        )

    @app.view(forms.FORM)
    def on_form(ack: Ack, body: dict, client) -> None:
        view = body["view"]
        kind = view.get("private_metadata") or ""
        if kind not in forms.FORMS:
            ack(response_action="errors", errors={forms.ITEM: "This form is out of date; open it again."})
            return
        user = body["user"]["id"]
        command, errors = forms.submitted(kind, view.get("state", {}), assistant.tz)
        if errors:
            ack(response_action="errors", errors=errors)
            return
        if getattr(command, "person", None):
            directory.name(command.person)  # met: answers name them as Slack does
        if kind == "find":  # a question: nothing to do twice
            ctx = assistant.context(directory.person(user), source=f"view:{view.get('id')}")
            reply = assistant.run(ctx, [command]).replies[-1]
            ack(
                response_action="update",
                view=forms.answer_view(forms.FORMS[kind][0], reply.text, reply.cards),
            )
            return
        once.act(
            assistant,
            directory.person(user),
            view,
            command,
            ack,
            client,
            forms.ITEM,
            lambda refusal: forms.error_field(kind, refusal),
        )


def register_catalog_forms(app: App, assistant, directory) -> None:
    """Managers' add and edit forms: every CSV field, checked as a CSV row is."""

    @app.view(catalog_forms.PICK)
    def on_pick_to_edit(ack: Ack, body: dict) -> None:
        values = body["view"].get("state", {}).get("values", {})
        key = ((values.get("item", {}).get("qm_pick_any") or {}).get("selected_option") or {}).get("value")
        item = assistant.catalog.index().with_key(key or "")
        if item is None:
            ack(response_action="errors", errors={"item": "Pick the item to edit."})
            return
        kind = {"asset": "assets", "stock": "stock", "kit": "kits"}[item.type.value]
        with assistant.uow(read_only=True) as uow:
            current = catalog_forms.current_texts(uow, kind, item.key)
        ack(response_action="update", view=catalog_forms.form(kind, current))

    @app.view(catalog_forms.CALLBACK)
    def on_catalog_form(ack: Ack, body: dict, client) -> None:
        user = body["user"]["id"]
        person = directory.person(user)
        if not person.is_manager:
            ack(response_action="errors", errors={"name": "Only managers can add or edit items."})
            return
        ctx = assistant.context(person, source=f"view:{body['view'].get('id')}")
        with assistant.uow() as uow:
            if uow.inbox.accept(once.submission_key(body["view"]), None, "form", {}, ctx.now, "done") is None:
                ack(response_action="errors", errors={catalog_forms.fields("assets")[1]: once.ALREADY})
                return
            text, errors = catalog_forms.save(
                uow, ctx, body["view"].get("private_metadata") or "", body["view"].get("state", {})
            )
            if errors:
                ack(response_action="errors", errors=errors)
                return
            uow.commit()
        ack()
        try:
            client.chat_postMessage(channel=user, text=text)
        except Exception:
            log.warning("could not tell %s what their form did", user, exc_info=True)
