"""Tax receipts: the PDF read back, its numbers, and who may ask for one or download it."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import translation

from remix.contributions import receipts, services
from remix.contributions.models import ReceiptCounter, TaxReceipt
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.contributions.tests.pdfs import flat, pdf_text
from remix.core.formats import format_money

pytestmark = pytest.mark.django_db

ISSUER = {
    "issuer": "Association Remix des communs",
    "address": "12 rue des Tisserands, 69001 Lyon",
    "object": "Faire vivre les communs culturels et leur médiation",
    "signatory": "Inès Duval, trésorière",
}


@pytest.fixture(autouse=True)
def _issuer(settings):
    settings.REMIX_RECEIPTS = dict(ISSUER)


def gift(*, amount="1240.50", on=datetime.date(2026, 3, 12), giver=None, provider="bank"):
    contribution, _created = services.payment_record(
        fund=builders.platform(),
        amount=amount,
        date=on,
        giver=giver or Giver(name="Awa Diop", language="fr"),
        provider=provider,
    )
    return contribution


# --- the PDF -------------------------------------------------------------------------------------


def test_a_french_receipt_says_its_number_giver_and_amount_in_figures_and_words():
    receipt = services.receipt_issue(contribution=gift(), address="3 place Sathonay, 69001 Lyon")
    text = pdf_text(receipts.receipt_pdf(receipt))
    assert "2026-00001" in text
    assert "Awa Diop" in text and "3 place Sathonay, 69001 Lyon" in text
    assert "1 240,50 €" in text
    with translation.override("fr"):
        assert flat(format_money(124050, "EUR")) in text
    assert "mille deux cent quarante euros et cinquante centimes" in text
    assert "Association Remix des communs" in text and "Inès Duval, trésorière" in text
    assert "12 mars 2026" in text  # the date of the gift, in French
    assert "Cerfa n° 11580" in text
    assert "200 du CGI" in text and "238 bis du CGI" in text and "978 du CGI" in text
    assert "code général des impôts" in text


def test_a_spanish_receipt_is_in_spanish(make_user):
    lucia = make_user("lucia", roles=["member"], language="es")
    receipt = services.receipt_issue(contribution=gift(amount="21", giver=Giver(user=lucia)))
    assert receipt.language == "es"
    text = pdf_text(receipts.receipt_pdf(receipt))
    assert receipt.number in text and "Lucia" in text
    with translation.override("es"):
        assert flat(format_money(2100, "EUR")) in text
    assert "21,00 €" in text
    assert "veintiún euros" in text
    assert "con cero" not in text
    assert "12 de marzo de 2026" in text
    assert "code général des impôts" in text  # the law's name stays in French
    assert receipts.receipt_filename(receipt) == f"recibo-{receipt.number}.pdf"


def test_the_same_receipt_gives_the_same_bytes_every_time():
    receipt = services.receipt_issue(contribution=gift())
    first = receipts.receipt_pdf(receipt)
    assert first.startswith(b"%PDF-")
    assert receipts.receipt_pdf(TaxReceipt.objects.get(pk=receipt.pk)) == first


def test_a_gift_in_kind_is_of_another_nature_with_what_was_given(make_user):
    declared, _created = services.contribution_declare(
        giver=Giver(name="Imprimerie du Croissant", language="en"),
        fund=builders.platform(),
        kind="in_kind",
        amount="300",
        date=datetime.date(2026, 2, 2),
        description="500 printed posters",
    )
    treasurer = make_user("tresor", roles=["treasurer"])
    recorded = services.contribution_validate(contribution=declared, recorder=treasurer)
    receipt = services.receipt_issue(contribution=recorded, recorder=treasurer)
    text = pdf_text(receipts.receipt_pdf(receipt))
    assert "other: 500 printed posters" in text
    assert "three hundred euro" in text and "zero cents" not in text
    assert "Method of payment" not in text
    assert receipts.receipt_filename(receipt) == f"receipt-{receipt.number}.pdf"


def test_a_receipt_is_refused_while_no_issuer_is_set(settings):
    receipt = services.receipt_issue(contribution=gift())
    settings.REMIX_RECEIPTS = {**ISSUER, "issuer": ""}
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        receipts.receipt_pdf(receipt)
    assert "REMIX_RECEIPTS_ISSUER" in refused.value.messages[0]
    assert "not set" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("minor", "language", "words"),
    [
        (100, "fr", "un euro"),
        (8000, "fr", "quatre-vingts euros"),
        (2101, "fr", "vingt et un euros et un centime"),
        (100_000_000, "fr", "un million d’euros"),
        (200_000_000, "es", "dos millones de euros"),
        (2100, "es", "veintiún euros"),
        (5, "es", "cero euros con cinco céntimos"),
        (124050, "en", "one thousand, two hundred and forty euro, fifty cents"),
        (20000, "en", "two hundred euro"),
    ],
)
def test_amounts_in_words(minor, language, words):
    assert receipts.amount_in_words(minor, "EUR", language) == words


# --- numbers -------------------------------------------------------------------------------------


def test_numbers_have_no_gap_within_a_year_and_start_again_the_next():
    december = gift(amount="10", on=datetime.date(2025, 12, 30))
    january = gift(amount="20", on=datetime.date(2026, 1, 2))
    late_december = gift(amount="30", on=datetime.date(2025, 12, 31))
    numbers = [
        services.receipt_issue(contribution=c).number for c in (december, january, late_december)
    ]
    assert numbers == ["2025-00001", "2026-00001", "2025-00002"]
    assert services.receipt_issue(contribution=january).number == "2026-00001"  # asked again
    assert dict(ReceiptCounter.objects.values_list("year", "last")) == {2025: 2, 2026: 1}
    second = TaxReceipt.objects.get(year=2025, sequence=2)
    assert "2025-00002" in pdf_text(receipts.receipt_pdf(second))


# --- pages ---------------------------------------------------------------------------------------


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def url_of(receipt) -> str:
    return f"/en/contribute/receipts/{receipt.year}/{receipt.sequence}.pdf"


def test_the_giver_and_a_treasurer_download_the_receipt_and_a_stranger_gets_404(client, make_user):
    awa = make_user("awa", roles=["member"])
    receipt = services.receipt_issue(contribution=gift(giver=Giver(user=awa)))
    client.force_login(awa)
    response = client.get(url_of(receipt))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="recu-2026-00001.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert "2026-00001" in pdf_text(response.content)

    client.force_login(make_user("tresor", roles=["treasurer"]))
    assert client.get(url_of(receipt)).status_code == 200

    client.force_login(make_user("curious", roles=["member"]))
    assert client.get(url_of(receipt)).status_code == 404
    assert client.get("/en/contribute/receipts/2026/99.pdf").status_code == 404

    client.logout()
    response = client.get(url_of(receipt))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_receipt_without_an_issuer_sends_the_giver_back_with_the_reason(
    client, make_user, settings
):
    awa = make_user("awa", roles=["member"])
    receipt = services.receipt_issue(contribution=gift(giver=Giver(user=awa)))
    settings.REMIX_RECEIPTS = {**ISSUER, "issuer": ""}
    client.force_login(awa)
    response = client.get(url_of(receipt))
    assert response.status_code == 302 and response["Location"] == "/en/contribute/mine/"
    [message] = said(response)
    assert "REMIX_RECEIPTS_ISSUER" in message


def test_a_giver_asks_for_a_receipt_and_is_sent_back(client, make_user):
    awa = make_user("awa", roles=["member"])
    contribution = gift(giver=Giver(user=awa))
    client.force_login(awa)
    response = client.post(
        f"/en/contribute/gifts/{contribution.pk}/receipt/",
        {"address": "3 place Sathonay\n69001 Lyon", "next": "/en/contribute/"},
    )
    assert response.status_code == 302 and response["Location"] == "/en/contribute/"
    receipt = TaxReceipt.objects.get(contribution=contribution)
    assert receipt.giver_address == "3 place Sathonay\n69001 Lyon"
    assert receipt.issued_by == awa
    assert said(response) == ["Tax receipt 2026-00001 is ready."]


def test_a_receipt_request_goes_back_to_the_page_it_came_from_never_elsewhere(client, make_user):
    treasurer = make_user("tresor", roles=["treasurer"])
    contribution = gift()  # a gift by name alone: only a treasurer asks for its receipt
    client.force_login(treasurer)
    url = f"/en/contribute/gifts/{contribution.pk}/receipt/"
    response = client.post(url, {"next": "https://evil.example/"}, HTTP_REFERER="/en/books/")
    assert response["Location"] == "/en/books/"
    assert TaxReceipt.objects.filter(contribution=contribution).exists()


def test_strangers_and_anonymous_visitors_cannot_ask_for_a_receipt(client, make_user):
    awa = make_user("awa", roles=["member"])
    contribution = gift(giver=Giver(user=awa))
    url = f"/en/contribute/gifts/{contribution.pk}/receipt/"
    response = client.post(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(make_user("curious", roles=["member"]))
    assert client.post(url).status_code == 404
    client.force_login(awa)
    assert client.get(url).status_code == 405
    assert not TaxReceipt.objects.exists()


def test_refusals_come_back_as_messages_and_take_no_number(client, make_user, settings):
    awa = make_user("awa", roles=["member"])
    hours, _created = services.contribution_declare(
        giver=Giver(user=awa),
        fund=builders.platform(),
        kind="time",
        amount="3",
        date=datetime.date(2026, 2, 2),
        description="Stand at the fiesta",
    )
    services.contribution_validate(contribution=hours, recorder=make_user("t", roles=["treasurer"]))
    client.force_login(awa)
    response = client.post(f"/en/contribute/gifts/{hours.pk}/receipt/")
    assert said(response) == ["Volunteer time gives no tax receipt."]

    settings.REMIX_RECEIPTS = {**ISSUER, "issuer": ""}
    money = gift(giver=Giver(user=awa))
    response = client.post(f"/en/contribute/gifts/{money.pk}/receipt/")
    *_before, message = said(response)  # the first refusal was never shown: no page between
    assert "REMIX_RECEIPTS_ISSUER" in message
    assert not TaxReceipt.objects.exists() and not ReceiptCounter.objects.exists()
