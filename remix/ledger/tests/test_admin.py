"""The admin is a back office, not a way around the books' rules."""

import pytest

from remix.ledger.models import Account, BudgetLine, ExchangeRate, Fund, Posting, Transaction
from remix.ledger.tests.builders import books_load

ADMIN = "/en/admin/ledger/"


@pytest.fixture
def admin_client(client, make_user):
    user = make_user("admin", roles=["steward"])
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


@pytest.fixture
def posted_and_draft(db):
    return books_load(
        """
        2026-03-03 * "Don de Julien" julien-moreau
          Assets:Bank:Current               50.00 EUR
          Income:Contributions:Donations   -50.00 EUR

        2026-03-05 ! "Fournitures"
          Expenses:Supplies                 12.00 EUR
          Assets:Cash                      -12.00 EUR
        """
    )


def _inline_data(tx, rows):
    data = {
        "postings-TOTAL_FORMS": str(len(rows)),
        "postings-INITIAL_FORMS": str(tx.postings.count()),
        "postings-MIN_NUM_FORMS": "0",
        "postings-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    for index, (posting, account, amount) in enumerate(rows):
        data.update(
            {
                f"postings-{index}-id": posting.pk if posting else "",
                f"postings-{index}-transaction": tx.pk,
                f"postings-{index}-account": Account.objects.get(code=account).pk,
                f"postings-{index}-fund": Fund.objects.get(kind="platform").pk,
                f"postings-{index}-commodity": "EUR",
                f"postings-{index}-amount_minor": str(amount),
                f"postings-{index}-memo": "",
            }
        )
    return data


def test_a_posted_transaction_is_read_only_in_the_admin(admin_client, posted_and_draft):
    posted, _draft = posted_and_draft
    url = f"{ADMIN}transaction/{posted.pk}/change/"

    page = admin_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="description"' not in html and 'name="_save"' not in html
    assert 'name="postings-0-amount_minor"' not in html
    assert "Don de Julien" in html

    changed = admin_client.post(
        url,
        {
            "date": "2026-03-03",
            "description": "Changed",
            **_inline_data(
                posted, [(p, p.account.code, p.amount_minor) for p in posted.postings.all()]
            ),
        },
    )
    assert changed.status_code == 403
    assert admin_client.get(f"{ADMIN}transaction/{posted.pk}/delete/").status_code == 403
    assert (
        admin_client.post(f"{ADMIN}transaction/{posted.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    bulk = admin_client.post(
        f"{ADMIN}transaction/", {"action": "delete_selected", "_selected_action": [posted.pk]}
    )
    assert bulk.status_code in {200, 302}
    posted.refresh_from_db()
    assert posted.description == "Don de Julien" and posted.status == "posted"
    assert sorted(posted.postings.values_list("amount_minor", flat=True)) == [-5000, 5000]


def test_a_draft_is_changed_in_the_admin_only_balanced(admin_client, posted_and_draft):
    _posted, draft = posted_and_draft
    url = f"{ADMIN}transaction/{draft.pk}/change/"
    supplies, cash = draft.postings.order_by("-amount_minor")

    refused = admin_client.post(
        url,
        {
            "date": "2026-03-06",
            "description": "Fournitures de bureau",
            "reference": "",
            **_inline_data(
                draft, [(supplies, "Expenses:Supplies", 1500), (cash, "Assets:Cash", -1200)]
            ),
        },
    )
    assert refused.status_code == 200
    assert "EUR does not balance in the fund plateforme: off by €3.00." in refused.content.decode()
    draft.refresh_from_db()
    assert draft.description == "Fournitures"

    saved = admin_client.post(
        url,
        {
            "date": "2026-03-06",
            "description": "Fournitures de bureau",
            "reference": "",
            **_inline_data(
                draft, [(supplies, "Expenses:Supplies", 1500), (cash, "Assets:Cash", -1500)]
            ),
        },
    )
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert (draft.description, str(draft.date)) == ("Fournitures de bureau", "2026-03-06")
    assert sorted(draft.postings.values_list("amount_minor", "date")) == [
        (-1500, draft.date),
        (1500, draft.date),
    ]


def test_a_draft_is_deleted_in_the_admin(admin_client, posted_and_draft):
    _posted, draft = posted_and_draft

    admin_client.post(f"{ADMIN}transaction/{draft.pk}/delete/", {"post": "yes"})

    assert not Transaction.objects.filter(pk=draft.pk).exists()
    assert not Posting.objects.filter(transaction_id=draft.pk).exists()


def test_transactions_are_not_added_in_the_admin(admin_client, db):
    assert admin_client.get(f"{ADMIN}transaction/add/").status_code == 403


def test_accounts_are_edited_but_never_deleted_nor_recoded(admin_client, db):
    account = Account.objects.get(code="Expenses:Hosting")
    page = admin_client.get(f"{ADMIN}account/{account.pk}/change/").content.decode()

    assert 'name="code"' not in page and 'name="type"' not in page
    assert 'name="number"' in page
    assert (
        admin_client.post(f"{ADMIN}account/{account.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Account.objects.filter(pk=account.pk).exists()


def test_funds_needs_and_rates_are_editable(admin_client, db):
    platform = Fund.objects.get(kind="platform")
    for url in (
        f"{ADMIN}fund/{platform.pk}/change/",
        f"{ADMIN}budgetline/add/",
        f"{ADMIN}exchangerate/add/",
        f"{ADMIN}closedperiod/",
        f"{ADMIN}bankimport/",
    ):
        assert admin_client.get(url).status_code == 200, url
    assert (
        admin_client.post(f"{ADMIN}fund/{platform.pk}/delete/", {"post": "yes"}).status_code == 403
    )

    admin_client.post(
        f"{ADMIN}exchangerate/add/",
        {"date": "2026-01-01", "commodity": "HOUR", "quote": "EUR", "rate": "15"},
    )
    assert ExchangeRate.objects.get().rate == 15
    assert BudgetLine.objects.count() == 0


def test_a_rate_or_a_draft_dated_outside_the_window_is_refused_under_its_field(
    admin_client, posted_and_draft
):
    _posted, draft = posted_and_draft
    supplies, cash = draft.postings.order_by("-amount_minor")

    rate = admin_client.post(
        f"{ADMIN}exchangerate/add/",
        {"date": "0001-01-01", "commodity": "HOUR", "quote": "EUR", "rate": "15"},
    )
    moved = admin_client.post(
        f"{ADMIN}transaction/{draft.pk}/change/",
        {
            "date": "9999-12-31",
            "description": "Fournitures",
            "reference": "",
            **_inline_data(
                draft, [(supplies, "Expenses:Supplies", 1200), (cash, "Assets:Cash", -1200)]
            ),
        },
    )

    assert rate.status_code == moved.status_code == 200  # the form again, with the error
    assert "0001-01-01 is outside the dates the platform accepts" in rate.content.decode()
    assert "9999-12-31 is outside the dates the platform accepts" in moved.content.decode()
    assert not ExchangeRate.objects.exists()
    draft.refresh_from_db()
    assert str(draft.date) == "2026-03-05"
