"""The contributive budget's API: what the page shows, read and written with a token."""

import pytest

from remix.api.tests.lists import assert_list_cost_flat
from remix.envelopes.models import Envelope, Request
from remix.envelopes.tests.builders import ask, envelope
from remix.ledger.models import Transaction

pytestmark = pytest.mark.django_db


def _json(client, method, path, token, body=None, **headers):
    call = getattr(client, method)
    return call(
        f"/api/v1{path}",
        data=body or {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        **headers,
    )


def test_a_page_of_envelopes_costs_the_same_at_3_as_at_30(client, make_user):
    people = [make_user(f"p{n}") for n in range(2)]

    def rows(n: int) -> set[int]:
        for _ in range(n):
            made = envelope()
            for person in people:
                ask(made, person, "1", "200")
        return set(Envelope.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/envelopes", rows=rows)


def test_the_list_says_the_total_asked_and_the_excess(client, make_user):
    documentation = envelope()
    ask(documentation, make_user("amina"), "3", "650")
    ask(documentation, make_user("camille"), "2.5", "500")
    ask(documentation, make_user("louise"), "2", "450")

    listed = client.get("/api/v1/envelopes").json()["items"][0]

    assert listed["amount"] == "1500.00" and listed["asked"] == "1600.00"
    assert (listed["over_subscribed"], listed["excess"], listed["left"]) == (True, "100.00", "0.00")
    assert (listed["day_min"], listed["day_max"], listed["requests"]) == ("150.00", "250.00", 3)


def test_a_treasurer_opens_and_a_member_may_not(client, api_token):
    body = {
        "title": "Traductions d'hiver",
        "fund": "plateforme",
        "expense_account": "Expenses:Translation",
        "amount": "900.00",
        "day_min": "120",
        "day_max": "200",
    }
    _member, member = api_token()
    _treasurer, treasurer = api_token(roles=["treasurer"])

    assert _json(client, "post", "/envelopes", member, body).status_code == 403
    made = _json(client, "post", "/envelopes", treasurer, body)

    assert made.status_code == 201, made.content
    assert made.json()["status"] == "open" and made.json()["amount"] == "900.00"


def test_a_member_asks_within_the_range_and_hears_why_not_outside_it(client, api_token):
    documentation = envelope()
    amina, token = api_token(username="amina")

    refused = _json(
        client,
        "post",
        f"/envelopes/{documentation.pk}/requests",
        token,
        {"what": "Le guide", "days": "3", "amount": "800.00"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    made = _json(
        client,
        "post",
        f"/envelopes/{documentation.pk}/requests",
        token,
        {"what": "Le guide", "days": "3", "amount": "650.00"},
    )

    assert refused.status_code == 422
    assert "entre 450,00" in refused.json()["error"]["fields"][0]["reason"]
    assert made.status_code == 201
    assert made.json()["asked"] == "650.00" and made.json()["name"] == amina.public_name
    assert [v["number"] for v in made.json()["versions"]] == [1]


def test_questions_answers_and_an_amendment_read_back_in_the_envelope(client, api_token):
    documentation = envelope()
    amina, amina_token = api_token(username="amina")
    _mateo, mateo_token = api_token(username="mateo")
    guide = ask(documentation, amina, "3", "700")
    base = f"/envelopes/{documentation.pk}/requests/{guide.pk}"

    asked = _json(client, "post", f"{base}/comments", mateo_token, {"body": "Pourquoi 700 ?"})
    answered = _json(client, "post", f"{base}/comments", amina_token, {"body": "Je baisse."})
    not_hers = _json(
        client, "patch", base, mateo_token, {"what": "x", "days": "3", "amount": "600"}
    )
    amended = _json(
        client, "patch", base, amina_token, {"what": "Le guide", "days": "3", "amount": "650"}
    )

    assert (asked.status_code, answered.status_code, not_hers.status_code) == (201, 201, 403)
    assert (asked.json()["by_requester"], answered.json()["by_requester"]) == (False, True)
    read = client.get(f"/api/v1/envelopes/{documentation.pk}").json()["request_list"][0]
    assert [v["asked"] for v in read["versions"]] == ["700.00", "650.00"]
    assert [c["body"] for c in read["comments"]] == ["Pourquoi 700 ?", "Je baisse."]
    assert amended.json()["asked"] == "650.00"


def test_a_treasurer_closes_once_and_the_payouts_sum_to_the_envelope(client, api_token, make_user):
    documentation = envelope()
    for name, days, amount in (
        ("amina", "3", "650"),
        ("camille", "2.5", "500"),
        ("louise", "2", "450"),
    ):
        ask(documentation, make_user(name), days, amount)
    _treasurer, token = api_token(roles=["treasurer"])
    path = f"/envelopes/{documentation.pk}/close"

    closed = _json(client, "post", path, token, {"rule": "proportional"})
    again = _json(client, "post", path, token, {"rule": "proportional"})

    assert closed.status_code == 200, closed.content
    granted = [r["granted"] for r in closed.json()["request_list"]]
    assert granted == ["609.38", "468.75", "421.87"]
    assert closed.json()["status"] == "closed" and closed.json()["rule"] == "proportional"
    assert again.status_code == 422
    assert Transaction.objects.filter(envelope=documentation).count() == 1
    assert Request.objects.filter(granted_minor__isnull=True).count() == 0


def test_agreed_amounts_through_the_api(client, api_token, make_user):
    documentation = envelope()
    guide = ask(documentation, make_user("amina"), "3", "650")
    _treasurer, token = api_token(roles=["treasurer"])
    path = f"/envelopes/{documentation.pk}/close"

    over = _json(
        client, "post", path, token, {"rule": "agreed", "agreed": {str(guide.pk): "1500.01"}}
    )
    closed = _json(
        client, "post", path, token, {"rule": "agreed", "agreed": {str(guide.pk): "600"}}
    )

    assert over.status_code == 422
    assert closed.status_code == 200 and closed.json()["request_list"][0]["granted"] == "600.00"
