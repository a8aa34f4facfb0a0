"""The applications' writes: answering an opportunity (once per retry key), the owner and hours,
the financing plan, the moves along the pipeline, tasks and documents. Each is atomic, locked
then re-checked, and audited.

Granting reaches the books through ``remix.ledger.services`` only: what the funder owes
(``Assets:Receivables:Grants`` against the grant's income, public authority or institutional by
the funder's kind, in the application's fund). The payments that follow are ``payments.py``'s.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.amounts import amount_positive
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check, dates_check
from remix.core.models import AuditEvent
from remix.core.money import Money
from remix.core.permissions import can_move_application, require_recorder
from remix.grants import plan
from remix.grants.models import (
    TRANSITIONS,
    Application,
    ApplicationDocument,
    FundingSource,
    Opportunity,
    PlanLine,
    PlanLineKind,
    Stage,
    StageEvent,
    Task,
)
from remix.grants.selectors.plans import breach_texts, plan_check, plan_editable
from remix.ledger import chart
from remix.ledger import services as ledger
from remix.ledger.labels import GRANT, label_write
from remix.ledger.models import Account, Fund

RECEIVABLE = chart.GRANTS_RECEIVABLE
PUBLIC_INCOME = chart.PUBLIC_GRANTS
INSTITUTIONAL_INCOME = chart.INSTITUTIONAL_GRANTS
# The audit action that keeps the retry key an application was created with over the API.
IDEMPOTENCY_ACTION = "grants.application.api_key"


def amount_minor(amount, commodity: str, *, field: str) -> int:
    """A positive amount in minor units, or the reader's reason (``core.amounts``)."""
    return amount_positive(amount, commodity, field=field)[0]


def application_locked(pk: int) -> Application:
    """An application locked for a write, with its funder and its fund."""
    return (
        Application.objects.select_for_update()
        .select_related("opportunity__funder__actor", "fund")
        .get(pk=pk)
    )


# --- answering an opportunity --------------------------------------------------------------------


def application_create(
    *,
    opportunity: Opportunity,
    fund: Fund,
    owner=None,
    amount_requested=None,
    recorder=None,
) -> Application:
    requested = (
        amount_minor(amount_requested, opportunity.commodity, field="amount_requested")
        if amount_requested not in (None, "")
        else None
    )
    with db.atomic():
        application = Application.objects.create(
            opportunity=opportunity,
            fund=fund,
            owner=owner,
            commodity=opportunity.commodity,
            amount_requested_minor=requested,
        )
        StageEvent.objects.create(
            application=application, to_stage=Stage.SPOTTED, by=as_recorder(recorder)
        )
        audit_record(
            action="grants.application.created",
            recorder=recorder,
            obj=application,
            data={"opportunity": opportunity.slug, "fund": fund.slug},
        )
    return application


def application_answer(
    *,
    opportunity: Opportunity,
    fund: Fund,
    owner,
    amount_requested=None,
    lines: list[dict] | None = None,
    key: str | None = None,
    recorder,
) -> tuple[Application, bool]:
    """An application with its plan (``lines``, when given), both written or neither; with
    ``key``, the caller's retry key, a repeat writes nothing and finds the first one. Returns the
    application and whether it is new."""
    with db.atomic():
        if key:
            # One caller's retries wait for each other here (PostgreSQL; SQLite's writers
            # already take turns), then the later one finds the first one's application.
            get_user_model().objects.select_for_update().filter(pk=recorder.pk).first()
            if (found := application_id_by_key(key=key)) is not None:
                return Application.objects.get(pk=found), False
        created = application_create(
            opportunity=opportunity,
            fund=fund,
            owner=owner,
            amount_requested=amount_requested,
            recorder=recorder,
        )
        if lines is not None:
            plan_set(application=created, lines=lines, recorder=recorder)
        if key:
            audit_record(
                action=IDEMPOTENCY_ACTION, recorder=recorder, obj=created, data={"key": key}
            )
    return created, True


def application_id_by_key(*, key: str) -> int | None:
    """The application a first request with this retry key created, if any. The key is the record
    ``application_answer`` writes: it is read beside the write, with the action's one name."""
    found = (
        AuditEvent.objects.filter(action=IDEMPOTENCY_ACTION, data__key=key)
        .values_list("object_id", flat=True)
        .first()
    )
    return None if found is None else int(found)


def application_update(
    *, application: Application, owner=None, amount_requested=None, hours_spent=None, recorder=None
) -> Application:
    with db.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if owner is not None:
            application.owner = owner
        if amount_requested not in (None, ""):
            application.amount_requested_minor = amount_minor(
                amount_requested, application.commodity, field="amount_requested"
            )
        if hours_spent not in (None, ""):
            hours = Decimal(str(hours_spent))
            if hours < 0:
                raise ValidationError({"hours_spent": _("Hours spent cannot be negative.")})
            application.hours_spent = hours
        application.save()
        audit_record(action="grants.application.updated", recorder=recorder, obj=application)
    return application


# --- the financing plan --------------------------------------------------------------------------


def _plan_line(index: int, line: dict, commodity: str) -> PlanLine:
    """One line of a plan as sent (``{"kind", "label", "amount", "source", "volunteer"}``),
    checked; refused on its field, ``plan.<index>.<field>``."""
    kind = line.get("kind")
    if kind not in PlanLineKind.values:
        raise ValidationError({f"plan.{index}.kind": _("A line is a cost or a funding line.")})
    label = (line.get("label") or "").strip()
    if not label:
        raise ValidationError({f"plan.{index}.label": _("Name the line.")})
    source = line.get("source") or ""
    if kind == PlanLineKind.FUNDING and source not in FundingSource.values:
        raise ValidationError({f"plan.{index}.source": _("Say where this funding comes from.")})
    return PlanLine(
        kind=kind,
        label=label[:200],
        amount_minor=amount_minor(line.get("amount"), commodity, field=f"plan.{index}.amount"),
        source=source if kind == PlanLineKind.FUNDING else "",
        volunteer=bool(line.get("volunteer")) and kind == PlanLineKind.COST,
    )


def plan_set(*, application: Application, lines: list[dict], recorder=None) -> plan.Check:
    """Replace the plan's lines: each ``{"kind", "label", "amount", "source", "volunteer"}``."""
    built = [_plan_line(index, line, application.commodity) for index, line in enumerate(lines)]
    with db.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not plan_editable(application):
            raise ValidationError(_("The plan no longer changes once the application is sent."))
        application.plan.all().delete()
        for line in built:
            line.application = application
        PlanLine.objects.bulk_create(built)
        audit_record(
            action="grants.plan.set", recorder=recorder, obj=application, data={"lines": len(built)}
        )
    return plan_check(application)


# --- moves along the pipeline --------------------------------------------------------------------


def application_stage(
    *,
    application: Application,
    to: str,
    recorder=None,
    note: str = "",
    amount_granted=None,
    decided_on: datetime.date | None = None,
    reasons: str = "",
    report_accepted_on: datetime.date | None = None,
) -> Application:
    """Move an application along the pipeline; every move is an event with who and when.

    Submitting needs a plan that keeps the funder's rules. Granting needs the amount: the grant
    becomes what the funder owes in the books. Closing needs the final report accepted."""
    dates_check(decided_on=decided_on, report_accepted_on=report_accepted_on)
    with db.atomic():
        application = application_locked(application.pk)
        current = Stage(application.stage)
        _stage_known(to)
        if to == current:
            return application
        require_recorder(can_move_application, recorder, to=to)
        _move_allowed(current, to)
        if to == Stage.SUBMITTED:
            _plan_keeps_rules(application)
        if to in (Stage.GRANTED, Stage.REFUSED):
            _decision_set(application, decided_on=decided_on, reasons=reasons)
        if to == Stage.GRANTED:
            _grant_record(application, amount_granted, recorder)
        if to == Stage.CLOSED:
            _report_accepted_set(application, report_accepted_on)
        application.stage = to
        application.save()
        _move_record(application, current, to, note=note, recorder=recorder)
    return application


def _stage_known(to: str) -> None:
    if to not in Stage.values:
        raise ValidationError({"stage": _("Unknown stage: %(stage)s.") % {"stage": to}})


def _move_allowed(current: Stage, to: str) -> None:
    if to not in TRANSITIONS[current]:
        raise ValidationError(
            {
                "stage": _("An application cannot go from « %(from)s » to « %(to)s ».")
                % {"from": current.label, "to": Stage(to).label}
            }
        )


def _plan_keeps_rules(application: Application) -> None:
    """Submitting: the plan balances and keeps the funder's rules, or each breach is a reason."""
    check = plan_check(application)
    if not check.ok:
        raise ValidationError({"stage": breach_texts(application, check)})


def _decision_set(
    application: Application, *, decided_on: datetime.date | None, reasons: str
) -> None:
    application.decided_on = decided_on or timezone.localdate()
    application.decision_reasons = (reasons or "").strip()


def _report_accepted_set(application: Application, on: datetime.date | None) -> None:
    """Closing: the day the final report was accepted, given now or known already."""
    if on is None and application.report_accepted_on is None:
        raise ValidationError({"report_accepted_on": _("Say when the final report was accepted.")})
    application.report_accepted_on = on or application.report_accepted_on


def _grant_record(application: Application, amount_granted, recorder) -> None:
    """Granting: the amount and its withheld share, and what the funder owes in the books."""
    if amount_granted in (None, ""):
        raise ValidationError({"amount_granted": _("Say how much was granted.")})
    granted = amount_minor(amount_granted, application.commodity, field="amount_granted")
    funder = application.opportunity.funder
    income = PUBLIC_INCOME if funder.is_public else INSTITUTIONAL_INCOME
    share = application.opportunity.withheld_share
    application.amount_granted_minor = granted
    application.withheld_minor = plan._share_of(granted, share) if share else 0
    value = Money(granted, application.commodity)
    tx, _new = ledger.transaction_create(
        date=application.decided_on,
        description=label_write(GRANT, call=application.opportunity.title, funder=funder.name),
        legs=[
            ledger.Leg(Account.objects.get(code=RECEIVABLE), application.fund, value),
            ledger.Leg(Account.objects.get(code=income), application.fund, -value),
        ],
        counterparty=funder.actor,
        external_key=f"grant:{application.pk}",
        post=True,
        recorder=recorder,
    )
    application.receivable = tx


def _move_record(application: Application, current: Stage, to: str, *, note: str, recorder):
    StageEvent.objects.create(
        application=application,
        from_stage=current,
        to_stage=to,
        by=as_recorder(recorder),
        note=(note or "").strip()[:500],
    )
    audit_record(
        action="grants.application.stage",
        recorder=recorder,
        obj=application,
        data={"from": current, "to": to},
    )


# --- tasks and documents -------------------------------------------------------------------------


def task_add(
    *, application: Application, title: str, assignee=None, due_on=None, recorder=None
) -> Task:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Say what is to be done.")})
    date_check(due_on, field="due_on")
    with db.atomic():
        task = Task.objects.create(
            application=application, title=title[:200], assignee=assignee, due_on=due_on
        )
        audit_record(action="grants.task.added", recorder=recorder, obj=application)
    return task


def task_done(*, task: Task, on: datetime.date | None = None, recorder=None) -> Task:
    date_check(on, field="on")
    with db.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        task.done_on = on or timezone.localdate()
        task.save(update_fields=["done_on"])
        audit_record(action="grants.task.done", recorder=recorder, obj=task.application)
    return task


def document_add(
    *, application: Application, upload, name: str, stored_name: str, recorder=None
) -> ApplicationDocument:
    """A document joins an application, stored under ``stored_name`` (whose extension the caller
    drew from the file's content, never from the name it came with)."""
    with db.atomic():
        document = ApplicationDocument(
            application=application, name=((name or "").strip() or upload.name)[:200]
        )
        document.file.save(stored_name, upload, save=False)
        document.save()
        audit_record(
            action="grants.document.added",
            recorder=recorder,
            obj=application,
            data={"document": document.pk, "name": document.name},
        )
    return document
