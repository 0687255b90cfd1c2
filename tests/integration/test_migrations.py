from sqlalchemy import inspect

from storage.migrate import check, upgrade


def test_migrations_create_the_schema_and_match_the_models(engine):
    assert {"assets", "stock_items", "ledger", "alembic_version"} <= set(inspect(engine).get_table_names())
    check(engine)  # raises if models and migrations disagree


def test_upgrading_twice_is_harmless(engine):
    upgrade(engine)
    check(engine)


def test_purchase_month_numbers_are_filled_in_for_existing_assets(database_url):
    from alembic import command
    from sqlalchemy import text

    from storage.database import make_engine
    from storage.migrate import alembic_config

    engine = make_engine(database_url)
    already_migrated = inspect(engine).has_table("alembic_version")  # the PostgreSQL template is at head
    with engine.connect() as connection:
        if already_migrated:
            command.downgrade(alembic_config(connection), "0005")
        command.upgrade(alembic_config(connection), "0005")
        connection.commit()
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO assets (tag, tag_key, name, depreciation_method, status, aliases, purchase_date) "
                                "VALUES ('A-1', 'A1', 'Thing', 'straight_line', 'available', '', '2024-03-15')"))
    upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT purchase_month, purchase_day FROM assets")).one()
    assert tuple(row) == (2024 * 12 + 2, 15)
    engine.dispose()
