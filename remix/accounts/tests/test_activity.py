"""A person's own activity: the audit events they recorded, in words, by year, a page at a time;
the stewardship terms they acted for and the handovers they took part in beside."""

import datetime
from html import unescape

import pytest
from django.utils import timezone

from remix.accounts import services
from remix.core.bulk import rows_insert
from remix.core.models import AuditEvent
from remix.core.tests.page_queries import page_queries_flat
from remix.stewardship.tests.builders import organisation, term

pytestmark = pytest.mark.django_db

URL = "/accounts/activity/"


def _events(user, count, *, year=None, start=0):
    """``count`` events by ``user``, of three kinds on three kinds of object, in ``year``."""
    moment = timezone.now()
    if year is not None:
        moment = moment.replace(year=year, month=6, day=15)
    kinds = [
        ("ledger.transaction.posted", "ledger.transaction"),
        ("funding.pledge.created", "funding.pledge"),
        ("stewardship.handover.accepted", "stewardship.handover"),
    ]
    rows_insert(
        AuditEvent,
        ("created_at", "recorder", "action", "object_type", "object_id", "data"),
        ((moment, user.pk, *kinds[n % 3], str(1000 + n), {}) for n in range(start, start + count)),
    )


def test_a_person_reads_what_they_did_in_words_and_nobody_else_s(client, make_user):
    amina = make_user("amina", roles=["member"])
    other = make_user("yasmine", roles=["member"])
    services.token_create(user=amina, name="tableur")
    services.token_create(user=other, name="carnet-de-yasmine")
    _events(other, 2)
    client.force_login(amina)

    html = unescape(client.get(URL).content.decode())

    assert "Jeton d'API créé" in html
    assert "jeton d'API n° " in html
    assert "Compte créé" in html  # the sign-up, recorded by amina herself
    assert "Écriture validée" not in html  # yasmine's
    assert html.count("<tr>") == 1 + AuditEvent.objects.filter(recorder=amina).count()


def test_the_page_lists_the_years_and_filters_by_one(client, make_user):
    amina = make_user("amina", roles=["member"])
    _events(amina, 2, year=2024)
    _events(amina, 3, year=2025, start=2)
    client.force_login(amina)
    this_year = timezone.localdate().year

    everything = client.get(URL).content.decode()
    in_2024 = client.get(URL, {"year": 2024}).content.decode()
    unknown = client.get(URL, {"year": "1999"}).content.decode()

    assert f'href="?year={this_year}"' in everything
    assert 'href="?year=2025"' in everything and 'href="?year=2024"' in everything
    assert "2 actions en 2024" in in_2024
    assert in_2024.count("<tr>") == 1 + 2
    assert 'href="?year=2024" aria-current="page"' in in_2024
    assert unknown.count("<tr>") == everything.count("<tr>")  # not one of hers: every year


def test_the_page_costs_its_page_not_the_history(client, make_user):
    amina = make_user("amina", roles=["member"])
    client.force_login(amina)
    carriers = [organisation(f"Association {n}") for n in range(3)]

    def rows(start, stop):
        _events(amina, (stop - start) * 4, start=start * 4)
        for n in range(start, stop):
            first = datetime.date(1990 + n, 1, 1)
            term(
                "moderation",
                carriers[n % 3],
                first.isoformat(),
                first.replace(month=12, day=31).isoformat(),
                people=[amina],
            )

    small, large = page_queries_flat(client, URL, rows=rows)

    assert "Votre portage" in small
    assert large.count('class="activity-terms"') == 1
    assert "Page 1 sur 3" in large  # 30 × 4 events and the sign-up, 50 a page


def test_the_next_page_keeps_the_year(client, make_user):
    amina = make_user("amina", roles=["member"])
    _events(amina, 60, year=2025)
    client.force_login(amina)

    html = client.get(URL, {"year": 2025}).content.decode()

    assert 'href="?year=2025&amp;page=2"' in html
    assert client.get(URL, {"year": 2025, "page": 2}).content.decode().count("<tr>") == 1 + 10


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_page_reads_in_spanish_too(client, make_user):
    amina = make_user("amina", roles=["member"], language="es")
    client.force_login(amina)

    html = unescape(client.get("/es" + URL).content.decode())

    assert "Tu actividad" in html
    assert "Cuenta creada" in html and "usuario n.º " in html


API = "/api/v1/accounts/me/activity"


def test_the_api_reads_the_same_events_in_words_to_their_token_only(client, api_token):
    amina, raw = api_token(username="amina", roles=["member"])
    _events(amina, 2, year=2024)
    other, _raw = api_token(username="yasmine", roles=["member"])
    _events(other, 3, year=2024)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "es"}

    everything = client.get(API, **headers).json()
    in_2024 = client.get(API, {"year": 2024}, **headers).json()

    assert everything["count"] == AuditEvent.objects.filter(recorder=amina).count()
    assert in_2024["count"] == 2
    first = in_2024["items"][-1]
    assert (first["action"], first["label"]) == (
        "ledger.transaction.posted",
        "Asiento contabilizado",
    )
    assert (first["object_type"], first["object_label"], first["object_id"]) == (
        "ledger.transaction",
        "asiento",
        "1000",
    )
    assert client.get(API).status_code == 401


def test_a_page_of_the_api_costs_the_same_at_3_as_at_30(client, api_token):
    from remix.api.tests.lists import assert_list_cost_flat

    amina, raw = api_token(username="amina", roles=["member"])
    made = {"n": 0}

    def rows(n: int) -> set[int]:
        _events(amina, n, start=made["n"])
        made["n"] += n
        return set(AuditEvent.objects.filter(recorder=amina).values_list("pk", flat=True))

    assert_list_cost_flat(
        client, "/accounts/me/activity", rows=rows, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
