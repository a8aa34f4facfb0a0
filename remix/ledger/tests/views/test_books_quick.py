"""The one-screen forms: volunteer time, in-kind, a transfer between funds; amounts typed
in the reader's locale."""

from decimal import Decimal

import pytest
from django.utils import translation

from remix.ledger.forms.fields import decimal_parse
from remix.ledger.models import Transaction
from remix.ledger.tests.builders import fund_project
from remix.ledger.tests.views.pages import BOOKS, acc


def test_volunteer_hours_and_in_kind_are_recorded_in_their_accounts(as_treasurer, platform):
    as_treasurer.post(
        BOOKS + "transactions/hours/",
        {"date": "2026-04-10", "hours": "2,5", "fund": platform.pk, "description": "Traduction"},
    )
    hours = Transaction.objects.get(description="Traduction")
    assert sorted(hours.postings.values_list("account__code", "amount_minor", "commodity")) == [
        ("Expenses:Volunteering", 250, "HOUR"),
        ("Income:Community:Time", -250, "HOUR"),
    ]
    assert hours.status == "draft"

    as_treasurer.post(
        BOOKS + "transactions/in-kind/",
        {
            "date": "2026-04-11",
            "amount": "1 200",
            "commodity": "EUR",
            "fund": platform.pk,
            "description": "Salle prêtée",
            "post": "on",
        },
    )
    in_kind = Transaction.objects.get(description="Salle prêtée")
    assert in_kind.status == "posted"
    assert sorted(in_kind.postings.values_list("account__code", "amount_minor")) == [
        ("Expenses:In-kind", 120000),
        ("Income:Community:In-kind", -120000),
    ]
    refused = as_treasurer.post(
        BOOKS + "transactions/hours/",
        {"date": "2026-04-10", "hours": "-3", "fund": platform.pk, "description": "x"},
    )
    assert refused.context["form"].errors == {"hours": ["Type a positive amount."]}


def test_a_transfer_moves_money_between_two_funds(as_treasurer, platform):
    fiesta = fund_project("fiesta-2026")
    as_treasurer.post(
        BOOKS + "transactions/transfer/",
        {
            "date": "2026-05-01",
            "from_fund": platform.pk,
            "to_fund": fiesta.pk,
            "amount": "300",
            "commodity": "EUR",
            "account": acc("Assets:Bank:Current").pk,
            "post": "on",
        },
    )
    tx = Transaction.objects.get(is_transfer=True)
    assert tx.status == "posted"
    assert sorted(tx.postings.values_list("fund__slug", "account__code", "amount_minor")) == [
        ("fiesta-2026", "Assets:Bank:Current", 30000),
        ("fiesta-2026", "Equity:Transfers", -30000),
        ("plateforme", "Assets:Bank:Current", -30000),
        ("plateforme", "Equity:Transfers", 30000),
    ]
    same = as_treasurer.post(
        BOOKS + "transactions/transfer/",
        {
            "date": "2026-05-01",
            "from_fund": platform.pk,
            "to_fund": platform.pk,
            "amount": "1",
            "commodity": "EUR",
            "account": acc("Assets:Bank:Current").pk,
        },
    )
    assert same.context["form"].errors == {"to_fund": ["A transfer moves money between two funds."]}


def test_amounts_are_read_in_the_readers_locale():
    with translation.override("fr"):
        assert decimal_parse("1 240,50") == Decimal("1240.50")
        assert decimal_parse("1\u202f240,50") == Decimal("1240.50")
        assert decimal_parse("1240.50") == Decimal("1240.50")
        assert decimal_parse("−12,5") == Decimal("-12.5")
        assert decimal_parse("1,240") == Decimal("1.240")
    with translation.override("en"):
        assert decimal_parse("1,240.50") == Decimal("1240.50")
        assert decimal_parse("1 240,50") == Decimal("1240.50")
        assert decimal_parse("1,240") == Decimal("1240")
    with translation.override("es"):
        assert decimal_parse("1.240,50") == Decimal("1240.50")
        assert decimal_parse("1240.50") == Decimal("1240.50")
    for text in ("douze", "1e5", "1,2,3.4.5x", "", "NaN"):
        with pytest.raises(ValueError):
            decimal_parse(text)
