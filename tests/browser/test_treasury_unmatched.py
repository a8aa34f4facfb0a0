"""The treasurer matches by hand a transfer whose giver forgot the pledge's reference, or records
one that pays no pledge as a gift to a fund."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from remix.contributions.models import Contribution
from remix.contributions.services import Giver, pledge_create
from remix.contributions.tests import builders
from remix.ledger import imports
from remix.ledger.models import Account
from tests.browser.conftest import log_in_awa as log_in
from tests.browser.conftest import no_sideways_scroll

pytestmark = pytest.mark.browser


VIEWPORTS = [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]


def bank_row(label: str, credit: str, *, recorder):
    """One row of money in, imported from a French bank's CSV and left waiting as a draft."""
    data = (
        f"Date;Libellé;Montant;Sens\n{timezone.localdate():%d/%m/%Y};{label};{credit};C\n"
    ).encode()
    batch = imports.bank_import_prepare(
        data=data,
        filename="releve.csv",
        account=Account.objects.get(code="Assets:Bank:Current"),
        fund=builders.platform(),
        recorder=recorder,
    )
    imports.bank_import_run(bank_import=batch, data=data)
    return batch.transactions.get()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_treasurer_matches_an_unmatched_bank_row_by_hand(watched, treasurer_awa, viewport):
    pledge, _created = pledge_create(
        fund=builders.fund(), amount="50", giver=Giver(name="Awa Diop")
    )
    row = bank_row("VIR SEPA RECU /DE DIOP AWA /MOTIF DON", "50,00", recorder=treasurer_awa)

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
    assert no_sideways_scroll(page)
    gift = Contribution.objects.get()
    assert (gift.pledge, gift.transaction_id, gift.amount_minor) == (pledge, row.pk, 5000)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_treasurer_records_a_row_that_pays_no_pledge_as_a_gift_to_a_fund(
    watched, treasurer_awa, viewport
):
    fiesta = builders.fund()
    row = bank_row("VIR SEPA ASSOCIATION LES AMIS DU QUARTIER", "120,00", recorder=treasurer_awa)

    watch = watched(viewport=viewport)
    page = watch.page
    log_in(page, "/contribute/treasury/")
    card = page.locator(f"#bank-row-{row.pk}")
    card.get_by_text("Ou l’enregistrer comme un don sans promesse").click()
    card.get_by_label("Fonds").select_option(label="fiesta-2026")
    card.get_by_label("Nom de la personne donatrice").fill("Les Amis du quartier")
    card.get_by_label("Affichage").select_option("public")
    watch.check("treasury-give-form")
    card.get_by_role("button", name="Enregistrer comme don").click()
    expect(
        page.get_by_text("120,00 € enregistré comme don de Les Amis du quartier à fiesta-2026")
    ).to_be_visible()
    expect(page.locator(f"#bank-row-{row.pk}")).to_have_count(0)
    watch.check("treasury-given")
    assert no_sideways_scroll(page)
    gift = Contribution.objects.get()
    assert (gift.pledge, gift.fund, gift.transaction_id, gift.amount_minor) == (
        None,
        fiesta,
        row.pk,
        12000,
    )
