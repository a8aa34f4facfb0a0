"""Tax receipts: one per gift, numbered without gaps per year, never changed once issued."""

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.contributions import receipts
from remix.contributions.models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    ReceiptCounter,
    TaxReceipt,
)
from remix.core.audit import as_recorder, audit_record


def receipt_issue(*, contribution: Contribution, address: str = "", recorder=None) -> TaxReceipt:
    """The reçu fiscal of one gift, numbered without gaps per year; asked again, the same one."""
    existing = TaxReceipt.objects.filter(contribution=contribution).first()
    if existing:
        return existing
    if contribution.status != ContributionStatus.RECORDED:
        raise ValidationError(_("A receipt is issued for a gift recorded in the books."))
    if contribution.kind == ContributionKind.TIME:
        raise ValidationError(_("Volunteer time gives no tax receipt."))
    if contribution.commodity != "EUR":
        raise ValidationError(_("French tax receipts are in euros."))
    receipts.issuer_check()
    year = contribution.date.year
    with db.atomic():
        ReceiptCounter.objects.get_or_create(year=year)
        counter = ReceiptCounter.objects.select_for_update().get(year=year)
        if TaxReceipt.objects.filter(contribution=contribution).exists():
            return TaxReceipt.objects.get(contribution=contribution)
        counter.last += 1
        counter.save(update_fields=["last"])
        receipt = TaxReceipt.objects.create(
            year=year,
            sequence=counter.last,
            contribution=contribution,
            giver_name=contribution.name,
            giver_address=(address or "").strip()[:500],
            amount_minor=contribution.amount_minor,
            commodity=contribution.commodity,
            gift_date=contribution.date,
            gift_kind=contribution.kind,
            language=contribution.language,
            issuer=receipts.issuer(),
            issued_by=as_recorder(recorder),
        )
        audit_record(
            action="funding.receipt.issued",
            recorder=recorder,
            obj=receipt,
            data={"number": receipt.number, "amount": receipt.amount_minor},
        )
    return receipt
