"""The books' lists read the database as many times for thirty rows as for three: the
treasurer's transactions and bank imports, the open budget's transactions."""

import pytest

from remix.core.tests.page_queries import page_queries_flat
from remix.ledger.models import Account, BankImport
from remix.ledger.tests.builders import books_load, fund_project

pytestmark = pytest.mark.django_db


def transactions(*, flag="*", fund=""):
    def rows(start, stop):
        books_load(
            "\n\n".join(
                f"""
                2026-03-{n % 28 + 1:02d} {flag} "Ligne {n}" donneur-{n % 5}
                  Assets:Bank:Current          -{n + 1}.00 EUR {fund}
                  Expenses:Hosting              {n + 1}.00 EUR {fund}
                """
                for n in range(start, stop)
            )
        )

    return rows


def test_the_treasurer_transactions_cost_their_page(as_treasurer, platform):
    few, many = page_queries_flat(
        as_treasurer, "/en/budget/books/transactions/", rows=transactions(flag="!")
    )
    assert "Ligne 2" in few and "Ligne 29" in many and "Donneur 4" in many


def test_the_open_budget_transactions_cost_their_page(client, platform):
    fund_project("fiesta-2026")
    few, many = page_queries_flat(
        client, "/en/budget/?fund=fiesta-2026&period=2026", rows=transactions(fund="fiesta-2026")
    )
    assert "Ligne 2" in few and "Ligne 27" in many  # the newest page: 25 of the 30


def test_the_bank_imports_cost_their_page(as_treasurer, platform, treasurer):
    bank = Account.objects.get(code="Assets:Bank:Current")

    def rows(start, stop):
        for n in range(start, stop):
            BankImport.objects.create(
                account=bank,
                fund=platform,
                filename=f"releve-{n}.csv",
                sha256=f"{n:064d}",
                created_by=treasurer,
            )

    few, many = page_queries_flat(as_treasurer, "/en/budget/books/imports/", rows=rows)
    assert "releve-2.csv" in few and "releve-29.csv" in many and "releve-9.csv" not in many
