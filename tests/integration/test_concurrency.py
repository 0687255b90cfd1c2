"""Concurrent writers on one database: no lost update, no double check-out."""

import threading
from datetime import timezone

from domain.errors import AssetUnavailable, DomainError
from domain.ledger import Action
from domain.people import Person
from services.changes import check_out, move_stock
from services.context import Context
from tests.catalog import seed
from tests.conftest import NOW

THREADS = 8


def run_threads(target) -> list:
    results, barrier = [], threading.Barrier(THREADS)

    def worker(n):
        barrier.wait()
        results.append(target(n))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_eight_threads_consuming_one_item_give_the_exact_count(uow):
    seed(uow)
    per_thread = 10

    def consume(n):
        for i in range(per_thread):
            with uow() as tx:
                move_stock(
                    tx,
                    Context(Person(f"user{n}"), NOW, timezone.utc, f"t{n}:{i}"),
                    Action.CONSUME,
                    "PEN-BLU",
                    1,
                    None,
                )
                tx.commit()
        return n

    assert len(run_threads(consume)) == THREADS
    with uow(read_only=True) as tx:
        assert tx.stock.get("PEN-BLU").on_hand == 120 - THREADS * per_thread
        consumed = [e for e in tx.ledger.all() if e.action is Action.CONSUME]
    assert len(consumed) == THREADS * per_thread
    assert sorted(e.balance for e in consumed) == list(range(120 - THREADS * per_thread, 120))


def test_eight_threads_checking_out_one_asset_exactly_one_wins(uow):
    seed(uow)

    def grab(n):
        try:
            with uow() as tx:
                check_out(tx, Context(Person(f"user{n}"), NOW, timezone.utc), ["A-3001"], f"user{n}", None)
                tx.commit()
                return "won"
        except AssetUnavailable:
            return "refused"

    results = run_threads(grab)
    assert sorted(results) == ["refused"] * (THREADS - 1) + ["won"]
    with uow(read_only=True) as tx:
        winner = tx.assets.get("A-3001").holder
        outs = [e for e in tx.ledger.all() if e.action is Action.CHECK_OUT]
    assert len(outs) == 1 and outs[0].changes["holder"][1] == winner


def test_consumption_never_drives_stock_below_zero_under_contention(uow):
    seed(uow)  # 3 toner cartridges, 8 people want 1 each

    def take(n):
        try:
            with uow() as tx:
                move_stock(
                    tx, Context(Person(f"user{n}"), NOW, timezone.utc), Action.CONSUME, "TON-26A", 1, None
                )
                tx.commit()
                return "ok"
        except DomainError:
            return "refused"

    assert sorted(run_threads(take)).count("ok") == 3
    with uow(read_only=True) as tx:
        assert tx.stock.get("TON-26A").on_hand == 0
