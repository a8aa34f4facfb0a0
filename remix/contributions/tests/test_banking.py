"""Gifts by bank transfer: a statement imported through the ledger finds its pledges by their
RF reference, and only rows that pay a standing pledge exactly are posted."""

import datetime

import pytest
from django.db.models import Sum
from django.utils import timezone, translation

from remix.contributions import banking, selectors, services
from remix.contributions.models import Contribution, Visibility
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.core.models import AuditEvent
from remix.ledger import imports
from remix.ledger.models import Account, BankImport, Posting, Transaction
from remix.ledger.selectors import public_description
from remix.ledger.signals import bank_import_done

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def statement(*rows) -> bytes:
    """A French bank's CSV: (day, label, credit in euros as typed)."""
    lines = ["Date;Libellé;Débit euros;Crédit euros;"]
    lines += [f'{day:%d/%m/%Y};"{label}";;{credit};' for day, label, credit in rows]
    return "\n".join(lines).encode("utf-8")


def import_run(data: bytes, treasurer=None) -> BankImport:
    bank = Account.objects.get(code="Assets:Bank:Current")
    batch = imports.bank_import_prepare(
        data=data, filename="releve.csv", account=bank, fund=builders.platform(), recorder=treasurer
    )
    return imports.bank_import_run(bank_import=batch, data=data)


def pledge(name="Awa Diop", amount="50", **kwargs):
    made, _created = services.pledge_create(
        fund=kwargs.pop("fund", None) or builders.fund(),
        amount=amount,
        giver=kwargs.pop("giver", None) or Giver(name=name),
        **kwargs,
    )
    return made


def legs(tx: Transaction) -> set:
    return {
        (p.account.code, p.fund.slug, p.amount_minor, p.posted)
        for p in tx.postings.select_related("account", "fund")
    }


def row(batch: BankImport, text: str) -> Transaction:
    return batch.transactions.get(description__contains=text)


def test_a_transfer_with_a_pledges_reference_becomes_its_gift(make_user):
    treasurer = make_user("tresoriere", roles=["treasurer"])
    awa = pledge()
    other = pledge(name="Jean Dupont", amount="30")
    data = statement(
        (TODAY(), f"VIR SEPA AWA DIOP {awa.reference} DON", "50,00"),
        (TODAY(), f"VIR SEPA JEAN DUPONT {other.reference}", "35,00"),  # not the pledge's amount
        (TODAY(), "VIR SEPA RECU /DE REGION OCCITANIE SUBVENTION", "1 200,00"),
    )
    batch = import_run(data, treasurer)

    gift = Contribution.objects.get()
    paid = row(batch, "AWA DIOP")
    assert (gift.pledge, gift.transaction, gift.provider) == (awa, paid, "bank")
    assert (gift.amount_minor, gift.date, gift.fund.slug) == (5000, TODAY(), "fiesta-2026")
    assert gift.decided_by == treasurer
    assert paid.status == "posted"
    assert legs(paid) == {
        ("Assets:Bank:Current", "fiesta-2026", 5000, True),
        ("Income:Contributions:Donations", "fiesta-2026", -5000, True),
    }
    # The wrong amount and the row without a reference wait for the treasurer, as imported.
    for text, amount in (("JEAN DUPONT", 3500), ("OCCITANIE", 120000)):
        waiting = row(batch, text)
        assert waiting.status == "draft" and not hasattr(waiting, "gift")
        assert legs(waiting) == {
            ("Assets:Bank:Current", "plateforme", amount, False),
            ("Assets:Suspense", "plateforme", -amount, False),
        }
    [reported] = AuditEvent.objects.filter(action="funding.bank.unmatched")
    assert reported.object_id == str(other.pk)
    assert reported.data["row"] == row(batch, "JEAN DUPONT").pk

    # Matching again, or importing the same statement again, records nothing twice.
    again = banking.bank_import_match(bank_import=batch)
    assert again.matched == [] and [u.pledge for u in again.unmatched] == [other]
    assert import_run(data).rows_created == 0
    assert Contribution.objects.count() == 1
    assert AuditEvent.objects.filter(action="funding.bank.unmatched").count() == 1


def test_the_reference_is_found_written_without_spaces_and_in_lower_case():
    awa = pledge()
    compact = awa.reference.replace(" ", "").lower()
    batch = import_run(statement((TODAY(), f"VIR SEPA AWA DIOP/{compact}", "50")))
    assert Contribution.objects.get().transaction == batch.transactions.get()


def test_a_giver_who_asked_not_to_be_named_is_not_named_by_the_bank_label():
    secret = pledge(name="Jean Secret", visibility=Visibility.AMOUNT)
    batch = import_run(statement((TODAY(), f"VIR JEAN SECRET {secret.reference}", "50,00")))
    paid = batch.transactions.get()
    assert paid.status == "posted" and paid.anonymous
    with translation.override("en"):
        assert public_description(paid) == "Anonymous gift"


def test_each_months_transfer_of_a_monthly_pledge_is_a_gift():
    start = TODAY() - datetime.timedelta(days=40)
    monthly = pledge(amount="15", frequency="monthly", start=start)
    batch = import_run(
        statement(
            (start, f"VIR PERMANENT AWA DIOP {monthly.reference}", "15,00"),
            (
                start + datetime.timedelta(days=31),
                f"VIR PERMANENT AWA DIOP {monthly.reference}",
                "15,00",
            ),
        )
    )
    assert batch.rows_created == 2
    assert Contribution.objects.filter(pledge=monthly).count() == 2
    donations = Posting.objects.filter(
        account__code="Income:Contributions:Donations", posted=True
    ).aggregate(total=Sum("amount_minor"))["total"]
    assert donations == -3000


def test_a_gift_to_a_rounds_project_by_transfer_counts_in_the_round(make_user):
    round_ = builders.round_()
    project = services.round_project_add(round=round_, fund=builders.fund())
    awa = builders.verified(make_user("awa", roles=["member"]))
    promise = pledge(amount="10", giver=builders.giver(awa), round_project=project)
    import_run(statement((TODAY(), f"VIR SEPA AWA DIOP {promise.reference}", "10,00")))
    [gift] = selectors.round_gifts(round=round_)
    assert (gift.pledge, gift.round_project, gift.user) == (promise, project, awa)


def test_a_campaign_pledge_is_not_paid_before_the_campaign_closes():
    campaign = builders.campaign()
    promise, _created = services.pledge_create(
        fund=campaign.fund, amount="20", giver=Giver(name="Awa Diop"), campaign=campaign
    )
    batch = import_run(statement((TODAY(), f"VIR AWA DIOP {promise.reference}", "20,00")))
    assert batch.transactions.get().status == "draft"
    assert not Contribution.objects.exists()
    [reported] = AuditEvent.objects.filter(action="funding.bank.unmatched")
    assert reported.data["reasons"]


def test_a_failing_listener_leaves_the_import_done():
    def broken(sender, **kwargs):
        raise RuntimeError("listener down")

    bank_import_done.connect(broken, dispatch_uid="test.broken")
    try:
        awa = pledge()
        batch = import_run(statement((TODAY(), f"VIR AWA DIOP {awa.reference}", "50,00")))
    finally:
        bank_import_done.disconnect(dispatch_uid="test.broken")
    assert batch.status == "done" and batch.rows_created == 1
    assert Contribution.objects.count() == 1  # the funding app's listener still ran
