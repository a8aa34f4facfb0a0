"""The API's edges: numbers, texts, currencies, retries and bodies a program may send.

Each test names the finding of the external probe it guards: an offset of 2**63 answered 500 on
every list, a longitude of 1e308 answered 500, a NUL character was stored by SQLite and broke
PostgreSQL, ``XXX`` and ``eur`` were currencies, the same Idempotency-Key with another body
silently returned the first result, and a body too large answered an HTML page.
"""

import json

import pytest

from remix.catalogue.services import families_ensure
from remix.ledger.models import Fund, Transaction
from remix.ledger.tests.builders import a_donation, books_load

API = "/api/v1"


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post_json(client, path, body, **extra):
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(path, data=text, content_type="application/json", **extra)


def fields_of(response) -> list[str]:
    return [field["field"] for field in response.json()["error"]["fields"]]


@pytest.fixture
def member(api_token):
    _user, raw = api_token(username="awa", roles=["member"])
    return bearer(raw)


@pytest.fixture
def treasurer(api_token):
    _user, raw = api_token(username="tresoriere", roles=["treasurer"])
    return bearer(raw)


# --- lists ---------------------------------------------------------------------------------------


def _paginated_lists(client) -> list[str]:
    schema = client.get(f"{API}/openapi.json").json()
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get and "offset" in {p["name"] for p in get.get("parameters", [])}:
            # A path parameter gets a value that exists nowhere: the query is read first.
            found.append(path.replace(API, "").replace("{", "").replace("}", ""))
    return found


def test_every_list_is_paginated_by_the_bounded_page(client, db):
    lists = _paginated_lists(client)

    assert len(lists) >= 12, lists


@pytest.mark.parametrize("number", [2**63, 2**63 - 1, 10**30], ids=["2^63", "2^63-1", "10^30"])
@pytest.mark.parametrize("parameter", ["offset", "limit"])
def test_an_offset_or_limit_of_2_63_on_every_list_is_a_422_naming_it(
    client, treasurer, parameter, number
):
    for path in _paginated_lists(client):
        response = client.get(f"{API}{path}?{parameter}={number}", **treasurer)

        assert response.status_code == 422, (path, response.content[:300])
        assert parameter in fields_of(response), path


def test_a_large_offset_within_the_bound_is_an_empty_page(client, db):
    response = client.get(f"{API}/actors?offset=1000000")

    assert response.status_code == 200
    assert response.json()["items"] == []


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["1e308", "-1e308", "1e999", "NaN", "Infinity", "180.5"])
def test_a_longitude_of_1e308_nan_or_infinity_on_post_commons_is_a_422(client, member, number):
    families_ensure()
    body = f'{{"name": {{"fr": "Grainothèque"}}, "family": "nature", "longitude": {number}}}'

    response = post_json(client, f"{API}/commons", body, HTTP_ACCEPT_LANGUAGE="en", **member)

    assert response.status_code == 422, response.content
    assert fields_of(response) == ["longitude"]


def test_a_longitude_in_range_is_kept_to_six_decimals(client, member):
    families_ensure()
    body = {
        "name": {"fr": "Grainothèque"},
        "family": "nature",
        "latitude": 48.85,
        "longitude": 2.35,
    }

    response = post_json(client, f"{API}/commons", body, **member)

    assert response.status_code == 201, response.content
    assert response.json()["longitude"] == 2.35


# --- texts ---------------------------------------------------------------------------------------


def test_a_nul_character_in_a_json_text_is_a_422_naming_the_field(client, member):
    families_ensure()
    body = {"name": {"fr": "Grain\u0000othèque"}, "family": "nature"}

    response = post_json(client, f"{API}/commons", body, HTTP_ACCEPT_LANGUAGE="fr", **member)

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {
            "field": "name.fr",
            "code": "null_character",
            "reason": "Un texte ne peut pas contenir de caractère NUL (U+0000).",
        }
    ]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/actors?country=F%00R", "country"),
        ("/documents?q=a%00", "q"),
        ("/search?q=%00", "q"),
    ],
)
def test_a_nul_character_in_a_query_string_is_a_422(client, db, path, field):
    response = client.get(f"{API}{path}")

    assert response.status_code == 422
    assert fields_of(response) == [field]


def test_a_nul_character_deep_in_a_list_is_named_by_its_place(client, treasurer):
    books_load("")
    body = a_donation()
    body["postings"][1]["memo"] = "don\u0000"

    response = post_json(client, f"{API}/ledger/transactions", body, **treasurer)

    assert response.status_code == 422
    assert fields_of(response) == ["postings.1.memo"]
    assert not Transaction.objects.exists()


# --- currencies ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["XXX", "XTS", "eur", "Eur", "FRF", "XAU", " EUR"])
def test_a_pledge_in_xxx_or_eur_lowercase_is_refused(client, member, code):
    fund = Fund.objects.get(kind="platform")

    response = post_json(
        client,
        f"{API}/pledges",
        {"fund": fund.slug, "amount": "10.00", "commodity": code},
        HTTP_ACCEPT_LANGUAGE="en",
        **member,
    )

    assert response.status_code == 422, response.content
    assert fields_of(response) == ["commodity"]


@pytest.mark.parametrize("code", ["EUR", "XOF", "CAD"])
def test_a_pledge_in_a_currency_in_use_is_taken(client, member, code):
    fund = Fund.objects.get(kind="platform")

    response = post_json(
        client, f"{API}/pledges", {"fund": fund.slug, "amount": "10", "commodity": code}, **member
    )

    assert response.status_code == 201, response.content


def test_the_books_own_unit_hour_is_a_commodity_and_hour_lowercase_is_not(client, treasurer):
    def hours(code):
        return a_donation(
            postings=[
                {"account": "Expenses:Volunteering", "amount": "6", "commodity": code},
                {"account": "Income:Community:Time", "amount": "-6", "commodity": code},
            ]
        )

    taken = post_json(client, f"{API}/ledger/transactions", hours("HOUR"), **treasurer)
    refused = post_json(client, f"{API}/ledger/transactions", hours("hour"), **treasurer)

    assert taken.status_code == 201, taken.content
    assert refused.status_code == 422


# --- retries -------------------------------------------------------------------------------------


def test_the_same_idempotency_key_with_another_body_is_a_422(client, treasurer):
    key = {"HTTP_IDEMPOTENCY_KEY": "don-2026-06-01"}
    path = f"{API}/ledger/transactions"

    first = post_json(client, path, a_donation(), **key, **treasurer)
    respaced = client.post(
        path,
        data=json.dumps(a_donation(), indent=4),
        content_type="application/json",
        **key,
        **treasurer,
    )
    other = post_json(
        client,
        path,
        a_donation(description="Un autre don"),
        HTTP_ACCEPT_LANGUAGE="en",
        **key,
        **treasurer,
    )

    assert (first.status_code, respaced.status_code, other.status_code) == (201, 200, 422)
    assert respaced.json()["id"] == first.json()["id"]
    assert fields_of(other) == ["Idempotency-Key"]
    assert "already used with another request body" in other.json()["error"]["fields"][0]["reason"]
    assert Transaction.objects.count() == 1


def test_a_refused_first_body_leaves_the_key_free_for_the_corrected_one(client, treasurer):
    key = {"HTTP_IDEMPOTENCY_KEY": "don-2026-06-02"}
    path = f"{API}/ledger/transactions"

    refused = post_json(client, path, a_donation(date="0001-01-01"), **key, **treasurer)
    corrected = post_json(client, path, a_donation(), **key, **treasurer)

    assert (refused.status_code, corrected.status_code) == (422, 201)


def test_a_pledge_retried_with_another_amount_is_refused(client, member):
    fund = Fund.objects.get(kind="platform")
    key = {"HTTP_IDEMPOTENCY_KEY": "pledge-1"}

    first = post_json(
        client, f"{API}/pledges", {"fund": fund.slug, "amount": "10.00"}, **key, **member
    )
    other = post_json(
        client, f"{API}/pledges", {"fund": fund.slug, "amount": "100.00"}, **key, **member
    )

    assert (first.status_code, other.status_code) == (201, 422)


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_transaction_dated_year_one_or_9999_is_a_422_on_its_date(client, treasurer, day):
    response = post_json(
        client, f"{API}/ledger/transactions", a_donation(date=day, post=True), **treasurer
    )

    assert response.status_code == 422
    assert fields_of(response) == ["date"]
    assert not Transaction.objects.exists()


@pytest.mark.parametrize(
    "query", ["/opportunities?deadline_after=0001-01-01", "/ledger/sustainability?period=9999"]
)
def test_a_date_outside_the_window_in_an_api_query_is_a_422(client, db, query):
    response = client.get(f"{API}{query}")

    assert response.status_code == 422, response.content
    assert response.json()["error"]["code"] == "validation_error"


# --- bodies --------------------------------------------------------------------------------------


def test_a_body_too_large_answers_the_apis_json_error_shape(client, member, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"name": {"fr": "x" * 2000}, "family": "nature"}

    response = post_json(client, f"{API}/commons", body, HTTP_ACCEPT_LANGUAGE="en", **member)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "too_large"
    assert "at most 1000 bytes" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "url", ["/catalogue/?q=eau%00", "/allies/actors/?country=F%00R", "/es/budget/?period=%00"]
)
def test_a_nul_character_in_a_pages_query_string_is_a_400_that_says_why(client, db, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_body_too_large_of_any_type_answers_the_json_shape(
    client, member, settings, content_type
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = client.post(
        f"{API}/commons", data="x=" + "y" * 2000, content_type=content_type, **member
    )

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_the_same_key_and_body_sent_to_another_campaign_is_refused(client, member):
    from remix.contributions.tests import builders as funding_builders

    first_campaign = funding_builders.campaign(slug="fiesta")
    other_campaign = funding_builders.campaign(slug="forum")
    key = {"HTTP_IDEMPOTENCY_KEY": "soutien-1"}
    body = {"amount": "20.00"}

    first = post_json(client, f"{API}/campaigns/{first_campaign.pk}/pledges", body, **key, **member)
    other = post_json(client, f"{API}/campaigns/{other_campaign.pk}/pledges", body, **key, **member)

    assert (first.status_code, other.status_code) == (201, 422)
