"""The study office's API: services read by anyone and written by stewards; quotes written,
listed and accepted by stewards and treasurers; an engagement's figures."""

import pytest
from django.utils import timezone

from remix.api.tests.calls import EN, bearer, get, post, refusal
from remix.api.tests.lists import assert_list_cost_flat
from remix.studio.models import Quote, Service
from remix.studio.tests.builders import accepted, city, later, quote, service

pytestmark = pytest.mark.django_db


def test_the_services_list_costs_the_same_at_any_length(client):
    def rows(n):
        start = Service.objects.count()
        for index in range(start, start + n):
            service(f"service-{index:03d}", "workshop", "fixed", "100")
        return set(Service.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/services", rows=rows)


def test_the_quotes_list_costs_the_same_at_any_length(client, api_token):
    _user, token = api_token(username="mateo", roles=["member", "treasurer"])
    ville = city()

    def rows(n):
        for _ in range(n):
            quote(ville, lines=[(service(), "2"), (service("atelier", "workshop"), "1")])
        return set(Quote.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/quotes", rows=rows, **bearer(token))


def test_a_steward_adds_a_service_anyone_reads_it_and_a_member_may_not(client, api_token):
    _steward, token = api_token(username="louise", roles=["member", "steward"])
    body = {
        "slug": "film",
        "title": {"fr": "Film documentaire", "es": "Película"},
        "kind": "production",
        "price_model": "free",
        "price": "8000.00",
        "themes": [],
    }
    answer = post(client, "/services", body, **bearer(token))
    assert answer.status_code == 201, answer.content
    assert answer.json()["price"] == "8000.00"
    listed = get(client, "/services?kind=production").json()["items"]
    assert [item["slug"] for item in listed] == ["film"]
    _member, member_token = api_token(username="amina", roles=["member"])
    assert (
        post(client, "/services", {**body, "slug": "x"}, **bearer(member_token)).status_code == 403
    )
    twice = post(client, "/services", body, **bearer(token), **EN)
    assert refusal(twice) == {"slug": "Another service has this address."}


def test_a_treasurer_writes_a_quote_and_records_its_acceptance(client, api_token):
    _user, token = api_token(username="mateo", roles=["member", "treasurer"])
    service()
    service("film", "production", "free", "8000")
    ville = city()
    body = {
        "client": ville.slug,
        "title": "Étude et film",
        "valid_until": later(20).isoformat(),
        "lines": [
            {"service": "etude", "quantity": "10"},
            {"service": "film", "quantity": "1", "unit_price": "2500"},
        ],
    }
    written = post(client, "/quotes", body, **bearer(token))
    assert written.status_code == 201, written.content
    made = written.json()
    assert made["number"] == f"D-{timezone.localdate().year}-0001"
    assert made["total"] == "9000.00"
    assert [line["amount"] for line in made["lines"]] == ["6500.00", "2500.00"]

    today = timezone.localdate().isoformat()
    acceptance = {
        "accepted_on": today,
        "acceptance": "Délibération du conseil",
        "start_date": today,
        "end_date": later(30).isoformat(),
    }
    opened = post(client, f"/quotes/{made['id']}/accept", acceptance, **bearer(token))
    assert opened.status_code == 201, opened.content
    engagement = opened.json()
    assert (engagement["day_rate"], engagement["margin"]) == ("650.00", None)
    again = post(client, f"/quotes/{made['id']}/accept", acceptance, **bearer(token), **EN)
    assert again.status_code == 422
    shown = get(client, f"/engagements/{engagement['id']}", **bearer(token)).json()
    assert shown["quote"] == made["number"] and shown["people"] == []


def test_a_quote_naming_an_unknown_service_is_refused_on_its_line(client, api_token):
    _user, token = api_token(username="mateo", roles=["member", "treasurer"])
    body = {
        "client": city().slug,
        "title": "Étude",
        "valid_until": later(20).isoformat(),
        "lines": [{"service": "nothing", "quantity": "1"}],
    }
    assert refusal(post(client, "/quotes", body, **bearer(token), **EN)) == {
        "lines.0": "Unknown service: nothing."
    }


def test_members_read_no_quote_nor_engagement(client, api_token):
    engagement = accepted()
    _member, token = api_token(username="amina", roles=["member"])
    assert get(client, "/quotes", **bearer(token)).status_code == 403
    assert get(client, f"/engagements/{engagement.pk}", **bearer(token)).status_code == 403
    assert get(client, "/quotes").status_code == 401
