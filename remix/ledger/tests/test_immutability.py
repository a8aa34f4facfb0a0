"""A posted transaction cannot be updated or deleted: not through the model, nor the queryset,
nor raw SQL (a trigger on both databases; deletes by trigger on PostgreSQL)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from remix.ledger.models import ClosedPeriod, Posting, Transaction
from remix.ledger.tests.builders import books_load, fund_project

POSTED = """
2026-10-03 * "Don"
  Assets:Bank:Current               50 EUR
  Income:Contributions:Donations   -50 EUR
"""


@pytest.fixture
def posted(db):
    (tx,) = books_load(POSTED)
    return tx


def test_the_model_refuses_to_change_or_delete_a_posted_transaction(posted):
    posted.description = "Autre chose"
    with pytest.raises(ValidationError):
        posted.save()
    with pytest.raises(ValidationError):
        Transaction.objects.get(pk=posted.pk).delete()
    posting = posted.postings.first()
    posting.amount_minor = 1
    with pytest.raises(ValidationError):
        posting.save()
    with pytest.raises(ValidationError):
        posting.delete()


def test_the_queryset_refuses_bulk_changes_of_posted_rows(posted):
    with pytest.raises(ValidationError):
        Transaction.objects.filter(pk=posted.pk).update(description="x")
    with pytest.raises(ValidationError):
        Transaction.objects.all().delete()
    with pytest.raises(ValidationError):
        Posting.objects.filter(transaction=posted).update(amount_minor=1)
    with pytest.raises(ValidationError):
        Posting.objects.all().delete()
    assert Posting.objects.filter(transaction=posted).count() == 2


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE ledger_posting SET amount_minor = 1 WHERE transaction_id = %s",
        "UPDATE ledger_transaction SET description = 'x' WHERE id = %s",
        "UPDATE ledger_transaction SET status = 'draft', posted_at = NULL WHERE id = %s",
        "INSERT INTO ledger_posting (transaction_id, account_id, fund_id, commodity, amount_minor,"
        " memo, date, posted) SELECT transaction_id, account_id, fund_id, commodity, 7, '', date,"
        " false FROM ledger_posting WHERE transaction_id = %s LIMIT 1",
    ],
)
def test_the_database_refuses_raw_updates(posted, sql):
    with pytest.raises(IntegrityError, match="ledger"):
        _raw(sql, [posted.pk])
    assert sorted(posted.postings.values_list("amount_minor", flat=True)) == [-5000, 5000]


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM ledger_posting WHERE transaction_id = %s",
        "DELETE FROM ledger_transaction WHERE id = %s",
    ],
)
def test_postgresql_refuses_raw_deletes(posted, sql):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite guards deletes in the model: Django's flush empties tables by DELETE")
    with pytest.raises(IntegrityError, match="ledger"):
        _raw(sql, [posted.pk])
    assert Posting.objects.filter(transaction=posted).count() == 2


@pytest.mark.no_selfchecks  # the draft is unbalanced on purpose
def test_the_database_refuses_to_post_an_unbalanced_transaction(db):
    (draft,) = books_load(POSTED.replace("*", "!"))
    Posting.objects.filter(transaction=draft, amount_minor=5000).update(amount_minor=4999)
    with pytest.raises(IntegrityError, match="balance"):
        _raw(
            "UPDATE ledger_transaction SET status = 'posted', posted_at = %s WHERE id = %s",
            [datetime.datetime(2026, 10, 3, tzinfo=datetime.UTC), draft.pk],
        )


BALANCED_OVERALL_NOT_PER_FUND = """
2026-10-03 ! "Don mal ventilé"
  Assets:Bank:Current               50 EUR
  Income:Contributions:Donations   -50 EUR fiesta
"""


@pytest.mark.no_selfchecks  # the draft is unbalanced per fund on purpose
def test_the_database_refuses_to_post_what_balances_overall_but_not_in_each_fund(db):
    fiesta = fund_project("fiesta")
    (draft,) = books_load(POSTED.replace("*", "!"))
    # The service refuses such a draft; a raw write makes one, which the trigger must catch.
    draft.postings.filter(amount_minor__lt=0).update(fund=fiesta)
    assert sum(draft.postings.values_list("amount_minor", flat=True)) == 0
    with pytest.raises(IntegrityError, match="balance"):
        _raw(
            "UPDATE ledger_transaction SET status = 'posted', posted_at = %s WHERE id = %s",
            [datetime.datetime(2026, 10, 3, tzinfo=datetime.UTC), draft.pk],
        )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_service_refuses_to_post_what_balances_overall_but_not_in_each_fund(db):
    fund_project("fiesta")
    with translation.override("en"), pytest.raises(ValidationError, match="fund"):
        books_load(BALANCED_OVERALL_NOT_PER_FUND.replace("!", "*"))
    assert not Transaction.objects.exists()


@pytest.mark.parametrize("day", [datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)])
def test_the_database_refuses_to_post_on_either_end_of_a_closed_period(db, day):
    (draft,) = books_load(POSTED.replace("*", "!").replace("2026-10-03", day.isoformat()))
    ClosedPeriod.objects.create(
        kind="month", start=datetime.date(2026, 10, 1), end=datetime.date(2026, 10, 31)
    )
    with pytest.raises(IntegrityError, match="closed period"):
        _raw(
            "UPDATE ledger_transaction SET status = 'posted', posted_at = %s WHERE id = %s",
            [datetime.datetime(2026, 11, 3, tzinfo=datetime.UTC), draft.pk],
        )


def test_the_database_refuses_to_post_into_a_closed_period(db):
    (draft,) = books_load(POSTED.replace("*", "!"))
    ClosedPeriod.objects.create(
        kind="month", start=datetime.date(2026, 10, 1), end=datetime.date(2026, 10, 31)
    )
    with pytest.raises(IntegrityError, match="closed period"):
        _raw(
            "UPDATE ledger_transaction SET status = 'posted', posted_at = %s WHERE id = %s",
            [datetime.datetime(2026, 10, 3, tzinfo=datetime.UTC), draft.pk],
        )
