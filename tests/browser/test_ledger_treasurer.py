"""The treasurer at month end (JOURNEYS.md): a draft expense, posted, reversed with a reason;
the trial balance balanced; the month closed. Then the same pages on a phone.

Locators are ids and form actions, not button texts: the texts change with the language."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from remix.ledger.models import Account, ClosedPeriod, Transaction
from remix.ledger.tests.builders import books_load
from tests.browser.conftest import log_in_awa, no_sideways_scroll

pytestmark = pytest.mark.browser


def test_the_treasurer_posts_reverses_checks_and_closes_the_month(watched, treasurer_awa):
    today = timezone.localdate()
    hosting = Account.objects.get(code="Expenses:Hosting")
    bank = Account.objects.get(code="Assets:Bank:Current")
    watch = watched()
    page = watch.page

    log_in_awa(page, "/budget/books/")
    expect(page).to_have_url(re.compile(r"/budget/books/$"))
    watch.check("home")

    page.goto("/budget/books/transactions/new/")
    page.locator("#id_description").fill("Hébergement OVH")
    page.locator("#id_reference").fill("FA-2026-117")
    page.locator("#id_postings-0-account").select_option(str(hosting.pk))
    page.locator("#id_postings-0-amount").fill("1 240,50")
    page.locator("#id_postings-1-account").select_option(str(bank.pk))
    page.locator("#id_postings-1-amount").fill("-1 240")
    # One more row through the script, then removed again.
    page.locator("[data-posting-add]").click()
    expect(page.locator("[data-posting-row]")).to_have_count(5)
    page.locator("[data-posting-row]").last.locator("[data-posting-remove]").click()
    expect(page.locator("[data-posting-row]")).to_have_count(4)
    page.locator("button[name=then][value=draft]").click()

    # Off by 50 cents: refused, said in words, and nothing typed is lost.
    expect(page.locator("#postings-errors")).to_contain_text("EUR")
    expect(page.locator("#postings-errors")).to_contain_text("plateforme")
    expect(page.locator("#id_postings-0-amount")).to_have_value("1 240,50")
    expect(page.locator("#id_description")).to_have_value("Hébergement OVH")
    watch.check("unbalanced")
    page.locator("#id_postings-1-amount").fill("-1 240,50")
    page.locator("button[name=then][value=draft]").click()

    expect(page).to_have_url(re.compile(r"/budget/books/transactions/\d+/$"))
    tx = Transaction.objects.get(description="Hébergement OVH")
    assert tx.status == "draft"
    expect(page.locator("table.postings")).to_contain_text("1\u202f240,50\u00a0€")
    watch.check("draft")

    page.locator("form[action$='/post/'] button").click()
    expect(page.locator("form[action$='/reverse/']")).to_be_visible()
    tx.refresh_from_db()
    assert tx.status == "posted"
    watch.check("posted")

    page.locator("#id_reason").fill("Facture saisie deux fois")
    expect(page.locator("#id_date")).to_have_value(today.isoformat())
    page.locator("form[action$='/reverse/'] button[type=submit]").click()
    reversal = Transaction.objects.get(reverses=tx)
    expect(page).to_have_url(re.compile(rf"/budget/books/transactions/{reversal.pk}/$"))
    expect(page.locator("main")).to_contain_text("Facture saisie deux fois")
    expect(page.locator(f"a[href$='/transactions/{tx.pk}/']")).to_be_visible()
    watch.check("reversal")

    page.goto("/budget/books/reports/trial-balance/")
    expect(page.locator("[data-balanced=true]")).to_be_visible()
    watch.check("trial-balance")

    page.goto("/budget/books/closing/")
    page.locator("#id_period").fill(today.strftime("%Y-%m"))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/budget/books/closing/$"))
    assert ClosedPeriod.objects.filter(start=today.replace(day=1), kind="month").exists()
    expect(page.locator("main table")).to_contain_text(str(today.year))
    watch.check("closed")


def test_the_treasurer_categorises_imported_rows_on_a_phone(watched, treasurer_awa):
    today = timezone.localdate()
    books_load(
        f"""
        {today.isoformat()} ! "VIR SEPA ASSOCIATION TERRES COMMUNES"
          Assets:Bank:Current     250.00 EUR
          Assets:Suspense        -250.00 EUR

        {today.isoformat()} * "Don de Julien" julien-moreau
          Assets:Bank:Current      50.00 EUR
          Income:Contributions:Donations  -50.00 EUR
        """
    )
    waiting = Transaction.objects.get(description__startswith="VIR SEPA")
    donations = Account.objects.get(code="Income:Contributions:Donations")
    watch = watched(viewport={"width": 390, "height": 844})
    page = watch.page

    log_in_awa(page, "/budget/books/")
    watch.check("home-phone")
    assert no_sideways_scroll(page)

    page.goto("/budget/books/transactions/?status=waiting")
    page.locator(f"#id_cat{waiting.pk}_account").select_option(str(donations.pk))
    page.locator(f"#id_cat{waiting.pk}_post").check()
    watch.check("waiting-phone")
    page.locator(f"form[action$='/{waiting.pk}/categorise/'] button").click()
    expect(page.locator(".messages")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.status == "posted"
    assert no_sideways_scroll(page)

    page.goto("/budget/books/transactions/new/")
    watch.check("new-transaction-phone")
    assert no_sideways_scroll(page)

    page.goto("/budget/books/reports/trial-balance/")
    expect(page.locator("[data-balanced=true]")).to_be_visible()
    watch.check("trial-balance-phone")
    assert no_sideways_scroll(page)

    page.goto("/budget/books/accounts/")
    watch.check("accounts-phone")
    assert no_sideways_scroll(page)


def test_every_books_page_reads_well_with_a_year_of_demo_books(watched, treasurer_awa):
    from remix.allies.demo import load_network
    from remix.ledger.demo import load_books

    load_network()
    load_books()
    reversed_ = Transaction.objects.filter(reverses__isnull=False).first()
    waiting = Transaction.objects.filter(status="draft").first()
    watch = watched()
    page = watch.page
    log_in_awa(page, "/budget/books/")

    pages = [
        ("home", "/budget/books/"),
        ("accounts", "/budget/books/accounts/"),
        ("account-new", "/budget/books/accounts/new/"),
        ("funds", "/budget/books/funds/"),
        ("fund-new", "/budget/books/funds/new/"),
        ("transactions", "/budget/books/transactions/"),
        ("reversal", f"/budget/books/transactions/{reversed_.pk}/"),
        ("waiting", f"/budget/books/transactions/{waiting.pk}/"),
        ("hours", "/budget/books/transactions/hours/"),
        ("in-kind", "/budget/books/transactions/in-kind/"),
        ("transfer", "/budget/books/transactions/transfer/"),
        ("needs", "/budget/books/needs/"),
        ("rates", "/budget/books/rates/"),
        ("trial-balance", "/budget/books/reports/trial-balance/?fund=plateforme"),
        ("income-statement", "/budget/books/reports/income-statement/"),
        ("balance-sheet", "/budget/books/reports/balance-sheet/"),
        ("closing", "/budget/books/closing/"),
        ("transactions-en", "/en/budget/books/transactions/?status=posted"),
    ]
    for label, url in pages:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        watch.check(label)
    expect(page.locator("[data-balanced=true]")).to_have_count(0)  # not on this page
    page.goto("/budget/books/reports/trial-balance/")
    expect(page.locator("[data-balanced=true]")).to_be_visible()
