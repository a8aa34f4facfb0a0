"""A steward says which association issues the tax receipts, then downloads the receipt of a gift
whose counterpart was worth more than a quarter of it: the PDF names the issuer from the page,
states the gift less the counterpart, and how it was paid."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from remix.accounts.models import User
from remix.contributions import services
from remix.contributions.models import ReceiptIssuer, TaxReceipt
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.contributions.tests.pdfs import pdf_text
from tests.browser.conftest import (
    ARTIFACTS,
    PASSWORD,
    log_in,
    no_sideways_scroll,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def steward_louise(transactional_db, settings):
    settings.REMIX_RECEIPTS = {"issuer": "", "address": "", "object": "", "signatory": ""}
    user = User.objects.create_user("louise", "louise@example.org", PASSWORD, language="fr")
    user.groups.add(*Group.objects.filter(name__in=["member", "steward"]))
    return user


def poster_gift(user):
    """Louise's 100 € for a poster worth 30 €, paid by cheque once its campaign succeeded; and
    an open campaign that offers the same poster."""
    tiers = {}
    for slug in ("affiches", "affiches-bis"):
        tiers[slug] = services.tier_add(
            campaign=builders.campaign(goal="100", slug=slug),
            title={"fr": "Affiche sérigraphiée"},
            amount="100",
            counterpart_value="30",
        )
    campaign = tiers["affiches"].campaign
    pledge, _created = services.pledge_create(
        fund=campaign.fund,
        amount="100",
        giver=Giver(user=user),
        campaign=campaign,
        tier=tiers["affiches"],
    )
    services.campaign_close(campaign=campaign, today=campaign.deadline + datetime.timedelta(days=1))
    services.payment_record(pledge=pledge, amount="100", date=timezone.localdate(), method="cheque")


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
)
def test_a_steward_sets_the_issuer_and_downloads_a_receipt(watched, steward_louise, viewport):
    poster_gift(steward_louise)
    watch = watched(viewport=viewport)
    page = watch.page

    log_in(page, "louise", "/contribute/receipts/issuer/")
    expect(page.get_by_role("heading", name="Qui émet les reçus fiscaux")).to_be_visible()
    expect(page.get_by_text("Aucun émetteur n'est encore renseigné", exact=False)).to_be_visible()
    watch.check("issuer-empty")
    page.get_by_label("Nom de l'association").fill("Association Remix des communs")
    page.get_by_label("Adresse").fill("12 rue des Tisserands\n69001 Lyon")
    page.get_by_label("Objet").fill("Faire vivre les communs et leur médiation")
    page.get_by_label("Signataire").first.fill("Louise Tremblay")
    page.get_by_label("Qualité du signataire").fill("présidente")
    page.get_by_role("button", name="Enregistrer l'émetteur").click()
    expect(page.get_by_text("Les reçus émis désormais nomment cette association.")).to_be_visible()
    watch.check("issuer-saved")
    assert ReceiptIssuer.objects.get().signatory_role == "présidente"
    assert no_sideways_scroll(page)

    page.goto("/contribute/campaigns/affiches-bis/")
    expect(page.locator(".tier-receipt").first).to_contain_text("votre reçu fiscal indiquera 70,00")
    watch.check("tier-receipt-note")

    page.goto("/contribute/mine/")
    page.get_by_role("button", name="Demander un reçu fiscal").click()
    receipt = TaxReceipt.objects.get()
    link = page.get_by_role("link", name=f"Reçu {receipt.number} (PDF)")
    expect(link).to_be_visible()
    watch.check("mine-with-receipt")
    with page.expect_download() as download:
        link.click()
    data = download.value.path().read_bytes()
    assert download.value.suggested_filename == f"recu-{receipt.number}.pdf"
    text = pdf_text(data)
    assert "Association Remix des communs" in text and "Louise Tremblay, présidente" in text
    assert "70,00 €" in text and "soixante-dix euros" in text and "chèque" in text
    assert "100,00 €" in text and "30,00 €" in text
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"receipt-{viewport['width']}.pdf").write_bytes(data)
