"""Messages that name no catalog item never change anything."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.catalog import seed

VERBS = ["used", "check out", "received", "return", "count", "take", "we have", "set", "undo that for", ""]
NOISE = st.text(alphabet="0123456789 !?.,;:-#@*_~`<>|/\\\t\u200b\u00a0😀", max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(verb=st.sampled_from(VERBS), noise=NOISE)
def test_noise_after_any_verb_changes_nothing(assistant, uow, verb, noise):
    with uow(read_only=True) as tx:
        if not tx.assets.count():
            seed(uow)
    with uow(read_only=True) as tx:
        before = sum(1 for _ in tx.ledger.all())
    replies = assistant.handle("mallory", f"{verb} {noise}")
    assert replies and not any(r.changed for r in replies)
    with uow(read_only=True) as tx:
        assert sum(1 for _ in tx.ledger.all()) == before
