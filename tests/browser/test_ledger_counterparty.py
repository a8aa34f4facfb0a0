"""A treasurer writing a transaction types the counterparty and is offered the actors found."""

import pytest
from playwright.sync_api import expect

from remix.allies.models import Actor
from tests.browser.conftest import log_in_awa as log_in

pytestmark = pytest.mark.browser


def test_the_counterparty_is_searched_not_picked_from_a_long_list(watched, treasurer_awa):
    Actor.objects.bulk_create(
        [
            Actor(name=f"Collectif {n:04d}", slug=f"collectif-{n:04d}", kind="organisation")
            for n in range(1500)
        ]
        + [Actor(name="Awa Diop", slug="awa-diop", kind="person")]
    )
    watch = watched(viewport={"width": 390, "height": 844})
    page = watch.page
    log_in(page, "/budget/books/transactions/new/")
    field = page.locator("#id_counterparty")
    field.fill("awa")
    suggestions = page.locator("#id_counterparty-list option")
    expect(suggestions).to_have_count(1)
    expect(suggestions.first).to_have_attribute("value", "Awa Diop (awa-diop)")
    field.fill("collectif 00")
    expect(suggestions).to_have_count(20)
    assert page.locator("select#id_counterparty").count() == 0
    watch.check("transaction-counterparty")
