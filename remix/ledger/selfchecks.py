"""The books' invariants, checked by `remix check` and after every test."""

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models import Value as V
from django.db.models.functions import Coalesce

from remix.core.selfchecks import selfcheck
from remix.ledger.kept import KeptBalance, KeptCashOut, KeptSource, Span
from remix.ledger.models import (
    AccountScope,
    AccountType,
    BankAccount,
    ClosedPeriod,
    FundKind,
    Posting,
    Transaction,
    TransactionStatus,
)
from remix.ledger.selectors.sums import MonthStart, YearStart, total_minor


@selfcheck("ledger.bank_accounts_held")
def check_bank_accounts_held() -> list[str]:
    """Bank accounts are held one after another: no two held on the same day, so that a gift by
    transfer has one account it is expected on."""
    held = list(BankAccount.objects.filter(held_from__isnull=False).order_by("held_from", "pk"))
    return [
        f"bank accounts {before.iban_grouped} and {after.iban_grouped} are both held on "
        f"{after.held_from}"
        for before, after in zip(held, held[1:], strict=False)
        if before.held_until is None or before.held_until >= after.held_from
    ]


@selfcheck("ledger.balanced")
def check_balanced() -> list[str]:
    """Every transaction, draft or posted, sums to zero per fund and commodity."""
    wrong = (
        Posting.objects.values("transaction_id", "fund__slug", "commodity")
        .annotate(total=Sum("amount_minor"))
        .exclude(total=0)
        .order_by("transaction_id")
    )
    return [
        f"transaction {row['transaction_id']} is off by {row['total']} {row['commodity']} "
        f"(minor units) in fund {row['fund__slug']}"
        for row in wrong
    ]


@selfcheck("ledger.postings")
def check_postings() -> list[str]:
    """Postings agree with their transaction, and no transaction is left without postings."""
    disagreeing = Posting.objects.filter(
        ~Q(date=F("transaction__date"))
        | Q(posted=True, transaction__status="draft")
        | Q(posted=False, transaction__status="posted")
    )
    problems = [
        f"posting {pk} disagrees with its transaction on the date or the status"
        for pk in disagreeing.values_list("pk", flat=True)
    ]
    problems += [
        f"transaction {pk} has fewer than two postings"
        for pk in Transaction.objects.annotate(n=Count("postings"))
        .filter(n__lt=2)
        .values_list("pk", flat=True)
    ]
    problems += [
        f"posted transaction {pk} is still waiting to be categorised"
        for pk in Transaction.objects.posted()
        .filter(postings__account__is_suspense=True)
        .values_list("pk", flat=True)
        .distinct()
    ]
    return problems


@selfcheck("ledger.funds")
def check_funds() -> list[str]:
    """Money crosses funds only by a transfer; project costs never land in the platform fund."""
    crossing = (
        Posting.objects.filter(transaction__is_transfer=False)
        .values("transaction_id")
        .annotate(funds=Count("fund", distinct=True))
        .filter(funds__gt=1)
        .values_list("transaction_id", flat=True)
    )
    problems = [f"transaction {pk} crosses funds without being a transfer" for pk in crossing]
    problems += [
        f"posting {pk} puts a mediation project's cost in the platform fund"
        for pk in Posting.objects.filter(
            account__scope=AccountScope.PROJECTS, fund__kind=FundKind.PLATFORM
        ).values_list("pk", flat=True)
    ]
    return problems


@selfcheck("ledger.closed_periods")
def check_closed_periods() -> list[str]:
    """Nothing was posted into a period after it was closed."""
    late = Transaction.objects.posted().filter(
        Exists(
            ClosedPeriod.objects.filter(
                start__lte=OuterRef("date"),
                end__gte=OuterRef("date"),
                closed_at__lt=OuterRef("posted_at"),
            )
        )
    )
    return [
        f"transaction {pk} was posted on {posted_at:%Y-%m-%d} into a period closed before"
        for pk, posted_at in late.values_list("pk", "posted_at")
    ]


def _posted_sums() -> list[tuple]:
    """Each kept table, its key, and what it must hold: the same sums over the posted postings."""
    posted = Posting.objects.filter(posted=True)
    income = posted.filter(account__type=AccountType.INCOME).annotate(
        source=Coalesce("transaction__counterparty_id", 0), anonymous=F("transaction__anonymous")
    )
    paid_out = posted.filter(
        account__is_cash=True,
        amount_minor__lt=0,
        transaction__is_transfer=False,
        transaction__reverses__isnull=True,
    ).exclude(transaction__reversed_by__status=TransactionStatus.POSTED)
    everyone = KeptSource.objects.filter(fund_key=0)
    return [
        (KeptBalance.objects.all(), ("account_id", "fund_id", "commodity"), posted),
        (
            KeptSource.objects.exclude(fund_key=0),
            ("fund_key", "source", "anonymous", "commodity"),
            income.annotate(fund_key=F("fund_id")),
        ),
        (
            everyone,
            ("fund_key", "source", "anonymous", "commodity"),
            income.annotate(fund_key=V(0)),
        ),
        (KeptCashOut.objects.all(), ("fund_id", "commodity"), paid_out),
    ]


@selfcheck("ledger.kept_balances")
def check_kept_balances() -> list[str]:
    """The kept sums (balances, income by source, cash paid out) equal the same sums over the
    posted postings, year by year, month by month and day by day (`remix rebuild-balances`
    writes them again from the postings)."""
    problems = []
    posted = Posting.objects.filter(posted=True)
    kept = (KeptBalance.objects.all(), KeptSource.objects.all(), KeptCashOut.objects.all())
    if not posted.exists() and not any(rows.exists() for rows in kept):
        return problems  # nothing posted and nothing kept: every sum is zero on both sides
    starts = {Span.YEAR: YearStart("date"), Span.MONTH: MonthStart("date"), Span.DAY: F("date")}
    for rows, key, postings in _posted_sums():
        for span, start in starts.items():
            summed = (
                postings.annotate(start=start)
                .values_list("start", *key)
                .annotate(total=total_minor())
                .order_by()
            )
            sums = {tuple(row[:-1]): row[-1] for row in summed if row[-1]}
            kept = {
                tuple(row[:-1]): row[-1]
                for row in rows.filter(span=span)
                .exclude(amount_minor=0)
                .values_list("start", *key, "amount_minor")
            }
            problems += [
                f"{rows.model._meta.verbose_name} {dict(zip(key, found[1:], strict=True))}, "
                f"{span.label} of {found[0]}: {kept.get(found, 0)} kept, "
                f"{sums.get(found, 0)} in the postings (minor units)"
                for found in sorted(sums.keys() | kept.keys(), key=str)
                if sums.get(found, 0) != kept.get(found, 0)
            ]
    return problems
