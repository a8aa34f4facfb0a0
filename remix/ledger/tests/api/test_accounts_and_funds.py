"""Accounts and funds over the API, and who may write."""

import pytest

from remix.ledger.chart import CHART
from remix.ledger.models import Account, Fund, Transaction
from remix.ledger.tests.api import API, bearer, post_json
from remix.ledger.tests.builders import a_donation, fund_project

# --- accounts and funds --------------------------------------------------------------------------


def test_accounts_are_public_paginated_and_filtered(client, db):
    page = client.get(f"{API}/accounts?limit=3").json()
    income = client.get(f"{API}/accounts?type=income&limit=100", HTTP_ACCEPT_LANGUAGE="en").json()

    assert page["count"] == len(CHART)
    assert [item["code"] for item in page["items"]] == [
        "Assets:Bank:Current",
        "Assets:Cash",
        "Assets:Receivables:Grants",
    ]
    assert page["items"][0]["is_cash"] is True and page["items"][0]["number"] == "512"
    assert income["count"] == 10
    public = next(item for item in income["items"] if item["code"] == "Income:Grants:Public")
    assert public["nature"] == "public_authorities"
    assert public["label"] == "Public authority grants"
    assert public["need_category"] is None


def test_funds_are_public(client, db):
    fund_project("fiesta-2026")

    body = client.get(f"{API}/funds").json()

    assert body["count"] == 2
    assert {(item["slug"], item["kind"]) for item in body["items"]} == {
        ("fiesta-2026", "fiesta"),
        ("plateforme", "platform"),
    }
    platform = next(item for item in body["items"] if item["slug"] == "plateforme")
    assert platform["name"]["en"] == "Platform" and platform["reporting_currency"] == "EUR"


def test_a_treasurer_adds_an_account_and_a_fund(client, treasurer):
    account = post_json(
        client,
        f"{API}/accounts",
        {
            "code": "Income:Grants:Region",
            "name": {"fr": "Subvention régionale", "en": "Regional grant"},
            "number": "7441",
            "nature": "public_authorities",
        },
        **treasurer,
    )
    fund = post_json(
        client,
        f"{API}/funds",
        {"slug": "revue-2026", "name": {"fr": "Revue 2026"}, "kind": "publication"},
        **treasurer,
    )

    assert account.status_code == 201, account.content
    assert account.json()["type"] == "income" and account.json()["scope"] == "any"
    assert Account.objects.get(code="Income:Grants:Region").nature == "public_authorities"
    assert fund.status_code == 201, fund.content
    assert fund.json()["reporting_currency"] == "EUR"
    assert Fund.objects.get(slug="revue-2026").kind == "publication"


def test_an_income_account_without_a_nature_is_refused(client, treasurer):
    response = post_json(
        client,
        f"{API}/accounts",
        {"code": "Income:Grants:Region", "name": {"en": "Regional grant"}},
        HTTP_ACCEPT_LANGUAGE="en",
        **treasurer,
    )

    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "validation_error",
        "message": "Every income account has a resource nature.",
        "fields": [
            {
                "field": "nature",
                "code": "invalid",
                "reason": "Every income account has a resource nature.",
            }
        ],
    }
    assert not Account.objects.filter(code="Income:Grants:Region").exists()


# --- who may write -------------------------------------------------------------------------------


WRITES = [
    ("accounts", {"code": "Assets:Petty", "name": {"fr": "Petite caisse"}}),
    ("funds", {"slug": "x", "name": {"fr": "X"}, "kind": "other"}),
    ("transactions", a_donation()),
]


@pytest.mark.parametrize(("path", "body"), WRITES)
def test_writes_need_a_token(client, db, path, body):
    response = post_json(client, f"{API}/{path}", body, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response.json()["error"]["fields"] == []


@pytest.mark.parametrize("role", [None, "editor"])
@pytest.mark.parametrize(("path", "body"), WRITES)
def test_writes_need_the_treasurer_role(client, api_token, role, path, body):
    _user, raw = api_token(roles=[role] if role else [])

    response = post_json(client, f"{API}/{path}", body, HTTP_ACCEPT_LANGUAGE="en", **bearer(raw))

    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "forbidden",
        "message": "You are not allowed to do this.",
        "fields": [],
    }
    assert Transaction.objects.count() == 0


def test_a_steward_keeps_the_books_too(client, api_token):
    _steward, raw = api_token(username="louise", roles=["steward"])

    response = post_json(client, f"{API}/transactions", a_donation(), **bearer(raw))

    assert response.status_code == 201


def test_post_and_reverse_need_the_treasurer_role(client, ledger, api_token):
    _member, raw = api_token(username="amina")
    draft = ledger["Facture de développement à vérifier"]
    grant = ledger["Subvention de fonctionnement"]

    posted = client.post(f"{API}/transactions/{draft.pk}/post", **bearer(raw))
    reversed_ = post_json(
        client, f"{API}/transactions/{grant.pk}/reverse", {"reason": "x"}, **bearer(raw)
    )
    anonymous = client.post(f"{API}/transactions/{draft.pk}/post")

    assert (posted.status_code, reversed_.status_code, anonymous.status_code) == (403, 403, 401)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not Transaction.objects.filter(reverses=grant).exists()
