"""A granted application's money: each payment of the grant moves what the funder owes to the
bank, through ``remix.ledger.services`` only; before the final report is accepted, payments never
take the withheld share. Both writes are the treasurers'."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.audit import audit_record
from remix.core.dates import date_check
from remix.core.formats import format_money
from remix.core.money import Money
from remix.core.permissions import can_keep_books, require_recorder
from remix.grants.models import Application, Stage
from remix.grants.selectors.payments import grant_due, grant_payments_count, payment_key_prefix
from remix.grants.services.applications import amount_minor, application_locked
from remix.ledger import chart
from remix.ledger import services as ledger
from remix.ledger.labels import GRANT_PAYMENT, label_write
from remix.ledger.models import Account

RECEIVABLE = chart.GRANTS_RECEIVABLE
BANK = chart.BANK


def grant_payment_record(
    *,
    application: Application,
    amount,
    date: datetime.date,
    reference: str = "",
    recorder=None,
) -> Application:
    """A payment of the grant arrives: the receivable moves to the bank. The withheld share
    waits for the final report to be accepted."""
    require_recorder(can_keep_books, recorder)
    minor = amount_minor(amount, application.commodity, field="amount")
    date_check(date)
    with db.atomic():
        application = application_locked(application.pk)
        if application.receivable_id is None:
            raise ValidationError(_("Only a granted application is paid."))
        _payable_check(application, minor)
        _payment_post(application, minor, date=date, reference=reference, recorder=recorder)
        audit_record(
            action="grants.payment.recorded",
            recorder=recorder,
            obj=application,
            data={"amount": minor},
        )
    return application


def _payable_check(application: Application, minor: int) -> None:
    """At most what is still owed, less the withheld share while the final report waits."""
    due = grant_due(application)
    if minor > due.payable:
        raise ValidationError(
            {
                "amount": _(
                    "At most %(payable)s can be received now: %(outstanding)s is still owed, "
                    "of which %(withheld)s waits for the final report."
                )
                % {
                    "payable": format_money(due.payable, application.commodity),
                    "outstanding": format_money(due.outstanding, application.commodity),
                    "withheld": format_money(due.waiting, application.commodity),
                }
            }
        )


def _payment_post(
    application: Application, minor: int, *, date: datetime.date, reference: str, recorder
) -> None:
    """The payment in the books, from the grant's receivable to the bank; its key counts on."""
    count = grant_payments_count(application)
    value = Money(minor, application.commodity)
    ledger.transaction_create(
        date=date,
        description=label_write(GRANT_PAYMENT, call=application.opportunity.title),
        legs=[
            ledger.Leg(Account.objects.get(code=BANK), application.fund, value),
            ledger.Leg(Account.objects.get(code=RECEIVABLE), application.fund, -value),
        ],
        counterparty=application.opportunity.funder.actor,
        reference=reference,
        external_key=f"{payment_key_prefix(application)}{count + 1}",
        post=True,
        recorder=recorder,
    )


def report_accept(
    *, application: Application, on: datetime.date | None = None, recorder=None
) -> Application:
    """The funder accepted the final report: the withheld share may now be received."""
    require_recorder(can_keep_books, recorder)
    date_check(on, field="on")
    with db.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.stage not in (Stage.GRANTED, Stage.REPORTING):
            raise ValidationError(_("Only a granted application reports."))
        application.report_accepted_on = on or timezone.localdate()
        application.save(update_fields=["report_accepted_on"])
        audit_record(action="grants.report.accepted", recorder=recorder, obj=application)
    return application
