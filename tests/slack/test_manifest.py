"""The app manifest declares what the code listens for, and nothing else."""
import re
from pathlib import Path

MANIFEST = (Path(__file__).parents[2] / "manifest.yml").read_text()
LISTENERS = (Path(__file__).parents[2] / "bot" / "slack" / "listeners.py").read_text()


def declared_events() -> set[str]:
    block = MANIFEST.split("bot_events:")[1].split("interactivity:")[0]
    return set(re.findall(r"-\s+([a-z_.]+)", block))


def test_every_declared_event_has_a_listener_and_every_listener_is_declared():
    listened = set(re.findall(r'@app\.event\("([a-z_]+)"\)', LISTENERS))
    declared = {event.split(".")[0] for event in declared_events()}
    assert listened == declared == {"app_mention", "app_home_opened", "message"}


def test_the_slash_command_interactivity_and_home_are_declared():
    assert "command: /qm" in MANIFEST and '@app.command("/qm")' in LISTENERS
    assert "is_enabled: true" in MANIFEST and "home_tab_enabled: true" in MANIFEST
    for path in re.findall(r"url: (\S+)", MANIFEST):
        assert path.endswith("/slack/events")


def test_the_scopes_cover_the_web_api_methods_the_code_calls():
    code = "".join(p.read_text() for p in (Path(__file__).parents[2] / "bot").rglob("*.py"))
    needs = {"files_info": "files:read", "url_private": "files:read", "files_upload_v2": "files:write",
             "users_info": "users:read", "chat_postMessage": "chat:write"}
    for call, scope in needs.items():
        if call in code:
            assert f"- {scope} " in MANIFEST, f"{call} needs the {scope} scope"
