"""Reads of revenue sharing: the rules and their versions, the valued contributions a rule shares
by, the dry run, and the distributions made. Pages and API read through these."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, Max, OuterRef, Prefetch, Q, Sum, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from remix.contributions.models import Contribution, ContributionKind, ContributionStatus
from remix.contributions.models.pledges import Visibility
from remix.core.money import HOUR
from remix.ledger.selectors.conversions import Converter
from remix.sharing import rules
from remix.sharing.models import Distribution, SharingRule, SharingRuleVersion


@dataclass(frozen=True)
class Scope:
    """Whose contributions count, valued in which currency: those given to ``fund`` from
    ``start`` to ``end`` (inclusive)."""

    fund: object
    start: datetime.date
    end: datetime.date
    currency: str = "EUR"


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The year up to ``today``: the contributions a dry run counts unless told otherwise."""
    return today - datetime.timedelta(days=364), today


# --- valued contributions -----------------------------------------------------------------------
# Each source answers (rows of contributors and their value) for a scope; the selector adds them
# up per contributor. Another source (an engagement's declared hours) joins by being listed here.


def recorded_gifts_valued(scope: Scope) -> list[rules.Contributor]:
    """Volunteer time and gifts in kind recorded on the fund: every contributor who ever gave
    it time or in kind is listed, valued by what they gave within the period — hours at the
    books' hourly rate of their day, in kind at its declared value converted at its day's rate.

    Two queries whatever the number of contributors: the rates, and one aggregate with a sum per
    run of days over which the rates stay the same."""
    converter = Converter(scope.currency)
    runs = _rate_runs(converter, scope.start, scope.end)
    sums = {
        f"run{n}": Coalesce(
            Sum(Case(When(date__range=(first, last), then="amount_minor"), default=0)), 0
        )
        for n, (first, last) in enumerate(runs)
    }
    rows = (
        Contribution.objects.filter(
            fund=scope.fund,
            status=ContributionStatus.RECORDED,
            kind__in=[ContributionKind.TIME, ContributionKind.IN_KIND],
            date__lte=scope.end,
        )
        .values("user_id", "actor_id", "commodity")
        .annotate(
            giver=Max("name"),
            hidden=Count("visibility", filter=~Q(visibility=Visibility.PUBLIC)),
            **sums,
        )
        .order_by()
    )
    found: dict[tuple, dict] = {}
    for row in rows:
        key = _contributor_key(row)
        entry = found.setdefault(key, {"name": row["giver"], "value": 0, "public": True})
        entry["public"] = entry["public"] and not row["hidden"]
        given = "hours" if row["commodity"] == HOUR else "in_kind"
        entry[given] = entry.get(given, 0) + sum(row[f"run{n}"] for n in range(len(runs)))
        for n, (first, _last) in enumerate(runs):
            entry["value"] += _valued(converter, row[f"run{n}"], row["commodity"], first)
    return [
        rules.Contributor(
            key,
            entry["name"],
            entry["value"],
            public=entry["public"],
            detail={"hours": entry.get("hours", 0), "in_kind": entry.get("in_kind", 0)},
        )
        for key, entry in found.items()
    ]


def _contributor_key(row: dict) -> tuple:
    """A person's account first, else the organisation; a gift under a name alone, by the name."""
    if row["user_id"]:
        return ("user", row["user_id"])
    if row["actor_id"]:
        return ("actor", row["actor_id"])
    return ("name", row["giver"])


def _valued(converter: Converter, minor: int, commodity: str, day: datetime.date) -> int:
    if not minor:
        return 0
    value = converter.minor(minor, commodity, day)
    if value is None:
        raise rules.SharingError(
            _("The books have no rate for %(commodity)s in %(quote)s on %(day)s.")
            % {"commodity": commodity, "quote": converter.quote, "day": day}
        )
    return value


def _rate_runs(converter: Converter, start: datetime.date, end: datetime.date) -> list[tuple]:
    """The runs of days of the period over which no rate changes, first day and last."""
    cuts = sorted(
        {day for rates in converter.rates.values() for day, _r in rates if start < day <= end}
    )
    starts = [start, *cuts]
    ends = [cut - datetime.timedelta(days=1) for cut in cuts] + [end]
    return list(zip(starts, ends, strict=True))


SOURCES = [recorded_gifts_valued]


def valued_contributions(scope: Scope) -> list[rules.Contributor]:
    """Every contributor of the scope and the value of what they gave, in minor units of the
    scope's currency, from every source added up; by name, so a tie in the shares goes to the
    contributor listed first in that order."""
    merged: dict[tuple, rules.Contributor] = {}
    for source in SOURCES:
        for found in source(scope):
            known = merged.get(found.key)
            if known is None:
                merged[found.key] = found
                continue
            detail = {k: known.detail.get(k, 0) + found.detail.get(k, 0) for k in found.detail}
            merged[found.key] = rules.Contributor(
                found.key,
                known.name,
                known.value + found.value,
                public=known.public and found.public,
                detail={**known.detail, **detail},
            )
    return sorted(merged.values(), key=lambda c: (c.name.casefold(), str(c.key)))


# --- rules, versions, dry runs ------------------------------------------------------------------


def rule_list():
    """Every rule with its fund and its versions, newest first: three queries for any number."""
    return SharingRule.objects.select_related("fund").prefetch_related(
        Prefetch("versions", queryset=SharingRuleVersion.objects.order_by("-number"))
    )


def rule_current(rule: SharingRule) -> SharingRuleVersion | None:
    """The newest version (the prefetched list when there is one)."""
    versions = list(rule.versions.all())
    return max(versions, key=lambda v: v.number) if versions else None


def rule_version(rule: SharingRule, number: int | None = None) -> SharingRuleVersion | None:
    if number is None:
        return rule_current(rule)
    return next((v for v in rule.versions.all() if v.number == number), None)


@dataclass(frozen=True)
class DryRun:
    version: SharingRuleVersion
    scope: Scope
    amount: int
    parts: list[rules.Part]
    contributors: list[rules.Contributor]


def dry_run(*, version: SharingRuleVersion, amount: int, scope: Scope) -> DryRun:
    """What each recipient would get of ``amount`` (minor units) by ``version``, posting nothing."""
    contributors = valued_contributions(scope)
    parts = rules.share(amount, version.bucket_list, contributors)
    return DryRun(version, scope, amount, parts, contributors)


def distribution_list(*, rule: SharingRule | None = None):
    distributions = Distribution.objects.select_related(
        "version__rule", "fund", "income", "reversal"
    ).prefetch_related("parts")
    if rule is not None:
        distributions = distributions.filter(version__rule=rule)
    return distributions


def incomes_unshared(fund):
    """The posted money income of ``fund`` not yet shared (or shared by a distribution since
    reversed), newest first (what a distribution may
    name; volunteer time and gifts in kind are income of the books but no money to share)."""
    from remix.ledger.models import NON_MONETARY_NATURES, Posting, Transaction

    shared = Distribution.objects.filter(reversal__isnull=True, income__isnull=False)
    # Subqueries per transaction, no join and no DISTINCT: the plan stays a scan of transactions
    # whatever the size of the books.
    its = Posting.objects.filter(transaction=OuterRef("pk"))
    return (
        Transaction.objects.posted()
        .filter(Exists(its.filter(fund=fund, account__type="income")))
        .exclude(Exists(its.filter(account__nature__in=NON_MONETARY_NATURES)))
        .exclude(pk__in=shared.values("income"))
        .order_by("-date", "-pk")
    )
