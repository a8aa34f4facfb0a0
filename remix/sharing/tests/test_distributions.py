"""Valued contributions read from the books, dry runs, distributions posted and reversed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Q, Sum
from django.test.utils import CaptureQueriesContext

from remix.ledger.models import Posting, Transaction
from remix.sharing import selectors, services
from remix.sharing.models import Distribution, DistributionPart, SharingRuleVersion
from remix.sharing.tests.builders import (
    PERIOD,
    funds,
    hourly_rate,
    income,
    standard_rule,
    time_given,
)

pytestmark = pytest.mark.django_db


def balances(*where, **filters) -> dict:
    rows = Posting.objects.filter(*where, **filters).values("fund__slug", "account__code")
    return {
        (r["fund__slug"], r["account__code"]): r["total"]
        for r in rows.annotate(total=Sum("amount_minor")).order_by()
        if r["total"]
    }


def scope(fund):
    return selectors.Scope(fund, *PERIOD)


def test_time_is_valued_at_the_hourly_rate_of_its_day_and_in_kind_at_its_value(make_user):
    study, _platform, _commons = funds()
    hourly_rate("12.00")
    hourly_rate("15.00", on=datetime.date(2026, 4, 1))
    ana, bob, chloe = make_user("ana"), make_user("bob"), make_user("chloe")
    time_given(ana, study, "10")  # 2 March: 10 h × 12 €
    time_given(ana, study, "2", on=datetime.date(2026, 5, 4))  # 2 h × 15 €
    time_given(bob, study, "80.50", kind="in_kind")  # a gift in kind, in euros
    time_given(chloe, study, "7", on=datetime.date(2025, 11, 3))  # before the period
    found = {c.name: (c.value, c.detail) for c in selectors.valued_contributions(scope(study))}
    assert found == {
        "Ana": (15_000, {"hours": 1_200, "in_kind": 0}),
        "Bob": (8_050, {"hours": 0, "in_kind": 8_050}),
        "Chloe": (0, {"hours": 0, "in_kind": 0}),  # listed, with nothing in the period
    }


def test_a_dry_run_costs_the_same_queries_for_few_and_many_contributors(make_user):
    study, platform, commons = funds()
    hourly_rate()
    rule = standard_rule(study, platform, commons)
    version = selectors.rule_current(rule)
    counts, made = [], 0
    for n in (2, 20):
        while made < n:
            made += 1
            time_given(make_user(), study, str(made))
        with CaptureQueriesContext(connection) as captured:
            run = selectors.dry_run(version=version, amount=100_000, scope=scope(study))
        assert len(run.contributors) == n
        assert sum(p.amount for p in run.parts) == 100_000
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1] <= 3


def test_a_distribution_posts_balanced_books_and_records_its_version(make_user):
    study, platform, commons = funds()
    hourly_rate()
    ana, bob = make_user("ana"), make_user("bob")
    time_given(ana, study, "30")
    time_given(bob, study, "10")
    rule = standard_rule(study, platform, commons)
    paid = income(study, "1000.00")
    treasurer = make_user("mateo", roles=["member", "treasurer"])
    made = services.distribution_record(
        version=selectors.rule_current(rule),
        amount=100_000,
        date=datetime.date(2026, 7, 1),
        period=PERIOD,
        income=paid,
        recorder=treasurer,
    )
    assert made.version.number == 1 and made.income == paid
    parts = [(p.name, p.recipient, p.amount_minor, p.value_minor) for p in made.parts.all()]
    assert parts == [
        ("Plateforme", "fund", 10_000, 0),
        ("fonds-des-communs", "fund", 5_000, 0),
        ("Ana", "contributors", 63_750, 36_000),
        ("Bob", "contributors", 21_250, 12_000),
    ]
    shared = balances(transaction__in=made.parts.values("transaction"))
    assert shared == {
        ("etude-lyon", "Assets:Bank:Current"): -15_000,
        ("etude-lyon", "Equity:Transfers"): 15_000,
        ("plateforme", "Assets:Bank:Current"): 10_000,
        ("plateforme", "Equity:Transfers"): -10_000,
        ("fonds-des-communs", "Assets:Bank:Current"): 5_000,
        ("fonds-des-communs", "Equity:Transfers"): -5_000,
        ("etude-lyon", "Expenses:Retributions"): 85_000,
        ("etude-lyon", "Liabilities:Contributors"): -85_000,
    }
    memos = Posting.objects.filter(account__code="Liabilities:Contributors").values_list(
        "memo", "amount_minor"
    )
    assert sorted(memos) == [("Ana", -63_750), ("Bob", -21_250)]
    with pytest.raises(ValidationError, match="déjà été partagée"):
        services.distribution_record(
            version=made.version, amount=100, date=made.date, period=PERIOD, income=paid
        )


def test_a_change_is_a_new_version_and_the_old_one_stays(make_user):
    study, platform, commons = funds()
    rule = standard_rule(study, platform, commons)
    first = selectors.rule_current(rule)
    second = services.rule_revise(
        rule=rule,
        buckets=[
            {"base": "total", "percent": "20", "to": "fund", "target": platform.pk},
            {"base": "rest", "to": "contributors"},
        ],
        note="Plus pour la plateforme",
    )
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.buckets[0]["percent"] == "10"
    assert selectors.rule_current(selectors.rule_list().get(pk=rule.pk)) == second
    with pytest.raises(ValidationError):
        first.save()
    with pytest.raises(ValidationError):
        SharingRuleVersion.objects.filter(pk=first.pk).update(note="changé")


def test_a_rule_refuses_a_bucket_to_the_fund_it_shares_and_unknown_recipients(make_user):
    study, platform, commons = funds()
    rule = standard_rule(study, platform, commons)
    for bucket in (
        {"base": "total", "percent": "10", "to": "fund", "target": study.pk},
        {"base": "total", "percent": "10", "to": "actor", "target": 999_999},
        {"base": "total", "percent": "10", "to": "fund", "target": 999_999},
        {"base": "total", "percent": "abc", "to": "fund", "target": platform.pk},
    ):
        with pytest.raises(ValidationError, match="Part 1"):
            services.rule_revise(rule=rule, buckets=[bucket])
    assert rule.versions.count() == 1


def test_only_a_treasurer_distributes_and_a_reversal_undoes_the_postings(make_user):
    study, platform, commons = funds()
    hourly_rate()
    time_given(make_user("ana"), study, "4")
    version = selectors.rule_current(standard_rule(study, platform, commons))
    member = make_user("yasmine", roles=["member"])
    with pytest.raises(PermissionDenied):
        services.distribution_record(
            version=version, amount=999, date=PERIOD[1], period=PERIOD, recorder=member
        )
    treasurer = make_user("mateo", roles=["member", "treasurer"])
    made = services.distribution_record(
        version=version,
        amount=999,
        date=PERIOD[1],
        period=PERIOD,
        external_key="k1",
        recorder=treasurer,
    )
    again = services.distribution_record(
        version=version, amount=999, date=PERIOD[1], period=PERIOD, external_key="k1"
    )
    assert again == made and Distribution.objects.count() == 1
    assert [p.amount_minor for p in made.parts.all()] == [99, 49, 851]
    with pytest.raises(ValidationError):
        DistributionPart.objects.filter(distribution=made).delete()
    reversal = services.distribution_reverse(
        distribution=made, reason="Erreur de période", recorder=treasurer
    )
    assert services.distribution_reverse(distribution=made, reason="x") == reversal
    posted = made.parts.exclude(transaction=None).values("transaction")
    assert Transaction.objects.filter(reverses__in=posted).count() == 3
    assert not balances(Q(transaction__in=posted) | Q(transaction__reverses__in=posted))
    assert made.parts.count() == 3  # the distribution itself is unchanged


def test_contributors_without_any_time_cannot_receive_a_share(make_user):
    study, platform, commons = funds()
    version = selectors.rule_current(standard_rule(study, platform, commons))
    with pytest.raises(ValidationError, match="Aucun contributeur"):
        services.distribution_record(version=version, amount=1000, date=PERIOD[1], period=PERIOD)
    assert not Distribution.objects.exists()


def test_an_income_shared_then_reversed_may_be_shared_again(make_user):
    study, platform, commons = funds()
    hourly_rate()
    time_given(make_user("ana"), study, "4")
    version = selectors.rule_current(standard_rule(study, platform, commons))
    paid = income(study, "50.00")
    assert list(selectors.incomes_unshared(study)) == [paid]
    first = services.distribution_record(
        version=version, amount=5_000, date=PERIOD[1], period=PERIOD, income=paid
    )
    assert not selectors.incomes_unshared(study).exists()
    services.distribution_reverse(distribution=first, reason="Mauvais montant")
    assert list(selectors.incomes_unshared(study)) == [paid]
    again = services.distribution_record(
        version=version, amount=4_000, date=PERIOD[1], period=PERIOD, income=paid
    )
    assert again.income == paid and again.pk != first.pk
