import datetime
import json

import pytest
from django.utils import translation
from openapi_spec_validator import validate

from remix.ledger import books, selectors, services
from remix.ledger.chart import CHART
from remix.ledger.models import Account, Fund, Posting, Transaction
from remix.ledger.tests.builders import a_donation, books_load, fund_project

API = "/api/v1/ledger"

BOOKS = """
2026-01-05 * "Subvention de fonctionnement" region-sud
  Assets:Bank:Current              3000.00 EUR
  Income:Grants:Public            -3000.00 EUR

2026-02-10 * "Don anonyme" awa-diop anonymous
  Assets:Bank:Current               500.00 EUR
  Income:Contributions:Donations   -500.00 EUR

2026-03-01 * "Hébergement du serveur"
  Expenses:Hosting                  120.00 EUR
  Assets:Bank:Current              -120.00 EUR

2026-03-15 * "Traduction bénévole"
  Expenses:Volunteering              10.00 HOUR
  Income:Community:Time             -10.00 HOUR

2026-04-01 ! "Facture de développement à vérifier"
  Expenses:Development              300.00 EUR
  Assets:Bank:Current              -300.00 EUR

2026-05-20 * "Billetterie de la fiesta"
  Assets:Bank:Current               800.00 EUR fiesta-2026
  Income:Sales                     -800.00 EUR fiesta-2026
"""


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post_json(client, path, body, **extra):
    return client.post(path, data=json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def ledger(db):
    """The platform's first months of 2026 and a fiesta, with needs and the hourly value."""
    fund_project("fiesta-2026")
    loaded = books_load(BOOKS)
    platform = selectors.platform_fund()
    year = books.period_parse("2026")
    services.budget_line_create(fund=platform, period=year, amount="1200.00", category="hosting")
    services.budget_line_create(
        fund=platform, period=year, amount="6000.00", category="development"
    )
    services.rate_record(date=datetime.date(2026, 1, 1), commodity="HOUR", quote="EUR", rate="15")
    return {tx.description: tx for tx in loaded}


@pytest.fixture
def treasurer(api_token):
    _user, raw = api_token(username="tresoriere", roles=["treasurer"])
    return bearer(raw)


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


# --- reading transactions ------------------------------------------------------------------------


def test_the_public_reads_posted_transactions_with_the_anonymous_giver_masked(client, ledger):
    body = client.get(f"{API}/transactions", HTTP_ACCEPT_LANGUAGE="en").json()

    assert body["count"] == 5
    assert [item["description"] for item in body["items"]] == [
        "Billetterie de la fiesta",
        "Traduction bénévole",
        "Hébergement du serveur",
        "Anonymous gift",  # its own words could name the giver
        "Subvention de fonctionnement",
    ]
    gift = body["items"][3]
    assert gift["counterparty"] == "Anonymous" and gift["counterparty_slug"] is None
    assert gift["anonymous"] is True
    assert gift["postings"] == [
        {
            "account": "Assets:Bank:Current",
            "fund": "plateforme",
            "amount": "500.00",
            "commodity": "EUR",
            "memo": "",
        },
        {
            "account": "Income:Contributions:Donations",
            "fund": "plateforme",
            "amount": "-500.00",
            "commodity": "EUR",
            "memo": "",
        },
    ]
    grant = body["items"][4]
    assert (grant["counterparty"], grant["counterparty_slug"]) == ("Region Sud", "region-sud")


def test_the_reason_for_reversing_an_anonymous_gift_is_not_published(client, ledger):
    gift = Transaction.objects.get(anonymous=True)
    reversal = services.transaction_reverse(
        transaction=gift, reason="Rendu à Awa Diop à sa demande", date=gift.date
    )
    listed = client.get(f"{API}/transactions?status=posted").content.decode()
    one = client.get(f"{API}/transactions/{reversal.pk}").json()

    assert "Awa" not in listed and one["reason"] == "" and one["anonymous"] is True


def test_transactions_by_fund_period_and_status(client, ledger, treasurer):
    def descriptions(query, **extra):
        return [
            item["description"]
            for item in client.get(f"{API}/transactions?{query}", **extra).json()["items"]
        ]

    assert descriptions("fund=fiesta-2026") == ["Billetterie de la fiesta"]
    assert descriptions("period=2026-03") == ["Traduction bénévole", "Hébergement du serveur"]
    assert descriptions("period=2026-Q2") == ["Billetterie de la fiesta"]
    assert descriptions("status=draft") == []
    assert descriptions("period=2026-Q2", **treasurer) == [
        "Billetterie de la fiesta",
        "Facture de développement à vérifier",
    ]
    assert descriptions("status=draft&fund=plateforme", **treasurer) == [
        "Facture de développement à vérifier"
    ]


def test_a_page_of_transactions_is_read_in_a_few_queries(
    client, ledger, django_assert_max_num_queries
):
    books_load("\n\n".join(BOOKS.strip().split("\n\n")[:2] * 20))

    with django_assert_max_num_queries(3):  # count, the page, its postings
        body = client.get(f"{API}/transactions?limit=40").json()

    assert body["count"] == 45 and len(body["items"]) == 40


def test_one_transaction_and_drafts_only_for_treasurers(client, ledger, treasurer):
    grant = ledger["Subvention de fonctionnement"]
    draft = ledger["Facture de développement à vérifier"]

    found = client.get(f"{API}/transactions/{grant.pk}").json()
    hidden = client.get(f"{API}/transactions/{draft.pk}", HTTP_ACCEPT_LANGUAGE="en")
    shown = client.get(f"{API}/transactions/{draft.pk}", **treasurer)
    missing = client.get(f"{API}/transactions/999999")

    assert found["date"] == "2026-01-05" and found["status"] == "posted"
    assert [p["amount"] for p in found["postings"]] == ["3000.00", "-3000.00"]
    assert hidden.status_code == 404
    assert hidden.json()["error"] == {"code": "not_found", "message": "Nothing here.", "fields": []}
    assert shown.status_code == 200 and shown.json()["status"] == "draft"
    assert missing.status_code == 404


# --- writing transactions ------------------------------------------------------------------------


def test_a_treasurer_records_a_draft_then_posts_it(client, ledger, treasurer):
    created = post_json(
        client,
        f"{API}/transactions",
        a_donation(counterparty="region-sud", reference="VIR-42"),
        **treasurer,
    )
    tx_id = created.json()["id"]
    posted = client.post(f"{API}/transactions/{tx_id}/post", **treasurer)
    again = client.post(f"{API}/transactions/{tx_id}/post", **treasurer)

    assert created.status_code == 201, created.content
    assert created.json()["status"] == "draft" and created.json()["posted_at"] is None
    assert created.json()["counterparty_slug"] == "region-sud"
    assert created.json()["reference"] == "VIR-42"
    assert posted.status_code == 200 and posted.json()["status"] == "posted"
    assert again.status_code == 200 and again.json()["posted_at"] == posted.json()["posted_at"]
    tx = Transaction.objects.get(pk=tx_id)
    assert tx.created_by.username == tx.posted_by.username == "tresoriere"
    assert [p.amount_minor for p in tx.postings.order_by("id")] == [5000, -5000]


def test_a_transaction_posted_at_once_in_a_project_fund(client, ledger, treasurer):
    body = {
        "date": "2026-06-15",
        "description": "Location de la salle",
        "post": True,
        "postings": [
            {"account": "Expenses:Mediation:Fiestas", "fund": "fiesta-2026", "amount": "250.00"},
            {"account": "Assets:Bank:Current", "fund": "fiesta-2026", "amount": "-250.00"},
        ],
    }

    response = post_json(client, f"{API}/transactions", body, **treasurer)

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "posted"
    fiesta = Fund.objects.get(slug="fiesta-2026")
    assert selectors.account_balance(
        account=Account.objects.get(code="Assets:Bank:Current"),
        on=datetime.date(2026, 12, 31),
        fund=fiesta,
    ) == {"EUR": 55000}


def test_reversing_twice_returns_the_first_reversal(client, ledger, treasurer):
    grant = ledger["Subvention de fonctionnement"]
    body = {"reason": "Versée deux fois par erreur", "date": "2026-02-01"}

    first = post_json(client, f"{API}/transactions/{grant.pk}/reverse", body, **treasurer)
    second = post_json(client, f"{API}/transactions/{grant.pk}/reverse", body, **treasurer)
    original = client.get(f"{API}/transactions/{grant.pk}").json()

    assert first.status_code == 201, first.content
    assert second.status_code == 200 and second.json()["id"] == first.json()["id"]
    reversal = first.json()
    assert reversal["reverses"] == grant.pk and reversal["status"] == "posted"
    assert reversal["reason"] == "Versée deux fois par erreur" and reversal["date"] == "2026-02-01"
    assert [p["amount"] for p in reversal["postings"]] == ["-3000.00", "3000.00"]
    assert original["reversed_by"] == reversal["id"]
    assert Transaction.objects.filter(reverses=grant).count() == 1


def test_a_draft_is_not_reversed(client, ledger, treasurer):
    draft = ledger["Facture de développement à vérifier"]

    response = post_json(
        client,
        f"{API}/transactions/{draft.pk}/reverse",
        {"reason": "erreur"},
        HTTP_ACCEPT_LANGUAGE="en",
        **treasurer,
    )

    assert response.status_code == 422
    assert response.json()["error"]["message"] == (
        "Only a posted transaction is reversed; a draft is edited."
    )


def test_an_unbalanced_transaction_names_the_commodity_and_the_fund(client, ledger, treasurer):
    body = a_donation(
        postings=[
            {"account": "Assets:Bank:Current", "amount": "50.00"},
            {"account": "Income:Contributions:Donations", "amount": "-40.00"},
        ]
    )

    response = post_json(
        client, f"{API}/transactions", body, HTTP_ACCEPT_LANGUAGE="en", **treasurer
    )

    assert response.status_code == 422
    error = response.json()["error"]
    message = "EUR does not balance in the fund plateforme: off by €10.00."
    assert error["code"] == "validation_error"
    assert error["message"] == message
    assert error["fields"] == [{"field": "postings", "code": "invalid", "reason": message}]
    assert Transaction.objects.count() == len(ledger)


def test_the_imbalance_is_said_in_french_by_default(client, ledger, treasurer):
    body = {
        "date": "2026-06-01",
        "description": "Heures de traduction",
        "postings": [
            {"account": "Expenses:Volunteering", "fund": "fiesta-2026", "amount": "3.50",
             "commodity": "HOUR"},
            {"account": "Income:Community:Time", "fund": "fiesta-2026", "amount": "-3.00",
             "commodity": "HOUR"},
        ],
    }  # fmt: skip

    french = post_json(client, f"{API}/transactions", body, HTTP_ACCEPT_LANGUAGE="fr", **treasurer)
    english = post_json(client, f"{API}/transactions", body, HTTP_ACCEPT_LANGUAGE="en", **treasurer)

    assert french.status_code == english.status_code == 422
    in_french = french.json()["error"]["message"]
    assert "HOUR" in in_french and "fiesta-2026" in in_french
    assert "0,5\N{NO-BREAK SPACE}h" in in_french
    assert english.json()["error"]["message"] == (
        "HOUR does not balance in the fund fiesta-2026: off by 0.5\N{NO-BREAK SPACE}h."
    )


def test_nothing_is_posted_in_a_closed_period(client, ledger, treasurer):
    services.period_close(period=books.period_parse("2026-01"))

    response = post_json(
        client,
        f"{API}/transactions",
        a_donation(date="2026-01-20", post=True),
        HTTP_ACCEPT_LANGUAGE="en",
        **treasurer,
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {
            "field": "date",
            "code": "invalid",
            "reason": "2026-01-20 is in a closed period (2026-01-01 – 2026-01-31): "
            "date it in an open one.",
        }
    ]
    assert not Transaction.objects.filter(description="Don pour l'hébergement").exists()


def test_money_crosses_funds_only_as_a_declared_transfer(client, ledger, treasurer):
    postings = [
        {"account": "Assets:Bank:Current", "fund": "plateforme", "amount": "-100.00"},
        {"account": "Equity:Transfers", "fund": "plateforme", "amount": "100.00"},
        {"account": "Assets:Bank:Current", "fund": "fiesta-2026", "amount": "100.00"},
        {"account": "Equity:Transfers", "fund": "fiesta-2026", "amount": "-100.00"},
    ]
    body = a_donation(description="Avance à la fiesta", postings=postings)

    refused = post_json(client, f"{API}/transactions", body, HTTP_ACCEPT_LANGUAGE="en", **treasurer)
    body["is_transfer"] = True
    accepted = post_json(client, f"{API}/transactions", body, **treasurer)

    assert refused.status_code == 422
    assert refused.json()["error"]["message"] == (
        "Money crosses funds only by an inter-fund transfer."
    )
    assert accepted.status_code == 201 and accepted.json()["is_transfer"] is True


def test_a_json_number_amount_is_refused(client, ledger, treasurer):
    body = a_donation(
        postings=[
            {"account": "Assets:Bank:Current", "amount": 50.1},
            {"account": "Income:Contributions:Donations", "amount": "-50.10"},
        ]
    )

    response = post_json(
        client, f"{API}/transactions", body, HTTP_ACCEPT_LANGUAGE="en", **treasurer
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {"field": "postings.0.amount", "code": "string_type", "reason": "A text is expected."}
    ]
    assert Transaction.objects.count() == len(ledger)


@pytest.mark.parametrize("amount", ["50,00", "1e3", "", " 50", "50.", "NaN", "50\n", "+50"])
def test_a_malformed_amount_is_refused(client, ledger, treasurer, amount):
    body = a_donation(
        postings=[
            {"account": "Assets:Bank:Current", "amount": amount},
            {"account": "Income:Contributions:Donations", "amount": "-50.00"},
        ]
    )

    response = post_json(
        client, f"{API}/transactions", body, HTTP_ACCEPT_LANGUAGE="en", **treasurer
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {"field": "postings.0.amount", "code": "decimal_parsing", "reason": "A number is expected."}
    ]


def test_more_decimals_than_the_currency_has_are_refused(client, ledger, treasurer):
    body = a_donation(
        postings=[
            {"account": "Assets:Bank:Current", "amount": "50.001"},
            {"account": "Income:Contributions:Donations", "amount": "-50.001"},
        ]
    )

    response = post_json(
        client, f"{API}/transactions", body, HTTP_ACCEPT_LANGUAGE="en", **treasurer
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "postings"
    assert "EUR has 2 decimal places" in response.json()["error"]["message"]


def test_unknown_accounts_funds_and_actors_are_named(client, ledger, treasurer):
    body = a_donation(
        counterparty="nobody",
        postings=[
            {"account": "Assets:Bank:Nowhere", "amount": "50.00"},
            {"account": "Income:Contributions:Donations", "fund": "ghost", "amount": "-50.00"},
        ],
    )

    response = post_json(
        client, f"{API}/transactions", body, HTTP_ACCEPT_LANGUAGE="en", **treasurer
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {
            "field": "postings.0.account",
            "code": "invalid",
            "reason": "Unknown account: Assets:Bank:Nowhere.",
        },
        {"field": "postings.1.fund", "code": "invalid", "reason": "Unknown fund: ghost."},
    ]


def test_a_repeated_idempotency_key_records_nothing_more(client, ledger, treasurer, api_token):
    _other, other_raw = api_token(username="louise", roles=["treasurer"])
    key = {"HTTP_IDEMPOTENCY_KEY": "don-2026-06-01-a"}

    first = post_json(client, f"{API}/transactions", a_donation(post=True), **key, **treasurer)
    again = post_json(client, f"{API}/transactions", a_donation(post=True), **key, **treasurer)
    other = post_json(client, f"{API}/transactions", a_donation(), **key, **bearer(other_raw))

    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert again.json() == first.json()
    assert other.json()["id"] != first.json()["id"]
    user_id = Transaction.objects.get(pk=first.json()["id"]).created_by_id
    assert Transaction.objects.get(pk=first.json()["id"]).external_key == (
        f"api:{user_id}:don-2026-06-01-a"
    )
    assert Transaction.objects.count() == len(ledger) + 2
    assert Posting.objects.filter(transaction_id=first.json()["id"]).count() == 2


def test_without_a_key_each_request_records_one(client, ledger, treasurer):
    post_json(client, f"{API}/transactions", a_donation(), **treasurer)
    post_json(client, f"{API}/transactions", a_donation(), **treasurer)

    assert Transaction.objects.filter(description="Don pour l'hébergement").count() == 2


def test_a_posted_transaction_cannot_be_changed_or_deleted_through_the_api(
    client, ledger, treasurer
):
    grant = ledger["Subvention de fonctionnement"]
    change = {
        "description": "Autre chose",
        "postings": [
            {"account": "Assets:Bank:Current", "amount": "1.00"},
            {"account": "Income:Grants:Public", "amount": "-1.00"},
        ],
    }

    patched = client.patch(
        f"{API}/transactions/{grant.pk}",
        data=json.dumps(change),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **treasurer,
    )
    deleted = client.delete(f"{API}/transactions/{grant.pk}", **treasurer)

    assert patched.status_code == 409
    assert patched.json()["error"] == {
        "code": "conflict",
        "message": "A posted transaction cannot be changed: reverse it instead.",
        "fields": [],
    }
    assert deleted.status_code == 409 and deleted.json()["error"]["code"] == "conflict"
    grant = Transaction.objects.get(pk=grant.pk)
    assert grant.description == "Subvention de fonctionnement"
    assert sorted(grant.postings.values_list("amount_minor", flat=True)) == [-300000, 300000]


def test_a_draft_changes_and_is_deleted(client, ledger, treasurer):
    draft = ledger["Facture de développement à vérifier"]

    patched = client.patch(
        f"{API}/transactions/{draft.pk}",
        data=json.dumps(
            {
                "reference": "FAC-7",
                "postings": [
                    {"account": "Expenses:Development", "amount": "280.00"},
                    {"account": "Assets:Bank:Current", "amount": "-280.00"},
                ],
            }
        ),
        content_type="application/json",
        **treasurer,
    )
    deleted = client.delete(f"{API}/transactions/{draft.pk}", **treasurer)

    assert patched.status_code == 200, patched.content
    assert patched.json()["reference"] == "FAC-7"
    assert patched.json()["description"] == "Facture de développement à vérifier"
    assert [p["amount"] for p in patched.json()["postings"]] == ["280.00", "-280.00"]
    assert deleted.status_code == 204
    assert not Transaction.objects.filter(pk=draft.pk).exists()


# --- reports -------------------------------------------------------------------------------------


def test_the_trial_balance_of_the_platform_fund(client, ledger):
    body = client.get(f"{API}/trial-balance?fund=plateforme&on=2026-12-31").json()

    assert body["fund"] == "plateforme" and body["on"] == "2026-12-31"
    assert [
        (row["account"], row["commodity"], row["debit"], row["credit"], row["balance"])
        for row in body["rows"]
    ] == [
        ("Assets:Bank:Current", "EUR", "3380.00", "0.00", "3380.00"),
        ("Expenses:Hosting", "EUR", "120.00", "0.00", "120.00"),
        ("Expenses:Volunteering", "HOUR", "10.00", "0.00", "10.00"),
        ("Income:Community:Time", "HOUR", "0.00", "10.00", "-10.00"),
        ("Income:Contributions:Donations", "EUR", "0.00", "500.00", "-500.00"),
        ("Income:Grants:Public", "EUR", "0.00", "3000.00", "-3000.00"),
    ]
    assert body["totals"] == [
        {"commodity": "EUR", "debit": "3500.00", "credit": "3500.00"},
        {"commodity": "HOUR", "debit": "10.00", "credit": "10.00"},
    ]
    assert body["balanced"] is True


def test_the_consolidated_trial_balance_on_a_day(client, ledger):
    everything = client.get(f"{API}/trial-balance?fund=all&on=2026-12-31").json()
    january = client.get(f"{API}/trial-balance?on=2026-01-31").json()

    assert everything["fund"] is None
    rows = {(row["account"], row["commodity"]): row["balance"] for row in everything["rows"]}
    assert rows[("Assets:Bank:Current", "EUR")] == "4180.00"
    assert rows[("Income:Sales", "EUR")] == "-800.00"
    assert everything["totals"][0] == {"commodity": "EUR", "debit": "4300.00", "credit": "4300.00"}
    assert [(row["account"], row["balance"]) for row in january["rows"]] == [
        ("Assets:Bank:Current", "3000.00"),
        ("Income:Grants:Public", "-3000.00"),
    ]


def test_the_sustainability_of_the_platform(client, ledger):
    body = client.get(
        f"{API}/sustainability?fund=plateforme&period=2026", HTTP_ACCEPT_LANGUAGE="en"
    ).json()

    assert (body["fund"], body["period"], body["currency"]) == ("plateforme", "2026", "EUR")
    assert (body["start"], body["end"]) == ("2026-01-01", "2026-12-31")
    assert body["figures"] == {
        "coverage": "0.4861",
        "coverage_with_valued": "0.5069",
        "contributions_share": "0.0694",
        "diversification_natures": "0.3040",
        "diversification_sources": "0.3040",
        "dependency": "0.8219",
        "runway_months": "338.0",
    }
    assert body["needs"] == {
        "total": "7200.00",
        "by_category": {"development": "6000.00", "hosting": "1200.00"},
    }
    assert body["resources"] == {"monetary": "3500.00", "valued": "150.00", "total": "3650.00"}
    assert body["hours"] == "10.00"
    assert body["by_nature"] == [
        {
            "nature": "contributions",
            "label": "users' contributions",
            "amount": "500.00",
            "monetary": True,
        },
        {"nature": "community_time", "label": "community time", "amount": "150.00",
         "monetary": False},
        {"nature": "public_authorities", "label": "public authorities", "amount": "3000.00",
         "monetary": True},
    ]  # fmt: skip
    assert [(s["name"], s["anonymous"], s["amount"], s["share"]) for s in body["sources"]] == [
        ("Region Sud", False, "3000.00", "0.8219"),
        ("Anonymous", True, "500.00", "0.1370"),
        ("Unattributed", False, "150.00", "0.0411"),
    ]
    assert body["sources"][1]["actor_id"] is None
    assert body["gap_per_month"] == "308.33"
    assert (body["cash"], body["monthly_burn"]) == ("3380.00", "10.00")
    assert body["spending_by_category"] == {"hosting": "120.00", "other": "150.00"}
    assert body["months"][2] == {
        "month": "2026-03",
        "needs": "600.00",
        "monetary": "0.00",
        "valued": "150.00",
        "spending": "270.00",
    }
    assert body["rates"] == {
        "used": [{"date": "2026-01-01", "commodity": "HOUR", "quote": "EUR", "rate": "15"}],
        "missing": [],
    }


def test_the_api_says_what_the_selector_the_page_reads_says(client, ledger):
    body = client.get(f"{API}/sustainability?period=2026-Q2&fund=fiesta-2026").json()
    with translation.override("fr"):
        report = selectors.sustainability(
            fund=Fund.objects.get(slug="fiesta-2026"), period=books.period_parse("2026-Q2")
        )

    assert body["resources"]["monetary"] == "800.00" and report.resources_monetary == 80000
    assert body["figures"]["coverage"] is None and report.figures()["coverage"] is None
    assert body["figures"]["dependency"] == "1.0000"
    assert body["by_nature"] == [
        {"nature": "commercial", "label": "commercial", "amount": "800.00", "monetary": True}
    ]
    assert [source["amount"] for source in body["sources"]] == ["800.00"]


def test_rates_missing_are_said(client, ledger, treasurer):
    body = {
        "date": "2026-07-01",
        "description": "Don en francs CFA",
        "post": True,
        "postings": [
            {"account": "Assets:Bank:Current", "amount": "10000", "commodity": "XOF"},
            {"account": "Income:Contributions:Donations", "amount": "-10000", "commodity": "XOF"},
        ],
    }
    assert post_json(client, f"{API}/transactions", body, **treasurer).status_code == 201

    report = client.get(f"{API}/sustainability?fund=plateforme&period=2026-07").json()

    # The gift on its day, and the cash at the period's end: neither has a rate.
    assert report["rates"]["missing"] == [
        {"commodity": "XOF", "date": "2026-07-01"},
        {"commodity": "XOF", "date": "2026-07-31"},
    ]
    assert report["resources"]["monetary"] == "0.00"


# --- bad parameters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field", "reason"),
    [
        ("trial-balance?fund=ghost", "fund", "Unknown fund: ghost."),
        ("sustainability?fund=ghost", "fund", "Unknown fund: ghost."),
        ("transactions?fund=ghost", "fund", "Unknown fund: ghost."),
        (
            "sustainability?period=2026-13",
            "period",
            "2026-13 is not a period: write 2026, 2026-Q3 or 2026-10.",
        ),
        (
            "transactions?period=2026-13",
            "period",
            "2026-13 is not a period: write 2026, 2026-Q3 or 2026-10.",
        ),
        ("trial-balance?on=2026-02-30", "on", "A date is expected (YYYY-MM-DD)."),
        ("transactions?status=lost", "status", "This value is not one of the allowed choices."),
    ],
)
def test_bad_query_parameters_are_422_in_the_readers_language(client, ledger, path, field, reason):
    english = client.get(f"{API}/{path}", HTTP_ACCEPT_LANGUAGE="en")
    french = client.get(f"{API}/{path}", HTTP_ACCEPT_LANGUAGE="fr")

    assert english.status_code == french.status_code == 422
    error = english.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"] == "The request is not valid."
    assert [(item["field"], item["reason"]) for item in error["fields"]] == [(field, reason)]
    assert french.json()["error"]["message"] != error["message"]


# --- anonymity and the schema --------------------------------------------------------------------


def test_the_anonymous_giver_is_never_named_in_any_answer(client, ledger, treasurer):
    gift = ledger["Don anonyme"]
    created = post_json(
        client,
        f"{API}/transactions",
        a_donation(counterparty="awa-diop", anonymous=True),
        **treasurer,
    )
    reversal = post_json(
        client, f"{API}/transactions/{gift.pk}/reverse", {"reason": "Rendu"}, **treasurer
    )
    answers = [
        created,
        reversal,
        client.get(f"{API}/transactions"),
        client.get(f"{API}/transactions", **treasurer),
        client.get(f"{API}/transactions?status=draft", **treasurer),
        client.get(f"{API}/transactions/{gift.pk}"),
        client.get(f"{API}/transactions/{gift.pk}", **treasurer),
        client.get(f"{API}/sustainability?period=2026"),
        client.get(f"{API}/sustainability?period=2026&fund=plateforme", **treasurer),
        client.get(f"{API}/trial-balance"),
    ]

    assert created.status_code == 201 and reversal.status_code == 201
    for answer in answers:
        text = answer.content.decode()
        assert answer.status_code in {200, 201}
        assert "Awa" not in text and "awa-diop" not in text


def test_the_openapi_schema_is_valid_and_documents_the_ledger(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    validate(schema)
    paths = schema["paths"]
    assert {
        "/api/v1/ledger/accounts",
        "/api/v1/ledger/funds",
        "/api/v1/ledger/transactions",
        "/api/v1/ledger/transactions/{transaction_id}",
        "/api/v1/ledger/transactions/{transaction_id}/post",
        "/api/v1/ledger/transactions/{transaction_id}/reverse",
        "/api/v1/ledger/trial-balance",
        "/api/v1/ledger/sustainability",
    } <= set(paths)
    create = paths["/api/v1/ledger/transactions"]["post"]
    assert create["tags"] == ["ledger"] and create["summary"]
    assert "Idempotency-Key" in [parameter["name"] for parameter in create["parameters"]]
    assert {"201", "200", "401", "403", "422"} <= set(create["responses"])
    amount = schema["components"]["schemas"]["PostingIn"]["properties"]["amount"]
    assert amount["type"] == "string" and amount["pattern"]
    for path, operations in paths.items():
        if path.startswith("/api/v1/ledger/"):
            assert all(operation["summary"] for operation in operations.values()), path
