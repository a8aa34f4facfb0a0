"""The funding search's admin: stewards correct funders and opportunities (through the
services), and look at applications, their moves and plans without changing them."""

import datetime

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import reverse as django_reverse
from django.utils import timezone, translation

from remix.allies.models import Actor, Theme
from remix.core.models import AuditEvent
from remix.grants import services
from remix.grants.models import (
    Application,
    CalendarToken,
    Funder,
    Opportunity,
    OpportunityAttachment,
    PlanLine,
    ReminderSent,
    SavedSearch,
    StageEvent,
)
from remix.grants.tests import builders

pytestmark = pytest.mark.django_db

GRANTS_MODELS = [model for model in admin.site._registry if model._meta.app_label == "grants"]


def reverse(name: str, args=()) -> str:
    """Admin pages in English, so that messages are asserted in English."""
    with translation.override("en"):
        return django_reverse(name, args=args)


def url(model, view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture
def steward(client, make_user):
    user = make_user("intendante", roles=["steward"])
    client.force_login(user)
    return user


@pytest.fixture
def pipeline(make_user, settings, tmp_path):
    """A granted application with its plan, moves and a task, an attachment to its call, a
    reminder sent, a saved search and a calendar address: one of everything."""
    settings.MEDIA_ROOT = tmp_path
    owner = make_user("coordinatrice", roles=["member"])
    call = builders.opportunity()
    OpportunityAttachment.objects.create(
        opportunity=call, name="Règlement", file=ContentFile(b"%PDF-1.4", name="reglement.pdf")
    )
    application = services.application_create(
        opportunity=call, fund=builders.fund(), owner=owner, amount_requested="6000"
    )
    services.plan_set(application=application, lines=builders.PLAN)
    services.task_add(application=application, title="Budget", assignee=owner)
    treasurer = make_user("tresorier", roles=["treasurer"])
    for stage in ("qualified", "drafting", "submitted", "granted"):
        application = services.application_stage(
            application=application,
            to=stage,
            amount_granted="6000",
            decided_on=datetime.date(2026, 11, 2),
            recorder=treasurer if stage == "granted" else owner,
        )
    ReminderSent.objects.create(
        user=owner,
        opportunity=call,
        what="deadline",
        due=timezone.localdate(),
        days_before=7,
    )
    services.saved_search_save(user=owner, name="Région", query="funder_kind=local_authority")
    services.calendar_token(user=owner)
    return application


def test_every_page_of_the_funding_search_admin_opens_for_a_steward(client, steward, pipeline):
    assert {Funder, Opportunity, Application, StageEvent, PlanLine, ReminderSent} <= set(
        GRANTS_MODELS
    )
    for model in GRANTS_MODELS:
        assert client.get(url(model, "changelist")).status_code == 200, model
        obj = model.objects.first()
        assert obj is not None, model
        assert client.get(url(model, "change", obj.pk)).status_code == 200, model
    page = client.get(url(Application, "change", pipeline.pk)).content.decode()
    assert "Salle et technique" in page and "Budget" in page  # the plan and the tasks, inline
    assert client.get(url(Opportunity, "add")).status_code == 200
    assert client.get(url(Funder, "add")).status_code == 200


def test_saved_searches_and_calendar_addresses_stay_out_of_the_admin(pipeline):
    assert SavedSearch.objects.exists() and CalendarToken.objects.exists()
    assert SavedSearch not in admin.site._registry
    assert CalendarToken not in admin.site._registry  # its key is a secret address


def test_the_admin_is_the_stewards(client, make_user, pipeline):
    client.force_login(make_user("tresoriere", roles=["treasurer"]))
    assert client.get(url(Opportunity, "changelist")).status_code == 302
    client.force_login(make_user("membre", roles=["member"]))
    assert client.get(url(Application, "changelist")).status_code == 302


@pytest.mark.parametrize("model", [Application, StageEvent, PlanLine, ReminderSent])
def test_applications_their_moves_and_plans_cannot_be_changed_in_the_admin(
    client, steward, pipeline, model
):
    obj = model.objects.first()
    before = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}

    changed = client.post(url(model, "change", obj.pk), {"stage": "closed", "label": "X"})
    added = client.get(url(model, "add"))
    deleted = client.post(url(model, "delete", obj.pk), {"post": "yes"})

    assert (changed.status_code, added.status_code, deleted.status_code) == (403, 403, 403)
    obj.refresh_from_db()
    assert {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields} == before


def opportunity_form(opportunity: Opportunity, **change) -> dict:
    """The change form as the admin page sends it."""
    deadline = timezone.localtime(opportunity.deadline)
    form = {
        "funder": opportunity.funder.pk,
        "title": opportunity.title,
        "url": opportunity.url,
        "kind": opportunity.kind,
        "recurrence": opportunity.recurrence,
        "notes": opportunity.notes,
        "commodity": opportunity.commodity,
        "amount_min_minor": "",
        "amount_max_minor": "",
        "amount_typical_minor": "",
        "max_share": str(opportunity.max_share),
        "withheld_share": str(opportunity.withheld_share),
        "beneficiary_types": "[]",
        "territory": opportunity.territory,
        "opens_on": "",
        "letter_of_intent_on": "",
        "deadline_0": deadline.date().isoformat(),
        "deadline_1": deadline.strftime("%H:%M:%S"),
        "decision_on": "",
        "report_due_on": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    return {**form, **change}


def test_a_steward_corrects_an_opportunity_through_the_service(client, steward):
    call = builders.opportunity()
    theme = Theme.objects.create(code="ess", labels={"fr": "ESS"})

    response = client.post(
        url(Opportunity, "change", call.pk),
        opportunity_form(
            call,
            title="Appel ESS 2027 (2e vague)",
            amount_max_minor="2000000",
            max_share="0.5",
            themes=[theme.pk],
            funds=[builders.fund().pk],
            deadline_0="2027-03-15",
            deadline_1="12:00:00",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    call.refresh_from_db()
    assert (call.title, call.slug, call.amount_max_minor) == (
        "Appel ESS 2027 (2e vague)",
        "appel-ess-2027",  # links keep working
        2000000,
    )
    assert str(call.max_share) == "0.5000"
    assert timezone.localtime(call.deadline).isoformat() == "2027-03-15T12:00:00+01:00"
    assert list(call.themes.all()) == [theme] and call.funds.get().slug == "fiesta-2026"
    assert AuditEvent.objects.filter(
        action="grants.opportunity.updated", recorder=steward, object_id=str(call.pk)
    ).exists()


def test_a_broken_rule_is_shown_on_the_form_and_nothing_is_saved(client, steward):
    call = builders.opportunity()

    response = client.post(
        url(Opportunity, "change", call.pk),
        opportunity_form(call, max_share="1.5", title="Changé"),
    )

    assert response.status_code == 200  # the form again, with the reason
    assert response.context["adminform"].form.errors
    call.refresh_from_db()
    assert call.title == "Appel ESS 2027" and str(call.max_share) == "0.6000"


def test_a_steward_adds_an_opportunity_and_a_funder(client, steward):
    actor = Actor.objects.create(name="Fondation Abeille", slug="fondation-abeille", kind="funder")

    funder = client.post(url(Funder, "add"), {"actor": actor.pk, "kind": "foundation"})
    added = Funder.objects.get(actor=actor)
    call = builders.opportunity()  # a form to copy
    form = opportunity_form(call, funder=added.pk, title="Prix des communs", kind="prize")
    created = client.post(url(Opportunity, "add"), {**form, "slug": "prix-des-communs"})

    assert funder.status_code == 302 and added.kind == "foundation"
    assert AuditEvent.objects.filter(action="grants.funder.set", recorder=steward).exists()
    assert created.status_code == 302, created.content.decode()[:3000]
    prize = Opportunity.objects.get(slug="prix-des-communs")
    assert (prize.funder, prize.kind, prize.created_by) == (added, "prize", steward)
    changed = client.post(url(Funder, "change", added.pk), {"kind": "company"})
    assert changed.status_code == 302
    added.refresh_from_db()
    assert added.kind == "company" and added.actor == actor


def test_a_funder_or_an_opportunity_in_use_is_not_deleted(client, steward, pipeline):
    call = pipeline.opportunity
    assert client.post(url(Opportunity, "delete", call.pk), {"post": "yes"}).status_code == 403
    funder = call.funder
    assert client.post(url(Funder, "delete", funder.pk), {"post": "yes"}).status_code == 403
    assert Opportunity.objects.filter(pk=call.pk).exists() and Application.objects.exists()
