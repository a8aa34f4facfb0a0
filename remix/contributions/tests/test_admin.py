"""The funding admin: every page opens, nothing is written around the services."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.urls import reverse as django_reverse
from django.utils import timezone, translation

from remix.contributions import services
from remix.contributions.models import (
    Campaign,
    CampaignStatus,
    Contribution,
    Pledge,
    ReceiptCounter,
    ReceiptIssuer,
    RoundMatch,
    TaxReceipt,
)
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ISSUER = {"issuer": "Association Remix", "address": "Lyon", "object": "Communs", "signatory": ""}


def reverse(name: str, args=()) -> str:
    """Admin pages in English, so that messages are asserted in English."""
    with translation.override("en"):
        return django_reverse(name, args=args)


FUNDING_MODELS = [model for model in admin.site._registry if model._meta.app_label == "funding"]


@pytest.fixture
def books(make_user, settings):
    """A campaign with a tier and a pledge, a closed round with its matches, a gift and its
    receipt: one of everything the admin shows."""
    settings.REMIX_RECEIPTS = ISSUER
    campaign = builders.campaign()
    services.tier_add(campaign=campaign, title={"en": "Poster"}, amount="20", quantity=5)
    services.stretch_goal_add(campaign=campaign, amount="2000", title={"en": "A second stage"})
    services.pledge_create(
        fund=campaign.fund, amount="20", giver=Giver(name="Awa"), campaign=campaign
    )
    round_ = builders.round_()
    project = services.round_project_add(round=round_, fund=builders.fund("revue"))
    for index in range(2):
        person = builders.verified(make_user(f"m{index}", roles=["member"]))
        services.payment_record(
            amount="10",
            date=timezone.localdate(),
            giver=builders.giver(person),
            round_project=project,
        )
    services.round_close(round=round_, today=round_.closes + datetime.timedelta(days=1))
    gift, _new = services.payment_record(
        fund=builders.platform(), amount="50", date=timezone.localdate(), giver=Giver(name="Bo")
    )
    services.receipt_issue(contribution=gift)
    services.receipt_issuer_set(name="Association Remix", address="Lyon")
    services.ceiling_set(fund=builders.platform(), period="month", amount="500")
    return gift


def test_the_funding_admin_lists_and_shows_everything_to_a_superuser(admin_client, books):
    assert len(FUNDING_MODELS) >= 11
    for model in FUNDING_MODELS:
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert admin_client.get(changelist).status_code == 200, opts.model_name
        obj = model.objects.first()
        assert obj is not None, opts.model_name
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200, opts.model_name
    receipt = TaxReceipt.objects.get()
    page = admin_client.get(reverse("admin:funding_taxreceipt_change", args=[receipt.pk]))
    assert f"recu-{receipt.number}.pdf" in page.content.decode()


@pytest.mark.parametrize(
    "model", [Pledge, Contribution, TaxReceipt, RoundMatch, ReceiptCounter, Campaign]
)
def test_the_books_cannot_be_edited_added_or_deleted_in_the_admin(admin_client, books, model):
    opts = model._meta
    obj = model.objects.first()
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    before = {f.attname: getattr(obj, f.attname) for f in opts.concrete_fields}
    response = admin_client.post(change, {"name": "Changed", "amount_minor": 1, "last": 99})
    assert response.status_code == 403
    obj.refresh_from_db()
    assert {f.attname: getattr(obj, f.attname) for f in opts.concrete_fields} == before
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert admin_client.get(add).status_code == 403
    delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_steward_who_is_not_superuser_sees_the_funding_admin(client, make_user, books):
    client.force_login(make_user("steward", roles=["steward"]))
    assert client.get(reverse("admin:funding_contribution_changelist")).status_code == 200
    client.force_login(make_user("treasurer", roles=["treasurer"]))
    response = client.get(reverse("admin:funding_contribution_changelist"))
    assert response.status_code == 302  # the admin is the stewards'; treasurers have their pages


def test_the_receipt_action_issues_receipts_through_the_service(admin_client, settings):
    settings.REMIX_RECEIPTS = ISSUER
    gifts = [
        services.payment_record(
            fund=builders.platform(),
            amount="30",
            date=datetime.date(2026, 3, day),
            giver=Giver(name=n),
        )[0]
        for day, n in ((2, "B"), (1, "A"))
    ]
    response = admin_client.post(
        reverse("admin:funding_contribution_changelist"),
        {"action": "issue_receipts", "_selected_action": [g.pk for g in gifts]},
    )
    assert response.status_code == 302
    numbers = dict(TaxReceipt.objects.values_list("giver_name", "sequence"))
    assert numbers == {"A": 1, "B": 2}  # in the order of the gifts
    assert AuditEvent.objects.filter(action="funding.receipt.issued").count() == 2


def test_the_receipt_action_refuses_while_no_issuer_is_set(admin_client, settings):
    settings.REMIX_RECEIPTS = {**ISSUER, "issuer": ""}
    gift, _new = services.payment_record(
        fund=builders.platform(), amount="30", date=timezone.localdate(), giver=Giver(name="A")
    )
    response = admin_client.post(
        reverse("admin:funding_contribution_changelist"),
        {"action": "issue_receipts", "_selected_action": [gift.pk]},
    )
    assert any("REMIX_RECEIPTS_ISSUER" in str(m) for m in get_messages(response.wsgi_request))
    assert not TaxReceipt.objects.exists()


def test_the_close_action_closes_a_past_campaign_and_refuses_a_running_one(admin_client):
    past = builders.campaign(slug="past")
    Campaign.objects.filter(pk=past.pk).update(
        opens=timezone.localdate() - datetime.timedelta(days=30),
        deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    running = builders.campaign(slug="running")
    response = admin_client.post(
        reverse("admin:funding_campaign_changelist"),
        {"action": "close", "_selected_action": [past.pk, running.pk]},
    )
    said = [str(m) for m in get_messages(response.wsgi_request)]
    past.refresh_from_db()
    running.refresh_from_db()
    assert past.status == CampaignStatus.FAILED and running.status == CampaignStatus.OPEN
    assert "1 campaign closed." in said
    assert any(m.startswith(str(running)) for m in said)


def test_stewards_mark_people_verified_from_the_user_list(admin_client, make_user):
    awa, bo = make_user("awa"), builders.verified(make_user("bo"))
    verified_before = bo.verified_at
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "mark_verified", "_selected_action": [awa.pk, bo.pk]},
    )
    assert response.status_code == 302
    awa.refresh_from_db()
    bo.refresh_from_db()
    assert awa.is_verified_person and bo.verified_at == verified_before
    assert AuditEvent.objects.filter(action="accounts.user.verified").count() == 1


def test_a_steward_sets_the_receipt_issuer_in_the_admin_through_the_service(client, make_user):
    client.force_login(make_user("steward", roles=["steward"]))
    form = {
        "name": "Association Remix",
        "address": "Lyon",
        "object": "Communs",
        "signatory": "Louise Tremblay",
        "signatory_role": "présidente",
    }
    response = client.post(reverse("admin:funding_receiptissuer_add"), form)
    assert response.status_code == 302
    issuer = ReceiptIssuer.objects.get()
    assert (issuer.name, issuer.signatory_role) == ("Association Remix", "présidente")
    event = AuditEvent.objects.get(action="funding.receipt_issuer.changed")
    assert event.data["after"]["signatory"] == "Louise Tremblay"
    change = reverse("admin:funding_receiptissuer_change", args=[issuer.pk])
    client.force_login(make_user("treasurer", roles=["treasurer"]))
    assert client.post(change, {**form, "name": "Other"}).status_code in (302, 403)
    issuer.refresh_from_db()
    assert issuer.name == "Association Remix"
