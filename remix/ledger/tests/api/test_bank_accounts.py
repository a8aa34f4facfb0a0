"""The platform's bank accounts over the API: read and recorded by treasurers and stewards, with
the IBAN checked as on the page."""

from remix.allies.models import Actor
from remix.api.tests.lists import assert_list_cost_flat
from remix.core.models import AuditEvent
from remix.ledger import services
from remix.ledger.models import Account, BankAccount
from remix.ledger.tests.api import API, bearer, post_json

FABRIQUE_IBAN = "FR2510278073000002019870117"
COMMUNS_IBAN = "FR7342559100000123456789012"


def organisation(slug: str) -> Actor:
    return Actor.objects.create(name=slug.replace("-", " ").title(), slug=slug, kind="organisation")


def test_a_treasurer_records_the_incoming_carriers_account_and_reads_both(client, treasurer):
    organisation("la-fabrique")
    organisation("cooperative-des-communs")
    services.account_create(code="Assets:Bank:Communs", name={"fr": "Communs"}, is_cash=True)
    held = post_json(
        client,
        f"{API}/bank-accounts",
        {
            "account": "Assets:Bank:Current",
            "holder": "la-fabrique",
            "iban": "fr25 1027 8073 0000 0201 9870 117",
            "bic": "cmcifr2a",
            "held_from": "2024-01-01",
        },
        **treasurer,
    )
    waiting = post_json(
        client,
        f"{API}/bank-accounts",
        {
            "account": "Assets:Bank:Communs",
            "holder": "cooperative-des-communs",
            "iban": COMMUNS_IBAN,
        },
        **treasurer,
    )

    assert held.status_code == 201, held.content
    assert held.json()["iban"] == FABRIQUE_IBAN and held.json()["bic"] == "CMCIFR2A"
    assert waiting.status_code == 201 and waiting.json()["held_from"] is None
    listed = client.get(f"{API}/bank-accounts", **treasurer).json()
    assert [(item["holder"], item["account"]) for item in listed["items"]] == [
        ("la-fabrique", "Assets:Bank:Current"),
        ("cooperative-des-communs", "Assets:Bank:Communs"),
    ]
    assert listed["items"][0]["holder_name"] == "La Fabrique"
    assert AuditEvent.objects.filter(action="ledger.bank_account.recorded").count() == 2


def test_a_wrong_iban_an_unknown_account_or_holder_is_refused_in_the_readers_language(
    client, treasurer
):
    organisation("la-fabrique")

    def refused(body):
        answer = post_json(
            client, f"{API}/bank-accounts", body, HTTP_ACCEPT_LANGUAGE="fr", **treasurer
        )
        assert answer.status_code == 422, answer.content
        return {field["field"] for field in answer.json()["error"]["fields"]}

    good = {"account": "Assets:Bank:Current", "holder": "la-fabrique", "iban": FABRIQUE_IBAN}
    assert refused({**good, "iban": "FR2610278073000002019870117"}) == {"iban"}
    assert refused({**good, "account": "Assets:Bank:Nowhere"}) == {"account"}
    assert refused({**good, "holder": "nobody"}) == {"holder"}
    assert not BankAccount.objects.exists()


def test_members_and_anonymous_readers_neither_read_nor_record(client, db, api_token):
    _user, raw = api_token(username="membre", roles=["member"])
    organisation("la-fabrique")
    body = {"account": "Assets:Bank:Current", "holder": "la-fabrique", "iban": FABRIQUE_IBAN}

    assert client.get(f"{API}/bank-accounts").status_code == 401
    assert client.get(f"{API}/bank-accounts", **bearer(raw)).status_code == 403
    assert post_json(client, f"{API}/bank-accounts", body, **bearer(raw)).status_code == 403
    assert not BankAccount.objects.exists()


def test_a_page_of_bank_accounts_costs_the_same_at_3_as_at_30(client, treasurer):
    holder = organisation("la-fabrique")

    def rows(n: int) -> set[int]:
        start = BankAccount.objects.count()
        for i in range(start, start + n):
            account = Account.objects.create(
                code=f"Assets:Bank:B{i:03d}", is_cash=True, type="asset"
            )
            BankAccount.objects.create(account=account, holder=holder, iban=f"XX{i:06d}")
        return set(BankAccount.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/ledger/bank-accounts", rows=rows, **treasurer)
