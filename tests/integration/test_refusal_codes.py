"""A refusal says why in words and names the domain error behind it."""


def test_a_refusal_from_the_assistant_carries_the_errors_code(tmp_path):
    from bot.bootstrap import bootstrap
    from bot.settings import Settings
    from tests.catalog import seed

    app = bootstrap(Settings.from_env({"DATABASE_URL": f"sqlite:///{tmp_path / 'qm.db'}"}))
    seed(app.uow)
    app.assistant.handle("alice", "check out A-1042")
    (refused,) = app.assistant.handle("bob", "check out A-1042")
    assert refused.code == "asset_unavailable" and "already checked out to alice" in refused.text
