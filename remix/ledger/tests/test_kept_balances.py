"""The kept balances: written by the database as postings are posted, equal to the postings' sums
after every operation, read for any run of days, found out when apart, and written again."""

import datetime
from collections import defaultdict

from django.core.management import call_command
from django.db import connection
from django.db import transaction as db_transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from remix.allies.models import Actor
from remix.ledger import maths, selectors, services
from remix.ledger.kept import KeptBalance, KeptCashOut, KeptSource, Span
from remix.ledger.models import Account, Posting
from remix.ledger.selectors.kept import MONTHS, cover_runs, kept
from remix.ledger.selfchecks import check_kept_balances
from remix.ledger.tests.builders import books_load, fund_project
from remix.ledger.tests.test_properties import DAYS, PROPERTIES, START, Books, operation

# A run of days around the books' year: from the beginning (None) or from a day, to a day.
intervals = st.tuples(
    st.one_of(st.none(), st.integers(0, DAYS + 40)), st.integers(0, DAYS + 40)
).map(lambda pair: pair if pair[0] is None or pair[0] <= pair[1] else pair[::-1])
FEWER = settings(PROPERTIES, max_examples=8)


def _day(offset: int | None) -> datetime.date | None:
    return None if offset is None else START + datetime.timedelta(days=offset - 20)


def _kept_sums(first, last, fund) -> dict:
    rows = kept(first, last, fund=fund).values_list("account_id", "commodity", "amount_minor")
    sums: dict = defaultdict(int)
    for account, commodity, minor in rows:
        sums[(account, commodity)] += minor
    return {key: minor for key, minor in sums.items() if minor}


def _posting_sums(first, last, fund) -> dict:
    postings = Posting.objects.filter(posted=True, date__lte=last)
    if first is not None:
        postings = postings.filter(date__gte=first)
    if fund is not None:
        postings = postings.filter(fund=fund)
    sums: dict = defaultdict(int)
    for account, commodity, minor in postings.values_list(
        "account_id", "commodity", "amount_minor"
    ):
        sums[(account, commodity)] += minor
    return {key: minor for key, minor in sums.items() if minor}


def test_after_every_random_operation_the_kept_balances_equal_the_postings(db):
    """Transactions posted and left as drafts, drafts posted and deleted, reversals, transfers,
    bank rows categorised, months closed: after each, the self-check finds the kept balances
    equal to the postings, month by month and day by day, and the sums over a random run of days
    (whole months and cut ones, from the beginning or not) equal the postings' over those days."""
    fund_project("fiesta-2026")
    fund_project("revue-2026", kind="publication")
    checked = {"operations": 0}

    @FEWER
    @given(
        steps=st.lists(st.tuples(operation, intervals, st.integers(0, 3)), min_size=20, max_size=40)
    )
    def random_steps(steps):
        with db_transaction.atomic():
            state = Books()
            for op, (first, last), fund_pick in steps:
                state.run(op)
                assert check_kept_balances() == [], op
                fund = state.funds[fund_pick - 1] if fund_pick else None
                first, last = _day(first), _day(last)
                assert _kept_sums(first, last, fund) == _posting_sums(first, last, fund)
                checked["operations"] += 1
            db_transaction.set_rollback(True)

    random_steps()
    assert checked["operations"] >= 160


def test_a_draft_counts_once_posted_and_a_reversal_nets_it_out(db):
    (draft,) = books_load(
        """
        2026-03-14 ! "Don en attente"
          Assets:Bank:Current              80.00 EUR
          Income:Contributions:Donations  -80.00 EUR
        """
    )
    bank = Account.objects.get(code="Assets:Bank:Current")
    on = datetime.date(2026, 3, 31)
    assert not KeptBalance.objects.exists()
    assert selectors.account_balance(account=bank, on=on) == {}
    assert selectors.account_balance(account=bank, on=on, drafts=True) == {"EUR": 8000}
    services.transaction_post(transaction=draft)
    rows = set(
        KeptBalance.objects.filter(account=bank).values_list("span", "start", "amount_minor")
    )
    assert rows == {
        ("y", datetime.date(2026, 1, 1), 8000),
        ("m", datetime.date(2026, 3, 1), 8000),
        ("d", datetime.date(2026, 3, 14), 8000),
    }
    services.transaction_reverse(
        transaction=draft, reason="doublon", date=datetime.date(2026, 4, 2)
    )
    assert selectors.account_balance(account=bank, on=on) == {"EUR": 8000}
    assert selectors.account_balance(account=bank, on=datetime.date(2026, 4, 2)) == {"EUR": 0}
    assert check_kept_balances() == []


def test_a_deleted_draft_leaves_no_kept_balance(db):
    (draft,) = books_load(
        """
        2026-05-02 ! "Erreur de saisie"
          Expenses:Hosting       12.00 EUR
          Assets:Bank:Current   -12.00 EUR
        """
    )
    services.transaction_delete(transaction=draft)
    assert not KeptBalance.objects.exists()


def test_kept_balances_apart_from_the_postings_are_found_and_written_again(db):
    books_load(
        """
        2026-06-10 * "Hébergement"
          Expenses:Hosting       30.00 EUR
          Assets:Bank:Current   -30.00 EUR
        """
    )
    # As a bad restore could leave them: one row changed behind the books' back, one lost.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_keptbalance SET amount_minor = 1 WHERE span = 'm'")
        cursor.execute("DELETE FROM ledger_keptbalance WHERE span = 'd' AND amount_minor < 0")
    problems = check_kept_balances()
    assert len(problems) == 3, problems
    assert "1 kept, 3000 in the postings" in " ".join(problems)
    call_command("rebuild-balances", verbosity=0)
    assert check_kept_balances() == []
    assert KeptBalance.objects.count() == 6  # two accounts, a year, a month and a day each
    assert KeptCashOut.objects.count() == 3  # the bank account paid: a year, a month, a day


def test_the_reports_read_the_kept_balances_not_the_postings(db, django_assert_max_num_queries):
    """The trial balance at a day in the middle of a month: the months before, then its days."""
    books_load(
        """
        2026-01-20 * "Don"
          Assets:Bank:Current              100.00 EUR
          Income:Contributions:Donations  -100.00 EUR

        2026-02-03 * "Hébergement"
          Expenses:Hosting       40.00 EUR
          Assets:Bank:Current   -40.00 EUR

        2026-02-25 * "Hébergement"
          Expenses:Hosting        5.00 EUR
          Assets:Bank:Current    -5.00 EUR
        """
    )
    # The postings emptied of what a report could sum (the table's rules allow no less): the
    # reports must still give the books' figures, so they cannot be reading the postings.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE ledger_posting RENAME TO ledger_posting_away")
    try:
        trial = selectors.trial_balance(fund=None, on=datetime.date(2026, 2, 10))
        bank = Account.objects.get(code="Assets:Bank:Current")
        balance = selectors.account_balance(account=bank, on=datetime.date(2026, 2, 24))
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE ledger_posting_away RENAME TO ledger_posting")
    assert {(row.account.code, row.minor) for row in trial.rows} == {
        ("Assets:Bank:Current", 6000),
        ("Expenses:Hosting", 4000),
        ("Income:Contributions:Donations", -10000),
    }
    assert balance == {"EUR": 6000}


def test_cash_paid_out_leaves_out_transfers_and_what_a_reversal_takes_back(db):
    fund_project("fiesta-2026")
    hosting, _gift = books_load(
        """
        2026-06-10 * "Hébergement"
          Expenses:Hosting       30.00 EUR
          Assets:Bank:Current   -30.00 EUR

        2026-06-11 * "Don" awa-diop anonymous
          Assets:Bank:Current              50.00 EUR
          Income:Contributions:Donations  -50.00 EUR
        """
    )
    services.transfer_record(
        date=datetime.date(2026, 6, 11),
        from_fund=hosting.postings.first().fund,
        to_fund=fund_project("fiesta-2026"),
        amount="5.00",
        commodity="EUR",
    )

    def paid_out():
        return set(KeptCashOut.objects.filter(span="d").values_list("start", "amount_minor"))

    assert paid_out() == {(datetime.date(2026, 6, 10), -3000)}
    services.transaction_reverse(
        transaction=hosting, reason="facturé deux fois", date=datetime.date(2026, 6, 12)
    )
    assert paid_out() == {(datetime.date(2026, 6, 10), 0)}
    givers = KeptSource.objects.filter(span="m").values_list(
        "fund_key", "source", "anonymous", "amount_minor"
    )
    awa, platform = Actor.objects.get(slug="awa-diop").pk, hosting.postings.first().fund_id
    # Kept for the platform fund, and for every fund together (0).
    assert set(givers) == {(platform, awa, True, -5000), (0, awa, True, -5000)}
    assert check_kept_balances() == []


some_day = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 12, 31))


@settings(max_examples=300, deadline=None, database=None)
@given(first=some_day, last=some_day, months_only=st.booleans())
def test_runs_of_kept_rows_tile_any_run_of_days_exactly(first, last, months_only):
    """Whole years, whole months and days, each day once: no day left out, none counted twice,
    and never a finer unit where a coarser one fits whole."""
    spans = MONTHS if months_only else tuple(Span)
    runs = cover_runs(first, last, spans)
    covered = []
    for span, start_from, start_to in runs:
        assert span in spans
        start = start_from
        while start <= start_to:
            unit_end = {
                Span.YEAR: start.replace(month=12, day=31),
                Span.MONTH: maths.add_months(start, 1) - datetime.timedelta(days=1),
                Span.DAY: start,
            }[span]
            covered.append((start, unit_end))
            start = unit_end + datetime.timedelta(days=1)
    days = [day for a, b in covered for day in _each_day(a, b)]
    assert days == list(_each_day(first, last))
    assert len(runs) <= (5 if not months_only else 3)


def _each_day(first, last):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def test_rate_runs_cut_at_each_new_rate():
    rates = [(datetime.date(2026, 1, 1), 1), (datetime.date(2026, 5, 1), 2)]
    assert maths.rate_runs(rates, datetime.date(2025, 12, 1), datetime.date(2026, 12, 31)) == [
        (datetime.date(2025, 12, 1), datetime.date(2025, 12, 31), False),
        (datetime.date(2026, 1, 1), datetime.date(2026, 4, 30), True),
        (datetime.date(2026, 5, 1), datetime.date(2026, 12, 31), True),
    ]


def test_thousands_of_postings_posted_by_one_statement_are_kept_exactly(db):
    """The scale generator posts its books a batch at a time, one statement for thousands of
    postings (as a restore does): the kept sums are written once per statement, and equal the
    postings after it, on both databases."""
    import random

    from remix.core.generate import Scale
    from remix.ledger.generate import generate_books

    Actor.objects.create(name="Mécène", slug="mecene", kind="funder")
    scale = Scale(name="test", users=0, themes=0, actors=0, relations=0, postings=3_000)
    assert generate_books(random.Random(7), scale) == 3_000
    assert check_kept_balances() == []
    assert KeptSource.objects.filter(fund_key=0).exists()
    assert KeptCashOut.objects.exists()
