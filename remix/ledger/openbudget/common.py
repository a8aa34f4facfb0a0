"""Shared by the open budget's parts: how amounts are written, labels, the choosable years."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from remix.core.dates import date_window
from remix.core.money import from_minor
from remix.ledger.models import BudgetLine, Fund, NeedCategory, ResourceNature, Transaction

ALL_FUNDS = "all"
TOP_SOURCES = 10  # listed on the page; the JSON and CSV list every source
SANKEY_SOURCES = 6  # drawn as their own node; the others are drawn together


def decimal_text(minor: int | None, commodity: str) -> str | None:
    """Minor units as the decimal string JSON and CSV carry: 5000 EUR → "50.00"."""
    return None if minor is None else str(from_minor(minor, commodity))


def ratio_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def nature_label(nature: str) -> str:
    return str(ResourceNature(nature).label) if nature in ResourceNature.values else nature


def category_label(category: str) -> str:
    return str(NeedCategory(category).label) if category in NeedCategory.values else category


def years_with_books(today: datetime.date) -> list[int]:
    """The years a visitor can choose: from the first transaction or need to this year (or to the
    last one dated ahead), inside the accepted window.

    A row dated outside the window (a slip written before the rule) stays in the books, but its
    year is not offered: 0001 or 9999 would make a menu of thousands of years."""
    first_day, last_day = date_window(today)
    # The first and the last date each in a query of their own: SQLite reads them off the index.
    dates = Transaction.objects.filter(date__range=(first_day, last_day)).values_list(
        "date", flat=True
    )
    needs = BudgetLine.objects.filter(start__range=(first_day, last_day)).values_list(
        "start", flat=True
    )
    known = [
        day.year
        for day in (
            dates.order_by("date").first(),
            dates.order_by("-date").first(),
            needs.order_by("start").first(),
            needs.order_by("-start").first(),
        )
        if day is not None
    ]
    first, last = min(known + [today.year]), max(known + [today.year])
    return list(range(last, first - 1, -1))


def fund_key(fund: Fund | None) -> str:
    return fund.slug if fund is not None else ALL_FUNDS


def figure_labels() -> dict[str, str]:
    return {
        "coverage": _("Coverage"),
        "coverage_with_valued": _("Coverage with valued time and in-kind"),
        "contributions_share": _("Share of needs covered by users' contributions"),
        "diversification_natures": _("Diversification over natures"),
        "diversification_sources": _("Diversification over sources"),
        "dependency": _("Dependency on the largest source"),
        "runway_months": _("Runway (months)"),
    }
