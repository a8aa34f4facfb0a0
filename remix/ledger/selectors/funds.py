"""Funds: the platform's own, and the list pages and forms offer."""

from django.db.models import Case, Count, When

from remix.ledger.models import Fund, FundKind


def platform_fund() -> Fund:
    return Fund.objects.get(kind=FundKind.PLATFORM)


def fund_list(*, active_only: bool = False):
    """The platform first, then the mediation projects by slug."""
    funds = Fund.objects.annotate(
        platform_first=Case(When(kind=FundKind.PLATFORM, then=0), default=1)
    ).order_by("platform_first", "slug")
    return funds.filter(active=True) if active_only else funds


def funds_counted():
    """The funds in the list's order, each with the number of transactions that touch it."""
    return fund_list().annotate(transactions=Count("postings__transaction", distinct=True))


def reporting_currency(fund: Fund | None) -> str:
    return (fund or platform_fund()).reporting_currency
