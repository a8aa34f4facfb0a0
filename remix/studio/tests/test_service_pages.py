"""A steward writes and edits a service through the pages; nobody else may."""

import pytest

from remix.core.models import AuditEvent
from remix.studio.models import Service
from remix.studio.tests.builders import service

pytestmark = pytest.mark.django_db

WRITTEN = {
    "title_fr": "Atelier cartographie",
    "title_en": "Mapping workshop",
    "title_es": "",
    "description_fr": "Une journée pour cartographier les communs.",
    "description_en": "",
    "description_es": "",
    "slug": "atelier-carto",
    "kind": "workshop",
    "price_model": "fixed",
    "price": "1 200,50",
    "commodity": "EUR",
    "documents": "",
    "people": "louise",
}


def test_a_steward_adds_a_service_then_edits_it(client, make_user):
    louise = make_user("louise", roles=["member", "steward"])
    client.force_login(louise)
    catalogue = client.get("/studio/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "/studio/services/new/" in catalogue
    assert client.get("/studio/services/new/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200

    added = client.post("/studio/services/new/", WRITTEN, HTTP_ACCEPT_LANGUAGE="fr")

    assert added.status_code == 302 and added["Location"] == "/studio/services/atelier-carto/"
    made = Service.objects.get()
    assert made.title == {"fr": "Atelier cartographie", "en": "Mapping workshop"}
    assert made.price_minor == 120050 and made.commodity == "EUR"
    assert list(made.people.all()) == [louise]
    page = client.get(added["Location"], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "/studio/services/atelier-carto/edit/" in page
    form = client.get("/studio/services/atelier-carto/edit/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Atelier cartographie" in form.content.decode()

    edited = client.post(
        "/studio/services/atelier-carto/edit/",
        {**WRITTEN, "price_model": "daily", "price": "650", "title_es": "Taller", "people": ""},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert edited.status_code == 302
    made.refresh_from_db()
    assert made.price_model == "daily" and made.price_minor == 65000
    assert made.title["es"] == "Taller" and not made.active
    assert made.people.count() == 0
    event = AuditEvent.objects.get(action="studio.service.updated")
    assert event.data["changed"] == ["active", "price_minor", "price_model", "title"]
    withdrawn = client.get("/studio/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "/studio/services/atelier-carto/edit/" in withdrawn


def test_a_member_may_not_write_a_service(client, make_user):
    made = service()
    client.force_login(make_user("yasmine", roles=["member"]))

    assert client.get("/studio/services/new/").status_code == 403
    assert client.post("/studio/services/new/", WRITTEN).status_code == 403
    assert client.post(f"/studio/services/{made.slug}/edit/", WRITTEN).status_code == 403
    assert Service.objects.count() == 1
    page = client.get(f"/studio/services/{made.slug}/").content.decode()
    assert (
        "/edit/" not in page
        and "/studio/services/new/" not in client.get("/studio/").content.decode()
    )


@pytest.mark.parametrize(
    ("price", "said"),
    [("0", "Indiquez un montant supérieur à zéro"), ("12,345", "2 décimales au plus")],
)
def test_a_bad_price_is_refused_on_its_field(client, make_user, price, said):
    client.force_login(make_user("louise", roles=["member", "steward"]))

    refused = client.post(
        "/studio/services/new/", {**WRITTEN, "price": price}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert refused.status_code == 200 and not Service.objects.exists()
    errors = refused.context["form"].errors
    assert list(errors) == ["price"] and said in errors["price"][0]


def test_a_title_in_no_language_and_a_taken_address_are_refused(client, make_user):
    client.force_login(make_user("louise", roles=["member", "steward"]))
    service("atelier-carto")

    refused = client.post(
        "/studio/services/new/",
        {**WRITTEN, "title_fr": "", "title_en": ""},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert list(refused.context["form"].errors) == ["title_fr"]
    taken = client.post("/studio/services/new/", WRITTEN, HTTP_ACCEPT_LANGUAGE="fr")
    assert list(taken.context["form"].errors) == ["slug"]
    assert Service.objects.count() == 1
