"""A treasurer records by hand the money that found no pledge (``selectors.unmatched``): as a
pledge's payment, or as a gift without a pledge to a fund (Open Collective's "add funds" from a
payment nobody claimed).

Each goes through ``payment_record``, with its checks (the giver named, the fund chosen, a
round's rules, the key's first use) and its audit event, under the key the automatic matching
uses, so that a row or a notice is recorded once, whoever records it first: a bank row by
``bank:<row key>`` (and the row, a draft, is categorised and posted), a provider's notice by
``<provider>:<event id>``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.contributions.banking import bank_row_gift
from remix.contributions.models import Contribution, Pledge
from remix.contributions.services.common import Giver
from remix.contributions.services.payments import payment_record
from remix.core.models import AuditEvent
from remix.core.money import from_minor
from remix.ledger.models import Fund, Transaction, TransactionStatus


def _row_waiting(row: Transaction) -> Transaction:
    """The row locked, still a draft from a bank import, with its postings and accounts."""
    row = Transaction.objects.select_for_update().get(pk=row.pk)
    if row.status != TransactionStatus.DRAFT or row.bank_import_id is None:
        raise ValidationError(_("This bank row is already in the books."))
    return Transaction.objects.prefetch_related("postings__account").get(pk=row.pk)


def bank_row_match(*, row: Transaction, pledge: Pledge, recorder) -> Contribution:
    """The imported row of money in, still a draft, recorded as a gift to the pledge."""
    with db.atomic():
        row = _row_waiting(row)
        return bank_row_gift(row, pledge, recorder=recorder, pledge_amount=False)


def bank_row_give(
    *, row: Transaction, fund: Fund, giver: Giver, visibility: str, recorder
) -> Contribution:
    """The imported row of money in, still a draft, recorded as a gift without a pledge to
    ``fund``: the row is categorised there and posted."""
    with db.atomic():
        row = _row_waiting(row)
        return bank_row_gift(
            row, None, fund=fund, giver=giver, visibility=visibility, recorder=recorder
        )


def _notice_paid(notice: AuditEvent) -> dict:
    """What a provider's notice says was paid, as ``payment_record`` takes it."""
    data = notice.data or {}
    if not notice.action.startswith("funding.webhook.") or not data.get("key"):
        raise ValidationError(_("This is not a payment notice."))
    return {
        "amount": from_minor(int(data["amount"]), data["commodity"]),
        "commodity": data["commodity"],
        "date": datetime.date.fromisoformat(data["paid_on"]),
        "provider": data["provider"],
        "external_key": data["key"],
    }


def payment_notice_match(*, notice: AuditEvent, pledge: Pledge, recorder) -> Contribution:
    """A provider's notice left unmatched, recorded as a payment of the pledge, once."""
    contribution, _created = payment_record(
        pledge=pledge, **_notice_paid(notice), recorder=recorder
    )
    return contribution


def payment_notice_give(
    *, notice: AuditEvent, fund: Fund, giver: Giver, visibility: str, recorder
) -> Contribution:
    """A provider's notice left unmatched, recorded once as a gift without a pledge to
    ``fund``, in the notice's currency."""
    contribution, _created = payment_record(
        fund=fund, giver=giver, visibility=visibility, **_notice_paid(notice), recorder=recorder
    )
    return contribution
