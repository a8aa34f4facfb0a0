"""What the fiscal host's charge carries through a handover: its bank account. A monthly pledge
made before the handover keeps its reference; its next payment arrives on the incoming carrier's
account and is found there by the bank import; pages and receipts name the holder of the day."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from remix.accounts.models import User
from remix.contributions import selectors as giving
from remix.contributions import services as contributions
from remix.contributions.models import Contribution
from remix.contributions.references import reference_make
from remix.contributions.services import Giver
from remix.contributions.tests.builders import platform
from remix.ledger import imports
from remix.ledger.bankfiles import ImportRefused
from remix.ledger.models import Account, BankAccount, Transaction
from remix.ledger.selectors import bank_account_held
from remix.ledger.services import account_create, bank_account_record
from remix.stewardship.forms import HandoverForm
from remix.stewardship.models import Step, Term
from remix.stewardship.services import handover_propose
from remix.stewardship.tests.handover_world import BANK, world
from remix.stewardship.tests.test_handover import _walk

D = datetime.date
STATEMENT = Path(__file__).parent / "samples" / "camt053-communs-2026-07.xml"
# The statement's gift carries this reference (its body is RMXAWA2026).
REFERENCE = reference_make("RMXAWA2026")
FABRIQUE_IBAN = "FR2510278073000002019870117"
COMMUNS_IBAN = "FR7342559100000123456789012"


@pytest.fixture
def the(make_user):
    the = world(make_user)
    bank_account_record(
        account=Account.objects.get(code=BANK),
        holder=the.outgoing_term.carrier,
        iban=FABRIQUE_IBAN,
        holder_address="12 rue des Tanneurs\n69007 Lyon",
        held_from=D(2019, 1, 1),
    )
    bank_account_record(
        account=the.new_bank,
        holder=the.incoming,
        iban=COMMUNS_IBAN,
        bic="CCOPFRPP",
        holder_address="5 place des Communs\n69001 Lyon",
    )
    return the


def awa_pledge(monkeypatch):
    """Awa's 10 € a month from May 2026, with the reference the statement carries."""
    monkeypatch.setattr(contributions.pledges, "_reference_new", lambda: REFERENCE)
    pledge, _new = contributions.pledge_create(
        fund=platform(),
        amount="10",
        frequency="monthly",
        start=D(2026, 5, 6),
        giver=Giver(user=User.objects.get(username="awa")),
    )
    return pledge


def handed_over(the):
    """Proposed without naming accounts: the recorded ones are taken; then walked to the end."""
    handover = handover_propose(
        term=the.outgoing_term,
        incoming=the.incoming,
        effective_date=D(2026, 7, 1),
        incoming_people=[the.yasmine],
        recorder=the.louise,
    )
    return _walk(the, handover, until=Step.DONE)


def bank_legs(contribution) -> set:
    tx = Transaction.objects.get(pk=contribution.transaction_id)
    return {
        (p.account.code, p.amount_minor, p.posted) for p in tx.postings.select_related("account")
    }


def test_a_monthly_pledge_made_before_a_handover_is_reconciled_after_it_on_the_incoming_account(
    the, monkeypatch, make_user
):
    pledge = awa_pledge(monkeypatch)
    for day in (D(2026, 5, 6), D(2026, 6, 6)):
        gift, _new = contributions.payment_record(pledge=pledge, amount="10", date=day)
        assert ("Assets:Bank:Current", 1000, True) in bank_legs(gift)

    handover = handed_over(the)
    assert (handover.from_account.code, handover.to_account.code) == (BANK, "Assets:Bank:Communs")
    assert bank_account_held(on=D(2026, 6, 30)).holder == the.outgoing_term.carrier
    assert bank_account_held(on=D(2026, 7, 1)).holder == the.incoming

    treasurer = make_user("ines", roles=["member", "treasurer"])
    data = STATEMENT.read_bytes()
    batch = imports.bank_import_prepare(
        data=data,
        filename=STATEMENT.name,
        account=the.new_bank,
        fund=platform(),
        recorder=treasurer,
    )
    batch = imports.bank_import_run(bank_import=batch, data=data)

    july = Contribution.objects.get(pledge=pledge, date=D(2026, 7, 6))
    assert (july.provider, july.amount_minor, july.decided_by) == ("bank", 1000, treasurer)
    assert bank_legs(july) == {
        ("Assets:Bank:Communs", 1000, True),
        ("Income:Contributions:Donations", -1000, True),
    }
    pledge.refresh_from_db()
    assert (pledge.reference, pledge.status) == (REFERENCE, "active")
    reconciled = giving.pledge_reconciliation(pledge=pledge, today=D(2026, 7, 31))
    assert (reconciled.scheduled, reconciled.received, reconciled.late) == (3000, 3000, ())
    # The outgoing host's wire of the balance is no gift: it waits for the treasurer.
    waiting = batch.transactions.exclude(pk=july.transaction_id)
    assert sorted(row.status for row in waiting) == ["draft", "draft"]
    assert Contribution.objects.filter(pledge=pledge).count() == 3

    # A gift recorded by hand after the handover lands on the incoming account too.
    august, _new = contributions.payment_record(pledge=pledge, amount="10", date=D(2026, 8, 6))
    assert ("Assets:Bank:Communs", 1000, True) in bank_legs(august)


def test_the_pledge_page_names_the_new_holder_and_its_iban(the, monkeypatch, client):
    pledge = awa_pledge(monkeypatch)
    client.force_login(User.objects.get(username="awa"))
    with translation.override("en"):
        target = reverse("contributions:pledge", kwargs={"reference": REFERENCE.replace(" ", "")})
    before = client.get(target).content.decode()
    assert "La Fabrique" in before and "FR25 1027 8073 0000 0201 9870 117" in before
    handed_over(the)
    after = client.get(target).content.decode()
    assert "Coopérative des Communs" in after and "FR73 4255 9100 0001 2345 6789 012" in after
    assert "CCOPFRPP" in after and "FR25 1027" not in after
    assert "Since July 1, 2026, Coopérative des Communs holds the platform" in after
    assert pledge.reference in after


def test_the_give_page_names_the_holder_of_the_day(the, client):
    with translation.override("en"):
        target = reverse("contributions:give", kwargs={"fund": platform().slug})
    assert "account of La Fabrique, IBAN FR25 1027" in client.get(target).content.decode()
    handed_over(the)
    after = client.get(target).content.decode()
    assert "account of Coopérative des Communs, IBAN FR73 4255 9100 0001 2345 6789 012" in after


def test_a_receipt_names_the_fiscal_host_that_held_the_account_on_the_gifts_day(
    the, monkeypatch, settings
):
    settings.REMIX_RECEIPTS = {
        "issuer": "Coopérative des Communs",
        "address": "5 place des Communs, Lyon",
        "object": "Faire vivre les communs du réseau",
        "signatory": "Louise Martin",
    }
    pledge = awa_pledge(monkeypatch)
    june, _new = contributions.payment_record(pledge=pledge, amount="10", date=D(2026, 6, 6))
    handed_over(the)
    august, _new = contributions.payment_record(pledge=pledge, amount="10", date=D(2026, 8, 6))

    before = contributions.receipt_issue(contribution=june).issuer
    after = contributions.receipt_issue(contribution=august).issuer
    assert before == {
        "issuer": "La Fabrique",
        "address": "12 rue des Tanneurs\n69007 Lyon",
        "object": "Faire vivre les communs du réseau",
        "signatory": "",
        "role": "",
    }
    assert (after["issuer"], after["address"], after["signatory"]) == (
        "Coopérative des Communs",
        "5 place des Communs, Lyon",
        "Louise Martin",
    )


def test_the_handover_form_offers_the_recorded_accounts(the):
    form = HandoverForm(terms=Term.objects.filter(pk=the.outgoing_term.pk))
    assert form.fields["from_account"].initial.code == BANK
    assert form.fields["to_account"].initial == the.new_bank


def test_an_incoming_account_recorded_for_another_organisation_is_refused(the):
    other = account_create(code="Assets:Bank:Autre", name={"fr": "Autre"}, is_cash=True)
    bank_account_record(
        account=other,
        holder=the.outgoing_term.carrier,
        iban="FR6216807001230456789012345",
    )
    with pytest.raises(ValidationError) as refused:
        handover_propose(
            term=the.outgoing_term,
            incoming=the.incoming,
            effective_date=D(2026, 7, 1),
            incoming_people=[the.yasmine],
            from_account=Account.objects.get(code=BANK),
            to_account=other,
            recorder=the.louise,
        )
    assert set(refused.value.message_dict) == {"to_account"}


@pytest.mark.no_selfchecks
def test_an_account_held_by_another_than_the_fiscal_host_is_found(the):
    from remix.stewardship.selfchecks import check_bank_holder

    assert check_bank_holder() == []
    other = account_create(code="Assets:Bank:Autre", name={"fr": "Autre"}, is_cash=True)
    bank_account_record(
        account=other,
        holder=the.incoming,
        iban="FR6216807001230456789012345",
        held_from=D(2026, 1, 1),
    )
    assert check_bank_holder() == [
        "the bank account FR62 1680 7001 2304 5678 9012 345 is held by Coopérative des Communs, "
        "but La Fabrique carries the fiscal host's charge"
    ]


def test_the_demo_gives_to_the_cooperatives_account_after_la_fabriques(db, client):
    from remix.core.demo import demo_load

    demo_load()
    fabrique, communs = BankAccount.objects.order_by("held_from")
    assert (fabrique.holder.name, fabrique.held_until) == ("Tiers-lieu La Fabrique", D(2024, 6, 30))
    assert (communs.holder.name, communs.held_from) == ("Coopérative des Communs", D(2024, 7, 1))
    fiscal = Term.objects.get(charge="fiscal_host", end_date__isnull=True)
    assert bank_account_held().holder == fiscal.carrier
    page = client.get(reverse("contributions:give", kwargs={"fund": platform().slug}))
    assert "Coopérative des Communs" in page.content.decode()
    assert "FR73 4255 9100 0001 2345 6789 012" in page.content.decode()


def test_the_incoming_accounts_statement_is_refused_on_the_outgoing_account(the, make_user):
    treasurer = make_user("ines", roles=["member", "treasurer"])
    data = STATEMENT.read_bytes()
    batch = imports.bank_import_prepare(
        data=data,
        filename=STATEMENT.name,
        account=Account.objects.get(code=BANK),
        fund=platform(),
        recorder=treasurer,
    )
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        imports.bank_import_run(bank_import=batch, data=data)
    assert str(refused.value.reason) == (
        "This statement is of the account FR73 4255 9100 0001 2345 6789 012, not of "
        "Assets:Bank:Current (FR25 1027 8073 0000 0201 9870 117): import it into the account "
        "it belongs to."
    )
    assert not Transaction.objects.filter(bank_import=batch).exists()


def test_the_handover_page_names_both_accounts_with_their_holders(the, client):
    handover = handover_propose(
        term=the.outgoing_term,
        incoming=the.incoming,
        effective_date=D(2026, 7, 1),
        incoming_people=[the.yasmine],
        recorder=the.louise,
    )
    with translation.override("en"):
        target = reverse("stewardship:handover", kwargs={"pk": handover.pk})
    page = client.get(target, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    outgoing = page.index("The outgoing carrier's account")
    incoming = page.index("The incoming carrier's account")
    assert outgoing < page.index(f"<code>{BANK}</code>") < incoming
    assert "in the name of La Fabrique, IBAN FR25 1027 8073" in page[outgoing:incoming]
    assert f"<code>{the.new_bank.code}</code>" in page[incoming:]
    assert "IBAN FR73 4255 9100 0001 2345 6789 012" in page[incoming:]
