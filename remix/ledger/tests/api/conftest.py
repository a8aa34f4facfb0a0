import datetime

import pytest

from remix.ledger import maths, selectors, services
from remix.ledger.tests.api import BOOKS, bearer
from remix.ledger.tests.builders import books_load, fund_project


@pytest.fixture
def ledger(db):
    """The platform's first months of 2026 and a fiesta, with needs and the hourly value."""
    fund_project("fiesta-2026")
    loaded = books_load(BOOKS)
    platform = selectors.platform_fund()
    year = maths.period_parse("2026")
    services.budget_line_create(fund=platform, period=year, amount="1200.00", category="hosting")
    services.budget_line_create(
        fund=platform, period=year, amount="6000.00", category="development"
    )
    services.rate_record(date=datetime.date(2026, 1, 1), commodity="HOUR", quote="EUR", rate="15")
    return {tx.description: tx for tx in loaded}


@pytest.fixture
def treasurer(api_token):
    _user, raw = api_token(username="tresoriere", roles=["treasurer"])
    return bearer(raw)
