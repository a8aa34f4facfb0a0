"""The treasurer matches by hand a transfer whose giver forgot the pledge's reference."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from remix.contributions.models import Contribution
from remix.contributions.services import Giver, pledge_create
from remix.contributions.tests import builders
from remix.ledger import imports
from remix.ledger.models import Account
from tests.browser.conftest import log_in_awa as log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
)
def test_the_treasurer_matches_an_unmatched_bank_row_by_hand(watched, treasurer_awa, viewport):
    pledge, _created = pledge_create(
        fund=builders.fund(), amount="50", giver=Giver(name="Awa Diop")
    )
    data = (
        "Date;Libellé;Montant;Sens\n"
        f"{timezone.localdate():%d/%m/%Y};VIR SEPA RECU /DE DIOP AWA /MOTIF DON;50,00;C\n"
    ).encode()
    batch = imports.bank_import_prepare(
        data=data,
        filename="releve.csv",
        account=Account.objects.get(code="Assets:Bank:Current"),
        fund=builders.platform(),
        recorder=treasurer_awa,
    )
    imports.bank_import_run(bank_import=batch, data=data)
    row = batch.transactions.get()

    watch = watched(viewport=viewport)
    page = watch.page
    log_in(page, "/contribute/treasury/")
    card = page.locator(f"#bank-row-{row.pk}")
    expect(card).to_contain_text("VIR SEPA RECU /DE DIOP AWA /MOTIF DON")
    expect(card).to_contain_text("50,00")
    watch.check("treasury-unmatched")
    card.get_by_label("Référence de la promesse").fill(pledge.reference)
    card.get_by_role("button", name="Rapprocher").click()
    expect(page.get_by_text("50,00 € enregistré comme don de Awa Diop")).to_be_visible()
    expect(page.locator(f"#bank-row-{row.pk}")).to_have_count(0)
    expect(page.get_by_text("Aucune ligne bancaire n’attend.")).to_be_visible()
    watch.check("treasury-matched")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    gift = Contribution.objects.get()
    assert (gift.pledge, gift.transaction_id, gift.amount_minor) == (pledge, row.pk, 5000)
