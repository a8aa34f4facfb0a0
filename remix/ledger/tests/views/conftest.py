"""What the tests of the treasurer's pages share: a treasurer logged in, and a small sample."""

import pytest

from remix.ledger.models import Fund
from remix.ledger.tests.builders import books_load


@pytest.fixture
def platform(db):
    return Fund.objects.get(kind="platform")


@pytest.fixture
def treasurer(make_user):
    return make_user("tresoriere", roles=["treasurer"], language="en")


@pytest.fixture
def as_treasurer(client, treasurer):
    client.force_login(treasurer)
    return client


@pytest.fixture
def sample(platform):
    """A posted donation, an imported row waiting, a need and a rate."""
    posted, waiting = books_load(
        """
        2026-03-03 * "Don de Julien" julien-moreau
          Assets:Bank:Current               50.00 EUR
          Income:Contributions:Donations   -50.00 EUR

        2026-03-05 ! "VIR OVH SAS"
          Assets:Bank:Current              -12.00 EUR
          Assets:Suspense                   12.00 EUR
        """
    )
    return {"posted": posted, "waiting": waiting}
