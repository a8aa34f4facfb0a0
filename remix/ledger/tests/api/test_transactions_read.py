"""Reading transactions: posted ones for everyone, drafts for treasurers, no giver named
who asked for anonymity."""

from remix.ledger import services
from remix.ledger.models import Transaction
from remix.ledger.tests.api import API, BOOKS, post_json
from remix.ledger.tests.builders import a_donation, books_load

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

    # The books' version, the count, the page (with what reverses each), its postings; the count
    # is then kept for that version of the books, and a write counts again.
    with django_assert_max_num_queries(4):
        body = client.get(f"{API}/transactions?limit=40").json()
    with django_assert_max_num_queries(3):
        again = client.get(f"{API}/transactions?limit=40").json()
    books_load("\n\n".join(BOOKS.strip().split("\n\n")[:1]))
    written = client.get(f"{API}/transactions?limit=40").json()

    assert body["count"] == again["count"] == 45 and len(body["items"]) == 40
    assert written["count"] == 46


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
