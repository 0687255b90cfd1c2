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
        connection.execute(
            text(
                "INSERT INTO assets (tag, tag_key, name, depreciation_method, status, aliases, purchase_date) "
                "VALUES ('A-1', 'A1', 'Thing', 'straight_line', 'available', '', '2024-03-15')"
            )
        )
    upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT purchase_month, purchase_day FROM assets")).one()
    assert tuple(row) == (2024 * 12 + 2, 15)
    engine.dispose()


def test_remembering_a_person_twice_at_once_does_not_collide(engine):
    import threading
    from datetime import datetime, timezone

    from storage.unit_of_work import unit_of_work_factory

    uow, errors, barrier = unit_of_work_factory(engine), [], threading.Barrier(4)

    def remember(n):
        try:
            barrier.wait()
            with uow() as tx:
                tx.people.remember("U1", f"alice{n}", datetime.now(timezone.utc))
                tx.commit()
        except Exception as error:  # noqa: BLE001 - the test is that nothing raises
            errors.append(error)

    threads = [threading.Thread(target=remember, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with uow(read_only=True) as tx:
        assert tx.people.name_of("U1").startswith("alice")
