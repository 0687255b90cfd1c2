import pytest

from tests.catalog import seed
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SlackBot

USERS = {"UALICE": "alice", "UBOB": "bob", "UMARIA": "maria"}


@pytest.fixture
def fake():
    with FakeSlack(USERS) as fake:
        yield fake


@pytest.fixture
def slack(fake, database_url):
    bot = SlackBot(fake, database_url)
    seed(bot.core.uow)
    bot.start()
    yield bot
    bot.stop()
