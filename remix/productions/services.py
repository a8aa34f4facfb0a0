"""Every write about productions: keyword-only, atomic, audited; counting a transaction of the
books as a production's cost is a treasurer's decision (``can_keep_books``), the rest is
``can_manage_productions``'."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.core.amounts import amount_positive
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check
from remix.core.i18ntext import text_clean
from remix.core.permissions import can_keep_books, can_manage_productions, require_recorder
from remix.productions.models import (
    CostCategory,
    CostLine,
    FundingLine,
    FundingSource,
    Production,
    ProductionCost,
    ProductionKind,
    ProductionStatus,
    ProductionTime,
)


def production_create(
    *,
    slug: str,
    kind: str,
    title: dict,
    starts: datetime.date,
    description: dict | None = None,
    ends: datetime.date | None = None,
    status: str = ProductionStatus.PLANNED,
    fund=None,
    commodity: str = "EUR",
    recorder=None,
) -> Production:
    require_recorder(can_manage_productions, recorder)
    if kind not in ProductionKind.values:
        raise ValidationError({"kind": _("Choose what kind of production it is.")})
    if status not in ProductionStatus.values:
        raise ValidationError({"status": _("Choose the production's status.")})
    title = text_clean(title)
    if not title:
        raise ValidationError({"title": _("Give the production a title.")})
    date_check(starts, field="starts")
    if ends is not None:
        date_check(ends, field="ends")
        if ends < starts:
            raise ValidationError({"ends": _("A production ends after it starts.")})
    if fund is not None and fund.reporting_currency != commodity:
        raise ValidationError({"fund": _("The fund keeps its books in another currency.")})
    with db.atomic():
        # "new" is the address of the form that creates one.
        if slug == "new" or Production.objects.filter(slug=slug).exists():
            raise ValidationError({"slug": _("Another production has this address.")})
        production = Production.objects.create(
            slug=slug,
            kind=kind,
            title=title,
            description=text_clean(description),
            starts=starts,
            ends=ends,
            status=status,
            fund=fund,
            commodity=commodity,
            created_by=as_recorder(recorder),
        )
        audit_record(
            action="productions.production.created",
            recorder=recorder,
            obj=production,
            data={"kind": kind, "fund": fund.pk if fund else None},
        )
    return production


def cost_line_add(
    *, production: Production, category: str, label: str, amount, recorder=None
) -> CostLine:
    """A planned cost, in the production's currency."""
    require_recorder(can_manage_productions, recorder)
    if category not in CostCategory.values:
        raise ValidationError({"category": _("Choose a category.")})
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": _("Say what this line pays for.")})
    minor, commodity = amount_positive(amount, production.commodity)
    with db.atomic():
        line = CostLine.objects.create(
            production=production,
            category=category,
            label=label[:200],
            amount_minor=minor,
            commodity=commodity,
            created_by=as_recorder(recorder),
        )
        audit_record(
            action="productions.line.added",
            recorder=recorder,
            obj=line,
            data={"production": production.pk, "amount": minor, "commodity": commodity},
        )
    return line


def cost_link(*, production: Production, transaction, line=None, recorder=None) -> ProductionCost:
    """Count a posted transaction of the books as an actual cost of ``production`` (against
    ``line``, one of its planned lines, or as unplanned). What it costs is read from its expense
    postings in the production's currency, never copied."""
    require_recorder(can_keep_books, recorder)
    if line is not None and line.production_id != production.pk:
        raise ValidationError({"line": _("This line belongs to another production.")})
    if not transaction.postings.filter(
        posted=True, account__type="expense", commodity=production.commodity
    ).exists():
        raise ValidationError(
            {
                "transaction": _("Only a posted transaction with an expense in %(code)s is a cost.")
                % {"code": production.commodity}
            }
        )
    try:
        with db.atomic():
            cost = ProductionCost.objects.create(
                production=production,
                transaction=transaction,
                line=line,
                linked_by=as_recorder(recorder),
            )
            audit_record(
                action="productions.cost.linked",
                recorder=recorder,
                obj=cost,
                data={
                    "production": production.pk,
                    "transaction": transaction.pk,
                    "line": line.pk if line else None,
                },
            )
    except IntegrityError:
        raise ValidationError(
            {"transaction": _("This transaction is already a cost of this production.")}
        ) from None
    return cost


def time_link(*, production: Production, contribution, role: str = "", recorder=None):
    """Count a recorded volunteer time contribution as time given to ``production``."""
    require_recorder(can_manage_productions, recorder)
    if contribution.kind != "time" or contribution.status != "recorded":
        raise ValidationError(
            {"contribution": _("Only volunteer time recorded in the books is counted.")}
        )
    try:
        with db.atomic():
            given = ProductionTime.objects.create(
                production=production,
                contribution=contribution,
                role=(role or "").strip()[:120],
                linked_by=as_recorder(recorder),
            )
            audit_record(
                action="productions.time.linked",
                recorder=recorder,
                obj=given,
                data={"production": production.pk, "contribution": contribution.pk},
            )
    except IntegrityError:
        raise ValidationError(
            {"contribution": _("This time is already counted for a production.")}
        ) from None
    return given


def funding_add(
    *,
    production: Production,
    source: str,
    label: str,
    amount,
    application=None,
    campaign=None,
    recorder=None,
) -> FundingLine:
    """Where part of the production's money comes from, through a grant application or a
    campaign of the platform when there is one."""
    require_recorder(can_manage_productions, recorder)
    if source not in FundingSource.values:
        raise ValidationError({"source": _("Choose where the money comes from.")})
    if application is not None and source != FundingSource.GRANT:
        raise ValidationError({"application": _("Only a grant comes through an application.")})
    if campaign is not None and source != FundingSource.CAMPAIGN:
        raise ValidationError({"campaign": _("Only a campaign's money comes from a campaign.")})
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": _("Say where the money comes from.")})
    minor, commodity = amount_positive(amount, production.commodity)
    with db.atomic():
        line = FundingLine.objects.create(
            production=production,
            source=source,
            label=label[:200],
            amount_minor=minor,
            commodity=commodity,
            application=application,
            campaign=campaign,
            created_by=as_recorder(recorder),
        )
        audit_record(
            action="productions.funding.added",
            recorder=recorder,
            obj=line,
            data={"production": production.pk, "source": source, "amount": minor},
        )
    return line


def document_link(*, production: Production, document, recorder=None) -> None:
    """A catalogue document ``production`` produced; linking it again changes nothing."""
    require_recorder(can_manage_productions, recorder)
    with db.atomic():
        if production.documents.filter(pk=document.pk).exists():
            return
        production.documents.add(document)
        audit_record(
            action="productions.document.linked",
            recorder=recorder,
            obj=production,
            data={"document": document.pk},
        )
