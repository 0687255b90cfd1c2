from sqlalchemy import inspect

from storage.migrate import check, upgrade


def test_migrations_create_the_schema_and_match_the_models(engine):
    assert {"assets", "stock_items", "ledger", "alembic_version"} <= set(inspect(engine).get_table_names())
    check(engine)  # raises if models and migrations disagree


def test_upgrading_twice_is_harmless(engine):
    upgrade(engine)
    check(engine)
