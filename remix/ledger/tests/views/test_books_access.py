"""Who may open the treasurer's pages, in which language, and what the home shows."""

import datetime

from remix.ledger.models import BudgetLine, ClosedPeriod
from remix.ledger.tests.views.pages import BOOKS, acc

D = datetime.date


def _pages(sample, platform) -> list[str]:
    line = BudgetLine.objects.create(
        fund=platform,
        period_kind="year",
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
        category="hosting",
        amount_minor=120000,
    )
    assert line.pk
    return [
        "",
        "accounts/",
        "accounts/new/",
        f"accounts/{acc('Expenses:Hosting').pk}/edit/",
        "bank-accounts/",
        "funds/",
        "funds/new/",
        "funds/plateforme/edit/",
        "transactions/",
        "transactions/?status=waiting&fund=plateforme&period=2026-03&q=OVH",
        "transactions/new/",
        "transactions/hours/",
        "transactions/in-kind/",
        "transactions/transfer/",
        f"transactions/{sample['posted'].pk}/",
        f"transactions/{sample['waiting'].pk}/",
        f"transactions/{sample['waiting'].pk}/edit/",
        f"transactions/{sample['waiting'].pk}/delete/",
        "needs/",
        "needs/?year=2026&fund=plateforme",
        "rates/",
        "reports/trial-balance/",
        "reports/trial-balance/?fund=plateforme&on=2026-03-31",
        "reports/income-statement/?period=2026-Q1",
        "reports/balance-sheet/?on=2026-12-31",
        "closing/",
    ]


def test_every_page_opens_for_a_treasurer_and_a_steward_only(client, make_user, sample, platform):
    pages = _pages(sample, platform)
    for page in pages:
        response = client.get(BOOKS + page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/en/accounts/login/?next="), page

    client.force_login(make_user("membre", roles=["member"]))
    for page in pages:
        assert client.get(BOOKS + page).status_code == 403, page
    assert "Not allowed" in client.get(BOOKS).content.decode()

    for role in ("treasurer", "steward"):
        client.force_login(make_user(f"a-{role}", roles=[role]))
        for page in pages:
            assert client.get(BOOKS + page).status_code == 200, (role, page)


def test_the_pages_are_french_by_default(as_treasurer, sample):
    page = as_treasurer.get("/budget/books/transactions/").content.decode()

    assert '<html lang="fr">' in page
    assert "50,00\u00a0€" in page


def test_the_home_counts_drafts_and_shows_the_months(as_treasurer, sample):
    ClosedPeriod.objects.create(kind="month", start=D(2026, 1, 1), end=D(2026, 1, 31))
    response = as_treasurer.get(BOOKS)

    assert response.context["drafts"] == 1
    assert response.context["waiting"] == 1
    assert "1 imported row waits to be categorised." in response.content.decode()
    assert len(response.context["months"]) == 12
