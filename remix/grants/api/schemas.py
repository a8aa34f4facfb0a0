"""What the funding search's API reads and answers: the opportunities, the applications with
their plan and moves, and the plan check. Money travels as decimal strings with its commodity,
shares as decimal strings too, times with their offset; who owns and moved an application, its
notes and reasons show to members only."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import get_language
from ninja import Field, Schema
from pydantic import BaseModel

from remix.allies.models import LegalForm
from remix.api.common import DecimalText, ShareText, amount_text
from remix.core.files import file_url
from remix.core.i18ntext import text_for
from remix.core.permissions import can_contribute
from remix.grants import plan
from remix.grants.models import (
    PUBLIC_STAGES,
    Application,
    FunderKind,
    FundingSource,
    OpportunityKind,
    PlanLineKind,
    Recurrence,
    Stage,
)
from remix.grants.selectors.applications import application_rows
from remix.grants.selectors.payments import grant_outstanding
from remix.grants.selectors.plans import breach_text


def _share(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize(), "f")


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """An instant in the platform's time zone, so that it reads with its offset (+01:00)."""
    return None if moment is None else timezone.localtime(moment)


def _member_reads(request) -> bool:
    """Whether the caller is a member; looked up once per request, however many fields ask."""
    if not hasattr(request, "grants_member"):
        request.grants_member = can_contribute(request.auth)
    return request.grants_member


# --- opportunities -------------------------------------------------------------------------------


class OpportunityFunderOut(Schema):
    id: int
    actor: str = Field(description="The funder's actor: a slug.")
    name: str
    kind: FunderKind
    public: bool = Field(description="A public authority: its grants are public money.")

    @staticmethod
    def resolve_actor(obj):
        return obj.actor.slug

    @staticmethod
    def resolve_public(obj):
        return obj.is_public


class RulesOut(Schema):
    max_share: str | None = Field(description="The most of the total cost it covers (0.6).")
    withheld_share: str | None = Field(description="The share paid after the final report.")
    volunteer_time_counts: bool = Field(description="Valued volunteer time counts as co-funding.")


class EligibilityOut(Schema):
    beneficiary_types: list[str] = Field(description="Legal forms that may apply; all if empty.")
    territory: str = Field(description="A country code, a region or EU; empty for anywhere.")


class OpportunityThemeOut(Schema):
    code: str
    label: str = Field(description="In the reader's language.")


class OpportunityFundOut(Schema):
    slug: str
    label: str = Field(description="In the reader's language.")


class AttachmentOut(Schema):
    name: str
    url: str = Field(description="Its download address (the file's view, never /media/).")

    @staticmethod
    def resolve_url(obj):
        return file_url(obj)


class OpportunityOut(Schema):
    id: int
    slug: str
    title: str = Field(description="The programme or call.")
    url: str
    kind: OpportunityKind
    funder: OpportunityFunderOut
    commodity: str = Field(description="ISO 4217.")
    amount_min: str | None
    amount_max: str | None
    amount_typical: str | None
    rules: RulesOut = Field(description="The co-financing rules.")
    eligibility: EligibilityOut
    themes: list[OpportunityThemeOut]
    funds: list[OpportunityFundOut] = Field(description="The projects (funds) it fits.")
    opens_on: datetime.date | None
    letter_of_intent_on: datetime.date | None
    deadline: datetime.datetime | None = Field(
        description="The application deadline, with its offset; null when there is none."
    )
    open: bool = Field(description="The deadline has not passed (or there is none).")
    decision_on: datetime.date | None = Field(description="When the decision is expected.")
    report_due_on: datetime.date | None
    recurrence: Recurrence = Field(description="`yearly` for a call that comes back.")
    notes: str = Field(description="Markdown.")
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_amount_min(obj):
        return amount_text(obj.amount_min_minor, obj.commodity)

    @staticmethod
    def resolve_amount_max(obj):
        return amount_text(obj.amount_max_minor, obj.commodity)

    @staticmethod
    def resolve_amount_typical(obj):
        return amount_text(obj.amount_typical_minor, obj.commodity)

    @staticmethod
    def resolve_rules(obj):
        return {
            "max_share": _share(obj.max_share),
            "withheld_share": _share(obj.withheld_share),
            "volunteer_time_counts": obj.volunteer_time_counts,
        }

    @staticmethod
    def resolve_eligibility(obj):
        return {"beneficiary_types": obj.beneficiary_types, "territory": obj.territory}

    @staticmethod
    def resolve_themes(obj):
        return list(obj.themes.all())

    @staticmethod
    def resolve_funds(obj):
        return list(obj.funds.all())

    @staticmethod
    def resolve_deadline(obj):
        return _local(obj.deadline)

    @staticmethod
    def resolve_open(obj):
        return obj.deadline is None or obj.deadline >= timezone.now()

    @staticmethod
    def resolve_attachments(obj):
        return list(obj.attachments.all())


class OpportunityIn(Schema):
    funder: str = Field(description="The funder: an actor's slug.", examples=["region-aura"])
    funder_kind: FunderKind | None = Field(
        None, description="Needed when the actor is not a funder yet; when given, it is set."
    )
    title: str = Field(min_length=1, max_length=250, description="The programme or call.")
    slug: str | None = Field(
        None,
        pattern=r"^[-a-z0-9_]+$",
        max_length=120,
        description="Made from the title if left out.",
    )
    url: str = Field("", max_length=200)
    kind: OpportunityKind
    commodity: str = Field("EUR", max_length=3, description="ISO 4217.")
    amount_min: DecimalText | None = None
    amount_max: DecimalText | None = None
    amount_typical: DecimalText | None = None
    max_share: ShareText | None = Field(None, description="Above 0 and at most 1: `0.6`.")
    withheld_share: ShareText | None = Field(None, description="At least 0, below 1: `0.2`.")
    volunteer_time_counts: bool = False
    beneficiary_types: list[LegalForm] = Field([], description="Legal forms; empty for all.")
    territory: str = Field("", max_length=120, description="FR, SN, a region, EU; empty: anywhere.")
    themes: list[str] = Field([], description="Theme codes.")
    funds: list[str] = Field([], description="The slugs of the funds (projects) it fits.")
    opens_on: datetime.date | None = None
    letter_of_intent_on: datetime.date | None = None
    deadline: datetime.datetime | None = Field(
        None,
        description="With its offset (`2026-11-02T12:00:00+01:00`); without one, the "
        "platform's time zone.",
    )
    decision_on: datetime.date | None = None
    report_due_on: datetime.date | None = None
    recurrence: Recurrence = Recurrence.NONE
    notes: str = Field("", description="Markdown.")


# --- applications --------------------------------------------------------------------------------


# A list of applications is written once per page from plain rows
# (``selectors.applications.application_rows``): plain pydantic models, as ninja's Schema would
# read each field of each row through a Python getter.
class ApplicationOut(BaseModel):
    id: int
    opportunity: int
    title: str = Field(description="The opportunity's programme or call.")
    funder: str = Field(description="The funder's name.")
    funder_kind: FunderKind
    fund: str = Field(description="The fund (project) it is for: a slug.")
    fund_label: str = Field(description="The fund's name in the reader's language.")
    stage: Stage
    public: bool = Field(description="Granted, reporting or closed: public with its amounts.")
    commodity: str
    amount_requested: str | None
    amount_granted: str | None
    withheld: str = Field(description="Of the grant, what is paid after the final report.")
    decided_on: datetime.date | None
    report_accepted_on: datetime.date | None
    receivable: int | None = Field(
        description="The grant in the books (a transaction id): what the funder owes."
    )
    owner: str | None = Field(description="The member in charge: a username (members only).")
    created_at: datetime.datetime


def applications_out(rows: list[dict], request) -> list[dict]:
    """Applications' rows (``selectors.applications.application_rows``) as the API shows them to
    the caller: who owns one, to members only; times in the platform's time zone."""
    member, language = _member_reads(request), get_language()
    zone = timezone.get_current_timezone()
    return [
        {
            **row,
            "opportunity": row["opportunity_id"],
            "title": row["opportunity__title"],
            "funder": row["opportunity__funder__actor__name"],
            "funder_kind": row["opportunity__funder__kind"],
            "fund": row["fund__slug"],
            # As Fund.label.
            "fund_label": text_for(row["fund__name"], language) or row["fund__slug"],
            "public": row["stage"] in PUBLIC_STAGES,
            "amount_requested": amount_text(row["amount_requested_minor"], row["commodity"]),
            "amount_granted": amount_text(row["amount_granted_minor"], row["commodity"]),
            "withheld": amount_text(row["withheld_minor"], row["commodity"]),
            "receivable": row["receivable_id"],
            "owner": row["owner__username"] if member else None,
            "created_at": row["created_at"].astimezone(zone),
        }
        for row in rows
    ]


class StageEventOut(Schema):
    from_stage: Stage | None
    to_stage: Stage
    at: datetime.datetime
    by: str | None = Field(description="Who moved it: a username (members only).")
    note: str = Field(description="Members only; empty for the public.")

    @staticmethod
    def resolve_from_stage(obj):
        return obj.from_stage or None

    @staticmethod
    def resolve_at(obj):
        return _local(obj.at)

    @staticmethod
    def resolve_by(obj, context):
        return obj.by.username if obj.by_id and _member_reads(context["request"]) else None

    @staticmethod
    def resolve_note(obj, context):
        return obj.note if _member_reads(context["request"]) else ""


class PlanLineOut(Schema):
    kind: PlanLineKind
    label: str
    amount: str
    source: FundingSource | None = Field(description="Funding lines only.")
    volunteer: bool = Field(description="A cost that is valued volunteer time.")

    @staticmethod
    def resolve_amount(obj):
        return amount_text(obj.amount_minor, obj.application.commodity)

    @staticmethod
    def resolve_source(obj):
        return obj.source or None


class ApplicationDetailOut(ApplicationOut):
    decision_reasons: str = Field(description="Members only; empty for the public.")
    outstanding: str = Field(description="What the funder still owes on the grant.")
    plan: list[PlanLineOut] = Field(description="The financing plan: costs and funding lines.")
    events: list[StageEventOut] = Field(description="Every move, the first first.")


def application_detail_out(application: Application, request) -> dict:
    """One application (its plan and moves prefetched) as the API shows it to the caller."""
    (written,) = applications_out(
        application_rows(Application.objects.filter(pk=application.pk)), request
    )
    return {
        **written,
        "decision_reasons": application.decision_reasons if _member_reads(request) else "",
        "outstanding": amount_text(grant_outstanding(application), application.commodity),
        "plan": list(application.plan.all()),
        "events": list(application.events.all()),
    }


class PlanLineIn(Schema):
    kind: PlanLineKind
    label: str = Field(min_length=1, max_length=200)
    amount: DecimalText
    source: FundingSource | None = Field(None, description="Where a funding line comes from.")
    volunteer: bool = Field(False, description="A cost that is valued volunteer time.")


class ApplicationIn(Schema):
    opportunity: int = Field(description="The opportunity answered: its id.")
    fund: str = Field(description="The fund (project) it is for: a slug.")
    amount_requested: DecimalText | None = Field(None, description="In the opportunity's currency.")
    owner: str | None = Field(None, description="A member's username; the caller when left out.")
    plan: list[PlanLineIn] | None = Field(
        None, description="The financing plan: costs and funding lines (this grant among them)."
    )


class StageIn(Schema):
    stage: Stage = Field(description="Where it goes.")
    note: str = Field("", max_length=500)
    amount_granted: DecimalText | None = Field(None, description="Needed to grant.")
    decided_on: datetime.date | None = Field(
        None, description="Granted or refused; today if left out."
    )
    reasons: str = Field("", description="The decision's reasons (granted or refused).")
    report_accepted_on: datetime.date | None = Field(None, description="Needed to close.")


# --- the plan check ------------------------------------------------------------------------------


class BreachOut(Schema):
    code: str = Field(description="`unbalanced`, `over_cap`, `no_grant_line`, `grant_mismatch`.")
    amount: str = Field(description="By how much.")
    limit: str = Field(description="What the rule allows (the costs, the cap, the request).")
    actual: str = Field(description="What the plan says.")
    message: str = Field(description="In plain words, in the reader's language.")


class PlanCheckOut(Schema):
    application: int
    commodity: str
    total_cost: str = Field(
        description="Counted costs (volunteer time only if the funder counts it)."
    )
    total_funding: str = Field(description="Counted funding lines.")
    grant: str = Field(description="This grant's line(s).")
    max_share: str | None = Field(description="The funder's rule: the most of the total cost.")
    cap: str | None = Field(description="The most this grant may be, by that rule.")
    grant_share: str | None = Field(description="The grant ÷ the total cost.")
    withheld_share: str | None = Field(description="The funder's rule: paid after the report.")
    withheld: str = Field(description="The part of the grant paid after the final report.")
    volunteer_time_counts: bool
    volunteer_excluded: str = Field(description="Volunteer time left out by the funder's rule.")
    ok: bool = Field(description="No breach: the plan may be submitted.")
    breaches: list[BreachOut]


def plan_check_answer(application: Application, check: plan.Check) -> dict:
    money = application.commodity
    rules = application.opportunity
    return {
        "application": application.pk,
        "commodity": money,
        "total_cost": amount_text(check.total_cost, money),
        "total_funding": amount_text(check.total_funding, money),
        "grant": amount_text(check.grant, money),
        "max_share": _share(rules.max_share),
        "cap": amount_text(check.cap, money),
        "grant_share": _share(check.grant_share),
        "withheld_share": _share(rules.withheld_share),
        "withheld": amount_text(check.withheld, money),
        "volunteer_time_counts": rules.volunteer_time_counts,
        "volunteer_excluded": amount_text(check.volunteer_excluded, money),
        "ok": check.ok,
        "breaches": [
            {
                "code": breach.code,
                "amount": amount_text(breach.amount, money),
                "limit": amount_text(breach.limit, money),
                "actual": amount_text(breach.actual, money),
                "message": breach_text(breach, money),
            }
            for breach in check.breaches
        ],
    }
