"""What the productions' pages and API read: a production's sheet (planned against actual per
line and in total, cost per document, the time given and its value, where the money comes
from), and the list of productions with their totals. Every figure of the books is read from the
books here, in a fixed number of queries whatever the number of lines.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from remix.core.money import round_minor
from remix.ledger.models import AccountType, Posting, Transaction
from remix.ledger.selectors.conversions import Converter
from remix.productions.models import (
    CostCategory,
    CostLine,
    FundingLine,
    Production,
    ProductionCost,
    ProductionTime,
)


def _expense_filter(prefix: str, commodity) -> Q:
    """A transaction's expense postings in the books, in ``commodity``."""
    return Q(
        **{
            f"{prefix}posted": True,
            f"{prefix}account__type": AccountType.EXPENSE,
            f"{prefix}commodity": commodity,
        }
    )


def _reversed(transaction_ref) -> Exists:
    return Exists(Transaction.objects.filter(reverses=transaction_ref))


def _sum_of(queryset, column: str) -> Subquery:
    """The sum of ``column`` over ``queryset`` (filtered on an OuterRef), 0 when it is empty."""
    total = queryset.order_by().annotate(total=Func(F(column), function="SUM")).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def productions_list():
    """Every production, newest first, with its planned and actual totals and the number of
    documents it produced, each read in the same query."""
    planned = _sum_of(CostLine.objects.filter(production=OuterRef("pk")), "amount_minor")
    spent = _sum_of(
        Posting.objects.filter(
            _expense_filter("", OuterRef("commodity")),
            transaction__production_costs__production=OuterRef("pk"),
        ).exclude(_reversed_q()),
        "amount_minor",
    )
    produced = Production.documents.through.objects.filter(production=OuterRef("pk"))
    documents = Coalesce(
        Subquery(
            produced.order_by().annotate(n=Func(F("id"), function="COUNT")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    return Production.objects.select_related("fund").annotate(
        planned_minor=planned, actual_minor=spent, documents_count=documents
    )


def _reversed_q() -> Q:
    return Q(transaction__reversed_by__isnull=False)


@dataclass
class LineRow:
    label: str
    category: str
    planned_minor: int
    actual_minor: int
    line_id: int | None = None

    @property
    def category_label(self) -> str:
        return CostCategory(self.category).label if self.category else ""

    @property
    def difference_minor(self) -> int:
        return self.actual_minor - self.planned_minor


@dataclass
class CostRow:
    """A transaction counted as a cost: what the books say it spent (0 once reversed)."""

    transaction: Transaction
    line_id: int | None
    spent_minor: int
    reversed: bool


@dataclass
class ContributorRow:
    name: str
    roles: list[str]
    hours_minor: int
    value_minor: int | None


@dataclass
class Sheet:
    production: Production
    lines: list[LineRow]
    costs: list[CostRow]
    contributors: list[ContributorRow]
    funding: list[FundingLine]
    documents: list
    rates_missing: bool = False
    totals: dict = field(default_factory=dict)


def production_sheet(production: Production) -> Sheet:
    """The production's page and API in one reading: five queries and one for the rates."""
    costs = _costs(production)
    contributors, missing = _contributors(production)
    lines = _lines(production, costs)
    funding = list(
        FundingLine.objects.filter(production=production).select_related(
            "campaign", "application__opportunity__funder__actor"
        )
    )
    documents = list(production.documents.only("slug", "title", "kind").order_by("title"))
    sheet = Sheet(production, lines, costs, contributors, funding, documents, missing)
    sheet.totals = _totals(sheet)
    return sheet


def _costs(production) -> list[CostRow]:
    spent = Sum(
        "transaction__postings__amount_minor",
        filter=_expense_filter("transaction__postings__", production.commodity),
    )
    rows = (
        ProductionCost.objects.filter(production=production)
        .select_related("transaction")
        .annotate(spent=Coalesce(spent, 0), was_reversed=_reversed(OuterRef("transaction")))
        .order_by("transaction__date", "transaction_id")
    )
    return [
        CostRow(
            row.transaction, row.line_id, 0 if row.was_reversed else row.spent, row.was_reversed
        )
        for row in rows
    ]


def _lines(production, costs: list[CostRow]) -> list[LineRow]:
    actual = defaultdict(int)
    for cost in costs:
        actual[cost.line_id] += cost.spent_minor
    rows = [
        LineRow(line.label, line.category, line.amount_minor, actual[line.pk], line.pk)
        for line in CostLine.objects.filter(production=production)
    ]
    if actual.get(None):
        rows.append(LineRow(_("Unplanned costs"), "", 0, actual[None]))
    return rows


def _contributors(production) -> tuple[list[ContributorRow], bool]:
    """The time given, person by person (by their public name; those who asked not to be named
    together), valued at the books' hourly rate of each contribution's day."""
    converter = Converter(production.commodity)
    people: dict[str, ContributorRow] = {}
    given = ProductionTime.objects.filter(production=production).select_related("contribution")
    for row in given.order_by("contribution__date", "id"):
        gift = row.contribution
        name = gift.public_name or _("Contributors who asked not to be named")
        person = people.setdefault(name, ContributorRow(name, [], 0, 0))
        if row.role and row.role not in person.roles:
            person.roles.append(row.role)
        person.hours_minor += gift.amount_minor
        value = converter.minor(gift.amount_minor, gift.commodity, gift.date)
        if value is None or person.value_minor is None:
            person.value_minor = None
        else:
            person.value_minor += value
    return list(people.values()), bool(converter.missing)


def _per(total: int, count: int) -> int | None:
    return round_minor(Decimal(total) / count) if count else None


def _totals(sheet: Sheet) -> dict:
    planned = sum(line.planned_minor for line in sheet.lines)
    actual = sum(line.actual_minor for line in sheet.lines)
    hours = sum(person.hours_minor for person in sheet.contributors)
    valued = (
        None
        if any(person.value_minor is None for person in sheet.contributors)
        else sum(person.value_minor for person in sheet.contributors)
    )
    full = None if valued is None else actual + valued
    count = len(sheet.documents)
    return {
        "planned_minor": planned,
        "actual_minor": actual,
        "difference_minor": actual - planned,
        "hours_minor": hours,
        "time_value_minor": valued,
        "full_cost_minor": full,
        "funding_minor": sum(line.amount_minor for line in sheet.funding),
        "documents": count,
        "cost_per_document_minor": _per(actual, count),
        "full_cost_per_document_minor": None if full is None else _per(full, count),
    }
