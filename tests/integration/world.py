"""Reading the world back after a conversation: what is on the shelf, where an
asset is and with whom, and what the ledger recorded."""

from __future__ import annotations


def on_hand(uow, sku: str) -> int:
    with uow(read_only=True) as tx:
        return tx.stock.get(sku).on_hand


def asset(uow, tag: str):
    with uow(read_only=True) as tx:
        return tx.assets.get(tag)


def ledger(uow) -> list:
    with uow(read_only=True) as tx:
        return list(tx.ledger.all())


def entries(uow) -> list:
    """The ledger after the test catalog was loaded: what the conversation changed."""
    return [e for e in ledger(uow) if e.actor != "setup"]
