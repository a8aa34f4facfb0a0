"""Property tests: thousands of random operations never unbalance the books, and Beancount agrees.

Each example is a list of operations (transactions posted or left as drafts, in EUR, CAD, XOF and
volunteer hours; reversals; inter-fund transfers; bank rows imported, categorised and posted;
months closed) run through the services, as real use does. An operation that the rules refuse
(posting into a closed month, closing a month that holds drafts) must be refused, and one they
allow must pass. Beside the database the test keeps its own plain tally of what was posted; after
the operations, the trial balance of each fund must equal that tally, every fund and the whole
must balance per commodity, the self-checks must find nothing, and the Beancount export, read
back by Beancount, must hold the same balances to the cent.

Each example runs in a savepoint rolled back at its end, so they do not pile up.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from beancount import loader
from beancount.core import data
from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remix.core.money import Money, from_minor
from remix.core.selfchecks import selfchecks_run
from remix.ledger import maths, selectors, services
from remix.ledger.beancount import beancount_text
from remix.ledger.models import Account, ClosedPeriod, Fund, Posting, Transaction
from remix.ledger.tests.builders import fund_project

START = datetime.date(2025, 1, 1)
DAYS = 365
END = datetime.date(2026, 12, 31)  # after every date an operation can write
FUNDS = ("plateforme", "fiesta-2026", "revue-2026")
CURRENCIES = ("EUR", "EUR", "EUR", "CAD", "XOF")  # EUR most often

PROPERTIES = settings(
    max_examples=50,
    deadline=None,
    database=None,  # no example database written into the working tree
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


# --- the operations ------------------------------------------------------------------------------

days = st.integers(min_value=0, max_value=DAYS - 1)
funds = st.integers(min_value=0, max_value=len(FUNDS) - 1)
amounts = st.integers(min_value=1, max_value=5_000_000)  # minor units
picks = st.integers(min_value=0, max_value=10_000)  # which earlier transaction, modulo their number

record = st.tuples(
    st.just("record"),
    st.sampled_from(["donation", "expense", "split", "hours", "in-kind", "mixed"]),
    funds,
    days,
    amounts,
    amounts,
    st.sampled_from(CURRENCIES),
    st.sampled_from([True, True, True, False]),  # posted, or left as a draft
    st.sampled_from([None, 0, 1]),  # the counterparty
    st.booleans(),  # anonymous
)
transfer = st.tuples(
    st.just("transfer"),
    funds,
    st.integers(1, len(FUNDS) - 1),
    days,
    amounts,
    st.sampled_from(CURRENCIES),
)
reverse = st.tuples(st.just("reverse"), picks, st.integers(0, 60))
post_draft = st.tuples(st.just("post"), picks)
delete_draft = st.tuples(st.just("delete"), picks)
bank_row = st.tuples(
    st.just("import"), st.integers(0, 30), days, amounts, st.booleans(), funds, st.booleans()
)
close = st.tuples(st.just("close"), st.integers(0, 11))

# How often each comes: mostly new transactions, now and then a month closed.
WEIGHTS = {
    "record": (record, 10),
    "transfer": (transfer, 2),
    "reverse": (reverse, 2),
    "post": (post_draft, 2),
    "delete": (delete_draft, 1),
    "import": (bank_row, 2),
    "close": (close, 1),
}
operation = st.sampled_from(
    [k for k, (_s, weight) in WEIGHTS.items() for _n in range(weight)]
).flatmap(lambda kind: WEIGHTS[kind][0])


class Books:
    """Runs operations through the services and keeps its own tally of what got posted."""

    def __init__(self):
        self.funds = [Fund.objects.get(slug=slug) for slug in FUNDS]
        self.accounts = Account.objects.in_bulk(field_name="code")
        from remix.allies.models import Actor

        self.givers = [
            Actor.objects.get_or_create(slug=slug, defaults={"name": name, "kind": "person"})[0]
            for slug, name in (("awa-diop", "Awa Diop"), ("mamadou-sy", "Mamadou Sy"))
        ]
        self.legs: dict[int, list[tuple[str, str, str, int]]] = {}  # transaction → its legs
        self.posted: list[int] = []
        self.drafts: list[int] = []
        self.tally: dict[tuple[str, str, str], int] = defaultdict(int)  # fund, account, commodity
        self.closed: list[maths.Period] = []
        self.refused = 0

    # the rules, as the test understands them

    def is_closed(self, day: datetime.date) -> bool:
        return any(period.contains(day) for period in self.closed)

    def _post_tally(self, tx_id: int, sign: int = 1) -> None:
        for fund, account, commodity, minor in self.legs[tx_id]:
            self.tally[(fund, account, commodity)] += sign * minor

    def _expect(self, refused: bool, action) -> object:
        """Run ``action``: refused exactly when the rules say so, and then nothing changed."""
        before = (Transaction.objects.count(), Posting.objects.count())
        try:
            result = action()
        except ValidationError:
            assert refused, "the services refused an operation the rules allow"
            assert (Transaction.objects.count(), Posting.objects.count()) == before
            self.refused += 1
            return None
        assert not refused, "the services allowed an operation the rules refuse"
        return result

    # the operations

    def run(self, op: tuple) -> None:
        getattr(self, "op_" + op[0].replace("-", "_"))(*op[1:])

    def op_record(self, kind, fund_i, day, a, b, commodity, post, giver, anonymous):
        fund = self.funds[fund_i]
        date = START + datetime.timedelta(days=day)
        legs = self._legs(kind, fund, a, b, commodity)
        tx = self._expect(
            post and self.is_closed(date),
            lambda: services.transaction_create(
                date=date,
                description=f"{kind} {day}",
                legs=legs,
                counterparty=self.givers[giver] if giver is not None else None,
                anonymous=anonymous,
                reference=f"R-{day}",
                post=post,
            )[0],
        )
        if tx is not None:
            self._remember(tx, legs, post)

    def _legs(self, kind, fund, a, b, commodity) -> list[services.Leg]:
        project = not fund.is_platform
        spend = "Expenses:Mediation:Fiestas" if project else "Expenses:Hosting"
        other = "Expenses:Mediation:Publications" if project else "Expenses:Development"

        def leg(code, minor, unit=commodity):
            return services.Leg(self.accounts[code], fund, Money(minor, unit))

        if kind == "donation":
            return [leg("Assets:Bank:Current", a), leg("Income:Contributions:Donations", -a)]
        if kind == "expense":
            return [leg(spend, a), leg("Assets:Bank:Current", -a)]
        if kind == "split":
            return [leg(spend, a), leg(other, b), leg("Assets:Bank:Current", -(a + b))]
        if kind == "hours":
            hours = a % 10_000 + 1  # up to a hundred hours, in hundredths
            return [
                leg("Expenses:Volunteering", hours, "HOUR"),
                leg("Income:Community:Time", -hours, "HOUR"),
            ]
        if kind == "in-kind":
            return [leg("Expenses:In-kind", a, "EUR"), leg("Income:Community:In-kind", -a, "EUR")]
        # mixed: one gift in two currencies, each balancing on its own
        return [
            leg("Assets:Cash", b, "XOF"),
            leg("Income:Contributions:Donations", -b, "XOF"),
            leg("Assets:Bank:Current", a, "EUR"),
            leg("Income:Contributions:Membership", -a, "EUR"),
        ]

    def _remember(self, tx: Transaction, legs, posted: bool) -> None:
        self.legs[tx.pk] = [
            (
                leg.fund.slug,
                leg.account.code,
                leg.money.commodity,
                leg.money.minor,
            )
            for leg in legs
        ]
        if posted:
            self.posted.append(tx.pk)
            self._post_tally(tx.pk)
        else:
            self.drafts.append(tx.pk)

    def op_transfer(self, from_i, step, day, minor, commodity):
        source, target = self.funds[from_i], self.funds[(from_i + step) % len(FUNDS)]
        date = START + datetime.timedelta(days=day)
        amount = from_minor(minor, commodity)
        tx = self._expect(
            self.is_closed(date),
            lambda: services.transfer_record(
                date=date, from_fund=source, to_fund=target, amount=amount, commodity=commodity
            ),
        )
        if tx is not None:
            bank, transfers = (
                self.accounts["Assets:Bank:Current"],
                self.accounts["Equity:Transfers"],
            )
            legs = [
                services.Leg.of(bank, source, -amount, commodity),
                services.Leg.of(transfers, source, amount, commodity),
                services.Leg.of(bank, target, amount, commodity),
                services.Leg.of(transfers, target, -amount, commodity),
            ]
            self._remember(tx, legs, posted=True)

    def op_reverse(self, pick, after):
        if not self.posted:
            return
        original = Transaction.objects.get(pk=self.posted[pick % len(self.posted)])
        date = original.date + datetime.timedelta(days=after)
        already = Transaction.objects.filter(reverses=original).first()
        reversal = self._expect(
            already is None and self.is_closed(date),
            lambda: services.transaction_reverse(transaction=original, reason="test", date=date),
        )
        if reversal is not None and already is None:
            self.legs[reversal.pk] = [
                (fund, account, commodity, -minor)
                for fund, account, commodity, minor in self.legs[original.pk]
            ]
            self.posted.append(reversal.pk)
            self._post_tally(reversal.pk)
        if already is not None:
            assert reversal == already  # reversing twice returns the first reversal

    def op_post(self, pick):
        if not self.drafts:
            return
        tx = Transaction.objects.get(pk=self.drafts[pick % len(self.drafts)])
        waiting = tx.postings.filter(account__is_suspense=True).exists()
        posted = self._expect(
            waiting or self.is_closed(tx.date),
            lambda: services.transaction_post(transaction=tx),
        )
        if posted is not None:
            self.drafts.remove(tx.pk)
            self.posted.append(tx.pk)
            self._post_tally(tx.pk)

    def op_delete(self, pick):
        if not self.drafts:
            return
        tx_id = self.drafts.pop(pick % len(self.drafts))
        services.transaction_delete(transaction=Transaction.objects.get(pk=tx_id))
        del self.legs[tx_id]

    def op_import(self, row, day, minor, incoming, fund_i, categorise):
        """A bank row lands as a draft awaiting its account; the same row never lands twice."""
        fund = self.funds[fund_i]
        date = START + datetime.timedelta(days=day)
        amount = from_minor(minor if incoming else -minor, "EUR")
        legs = [
            services.Leg.of(self.accounts["Assets:Bank:Current"], fund, amount, "EUR"),
            services.Leg.of(self.accounts["Assets:Suspense"], fund, -amount, "EUR"),
        ]
        key = f"import:property:{row}"
        tx, created = services.transaction_create(
            date=date, description=f"Bank row {row}", legs=legs, external_key=key
        )
        if not created:
            assert tx.external_key == key
            return
        self._remember(tx, legs, posted=False)
        if categorise:
            account = self.accounts[
                "Income:Contributions:Donations" if incoming else "Expenses:Bank-fees"
            ]
            tx = services.transaction_categorise(transaction=tx, account=account, fund=fund)
            self.legs[tx.pk] = [
                (fund.slug, account.code if code == "Assets:Suspense" else code, commodity, minor)
                for _f, code, commodity, minor in self.legs[tx.pk]
            ]

    def op_close(self, month):
        period = maths.period_of("month", datetime.date(START.year, month + 1, 1))
        has_drafts = (
            Transaction.objects.drafts().filter(date__range=(period.start, period.end)).exists()
        )
        already = any(p == period for p in self.closed)
        closed = self._expect(
            has_drafts and not already, lambda: services.period_close(period=period)
        )
        if closed is not None and not already:
            self.closed.append(period)


# --- what must hold ------------------------------------------------------------------------------


def _beancount_balances(text: str, flags=("*",)) -> dict[tuple[str, str], Decimal]:
    entries, errors, _options = loader.load_string(text)
    assert errors == [], errors[:3]
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for entry in entries:
        if isinstance(entry, data.Transaction) and entry.flag in flags:
            for posting in entry.postings:
                sums[(posting.account, posting.units.currency)] += posting.units.number
    return {key: total for key, total in sums.items() if total}


def _trial(fund) -> dict[tuple[str, str], Decimal]:
    trial = selectors.trial_balance(fund=fund, on=END)
    assert trial.balanced
    return {
        (row.account.code, row.commodity): from_minor(row.minor, row.commodity)
        for row in trial.rows
    }


def _books_hold(state: Books) -> None:
    assert selfchecks_run() == []
    for fund in [None, *state.funds]:
        trial = selectors.trial_balance(fund=fund, on=END)
        sums: dict[str, int] = defaultdict(int)
        for row in trial.rows:
            sums[row.commodity] += row.minor
        assert all(total == 0 for total in sums.values()), (fund, sums)
        assert trial.balanced
        # What the test tallied itself, operation by operation, is what the books say.
        expected: dict[tuple[str, str], int] = defaultdict(int)
        for (slug, account, commodity), minor in state.tally.items():
            if fund is None or slug == fund.slug:
                expected[(account, commodity)] += minor
        expected = {key: minor for key, minor in expected.items() if minor}
        assert {(r.account.code, r.commodity): r.minor for r in trial.rows} == expected


def _export_agrees(state: Books) -> None:
    assert _beancount_balances(beancount_text()) == _trial(None)
    # With drafts, flagged "!": Beancount's sums over everything equal every posting's sum.
    everything = _beancount_balances(beancount_text(drafts=True), flags=("*", "!"))
    all_postings = Posting.objects.values_list("account__code", "commodity").annotate(
        total=Sum("amount_minor")
    )
    assert everything == {
        (code, commodity): from_minor(total, commodity)
        for code, commodity, total in all_postings.order_by()
        if total
    }
    project = state.funds[1]
    assert _beancount_balances(beancount_text(fund=project)) == _trial(project)


def test_random_operations_keep_every_fund_balanced_and_the_export_agrees(db):
    fund_project("fiesta-2026")
    fund_project("revue-2026", kind="publication")
    run = {"examples": 0, "operations": 0, "refused": 0}

    @PROPERTIES
    @given(operations=st.lists(operation, min_size=40, max_size=80))
    def random_operations(operations):
        with db_transaction.atomic():
            state = Books()
            for op in operations:
                state.run(op)
            _books_hold(state)
            _export_agrees(state)
            assert ClosedPeriod.objects.count() == len(state.closed)
            run["examples"] += 1
            run["operations"] += len(operations)
            run["refused"] += state.refused
            db_transaction.set_rollback(True)

    random_operations()

    assert run["examples"] >= 50
    assert run["operations"] >= 2000  # thousands of operations, not a handful
    assert run["refused"] > 0  # closed months did refuse some of them


# --- the pure maths ------------------------------------------------------------------------------

shares = st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=60)
QUANTUM = Decimal("0.00005")  # the figures are quantised to 4 places: half a unit of the last


@settings(max_examples=500, deadline=None, database=None)
@given(
    legs=st.lists(
        st.tuples(
            st.sampled_from(FUNDS),
            st.sampled_from(["EUR", "XOF", "HOUR"]),
            st.integers(-(10**9), 10**9),
        ),
        max_size=30,
    )
)
def test_imbalances_are_the_nonzero_sums_per_fund_and_commodity(legs):
    found = maths.imbalances(legs)
    balanced = legs + [(fund, commodity, -total) for (fund, commodity), total in found.items()]

    assert maths.imbalances(balanced) == {}
    assert all(total != 0 for total in found.values())
    assert sum(found.values()) == sum(minor for _f, _c, minor in legs)


@settings(max_examples=500, deadline=None, database=None)
@given(amounts=shares)
def test_diversification_and_dependency_stay_within_their_bounds(amounts):
    positive = [amount for amount in amounts if amount > 0]
    diversification = maths.diversification(amounts)
    dependency = maths.dependency(amounts)

    if not positive:
        assert diversification is None and dependency is None
        return
    n = len(positive)
    assert 0 <= diversification < 1
    assert diversification <= 1 - Decimal(1) / n + QUANTUM
    assert Decimal(1) / n - QUANTUM <= dependency <= 1
    # The Herfindahl index lies between the largest share squared and the largest share.
    assert 1 - dependency - 2 * QUANTUM <= diversification <= 1 - dependency**2 + 4 * QUANTUM
    if n == 1:
        assert diversification == 0 and dependency == 1
