"""A treasurer matches by hand the money that found no pledge (``selectors.unmatched``).

Both go through ``payment_record`` under the key the automatic matching uses, so that a row or a
notice is recorded once, whoever matches it first: a bank row by ``bank:<row key>`` (and the
row, a draft, is categorised and posted), a provider's notice by ``<provider>:<event id>``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.contributions.banking import bank_row_gift
from remix.contributions.models import Contribution, Pledge
from remix.contributions.services.payments import payment_record
from remix.core.models import AuditEvent
from remix.core.money import from_minor
from remix.ledger.models import Transaction, TransactionStatus


def bank_row_match(*, row: Transaction, pledge: Pledge, recorder) -> Contribution:
    """The imported row of money in, still a draft, recorded as a gift to the pledge."""
    with db.atomic():
        row = Transaction.objects.select_for_update().get(pk=row.pk)
        if row.status != TransactionStatus.DRAFT or row.bank_import_id is None:
            raise ValidationError(_("This bank row is already in the books."))
        row = Transaction.objects.prefetch_related("postings__account").get(pk=row.pk)
        return bank_row_gift(row, pledge, recorder=recorder, pledge_amount=False)


def payment_notice_match(*, notice: AuditEvent, pledge: Pledge, recorder) -> Contribution:
    """A provider's notice left unmatched, recorded as a payment of the pledge, once."""
    data = notice.data or {}
    if not notice.action.startswith("funding.webhook.") or not data.get("key"):
        raise ValidationError(_("This is not a payment notice."))
    contribution, _created = payment_record(
        pledge=pledge,
        amount=from_minor(int(data["amount"]), data["commodity"]),
        commodity=data["commodity"],
        date=datetime.date.fromisoformat(data["paid_on"]),
        provider=data["provider"],
        external_key=data["key"],
        recorder=recorder,
    )
    return contribution
