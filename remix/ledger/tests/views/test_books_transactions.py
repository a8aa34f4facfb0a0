"""Transactions written through the pages: drafts created, edited, posted, categorised,
reversed, deleted, their receipts; the list's cost."""

import datetime
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from remix.core.models import AuditEvent
from remix.ledger.models import Attachment, Transaction
from remix.ledger.tests.builders import books_load, fund_project
from remix.ledger.tests.views.pages import BOOKS, acc

D = datetime.date


def _hosting_invoice(platform) -> dict:
    """A draft as the new-transaction page posts it: two rows filled, two left as offered."""
    return {
        "date": "2026-04-02",
        "description": "OVH, serveur d'avril",
        "reference": "FA-2026-117",
        "postings-TOTAL_FORMS": "4",
        "postings-INITIAL_FORMS": "4",  # as the page says: any row may stay empty
        "postings-0-account": acc("Expenses:Hosting").pk,
        "postings-0-fund": platform.pk,
        "postings-0-amount": "1 240,50",
        "postings-0-commodity": "EUR",
        "postings-1-account": acc("Assets:Bank:Current").pk,
        "postings-1-fund": platform.pk,
        "postings-1-amount": "-1240.50",
        "postings-1-commodity": "eur",
        # Two untouched rows, as the page offers them: ignored.
        "postings-2-fund": platform.pk,
        "postings-2-commodity": "EUR",
        "postings-3-fund": platform.pk,
        "postings-3-commodity": "EUR",
        "then": "draft",
    }


def test_a_draft_is_created_posted_and_reversed_through_the_pages(
    as_treasurer, treasurer, platform
):
    created = as_treasurer.post(BOOKS + "transactions/new/", _hosting_invoice(platform))
    tx = Transaction.objects.get(description="OVH, serveur d'avril")
    assert created.status_code == 302 and created["Location"].endswith(f"/{tx.pk}/")
    assert (tx.status, tx.reference, tx.created_by) == ("draft", "FA-2026-117", treasurer)
    assert sorted(tx.postings.values_list("account__code", "amount_minor", "commodity")) == [
        ("Assets:Bank:Current", -124050, "EUR"),
        ("Expenses:Hosting", 124050, "EUR"),
    ]

    as_treasurer.post(BOOKS + f"transactions/{tx.pk}/post/")
    tx.refresh_from_db()
    assert tx.status == "posted" and tx.posted_by == treasurer

    detail = as_treasurer.get(BOOKS + f"transactions/{tx.pk}/").content.decode()
    assert "€1,240.50" in detail and 'id="id_reason"' in detail

    reversed_ = as_treasurer.post(
        BOOKS + f"transactions/{tx.pk}/reverse/",
        {"reason": "Facture en double", "date": "2026-04-09"},
    )
    reversal = Transaction.objects.get(reverses=tx)
    assert reversed_["Location"].endswith(f"/{reversal.pk}/")
    assert (reversal.date, reversal.reason, reversal.status) == (
        D(2026, 4, 9),
        "Facture en double",
        "posted",
    )
    assert sorted(reversal.postings.values_list("account__code", "amount_minor")) == [
        ("Assets:Bank:Current", 124050),
        ("Expenses:Hosting", -124050),
    ]
    original = as_treasurer.get(BOOKS + f"transactions/{tx.pk}/").content.decode()
    assert "Reversed by" in original and "Facture en double" in original
    assert 'id="id_reason"' not in original  # reversed once, never twice
    assert "Reverses" in as_treasurer.get(BOOKS + f"transactions/{reversal.pk}/").content.decode()

    trial = as_treasurer.get(BOOKS + "reports/trial-balance/?on=2026-04-30")
    assert trial.context["trial"].balanced
    assert trial.context["trial"].totals == {}  # the reversal cancelled everything
    assert 'data-balanced="true"' in trial.content.decode()


def test_an_unbalanced_form_is_refused_naming_commodity_and_fund_and_keeps_the_input(
    as_treasurer, platform
):
    before = Transaction.objects.count()
    response = as_treasurer.post(
        BOOKS + "transactions/new/",
        {
            "date": "2026-04-02",
            "description": "Hébergement",
            "postings-TOTAL_FORMS": "2",
            "postings-INITIAL_FORMS": "0",
            "postings-0-account": acc("Expenses:Hosting").pk,
            "postings-0-fund": platform.pk,
            "postings-0-amount": "1 240,50",
            "postings-0-commodity": "EUR",
            "postings-0-memo": "avril",
            "postings-1-account": acc("Assets:Bank:Current").pk,
            "postings-1-fund": platform.pk,
            "postings-1-amount": "-1230.50",
            "postings-1-commodity": "EUR",
            "then": "draft",
        },
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert Transaction.objects.count() == before
    assert response.context["posting_errors"] == [
        "EUR does not balance in the fund plateforme: off by €10.00."
    ]
    assert "EUR does not balance in the fund plateforme: off by €10.00." in page
    assert 'value="1 240,50"' in page and 'value="-1230.50"' in page
    assert 'value="Hébergement"' in page and 'value="avril"' in page


def test_a_typing_mistake_is_shown_next_to_its_field(as_treasurer, platform):
    response = as_treasurer.post(
        BOOKS + "transactions/new/",
        {
            "date": "2026-04-02",
            "description": "",
            "postings-TOTAL_FORMS": "2",
            "postings-INITIAL_FORMS": "0",
            "postings-0-account": acc("Expenses:Hosting").pk,
            "postings-0-fund": platform.pk,
            "postings-0-amount": "douze",
            "postings-0-commodity": "EUR",
            "postings-1-account": acc("Assets:Bank:Current").pk,
            "postings-1-fund": platform.pk,
            "postings-1-amount": "-12",
            "postings-1-commodity": "EUROS",
        },
    )
    rows = response.context["rows"]

    assert response.context["form"].errors == {"description": ["This field is required."]}
    assert rows.forms[0].errors == {"amount": ["Type an amount, for example 1 240,50 or 1240.50."]}
    assert rows.forms[1].errors["commodity"] == [
        "Unknown currency: EUROS. Use an ISO code such as EUR, XOF, CAD, or HOUR."
    ]
    assert 'value="douze"' in response.content.decode()


def test_a_draft_is_edited_then_saved_and_posted_at_once(as_treasurer, platform):
    (tx,) = books_load(
        """
        2026-04-02 ! "Fournitures"
          Expenses:Supplies        30.00 EUR
          Assets:Cash             -30.00 EUR
        """
    )
    form = as_treasurer.get(BOOKS + f"transactions/{tx.pk}/edit/")
    assert form.context["rows"].initial[0]["amount"] == "30.00"

    as_treasurer.post(
        BOOKS + f"transactions/{tx.pk}/edit/",
        {
            "date": "2026-04-03",
            "description": "Fournitures de bureau",
            "postings-TOTAL_FORMS": "2",
            "postings-INITIAL_FORMS": "0",
            "postings-0-account": acc("Expenses:Supplies").pk,
            "postings-0-fund": platform.pk,
            "postings-0-amount": "32.40",
            "postings-0-commodity": "EUR",
            "postings-1-account": acc("Assets:Cash").pk,
            "postings-1-fund": platform.pk,
            "postings-1-amount": "-32.40",
            "postings-1-commodity": "EUR",
            "then": "post",
        },
    )
    tx.refresh_from_db()

    assert (tx.date, tx.description, tx.status) == (
        D(2026, 4, 3),
        "Fournitures de bureau",
        "posted",
    )
    assert sorted(tx.postings.values_list("amount_minor", "date")) == [
        (-3240, D(2026, 4, 3)),
        (3240, D(2026, 4, 3)),
    ]
    assert as_treasurer.get(BOOKS + f"transactions/{tx.pk}/edit/").status_code == 302


def test_an_imported_row_is_categorised_in_one_step(as_treasurer, sample, platform):
    waiting = sample["waiting"]
    fiesta = fund_project("fiesta-2026")

    as_treasurer.post(
        BOOKS + f"transactions/{waiting.pk}/categorise/",
        {"account": acc("Expenses:Hosting").pk, "fund": platform.pk},
    )
    assert sorted(waiting.postings.values_list("account__code", "fund__slug", "amount_minor")) == [
        ("Assets:Bank:Current", "plateforme", -1200),
        ("Expenses:Hosting", "plateforme", 1200),
    ]
    waiting.refresh_from_db()
    assert waiting.status == "draft"

    (other,) = books_load(
        """
        2026-03-06 ! "CB Imprimerie du Port"
          Assets:Bank:Current   -80.00 EUR
          Assets:Suspense        80.00 EUR
        """
    )
    listed = as_treasurer.get(BOOKS + "transactions/?status=waiting")
    assert [tx.pk for tx in listed.context["page"]] == [other.pk]
    assert f'id="id_cat{other.pk}_account"' in listed.content.decode()

    done = as_treasurer.post(
        BOOKS + f"transactions/{other.pk}/categorise/",
        {
            "account": acc("Expenses:Mediation:Fiestas").pk,
            "fund": fiesta.pk,
            "post": "on",
            "next": "/en/budget/books/transactions/?status=waiting",
        },
    )
    other.refresh_from_db()
    assert done["Location"] == "/en/budget/books/transactions/?status=waiting"
    assert other.status == "posted"
    assert set(other.postings.values_list("fund__slug", flat=True)) == {"fiesta-2026"}


def test_a_project_cost_refused_in_the_platform_fund_is_said_next_to_the_account(
    as_treasurer, sample, platform
):
    waiting = sample["waiting"]
    response = as_treasurer.post(
        BOOKS + f"transactions/{waiting.pk}/categorise/",
        {"account": acc("Expenses:Mediation:Fiestas").pk, "fund": platform.pk},
    )

    assert response.status_code == 400
    assert response.context["categorise_form"].errors["account"] == [
        "Expenses:Mediation:Fiestas is a mediation project's cost: it cannot land in the "
        "platform fund. Choose the project's fund."
    ]


def test_a_draft_is_deleted_after_a_confirmation(as_treasurer, sample):
    waiting = sample["waiting"]
    assert (
        "is a draft"
        in as_treasurer.get(BOOKS + f"transactions/{waiting.pk}/delete/").content.decode()
    )

    as_treasurer.post(BOOKS + f"transactions/{waiting.pk}/delete/")

    assert not Transaction.objects.filter(pk=waiting.pk).exists()
    posted = sample["posted"]
    as_treasurer.post(BOOKS + f"transactions/{posted.pk}/delete/")
    assert Transaction.objects.filter(pk=posted.pk).exists()


def test_a_receipt_is_attached_and_downloaded_by_treasurers_only(
    as_treasurer, sample, settings, client, make_user
):
    posted = sample["posted"]
    as_treasurer.post(
        BOOKS + f"transactions/{posted.pk}/attachments/",
        {"file": SimpleUploadedFile("recu don.pdf", b"%PDF-1.4 recu", "application/pdf")},
    )
    attachment = Attachment.objects.get(transaction=posted)
    assert attachment.name == "recu don.pdf"
    # Stored out of MEDIA_ROOT under a name that says nothing of the giver or the date.
    assert re.fullmatch(r"ledger/receipts/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert (settings.PRIVATE_MEDIA_ROOT / attachment.file.name).read_bytes() == b"%PDF-1.4 recu"

    address = f"/files/receipt/{attachment.pk}/"
    page = as_treasurer.get(BOOKS + f"transactions/{posted.pk}/").content.decode()
    assert f'href="{address}"' in page
    download = as_treasurer.get(address)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 recu"
    assert download["Content-Disposition"] == 'attachment; filename="recu_don.pdf"'

    as_treasurer.logout()
    as_treasurer.force_login(make_user("membre", roles=["member"]))
    assert as_treasurer.get(address).status_code == 403
    assert AuditEvent.objects.filter(action="ledger.attachment.added").count() == 1


def test_the_list_reads_the_database_a_fixed_number_of_times(
    as_treasurer, platform, django_assert_max_num_queries
):
    books_load(
        "\n\n".join(
            f"""
            2026-03-{day:02d} ! "Ligne {day}"
              Assets:Bank:Current   -{day}.00 EUR
              Assets:Suspense        {day}.00 EUR
            """
            for day in range(1, 29)
        )
    )
    with django_assert_max_num_queries(15):
        response = as_treasurer.get(BOOKS + "transactions/")
    assert response.context["page"].paginator.count == 28
    assert response.content.decode().count('name="account"') == 28 + 1  # the rows, the filter
