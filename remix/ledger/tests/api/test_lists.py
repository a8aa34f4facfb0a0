"""The books' lists read a page in as many queries at 3 rows added as at 30: the chart of
accounts, the funds, and the transactions with their postings, for a visitor as for a
treasurer (who sees the drafts too)."""

import datetime

import pytest

from remix.allies.models import Actor
from remix.api.tests.lists import assert_list_cost_flat
from remix.ledger import services
from remix.ledger.models import Account, Fund, Transaction
from remix.ledger.selectors import platform_fund
from remix.ledger.tests.builders import fund_project

pytestmark = pytest.mark.django_db


def test_a_page_of_accounts_costs_the_same_at_3_as_at_30(client):
    def rows(n: int) -> set[str]:
        start = Account.objects.count()
        for number in range(start, start + n):
            services.account_create(code=f"Expenses:Travel:Trip{number}", name={"fr": "Voyage"})
        return set(Account.objects.values_list("code", flat=True))

    assert_list_cost_flat(client, "/ledger/accounts", rows=rows, key=lambda item: item["code"])


def test_a_page_of_funds_costs_the_same_at_3_as_at_30(client):
    def rows(n: int) -> set[str]:
        start = Fund.objects.count()
        for number in range(start, start + n):
            fund_project(f"fiesta-{number}")
        return set(Fund.objects.values_list("slug", flat=True))

    assert_list_cost_flat(client, "/ledger/funds", rows=rows, key=lambda item: item["slug"])


def _transactions(n: int, *, drafts: bool) -> set[int]:
    bank = Account.objects.get(code="Assets:Bank:Current")
    gifts = Account.objects.get(code="Income:Contributions:Donations")
    fiesta, platform = fund_project("fiesta-2026"), platform_fund()
    giver, _new = Actor.objects.get_or_create(
        slug="awa-diop", defaults={"name": "Awa Diop", "kind": "person"}
    )
    for number in range(n):
        fund = fiesta if number % 2 else platform
        services.transaction_create(
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
            description=f"Don {number}",
            legs=[
                services.Leg.of(bank, fund, "50.00", "EUR"),
                services.Leg.of(gifts, fund, "-50.00", "EUR"),
            ],
            counterparty=giver,
            anonymous=number % 3 == 0,
            post=not (drafts and number % 4 == 0),
        )
    shown = Transaction.objects.all() if drafts else Transaction.objects.posted()
    return set(shown.values_list("pk", flat=True))


def test_a_page_of_transactions_with_their_postings_costs_the_same_at_3_as_at_30(client):
    assert_list_cost_flat(
        client, "/ledger/transactions", rows=lambda n: _transactions(n, drafts=False)
    )


def test_a_treasurers_page_with_the_drafts_costs_the_same_at_3_as_at_30(client, treasurer):
    assert_list_cost_flat(
        client,
        "/ledger/transactions",
        rows=lambda n: _transactions(n, drafts=True),
        **treasurer,
    )
