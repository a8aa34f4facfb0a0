"""Money that found no pledge: listed on the treasury page, matched there by hand, once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from remix.contributions import providers
from remix.contributions.models import Contribution
from remix.contributions.selectors import unmatched
from remix.contributions.services import Giver, pledge_create
from remix.contributions.tests import builders
from remix.contributions.webhooks import ProviderEvent
from remix.ledger import imports
from remix.ledger.models import Account, Transaction

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def treasurer(make_user):
    return make_user("tresoriere", roles=["treasurer"], language="en")


def pledge(amount="50", commodity="EUR"):
    made, _created = pledge_create(
        fund=builders.fund(), amount=amount, commodity=commodity, giver=Giver(name="Awa Diop")
    )
    return made


def import_rows(*rows, treasurer=None):
    """A French bank's CSV of money in: (label, credit as typed)."""
    day = TODAY()
    lines = ["Date;Libellé;Montant;Sens"]
    lines += [f"{day:%d/%m/%Y};{label};{credit};C" for label, credit in rows]
    data = "\n".join(lines).encode()
    batch = imports.bank_import_prepare(
        data=data,
        filename="releve.csv",
        account=Account.objects.get(code="Assets:Bank:Current"),
        fund=builders.platform(),
        recorder=treasurer,
    )
    return imports.bank_import_run(bank_import=batch, data=data)


def notice(reference="", *, amount=5000, commodity="EUR", event_id="pi_unmatched_1"):
    return providers.event_record(
        event=ProviderEvent(
            provider="stripe",
            event_id=event_id,
            kind="payment_intent.succeeded",
            amount_minor=amount,
            commodity=commodity,
            reference=reference,
            paid_on=TODAY(),
        )
    )


def en(name: str, **kwargs) -> str:
    """The English address of a page: its messages and amounts are said in English."""
    with translation.override("en"):
        return reverse(f"contributions:{name}", kwargs=kwargs or None)


def treasury(client) -> str:
    return client.get(en("treasury")).content.decode()


def test_rows_without_a_pledge_are_listed_with_why_and_matched_by_hand_once(client, treasurer):
    awa = pledge()
    with translation.override("en"):  # the reasons are said in the importer's language
        batch = import_rows(
            ("VIR SEPA DIOP AWA DON", "50,00"),  # no reference: the giver forgot it
            (f"VIR SEPA DIOP AWA {awa.reference}", "60,00"),  # the pledge's, another amount
            treasurer=treasurer,
        )
    assert not Contribution.objects.exists()
    client.force_login(treasurer)
    page = treasury(client)
    assert "2 bank rows" in page and "VIR SEPA DIOP AWA DON" in page
    assert "Not matched: The row&#x27;s amount is not the pledge&#x27;s (€50.00)." in page

    forgot = batch.transactions.get(description="VIR SEPA DIOP AWA DON")
    address = en("bank_row_match", pk=forgot.pk)
    answer = client.post(address, {"reference": awa.reference.lower().replace(" ", "")})
    assert answer.status_code == 302
    gift = Contribution.objects.get()
    assert (gift.pledge, gift.transaction, gift.amount_minor, gift.provider) == (
        awa,
        forgot,
        5000,
        "bank",
    )
    assert gift.external_key == f"bank:{forgot.external_key}"
    forgot.refresh_from_db()
    assert forgot.status == "posted"
    page = treasury(client)
    assert "1 bank row" in page and "€50.00 recorded as a gift of Awa Diop" in page
    # Sent again (a double click, a second tab): the row is no longer waiting.
    assert client.post(address, {"reference": awa.reference}).status_code == 404
    assert Contribution.objects.count() == 1


def test_a_wrong_reference_is_said_and_records_nothing(client, treasurer):
    batch = import_rows(("VIR SEPA INCONNU", "20,00"))
    client.force_login(treasurer)
    row = batch.transactions.get()
    address = en("bank_row_match", pk=row.pk)
    page = client.post(address, {"reference": "RF00 1234"}, follow=True).content.decode()
    assert "No pledge has the reference “RF00 1234”." in page
    page = client.post(address, {"reference": ""}, follow=True).content.decode()
    assert "Give the reference of the pledge this money pays." in page
    assert not Contribution.objects.exists()
    assert Transaction.objects.get(pk=row.pk).status == "draft"


def test_money_out_is_not_listed(treasurer):
    data = "Date;Libellé;Montant;Sens\n" + f"{TODAY():%d/%m/%Y};PRLV OVH;23,99;D\n"
    batch = imports.bank_import_prepare(
        data=data.encode(),
        filename="releve.csv",
        account=Account.objects.get(code="Assets:Bank:Current"),
        fund=builders.platform(),
    )
    imports.bank_import_run(bank_import=batch, data=data.encode())
    assert unmatched.bank_rows_unmatched() == []


def test_a_notice_that_found_no_pledge_is_matched_by_hand_once(client, treasurer):
    awa = pledge()
    assert notice("RF99 0000").status == "unmatched"
    client.force_login(treasurer)
    page = treasury(client)
    assert "1 payment notice" in page and "RF99 0000" in page
    [event] = unmatched.payment_notices_unmatched()
    address = en("notice_match", pk=event.pk)
    client.post(address, {"reference": awa.reference})
    gift = Contribution.objects.get()
    assert (gift.pledge, gift.amount_minor, gift.provider, gift.external_key) == (
        awa,
        5000,
        "stripe",
        "stripe:pi_unmatched_1",
    )
    assert gift.transaction.is_posted
    assert unmatched.payment_notices_unmatched() == []
    assert client.post(address, {"reference": awa.reference}).status_code == 404
    # The provider sends the same notice again: it was recorded, nothing more is.
    assert notice("RF99 0000").status == "repeat"
    assert Contribution.objects.count() == 1


def test_a_notice_in_another_currency_than_the_pledge_is_refused_by_hand_too(client, treasurer):
    awa = pledge()
    notice(awa.reference, amount=5000, commodity="XOF", event_id="pi_xof")
    [event] = unmatched.payment_notices_unmatched()
    client.force_login(treasurer)
    with translation.override("en"):
        page = client.post(
            en("notice_match", pk=event.pk),
            {"reference": awa.reference},
            follow=True,
        ).content.decode()
    assert "This pledge is in EUR." in page
    assert not Contribution.objects.exists()


def test_a_row_naming_no_pledge_is_recorded_by_hand_as_a_gift_to_a_fund_once(client, treasurer):
    fiesta = builders.fund()
    batch = import_rows(("VIR SEPA DIOP AWA DON", "35,00"), treasurer=treasurer)
    row = batch.transactions.get()
    client.force_login(treasurer)
    page = treasury(client)
    assert "Or record it as a gift without a pledge" in page
    assert f'id="bank-row-{row.pk}-give-fund"' in page and 'value="fiesta-2026"' in page

    address = en("bank_row_give", pk=row.pk)
    asked = {"fund": "fiesta-2026", "name": "Awa Diop", "visibility": "private"}
    page = client.post(address, asked, follow=True).content.decode()

    gift = Contribution.objects.get()
    assert (gift.pledge, gift.fund, gift.name, gift.amount_minor, gift.commodity) == (
        None,
        fiesta,
        "Awa Diop",
        3500,
        "EUR",
    )
    assert (gift.provider, gift.external_key, gift.transaction) == (
        "bank",
        f"bank:{row.external_key}",
        row,
    )
    assert gift.decided_by == treasurer and gift.visibility == "private"
    row.refresh_from_db()
    # The row itself is categorised in the fund and posted; its label named the giver, who is
    # not to be shown: the books mark it anonymous.
    assert row.status == "posted" and row.anonymous
    assert {(p.account.code, p.fund.slug, p.amount_minor) for p in row.postings.all()} == {
        ("Assets:Bank:Current", "fiesta-2026", 3500),
        ("Income:Contributions:Donations", "fiesta-2026", -3500),
    }
    assert "€35.00 recorded as a gift of Awa Diop to fiesta-2026." in page
    assert "0 bank rows" in page
    assert client.post(address, asked).status_code == 404
    assert Contribution.objects.count() == 1


def test_a_gift_by_hand_says_what_is_missing_and_is_for_treasurers_only(
    client, treasurer, make_user
):
    batch = import_rows(("VIR SEPA INCONNU", "20,00"))
    row = batch.transactions.get()
    address = en("bank_row_give", pk=row.pk)
    client.force_login(make_user("awa", roles=["member"]))
    assert client.post(address, {"fund": "plateforme", "name": "Awa"}).status_code == 403
    client.force_login(treasurer)
    with translation.override("en"):
        page = client.post(address, {"visibility": "public"}, follow=True).content.decode()
    assert "Choose the fund the gift goes to. Say who gives." in page
    page = client.post(
        address, {"fund": "no-such-fund", "name": "Awa", "visibility": "public"}, follow=True
    ).content.decode()
    assert "Select a valid choice." in page
    assert not Contribution.objects.exists()
    assert Transaction.objects.get(pk=row.pk).status == "draft"


def test_a_notice_in_another_currency_is_recorded_by_hand_as_a_gift_in_its_currency(
    client, treasurer
):
    awa = pledge()
    notice(awa.reference, amount=15000, commodity="XOF", event_id="pi_xof")
    [event] = unmatched.payment_notices_unmatched()
    client.force_login(treasurer)
    address = en("notice_give", pk=event.pk)
    client.post(address, {"fund": "fiesta-2026", "name": "Awa Diop", "visibility": "public"})

    gift = Contribution.objects.get()
    assert (gift.pledge, gift.fund.slug, gift.amount_minor, gift.commodity) == (
        None,
        "fiesta-2026",
        15000,
        "XOF",
    )
    assert (gift.provider, gift.external_key) == ("stripe", "stripe:pi_xof")
    assert gift.transaction.is_posted and not gift.transaction.anonymous
    assert unmatched.payment_notices_unmatched() == []
    assert client.post(address, {"fund": "fiesta-2026", "name": "Awa"}).status_code == 404
    # The provider sends the same notice again: it was recorded, nothing more is.
    assert notice(awa.reference, amount=15000, commodity="XOF", event_id="pi_xof").status == (
        "repeat"
    )
    assert Contribution.objects.count() == 1


@pytest.mark.parametrize("count", [2, 12])
def test_the_lists_cost_the_same_queries_at_two_sizes(count, treasurer):
    import_rows(*[(f"VIR SEPA DON {n}", "10,00") for n in range(count)])
    for n in range(count):
        notice(f"RF99 {n:04d}", event_id=f"pi_{n}")
    with CaptureQueriesContext(connection) as queries:
        rows = unmatched.bank_rows_unmatched()
        notices = unmatched.payment_notices_unmatched()
    assert (len(rows), len(notices)) == (count, count)
    assert len(queries) == 4
    assert {(r.amount_minor, r.commodity) for r in rows} == {(1000, "EUR")}
