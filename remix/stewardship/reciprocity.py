"""Reciprocity: for each organisation, what it gave the platform and what it received from it,
read from the books and the records, in a fixed number of queries whatever the number of
organisations. The page, the API and the rotation suggestion read these rows.

How each column is computed (the page says the same in words, ``FORMULA`` in the template):

Gave
  money      the income postings of the posted transactions whose counterparty it is, or that
             record a gift the contributions app attributes to it (gifts, memberships, grants
             and matching pools it paid, gifts in kind at their declared value), per commodity;
             hours of volunteer time aside.
  time       the hours of those postings (commodity ``HOUR``), valued at the books' hourly rate
             of their day.
  hosting    days of its terms whose commitments name a hosting; venues likewise. Counted in
  venues     days, not money: their money value counts only where the books hold it as a gift in
             kind, so that nothing is counted twice.
  terms      how many terms of any charge it carried, and their length in days, first and last
             day counted, an open term to today.

Received
  money      per posted transaction attributed to it as above, what left the platform's bank and
             cash accounts for it (payments to it: grants and shares redistributed, work paid).
             A payment back that undoes income (a refund) is not received: it is taken off
             what it gave.
  services   the services the platform invoiced to it: its issued invoices' total with VAT,
             per currency, minus its issued credit notes, each at the rate of its issue day.
             What a client paid for them counts as given money, so a paid invoice nets to zero
             and an unpaid one shows what it owes.
  visibility the visible documents of the catalogue it wrote, contributed to or produced.
  Events hosted have no record in Remix yet: the columns say so rather than show a figure.

Balance: received (money and services) minus given, in the platform's reporting currency, each
amount converted at the books' rate of its day; an amount with no rate is left out of it and named.

Transactions marked anonymous are never counted: their giver asked not to be named.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from remix.allies.models import Actor, ActorKind
from remix.catalogue.models import Document
from remix.core.money import HOUR
from remix.invoicing.models import Invoice, InvoiceKind
from remix.ledger.models import AccountType, Fund, FundKind, Posting
from remix.ledger.selectors.conversions import Converter
from remix.stewardship.models import Term
from remix.stewardship.rotation import days_since


@dataclass
class Reciprocity:
    actor: Actor
    currency: str
    money_given: dict[str, int] = field(default_factory=dict)
    hours_given: int = 0  # hundredths of an hour
    terms: int = 0
    term_days: int = 0
    hosting_days: int = 0
    venue_days: int = 0
    money_received: dict[str, int] = field(default_factory=dict)
    services_received: dict[str, int] = field(default_factory=dict)
    documents: int = 0
    # In minor units of the reporting currency, each amount at the rate of its day.
    money_given_minor: int = 0
    time_given_minor: int = 0
    received_minor: int = 0  # money only
    services_received_minor: int = 0
    unvalued: set[str] = field(default_factory=set)
    # The day its last term of any charge ended, today for an open one; None: never carried.
    last_term_end: datetime.date | None = None

    @property
    def given_minor(self) -> int:
        return self.money_given_minor + self.time_given_minor

    @property
    def received_total_minor(self) -> int:
        return self.received_minor + self.services_received_minor

    @property
    def balance_minor(self) -> int:
        """Received (money and services) minus given, in minor units of ``currency``."""
        return self.received_total_minor - self.given_minor

    def days_since_last_term(self, today: datetime.date) -> int | None:
        return days_since(self.last_term_end, today)


def _attributed() -> QuerySet[Posting]:
    """The postings the reciprocity counts, with ``who`` they are attributed to: posted, not
    anonymous, in a transaction naming its counterparty or recording a gift the contributions
    app attributes to an organisation (the counterparty first: one attribution per posting)."""
    return (
        Posting.objects.filter(posted=True, transaction__anonymous=False)
        .annotate(who=Coalesce("transaction__counterparty", "transaction__gift__actor"))
        .filter(who__isnull=False)
    )


def reciprocity_actors() -> QuerySet[Actor]:
    """The organisations that carried a term, gave or received anything (an invoice issued to
    them included), by name."""
    counted = _attributed().filter(Q(account__type=AccountType.INCOME) | Q(account__is_cash=True))
    documents = Document.objects.filter(hidden=False)
    involved = (
        Q(pk__in=Term.objects.values("carrier"))
        | Q(pk__in=counted.values("who"))
        | Q(pk__in=documents.values("authors"))
        | Q(pk__in=documents.values("contributors"))
        | Q(pk__in=documents.values("producer"))
        | Q(pk__in=Invoice.objects.issued().values("client"))
    )
    return Actor.objects.exclude(kind=ActorKind.PERSON).filter(involved).order_by("name", "pk")


def reporting_currency() -> str:
    found = Fund.objects.filter(kind=FundKind.PLATFORM).values_list("reporting_currency")
    return next(iter(found), ("EUR",))[0]


def reciprocity_rows(
    actors: Iterable[Actor], *, today: datetime.date | None = None
) -> list[Reciprocity]:
    """Each actor's reciprocity, in the order given: seven queries whatever their number."""
    today = today or timezone.localdate()
    currency = reporting_currency()
    rows = {actor.pk: Reciprocity(actor=actor, currency=currency) for actor in actors}
    if not rows:
        return []
    converter = Converter(currency)
    _add_given(rows, converter)
    _add_received(rows, converter)
    _add_services(rows, converter)
    _add_terms(rows, today)
    _add_documents(rows)
    return list(rows.values())


def _value(row: Reciprocity, converter: Converter, minor: int, commodity: str, day) -> int:
    valued = converter.minor(minor, commodity, day)
    if valued is None:
        row.unvalued.add(commodity)
        return 0
    return valued


def _add_given(rows: dict[int, Reciprocity], converter: Converter) -> None:
    income = (
        _attributed()
        .filter(who__in=list(rows), account__type=AccountType.INCOME)
        .values("who", "commodity", "date")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    for line in income:
        row = rows[line["who"]]
        given = -line["total"]  # income is negative in the books
        valued = _value(row, converter, given, line["commodity"], line["date"])
        if line["commodity"] == HOUR:
            row.hours_given += given
            row.time_given_minor += valued
        else:
            add_to(row.money_given, line["commodity"], given)
            row.money_given_minor += valued


def _add_received(rows: dict[int, Reciprocity], converter: Converter) -> None:
    refunds = Q(transaction__postings__account__type=AccountType.INCOME)
    cash = (
        _attributed()
        .filter(who__in=list(rows), account__is_cash=True)
        .exclude(refunds)  # income given back: already taken off what it gave
        .values("transaction", "who", "commodity", "date")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    for line in cash:
        if line["total"] >= 0:
            continue  # money came in, or moved between the platform's own accounts
        row = rows[line["who"]]
        paid = -line["total"]
        add_to(row.money_received, line["commodity"], paid)
        row.received_minor += _value(row, converter, paid, line["commodity"], line["date"])


def _add_services(rows: dict[int, Reciprocity], converter: Converter) -> None:
    invoiced = (
        Invoice.objects.issued()
        .filter(client__in=list(rows))
        .values("client", "kind", "currency", "issue_date")
        .annotate(total=Sum("gross_minor"))
        .order_by()
    )
    for line in invoiced:
        row = rows[line["client"]]
        credited = line["kind"] == InvoiceKind.CREDIT_NOTE
        minor = -line["total"] if credited else line["total"]
        add_to(row.services_received, line["currency"], minor)
        row.services_received_minor += _value(
            row, converter, minor, line["currency"], line["issue_date"]
        )


def _add_terms(rows: dict[int, Reciprocity], today: datetime.date) -> None:
    terms = Term.objects.filter(carrier__in=list(rows)).values_list(
        "carrier", "start_date", "end_date", "hosting", "venue"
    )
    for carrier, start, end, hosting, venue in terms:
        row = rows[carrier]
        last = min(end or today, today)
        days = max(0, (last - start).days + 1)
        row.terms += 1
        row.term_days += days
        row.hosting_days += days if hosting else 0
        row.venue_days += days if venue else 0
        if start <= today:
            row.last_term_end = max(filter(None, (row.last_term_end, last)))


def _add_documents(rows: dict[int, Reciprocity]) -> None:
    visible = Document.objects.filter(hidden=False).order_by()
    links = (
        visible.filter(authors__in=list(rows))
        .values_list("authors", "pk")
        .union(
            visible.filter(contributors__in=list(rows)).values_list("contributors", "pk"),
            visible.filter(producer__in=list(rows)).values_list("producer", "pk"),
        )
    )
    for actor, _document in links:  # union drops duplicates: one document counts once
        rows[actor].documents += 1


def add_to(totals: dict[str, int], commodity: str, minor: int) -> None:
    totals[commodity] = totals.get(commodity, 0) + minor
