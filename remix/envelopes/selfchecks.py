"""The contributive budget's invariants, checked by `remix check` and after every test."""

from django.db.models import Count, Q, Sum

from remix.core.selfchecks import selfcheck
from remix.envelopes.models import Envelope, Rule, Status
from remix.ledger.models import Posting


@selfcheck("envelopes.payouts")
def check_payouts() -> list[str]:
    """Every closed envelope granted each of its requests a part; the parts stay within the
    envelope, use all of it under proportional reduction when the requests exceed it, and are
    the expense its payouts' transaction posted."""
    closed = (
        Envelope.objects.filter(status=Status.CLOSED)
        .annotate(
            granted=Sum("requests__granted_minor", default=0),
            asked=Sum("requests__asked_minor", default=0),
            ungranted=Count("requests", filter=Q(requests__granted_minor__isnull=True)),
        )
        .values_list("pk", "title", "amount_minor", "rule", "granted", "asked", "ungranted")
    )
    posted = dict(
        Posting.objects.filter(transaction__envelope__isnull=False, amount_minor__gt=0)
        .values_list("transaction__envelope")
        .annotate(total=Sum("amount_minor"))
    )
    problems = []
    for pk, title, amount, rule, granted, asked, ungranted in closed:
        if ungranted:
            problems.append(f"envelope {title!r}: {ungranted} request(s) closed without a part")
        if granted > amount:
            problems.append(f"envelope {title!r}: {granted} granted of {amount}")
        if rule == Rule.PROPORTIONAL and asked > amount and granted != amount:
            problems.append(
                f"envelope {title!r}: proportional parts add to {granted}, not {amount}"
            )
        if posted.get(pk, 0) != granted:
            problems.append(f"envelope {title!r}: {posted.get(pk, 0)} posted for {granted} granted")
    return problems
