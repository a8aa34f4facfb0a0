"""The funding search over HTTP: opportunities, applications, their stages and plan check.

Opportunities are public. Applications before the decision (spotted, qualified, drafting,
submitted, and those refused or abandoned) are the members' business: a member's token lists
them, anyone else sees only the granted ones (granted, reporting, closed), public with their
amounts; who owns them, who moved them and the notes stay with the members. Writes need a
member's token. Money travels as decimal strings with its commodity ("6000.00", "EUR"), never as
JSON numbers; shares as decimal strings too ("0.6" is 60 %). Dates and times are ISO 8601, times
with their offset. Creating an application takes an ``Idempotency-Key`` header: a repeat with the
same key answers the first application with 200 and writes nothing more.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction as db
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from remix.allies.models import Actor, LegalForm, Theme
from remix.api.auth import token_auth_for
from remix.api.common import (
    ERRORS,
    READ,
    DecimalText,
    ErrorOut,
    IdempotencyKey,
    Page,
    ShareText,
    WindowDate,
    amount_text,
    fund_by_slug,
    member_by_username,
    refused,
    retry_key,
    retry_record,
)
from remix.core.audit import audit_record
from remix.core.files import file_url
from remix.core.models import AuditEvent
from remix.core.money import MoneyError, commodity_check
from remix.core.permissions import can_contribute
from remix.grants import plan, selectors, services
from remix.grants.models import (
    Application,
    FunderKind,
    FundingSource,
    Opportunity,
    OpportunityKind,
    PlanLineKind,
    Recurrence,
    Stage,
    StageEvent,
)

router = Router(tags=["funding search"])


def _share(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize(), "f")


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """An instant in the platform's time zone, so that it reads with its offset (+01:00)."""
    return None if moment is None else timezone.localtime(moment)


def _commodity(code: str) -> str:
    """An ISO 4217 currency (three letters: hours, ``HOUR``, never reach here)."""
    try:
        return commodity_check(code)
    except MoneyError:
        raise refused("commodity", _("Unknown currency: %(code)s.") % {"code": code}) from None


def _minor(text: str | None, commodity: str, field: str) -> int | None:
    # The services' own parsing, so that a refusal reads the same on the pages.
    return None if text is None else services.amount_minor(text, commodity, field=field)


def _theme(code: str, field: str = "theme") -> Theme:
    theme = Theme.objects.filter(code=code).first()
    if theme is None:
        raise refused(field, _("Unknown theme: %(code)s.") % {"code": code})
    return theme


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


# A page of a list always holds the same opportunities: ties on the deadline and title by id.
ORDER = (F("deadline").asc(nulls_last=True), "title", "id")


def _opportunities():
    return selectors.opportunities_public().prefetch_related("attachments").order_by(*ORDER)


@router.get(
    "/opportunities",
    response={200: list[OpportunityOut], 422: ErrorOut},
    auth=READ,
    summary="Funding opportunities: grants, calls, sponsorship…, the soonest deadline first",
    description=(
        "Every opportunity with its funder, amounts, co-financing rules, eligibility, dates, "
        "themes and the projects it fits; those without a deadline last. Filters: `kind`, "
        "`funder_kind`, `territory` (as written on them, any case; those open anywhere are "
        "found too, as on the search page), `theme` (a code), `fund` (a slug: the "
        "opportunities that fit it), `deadline_after` and `deadline_before` (days, both "
        "included, in the platform's time zone), `open` (true: the deadline has not passed, "
        "or there is none; false: it has)."
    ),
)
@paginate(Page)
def opportunities(
    request,
    kind: OpportunityKind | None = None,
    funder_kind: FunderKind | None = None,
    territory: str = "",
    theme: str = "",
    fund: str = "",
    deadline_after: WindowDate | None = None,
    deadline_before: WindowDate | None = None,
    is_open: bool | None = Query(None, alias="open", description="The deadline has not passed."),
):
    filters = selectors.OpportunityFilter(
        kind=kind or "",
        funder_kind=funder_kind or "",
        territory=territory.strip(),
        theme=_theme(theme).code if theme else "",
        fund=fund_by_slug(fund).slug if fund else "",
        window=selectors.ALL,  # the deadline filters below are the API's own
    )
    queryset = (
        selectors.opportunities_search(filters=filters)
        .prefetch_related("attachments")
        .order_by(*ORDER)
    )
    if deadline_after:
        queryset = queryset.filter(deadline__date__gte=deadline_after)
    if deadline_before:
        queryset = queryset.filter(deadline__date__lte=deadline_before)
    if is_open is True:
        queryset = queryset.exclude(deadline__lt=timezone.now())
    elif is_open is False:
        queryset = queryset.filter(deadline__lt=timezone.now())
    return queryset


@router.get(
    "/opportunities/{opportunity_id}",
    response={200: OpportunityOut, 404: ErrorOut},
    auth=READ,
    summary="One funding opportunity",
)
def opportunity(request, opportunity_id: int):
    return get_object_or_404(_opportunities(), pk=opportunity_id)


@router.post(
    "/opportunities",
    response={201: OpportunityOut, **ERRORS},
    auth=token_auth_for(can_contribute),
    summary="Add a funding opportunity (members)",
    description=(
        "The funder is an actor of the network (`funder`: its slug); an actor that is not a "
        "funder yet becomes one with `funder_kind`. Amounts are decimal strings in `commodity`; "
        "`max_share` is the most of a project's total cost the grant may cover, "
        "`withheld_share` the part of the grant paid only after the final report."
    ),
)
def opportunity_create(request, payload: OpportunityIn):
    data = _opportunity_data(payload)
    with db.atomic():
        funder = _funder(request, payload)
        created, _new = services.opportunity_save(funder=funder, data=data, recorder=request.auth)
    return Status(201, _opportunities().get(pk=created.pk))


def _funder(request, payload: OpportunityIn):
    actor = Actor.objects.filter(slug=payload.funder).first()
    if actor is None:
        raise refused("funder", _("Unknown actor: %(slug)s.") % {"slug": payload.funder})
    funder = getattr(actor, "funder", None)
    if funder is not None and payload.funder_kind in (None, funder.kind):
        return funder
    if payload.funder_kind is None:
        raise refused(
            "funder_kind", _("Say what kind of funder %(name)s is.") % {"name": actor.name}
        )
    return services.funder_set(actor=actor, kind=payload.funder_kind, recorder=request.auth)


def _opportunity_data(payload: OpportunityIn) -> dict:
    money = _commodity(payload.commodity)
    data = {
        "title": payload.title.strip(),
        "url": payload.url,
        "kind": payload.kind,
        "commodity": money,
        "amount_min_minor": _minor(payload.amount_min, money, "amount_min"),
        "amount_max_minor": _minor(payload.amount_max, money, "amount_max"),
        "amount_typical_minor": _minor(payload.amount_typical, money, "amount_typical"),
        "max_share": None if payload.max_share is None else Decimal(payload.max_share),
        "withheld_share": None
        if payload.withheld_share is None
        else Decimal(payload.withheld_share),
        "volunteer_time_counts": payload.volunteer_time_counts,
        "beneficiary_types": [str(form) for form in payload.beneficiary_types],
        "territory": payload.territory.strip(),
        "themes": [_theme(code, "themes") for code in payload.themes],
        "funds": [fund_by_slug(slug, "funds") for slug in payload.funds],
        "opens_on": payload.opens_on,
        "letter_of_intent_on": payload.letter_of_intent_on,
        "deadline": _aware(payload.deadline),
        "decision_on": payload.decision_on,
        "report_due_on": payload.report_due_on,
        "recurrence": payload.recurrence,
        "notes": payload.notes,
    }
    if payload.slug:
        data["slug"] = payload.slug
    if data["max_share"] is not None and not 0 < data["max_share"] <= 1:
        raise refused("max_share", _("A share above 0 and at most 1: 0.6 for 60 %."))
    if data["withheld_share"] is not None and not 0 <= data["withheld_share"] < 1:
        raise refused("withheld_share", _("A share of at least 0 and below 1: 0.2 for 20 %."))
    low, high = data["amount_min_minor"], data["amount_max_minor"]
    if low is not None and high is not None and low > high:
        raise refused("amount_max", _("The maximum is below the minimum."))
    return data


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


# --- applications --------------------------------------------------------------------------------


class ApplicationOut(Schema):
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

    @staticmethod
    def resolve_opportunity(obj):
        return obj.opportunity_id

    @staticmethod
    def resolve_title(obj):
        return obj.opportunity.title

    @staticmethod
    def resolve_funder(obj):
        return obj.opportunity.funder.name

    @staticmethod
    def resolve_funder_kind(obj):
        return obj.opportunity.funder.kind

    @staticmethod
    def resolve_fund(obj):
        return obj.fund.slug

    @staticmethod
    def resolve_fund_label(obj):
        return obj.fund.label

    @staticmethod
    def resolve_public(obj):
        return obj.is_public

    @staticmethod
    def resolve_amount_requested(obj):
        return amount_text(obj.amount_requested_minor, obj.commodity)

    @staticmethod
    def resolve_amount_granted(obj):
        return amount_text(obj.amount_granted_minor, obj.commodity)

    @staticmethod
    def resolve_withheld(obj):
        return amount_text(obj.withheld_minor, obj.commodity)

    @staticmethod
    def resolve_receivable(obj):
        return obj.receivable_id

    @staticmethod
    def resolve_owner(obj, context):
        return obj.owner.username if obj.owner_id and _member_reads(context["request"]) else None

    @staticmethod
    def resolve_created_at(obj):
        return _local(obj.created_at)


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

    @staticmethod
    def resolve_decision_reasons(obj, context):
        return obj.decision_reasons if _member_reads(context["request"]) else ""

    @staticmethod
    def resolve_outstanding(obj):
        return amount_text(services.grant_outstanding(obj), obj.commodity)

    @staticmethod
    def resolve_plan(obj):
        return list(obj.plan.all())

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())


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


def _applications(request):
    """Members see every application; anyone else the granted ones (as on the pages)."""
    return selectors.applications_visible(user=request.auth)


def _detailed(queryset):
    return queryset.prefetch_related(
        Prefetch("events", queryset=StageEvent.objects.select_related("by")),
        "plan",  # each line's application is its parent, already there
    )


def _written(pk: int) -> Application:
    """An application a member just wrote, as the answer shows it (members see them all)."""
    return _detailed(
        Application.objects.select_related("opportunity__funder__actor", "fund", "owner")
    ).get(pk=pk)


@router.get(
    "/applications",
    response={200: list[ApplicationOut], 422: ErrorOut},
    auth=READ,
    summary="Applications: the granted ones for everyone, all of them for members",
    description=(
        "Newest first. Without a member's token, only granted applications (`granted`, "
        "`reporting`, `closed`) are listed, with their amounts; a member's token lists them "
        "all, before the decision too. Filters: `stage`, `fund` (a slug), `opportunity` (an id)."
    ),
)
@paginate(Page)
def applications(
    request, stage: Stage | None = None, fund: str = "", opportunity: int | None = None
):
    queryset = _applications(request)
    if stage:
        queryset = queryset.filter(stage=stage)
    if fund:
        queryset = queryset.filter(fund=fund_by_slug(fund))
    if opportunity is not None:
        queryset = queryset.filter(opportunity_id=opportunity)
    return queryset.order_by("-created_at", "-id")


def _application(request, application_id: int) -> Application:
    return get_object_or_404(_detailed(_applications(request)), pk=application_id)


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationDetailOut, 404: ErrorOut},
    auth=READ,
    summary="One application, with its financing plan and every move",
    description="An application before the decision is a 404 without a member's token.",
)
def application(request, application_id: int):
    return _application(request, application_id)


IDEMPOTENCY_ACTION = "grants.application.api_key"


def _replayed(key: str) -> Application | None:
    """The application a first request with this key created, if any."""
    event = (
        AuditEvent.objects.filter(action=IDEMPOTENCY_ACTION, data__key=key)
        .values_list("object_id", flat=True)
        .first()
    )
    return None if event is None else _written(int(event))


@router.post(
    "/applications",
    response={201: ApplicationDetailOut, 200: ApplicationDetailOut, **ERRORS},
    auth=token_auth_for(can_contribute),
    summary="Answer an opportunity for a fund (members)",
    description=(
        "A new application starts `spotted`, owned by the caller unless `owner` names another "
        "member. The financing plan may come with it (`plan`); a refused line names itself "
        "(`plan.0.amount`) and nothing is created. With an `Idempotency-Key`, a repeat returns "
        "the first application (200) and creates nothing."
    ),
)
def application_create(request, payload: ApplicationIn, idempotency_key: IdempotencyKey = None):
    key = retry_key(request, idempotency_key)
    if key and (found := _replayed(key)) is not None:
        return Status(200, found)
    answered = Opportunity.objects.filter(pk=payload.opportunity).first()
    if answered is None:
        raise refused(
            "opportunity", _("Unknown opportunity: %(id)s.") % {"id": payload.opportunity}
        )
    fund = fund_by_slug(payload.fund)
    owner = member_by_username(payload.owner, "owner") if payload.owner else request.auth
    with db.atomic():
        if key:
            # One caller's retries wait for each other here (PostgreSQL; SQLite's writers
            # already take turns), then the later one finds the first one's application.
            get_user_model().objects.select_for_update().filter(pk=request.auth.pk).first()
            if (found := _replayed(key)) is not None:
                return Status(200, found)
        created = services.application_create(
            opportunity=answered,
            fund=fund,
            owner=owner,
            amount_requested=payload.amount_requested,
            recorder=request.auth,
        )
        if payload.plan is not None:
            services.plan_set(
                application=created,
                lines=[
                    {
                        "kind": line.kind,
                        "label": line.label,
                        "amount": line.amount,
                        "source": line.source or "",
                        "volunteer": line.volunteer,
                    }
                    for line in payload.plan
                ],
                recorder=request.auth,
            )
        if key:
            audit_record(
                action=IDEMPOTENCY_ACTION, recorder=request.auth, obj=created, data={"key": key}
            )
            retry_record(request, key, created)
    return Status(201, _written(created.pk))


@router.post(
    "/applications/{application_id}/stage",
    response={200: ApplicationDetailOut, **ERRORS},
    auth=token_auth_for(can_contribute),
    summary="Move an application along the pipeline (members)",
    description=(
        "spotted → qualified → drafting → submitted → granted | refused | abandoned; granted "
        "→ reporting → closed (a step back is allowed before submission). Submitting needs a "
        "plan that balances and keeps the funder's rules: each breach is a reason in the 422. "
        "Granting needs `amount_granted`: the grant is then owed in the books (`receivable`, "
        "a transaction id) and `withheld` is the share paid after the final report. Closing "
        "needs `report_accepted_on`. Moving to the stage it is at changes nothing."
    ),
)
def application_stage(request, application_id: int, payload: StageIn):
    found = get_object_or_404(Application, pk=application_id)
    moved = services.application_stage(
        application=found,
        to=payload.stage,
        recorder=request.auth,
        note=payload.note,
        amount_granted=payload.amount_granted,
        decided_on=payload.decided_on,
        reasons=payload.reasons,
        report_accepted_on=payload.report_accepted_on,
    )
    return _written(moved.pk)


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


def _plan_check(application: Application) -> dict:
    check: plan.Check = services.plan_check(application)
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
                "message": services.breach_text(breach, money),
            }
            for breach in check.breaches
        ],
    }


@router.get(
    "/applications/{application_id}/plan-check",
    response={200: PlanCheckOut, 404: ErrorOut},
    auth=READ,
    summary="Does the financing plan balance and keep the funder's rules?",
    description=(
        "The plan's totals against the funder's rules: costs and funding lines must balance, "
        "the grant stays within `cap` (its `max_share` of the total cost), valued volunteer "
        "time counts only if the funder says so. Each breach comes with its figures and a "
        "`message` in plain words (Accept-Language). Seen as the application is."
    ),
)
def application_plan_check(request, application_id: int):
    return _plan_check(_application(request, application_id))
