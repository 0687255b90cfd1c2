"""A fake Slack Web API on 127.0.0.1 (port 0) that records every call.

Answers the methods Quartermaster uses, parses form and JSON bodies like
Slack does, and also plays the response_url and file-upload endpoints."""
from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeSlack:
    def __init__(self, users: dict[str, str] | None = None):
        self.users = users or {}
        self.files: dict[str, bytes] = {}  # served at /files/NAME to requests bearing the bot token
        # What files.info answers for a file id, in turn (the last one repeats):
        # e.g. a voice clip whose transcript is processing, then complete.
        self.file_infos: dict[str, list[dict]] = {}
        self.calls: list[tuple[str, dict]] = []
        self._lock = threading.Lock()
        self._ts = 1700000000.000100
        handler = type("Handler", (_Handler,), {"fake": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeSlack":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def record(self, method: str, params: dict) -> None:
        with self._lock:
            self.calls.append((method, params))

    def next_ts(self) -> str:
        with self._lock:
            self._ts += 1
            return f"{self._ts:.6f}"

    def called(self, method: str) -> list[dict]:
        with self._lock:
            return [params for name, params in self.calls if name == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict]:
        """Poll until `method` was called `count` times (Bolt answers first, acts after)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.called(method)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"{method} called {len(self.called(method))} times, expected {count}: {self.calls}")

    def answer(self, method: str, params: dict) -> dict:
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"}
        if method in ("chat.postMessage", "chat.update"):
            return {"ok": True, "channel": params.get("channel"), "ts": self.next_ts()}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self.next_ts()}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(params.get("users", "X")).split(",")[0]}}
        if method == "users.info":
            user = params.get("user")
            if user not in self.users:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": {"id": user, "name": self.users[user], "profile": {"display_name": self.users[user]}}}
        if method == "files.getUploadURLExternal":
            return {"ok": True, "upload_url": f"{self.url}/upload/F123", "file_id": "F123"}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": "F123", "title": "upload"}]}
        if method == "apps.connections.open":
            return {"ok": False, "error": "not_allowed_token_type"}  # tests stop at the attempt
        if method == "files.info":
            versions = self.file_infos.get(params.get("file"))
            if versions:
                return {"ok": True, "file": versions.pop(0) if len(versions) > 1 else versions[0]}
            return {"ok": True, "file": {"id": params.get("file"), "name": "file"}}
        return {"ok": True}


class _Handler(BaseHTTPRequestHandler):
    fake: FakeSlack

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        path = urllib.parse.urlparse(self.path).path
        name = path.removeprefix("/files/")
        self.fake.record("download", {"path": path, "authorization": self.headers.get("Authorization")})
        if not path.startswith("/files/") or name not in self.fake.files:
            self._send(404, "not found", "text/plain")
        elif self.headers.get("Authorization") != "Bearer xoxb-test":
            self._send(403, "forbidden", "text/plain")  # Slack answers a login page; a refusal is plainer
        else:
            data = self.fake.files[name]
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = urllib.parse.urlparse(self.path).path
        if path.startswith("/api/"):
            method = path.removeprefix("/api/")
            params = _params(self.headers.get("Content-Type", ""), body)
            params["_token"] = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            self.fake.record(method, params)
            self._send(200, json.dumps(self.fake.answer(method, params)), "application/json")
        elif path.startswith("/response/"):
            self.fake.record("response_url", {"path": path, **json.loads(body or b"{}")})
            self._send(200, "ok", "text/plain")
        elif path.startswith("/upload/"):
            self.fake.record("upload", {"path": path, "bytes": len(body)})
            self._send(200, "OK", "text/plain")
        else:
            self._send(404, "not found", "text/plain")

    def _send(self, status: int, text: str, content_type: str) -> None:
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _params(content_type: str, body: bytes) -> dict:
    if "json" in content_type:
        return json.loads(body or b"{}")
    params = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()}
    for key in ("blocks", "view"):
        if isinstance(params.get(key), str):
            params[key] = json.loads(params[key])
    return params
