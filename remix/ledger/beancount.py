"""The books as a Beancount ledger: ``remix export-beancount`` writes it, ``bean-check`` accepts it.

Beancount balances each transaction per commodity, not per fund. Every Remix transaction balances
per fund and commodity, so it balances overall too; the fund rides along as posting metadata
(``fund: "slug"``). A giver who asked for anonymity is written ``anonymous``, never named. A
reversal and its original share the link ``^tx-<id of the original>``. Exchange rates become
``price`` directives. Closed periods and bank statements' closing balances become ``balance``
directives, which Beancount checks at the start of their day: they are dated the day after.

The assertions are computed from the entries the file holds (the posted books; drafts too with
``drafts``), so the file is consistent by construction. A bank statement's balance is the bank's
own figure: when the books disagree with it, the directive is written as a comment and the
disagreement returned as a warning, so that the file still loads and the treasurer still knows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from babel import numbers
from django.db.models import Case, Exists, OuterRef, Q, Sum, Value, When

from remix.core.money import HOUR, from_minor, minor_digits, minor_plain
from remix.ledger.models import (
    Account,
    AccountType,
    BankImport,
    ClosedPeriod,
    ExchangeRate,
    Fund,
    ImportStatus,
    Posting,
    Transaction,
    TransactionStatus,
)

ANONYMOUS = "anonymous"
ONE_DAY = datetime.timedelta(days=1)
BATCH = 1000  # transactions read at a time: the export streams, whatever the size of the books
BALANCE_SHEET = (AccountType.ASSET, AccountType.LIABILITY, AccountType.EQUITY)
ACCOUNT_WIDTH = 46
AMOUNT_WIDTH = 16


@dataclass
class ExportReport:
    transactions: int = 0
    balances: int = 0
    warnings: list[str] = field(default_factory=list)


def beancount_write(out: TextIO, *, fund: Fund | None = None, drafts: bool = False) -> ExportReport:
    """Write the books (one fund's, or all of them) to ``out`` as a Beancount ledger.

    Every ``write`` is whole lines ending with a newline, so ``out`` may be a management
    command's output wrapper as well as a file."""
    scope = _Scope(fund=fund, drafts=drafts)
    report = ExportReport()
    funds = {pk: _quote(slug) for pk, slug in Fund.objects.values_list("pk", "slug")}  # quoted once
    codes = dict(Account.objects.values_list("pk", "code"))
    opened, commodities = _first_uses(scope, codes)
    digits = {commodity: minor_digits(commodity) for commodity in commodities}

    out.write(_header(scope))
    for commodity, day in sorted(commodities.items(), key=lambda item: (item[1], item[0])):
        out.write(_commodity(commodity, day))
    out.write("\n")
    for code, (day, used) in sorted(opened.items(), key=lambda item: (item[1][0], item[0])):
        out.write(f"{day} open {code} {','.join(sorted(used))}\n")
    out.write("\n")

    # Prices and balance assertions are few: they are merged into the stream of transactions.
    side = _prices() + _closed_period_balances(scope, opened, report)
    side += _statement_balances(scope, opened, report)
    side.sort(key=lambda entry: entry[:2])
    pending = 0
    for row, postings in _transactions(scope):
        while pending < len(side) and side[pending][0] <= row.date:
            out.write(side[pending][2])
            pending += 1
        out.write(_transaction(row, postings, codes, funds, digits))
        report.transactions += 1
    for entry in side[pending:]:
        out.write(entry[2])
    return report


def beancount_text(*, fund: Fund | None = None, drafts: bool = False) -> str:
    import io

    buffer = io.StringIO()
    beancount_write(buffer, fund=fund, drafts=drafts)
    return buffer.getvalue()


# --- what goes in the file -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Scope:
    fund: Fund | None
    drafts: bool

    def postings(self):
        postings = Posting.objects.all()
        if not self.drafts:
            postings = postings.filter(posted=True)
        return postings.filter(fund=self.fund) if self.fund is not None else postings

    def transactions(self):
        transactions = Transaction.objects.all()
        if not self.drafts:
            transactions = transactions.filter(status=TransactionStatus.POSTED)
        if self.fund is not None:
            in_fund = Posting.objects.filter(transaction=OuterRef("pk"), fund=self.fund)
            transactions = transactions.filter(Exists(in_fund))
        return transactions


def _first_uses(scope: _Scope, codes: dict) -> tuple[dict, dict]:
    """Each used account's first day and commodities; each commodity's first day.

    The (account, commodity) pairs used first, then each pair's first day by the index on the
    account and the date: a ``GROUP BY`` of the postings, SQLite sorts every one of them (in
    memory, as its temporary store is), where a ``DISTINCT`` keeps only the pairs."""
    opened: dict[str, tuple[datetime.date, set[str]]] = {}
    commodities: dict[str, datetime.date] = {}
    postings = scope.postings()
    pairs = postings.values_list("account_id", "commodity").order_by().distinct()
    for account_id, commodity in pairs:
        first = (
            postings.filter(account_id=account_id, commodity=commodity)
            .order_by("date")
            .values_list("date", flat=True)[0]
        )
        code = codes[account_id]
        day, used = opened.get(code, (first, set()))
        opened[code] = (min(day, first), used | {commodity})
        commodities[commodity] = min(commodities.get(commodity, first), first)
    return opened, commodities


def _header(scope: _Scope) -> str:
    if scope.fund is not None:
        title, currencies = scope.fund.label, [scope.fund.reporting_currency]
    else:
        title = "Remix"
        currencies = list(
            dict.fromkeys(
                Fund.objects.order_by("-kind", "slug").values_list("reporting_currency", flat=True)
            )
        )
    what = f"the fund {scope.fund.slug}" if scope.fund is not None else "every fund"
    drafts = "posted transactions and drafts (flagged !)" if scope.drafts else "posted transactions"
    lines = [
        f"; The books of {what}, exported by Remix: {drafts}.",
        "; Each transaction balances per fund and commodity; each posting says its fund.",
        f'option "title" {_quote(title)}',
        *(f'option "operating_currency" "{currency}"' for currency in currencies),
        "",
        "",
    ]
    return "\n".join(lines)


def _commodity(commodity: str, day: datetime.date) -> str:
    if commodity == HOUR:
        name = "Volunteer time, in hours"
    else:
        name = numbers.get_currency_name(commodity, locale="en")
    return f"{day} commodity {commodity}\n  name: {_quote(name)}\n"


def _prices() -> list[tuple]:
    """Exchange rates as ``price`` directives: 1 commodity = rate quote on that day."""
    return [
        (day, 0, f"{day} price {commodity} {_plain(rate.normalize())} {quote}\n\n")
        for day, commodity, quote, rate in ExchangeRate.objects.order_by(
            "date", "commodity", "quote"
        ).values_list("date", "commodity", "quote", "rate")
    ]


def _sums_on(scope: _Scope, day: datetime.date, *filters) -> dict[tuple[str, str], int]:
    """(account code, commodity) → sum of the exported postings up to ``day`` included."""
    rows = (
        scope.postings()
        .filter(*filters, date__lte=day)
        .values_list("account__code", "commodity")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    return {(code, commodity): total for code, commodity, total in rows}


def _with_children(sums: dict, code: str, commodity: str) -> int:
    """Beancount's ``balance`` counts an account's sub-accounts too."""
    return sum(
        total
        for (other, other_commodity), total in sums.items()
        if other_commodity == commodity and (other == code or other.startswith(code + ":"))
    )


def _balance(day: datetime.date, code: str, minor: int, commodity: str, note: str = "") -> str:
    amount = _plain(from_minor(minor, commodity))
    head = f"{day} balance {code}"  # amounts in the same column as the postings'
    line = f"{head:<{ACCOUNT_WIDTH + 2}} {amount:>{AMOUNT_WIDTH}} {commodity}\n"
    return line + (f"  note: {_quote(note)}\n" if note else "")


def _closed_period_balances(scope: _Scope, opened: dict, report) -> list[tuple]:
    """After each closed period, the balance-sheet accounts as they stood on its last day."""
    entries = []
    periods = list(ClosedPeriod.objects.order_by("end", "start"))
    standing = _standing_on(scope, sorted({period.end for period in periods}))
    for period in periods:
        sums = standing[period.end]
        lines = [
            _balance(period.end + ONE_DAY, code, total, commodity)
            for (code, commodity), total in sorted(_rolled_up(sums).items())
            if opened[code][0] <= period.end
        ]
        if lines:
            note = f"; closed period {period.start} – {period.end}\n"
            entries.append((period.end + ONE_DAY, 1, note + "".join(lines) + "\n"))
            report.balances += len(lines)
    return entries


def _standing_on(scope: _Scope, days: list[datetime.date]) -> dict[datetime.date, dict]:
    """Each day → (account code, commodity) → sum of the exported balance-sheet postings up to
    that day included, for the ascending ``days``: one grouped query, each posting counted in
    the first day on or after its own, then running totals."""
    if not days:
        return {}
    upto = Case(*(When(date__lte=day, then=Value(index)) for index, day in enumerate(days)))
    rows = (
        scope.postings()
        .filter(account__type__in=BALANCE_SHEET, date__lte=days[-1])
        .annotate(upto=upto)
        .values_list("upto", "account__code", "commodity")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    added: dict[int, list] = defaultdict(list)
    for index, code, commodity, total in rows:
        added[index].append(((code, commodity), total))
    standing, running = {}, defaultdict(int)
    for index, day in enumerate(days):
        for key, total in added[index]:
            running[key] += total
        standing[day] = dict(running)
    return standing


def _rolled_up(sums: dict) -> dict[tuple[str, str], int]:
    """Each (account code, commodity) of ``sums`` → its total with its sub-accounts' (as
    Beancount's ``balance`` counts them): each sum is added to every ancestor's in ``sums``."""
    totals = dict.fromkeys(sums, 0)
    for (code, commodity), total in sums.items():
        parts = code.split(":")
        for length in range(1, len(parts) + 1):
            ancestor = (":".join(parts[:length]), commodity)
            if ancestor in totals:
                totals[ancestor] += total
    return totals


def _statement_balances(scope: _Scope, opened: dict, report) -> list[tuple]:
    """A bank statement's closing balance, where the file's books agree with it."""
    entries = []
    statements = BankImport.objects.filter(
        status=ImportStatus.DONE, closing_date__isnull=False, closing_balance_minor__isnull=False
    ).select_related("account")
    for statement in statements.order_by("closing_date", "id"):
        code, commodity, day = statement.account.code, statement.commodity, statement.closing_date
        sums = _sums_on(scope, day, Q(account__code=code) | Q(account__code__startswith=code + ":"))
        books = _with_children(sums, code, commodity)
        expected = statement.closing_balance_minor
        directive = _balance(day + ONE_DAY, code, expected, commodity, note=statement.filename)
        if code in opened and opened[code][0] <= day and books == expected:
            entries.append((day + ONE_DAY, 2, directive + "\n"))
            report.balances += 1
            continue
        said = f"{_plain(from_minor(expected, commodity))} {commodity}"
        found = f"{_plain(from_minor(books, commodity))} {commodity}"
        warning = (
            f"{statement.filename}: the statement says {code} held {said} on {day}; "
            f"the exported books say {found}"
        )
        report.warnings.append(warning)
        commented = "".join(f"; {line}\n" for line in directive.splitlines())
        entries.append((day + ONE_DAY, 2, f"; {warning}\n{commented}\n"))
    return entries


def _transactions(scope: _Scope):
    """(transaction row, its postings in the scope), by date then id, streamed: the transactions
    and the postings are read by two queries in that same order (the postings by their
    transaction's date and id, then their own id), walked side by side."""
    rows = (
        scope.transactions()
        .order_by("date", "id")
        .values_list(
            "id",
            "date",
            "status",
            "description",
            "counterparty__name",
            "anonymous",
            "reference",
            "is_transfer",
            "reverses_id",
            "reversed_by",
            "reason",
            "bank_import__filename",
            named=True,
        )
    )
    legs = (
        scope.postings()
        .order_by("transaction__date", "transaction_id", "id")
        .values_list(
            "transaction__date",
            "transaction_id",
            "account_id",
            "fund_id",
            "commodity",
            "amount_minor",
            "memo",
        )
        .iterator(chunk_size=BATCH)
    )
    leg = next(legs, None)
    for row in rows.iterator(chunk_size=BATCH):
        postings = []
        # A posting of a transaction the scope leaves out (none, as the scopes agree) is passed.
        while leg is not None and (leg[1] == row.id or (leg[0], leg[1]) < (row.date, row.id)):
            if leg[1] == row.id:
                postings.append(leg)
            leg = next(legs, None)
        yield row, postings


def _transaction(row, postings: list, codes: dict, funds: dict, digits: dict) -> str:
    flag = "*" if row.status == TransactionStatus.POSTED else "!"
    counterparty = ANONYMOUS if row.anonymous else row.counterparty__name
    counterparty = _quote(counterparty) if counterparty else None  # quoted once, written twice
    head = [str(row.date), flag]
    if counterparty:
        head.append(counterparty)
    head.append(_quote(row.description))
    original = row.reverses_id or (row.id if row.reversed_by else None)
    if original:
        head.append(f"^tx-{original}")
    if row.is_transfer:
        head.append("#transfer")
    lines = [" ".join(head), f'  id: "tx-{row.id}"']
    if counterparty:
        lines.append(f"  counterparty: {counterparty}")
    if row.reference:
        lines.append(f"  reference: {_quote(row.reference)}")
    if row.reverses_id:
        lines.append(f'  reverses: "tx-{row.reverses_id}"')
        lines.append(f"  reason: {_quote(row.reason)}")
    if row.bank_import__filename:
        lines.append(f"  bank-import: {_quote(row.bank_import__filename)}")
    slugs = {funds[fund_id] for _day, _tx, _a, fund_id, *_rest in postings}
    if len(slugs) == 1:
        lines.append(f"  fund: {next(iter(slugs))}")
    for _day, _tx, account_id, fund_id, commodity, minor, memo in postings:
        amount = minor_plain(minor, digits[commodity])
        lines.append(f"  {codes[account_id]:<{ACCOUNT_WIDTH}} {amount:>{AMOUNT_WIDTH}} {commodity}")
        lines.append(f"    fund: {funds[fund_id]}")
        if memo:
            lines.append(f"    memo: {_quote(memo)}")
    return "\n".join(lines) + "\n\n"


# --- Beancount's syntax --------------------------------------------------------------------------


def _quote(text: str) -> str:
    """A Beancount string: backslashes and quotes escaped, on one line."""
    text = " ".join(str(text).split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _plain(value: Decimal) -> str:
    """A decimal as Beancount reads it: no exponent, as many decimals as it carries."""
    return format(value, "f")
