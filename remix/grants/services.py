"""Every write of the funding search: atomic, locked then re-checked, audited.

A granted application reaches the books through ``remix.ledger.services`` only: on the decision,
what the funder owes (``Assets:Receivables:Grants`` against the grant's income, public authority
or institutional by the funder's kind, in the application's fund); each payment then moves it to
the bank. Before the final report is accepted, payments never take the withheld share.
"""

import datetime
import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from remix.core.amounts import amount_positive
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check, dates_check
from remix.core.formats import format_money
from remix.core.money import from_minor
from remix.core.permissions import can_keep_books, can_move_application, require_recorder
from remix.grants import plan
from remix.grants.models import (
    TRANSITIONS,
    Application,
    ApplicationDocument,
    CalendarToken,
    Funder,
    FundingSource,
    Opportunity,
    OpportunityAttachment,
    PlanLine,
    PlanLineKind,
    SavedSearch,
    Stage,
    StageEvent,
    Task,
)
from remix.ledger import chart
from remix.ledger import services as ledger
from remix.ledger.models import Account, Fund, Posting

RECEIVABLE = chart.GRANTS_RECEIVABLE
BANK = chart.BANK
PUBLIC_INCOME = chart.PUBLIC_GRANTS
INSTITUTIONAL_INCOME = chart.INSTITUTIONAL_GRANTS


def amount_minor(amount, commodity: str, *, field: str) -> int:
    """A positive amount in minor units, or the reader's reason (``core.amounts``)."""
    return amount_positive(amount, commodity, field=field)[0]


# --- funders and opportunities -------------------------------------------------------------------


def funder_set(*, actor, kind: str, recorder=None) -> Funder:
    with db.atomic():
        funder, _created = Funder.objects.update_or_create(actor=actor, defaults={"kind": kind})
        funder.full_clean()
        audit_record(action="grants.funder.set", recorder=recorder, obj=funder, data={"kind": kind})
    return funder


OPPORTUNITY_FIELDS = (
    "title",
    "url",
    "kind",
    "commodity",
    "amount_min_minor",
    "amount_max_minor",
    "amount_typical_minor",
    "max_share",
    "withheld_share",
    "volunteer_time_counts",
    "beneficiary_types",
    "territory",
    "opens_on",
    "letter_of_intent_on",
    "deadline",
    "decision_on",
    "report_due_on",
    "recurrence",
    "notes",
)


OPPORTUNITY_DATES = ("opens_on", "letter_of_intent_on", "deadline", "decision_on", "report_due_on")


def opportunity_save(
    *,
    funder: Funder,
    data: dict,
    opportunity: Opportunity | None = None,
    source_key: str | None = None,
    recorder=None,
) -> tuple[Opportunity, bool]:
    """Create an opportunity, or update the one given (or the one of ``source_key``: an import
    run again updates what it brought, never duplicates it). ``data`` holds model fields, plus
    ``themes`` (Theme list) and ``funds`` (Fund list)."""
    dates_check(**{name: data.get(name) for name in OPPORTUNITY_DATES})
    with db.atomic():
        if opportunity is None and source_key:
            opportunity = (
                Opportunity.objects.select_for_update().filter(source_key=source_key).first()
            )
        created = opportunity is None
        if created:
            opportunity = Opportunity(
                source_key=source_key or None, created_by=as_recorder(recorder)
            )
        else:
            opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        opportunity.funder = funder
        for name in OPPORTUNITY_FIELDS:
            if name in data:
                setattr(opportunity, name, data[name])
        if created:
            opportunity.slug = data.get("slug") or _slug_new(opportunity.title)
        opportunity.full_clean(exclude=["themes", "funds"])
        opportunity.save()
        if "themes" in data:
            opportunity.themes.set(data["themes"])
        if "funds" in data:
            opportunity.funds.set(data["funds"])
        audit_record(
            action="grants.opportunity.created" if created else "grants.opportunity.updated",
            recorder=recorder,
            obj=opportunity,
            data={"title": opportunity.title, "source": source_key or ""},
        )
    return opportunity, created


def _slug_new(title: str) -> str:
    base = slugify(title)[:100] or "appel"
    slug, n = base, 1
    while Opportunity.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- applications --------------------------------------------------------------------------------


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


def rules_of(opportunity: Opportunity) -> plan.Rules:
    return plan.Rules(
        max_share=opportunity.max_share,
        withheld_share=opportunity.withheld_share,
        volunteer_time_counts=opportunity.volunteer_time_counts,
    )


def plan_check(application: Application) -> plan.Check:
    lines = list(application.plan.all())
    return plan.check(
        [
            plan.Line(line.amount_minor, volunteer=line.volunteer)
            for line in lines
            if line.kind == "cost"
        ],
        [
            plan.Line(line.amount_minor, plan.Source(line.source))
            for line in lines
            if line.kind == "funding"
        ],
        rules_of(application.opportunity),
        requested=application.amount_requested_minor,
    )


def breach_text(breach: plan.Breach, commodity: str) -> str:
    """A breach of the plan in plain words, with the figures."""
    money = {
        "amount": format_money(breach.amount, commodity),
        "limit": format_money(breach.limit, commodity),
        "actual": format_money(breach.actual, commodity),
    }
    if breach.code == "unbalanced":
        if breach.actual < breach.limit:
            return (
                _(
                    "The plan does not balance: the funding lines (%(actual)s) are %(amount)s "
                    "short of the costs (%(limit)s)."
                )
                % money
            )
        return (
            _(
                "The plan does not balance: the funding lines (%(actual)s) are %(amount)s over "
                "the costs (%(limit)s)."
            )
            % money
        )
    if breach.code == "over_cap":
        return (
            _(
                "This grant would be %(actual)s, but the funder covers at most %(limit)s of this "
                "total cost: %(amount)s too much."
            )
            % money
        )
    if breach.code == "no_grant_line":
        return _("The plan has no line for this grant.")
    return (
        _(
            "The plan's line for this grant (%(actual)s) differs from the amount requested "
            "(%(limit)s)."
        )
        % money
    )


def plan_set(*, application: Application, lines: list[dict], recorder=None) -> plan.Check:
    """Replace the plan's lines: each ``{"kind", "label", "amount", "source", "volunteer"}``."""
    built = []
    for index, line in enumerate(lines):
        kind = line.get("kind")
        if kind not in PlanLineKind.values:
            raise ValidationError({f"plan.{index}.kind": _("A line is a cost or a funding line.")})
        label = (line.get("label") or "").strip()
        if not label:
            raise ValidationError({f"plan.{index}.label": _("Name the line.")})
        source = line.get("source") or ""
        if kind == PlanLineKind.FUNDING and source not in FundingSource.values:
            raise ValidationError({f"plan.{index}.source": _("Say where this funding comes from.")})
        built.append(
            PlanLine(
                kind=kind,
                label=label[:200],
                amount_minor=amount_minor(
                    line.get("amount"), application.commodity, field=f"plan.{index}.amount"
                ),
                source=source if kind == PlanLineKind.FUNDING else "",
                volunteer=bool(line.get("volunteer")) and kind == PlanLineKind.COST,
            )
        )
    with db.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.stage not in (Stage.SPOTTED, Stage.QUALIFIED, Stage.DRAFTING):
            raise ValidationError(_("The plan no longer changes once the application is sent."))
        application.plan.all().delete()
        for line in built:
            line.application = application
        PlanLine.objects.bulk_create(built)
        audit_record(
            action="grants.plan.set", recorder=recorder, obj=application, data={"lines": len(built)}
        )
    return plan_check(application)


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
        application = (
            Application.objects.select_for_update()
            .select_related("opportunity__funder__actor", "fund")
            .get(pk=application.pk)
        )
        current = Stage(application.stage)
        if to not in Stage.values:
            raise ValidationError({"stage": _("Unknown stage: %(stage)s.") % {"stage": to}})
        if to == current:
            return application
        require_recorder(can_move_application, recorder, to=to)
        if to not in TRANSITIONS[current]:
            raise ValidationError(
                {
                    "stage": _("An application cannot go from « %(from)s » to « %(to)s ».")
                    % {"from": current.label, "to": Stage(to).label}
                }
            )
        today = timezone.localdate()
        if to == Stage.SUBMITTED:
            check = plan_check(application)
            if not check.ok:
                raise ValidationError(
                    {
                        "stage": [
                            breach_text(breach, application.commodity) for breach in check.breaches
                        ]
                    }
                )
        if to in (Stage.GRANTED, Stage.REFUSED):
            application.decided_on = decided_on or today
            application.decision_reasons = (reasons or "").strip()
        if to == Stage.GRANTED:
            _grant_record(application, amount_granted, recorder)
        if to == Stage.CLOSED:
            if report_accepted_on is None and application.report_accepted_on is None:
                raise ValidationError(
                    {"report_accepted_on": _("Say when the final report was accepted.")}
                )
            application.report_accepted_on = report_accepted_on or application.report_accepted_on
        application.stage = to
        application.save()
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
    return application


def _grant_record(application: Application, amount_granted, recorder) -> None:
    if amount_granted in (None, ""):
        raise ValidationError({"amount_granted": _("Say how much was granted.")})
    granted = amount_minor(amount_granted, application.commodity, field="amount_granted")
    funder = application.opportunity.funder
    income = PUBLIC_INCOME if funder.is_public else INSTITUTIONAL_INCOME
    share = application.opportunity.withheld_share
    application.amount_granted_minor = granted
    application.withheld_minor = plan._share_of(granted, share) if share else 0
    value = from_minor(granted, application.commodity)
    tx, _new = ledger.transaction_create(
        date=application.decided_on,
        description=_("Grant %(call)s from %(funder)s")
        % {"call": application.opportunity.title, "funder": funder.name},
        legs=[
            ledger.Leg(
                Account.objects.get(code=RECEIVABLE), application.fund, value, application.commodity
            ),
            ledger.Leg(
                Account.objects.get(code=income), application.fund, -value, application.commodity
            ),
        ],
        counterparty=funder.actor,
        external_key=f"grant:{application.pk}",
        post=True,
        recorder=recorder,
    )
    application.receivable = tx


def grant_outstanding(application: Application) -> int:
    """What the funder still owes on a granted application, in minor units."""
    if application.receivable_id is None:
        return 0
    paid = -sum(
        Posting.objects.filter(
            transaction__external_key__startswith=f"grant:{application.pk}:payment:",
            account__code=RECEIVABLE,
            posted=True,
        ).values_list("amount_minor", flat=True)
    )
    return (application.amount_granted_minor or 0) - paid


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
        application = (
            Application.objects.select_for_update()
            .select_related("opportunity__funder__actor", "fund")
            .get(pk=application.pk)
        )
        if application.receivable_id is None:
            raise ValidationError(_("Only a granted application is paid."))
        outstanding = grant_outstanding(application)
        withheld_waiting = (
            application.withheld_minor if application.report_accepted_on is None else 0
        )
        payable = outstanding - withheld_waiting
        if minor > payable:
            raise ValidationError(
                {
                    "amount": _(
                        "At most %(payable)s can be received now: %(outstanding)s is still owed, "
                        "of which %(withheld)s waits for the final report."
                    )
                    % {
                        "payable": format_money(payable, application.commodity),
                        "outstanding": format_money(outstanding, application.commodity),
                        "withheld": format_money(withheld_waiting, application.commodity),
                    }
                }
            )
        count = (
            Posting.objects.filter(
                transaction__external_key__startswith=f"grant:{application.pk}:payment:",
                account__code=RECEIVABLE,
            )
            .values("transaction")
            .distinct()
            .count()
        )
        value = from_minor(minor, application.commodity)
        ledger.transaction_create(
            date=date,
            description=_("Payment of the grant %(call)s")
            % {"call": application.opportunity.title},
            legs=[
                ledger.Leg(
                    Account.objects.get(code=BANK), application.fund, value, application.commodity
                ),
                ledger.Leg(
                    Account.objects.get(code=RECEIVABLE),
                    application.fund,
                    -value,
                    application.commodity,
                ),
            ],
            counterparty=application.opportunity.funder.actor,
            reference=reference,
            external_key=f"grant:{application.pk}:payment:{count + 1}",
            post=True,
            recorder=recorder,
        )
        audit_record(
            action="grants.payment.recorded",
            recorder=recorder,
            obj=application,
            data={"amount": minor},
        )
    return application


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


# --- tasks, saved searches, calendar -------------------------------------------------------------


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


def opportunity_attachment_add(
    *, opportunity: Opportunity, upload, name: str, stored_name: str, recorder=None
) -> OpportunityAttachment:
    """A file joins a call (its rules, its form), stored under ``stored_name`` (whose extension
    the caller drew from the file's content)."""
    with db.atomic():
        attachment = OpportunityAttachment(
            opportunity=opportunity, name=((name or "").strip() or upload.name)[:200]
        )
        attachment.file.save(stored_name, upload, save=False)
        attachment.save()
        audit_record(
            action="grants.opportunity.attachment",
            recorder=recorder,
            obj=opportunity,
            data={"attachment": attachment.pk, "name": attachment.name},
        )
    return attachment


def opportunity_renew(*, opportunity: Opportunity, recorder=None) -> Opportunity:
    """Next year's edition of a yearly call: the same funder, rules, eligibility, themes and
    projects, every date a year later, the year in its title moved on; asked again, the same."""
    from remix.funding.schedule import add_months

    if opportunity.recurrence != "yearly":
        raise ValidationError(_("Only a yearly call has a next edition."))
    if opportunity.deadline is None:
        raise ValidationError(_("A call without a deadline has no next edition."))
    year = timezone.localtime(opportunity.deadline).year
    title = opportunity.title.replace(str(year), str(year + 1))
    if title == opportunity.title:
        title = f"{opportunity.title} ({year + 1})"
    existing = Opportunity.objects.filter(funder=opportunity.funder, title=title).first()
    if existing:
        return existing
    data = {name: getattr(opportunity, name) for name in OPPORTUNITY_FIELDS}
    data["title"] = title

    def next_year(day: datetime.date) -> datetime.date:
        try:
            return add_months(day, 12)
        except ValueError:  # year 9999, written before the dates rule: refused just below
            return datetime.date.max

    for name in ("opens_on", "letter_of_intent_on", "decision_on", "report_due_on"):
        if data[name] is not None:
            data[name] = next_year(data[name])
    local = timezone.localtime(opportunity.deadline)
    day = next_year(local.date())
    date_check(day, field="deadline")
    data["deadline"] = local.replace(year=day.year, month=day.month, day=day.day)
    data["themes"] = list(opportunity.themes.all())
    data["funds"] = list(opportunity.funds.all())
    renewed, _created = opportunity_save(funder=opportunity.funder, data=data, recorder=recorder)
    return renewed


def saved_search_save(*, user, name: str, query: str) -> SavedSearch:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the search.")})
    search, _created = SavedSearch.objects.update_or_create(
        user=user, name=name[:100], defaults={"query": (query or "")[:1000]}
    )
    return search


def saved_search_delete(*, user, search_id: int) -> None:
    SavedSearch.objects.filter(user=user, pk=search_id).delete()


def calendar_token(*, user, renew: bool = False) -> CalendarToken:
    """The secret address of a person's deadlines feed; renewing it cuts off the old one."""
    with db.atomic():
        token = CalendarToken.objects.select_for_update().filter(user=user).first()
        if token is None:
            token = CalendarToken.objects.create(user=user, key=secrets.token_urlsafe(32))
        elif renew:
            token.key = secrets.token_urlsafe(32)
            token.save(update_fields=["key"])
        return token
