"""Crowdfunding campaigns: started with their tiers and stretch goals, their news posted, and
closed in stages once the deadline has passed."""

import contextlib
import datetime
from collections.abc import Sequence

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction as db
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.contributions.models import (
    Campaign,
    CampaignRule,
    CampaignStatus,
    CampaignUpdate,
    Pledge,
    PledgeStatus,
    StretchGoal,
    Tier,
    Visibility,
)
from remix.contributions.services.common import gift_description, gift_legs
from remix.core.amounts import amount_positive
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import dates_check
from remix.core.formats import format_money
from remix.core.i18ntext import text_clean
from remix.core.money import Money
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger import chart
from remix.ledger import services as ledger
from remix.ledger.models import Fund


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
    tiers: Sequence[dict] = (),
    stretch_goals: Sequence[dict] = (),
    recorder=None,
) -> Campaign:
    """A campaign, with its counterpart tiers and stretch goals (each given as the keywords of
    ``tier_add`` and ``stretch_goal_add``) in the same transaction: a refusal in one of them
    names it by its place (``tiers.0.amount``), and nothing is created."""
    require_recorder(can_keep_books, recorder)
    campaign = Campaign(slug=slug, created_by=as_recorder(recorder))
    _campaign_terms_set(
        campaign,
        title=title,
        description=description,
        fund=fund,
        goal=goal,
        commodity=commodity,
        opens=opens,
        deadline=deadline,
        rule=rule,
    )
    goal_minor = campaign.goal_minor
    with db.atomic():
        campaign.save()
        audit_record(
            action="funding.campaign.created",
            recorder=recorder,
            obj=campaign,
            data={"fund": fund.slug, "goal": goal_minor, "rule": rule},
        )
        _campaign_parts_add(campaign, tiers=tiers, stretch_goals=stretch_goals, recorder=recorder)
    return campaign


def campaign_terms_update(*, campaign: Campaign, today=None, recorder=None, **terms) -> Campaign:
    """A campaign's terms changed before it opens (the keywords of ``campaign_create`` but its
    slug, tiers and stretch goals), each checked as at its creation. From its opening day, when
    pledges may come, its terms are kept."""
    require_recorder(can_keep_books, recorder)
    today = today or timezone.localdate()
    with db.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status != CampaignStatus.OPEN or today >= campaign.opens:
            raise ValidationError(_("A campaign is edited only before it opens."))
        _campaign_terms_set(campaign, **terms)
        campaign.save()
        audit_record(
            action="funding.campaign.updated",
            recorder=recorder,
            obj=campaign,
            data={"goal": campaign.goal_minor, "opens": campaign.opens.isoformat()},
        )
    return campaign


def campaign_open(*, campaign: Campaign, today=None, recorder=None) -> Campaign:
    """A campaign not open yet opens today: pledges are taken from now, its terms are kept.
    Opening an open campaign changes nothing."""
    require_recorder(can_keep_books, recorder)
    today = today or timezone.localdate()
    with db.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status != CampaignStatus.OPEN or today >= campaign.opens:
            return campaign
        campaign.opens = today
        campaign.save(update_fields=["opens"])
        audit_record(
            action="funding.campaign.opened",
            recorder=recorder,
            obj=campaign,
            data={"opens": today.isoformat()},
        )
    return campaign


def _campaign_terms_set(
    campaign: Campaign,
    *,
    title: dict,
    fund: Fund,
    goal,
    opens: datetime.date,
    deadline: datetime.date,
    rule: str,
    description: dict | None = None,
    commodity: str = "EUR",
) -> None:
    """Set a campaign's terms, each checked; a refusal names its field."""
    goal_minor, commodity = amount_positive(goal, commodity, field="goal")
    if rule not in CampaignRule.values:
        raise ValidationError({"rule": _("Choose all or nothing, or keep it all.")})
    dates_check(opens=opens, deadline=deadline)
    if deadline < opens:
        raise ValidationError({"deadline": _("The deadline comes after the opening.")})
    campaign.title = text_clean(title)
    campaign.description = text_clean(description, any_language=False) if description else {}
    campaign.fund, campaign.goal_minor, campaign.commodity = fund, goal_minor, commodity
    campaign.opens, campaign.deadline, campaign.rule = opens, deadline, rule
    if not campaign.title:
        raise ValidationError({"title": _("Give the campaign a title.")})
    campaign.full_clean()


def _campaign_parts_add(campaign: Campaign, *, tiers, stretch_goals, recorder) -> None:
    for index, tier in enumerate(tiers):
        with _refusal_named(f"tiers.{index}"):
            tier_add(campaign=campaign, recorder=recorder, **tier)
    for index, goal in enumerate(stretch_goals):
        with _refusal_named(f"stretch_goals.{index}"):
            stretch_goal_add(campaign=campaign, recorder=recorder, **goal)


@contextlib.contextmanager
def _refusal_named(prefix: str):
    """A part's refusal, its fields named from the root of what was asked (``tiers.0.amount``)."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise ValidationError({prefix: error.error_list}) from None
        raise ValidationError(
            {
                prefix if name == NON_FIELD_ERRORS else f"{prefix}.{name}": errors
                for name, errors in error.error_dict.items()
            }
        ) from None


def stretch_goal_add(*, campaign: Campaign, amount, title: dict, recorder=None) -> StretchGoal:
    minor, _commodity = amount_positive(amount, campaign.commodity)
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
    counterpart_value=None,
    recorder=None,
) -> Tier:
    """A tier; ``counterpart_value`` is what its reward is worth to the giver (a tax receipt
    states the gift less it past the rule of ``counterparts``), left out for a reward with no
    value of its own (a thank-you, a name on the wall)."""
    minor, _commodity = amount_positive(amount, campaign.commodity)
    if quantity is not None and quantity < 1:
        raise ValidationError({"quantity": _("A limited tier has at least one.")})
    value = 0
    if counterpart_value not in (None, ""):
        value, _commodity = amount_positive(
            counterpart_value, campaign.commodity, field="counterpart_value"
        )
    with db.atomic():
        tier = Tier.objects.create(
            campaign=campaign,
            title=text_clean(title),
            description=text_clean(description) if description else {},
            amount_minor=minor,
            free_amount=free_amount,
            quantity=quantity,
            counterpart_value_minor=value,
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


def campaign_pledge_check(campaign, tier, minor: int, commodity: str, today) -> None:
    """A campaign's own rules for a pledge: taken while it is open, in its currency, with a
    counterpart of its own at that counterpart's amount."""
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
            description=gift_description(
                _("Crowdfunding pledge"), pledge.name, pledge.visibility, pledge.fund
            ),
            legs=gift_legs(
                chart.PLEDGES_RECEIVABLE,
                chart.CROWDFUNDING,
                pledge.fund,
                Money(pledge.amount_minor, pledge.commodity),
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
