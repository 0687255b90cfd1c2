import pytest

from tests.catalog import seed
from tests.slack.harness import SlackBot
from tests.slack.strict_slack import StrictSlack

USERS = {"UALICE": "alice", "UBOB": "bob", "UMARIA": "maria"}
JOINED = {"CSUPPLIES", "CGENERAL", "CALERTS", "CSTORES"}  # channels the bot was invited to


@pytest.fixture
def fake():
    with StrictSlack(USERS, member_of=set(JOINED)) as fake:
        yield fake
        fake.assert_clean()  # a payload Slack would refuse fails the test that sent it


@pytest.fixture
def slack(fake, database_url):
    bot = SlackBot(fake, database_url)
    seed(bot.core.uow)
    bot.start()
    yield bot
    bot.stop()


@pytest.fixture
def modal_bot(fake, database_url, clock):
    """The bot on the test catalog with an injected clock (bookings and forms)."""
    bot = SlackBot(fake, database_url, clock=clock)
    seed(bot.core.uow)
    bot.start()
    yield bot
    bot.stop()
