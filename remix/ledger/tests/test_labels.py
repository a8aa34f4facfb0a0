"""Labels the platform writes into the books read in the reader's language; the books unchanged."""

import datetime

from django.utils import translation

from remix.ledger import services
from remix.ledger.labels import transaction_label
from remix.ledger.models import Transaction
from remix.ledger.tests.builders import books_load

RENT = """
2026-11-02 * "Loyer de novembre"
  Expenses:Hosting               80.00 EUR
  Assets:Bank:Current           -80.00 EUR
"""


def test_a_reversal_written_in_french_reads_in_english_and_spanish():
    label = "Contrepassation : Loyer de novembre"

    read = {
        language: transaction_label(
            description=label, reverses=True, external_key=None, language=language
        )
        for language in ("fr", "en", "es")
    }

    assert read == {
        "fr": "Contrepassation : Loyer de novembre",
        "en": "Reversal: Loyer de novembre",
        "es": "Reversión: Loyer de novembre",
    }


def test_a_reversal_of_a_match_is_read_as_both():
    label = "Reversal: Match of Round 1 for Water"

    assert (
        transaction_label(description=label, reverses=True, external_key=None, language="fr")
        == "Contrepassation : Abondement de Round 1 pour Water"
    )


def test_a_label_is_known_by_the_transaction_origin_not_by_its_words():
    grant = "Subvention Eau vive de Région Sud"

    assert (
        transaction_label(description=grant, reverses=False, external_key="grant:7", language="en")
        == "Grant Eau vive from Région Sud"
    )
    # Typed by a person, the same words stay as they were typed.
    for key in (None, "import:3f2a", "api:4:x"):
        assert (
            transaction_label(description=grant, reverses=False, external_key=key, language="en")
            == grant
        )


def test_the_books_keep_what_was_written_and_each_reader_reads_their_language(
    client, db, make_user
):
    (rent,) = books_load(RENT)
    with translation.override("fr"):
        reversal = services.transaction_reverse(
            transaction=rent, reason="Facture en double", date=datetime.date(2026, 11, 3)
        )
    client.force_login(make_user("mateo", roles=["treasurer"]))

    english = client.get(f"/en/budget/books/transactions/{reversal.pk}/").content.decode()
    french = client.get(f"/budget/books/transactions/{reversal.pk}/").content.decode()
    listed = client.get("/es/budget/books/transactions/").content.decode()

    assert Transaction.objects.get(pk=reversal.pk).description == (
        "Contrepassation : Loyer de novembre"
    )
    assert "<h1>Reversal: Loyer de novembre" in english
    assert "<h1>Contrepassation : Loyer de novembre" in french
    assert "Reversión: Loyer de novembre" in listed


def test_the_api_reads_every_label_the_platform_wrote_in_the_asked_language(client, db):
    """The API picks its language from Accept-Language (it has no /en/ prefix) and reads a
    grant's label, and its reversal, as the pages do."""
    from remix.ledger.models import Account, Fund

    fund = Fund.objects.get(kind="platform")
    legs = [
        services.Leg.of(Account.objects.get(code="Assets:Bank:Current"), fund, "900.00", "EUR"),
        services.Leg.of(Account.objects.get(code="Income:Grants:Public"), fund, "-900.00", "EUR"),
    ]
    grant, _created = services.transaction_create(
        date=datetime.date(2026, 11, 2),
        description="Subvention Eau vive de Région Sud",
        legs=legs,
        external_key="grant:7",
        post=True,
    )
    with translation.override("fr"):
        services.transaction_reverse(
            transaction=grant, reason="Versée deux fois", date=datetime.date(2026, 11, 3)
        )

    read = {
        language: [
            item["description"]
            for item in client.get(
                "/api/v1/ledger/transactions", HTTP_ACCEPT_LANGUAGE=language
            ).json()["items"]
        ]
        for language in ("fr", "en", "es")
    }
    one = client.get(f"/api/v1/ledger/transactions/{grant.pk}", HTTP_ACCEPT_LANGUAGE="es").json()

    assert read == {
        "fr": [
            "Contrepassation : Subvention Eau vive de Région Sud",
            "Subvention Eau vive de Région Sud",
        ],
        "en": ["Reversal: Grant Eau vive from Région Sud", "Grant Eau vive from Région Sud"],
        "es": ["Reversión: Subvención Eau vive de Région Sud", "Subvención Eau vive de Région Sud"],
    }
    assert one["description"] == "Subvención Eau vive de Région Sud"
