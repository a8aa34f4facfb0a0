"""The platform's bank accounts: an account of the books held at a bank by a fiscal host, from a
day; the one held on a day is where gifts by transfer are expected."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from remix.allies.models import Actor
from remix.allies.services import actor_create
from remix.core.models import AuditEvent
from remix.ledger import selectors, services
from remix.ledger.iban import bic_valid, iban_compact, iban_grouped, iban_valid
from remix.ledger.models import Account, BankAccount

D = datetime.date
FABRIQUE_IBAN = "FR2510278073000002019870117"
COMMUNS_IBAN = "FR7342559100000123456789012"


def test_an_iban_is_checked_by_its_two_digits_and_printed_by_fours():
    assert iban_valid("fr25 1027 8073 0000 0201 9870 117")
    assert not iban_valid("FR2610278073000002019870117")  # one check digit off
    assert not iban_valid("FR2510278073000002019870118")  # one digit of the number off
    assert not iban_valid("FR25")
    assert iban_compact(" fr25 1027\t8073 ") == "FR2510278073"
    assert iban_grouped(FABRIQUE_IBAN) == "FR25 1027 8073 0000 0201 9870 117"
    assert bic_valid("CMCIFR2A") and bic_valid("ccopfrppxxx")
    assert not bic_valid("CMCI") and not bic_valid("CMCIFR2A1")


def organisation(name):
    found = Actor.objects.filter(name=name).first()
    return found or actor_create(name=name, kind="organisation", legal_form="association")


def cash(code):
    return Account.objects.filter(code=code).first() or services.account_create(
        code=code, name={"fr": code.rsplit(":", 1)[-1]}, is_cash=True
    )


def fabrique_then_communs() -> tuple[BankAccount, BankAccount]:
    fabrique = services.bank_account_record(
        account=cash("Assets:Bank:Current"),
        holder=organisation("La Fabrique"),
        iban=FABRIQUE_IBAN,
        bic="cmcifr2a",
        held_from=D(2019, 1, 1),
        held_until=D(2024, 6, 30),
    )
    communs = services.bank_account_record(
        account=cash("Assets:Bank:Communs"),
        holder=organisation("Coopérative des Communs"),
        iban=COMMUNS_IBAN,
        held_from=D(2024, 7, 1),
    )
    return fabrique, communs


@pytest.mark.django_db
def test_the_account_held_on_a_day_is_its_holders_of_that_day():
    fabrique, communs = fabrique_then_communs()
    assert fabrique.bic == "CMCIFR2A" and fabrique.iban == FABRIQUE_IBAN
    assert selectors.bank_account_held(on=D(2018, 12, 31)) is None
    assert selectors.bank_account_held(on=D(2019, 1, 1)) == fabrique
    assert selectors.bank_account_held(on=D(2024, 6, 30)) == fabrique
    assert selectors.bank_account_held(on=D(2024, 7, 1)) == communs
    assert selectors.bank_account_held() == communs
    assert selectors.bank_account(on=D(2020, 5, 1)).code == "Assets:Bank:Current"
    assert selectors.bank_account().code == "Assets:Bank:Communs"


@pytest.mark.django_db
def test_without_a_recorded_account_the_charts_current_account_is_the_bank():
    assert selectors.bank_account_held() is None
    assert selectors.bank_account().code == "Assets:Bank:Current"


@pytest.mark.django_db
def test_a_bank_account_is_refused_when_its_details_are_not_a_banks():
    person = actor_create(name="Awa Diop", kind="person")
    with pytest.raises(ValidationError) as refused:
        services.bank_account_record(
            account=Account.objects.get(code="Income:Contributions:Donations"),
            holder=person,
            iban="FR2610278073000002019870117",
            bic="CMCI",
        )
    assert set(refused.value.message_dict) == {"account", "holder", "iban", "bic"}
    fabrique_then_communs()
    with pytest.raises(ValidationError) as again:
        services.bank_account_record(
            account=cash("Assets:Bank:Communs"), holder=organisation("Autre"), iban=COMMUNS_IBAN
        )
    assert set(again.value.message_dict) == {"account", "iban"}
    with pytest.raises(ValidationError) as backwards:
        services.bank_account_record(
            account=cash("Assets:Bank:Autre"),
            holder=organisation("Autre"),
            iban="FR6216807001230456789012345",
            held_from=D(2024, 1, 1),
            held_until=D(2023, 1, 1),
        )
    assert set(backwards.value.message_dict) == {"held_until"}
    assert BankAccount.objects.count() == 2


@pytest.mark.django_db
def test_treasurers_and_stewards_record_bank_accounts_members_do_not(make_user):
    member = make_user("awa", roles=["member"])
    with pytest.raises(PermissionDenied):
        services.bank_account_record(
            account=cash("Assets:Bank:Current"),
            holder=organisation("La Fabrique"),
            iban=FABRIQUE_IBAN,
            recorder=member,
        )
    treasurer = make_user("mateo", roles=["treasurer"])
    bank = services.bank_account_record(
        account=cash("Assets:Bank:Current"),
        holder=organisation("La Fabrique"),
        iban=FABRIQUE_IBAN,
        recorder=treasurer,
    )
    assert bank.created_by == treasurer and bank.held_from is None


@pytest.mark.django_db
def test_passing_the_account_releases_the_outgoing_and_holds_the_incoming():
    fabrique = services.bank_account_record(
        account=cash("Assets:Bank:Current"),
        holder=organisation("La Fabrique"),
        iban=FABRIQUE_IBAN,
        held_from=D(2019, 1, 1),
    )
    communs_holder = organisation("Coopérative des Communs")
    communs = services.bank_account_record(
        account=cash("Assets:Bank:Communs"), holder=communs_holder, iban=COMMUNS_IBAN
    )
    assert selectors.bank_account_held(on=D(2030, 1, 1)) == fabrique  # recorded, not held yet
    with pytest.raises(ValidationError):
        services.bank_account_pass(
            from_account=fabrique.account,
            to_account=communs.account,
            holder=organisation("Autre"),
            on=D(2027, 1, 1),
        )
    services.bank_account_pass(
        from_account=fabrique.account,
        to_account=communs.account,
        holder=communs_holder,
        on=D(2027, 1, 1),
    )
    fabrique.refresh_from_db()
    communs.refresh_from_db()
    assert (fabrique.held_until, communs.held_from) == (D(2026, 12, 31), D(2027, 1, 1))
    assert selectors.bank_account_held(on=D(2026, 12, 31)) == fabrique
    assert selectors.bank_account_held(on=D(2027, 1, 1)) == communs


@pytest.mark.django_db
def test_a_steward_records_a_bank_account_in_the_admin_through_the_service(client, make_user):
    steward = make_user("louise", roles=["steward"])
    client.force_login(steward)
    holder = organisation("La Fabrique")
    account = cash("Assets:Bank:Current")
    form = client.get("/en/admin/ledger/bankaccount/add/").content.decode()
    assert "Assets:Bank:Current" in form and "Income:Contributions:Donations" not in form
    response = client.post(
        "/en/admin/ledger/bankaccount/add/",
        {
            "account": account.pk,
            "holder": holder.pk,
            "iban": "fr25 1027 8073 0000 0201 9870 117",
            "bic": "CMCIFR2A",
            "holder_address": "12 rue des Tanneurs, Lyon",
            "held_from": "2019-01-01",
            "held_until": "",
        },
    )
    assert response.status_code == 302
    assert response.url.endswith("/admin/ledger/bankaccount/"), response.url
    bank = BankAccount.objects.get()
    assert (bank.iban, bank.holder, bank.created_by) == (FABRIQUE_IBAN, holder, steward)
    assert bank.held_from == D(2019, 1, 1)
    assert AuditEvent.objects.filter(action="ledger.bank_account.recorded").count() == 1
    page = client.get(f"/en/admin/ledger/bankaccount/{bank.pk}/change/")
    assert page.status_code == 200 and 'name="iban"' not in page.content.decode()  # read only


@pytest.mark.no_selfchecks
@pytest.mark.django_db
def test_two_accounts_held_on_the_same_day_are_found():
    from remix.ledger.selfchecks import check_bank_accounts_held

    fabrique_then_communs()
    assert check_bank_accounts_held() == []
    services.bank_account_record(
        account=cash("Assets:Bank:Autre"),
        holder=organisation("Autre"),
        iban="FR6216807001230456789012345",
        held_from=D(2024, 6, 1),
        held_until=D(2024, 6, 30),
    )
    assert check_bank_accounts_held() == [
        "bank accounts FR25 1027 8073 0000 0201 9870 117 and FR62 1680 7001 2304 5678 9012 345 "
        "are both held on 2024-06-01"
    ]


@pytest.mark.django_db
def test_a_treasurer_records_a_bank_account_on_the_books_pages(client, make_user):
    treasurer = make_user("mateo", roles=["member", "treasurer"])
    client.force_login(treasurer)
    page = "/en/budget/books/bank-accounts/"
    empty = client.get(page).content.decode()
    assert "No bank account is recorded" in empty and "REMIX_BANK_IBAN" in empty
    holder = organisation("La Fabrique")
    fields = {
        "account": Account.objects.get(code="Assets:Bank:Current").pk,
        "holder": holder.pk,
        "iban": "FR26 1027 8073 0000 0201 9870 117",  # one check digit off
        "held_from": "2019-01-01",
    }
    refused = client.post(page, fields)
    assert refused.status_code == 200 and "This IBAN is not valid" in refused.content.decode()
    assert not BankAccount.objects.exists()
    response = client.post(page, {**fields, "iban": FABRIQUE_IBAN, "bic": "cmcifr2a"})
    assert response.status_code == 302
    listed = client.get(page).content.decode()
    assert "Held today: the account of La Fabrique, IBAN FR25 1027" in listed
    assert "CMCIFR2A" in listed and BankAccount.objects.get().created_by == treasurer
    client.force_login(make_user("awa", roles=["member"]))
    assert client.get(page).status_code == 403
