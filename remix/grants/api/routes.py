"""The funding search over HTTP: opportunities, applications, their stages and plan check.

Opportunities are public. Applications before the decision (spotted, qualified, drafting,
submitted, and those refused or abandoned) are the members' business: a member's token lists
them, anyone else sees only the granted ones (granted, reporting, closed), public with their
amounts; who owns them, who moved them and the notes stay with the members. Writes need a
member's token. Money travels as decimal strings with its commodity ("6000.00", "EUR"), never as
JSON numbers; shares as decimal strings too ("0.6" is 60 %). Dates and times are ISO 8601, times
with their offset. Creating an application takes an ``Idempotency-Key`` header: a repeat with the
same key answers the first application with 200 and writes nothing more.

Each operation parses, asks a selector or a service, and answers with a schema (``schemas.py``).
Operation ids are written out: they belong to the published contract, whatever the module's name.
"""

import datetime
from decimal import Decimal

from django.db import transaction as db
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from remix.api.auth import token_auth_for
from remix.api.common import (
    ERRORS,
    READ,
    ErrorOut,
    IdempotencyKey,
    Page,
    Rows,
    WindowDate,
    actor_by_slug,
    fund_by_slug,
    member_by_username,
    refused,
    retry_key,
    retry_record,
)
from remix.core.money import MoneyError, commodity_check
from remix.core.permissions import can_contribute
from remix.grants import selectors, services
from remix.grants.api.schemas import (
    ApplicationDetailOut,
    ApplicationIn,
    ApplicationOut,
    OpportunityIn,
    OpportunityOut,
    PlanCheckOut,
    StageIn,
    application_detail_out,
    applications_out,
    plan_check_answer,
)
from remix.grants.models import Application, FunderKind, OpportunityKind, Stage

router = Router(tags=["grants"])


def _commodity(code: str) -> str:
    """An ISO 4217 currency (three letters: hours, ``HOUR``, never reach here)."""
    try:
        return commodity_check(code)
    except MoneyError:
        raise refused("commodity", _("Unknown currency: %(code)s.") % {"code": code}) from None


def _minor(text: str | None, commodity: str, field: str) -> int | None:
    # The services' own parsing, so that a refusal reads the same on the pages.
    return (
        None if text is None else services.applications.amount_minor(text, commodity, field=field)
    )


def _theme(code: str, field: str = "theme"):
    theme = selectors.opportunities.theme_by_code(code)
    if theme is None:
        raise refused(field, _("Unknown theme: %(code)s.") % {"code": code})
    return theme


# --- opportunities -------------------------------------------------------------------------------


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
    operation_id="remix_grants_api_opportunities",
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
    filters = selectors.opportunities.OpportunityFilter(
        kind=kind or "",
        funder_kind=funder_kind or "",
        territory=territory.strip(),
        theme=_theme(theme).code if theme else "",
        fund=fund_by_slug(fund).slug if fund else "",
        window=selectors.opportunities.ALL,  # the deadline filters are the API's own
    )
    return selectors.opportunities.opportunities_listed(
        filters=filters,
        deadline_after=deadline_after,
        deadline_before=deadline_before,
        is_open=is_open,
    )


@router.get(
    "/opportunities/{opportunity_id}",
    response={200: OpportunityOut, 404: ErrorOut},
    auth=READ,
    summary="One funding opportunity",
    operation_id="remix_grants_api_opportunity",
)
def opportunity(request, opportunity_id: int):
    return get_object_or_404(selectors.opportunities.opportunities_with_files(), pk=opportunity_id)


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
    operation_id="remix_grants_api_opportunity_create",
)
def opportunity_create(request, payload: OpportunityIn):
    data = _opportunity_data(payload)
    actor = actor_by_slug(payload.funder, "funder")
    created = services.opportunities.opportunity_add(
        actor=actor, funder_kind=payload.funder_kind, data=data, recorder=request.auth
    )
    return Status(201, selectors.opportunities.opportunities_with_files().get(pk=created.pk))


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
    operation_id="remix_grants_api_applications",
)
@paginate(Page)
def applications(
    request, stage: Stage | None = None, fund: str = "", opportunity: int | None = None
):
    listed = selectors.applications.applications_listed(
        user=request.auth,
        stage=stage,
        fund=fund_by_slug(fund) if fund else None,
        opportunity_id=opportunity,
    )
    return Rows(
        listed,
        write_page=lambda page: applications_out(
            selectors.applications.application_rows(page), request
        ),
    )


def _application(request, application_id: int) -> Application:
    return get_object_or_404(
        selectors.applications.applications_detailed(user=request.auth), pk=application_id
    )


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationDetailOut, 404: ErrorOut},
    auth=READ,
    summary="One application, with its financing plan and every move",
    description="An application before the decision is a 404 without a member's token.",
    operation_id="remix_grants_api_application",
)
def application(request, application_id: int):
    return application_detail_out(_application(request, application_id), request)


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
    operation_id="remix_grants_api_application_create",
)
def application_create(request, payload: ApplicationIn, idempotency_key: IdempotencyKey = None):
    key = retry_key(request, idempotency_key)
    if key and (first := services.applications.application_id_by_key(key=key)) is not None:
        return Status(
            200,
            application_detail_out(
                selectors.applications.application_written(application_id=first), request
            ),
        )
    answered = selectors.opportunities.opportunity_by_id(payload.opportunity)
    if answered is None:
        raise refused(
            "opportunity", _("Unknown opportunity: %(id)s.") % {"id": payload.opportunity}
        )
    fund = fund_by_slug(payload.fund)
    owner = member_by_username(payload.owner, "owner") if payload.owner else request.auth
    with db.atomic():
        written, created = services.applications.application_answer(
            opportunity=answered,
            fund=fund,
            owner=owner,
            amount_requested=payload.amount_requested,
            lines=None if payload.plan is None else _plan_lines(payload),
            key=key,
            recorder=request.auth,
        )
        if created:
            retry_record(request, key, written)
    found = selectors.applications.application_written(application_id=written.pk)
    return Status(201 if created else 200, application_detail_out(found, request))


def _plan_lines(payload: ApplicationIn) -> list[dict]:
    return [
        {
            "kind": line.kind,
            "label": line.label,
            "amount": line.amount,
            "source": line.source or "",
            "volunteer": line.volunteer,
        }
        for line in payload.plan
    ]


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
    operation_id="remix_grants_api_application_stage",
)
def application_stage(request, application_id: int, payload: StageIn):
    found = get_object_or_404(Application, pk=application_id)
    moved = services.applications.application_stage(
        application=found,
        to=payload.stage,
        recorder=request.auth,
        note=payload.note,
        amount_granted=payload.amount_granted,
        decided_on=payload.decided_on,
        reasons=payload.reasons,
        report_accepted_on=payload.report_accepted_on,
    )
    return application_detail_out(
        selectors.applications.application_written(application_id=moved.pk), request
    )


# --- the plan check ------------------------------------------------------------------------------


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
    operation_id="remix_grants_api_application_plan_check",
)
def application_plan_check(request, application_id: int):
    found = _application(request, application_id)
    return plan_check_answer(found, selectors.plans.plan_check(found))
