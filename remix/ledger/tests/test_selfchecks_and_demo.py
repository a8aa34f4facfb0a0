"""The books' self-checks find what is wrong; the demo's books pass them."""

import datetime
import random
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.utils import timezone

from remix.core.generate import SCALES
from remix.core.selfchecks import selfchecks_run
from remix.ledger import maths, selectors
from remix.ledger.generate import generate_books
from remix.ledger.models import ClosedPeriod, Fund, Posting, Transaction
from remix.ledger.tests.builders import books_load, fund_project


def problems(prefix):
    return [p.message for p in selfchecks_run() if p.check.startswith(prefix)]


@pytest.mark.no_selfchecks
def test_an_unbalanced_draft_is_found(db):
    (draft,) = books_load(
        """
        2026-10-03 ! "Don"
          Assets:Bank:Current               50 EUR
          Income:Contributions:Donations   -50 EUR
        """
    )
    Posting.objects.filter(transaction=draft, amount_minor=5000).update(amount_minor=4999)
    assert problems("ledger.balanced") == [
        f"transaction {draft.pk} is off by -1 EUR (minor units) in fund plateforme"
    ]


@pytest.mark.no_selfchecks
def test_a_draft_crossing_funds_and_a_project_cost_in_the_platform_are_found(db):
    fiesta = fund_project()
    (draft,) = books_load(
        """
        2026-10-03 ! "Sono"
          Assets:Bank:Current                 -50 EUR fiesta-2026
          Expenses:Mediation:Fiestas           50 EUR fiesta-2026
        """
    )
    moved = Posting.objects.get(transaction=draft, amount_minor=5000)
    Posting.objects.filter(pk=moved.pk).update(fund=Fund.objects.get(kind="platform"))
    found = problems("ledger.funds")
    assert f"transaction {draft.pk} crosses funds without being a transfer" in found
    assert f"posting {moved.pk} puts a mediation project's cost in the platform fund" in found
    assert fiesta.slug == "fiesta-2026"


@pytest.mark.no_selfchecks
def test_a_posting_in_a_period_closed_before_is_found(db):
    (tx,) = books_load(
        """
        2026-09-10 * "Frais"
          Assets:Bank:Current   -12 EUR
          Expenses:Bank-fees     12 EUR
        """
    )
    closed = ClosedPeriod.objects.create(
        kind="month", start=datetime.date(2026, 9, 1), end=datetime.date(2026, 9, 30)
    )
    ClosedPeriod.objects.filter(pk=closed.pk).update(
        closed_at=tx.posted_at - datetime.timedelta(days=1)
    )
    assert problems("ledger.closed_periods") == [
        f"transaction {tx.pk} was posted on {tx.posted_at:%Y-%m-%d} into a period closed before"
    ]


@pytest.mark.dated
def test_the_demo_books_pass_every_check_and_leave_the_scale_books_years_open(db):
    call_command("demo", verbosity=0)
    call_command("demo", verbosity=0)  # idempotent
    assert {"plateforme", "publication-communs", "fiesta-des-communs"} <= set(
        Fund.objects.values_list("slug", flat=True)
    )
    assert Transaction.objects.filter(external_key="demo:0").count() == 1
    assert selfchecks_run() == []
    today = timezone.localdate()
    trial = selectors.trial_balance(fund=None, on=today)
    assert trial.balanced and set(trial.totals) >= {"EUR", "HOUR", "XOF"}
    assert "illustratifs" in Fund.objects.get(kind="platform").description["fr"]
    # Last year whole, with its needs and its resources; this year's needs and its first gifts.
    last_year = maths.period_of("year", datetime.date(today.year - 1, 6, 1))
    report = selectors.sustainability(fund=None, period=last_year)
    assert report.needs > 0 and report.resources_monetary > 0 and report.rates["missing"] == []
    this_year = selectors.sustainability(fund=None, period=maths.period_of("year", today))
    assert this_year.needs == report.needs and this_year.rates["missing"] == []
    assert Transaction.objects.posted().filter(date__year=today.year).exists()
    assert Transaction.objects.filter(reversed_by__isnull=False).count() >= 1
    # Closed up to the month before last: last month and this one are still being reconciled.
    closed = ClosedPeriod.objects.order_by("start")
    last_month = maths.period_of("month", today.replace(day=1) - datetime.timedelta(days=1))
    assert closed.first().start == datetime.date(today.year - 1, 1, 1)
    assert closed.last().end == last_month.start - datetime.timedelta(days=1)
    assert Transaction.objects.drafts().get(external_key="demo:draft").date > closed.last().end
    # The scale data's books (`remix generate`) go into the years before, which stay open.
    assert generate_books(random.Random(1), replace(SCALES["small"], postings=40)) == 40
    generated = Posting.objects.filter(transaction__external_key__startswith="gen:")
    assert generated.count() == 40
    assert generated.latest("date").date < closed.first().start
    assert selfchecks_run() == []
