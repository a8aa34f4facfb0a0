"""Every read of the books that pages, API and exports share: balances, reports, the figures.

Sums are one ``GROUP BY`` over postings (posted ones; ``date`` is copied on each posting). Other
currencies are converted to the fund's reporting currency with the rate at the transaction date,
and every report says which rates it used and which were missing.
"""

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import (
    BigIntegerField,
    Case,
    DateField,
    Exists,
    F,
    Func,
    Min,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from remix.core.money import HOUR, minor_digits, round_minor
from remix.ledger import books
from remix.ledger.models import (
    NON_MONETARY_NATURES,
    Account,
    AccountType,
    BooksState,
    BudgetLine,
    ExchangeRate,
    Fund,
    FundKind,
    NeedCategory,
    Posting,
    ResourceNature,
    Transaction,
)


def _total():
    """SUM of minor units as an integer: PostgreSQL sums bigints as numeric (Decimal in Python)."""
    return Cast(Sum("amount_minor"), output_field=BigIntegerField())


# --- funds ---------------------------------------------------------------------------------------


def platform_fund() -> Fund:
    return Fund.objects.get(kind=FundKind.PLATFORM)


def fund_list(*, active_only: bool = False):
    """The platform first, then the mediation projects by slug."""
    funds = Fund.objects.annotate(
        platform_first=Case(When(kind=FundKind.PLATFORM, then=0), default=1)
    ).order_by("platform_first", "slug")
    return funds.filter(active=True) if active_only else funds


def reporting_currency(fund: Fund | None) -> str:
    return (fund or platform_fund()).reporting_currency


# --- conversions ---------------------------------------------------------------------------------


class Converter:
    """Converts amounts to one currency at the rate of the day, and remembers what it used."""

    def __init__(self, quote: str):
        self.quote = quote
        self.rates: dict[str, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
        for rate in ExchangeRate.objects.filter(Q(quote=quote) | Q(commodity=quote)).order_by(
            "date"
        ):
            if rate.quote == quote:
                self.rates[rate.commodity].append((rate.date, rate.rate))
            else:  # the inverse: 1 quote = r commodity, so 1 commodity = 1/r quote
                self.rates[rate.quote].append((rate.date, 1 / rate.rate))
        for values in self.rates.values():
            values.sort()
        self._found: dict[tuple, tuple | None] = {}
        self._scales: dict[str, Decimal] = {}
        self.used: set[tuple[datetime.date, str, Decimal]] = set()
        self.missing: set[tuple[str, datetime.date]] = set()

    def minor(self, minor: int, commodity: str, day: datetime.date) -> int | None:
        """``minor`` units of ``commodity`` in minor units of the quote; None without a rate."""
        if commodity == self.quote:
            return minor
        key = (commodity, day)
        found = self._found.get(key, False)
        if found is False:
            found = self._found[key] = books.rate_on(self.rates.get(commodity, []), day)
        if found is None:
            self.missing.add((commodity, day))
            return None
        rate_date, rate = found
        self.used.add((rate_date, commodity, rate))
        return round_minor(Decimal(minor) * rate * self._scale(commodity))

    def _scale(self, commodity: str) -> Decimal:
        if commodity not in self._scales:
            self._scales[commodity] = Decimal(10) ** (
                minor_digits(self.quote) - minor_digits(commodity)
            )
        return self._scales[commodity]

    def report(self) -> dict:
        return {
            "used": [
                {"date": day, "commodity": commodity, "quote": self.quote, "rate": rate}
                for day, commodity, rate in sorted(self.used)
            ],
            "missing": [
                {"commodity": commodity, "date": day} for commodity, day in sorted(self.missing)
            ],
        }


# --- balances ------------------------------------------------------------------------------------


def _posted(fund: Fund | None):
    postings = Posting.objects.filter(posted=True)
    return postings.filter(fund=fund) if fund is not None else postings


@dataclass
class BalanceRow:
    account: Account
    commodity: str
    minor: int

    @property
    def debit(self) -> int:
        return self.minor if self.minor > 0 else 0

    @property
    def credit(self) -> int:
        return -self.minor if self.minor < 0 else 0


@dataclass
class TrialBalance:
    fund: Fund | None
    on: datetime.date
    rows: list[BalanceRow]
    totals: dict[str, dict] = field(default_factory=dict)  # commodity → debit, credit

    @property
    def balanced(self) -> bool:
        return all(total["debit"] == total["credit"] for total in self.totals.values())


def trial_balance(*, fund: Fund | None, on: datetime.date) -> TrialBalance:
    """Every account's balance per commodity on a day (included): debits equal credits."""
    sums = (
        _posted(fund)
        .filter(date__lte=on)
        .values_list("account_id", "commodity")
        .annotate(total=_total())
        .order_by()
    )
    accounts = Account.objects.in_bulk()
    rows = [
        BalanceRow(accounts[account_id], commodity, total)
        for account_id, commodity, total in sums
        if total
    ]
    rows.sort(key=lambda row: (row.account.code, row.commodity))
    totals: dict[str, dict] = {}
    for row in rows:
        total = totals.setdefault(row.commodity, {"debit": 0, "credit": 0})
        total["debit"] += row.debit
        total["credit"] += row.credit
    return TrialBalance(fund=fund, on=on, rows=rows, totals=dict(sorted(totals.items())))


def account_balance(
    *, account: Account, on: datetime.date, fund: Fund | None = None, drafts: bool = False
) -> dict[str, int]:
    """An account's balance per commodity on a day, across funds unless one is given."""
    postings = Posting.objects.filter(account=account, date__lte=on)
    if not drafts:
        postings = postings.filter(posted=True)
    if fund is not None:
        postings = postings.filter(fund=fund)
    return dict(postings.values_list("commodity").annotate(total=_total()).order_by())


def income_statement(*, fund: Fund | None, period: books.Period) -> list[BalanceRow]:
    """Income and expenses of a period, per account and commodity (income negative)."""
    sums = (
        _posted(fund)
        .filter(
            date__range=(period.start, period.end),
            account__type__in=[AccountType.INCOME, AccountType.EXPENSE],
        )
        .values_list("account_id", "commodity")
        .annotate(total=_total())
        .order_by()
    )
    accounts = Account.objects.in_bulk()
    rows = [BalanceRow(accounts[a], c, t) for a, c, t in sums if t]
    return sorted(rows, key=lambda row: (row.account.code, row.commodity))


def balance_sheet(*, fund: Fund | None, on: datetime.date) -> dict:
    """Assets, liabilities and equity on a day; the result to date stands in the equity."""
    trial = trial_balance(fund=fund, on=on)
    sections = {"asset": [], "liability": [], "equity": []}
    result: dict[str, int] = defaultdict(int)
    for row in trial.rows:
        if row.account.type in sections:
            sections[row.account.type].append(row)
        else:
            result[row.commodity] += row.minor
    return {"on": on, "fund": fund, "sections": sections, "result": dict(result)}


# --- sustainability ------------------------------------------------------------------------------


def _funds_scope(fund: Fund | None):
    return Q(fund=fund) if fund is not None else Q()


def needs_by_month(*, fund: Fund | None, period: books.Period, converter: Converter) -> dict:
    """The needs of each month of the period, per category; longer lines spread evenly."""
    lines = BudgetLine.objects.filter(
        _funds_scope(fund), start__lte=period.end, end__gte=period.start
    ).select_related("account")
    months = {month: defaultdict(Decimal) for month in period.month_starts()}
    for line in lines:
        span = books.months_between(line.start, line.end)
        amount = converter.minor(line.amount_minor, line.commodity, line.start)
        if amount is None:
            continue
        per_month = Decimal(amount) / span
        for month in months:
            if line.start.replace(day=1) <= month <= line.end:
                months[month][line.need_category] += per_month
    return months


@dataclass
class Sustainability:
    fund: Fund | None
    period: books.Period
    currency: str
    needs: int = 0
    needs_by_category: dict[str, int] = field(default_factory=dict)
    resources_monetary: int = 0
    resources_valued: int = 0  # volunteer time and in-kind, valued
    hours: int = 0  # hundredths of an hour
    by_nature: dict[str, int] = field(default_factory=dict)
    sources: list[dict] = field(default_factory=list)
    spending_by_category: dict[str, int] = field(default_factory=dict)
    spending_by_fund: dict[str, dict[str, int]] = field(default_factory=dict)
    resources_by_fund: dict[str, dict[str, int]] = field(default_factory=dict)
    months: list[dict] = field(default_factory=list)
    cash: int = 0
    monthly_burn: int = 0  # minor units
    rates: dict = field(default_factory=dict)

    @property
    def resources_total(self) -> int:
        return self.resources_monetary + self.resources_valued

    @property
    def gap_per_month(self) -> int:
        missing = self.needs - self.resources_monetary
        return round_minor(Decimal(missing) / self.period.months) if missing > 0 else 0

    def figures(self) -> dict:
        amounts = [source["amount"] for source in self.sources]
        return {
            "coverage": books.ratio(self.resources_monetary, self.needs),
            "coverage_with_valued": books.ratio(self.resources_total, self.needs),
            "contributions_share": books.ratio(
                self.by_nature.get(ResourceNature.CONTRIBUTIONS, 0), self.needs
            ),
            "diversification_natures": books.diversification(self.by_nature.values()),
            "diversification_sources": books.diversification(amounts),
            "dependency": books.dependency(amounts),
            "runway_months": books.runway_months(self.cash, self.monthly_burn),
        }


class MonthStart(Func):
    """The first day of a date's month, natively on both databases (Django's TruncMonth runs a
    Python function per row on SQLite)."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s, 'start of month')", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(date_trunc('month', %(expressions)s) AS date)",
            **extra,
        )


def _day_key(currency: str, same_currency):
    """What a row is grouped by in time: the reporting currency needs no rate (``same_currency``),
    other commodities are converted at the rate of their own day."""
    return Case(When(commodity=currency, then=same_currency), default=F("date"))


def _income(fund: Fund | None, period: books.Period):
    return Posting.objects.filter(
        _funds_scope(fund),
        posted=True,
        date__range=(period.start, period.end),
        account__type=AccountType.INCOME,
    )


def _resource_rows(fund: Fund | None, period: books.Period, currency: str):
    """Income per account, fund, commodity and month (day for other currencies)."""
    return (
        _income(fund, period)
        .annotate(day=_day_key(currency, MonthStart("date")))
        .values_list("account_id", "fund_id", "commodity", "day")
        .annotate(total=_total())
        .order_by()
    )


def _source_rows(fund: Fund | None, period: books.Period, currency: str):
    """Income per source (counterparty and anonymity) and commodity (and day for other
    currencies): kept apart from the rows above, so that neither multiplies the other."""
    return (
        _income(fund, period)
        .annotate(day=_day_key(currency, Value(period.start, output_field=DateField())))
        .values_list("transaction__counterparty_id", "transaction__anonymous", "commodity", "day")
        .annotate(total=_total())
        .order_by()
    )


def _spending_rows(fund: Fund | None, period: books.Period, currency: str):
    return (
        Posting.objects.filter(
            _funds_scope(fund),
            posted=True,
            date__range=(period.start, period.end),
            account__type=AccountType.EXPENSE,
        )
        .annotate(day=_day_key(currency, MonthStart("date")))
        .values_list("account_id", "fund_id", "commodity", "day")
        .annotate(total=_total())
        .order_by()
    )


def books_version() -> int:
    return BooksState.objects.values_list("version", flat=True).filter(pk=1).first() or 0


def sustainability(*, fund: Fund | None, period: books.Period) -> Sustainability:
    """Needs against resources for a fund (or all of them) over a period, and the figures.

    Public pages ask for the same few reports again and again while the books change a few times
    a day: a report is cached for the version of the books it was computed on (every write bumps
    it), and a task computes the usual ones again after each write (``tasks.reports_warm``)."""
    key = ":".join(
        (
            "ledger:sustainability",
            str(books_version()),
            str(fund.pk) if fund is not None else "all",
            period.name,
        )
    )
    report = cache.get(key)
    if report is None:
        report = sustainability_compute(fund=fund, period=period)
        cache.set(key, report, timeout=3600)
    return _sources_named(report)


def _sources_named(report: Sustainability) -> Sustainability:
    """The report as the reader's language names who is not named: the cached report is the
    same in every language."""
    return dataclasses.replace(
        report,
        sources=[
            {
                **source,
                "name": source["name"]
                or (_("Anonymous") if source["anonymous"] else _("Unattributed")),
            }
            for source in report.sources
        ],
    )


def sustainability_compute(*, fund: Fund | None, period: books.Period) -> Sustainability:
    """The report itself, from the books (no cache)."""
    currency = reporting_currency(fund)
    converter = Converter(currency)
    report = Sustainability(fund=fund, period=period, currency=currency)
    accounts = Account.objects.in_bulk()
    funds = Fund.objects.in_bulk()
    month_rows = {
        month: {"month": month, "needs": 0, "monetary": 0, "valued": 0, "spending": 0}
        for month in period.month_starts()
    }

    # Yearly needs spread over months are not whole cents: each month gets the rounded running
    # total minus the months before, so months add up exactly to the rounded whole.
    running, rounded_before = Decimal(0), 0
    by_category: dict[str, Decimal] = defaultdict(Decimal)
    for month, categories in needs_by_month(fund=fund, period=period, converter=converter).items():
        running += sum(categories.values(), Decimal(0))
        month_rows[month]["needs"] = round_minor(running) - rounded_before
        rounded_before = round_minor(running)
        for category, amount in categories.items():
            by_category[category] += amount
    report.needs_by_category = {
        category: round_minor(amount) for category, amount in sorted(by_category.items())
    }
    report.needs = rounded_before

    nature_of = {pk: account.nature for pk, account in accounts.items()}
    by_nature: dict[str, int] = defaultdict(int)
    by_fund: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for account_id, fund_id, commodity, day, total in _resource_rows(fund, period, currency):
        if commodity == currency:
            amount = -total
        else:
            if commodity == HOUR:
                report.hours -= total
            amount = converter.minor(-total, commodity, day)
            if amount is None:
                continue
        nature = nature_of[account_id]
        kind = "valued" if nature in NON_MONETARY_NATURES else "monetary"
        month_rows[day.replace(day=1)][kind] += amount
        by_nature[nature] += amount
        by_fund[funds[fund_id].slug][nature] += amount
    by_source: dict[tuple, int] = defaultdict(int)
    for counterparty_id, anonymous, commodity, day, total in _source_rows(fund, period, currency):
        amount = -total if commodity == currency else converter.minor(-total, commodity, day)
        if amount is not None:
            by_source[(counterparty_id, anonymous)] += amount
    report.by_nature = {
        nature: by_nature[nature] for nature in ResourceNature.values if by_nature.get(nature)
    }
    report.resources_monetary = sum(
        amount for nature, amount in by_nature.items() if nature not in NON_MONETARY_NATURES
    )
    report.resources_valued = sum(
        amount for nature, amount in by_nature.items() if nature in NON_MONETARY_NATURES
    )
    report.resources_by_fund = {slug: dict(natures) for slug, natures in sorted(by_fund.items())}
    report.sources = _sources(by_source)

    spending: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for account_id, fund_id, commodity, day, total in _spending_rows(fund, period, currency):
        amount = total if commodity == currency else converter.minor(total, commodity, day)
        if amount is None:
            continue
        category = accounts[account_id].need_category or NeedCategory.OTHER
        spending[funds[fund_id].slug][category] += amount
        month_rows[day.replace(day=1)]["spending"] += amount
    report.spending_by_fund = {slug: dict(c) for slug, c in sorted(spending.items())}
    for categories in spending.values():
        for category, amount in categories.items():
            report.spending_by_category[category] = (
                report.spending_by_category.get(category, 0) + amount
            )
    report.months = list(month_rows.values())
    report.cash, report.monthly_burn = _cash_and_burn(fund, period.end, converter)
    report.rates = converter.report()
    return report


def _sources(by_source: dict[tuple, int]) -> list[dict]:
    """Each giver with what they gave; those who asked for anonymity are never named."""
    from remix.allies.models import Actor

    names = dict(
        Actor.objects.filter(
            pk__in={pk for (pk, anonymous) in by_source if pk and not anonymous}
        ).values_list("pk", "name")
    )
    total = sum(amount for amount in by_source.values() if amount > 0)
    sources = []
    for (pk, anonymous), amount in by_source.items():
        if amount <= 0:
            continue
        if anonymous:
            name, actor_id = None, None  # named in the reader's language by _sources_named
        elif pk:
            name, actor_id = names[pk], pk
        else:
            name, actor_id = None, None
        sources.append(
            {
                "name": name,
                "actor_id": actor_id,
                "anonymous": anonymous,
                "amount": amount,
                "share": books.ratio(amount, total),
            }
        )
    sources.sort(key=lambda source: (-source["amount"], source["name"] or ""))
    return sources


def _cash_and_burn(fund: Fund | None, end: datetime.date, converter: Converter):
    """Cash on the last day, and the average cash paid out per month over the 12 months before
    (transfers between funds and reversed pairs left out)."""
    cash, first = 0, None
    for commodity, total, since in (
        _posted(fund)
        .filter(date__lte=end, account__is_cash=True)
        .values_list("commodity")
        .annotate(total=_total(), since=Min("date"))
        .order_by()
    ):
        cash += converter.minor(total, commodity, end) or 0
        first = since if first is None or since < first else first
    if first is None:
        return cash, 0
    # The 12 months that end with the period's last month, or fewer when the books are younger.
    start = max(books.add_months(end.replace(day=1), -11), first.replace(day=1))
    months = books.months_between(start, end)
    out = 0
    for commodity, day, total in (
        _posted(fund)
        .filter(
            date__range=(start, end),
            account__is_cash=True,
            amount_minor__lt=0,
            transaction__is_transfer=False,
            transaction__reverses__isnull=True,
            transaction__reversed_by__isnull=True,
        )
        .values_list("commodity", "date")
        .annotate(total=_total())
        .order_by()
    ):
        out += converter.minor(-total, commodity, day) or 0
    return cash, round_minor(Decimal(out) / months)


# --- public lists --------------------------------------------------------------------------------


def public_transactions(*, fund: Fund | None, period: books.Period):
    """Posted transactions of the period, newest first, with their postings in the fund."""
    transactions = Transaction.objects.posted().filter(date__range=(period.start, period.end))
    if fund is not None:
        transactions = transactions.filter(
            Exists(Posting.objects.filter(transaction=OuterRef("pk"), fund=fund))
        )
    return transactions.select_related("counterparty").order_by("-date", "-id")


def public_description(transaction: Transaction) -> str:
    """An anonymous gift's own words (a bank label, a reference) could name the giver."""
    if transaction.anonymous:
        return _("Anonymous gift")
    return transaction.description


def counterparty_public_name(transaction: Transaction) -> str:
    """What a public page, feed or export may say about who gave or was paid."""
    if transaction.anonymous:
        return _("Anonymous")
    return transaction.counterparty.name if transaction.counterparty_id else ""
