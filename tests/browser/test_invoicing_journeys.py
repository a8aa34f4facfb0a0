"""The treasurer's invoice, in a browser: a draft written, issued, its Factur-X file downloaded,
a payment recorded, on a phone and a desktop, axe clean and without CSP violation.

Locators are ids, classes and addresses, not texts: the texts change with the language."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from remix.invoicing.models import Invoice
from remix.invoicing.selectors import invoice_balance
from remix.invoicing.tests import builders
from tests.browser.conftest import log_in, no_sideways_scroll

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def office(treasurer_awa):
    """The issuer's details, the bank account held, and a client with its SIRET."""
    builders.world()
    return builders.client()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_treasurer_drafts_issues_downloads_and_records_a_payment(watched, office, viewport):
    watch = watched(viewport=viewport)
    page = watch.page
    log_in(page, "awa", "/invoices/new/")
    expect(page).to_have_url(re.compile(r"/invoices/new/$"))
    page.locator("#id_client").select_option(str(office.pk))
    page.locator("#id_language").select_option("fr")
    page.locator("#id_lines-0-description").fill("Atelier de cartographie")
    page.locator("#id_lines-0-quantity").fill("2")
    page.locator("#id_lines-0-unit_price").fill("450")
    watch.check("draft-form")
    assert no_sideways_scroll(page)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/invoices/\d+/$"))
    invoice = Invoice.objects.get()
    expect(page.locator(".invoice-totals")).to_contain_text("900,00")
    watch.check("draft")

    page.locator(f"form[action$='/invoices/{invoice.pk}/issue/'] button").click()
    expect(page.locator(f"a[href$='/invoices/{invoice.pk}/pdf/']")).to_be_visible()
    invoice.refresh_from_db()
    assert invoice.is_issued and invoice.sequence == 1
    expect(page.locator("h1")).to_contain_text(invoice.number)
    watch.check("issued")
    assert no_sideways_scroll(page)

    with page.expect_download() as caught:
        page.locator(f"a[href$='/invoices/{invoice.pk}/pdf/']").click()
    pdf = caught.value
    assert pdf.suggested_filename == f"facture-{invoice.number}.pdf"
    content = open(pdf.path(), "rb").read()  # noqa: SIM115 - a temporary file of Playwright's
    assert "factur-x.xml" in PdfReader(io.BytesIO(content)).attachments

    form = page.locator(f"form[action$='/invoices/{invoice.pk}/payment/']")
    form.locator("#id_amount").fill("900")
    form.locator("#id_method").select_option("transfer")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/invoices/{invoice.pk}/$"))
    assert invoice_balance(invoice).is_paid
    expect(page.locator(f"form[action$='/invoices/{invoice.pk}/payment/']")).to_have_count(0)
    watch.check("paid")
    assert no_sideways_scroll(page)

    page.goto("/invoices/?status=paid")
    expect(page.locator("main table tbody tr")).to_have_count(1)
    watch.check("list")
    assert no_sideways_scroll(page)
