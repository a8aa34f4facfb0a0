"""The opportunities' writes: a funder's kind, an opportunity added or updated (by hand, by the
API or by an import run again), a file joined to it, and next year's edition of a yearly call.
Each is atomic and audited."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from remix.allies.models import Actor
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check, dates_check
from remix.grants.models import Funder, Opportunity, OpportunityAttachment

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


def opportunity_add(
    *, actor: Actor, funder_kind: str | None, data: dict, recorder=None
) -> Opportunity:
    """An opportunity of a funder named by its actor: an actor that is not a funder yet becomes
    one of ``funder_kind``, a known funder takes that kind when given; both written, or neither."""
    with db.atomic():
        funder = _funder_of(actor, funder_kind, recorder)
        opportunity, _created = opportunity_save(funder=funder, data=data, recorder=recorder)
    return opportunity


def _funder_of(actor: Actor, kind: str | None, recorder) -> Funder:
    funder = getattr(actor, "funder", None)
    if funder is not None and kind in (None, funder.kind):
        return funder
    if kind is None:
        raise ValidationError(
            {"funder_kind": _("Say what kind of funder %(name)s is.") % {"name": actor.name}}
        )
    return funder_set(actor=actor, kind=kind, recorder=recorder)


def _slug_new(title: str) -> str:
    base = slugify(title)[:100] or "appel"
    slug, n = base, 1
    while Opportunity.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


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
    from remix.contributions.schedule import add_months

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
