"""The demo's study office: three services priced three ways, a study for the Ville de Lyon
accepted from its quote with days declared and valued, its deposit invoiced, paid and shared by
the study office's rule, and a quote waiting for an answer."""

import pytest

from remix.core.demo import demo_load
from remix.sharing.models import Distribution
from remix.studio import selectors
from remix.studio.models import Engagement, Quote, Service


@pytest.mark.django_db
def test_the_demo_has_three_services_and_a_study_for_a_local_authority():
    demo_load()
    demo_load()  # idempotent

    assert sorted(Service.objects.values_list("price_model", flat=True)) == [
        "daily",
        "fixed",
        "free",
    ]
    engagement = Engagement.objects.get()
    assert engagement.client.name == "Ville de Lyon"
    assert engagement.client.kind == "public_authority"
    assert engagement.quote.total_minor == 12 * 65000 + 120000
    report = selectors.engagement_report(engagement)
    assert report.planned_days == 12
    assert str(report.validated_days) == "2.50"  # 7 + 7 + 3.5 hours
    assert report.time_value_minor == 162500
    assert engagement.times.filter(status="declared").count() == 1
    deposit = engagement.invoices.get()
    assert (deposit.part, deposit.invoice.net_minor) == ("deposit", 270000)
    paid = deposit.invoice.payments.get()
    assert deposit.invoice.status == "issued" and paid.amount_minor == 270000
    shared = Distribution.objects.get(income=paid.transaction)
    assert shared.version.rule.slug == "partage-bureau-etude"
    parts = {part.name: part.amount_minor for part in shared.parts.all()}
    assert sum(parts.values()) == 270000
    assert parts["Fonds des communs"] == 13500  # 5 % of the total
    assert {"Amina Diallo", "Louise Tremblay"} <= parts.keys()  # their study hours counted
    assert report.margin_minor == 270000 - 162500
    assert list(Quote.objects.values_list("status", flat=True).order_by("pk")) == [
        "accepted",
        "sent",
    ]
