"""A write that moves money, sent twice under one key: the first result, unchanged; the same key
asking something else, refused. One rule (``services.idempotency``) for the web forms, the API,
the payment webhook and the bank matching."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from remix.contributions import providers, services
from remix.contributions.models import Campaign, CampaignStatus, Contribution, Pledge
from remix.contributions.services import Giver, KeyReused
from remix.contributions.tests import builders
from remix.contributions.webhooks import ProviderEvent
from remix.core.models import AuditEvent

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def promise(amount="15", key="web:1:a", **changes):
    return services.pledge_create(
        fund=builders.platform(),
        amount=amount,
        giver=Giver(name="Awa Diop"),
        idempotency_key=key,
        **{"frequency": "monthly", **changes},
    )


def refusal_code(raised) -> str:
    return raised.value.error_dict["idempotency_key"][0].code


def test_a_pledge_asked_again_is_the_first_one_and_asked_otherwise_is_refused():
    first, first_new = promise()
    again, again_new = promise(amount="15.00")  # the same amount, typed otherwise
    with pytest.raises(KeyReused) as other_amount:
        promise(amount="20")
    with pytest.raises(KeyReused) as yearly:
        promise(frequency="yearly")

    assert (first_new, again_new) == (True, False)
    assert again.pk == first.pk and again.amount_minor == 1500
    assert refusal_code(other_amount) == refusal_code(yearly) == "idempotency_key_reused"
    assert Pledge.objects.count() == 1


def test_a_campaign_pledge_asked_again_after_the_close_is_the_first_one():
    campaign = builders.campaign(goal="10")

    def pledge_to(target):
        return services.pledge_create(
            fund=target.fund,
            amount="10",
            giver=Giver(name="Awa Diop"),
            campaign=target,
            idempotency_key="api:7:fiesta",
        )

    first, _new = pledge_to(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.SUCCEEDED)
    again, again_new = pledge_to(Campaign.objects.get(pk=campaign.pk))
    other = builders.campaign(slug="forum")
    with pytest.raises(KeyReused):
        pledge_to(other)

    assert (again.pk, again_new) == (first.pk, False)
    assert Pledge.objects.count() == 1


def test_a_gift_and_a_declaration_asked_again_are_the_first_and_otherwise_refused():
    def gift(amount):
        return services.payment_record(
            fund=builders.platform(),
            amount=amount,
            giver=Giver(name="Awa Diop"),
            external_key="api:3:gift",
        )

    def hours(amount):
        return services.contribution_declare(
            giver=Giver(name="Awa Diop"),
            fund=builders.platform(),
            kind="time",
            amount=amount,
            description="Montage",
            external_key="api:3:hours",
        )

    first_gift, _new = gift("40")
    first_hours, _new = hours("3")
    same_gift, gift_new = gift("40")
    same_hours, hours_new = hours("3")
    with pytest.raises(KeyReused):
        gift("41")
    with pytest.raises(KeyReused):
        hours("4")

    assert (same_gift.pk, same_hours.pk) == (first_gift.pk, first_hours.pk)
    assert (gift_new, hours_new) == (False, False)
    assert first_gift.date == first_hours.date == TODAY()  # a date left out is today
    assert Contribution.objects.count() == 2


def test_a_provider_event_sent_again_with_another_amount_is_left_to_a_treasurer():
    pledge, _new = promise(amount="50", key=None, commodity="XOF")
    pledge.refresh_from_db()

    def delivered(amount_minor):
        return providers.event_record(
            event=ProviderEvent(
                provider="stripe",
                event_id="evt_1",
                kind="payment_intent.succeeded",
                reference=pledge.reference,
                amount_minor=amount_minor,
                commodity="XOF",
                paid_on=TODAY(),
            )
        )

    recorded = delivered(50)
    changed = delivered(60)
    again = delivered(60)

    assert (recorded.status, changed.status, again.status) == ("recorded", "refused", "repeat")
    assert Contribution.objects.get().amount_minor == 50
    assert AuditEvent.objects.filter(action="funding.webhook.refused").count() == 1


def test_a_give_form_sent_again_with_another_amount_is_refused_above_the_form(client, make_user):
    client.force_login(make_user("awa", roles=["member"], language="en"))
    with translation.override("en"):
        give = reverse("contributions:give", kwargs={"fund": builders.platform().slug})
    page = client.get(give).content.decode()
    token = re.search(r'name="token" value="([0-9a-f]{32})"', page)[1]
    data = {"amount": "15", "frequency": "monthly", "visibility": "amount", "token": token}

    first = client.post(give, data)
    changed = client.post(give, {**data, "amount": "25"})

    assert first.status_code == 302 and changed.status_code == 200
    assert "This request was already made once with other details" in changed.content.decode()
    assert Pledge.objects.get().amount_minor == 1500
