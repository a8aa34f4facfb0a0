"""Every write of gifts, pledges, campaigns and rounds: atomic, locked then re-checked, audited.

Money reaches the books only through ``remix.ledger.services``: a gift received is one posted
transaction in the fund it was given to; a campaign pledge, once the goal is reached, is first
what the giver owes (``Assets:Receivables:Pledges``) and its payment settles it; a round's pool is
the funder's grant in the pool's fund, and each project's match moves to its fund by an
inter-fund transfer. Each of these carries an ``external_key``, so that a job re-run after a crash
or a webhook delivered twice writes nothing more.
"""

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction as db
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.amounts import amount_positive
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check, dates_check
from remix.core.formats import format_money
from remix.core.i18ntext import text_clean
from remix.core.money import (
    HOUR,
    from_minor,
)
from remix.core.permissions import can_keep_books, require_recorder
from remix.funding import receipts
from remix.funding.models import (
    Campaign,
    CampaignRule,
    CampaignStatus,
    CampaignUpdate,
    Ceiling,
    CeilingPeriod,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Frequency,
    Pledge,
    PledgePause,
    PledgeStatus,
    Provider,
    ReceiptCounter,
    Round,
    RoundMatch,
    RoundProject,
    RoundStatus,
    StretchGoal,
    TaxReceipt,
    Tier,
    Visibility,
)
from remix.funding.references import reference_make
from remix.ledger import chart
from remix.ledger import services as ledger
from remix.ledger.models import Account, Fund, Transaction

BANK = chart.BANK
PLEDGES_DUE = chart.PLEDGES_RECEIVABLE
DONATIONS = chart.DONATIONS
CROWDFUNDING = chart.CROWDFUNDING
# Time and in-kind: the PCG's class 8, an expense and a resource of the same value.
TIME = (chart.VOLUNTEER_EXPENSE, chart.VOLUNTEER_INCOME)
IN_KIND = (chart.IN_KIND_EXPENSE, chart.IN_KIND_INCOME)
POOL_ACCOUNTS = (chart.PUBLIC_GRANTS, chart.INSTITUTIONAL_GRANTS)


def _account(code: str) -> Account:
    return Account.objects.get(code=code)


# One reading of a typed amount for every write, its refusals in the reader's language.
_amount = amount_positive


@dataclass(frozen=True)
class Giver:
    """Who gives: a member's account, an organisation among the allies, or a name alone."""

    user: object = None
    actor: object = None
    name: str = ""
    language: str = ""

    @property
    def display(self) -> str:
        if self.name.strip():
            return self.name.strip()[:200]
        if self.user is not None:
            return self.user.public_name
        if self.actor is not None:
            return self.actor.name
        return ""

    @property
    def lang(self) -> str:
        return self.language or getattr(self.user, "language", "") or "fr"


def _giver_check(giver: Giver) -> None:
    if not giver.display:
        raise ValidationError({"name": _("Say who gives.")})


def _description(kind: str, name: str, visibility: str, fund: Fund) -> str:
    """What the books say of a gift; a giver who did not ask to be named is not named."""
    if visibility == Visibility.PUBLIC:
        return _("%(kind)s from %(name)s to %(fund)s") % {
            "kind": kind,
            "name": name,
            "fund": fund.label,
        }
    return _("%(kind)s to %(fund)s") % {"kind": kind, "fund": fund.label}


# --- ceilings ------------------------------------------------------------------------------------


def ceiling_set(
    *,
    fund: Fund,
    period: str,
    amount=None,
    share_of_needs: Decimal | str | None = None,
    commodity: str = "EUR",
    recorder=None,
) -> Ceiling:
    if period not in CeilingPeriod.values:
        raise ValidationError({"period": _("A ceiling is per month or per year.")})
    if (amount is None) == (share_of_needs is None):
        raise ValidationError(
            {"amount": _("Give either an amount or a share of the needs, not both.")}
        )
    minor = None
    share = None
    if amount is not None:
        minor, commodity = _amount(amount, commodity)
    else:
        share = Decimal(str(share_of_needs))
        if not Decimal(0) < share <= 1:
            raise ValidationError(
                {"share_of_needs": _("A share of the needs is above 0 and at most 1 (100 %).")}
            )
    with db.atomic():
        ceiling, _created = Ceiling.objects.update_or_create(
            fund=fund,
            defaults={
                "period": period,
                "amount_minor": minor,
                "share_of_needs": share,
                "commodity": commodity,
            },
        )
        audit_record(
            action="funding.ceiling.set",
            recorder=recorder,
            obj=ceiling,
            data={"fund": fund.slug, "period": period, "amount": minor, "share": str(share)},
        )
    return ceiling


def ceiling_clear(*, fund: Fund, recorder=None) -> None:
    with db.atomic():
        deleted, _rows = Ceiling.objects.filter(fund=fund).delete()
        if deleted:
            audit_record(action="funding.ceiling.cleared", recorder=recorder, obj=fund)


def _ceiling_check(*, giver: Giver, fund: Fund, minor: int, commodity: str, frequency: str, on):
    from remix.funding.selectors import ceiling_of, promised_in_period
    from remix.ledger.selectors import Converter

    ceiling = ceiling_of(fund=fund, on=on)
    if ceiling is None or giver.user is None:
        return
    quote = ceiling.commodity
    converter = Converter(quote)
    already = promised_in_period(
        user=giver.user,
        fund=fund,
        period=ceiling.period_range,
        currency=quote,
        converter=converter,
    )
    this = converter.minor(minor * ceiling.instalments(frequency), commodity, on)
    if this is None:
        raise ValidationError(
            {
                "commodity": _(
                    "There is no exchange rate from %(code)s to %(quote)s yet: give in %(quote)s."
                )
                % {"code": commodity, "quote": quote}
            }
        )
    if already + this > ceiling.amount_minor:
        raise ValidationError(
            {
                "amount": _(
                    "One giver may promise this fund at most %(ceiling)s per %(period)s, so "
                    "that no one weighs too much; you have already promised %(already)s."
                )
                % {
                    "ceiling": format_money(ceiling.amount_minor, quote),
                    "period": CeilingPeriod(ceiling.period).label,
                    "already": format_money(already, quote),
                }
            }
        )


# --- pledges -------------------------------------------------------------------------------------


def _reference_new() -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    while True:
        body = "RMX" + "".join(secrets.choice(alphabet) for _i in range(8))
        reference = reference_make(body)
        if not Pledge.objects.filter(reference=reference).exists():
            return reference


def pledge_create(
    *,
    fund: Fund,
    amount,
    commodity: str = "EUR",
    frequency: str = Frequency.ONCE,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    visibility: str = Visibility.PUBLIC,
    giver: Giver,
    campaign: Campaign | None = None,
    tier: Tier | None = None,
    round_project: RoundProject | None = None,
    idempotency_key: str | None = None,
    recorder=None,
) -> tuple[Pledge, bool]:
    """A promise to give; a repeated ``idempotency_key`` returns the first one unchanged."""
    if idempotency_key:
        existing = Pledge.objects.filter(idempotency_key=idempotency_key).first()
        if existing:
            return existing, False
    _giver_check(giver)
    minor, commodity = _amount(amount, commodity)
    if commodity == HOUR:
        raise ValidationError({"commodity": _("Time is declared, not pledged.")})
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Choose once, monthly, quarterly or yearly.")})
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose how the gift is shown.")})
    if not fund.active:
        raise ValidationError({"fund": _("This fund no longer takes gifts.")})
    today = timezone.localdate()
    start = start or today
    dates_check(start=start, end=end)
    if end is not None and end < start:
        raise ValidationError({"end": _("A pledge ends after it starts.")})
    if campaign is not None and frequency != Frequency.ONCE:
        raise ValidationError({"frequency": _("A campaign takes one-time pledges.")})
    if round_project is not None:
        _round_gift_check(round_project=round_project, giver=giver, on=start, commodity=commodity)
        fund = round_project.fund
    with db.atomic():
        if campaign is not None:
            campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
            _campaign_pledge_check(campaign, tier, minor, commodity, today)
            fund = campaign.fund
            if tier is not None:
                # Lock and re-check in one statement: the row only moves while a unit is left.
                room = Tier.objects.filter(Q(quantity__isnull=True) | Q(taken__lt=F("quantity")))
                if not room.filter(pk=tier.pk).update(taken=F("taken") + 1):
                    raise ValidationError({"tier": _("This counterpart is no longer available.")})
        _ceiling_check(
            giver=giver, fund=fund, minor=minor, commodity=commodity, frequency=frequency, on=start
        )
        pledge = Pledge.objects.create(
            reference=_reference_new(),
            user=giver.user,
            actor=giver.actor,
            name=giver.display,
            language=giver.lang,
            fund=fund,
            campaign=campaign,
            tier=tier,
            round_project=round_project,
            amount_minor=minor,
            commodity=commodity,
            frequency=frequency,
            start=start,
            end=end,
            visibility=visibility,
            idempotency_key=idempotency_key or None,
            created_by=as_recorder(recorder),
        )
        audit_record(
            action="funding.pledge.created",
            recorder=recorder,
            obj=pledge,
            data={"fund": fund.slug, "amount": minor, "commodity": commodity, "every": frequency},
        )
    return pledge, True


def pledge_pause(
    *, pledge: Pledge, start: datetime.date, end: datetime.date | None = None, recorder=None
) -> PledgePause:
    if not pledge.is_recurring:
        raise ValidationError(_("Only a recurring pledge is paused."))
    dates_check(start=start, end=end)
    if end is not None and end < start:
        raise ValidationError({"end": _("A pause ends after it starts.")})
    with db.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if pledge.status != PledgeStatus.ACTIVE:
            raise ValidationError(_("This pledge is no longer running."))
        if pledge.pauses.filter(end__isnull=True).exists():
            raise ValidationError(_("This pledge is already paused."))
        pause = PledgePause.objects.create(pledge=pledge, start=start, end=end)
        audit_record(
            action="funding.pledge.paused",
            recorder=recorder,
            obj=pledge,
            data={"from": str(start), "until": str(end) if end else None},
        )
    return pause


def pledge_resume(*, pledge: Pledge, on: datetime.date, recorder=None) -> Pledge:
    """An open pause ends the day before ``on``."""
    date_check(on, field="on")
    with db.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        pause = pledge.pauses.filter(end__isnull=True).first()
        if pause is None:
            raise ValidationError(_("This pledge is not paused."))
        pause.end = max(pause.start, on - datetime.timedelta(days=1))
        pause.save(update_fields=["end"])
        audit_record(
            action="funding.pledge.resumed", recorder=recorder, obj=pledge, data={"on": str(on)}
        )
    return pledge


def pledge_cancel(*, pledge: Pledge, on: datetime.date | None = None, recorder=None) -> Pledge:
    """Nothing falls due from ``on``; a campaign pledge gives its counterpart back."""
    on = on or timezone.localdate()
    date_check(on, field="on")
    with db.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if pledge.status != PledgeStatus.ACTIVE:
            raise ValidationError(_("This pledge is no longer running."))
        if pledge.campaign_id and not Campaign.objects.get(pk=pledge.campaign_id).is_open:
            raise ValidationError(_("The campaign is closed: its pledges no longer change."))
        pledge.status, pledge.cancelled_on = PledgeStatus.CANCELLED, max(on, pledge.start)
        pledge.save(update_fields=["status", "cancelled_on"])
        if pledge.tier_id:
            Tier.objects.filter(pk=pledge.tier_id, taken__gt=0).update(taken=F("taken") - 1)
        audit_record(
            action="funding.pledge.cancelled", recorder=recorder, obj=pledge, data={"on": str(on)}
        )
    return pledge


# --- money received ------------------------------------------------------------------------------


def payment_record(
    *,
    amount,
    date: datetime.date,
    commodity: str = "EUR",
    pledge: Pledge | None = None,
    fund: Fund | None = None,
    giver: Giver | None = None,
    visibility: str = Visibility.PUBLIC,
    round_project: RoundProject | None = None,
    provider: str = Provider.TREASURER,
    external_key: str | None = None,
    transaction: Transaction | None = None,
    recorder=None,
) -> tuple[Contribution, bool]:
    """Money received: for a pledge (its fund, giver and visibility), or a gift without one.

    The books get one posted transaction: the bank against the gift's income in the fund, or
    against the receivable of a campaign pledge whose goal was reached. ``transaction`` is an
    imported bank row already in the books as a draft: it is categorised and posted instead.
    A repeated ``external_key`` returns the first contribution."""
    require_recorder(can_keep_books, recorder)
    if external_key:
        existing = Contribution.objects.filter(external_key=external_key).first()
        if existing:
            return existing, False
    minor, commodity = _amount(amount, commodity)
    date_check(date)
    if pledge is not None:
        pledge = Pledge.objects.select_related("fund", "round_project__round").get(pk=pledge.pk)
        if pledge.status in (PledgeStatus.RELEASED, PledgeStatus.CANCELLED) and not (
            pledge.status == PledgeStatus.CANCELLED and pledge.is_recurring
        ):
            raise ValidationError({"pledge": _("This pledge is no longer running.")})
        if pledge.campaign_id and pledge.status == PledgeStatus.ACTIVE:
            raise ValidationError(
                {"pledge": _("A campaign pledge is paid once the campaign has closed.")}
            )
        if commodity != pledge.commodity:
            raise ValidationError(
                {"commodity": _("This pledge is in %(code)s.") % {"code": pledge.commodity}}
            )
        fund, visibility = pledge.fund, pledge.visibility
        giver = Giver(
            user=pledge.user, actor=pledge.actor, name=pledge.name, language=pledge.language
        )
        round_project = pledge.round_project
    if giver is None:
        raise ValidationError({"name": _("Say who gives.")})
    _giver_check(giver)
    if round_project is not None:
        _round_gift_check(round_project=round_project, giver=giver, on=date, commodity=commodity)
        fund = round_project.fund
    if fund is None:
        raise ValidationError({"fund": _("Choose the fund the gift goes to.")})
    due = pledge is not None and pledge.status == PledgeStatus.RECEIVABLE
    income = _account(PLEDGES_DUE if due else DONATIONS)
    description = _description(_("Gift"), giver.display, visibility, fund)
    try:
        with db.atomic():
            if transaction is not None:
                tx = _bank_row_categorise(
                    transaction, income=income, fund=fund, minor=minor, visibility=visibility
                )
            else:
                tx, _new = ledger.transaction_create(
                    date=date,
                    description=description,
                    legs=_legs(BANK, income, fund, minor, commodity),
                    anonymous=visibility != Visibility.PUBLIC,
                    reference=pledge.reference if pledge else "",
                    post=True,
                    recorder=recorder,
                )
            contribution = Contribution.objects.create(
                kind=ContributionKind.MONEY,
                status=ContributionStatus.RECORDED,
                pledge=pledge,
                user=giver.user,
                actor=giver.actor,
                name=giver.display,
                language=giver.lang,
                fund=fund,
                round_project=round_project,
                amount_minor=minor,
                commodity=commodity,
                date=date,
                visibility=visibility,
                provider=provider,
                transaction=tx,
                external_key=external_key or None,
                decided_by=as_recorder(recorder),
                decided_at=timezone.now(),
            )
            audit_record(
                action="funding.payment.recorded",
                recorder=recorder,
                obj=contribution,
                data={"fund": fund.slug, "amount": minor, "commodity": commodity, "via": provider},
            )
    except IntegrityError:
        # The same outside event recorded at the same instant by another process: the
        # unique key refused this one whole, and the first one stands.
        existing = Contribution.objects.filter(external_key=external_key).first()
        if external_key and existing:
            return existing, False
        raise
    return contribution, True


def _legs(debit_code, credit, fund: Fund, minor: int, commodity: str) -> list:
    debit = _account(debit_code) if isinstance(debit_code, str) else debit_code
    credit = _account(credit) if isinstance(credit, str) else credit
    value = from_minor(minor, commodity)
    return [ledger.Leg(debit, fund, value, commodity), ledger.Leg(credit, fund, -value, commodity)]


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
            legs=[
                ledger.Leg(p.account, p.fund, p.amount, p.commodity, p.memo)
                for p in tx.postings.select_related("account", "fund")
            ],
            counterparty=tx.counterparty,
            anonymous=anonymous,
            reference=tx.reference,
        )
    return ledger.transaction_post(transaction=tx)


# --- time and in kind ----------------------------------------------------------------------------


def contribution_declare(
    *,
    giver: Giver,
    fund: Fund,
    kind: str,
    amount,
    date: datetime.date,
    description: str,
    visibility: str = Visibility.PUBLIC,
    commodity: str = "EUR",
    external_key: str | None = None,
    recorder=None,
) -> Contribution:
    """Time (in hours) or a gift in kind (at its fair value), waiting for a treasurer.

    A repeated ``external_key`` (an API retry) returns the first declaration."""
    if external_key:
        existing = Contribution.objects.filter(external_key=external_key).first()
        if existing:
            return existing
    _giver_check(giver)
    if kind not in (ContributionKind.TIME, ContributionKind.IN_KIND):
        raise ValidationError({"kind": _("Declare time or a gift in kind; money is received.")})
    if kind == ContributionKind.TIME:
        commodity = HOUR
    elif commodity == HOUR:
        raise ValidationError({"commodity": _("A gift in kind is valued in a currency.")})
    minor, commodity = _amount(amount, commodity)
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Say what was given.")})
    date_check(date)
    if date > timezone.localdate():
        raise ValidationError({"date": _("Declare what was already given.")})
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose how the gift is shown.")})
    with db.atomic():
        contribution = Contribution.objects.create(
            kind=kind,
            status=ContributionStatus.DECLARED,
            user=giver.user,
            actor=giver.actor,
            name=giver.display,
            language=giver.lang,
            fund=fund,
            amount_minor=minor,
            commodity=commodity,
            date=date,
            description=description[:300],
            visibility=visibility,
            provider=Provider.DECLARED,
            external_key=external_key or None,
        )
        audit_record(
            action="funding.contribution.declared",
            recorder=recorder,
            obj=contribution,
            data={"kind": kind, "amount": minor, "commodity": commodity},
        )
    return contribution


def contribution_validate(*, contribution: Contribution, recorder=None) -> Contribution:
    """A treasurer accepts a declaration: one posted transaction, expense and resource alike."""
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if contribution.status == ContributionStatus.RECORDED:
            return contribution
        if contribution.status != ContributionStatus.DECLARED:
            raise ValidationError(_("Only a declared contribution is validated."))
        expense, income = TIME if contribution.kind == ContributionKind.TIME else IN_KIND
        label = _("Volunteer time") if contribution.kind == ContributionKind.TIME else _("In kind")
        tx, _new = ledger.transaction_create(
            date=contribution.date,
            description=_description(
                label, contribution.name, contribution.visibility, contribution.fund
            ),
            legs=_legs(
                expense,
                income,
                contribution.fund,
                contribution.amount_minor,
                contribution.commodity,
            ),
            anonymous=contribution.visibility != Visibility.PUBLIC,
            external_key=f"contribution:{contribution.pk}",
            post=True,
            recorder=recorder,
        )
        contribution.status, contribution.transaction = ContributionStatus.RECORDED, tx
        contribution.decided_by, contribution.decided_at = as_recorder(recorder), timezone.now()
        contribution.save(update_fields=["status", "transaction", "decided_by", "decided_at"])
        audit_record(action="funding.contribution.validated", recorder=recorder, obj=contribution)
    return contribution


def contribution_refuse(*, contribution: Contribution, reason: str, recorder=None) -> Contribution:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the declaration is refused.")})
    with db.atomic():
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if contribution.status != ContributionStatus.DECLARED:
            raise ValidationError(_("Only a declared contribution is refused."))
        contribution.status, contribution.refusal_reason = ContributionStatus.REFUSED, reason[:300]
        contribution.decided_by, contribution.decided_at = as_recorder(recorder), timezone.now()
        contribution.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at"])
        audit_record(
            action="funding.contribution.refused",
            recorder=recorder,
            obj=contribution,
            data={"reason": reason},
        )
    return contribution


# --- campaigns -----------------------------------------------------------------------------------


def campaign_create(
    *,
    slug: str,
    title: dict,
    fund: Fund,
    goal,
    opens: datetime.date,
    deadline: datetime.date,
    rule: str,
    description: dict | None = None,
    commodity: str = "EUR",
    recorder=None,
) -> Campaign:
    require_recorder(can_keep_books, recorder)
    goal_minor, commodity = _amount(goal, commodity, field="goal")
    if rule not in CampaignRule.values:
        raise ValidationError({"rule": _("Choose all or nothing, or keep it all.")})
    dates_check(opens=opens, deadline=deadline)
    if deadline < opens:
        raise ValidationError({"deadline": _("The deadline comes after the opening.")})
    campaign = Campaign(
        slug=slug,
        title=text_clean(title),
        description=text_clean(description, any_language=False) if description else {},
        fund=fund,
        goal_minor=goal_minor,
        commodity=commodity,
        opens=opens,
        deadline=deadline,
        rule=rule,
        created_by=as_recorder(recorder),
    )
    if not campaign.title:
        raise ValidationError({"title": _("Give the campaign a title.")})
    campaign.full_clean()
    with db.atomic():
        campaign.save()
        audit_record(
            action="funding.campaign.created",
            recorder=recorder,
            obj=campaign,
            data={"fund": fund.slug, "goal": goal_minor, "rule": rule},
        )
    return campaign


def stretch_goal_add(*, campaign: Campaign, amount, title: dict, recorder=None) -> StretchGoal:
    minor, _commodity = _amount(amount, campaign.commodity)
    if minor <= campaign.goal_minor:
        raise ValidationError({"amount": _("A stretch goal is above the goal.")})
    with db.atomic():
        goal, _created = StretchGoal.objects.update_or_create(
            campaign=campaign, amount_minor=minor, defaults={"title": text_clean(title)}
        )
        audit_record(action="funding.stretch_goal.set", recorder=recorder, obj=campaign)
    return goal


def tier_add(
    *,
    campaign: Campaign,
    title: dict,
    amount,
    description: dict | None = None,
    free_amount: bool = False,
    quantity: int | None = None,
    recorder=None,
) -> Tier:
    minor, _commodity = _amount(amount, campaign.commodity)
    if quantity is not None and quantity < 1:
        raise ValidationError({"quantity": _("A limited tier has at least one.")})
    with db.atomic():
        tier = Tier.objects.create(
            campaign=campaign,
            title=text_clean(title),
            description=text_clean(description) if description else {},
            amount_minor=minor,
            free_amount=free_amount,
            quantity=quantity,
        )
        audit_record(action="funding.tier.created", recorder=recorder, obj=tier)
    return tier


def campaign_update_post(
    *, campaign: Campaign, title: dict, body: dict, recorder=None
) -> CampaignUpdate:
    title, body = text_clean(title), text_clean(body)
    if not title:
        raise ValidationError({"title": _("Give the update a title.")})
    with db.atomic():
        update = CampaignUpdate.objects.create(
            campaign=campaign, title=title, body=body, author=as_recorder(recorder)
        )
        audit_record(action="funding.campaign.update", recorder=recorder, obj=campaign)
    return update


def _campaign_pledge_check(campaign, tier, minor: int, commodity: str, today) -> None:
    if not campaign.is_open or today > campaign.deadline:
        raise ValidationError({"campaign": _("This campaign no longer takes pledges.")})
    if today < campaign.opens:
        raise ValidationError(
            {"campaign": _("This campaign opens on %(date)s.") % {"date": campaign.opens}}
        )
    if commodity != campaign.commodity:
        raise ValidationError(
            {"commodity": _("This campaign is in %(code)s.") % {"code": campaign.commodity}}
        )
    if tier is None:
        return
    if tier.campaign_id != campaign.pk:
        raise ValidationError({"tier": _("This counterpart belongs to another campaign.")})
    if tier.free_amount and minor < tier.amount_minor:
        raise ValidationError(
            {
                "amount": _("This counterpart starts at %(amount)s.")
                % {"amount": format_money(tier.amount_minor, commodity)}
            }
        )
    if not tier.free_amount and minor != tier.amount_minor:
        raise ValidationError(
            {
                "amount": _("This counterpart is %(amount)s.")
                % {"amount": format_money(tier.amount_minor, commodity)}
            }
        )


def campaign_close(*, campaign: Campaign, today=None, recorder=None) -> Campaign:
    """Close a campaign past its deadline, in stages that a re-run after a crash finishes.

    1. Decide, once: what was pledged is stored, and the campaign is ``closing``.
    2. Each pledge, in its own database transaction: released (an all-or-nothing campaign that
       missed its goal: nothing reaches the books) or turned into what the giver owes.
    3. The campaign takes its final status."""
    require_recorder(can_keep_books, recorder)
    today = today or timezone.localdate()
    with db.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status == CampaignStatus.OPEN:
            if today <= campaign.deadline:
                raise ValidationError(
                    _("This campaign takes pledges until %(date)s.") % {"date": campaign.deadline}
                )
            raised = (
                campaign.pledges.filter(status=PledgeStatus.ACTIVE).aggregate(
                    total=Sum("amount_minor")
                )["total"]
                or 0
            )
            campaign.status, campaign.raised_at_close_minor = CampaignStatus.CLOSING, raised
            campaign.save(update_fields=["status", "raised_at_close_minor"])
            audit_record(
                action="funding.campaign.closing",
                recorder=recorder,
                obj=campaign,
                data={"raised": raised, "goal": campaign.goal_minor},
            )
        elif campaign.status != CampaignStatus.CLOSING:
            return campaign
    reached = campaign.raised_at_close_minor >= campaign.goal_minor
    keep = reached or campaign.rule == CampaignRule.KEEP_IT_ALL
    pending = campaign.pledges.filter(status=PledgeStatus.ACTIVE).order_by("pk")
    for pledge_id in list(pending.values_list("pk", flat=True)):
        _pledge_settle(campaign, pledge_id, keep=keep, today=today, recorder=recorder)
    with db.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status == CampaignStatus.CLOSING:
            if reached:
                campaign.status = CampaignStatus.SUCCEEDED
            else:
                campaign.status = CampaignStatus.KEPT if keep else CampaignStatus.FAILED
            campaign.closed_at = timezone.now()
            campaign.save(update_fields=["status", "closed_at"])
            audit_record(
                action="funding.campaign.closed",
                recorder=recorder,
                obj=campaign,
                data={"status": campaign.status},
            )
    return campaign


def _pledge_settle(campaign: Campaign, pledge_id: int, *, keep: bool, today, recorder) -> None:
    with db.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge_id)
        if pledge.status != PledgeStatus.ACTIVE:
            return
        if not keep:
            pledge.status = PledgeStatus.RELEASED
            pledge.save(update_fields=["status"])
            return
        tx, _new = ledger.transaction_create(
            date=today,
            description=_description(
                _("Crowdfunding pledge"), pledge.name, pledge.visibility, pledge.fund
            ),
            legs=_legs(
                PLEDGES_DUE, CROWDFUNDING, pledge.fund, pledge.amount_minor, pledge.commodity
            ),
            anonymous=pledge.visibility != Visibility.PUBLIC,
            reference=pledge.reference,
            external_key=f"campaign:{campaign.pk}:pledge:{pledge.pk}",
            post=True,
            recorder=recorder,
        )
        pledge.status, pledge.receivable = PledgeStatus.RECEIVABLE, tx
        pledge.save(update_fields=["status", "receivable"])


def campaigns_close_due(*, today=None, recorder=None) -> list[Campaign]:
    """Every campaign past its deadline and not closed yet, or left half-closed by a crash."""
    require_recorder(can_keep_books, recorder)
    today = today or timezone.localdate()
    due = Campaign.objects.filter(
        Q(status=CampaignStatus.OPEN, deadline__lt=today) | Q(status=CampaignStatus.CLOSING)
    ).order_by("deadline", "pk")
    return [campaign_close(campaign=c, today=today, recorder=recorder) for c in due]


# --- matching rounds -----------------------------------------------------------------------------


def round_create(
    *,
    slug: str,
    title: dict,
    funder,
    pool,
    pool_fund: Fund,
    opens: datetime.date,
    closes: datetime.date,
    cap_share: Decimal | str | None = None,
    description: dict | None = None,
    commodity: str = "EUR",
    pool_account: str = POOL_ACCOUNTS[0],
    pool_received_on: datetime.date | None = None,
    recorder=None,
) -> Round:
    """A round and its pool: the funder's grant, income of ``pool_fund`` from the start."""
    require_recorder(can_keep_books, recorder)
    pool_minor, commodity = _amount(pool, commodity, field="pool")
    if pool_account not in POOL_ACCOUNTS:
        raise ValidationError({"pool_account": _("A pool is a public or an institutional grant.")})
    dates_check(opens=opens, closes=closes, pool_received_on=pool_received_on)
    if closes < opens:
        raise ValidationError({"closes": _("A round closes after it opens.")})
    share = Decimal(str(cap_share)) if cap_share not in (None, "") else None
    if share is not None and not Decimal(0) < share <= 1:
        raise ValidationError({"cap_share": _("The cap is a share above 0 and at most 1.")})
    round_ = Round(
        slug=slug,
        title=text_clean(title),
        description=text_clean(description) if description else {},
        funder=funder,
        pool_minor=pool_minor,
        commodity=commodity,
        pool_fund=pool_fund,
        opens=opens,
        closes=closes,
        cap_share=share,
        created_by=as_recorder(recorder),
    )
    if not round_.title:
        raise ValidationError({"title": _("Give the round a title.")})
    round_.full_clean()
    with db.atomic():
        round_.save()
        tx, _new = ledger.transaction_create(
            date=pool_received_on or opens,
            description=_("Matching pool of %(round)s from %(funder)s")
            % {"round": round_.label, "funder": funder.name},
            legs=_legs(BANK, pool_account, pool_fund, pool_minor, commodity),
            counterparty=funder,
            external_key=f"round:{round_.pk}:pool",
            post=True,
            recorder=recorder,
        )
        round_.pool_transaction = tx
        round_.save(update_fields=["pool_transaction"])
        audit_record(
            action="funding.round.created",
            recorder=recorder,
            obj=round_,
            data={"pool": pool_minor, "commodity": commodity, "fund": pool_fund.slug},
        )
    return round_


def round_project_add(
    *, round: Round, fund: Fund, description: dict | None = None, recorder=None
) -> RoundProject:
    require_recorder(can_keep_books, recorder)
    if round.status != RoundStatus.OPEN:
        raise ValidationError(_("This round is closed."))
    if fund.pk == round.pool_fund_id:
        raise ValidationError({"fund": _("A project receives into its own fund, not the pool's.")})
    if not fund.active:
        raise ValidationError({"fund": _("This fund no longer takes gifts.")})
    if RoundProject.objects.filter(round=round, fund=fund).exists():
        raise ValidationError({"fund": _("This project is already in the round.")})
    with db.atomic():
        project = RoundProject.objects.create(
            round=round, fund=fund, description=text_clean(description) if description else {}
        )
        audit_record(
            action="funding.round.project_added",
            recorder=recorder,
            obj=round,
            data={"fund": fund.slug},
        )
    return project


def _round_gift_check(*, round_project: RoundProject, giver: Giver, on, commodity: str) -> None:
    round_ = round_project.round
    if round_.status != RoundStatus.OPEN:
        raise ValidationError({"round": _("This round is closed.")})
    if not round_.opens <= on <= round_.closes:
        raise ValidationError(
            {
                "date": _("This round counts gifts from %(opens)s to %(closes)s.")
                % {"opens": round_.opens, "closes": round_.closes}
            }
        )
    if giver.user is None or not giver.user.is_verified_person:
        raise ValidationError(
            {
                "user": _(
                    "Only verified member accounts give in a matching round: one person, one voice."
                )
            }
        )
    if commodity != round_.commodity:
        raise ValidationError(
            {"commodity": _("This round is in %(code)s.") % {"code": round_.commodity}}
        )


def round_close(*, round: Round, today=None, recorder=None) -> Round:
    """Close a round after its window, in stages that a re-run after a crash finishes.

    1. The matching is computed once and stored, one row per project; the round is ``closing``.
    2. Each project's match moves from the pool's fund to the project's fund: one transfer.
    3. The round is ``closed``. What no project could take (every one capped) stays in the pool."""
    require_recorder(can_keep_books, recorder)
    from remix.funding.selectors import round_matching

    today = today or timezone.localdate()
    with db.atomic():
        round_ = Round.objects.select_for_update().get(pk=round.pk)
        if round_.status == RoundStatus.OPEN:
            if today <= round_.closes:
                raise ValidationError(
                    _("This round counts gifts until %(date)s.") % {"date": round_.closes}
                )
            matching = round_matching(round=round_)
            projects = {p.pk: p for p in round_.projects.all()}
            RoundMatch.objects.bulk_create(
                RoundMatch(
                    round=round_,
                    project=projects[row.project],
                    total_minor=row.total,
                    contributors=row.contributors,
                    match_minor=row.match,
                    capped=row.capped,
                )
                for row in matching.projects
            )
            round_.status = RoundStatus.CLOSING
            round_.save(update_fields=["status"])
            audit_record(
                action="funding.round.closing",
                recorder=recorder,
                obj=round_,
                data={"matched": matching.matched, "unallocated": matching.unallocated},
            )
        elif round_.status != RoundStatus.CLOSING:
            return round_
    for match_id in list(
        round_.matches.filter(transaction__isnull=True, match_minor__gt=0).values_list(
            "pk", flat=True
        )
    ):
        _match_transfer(round_, match_id, today=today, recorder=recorder)
    with db.atomic():
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        if round_.status == RoundStatus.CLOSING:
            round_.status, round_.closed_at = RoundStatus.CLOSED, timezone.now()
            round_.save(update_fields=["status", "closed_at"])
            audit_record(action="funding.round.closed", recorder=recorder, obj=round_)
    return round_


def _match_transfer(round_: Round, match_id: int, *, today, recorder) -> None:
    with db.atomic():
        match = (
            RoundMatch.objects.select_for_update().select_related("project__fund").get(pk=match_id)
        )
        if match.transaction_id:
            return
        tx = ledger.transfer_record(
            date=today,
            from_fund=round_.pool_fund,
            to_fund=match.project.fund,
            amount=from_minor(match.match_minor, round_.commodity),
            commodity=round_.commodity,
            description=_("Match of %(round)s for %(project)s")
            % {"round": round_.label, "project": match.project.label},
            external_key=f"round:{round_.pk}:match:{match.project_id}",
            recorder=recorder,
        )
        match.transaction = tx
        match.save(update_fields=["transaction"])


# --- tax receipts --------------------------------------------------------------------------------


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
