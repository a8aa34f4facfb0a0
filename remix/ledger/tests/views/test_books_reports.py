"""Needs, rates, the reports and closing, through the pages."""

import datetime
from decimal import Decimal

from remix.ledger import selectors
from remix.ledger.models import BudgetLine, ClosedPeriod, ExchangeRate, Posting
from remix.ledger.tests.builders import books_load, fund_project
from remix.ledger.tests.views.pages import BOOKS, acc

D = datetime.date


def test_needs_are_listed_per_year_created_and_deleted(as_treasurer, platform):
    as_treasurer.post(
        BOOKS + "needs/new/",
        {
            "fund": platform.pk,
            "period": "2026-q3",
            "account": acc("Expenses:Hosting").pk,
            "amount": "1 500,00",
            "commodity": "EUR",
            "note": "Serveurs",
        },
    )
    line = BudgetLine.objects.get()
    assert (line.start, line.end, line.amount_minor, line.category, line.note) == (
        D(2026, 7, 1),
        D(2026, 9, 30),
        150000,
        "hosting",
        {"en": "Serveurs"},
    )
    listed = as_treasurer.get(BOOKS + "needs/?year=2026")
    assert listed.context["totals"] == {"EUR": 150000}
    assert "2026-Q3" in listed.content.decode()
    assert as_treasurer.get(BOOKS + "needs/?year=2027").context["lines"] == []

    refused = as_treasurer.post(
        BOOKS + "needs/new/",
        {"fund": platform.pk, "period": "2026-13", "amount": "0", "commodity": "EUR"},
    )
    assert refused.status_code == 400
    assert set(refused.context["form"].errors) == {"period", "amount", "category"}

    as_treasurer.post(BOOKS + f"needs/{line.pk}/delete/")
    assert not BudgetLine.objects.exists()


def test_rates_are_recorded_and_an_hour_has_a_value(as_treasurer):
    as_treasurer.post(
        BOOKS + "rates/", {"date": "2026-01-01", "commodity": "hour", "quote": "EUR", "rate": "15"}
    )
    as_treasurer.post(
        BOOKS + "rates/",
        {"date": "2026-01-01", "commodity": "XOF", "quote": "EUR", "rate": "0,001524"},
    )
    rates = {(r.commodity, r.quote): r.rate for r in ExchangeRate.objects.all()}
    assert rates == {("HOUR", "EUR"): Decimal("15"), ("XOF", "EUR"): Decimal("0.001524")}
    page = as_treasurer.get(BOOKS + "rates/").content.decode()
    assert "1 HOUR = 15 EUR" in page and "value of an hour" in page
    assert "1 XOF = 0.001524 EUR" in page

    refused = as_treasurer.post(
        BOOKS + "rates/", {"date": "2026-01-01", "commodity": "EUR", "quote": "HOUR", "rate": "1"}
    )
    assert refused.context["form"].errors == {"quote": ["Hours are not a currency."]}


def test_the_reports_per_fund_and_consolidated(as_treasurer, platform):
    fiesta = fund_project("fiesta-2026")
    books_load(
        """
        2026-02-01 * "Subvention de la Région" region-aura
          Assets:Bank:Current        2000.00 EUR
          Income:Grants:Public      -2000.00 EUR

        2026-02-10 * "Hébergement"
          Expenses:Hosting            120.00 EUR
          Assets:Bank:Current        -120.00 EUR

        2026-02-12 * "Sono de la fête"
          Expenses:Mediation:Fiestas  300.00 EUR fiesta-2026
          Assets:Cash                -300.00 EUR fiesta-2026
        """
    )
    trial = as_treasurer.get(BOOKS + "reports/trial-balance/?on=2026-02-28").context["trial"]
    assert trial.balanced and trial.fund is None
    assert trial.totals == {"EUR": {"debit": 230000, "credit": 230000}}

    per_fund = as_treasurer.get(BOOKS + "reports/trial-balance/?fund=fiesta-2026&on=2026-02-28")
    assert per_fund.context["trial"].totals == {"EUR": {"debit": 30000, "credit": 30000}}
    assert "fiesta-2026" in per_fund.context["export_query"]

    statement = as_treasurer.get(
        BOOKS + "reports/income-statement/?fund=plateforme&period=2026-02"
    ).context
    assert statement["income_totals"] == {"EUR": 200000}
    assert statement["expense_totals"] == {"EUR": 12000}
    assert statement["result"] == {"EUR": 188000}

    sheet = as_treasurer.get(BOOKS + "reports/balance-sheet/?on=2026-02-28")
    assert sheet.context["asset_totals"] == {"EUR": 158000}
    assert sheet.context["claim_totals"] == {"EUR": 158000}
    assert sheet.context["result"] == {"EUR": 158000}
    assert fiesta.pk


def test_selectors_the_pages_use_agree_with_the_api_figures(as_treasurer, sample):
    page = as_treasurer.get(BOOKS + "reports/trial-balance/?on=2026-03-31").context["trial"]
    direct = selectors.trial_balance(fund=None, on=D(2026, 3, 31))

    assert [(r.account.code, r.minor) for r in page.rows] == [
        (r.account.code, r.minor) for r in direct.rows
    ]
    assert Posting.objects.filter(posted=False).count() == 2


def test_a_closed_month_refuses_posting_in_it(as_treasurer, platform):
    closed = as_treasurer.post(BOOKS + "closing/", {"period": "2026-03"})
    assert closed.status_code == 302
    assert ClosedPeriod.objects.get().end == D(2026, 3, 31)
    assert "March 2026" in as_treasurer.get(BOOKS + "closing/").content.decode()

    (tx,) = books_load(
        """
        2026-03-20 ! "Oubli de mars"
          Expenses:Bank-fees        4.50 EUR
          Assets:Bank:Current      -4.50 EUR
        """
    )
    refused = as_treasurer.post(BOOKS + f"transactions/{tx.pk}/post/", follow=True)
    tx.refresh_from_db()

    assert tx.status == "draft"
    assert (
        "2026-03-20 is in a closed period (2026-03-01 – 2026-03-31): date it in an open one."
        in refused.content.decode()
    )


def test_closing_a_month_with_drafts_says_so_next_to_the_period(as_treasurer, sample):
    response = as_treasurer.post(BOOKS + "closing/", {"period": "2026-03"})

    assert response.status_code == 400
    assert response.context["form"].errors["period"] == [
        "1 draft transactions are dated in 2026-03: post or delete them before closing."
    ]
    assert "status=draft&amp;period=2026-03" in response.content.decode()
    assert not ClosedPeriod.objects.exists()
    quarter = as_treasurer.post(BOOKS + "closing/", {"period": "2026-Q1"})
    assert quarter.context["form"].errors["period"] == [
        "A month (2026-10) or a year (2026) is closed, not a quarter."
    ]
