"""Recording, changing, posting and reversing transactions: the rules said in the answer."""

import datetime
import json

import pytest

from remix.ledger import maths, selectors, services
from remix.ledger.models import Account, Fund, Posting, Transaction
from remix.ledger.tests.api import API, bearer, post_json
from remix.ledger.tests.builders import a_donation

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
    services.period_close(period=maths.period_parse("2026-01"))

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
