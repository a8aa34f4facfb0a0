"""Tax receipts: one per gift, numbered without gaps per year, never changed once issued; and the
association that issues them, as a steward sets it."""

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.contributions import receipts
from remix.contributions.models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    ReceiptCounter,
    ReceiptIssuer,
    TaxReceipt,
)
from remix.core.audit import as_recorder, audit_record
from remix.core.numbering import counter_next
from remix.core.permissions import can_set_receipt_issuer, require_recorder

ISSUER_FIELDS = ("name", "address", "object", "signatory", "signatory_role")


def receipt_issuer_set(
    *,
    name: str,
    address: str = "",
    object: str = "",  # the Cerfa's word: what the association is for
    signatory: str = "",
    signatory_role: str = "",
    recorder=None,
) -> ReceiptIssuer:
    """Say which association issues the tax receipts, and who signs them; receipts issued from
    now on copy it, those issued before keep theirs."""
    require_recorder(can_set_receipt_issuer, recorder)
    given = {
        "name": name,
        "address": address,
        "object": object,
        "signatory": signatory,
        "signatory_role": signatory_role,
    }
    given = {field: (value or "").strip() for field, value in given.items()}
    if not given["name"]:
        raise ValidationError({"name": _("Name the association that issues the receipts.")})
    with db.atomic():
        row = ReceiptIssuer.objects.select_for_update().filter(pk=1).first()
        before = row.as_issuer() if row is not None else {}
        row = row or ReceiptIssuer(pk=1)
        for field in ISSUER_FIELDS:
            setattr(row, field, given[field])
        row.changed_by = as_recorder(recorder)
        row.full_clean(exclude=["changed_by"])
        row.save()
        audit_record(
            action="funding.receipt_issuer.changed",
            recorder=recorder,
            obj=row,
            data={"before": before, "after": row.as_issuer()},
        )
    return row


def _counterpart(contribution: Contribution):
    """The rule for the gift's counterpart: its pledge's tier's value, else none."""
    pledge = contribution.pledge
    tier = pledge.tier if pledge is not None and pledge.tier_id else None
    return receipts.counterpart_of(
        gift_minor=contribution.amount_minor,
        value_minor=tier.counterpart_value_minor if tier is not None else 0,
        on=contribution.date,
    )


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
    receipts.issuer_check(on=contribution.date)
    counterpart = _counterpart(contribution)
    if counterpart.stated == 0:
        raise ValidationError(
            _("The counterpart of this gift is worth as much as the gift: it gives no receipt.")
        )
    year = contribution.date.year
    with db.atomic():
        sequence = counter_next(ReceiptCounter, year=year)
        if TaxReceipt.objects.filter(contribution=contribution).exists():
            # A parallel issue won while this one waited for the lock: the number goes back.
            db.set_rollback(True)
            return TaxReceipt.objects.get(contribution=contribution)
        receipt = TaxReceipt.objects.create(
            year=year,
            sequence=sequence,
            contribution=contribution,
            giver_name=contribution.name,
            giver_address=(address or "").strip()[:500],
            amount_minor=counterpart.stated,
            counterpart_minor=counterpart.value,
            commodity=contribution.commodity,
            gift_date=contribution.date,
            gift_kind=contribution.kind,
            language=contribution.language,
            issuer=receipts.issuer(on=contribution.date),
            issued_by=as_recorder(recorder),
        )
        audit_record(
            action="funding.receipt.issued",
            recorder=recorder,
            obj=receipt,
            data={
                "number": receipt.number,
                "amount": receipt.amount_minor,
                "counterpart": receipt.counterpart_minor,
            },
        )
    return receipt
