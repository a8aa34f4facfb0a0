"""Money received: for a pledge, or a gift without one, posted to the books at once."""

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.contributions.models import (
    PROVIDER_METHODS,
    Contribution,
    ContributionKind,
    ContributionStatus,
    PaymentMethod,
    Pledge,
    PledgeStatus,
    Provider,
    RoundProject,
    Visibility,
)
from remix.contributions.services.common import (
    Giver,
    account,
    gift_description,
    gift_legs,
    giver_check,
)
from remix.contributions.services.idempotency import write_once
from remix.contributions.services.rounds import round_gift_check
from remix.core.amounts import amount_positive
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check
from remix.core.money import Money
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger import chart
from remix.ledger import selectors as ledger_selectors
from remix.ledger import services as ledger
from remix.ledger.models import Account, Fund, Transaction


@dataclasses.dataclass(frozen=True)
class _Payment:
    """Money received as the caller tells it, its amount read; a pledge, when there is one,
    gives the gift its fund, its giver and how it is shown."""

    minor: int
    commodity: str
    date: datetime.date | None
    pledge: Pledge | None
    fund: Fund | None
    giver: Giver | None
    visibility: str
    round_project: RoundProject | None
    provider: str
    method: str
    transaction: Transaction | None

    def asked(self) -> dict:
        """The gift's fields as a repeated key compares them (``idempotency``)."""
        asked = {
            "amount_minor": self.minor,
            "commodity": self.commodity,
            "provider": self.provider,
            "payment_method": self.method,
        }
        if self.date is not None:
            asked["date"] = self.date
        if self.transaction is not None:
            asked["transaction_id"] = self.transaction.pk
        if self.pledge is not None:
            return {**asked, "pledge_id": self.pledge.pk}
        project = self.round_project
        return {
            **asked,
            **(self.giver or Giver()).asked(),
            "pledge_id": None,
            "fund_id": project.fund_id if project is not None else getattr(self.fund, "pk", None),
            "round_project_id": getattr(self.round_project, "pk", None),
            "visibility": self.visibility,
        }


def payment_record(
    *,
    amount,
    date: datetime.date | None = None,
    commodity: str = "EUR",
    pledge: Pledge | None = None,
    fund: Fund | None = None,
    giver: Giver | None = None,
    visibility: str = Visibility.PUBLIC,
    round_project: RoundProject | None = None,
    provider: str = Provider.TREASURER,
    method: str | None = None,
    external_key: str | None = None,
    transaction: Transaction | None = None,
    recorder=None,
) -> tuple[Contribution, bool]:
    """Money received on ``date`` (today when left out): for a pledge (its fund, giver and
    visibility), or a gift without one.

    The books get one posted transaction: the bank against the gift's income in the fund, or
    against the receivable of a campaign pledge whose goal was reached. ``transaction`` is an
    imported bank row already in the books as a draft: it is categorised and posted instead.
    A repeated ``external_key`` answers the first contribution unchanged, and one sent with
    another gift is refused (``idempotency``).

    ``method`` is how the money was paid (``PaymentMethod``), as the gift's tax receipt states
    it; left out, the one the provider implies (the bank: a transfer; Stripe: a card), else
    unsaid."""
    require_recorder(can_keep_books, recorder)
    minor, commodity = amount_positive(amount, commodity)
    method = PROVIDER_METHODS.get(provider, "") if method is None else method
    if method and method not in PaymentMethod.values:
        raise ValidationError({"method": _("Choose how the gift was paid.")})
    payment = _Payment(
        minor=minor,
        commodity=commodity,
        date=date,
        pledge=pledge,
        fund=fund,
        giver=giver,
        visibility=visibility,
        round_project=round_project,
        provider=provider,
        method=method,
        transaction=transaction,
    )
    return write_once(
        Contribution,
        field="external_key",
        key=external_key,
        asked=payment.asked(),
        write=lambda: _payment_write(payment, key=external_key, recorder=recorder),
    )


def _pledge_terms(payment: _Payment) -> _Payment:
    """A payment for a pledge: the pledge still running and paid in its currency; its fund,
    giver, visibility and round project are the gift's."""
    pledge = Pledge.objects.select_related("fund", "round_project__round").get(pk=payment.pledge.pk)
    if pledge.status in (PledgeStatus.RELEASED, PledgeStatus.CANCELLED) and not (
        pledge.status == PledgeStatus.CANCELLED and pledge.is_recurring
    ):
        raise ValidationError({"pledge": _("This pledge is no longer running.")})
    if pledge.campaign_id and pledge.status == PledgeStatus.ACTIVE:
        raise ValidationError(
            {"pledge": _("A campaign pledge is paid once the campaign has closed.")}
        )
    if payment.commodity != pledge.commodity:
        raise ValidationError(
            {"commodity": _("This pledge is in %(code)s.") % {"code": pledge.commodity}}
        )
    return dataclasses.replace(
        payment,
        pledge=pledge,
        fund=pledge.fund,
        visibility=pledge.visibility,
        giver=Giver(
            user=pledge.user, actor=pledge.actor, name=pledge.name, language=pledge.language
        ),
        round_project=pledge.round_project,
    )


def _payment_check(payment: _Payment, date: datetime.date) -> _Payment:
    """Who gave, to which fund, and, in a round, a gift that counts there."""
    date_check(date)
    if payment.pledge is not None:
        payment = _pledge_terms(payment)
    if payment.giver is None:
        raise ValidationError({"name": _("Say who gives.")})
    giver_check(payment.giver)
    if payment.round_project is not None:
        round_gift_check(
            round_project=payment.round_project,
            giver=payment.giver,
            on=date,
            commodity=payment.commodity,
        )
        payment = dataclasses.replace(payment, fund=payment.round_project.fund)
    if payment.fund is None:
        raise ValidationError({"fund": _("Choose the fund the gift goes to.")})
    return payment


def _payment_post(payment: _Payment, date: datetime.date, recorder) -> Transaction:
    """The bank account held on the gift's day against the gift's income (or a campaign
    pledge's receivable), posted."""
    due = payment.pledge is not None and payment.pledge.status == PledgeStatus.RECEIVABLE
    income = account(chart.PLEDGES_RECEIVABLE if due else chart.DONATIONS)
    fund, visibility = payment.fund, payment.visibility
    if payment.transaction is not None:
        return _bank_row_categorise(
            payment.transaction,
            income=income,
            fund=fund,
            minor=payment.minor,
            visibility=visibility,
        )
    # Received on the account held that day: the fiscal host's of the gift's date.
    bank = ledger_selectors.bank_account(on=date) or chart.BANK
    tx, _new = ledger.transaction_create(
        date=date,
        description=gift_description(_("Gift"), payment.giver.display, visibility, fund),
        legs=gift_legs(bank, income, fund, Money(payment.minor, payment.commodity)),
        anonymous=visibility != Visibility.PUBLIC,
        reference=payment.pledge.reference if payment.pledge else "",
        post=True,
        recorder=recorder,
    )
    return tx


def _payment_write(payment: _Payment, *, key: str | None, recorder) -> Contribution:
    date = payment.date or timezone.localdate()
    payment = _payment_check(payment, date)
    giver, fund = payment.giver, payment.fund
    contribution = Contribution.objects.create(
        kind=ContributionKind.MONEY,
        status=ContributionStatus.RECORDED,
        pledge=payment.pledge,
        user=giver.user,
        actor=giver.actor,
        name=giver.display,
        language=giver.lang,
        fund=fund,
        round_project=payment.round_project,
        amount_minor=payment.minor,
        commodity=payment.commodity,
        date=date,
        visibility=payment.visibility,
        provider=payment.provider,
        payment_method=payment.method,
        transaction=_payment_post(payment, date, recorder),
        external_key=key or None,
        decided_by=as_recorder(recorder),
        decided_at=timezone.now(),
    )
    audit_record(
        action="funding.payment.recorded",
        recorder=recorder,
        obj=contribution,
        data={
            "fund": fund.slug,
            "amount": payment.minor,
            "commodity": payment.commodity,
            "via": payment.provider,
            "method": payment.method,
        },
    )
    return contribution


def _bank_row_categorise(
    transaction: Transaction, *, income: Account, fund: Fund, minor: int, visibility: str
):
    """An imported bank row (a draft with one leg waiting): categorised, then posted. Its label
    names the giver: unless the gift is public, the books mark it anonymous."""
    tx = Transaction.objects.select_for_update().get(pk=transaction.pk)
    if tx.is_posted:
        raise ValidationError(_("This bank row is already in the books."))
    bank_total = sum(p.amount_minor for p in tx.postings.all() if not p.account.is_suspense)
    if bank_total != minor:
        raise ValidationError({"amount": _("The bank row's amount is not the gift's.")})
    tx = ledger.transaction_categorise(transaction=tx, account=income, fund=fund)
    anonymous = visibility != Visibility.PUBLIC
    if tx.anonymous != anonymous:
        tx = ledger.transaction_update(
            transaction=tx,
            date=tx.date,
            description=tx.description,
            legs=ledger.legs_of(tx),
            counterparty=tx.counterparty,
            anonymous=anonymous,
            reference=tx.reference,
        )
    return ledger.transaction_post(transaction=tx)
