"""Money that came in and found no pledge nor gift, for a treasurer to match by hand.

Two sources, listed apart on the treasury page:

- bank rows: money in (the bank leg is positive) imported from a statement and still a draft,
  with the reasons the automatic matching gave when the row named a pledge
  (``funding.bank.unmatched`` events); a matched row is posted, so it leaves the list;
- payment notices: a provider's webhook that found no pledge, or a pledge in another currency,
  or was refused (``funding.webhook.*`` events) and for which no gift is recorded under the
  notice's key since; a notice matched by hand leaves the list.

Each list costs a fixed number of queries whatever its length.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.fields.json import KeyTextTransform

from remix.contributions.models import Contribution
from remix.core.models import AuditEvent
from remix.ledger.models import Posting, Transaction, TransactionStatus

NOTICE_ACTIONS = (
    "funding.webhook.unmatched",
    "funding.webhook.other_currency",
    "funding.webhook.refused",
)
LIMIT = 50


@dataclass(frozen=True)
class BankRowUnmatched:
    row: Transaction
    amount_minor: int
    commodity: str
    reasons: tuple[str, ...]


def bank_rows_unmatched_all():
    """Imported rows of money in still waiting as drafts (their suspense leg is negative)."""
    incoming = Posting.objects.filter(
        transaction=OuterRef("pk"), account__is_suspense=True, amount_minor__lt=0
    )
    return Transaction.objects.filter(
        status=TransactionStatus.DRAFT, bank_import__isnull=False
    ).filter(Exists(incoming))


def bank_rows_unmatched(*, limit: int = LIMIT) -> list[BankRowUnmatched]:
    """The most recent ``limit`` of them, with their amount and why they were left, if said."""
    rows = list(
        bank_rows_unmatched_all()
        .prefetch_related(
            Prefetch("postings", queryset=Posting.objects.filter(account__is_suspense=False))
        )
        .order_by("-date", "-pk")[:limit]
    )
    reasons: dict[int, tuple[str, ...]] = {}
    events = AuditEvent.objects.filter(
        action="funding.bank.unmatched", data__row__in=[row.pk for row in rows]
    ).values_list("data", flat=True)
    for data in events:
        reasons[data["row"]] = tuple(data.get("reasons") or ())
    found = []
    for row in rows:
        legs = list(row.postings.all())
        if not legs:
            continue
        found.append(
            BankRowUnmatched(
                row=row,
                amount_minor=sum(leg.amount_minor for leg in legs),
                commodity=legs[0].commodity,
                reasons=reasons.get(row.pk, ()),
            )
        )
    return found


def payment_notices_unmatched_all():
    """Notices left to a treasurer, without a gift recorded under their key since."""
    recorded = Contribution.objects.filter(external_key=OuterRef("notice_key"))
    return (
        AuditEvent.objects.filter(action__in=NOTICE_ACTIONS)
        .annotate(notice_key=KeyTextTransform("key", "data"))
        .exclude(Exists(recorded))
    )


def payment_notices_unmatched(*, limit: int = LIMIT) -> list[AuditEvent]:
    return list(payment_notices_unmatched_all().order_by("-created_at", "-pk")[:limit])


def payment_notice_of(pk) -> AuditEvent | None:
    return payment_notices_unmatched_all().filter(pk=pk).first()


def bank_row_unmatched_of(pk) -> Transaction | None:
    return bank_rows_unmatched_all().prefetch_related("postings__account").filter(pk=pk).first()
