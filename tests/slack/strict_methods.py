"""The strict Slack double's Web API methods: token and scope checks, then one handler per method,
each refusing what the real Slack refuses (rules in slack_rules.py, each citing Slack's docs).

Documented simplifications (keep it a test double):
- Channel names ("#general") are not modelled: only ids. C/G ids not in `member_of` answer
  not_in_channel; anything that is not an id answers channel_not_found.
- DMs: any well-formed D id is accepted unless `strict_dms=True`; then only D ids opened with
  conversations.open, or a known user's DM: "D" + user id, or "D" + the id without its leading U
  ("DALICE" for UALICE, as the harness names them).
- User ids are checked against `users` only when `users` is non-empty.
- chat.update does not check that `ts` names a message the bot posted, only that it looks like a ts.
- User groups (usergroups.users.list) are the `groups` the test sets; disabled groups are not modelled.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from tests.slack import slack_rules as rules
from tests.slack.slack_rules_functions import outputs_problems

# https://docs.slack.dev/apis/web-api/rate-limits: chat.postMessage "generally allows posting one
# message per second per channel"; short bursts are tolerated. We allow this many per second.
POSTS_PER_CHANNEL_PER_SECOND = 5
TRIGGER_SECONDS = 3.0


class WebApiMethods:
    """Mixed into StrictSlack, whose __init__ sets the state read here (`users`, `scopes`,
    `member_of`, `strict_dms`, `enforce_rate_limits`, `token`, `url`, `file_infos`, `_lock`,
    `_opened_dms`, `_uploads`, `_posts`) and which provides `next_ts()` and `now()`."""

    # -- Web API answers ------------------------------------------------------------------------

    def _answer(self, method: str, params: dict) -> dict:
        token = params.get("_token") or params.get("token")
        if not token:
            return {"ok": False, "error": "not_authed"}
        execution = self._execution_of(token)
        if token != self.token and execution is None:
            return {"ok": False, "error": "invalid_auth"}
        handler = self._handlers().get(method)
        if handler is None and method not in rules.REQUIRED_SCOPES:
            return {"ok": False, "error": "unknown_method"}
        needed = rules.scopes_needed(method, params)
        if needed and not self.scopes.intersection(needed):
            return rules.missing_scope_answer(needed, self.scopes)
        return handler(params) if handler else {"ok": True}

    def _handlers(self) -> dict[str, Callable[[dict], dict]]:
        return {
            "auth.test": lambda p: {
                "ok": True,
                "url": self.url + "/",
                "team": "Test",
                "user": "quartermaster",
                "team_id": "T1",
                "user_id": "UBOT",
                "bot_id": "BBOT",
            },
            "apps.connections.open": lambda p: {"ok": False, "error": "not_allowed_token_type"},
            "chat.postMessage": self._post_message,
            "chat.postEphemeral": self._post_ephemeral,
            "chat.update": self._update_message,
            "conversations.open": self._open_conversation,
            "conversations.info": self._conversation_info,
            "users.info": self._user_info,
            "files.info": self._file_info,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
            # https://docs.slack.dev/reference/methods/views.publish (user_id), views.open / views.push
            # (trigger_id), views.update (view_id or external_id)
            "usergroups.users.list": self._group_members,
            "functions.completeSuccess": lambda p: self._complete_step(p, True),
            "functions.completeError": lambda p: self._complete_step(p, False),
            "views.publish": lambda p: self._view(p, {"home"}, needs=("user_id",)),
            "views.open": self._view_by_trigger,
            "views.push": self._view_by_trigger,
            "views.update": lambda p: self._view(p, {"modal", "home"}, needs=("view_id", "external_id")),
        }

    def _view_by_trigger(self, params: dict) -> dict:
        """views.open / views.push: the view is checked first, then its trigger is spent."""
        answer = self._view(params, {"modal"}, needs=("trigger_id",))
        return (self._trigger_refusal(params) or answer) if answer.get("ok") else answer

    def _trigger_refusal(self, params: dict) -> dict | None:
        # https://docs.slack.dev/reference/methods/views.open: a trigger_id expires 3 seconds after
        # it was issued (expired_trigger_id) and is exchanged for one view (exchanged_trigger_id);
        # one Slack never issued is invalid_trigger_id.
        trigger = str(params.get("trigger_id") or "")
        if not trigger:
            return None  # _view says what is missing
        with self._lock:
            issued = self.triggers.get(trigger)
            if issued is None:
                return {"ok": False, "error": "invalid_trigger_id"}
            if issued[1]:
                return {"ok": False, "error": "exchanged_trigger_id"}
            if self.now() - issued[0] > TRIGGER_SECONDS:
                return {"ok": False, "error": "expired_trigger_id"}
            issued[1] = True
        return None

    def _execution_of(self, token: str) -> str | None:
        with self._lock:
            return next((e for e, state in self.executions.items() if state[0] == token), None)

    def _complete_step(self, params: dict, success: bool) -> dict:
        # rules: tests/slack/slack_rules_functions.py (functions.completeSuccess / completeError)
        execution = str(params.get("function_execution_id") or "")
        field = "outputs" if success else "error"
        if not execution or params.get(field) in (None, ""):
            missing = "function_execution_id" if not execution else field
            return rules.Refusal("invalid_arguments", [f"missing required field: {missing}"]).answer()
        with self._lock:
            state = self.executions.get(execution)
            if state is None:
                return {"ok": False, "error": "function_execution_not_found"}
            if state[1] != "running":
                return {"ok": False, "error": "execution_not_in_running_state"}
        token = params.get("_token") or params.get("token")
        if token != state[0]:  # another execution's token, or the bot's own
            return {"ok": False, "error": "access_denied"}
        outputs = params.get("outputs")
        if success:
            if isinstance(outputs, str):  # a form-encoded call sends the object as JSON text
                outputs = json.loads(outputs)
            problems = outputs_problems(self.functions[state[3]], outputs)
            if problems:
                return rules.Refusal("parameter_validation_failed", problems).answer()
        with self._lock:
            state[1], state[2] = ("completed", outputs) if success else ("failed", params.get("error"))
        return {"ok": True}

    def _group_members(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/usergroups.users.list: `usergroup` is required; an
        # unknown one answers no_such_subteam; the answer's `users` are member IDs.
        group = str(params.get("usergroup") or "")
        if not group:
            return rules.Refusal("invalid_arguments", ["missing required field: usergroup"]).answer()
        with self._lock:
            members = self.groups.get(group)
        if members is None:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": list(members)}

    def _target_refusal(self, channel: str) -> str | None:
        """Can the bot post in `channel`? (chat.postMessage errors: channel_not_found, not_in_channel)"""
        kind = rules.conversation_kind(channel)
        if kind is None:
            return "channel_not_found"
        if kind == "user":  # posts into the app's DM with chat:write alone (chat.postMessage "channels")
            return None if self._user_exists(channel) else "channel_not_found"
        if kind == "dm":
            return None if self._dm_exists(channel) else "channel_not_found"
        return None if channel in self.member_of or channel in self._opened_dms else "not_in_channel"

    def _user_exists(self, user: str) -> bool:
        return not self.users or user in self.users

    def _dm_exists(self, channel: str) -> bool:
        """A user's DM with the app is "D" + user id (what conversations.open answers) or, as the
        harness names them, "D" + the id without its U ("DALICE" for UALICE)."""
        with self._lock:
            if not self.strict_dms or channel in self._opened_dms:
                return True
        return any(channel in ("D" + user, "D" + user[1:]) for user in self.users)

    def _message_refusal(self, params: dict) -> dict | None:
        channel = str(params.get("channel") or "")
        error = self._target_refusal(channel)
        if error:
            return {"ok": False, "error": error}
        if (
            "thread_ts" in params
            and params["thread_ts"] not in (None, "")
            and not rules.looks_like_ts(params["thread_ts"])
        ):
            problem = f"{params['thread_ts']} is not a valid thread_ts"
            return rules.Refusal("invalid_thread_ts", [problem]).answer()
        refusal = rules.message_refusal(params)
        return refusal.answer() if refusal else None

    def _post_message(self, params: dict) -> dict:
        refused = self._message_refusal(params)
        if refused:
            return refused
        channel = str(params["channel"])
        if rules.conversation_kind(channel) == "user":
            channel = "D" + channel  # the answer names the app's DM with that user
            with self._lock:
                self._opened_dms.add(channel)
        ts = self.next_ts()
        message = {
            "type": "message",
            "user": "UBOT",
            "bot_id": "BBOT",
            "ts": ts,
            "text": params.get("text", ""),
        }
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _post_ephemeral(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/chat.postEphemeral: `user` required and "should be
        # in the channel"; error user_not_in_channel ("Intended recipient is not in the specified channel").
        user = str(params.get("user") or "")
        if not user:
            return rules.Refusal("invalid_arguments", ["missing required field: user"]).answer()
        if rules.conversation_kind(user) != "user" or not self._user_exists(user):
            return {"ok": False, "error": "user_not_in_channel"}
        return self._message_refusal(params) or {"ok": True, "message_ts": self.next_ts()}

    def _update_message(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/chat.update: channel + ts of the message.
        if not rules.looks_like_ts(params.get("ts")):
            return {"ok": False, "error": "message_not_found"}
        refused = self._message_refusal(params)
        return refused or {
            "ok": True,
            "channel": params["channel"],
            "ts": params["ts"],
            "text": params.get("text", ""),
        }

    def _open_conversation(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/conversations.open: `users` (1 = DM, 2-8 = group DM)
        # or `channel`; errors users_list_not_supplied, user_not_found, too_many_users.
        users = [u.strip() for u in str(params.get("users") or "").split(",") if u.strip()]
        if not users:
            channel = str(params.get("channel") or "")
            if channel and self._dm_exists(channel) and rules.conversation_kind(channel) == "dm":
                return {"ok": True, "channel": {"id": channel}}
            return {"ok": False, "error": "channel_not_found" if channel else "users_list_not_supplied"}
        if len(users) > 8:
            return {"ok": False, "error": "too_many_users"}
        if any(rules.conversation_kind(u) != "user" or not self._user_exists(u) for u in users):
            return {"ok": False, "error": "user_not_found"}
        channel = "D" + users[0] if len(users) == 1 else "G" + "".join(u[1:] for u in users)[:20]
        with self._lock:
            already = channel in self._opened_dms
            self._opened_dms.add(channel)
        answer: dict[str, Any] = {"ok": True, "channel": {"id": channel}}
        return {**answer, "no_op": True, "already_open": True} if already else answer

    def _conversation_info(self, params: dict) -> dict:
        channel = str(params.get("channel") or "")
        kind = rules.conversation_kind(channel)
        if kind not in ("channel", "dm") or (kind == "dm" and not self._dm_exists(channel)):
            return {"ok": False, "error": "channel_not_found"}
        return {
            "ok": True,
            "channel": {
                "id": channel,
                "is_im": kind == "dm",
                "is_channel": channel[0] == "C",
                "is_private": channel[0] == "G",
                "is_member": channel in self.member_of,
            },
        }

    def _user_info(self, params: dict) -> dict:
        user = params.get("user")
        if user not in self.users:
            return {"ok": False, "error": "user_not_found"}
        name = self.users[user]
        return {
            "ok": True,
            "user": {
                "id": user,
                "name": name,
                "real_name": name,
                "profile": {"display_name": name, "real_name": name},
            },
        }

    def _file_info(self, params: dict) -> dict:
        file_id = params.get("file")
        if not file_id:
            return rules.Refusal("invalid_arguments", ["missing required field: file"]).answer()
        with self._lock:
            versions = self.file_infos.get(file_id)
            if versions:
                return {"ok": True, "file": versions.pop(0) if len(versions) > 1 else versions[0]}
        return {"ok": True, "file": {"id": file_id, "name": "file"}}

    def _upload_url(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/files.getUploadURLExternal: filename and length
        # required; missing_argument "typically only occurs when the length provided is 0".
        length = str(params.get("length") or "")
        if not params.get("filename") or not length.isdigit() or int(length) == 0:
            return {"ok": False, "error": "missing_argument"}
        with self._lock:
            file_id = f"F{len(self._uploads) + 1:06d}"
            self._uploads[file_id] = False
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, params: dict) -> dict:
        # https://docs.slack.dev/reference/methods/files.completeUploadExternal: `files` (JSON array of
        # {id, title}) required; errors file_not_found ("Could not find the file from the upload
        # ticket"), invalid_channel.
        files = params.get("files")
        if not isinstance(files, list) or not files or not all(isinstance(f, dict) for f in files):
            return rules.Refusal("invalid_arguments", ["files must be a JSON array of {id, title}"]).answer()
        with self._lock:
            if any(not self._uploads.get(str(f.get("id"))) for f in files):
                return {"ok": False, "error": "file_not_found"}
        for key in ("channel_id", "channels"):
            for channel in filter(None, str(params.get(key) or "").split(",")):
                if self._target_refusal(channel.strip()):
                    return {"ok": False, "error": "invalid_channel"}
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title") or "upload"} for f in files]}

    def _view(self, params: dict, types: set[str], needs: tuple[str, ...]) -> dict:
        if not any(params.get(name) for name in needs):
            problem = f"missing required field: {' or '.join(needs)}"
            return rules.Refusal("invalid_arguments", [problem]).answer()
        refusal = rules.view_refusal(params.get("view"), types)
        if refusal:
            return refusal.answer()
        return {"ok": True, "view": {**params["view"], "id": f"V{self.next_ts().replace('.', '')}"}}

    # -- rate limits ----------------------------------------------------------------------------

    def _over_rate_limit(self, channel: str) -> bool:
        if not self.enforce_rate_limits:
            return False
        with self._lock:
            window = self._posts[channel]
            now = self.now()
            while window and now - window[0] >= 1.0:
                window.popleft()
            if len(window) >= POSTS_PER_CHANNEL_PER_SECOND:
                return True
            window.append(now)
            return False
