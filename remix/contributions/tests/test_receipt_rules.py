"""What a French tax receipt must say: who issues it (set by a steward on a page), how much once a
counterpart is taken off, and how the gift was paid."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from remix.contributions import receipts, services
from remix.contributions.models import (
    Contribution,
    PaymentMethod,
    ReceiptIssuer,
    TaxReceipt,
)
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.contributions.tests.pdfs import flat, pdf_text
from remix.core.models import AuditEvent

pytestmark = pytest.mark.django_db

FROM_SETTINGS = {
    "issuer": "Association des réglages",
    "address": "1 rue du Serveur, Lyon",
    "object": "Ce que dit l'environnement",
    "signatory": "",
}
FORM = {
    "name": "Association Remix des communs",
    "address": "12 rue des Tisserands\n69001 Lyon",
    "object": "Faire vivre les communs",
    "signatory": "Louise Tremblay",
    "signatory_role": "présidente",
}


@pytest.fixture(autouse=True)
def _settings_issuer(settings):
    settings.REMIX_RECEIPTS = dict(FROM_SETTINGS)


def gift(*, amount="100", provider="bank", method=None, name="Awa Diop"):
    made, _created = services.payment_record(
        fund=builders.platform(),
        amount=amount,
        date=timezone.localdate(),
        giver=Giver(name=name, language="fr"),
        provider=provider,
        method=method,
    )
    return made


def tier_gift(*, amount: str, value: str, method=PaymentMethod.CHEQUE) -> Contribution:
    """A campaign pledge on a tier whose counterpart is worth ``value``, paid once it succeeded."""
    campaign = builders.campaign(goal=amount)
    tier = services.tier_add(
        campaign=campaign, title={"fr": "Affiche"}, amount=amount, counterpart_value=value
    )
    pledge, _created = services.pledge_create(
        fund=campaign.fund,
        amount=amount,
        giver=Giver(name="Awa Diop", language="fr"),
        campaign=campaign,
        tier=tier,
    )
    services.campaign_close(campaign=campaign, today=campaign.deadline + datetime.timedelta(days=1))
    made, _created = services.payment_record(
        pledge=pledge, amount=amount, date=timezone.localdate(), method=method
    )
    return made


# --- the issuer, set by a steward ---------------------------------------------------------------


def test_a_steward_sets_the_issuer_on_its_page_and_it_is_audited(client, make_user):
    steward = make_user("louise", roles=["steward"])
    client.force_login(steward)
    url = reverse("contributions:receipt_issuer")
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["name"] == "Association des réglages"  # the fallback
    response = client.post(url, FORM)
    assert response.status_code == 302
    issuer = ReceiptIssuer.objects.get()
    assert (issuer.name, issuer.signatory_role) == (FORM["name"], "présidente")
    assert issuer.changed_by == steward
    event = AuditEvent.objects.get(action="funding.receipt_issuer.changed")
    assert event.data["before"] == {} and event.data["after"]["issuer"] == FORM["name"]
    assert receipts.issuer()["issuer"] == FORM["name"]


def test_the_issuer_page_refuses_a_member_a_treasurer_and_sends_a_visitor_to_log_in(
    client, make_user
):
    url = reverse("contributions:receipt_issuer")
    assert client.get(url).status_code == 302
    for name, role in (("amina", "member"), ("mateo", "treasurer")):
        client.force_login(make_user(name, roles=[role]))
        assert client.get(url).status_code == 403
        assert client.post(url, FORM).status_code == 403
    assert not ReceiptIssuer.objects.exists()
    assert not AuditEvent.objects.filter(action="funding.receipt_issuer.changed").exists()


def test_an_issuer_without_a_name_is_refused_on_the_form(client, make_user):
    client.force_login(make_user("louise", roles=["steward"]))
    with translation.override("en"):
        response = client.post(reverse("contributions:receipt_issuer"), {**FORM, "name": " "})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ReceiptIssuer.objects.exists()


def test_the_service_refuses_a_member(make_user):
    with pytest.raises(PermissionDenied):
        services.receipt_issuer_set(name="X", recorder=make_user("amina", roles=["member"]))
    assert not ReceiptIssuer.objects.exists()


def test_a_receipt_copies_the_issuer_of_its_day(make_user):
    before = services.receipt_issue(contribution=gift(name="Avant"))
    services.receipt_issuer_set(**{**FORM}, recorder=make_user("louise", roles=["steward"]))
    after = services.receipt_issue(contribution=gift(name="Après"))
    assert before.issuer["issuer"] == "Association des réglages"
    assert after.issuer == {
        "issuer": FORM["name"],
        "address": FORM["address"],
        "object": FORM["object"],
        "signatory": "Louise Tremblay",
        "role": "présidente",
    }
    assert "Association des réglages" in pdf_text(receipts.receipt_pdf(before))
    text = pdf_text(receipts.receipt_pdf(after))
    assert FORM["name"] in text and "Louise Tremblay, présidente" in text


# --- the counterpart and the method, on the PDF ---------------------------------------------------


def test_a_counterpart_over_a_quarter_reduces_the_receipt_and_the_pdf_says_why():
    services.receipt_issuer_set(**FORM)
    receipt = services.receipt_issue(contribution=tier_gift(amount="100", value="30"))
    assert (receipt.amount_minor, receipt.counterpart_minor) == (7000, 3000)
    text = pdf_text(receipts.receipt_pdf(receipt))
    with translation.override("fr"):
        assert "70,00 €" in text and "soixante-dix euros" in text
        assert "100,00 €" in text and "30,00 €" in text and "73,00 €" in text
    assert "chèque" in text.lower()
    assert FORM["name"] in text and "Louise Tremblay, présidente" in text
    event = AuditEvent.objects.get(action="funding.receipt.issued")
    assert (event.data["amount"], event.data["counterpart"]) == (7000, 3000)


def test_a_counterpart_within_the_rule_keeps_the_whole_gift():
    receipt = services.receipt_issue(contribution=tier_gift(amount="100", value="20"))
    assert (receipt.amount_minor, receipt.counterpart_minor) == (10000, 2000)
    assert "Contrepartie" not in pdf_text(receipts.receipt_pdf(receipt))


def test_a_counterpart_over_the_ceiling_takes_off_its_whole_value():
    receipt = services.receipt_issue(contribution=tier_gift(amount="400", value="80"))
    assert receipt.amount_minor == 32000


def test_a_counterpart_worth_the_whole_gift_gives_no_receipt():
    made = tier_gift(amount="40", value="40")
    with pytest.raises(ValidationError):
        services.receipt_issue(contribution=made)
    assert not TaxReceipt.objects.exists()


@pytest.mark.parametrize(
    ("provider", "method", "stored", "printed"),
    [
        ("bank", None, "transfer", "virement bancaire"),
        ("stripe", None, "card", "carte bancaire"),
        ("treasurer", "cash", "cash", "espèces"),
        ("treasurer", "direct_debit", "direct_debit", "prélèvement"),
        ("treasurer", None, "", "remis au trésorier"),
    ],
)
def test_each_receipt_states_how_the_gift_was_paid(provider, method, stored, printed):
    made = gift(provider=provider, method=method)
    assert made.payment_method == stored
    receipt = services.receipt_issue(contribution=made)
    assert printed in pdf_text(receipts.receipt_pdf(receipt)).lower()


def test_a_method_outside_the_choices_is_refused():
    with pytest.raises(ValidationError) as refused:
        gift(provider="treasurer", method="bitcoin")
    assert "method" in refused.value.message_dict


def test_the_same_key_with_another_method_is_refused():
    common = {"fund": builders.platform(), "amount": "10", "giver": Giver(name="A")}
    services.payment_record(**common, method="cash", external_key="k1")
    _again, created = services.payment_record(**common, method="cash", external_key="k1")
    assert not created
    with pytest.raises(ValidationError):
        services.payment_record(**common, method="cheque", external_key="k1")


def test_existing_gifts_get_the_method_their_provider_implies():
    for provider in ("bank", "stripe", "treasurer"):
        gift(provider=provider, name=provider)
    Contribution.objects.update(payment_method="")
    migration = importlib.import_module(
        "remix.contributions.migrations.0006_receipt_issuer_counterpart_payment_method"
    )
    migration.methods_from_providers(apps, None)
    methods = dict(Contribution.objects.values_list("name", "payment_method"))
    assert methods == {"bank": "transfer", "stripe": "card", "treasurer": ""}


# --- what the giver is told before choosing a tier ------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "value", "said"),
    [
        (
            "100",
            "30",
            "your tax receipt will state €70.00: the counterpart is worth €30.00, more "
            "than 25 % of the gift",
        ),
        (
            "400",
            "80",
            "your tax receipt will state €320.00: the counterpart is worth €80.00, more "
            "than the legal ceiling of €73.00",
        ),
        (
            "100",
            "20",
            "The counterpart is worth €20.00: for a gift of €100.00, your tax receipt "
            "will state the whole gift",
        ),
    ],
)
def test_the_campaign_page_says_what_a_tier_does_to_the_receipt(client, amount, value, said):
    campaign = builders.campaign()
    services.tier_add(
        campaign=campaign, title={"en": "Poster"}, amount=amount, counterpart_value=value
    )
    with translation.override("en"):
        page = client.get(reverse("contributions:campaign", kwargs={"slug": campaign.slug}))
    assert said in flat(page.content.decode())
