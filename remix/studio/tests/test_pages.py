"""The study office's pages: the catalogue read in French by anyone; a quote written and
accepted through the pages; time declared and validated on the engagement's page."""

import datetime

import pytest
from django.utils import timezone

from remix.studio.models import Engagement, Quote, TimeDeclaration
from remix.studio.tests.builders import accepted, city, later, service

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_services_by_kind_in_french(client):
    service(
        "atelier",
        "workshop",
        "fixed",
        "1200",
        description={"fr": "Une journée pour cartographier", "en": "A day to map"},
    )
    service("film", "production", "free", "8000")

    page = client.get("/studio/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Bureau d’étude" in page or "Bureau d'étude" in page
    assert "Une journée pour cartographier" in page
    assert "1\u202f200,00\xa0€" in page
    assert "Prix libre (suggéré : 8\u202f000,00\xa0€)" in page
    shown = client.get("/studio/services/film/", HTTP_ACCEPT_LANGUAGE="fr")
    assert shown.status_code == 200
    assert client.get("/studio/services/nothing/").status_code == 404


def test_a_steward_writes_a_quote_and_records_the_acceptance_on_the_pages(client, make_user):
    client.force_login(make_user("louise", roles=["member", "steward"]))
    study = service()
    ville = city()
    written = client.post(
        "/studio/quotes/new/",
        {
            "client": ville.pk,
            "title": "Étude des communs",
            "language": "fr",
            "valid_until": later(30).isoformat(),
            "service_0": study.pk,
            "quantity_0": "6",
        },
    )
    made = Quote.objects.get()
    assert written.status_code == 302 and made.total_minor == 390000
    today = timezone.localdate().isoformat()
    opened = client.post(
        f"/studio/quotes/{made.pk}/",
        {
            "accepted_on": today,
            "acceptance": "Bon de commande 12",
            "start_date": today,
            "end_date": later(20).isoformat(),
        },
    )
    engagement = Engagement.objects.get()
    assert opened.url == f"/studio/engagements/{engagement.pk}/"
    assert engagement.day_rate_minor == 65000


def test_a_quote_refused_by_the_service_shows_why_on_the_form(client, make_user):
    client.force_login(make_user("louise", roles=["member", "steward"]))
    answer = client.post(
        "/studio/quotes/new/",
        {
            "client": city().pk,
            "title": "Étude",
            "language": "fr",
            "valid_until": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "service_0": service().pk,
            "quantity_0": "1",
        },
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["valid_until"] == [
        "Un devis est valable jusqu'à aujourd'hui ou plus tard."
    ]
    assert not Quote.objects.exists()


def test_a_person_declares_time_and_a_treasurer_validates_it_on_the_page(client, make_user):
    engagement = accepted()
    steward = make_user("louise", roles=["member", "steward"])
    amina = make_user("amina", roles=["member"])
    client.force_login(steward)
    client.post(
        f"/studio/engagements/{engagement.pk}/people/",
        {"username": "amina", "planned_days": "5"},
    )
    client.force_login(amina)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    client.post(
        f"/studio/engagements/{engagement.pk}/time/",
        {"date": yesterday, "hours": "7", "description": "Entretiens"},
    )
    declared = TimeDeclaration.objects.get()
    assert declared.user == amina
    client.force_login(make_user("mateo", roles=["member", "treasurer"]))
    client.post(f"/studio/time/{declared.pk}/decide/", {"decision": "validate"})
    declared.refresh_from_db()
    assert declared.status == "validated" and declared.value_minor == 65000

    page = client.get(f"/studio/engagements/{engagement.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode()
    assert "Amina" in text and "650,00\xa0€" in text
    assert page.context["report"].validated_days == 1


def test_the_engagement_page_costs_the_same_whatever_its_time(
    client, make_user, django_assert_max_num_queries
):
    engagement = accepted()
    amina = make_user("amina", roles=["member"])
    from remix.studio import services

    services.engagement_person_record(engagement=engagement, user=amina, planned_days="5")
    client.force_login(make_user("mateo", roles=["member", "treasurer"]))

    def declare(n):
        for _ in range(n):
            services.time_declare(
                engagement=engagement,
                user=amina,
                date=timezone.localdate(),
                hours="1",
                description="Relecture",
            )

    declare(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(f"/studio/engagements/{engagement.pk}/")
    declare(20)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/studio/engagements/{engagement.pk}/")
    assert len(many) == len(few)
