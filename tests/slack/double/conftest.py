"""The double on its own, no bot: each test gets a fresh one."""

import pytest

from tests.slack.double.helpers import USERS
from tests.slack.strict_slack import StrictSlack


@pytest.fixture
def slack():
    with StrictSlack(USERS) as fake:
        yield fake
