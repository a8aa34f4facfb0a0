"""The books for spreadsheets: transactions and reports as CSV and XLSX.

A sheet is columns and rows of typed cells: amounts are ``Money``, shares are ``Ratio``, days are
dates, the rest text. The writers turn them into

- CSV: UTF-8 with a byte-order mark (so that Excel reads the accents), ``;`` between fields (what
  Excel and LibreOffice in a French locale split on when a file is opened by a double click), and
  amounts as plain decimals with a point, their commodity in the next column: exact figures any
  program parses the same way. Shares are fractions (0.45 for 45 %).
- XLSX: real numbers with a number format per commodity's decimal places, dates as dates, shares
  as percentages, a bold header row, set column widths, one sheet per report.

Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is kept as text.
A giver who asked for anonymity is never named: the cell says "Anonymous", translated.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from remix.core.money import Money, minor_digits, round_minor
from remix.ledger import maths
from remix.ledger.models import (
    AccountType,
    Fund,
    NeedCategory,
    Posting,
    ResourceNature,
    Transaction,
    TransactionStatus,
)
from remix.ledger.selectors import balances, sustainability_report
from remix.ledger.selectors.transactions import counterparty_public_name

BOM = "\ufeff"
DELIMITER = ";"
BATCH = 1000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Ratio:
    """A share or a ratio: 0.45 is 45 %."""

    value: Decimal | None


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 14


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: Iterable[list]  # may be a generator: the transactions of a busy year


# --- writers -------------------------------------------------------------------------------------


def csv_lines(sheet: Sheet) -> Iterator[str]:
    """The sheet as CSV text, a few hundred lines at a time (a download streams them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER)
    buffer.write(BOM)
    writer.writerow([_text_safe(column.header) for column in sheet.columns])
    for count, row in enumerate(sheet.rows, start=1):
        writer.writerow([_csv_cell(value) for value in row])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_text(sheet: Sheet) -> str:
    return "".join(csv_lines(sheet))


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Money):
        return format(value.amount, "f")
    if isinstance(value, Ratio):
        return "" if value.value is None else format(value.value, "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return _text_safe(str(value))


def _text_safe(text: str) -> str:
    """Text a spreadsheet would take for a formula gets a leading apostrophe (OWASP's advice)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _xlsx_sheet(workbook, sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_sheet(workbook: Workbook, sheet: Sheet) -> None:
    worksheet = workbook.create_sheet(_sheet_title(sheet.title))
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    worksheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(worksheet, value=column.header)
        cell.font = bold
        header.append(cell)
    worksheet.append(header)
    count = 1
    for row in sheet.rows:
        worksheet.append([_xlsx_cell(worksheet, value) for value in row])
        count += 1
    last = get_column_letter(len(sheet.columns))
    worksheet.auto_filter.ref = f"A1:{last}{count}"


def _xlsx_cell(worksheet, value) -> WriteOnlyCell:
    if isinstance(value, Money):
        cell = WriteOnlyCell(worksheet, value=value.amount)
        cell.number_format = _number_format(minor_digits(value.commodity))
    elif isinstance(value, Ratio):
        cell = WriteOnlyCell(worksheet, value=value.value)
        cell.number_format = "0.00%"
    elif isinstance(value, Decimal):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "#,##0.0###"
    elif isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "yyyy-mm-dd"
    elif value is None or isinstance(value, int):
        cell = WriteOnlyCell(worksheet, value=value)
    else:
        cell = WriteOnlyCell(worksheet, value=str(value))  # translated labels are lazy strings
        cell.data_type = "s"  # never a formula, whatever it starts with
    return cell


def _number_format(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits else "")


def _sheet_title(title: str) -> str:
    for forbidden in "[]:*?/\\":
        title = title.replace(forbidden, " ")
    return title[:31]


# --- transactions --------------------------------------------------------------------------------


def transactions_sheet(*, fund: Fund | None, period: maths.Period, drafts: bool = False) -> Sheet:
    """One row per posting of the period's transactions (the fund's postings only, with one)."""
    columns = [
        Column(_("Date"), 12),
        Column(_("Transaction"), 12),
        Column(_("Status"), 10),
        Column(_("Description"), 40),
        Column(_("Counterparty"), 28),
        Column(_("Reference"), 16),
        Column(_("Account"), 32),
        Column(_("Account name"), 32),
        Column(_("Fund"), 18),
        Column(_("Amount"), 14),
        Column(_("Commodity"), 10),
        Column(_("Memo"), 24),
        Column(_("Reverses"), 10),
        Column(_("Reason"), 28),
    ]
    return Sheet(_("Transactions"), columns, _transaction_rows(fund, period, drafts))


def _transaction_rows(fund: Fund | None, period: maths.Period, drafts: bool) -> Iterator[list]:
    transactions = Transaction.objects.filter(date__range=(period.start, period.end))
    if not drafts:
        transactions = transactions.filter(status=TransactionStatus.POSTED)
    if fund is not None:
        transactions = transactions.filter(postings__fund=fund).distinct()
    transactions = transactions.select_related("counterparty").order_by("date", "id")
    funds = dict(Fund.objects.values_list("pk", "slug"))
    after = None
    while True:
        batch = transactions
        if after is not None:
            batch = batch.filter(Q(date__gt=after[0]) | Q(date=after[0], id__gt=after[1]))
        batch = list(batch[:BATCH])
        if not batch:
            return
        postings = Posting.objects.filter(transaction__in=batch).select_related("account")
        if fund is not None:
            postings = postings.filter(fund=fund)
        by_transaction: dict[int, list[Posting]] = {}
        for posting in postings.order_by("id"):
            by_transaction.setdefault(posting.transaction_id, []).append(posting)
        for tx in batch:
            counterparty = counterparty_public_name(tx)
            status = str(TransactionStatus(tx.status).label)
            for posting in by_transaction.get(tx.pk, []):
                yield [
                    tx.date,
                    tx.pk,
                    status,
                    tx.description,
                    counterparty,
                    tx.reference,
                    posting.account.code,
                    posting.account.label,
                    funds[posting.fund_id],
                    Money(posting.amount_minor, posting.commodity),
                    posting.commodity,
                    posting.memo,
                    tx.reverses_id,
                    tx.reason,
                ]
        after = (batch[-1].date, batch[-1].pk)


# --- reports -------------------------------------------------------------------------------------


def trial_balance_sheet(*, fund: Fund | None, on: datetime.date) -> Sheet:
    trial = balances.trial_balance(fund=fund, on=on)
    columns = [
        Column(_("Account"), 32),
        Column(_("Account name"), 36),
        Column(_("Commodity"), 10),
        Column(_("Debit"), 14),
        Column(_("Credit"), 14),
        Column(_("Balance"), 14),
    ]
    rows = [
        [
            row.account.code,
            row.account.label,
            row.commodity,
            Money(row.debit, row.commodity),
            Money(row.credit, row.commodity),
            Money(row.minor, row.commodity),
        ]
        for row in trial.rows
    ]
    for commodity, total in trial.totals.items():
        debit, credit = total["debit"], total["credit"]
        rows.append(
            [
                _("Total"),
                "",
                commodity,
                Money(debit, commodity),
                Money(credit, commodity),
                Money(debit - credit, commodity),
            ]
        )
    return Sheet(_("Trial balance"), columns, rows)


def income_statement_sheet(*, fund: Fund | None, period: maths.Period) -> Sheet:
    """Income and expenses as people read them (both positive), and the result per commodity."""
    columns = [
        Column(_("Section"), 16),
        Column(_("Account"), 32),
        Column(_("Account name"), 36),
        Column(_("Commodity"), 10),
        Column(_("Amount"), 14),
    ]
    statement = balances.income_statement(fund=fund, period=period)
    income = [r for r in statement if r.account.type == AccountType.INCOME]
    expenses = [r for r in statement if r.account.type == AccountType.EXPENSE]
    rows = []
    for section, lines, sign in ((_("Income"), income, -1), (_("Expenses"), expenses, 1)):
        for row in lines:
            amount = Money(sign * row.minor, row.commodity)
            rows.append([section, row.account.code, row.account.label, row.commodity, amount])
        for commodity, total in _totals(lines).items():
            rows.append([section, _("Total"), "", commodity, Money(sign * total, commodity)])
    for commodity, total in _totals(statement).items():
        result = Money(-total, commodity)
        rows.append([_("Result"), "", _("Surplus (a deficit if negative)"), commodity, result])
    return Sheet(_("Income statement"), columns, rows)


def balance_sheet_sheet(*, fund: Fund | None, on: datetime.date) -> Sheet:
    """Assets against liabilities, equity and the result to date, per commodity."""
    columns = [
        Column(_("Section"), 18),
        Column(_("Account"), 32),
        Column(_("Account name"), 36),
        Column(_("Commodity"), 10),
        Column(_("Amount"), 14),
    ]
    sheet = balances.balance_sheet(fund=fund, on=on)
    sections = sheet["sections"]
    rows = []
    names = {
        AccountType.ASSET: _("Assets"),
        AccountType.LIABILITY: _("Liabilities"),
        AccountType.EQUITY: _("Equity"),
    }
    for kind, sign in (
        (AccountType.ASSET, 1),
        (AccountType.LIABILITY, -1),
        (AccountType.EQUITY, -1),
    ):
        for row in sections[kind]:
            amount = Money(sign * row.minor, row.commodity)
            rows.append([names[kind], row.account.code, row.account.label, row.commodity, amount])
    for commodity, total in sorted(sheet["result"].items()):
        rows.append([_("Equity"), "", _("Result to date"), commodity, Money(-total, commodity)])
    for commodity, total in _totals(sections[AccountType.ASSET]).items():
        rows.append([_("Total"), "", _("Total assets"), commodity, Money(total, commodity)])
    others = sections[AccountType.LIABILITY] + sections[AccountType.EQUITY]
    totals = _totals(others)
    for commodity, result in sheet["result"].items():
        totals[commodity] = totals.get(commodity, 0) + result
    for commodity, total in sorted(totals.items()):
        label = _("Total liabilities and equity")
        rows.append([_("Total"), "", label, commodity, Money(-total, commodity)])
    return Sheet(_("Balance sheet"), columns, rows)


def _totals(rows) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in rows:
        totals[row.commodity] = totals.get(row.commodity, 0) + row.minor
    return dict(sorted(totals.items()))


def sustainability_sheet(*, fund: Fund | None, period: maths.Period) -> Sheet:
    """The sustainability report in long form: one figure a row, its section and its unit."""
    report = sustainability_report.sustainability(fund=fund, period=period)
    currency = report.currency
    columns = [
        Column(_("Section"), 30),
        Column(_("Item"), 34),
        Column(_("Value"), 14),
        Column(_("Unit"), 10),
        Column(_("Share"), 10),
    ]

    def money(minor) -> list:
        return [Money(round_minor(Decimal(minor)), currency), currency]

    figures = report.figures()
    rows = [[_("Figures"), label, Ratio(figures[key]), "", None] for key, label in _ratios()]
    rows.append([_("Figures"), _("Runway"), figures["runway_months"], _("months"), None])
    rows += [
        [_("Totals"), _("Needs"), *money(report.needs), None],
        [_("Totals"), _("Monetary resources"), *money(report.resources_monetary), None],
        [_("Totals"), _("Valued resources (time, in-kind)"), *money(report.resources_valued), None],
        [_("Totals"), _("All resources"), *money(report.resources_total), None],
        [_("Totals"), _("Missing per month"), *money(report.gap_per_month), None],
        [_("Totals"), _("Cash"), *money(report.cash), None],
        [_("Totals"), _("Average monthly burn"), *money(report.monthly_burn), None],
        [_("Totals"), _("Volunteer hours"), Money(report.hours, "HOUR"), "HOUR", None],
    ]
    total = sum(report.by_nature.values())
    rows += _breakdown(
        _("Resources by nature"), report.by_nature, ResourceNature, money, total=total
    )
    rows += _breakdown(_("Needs by category"), report.needs_by_category, NeedCategory, money)
    rows += _breakdown(_("Spending by category"), report.spending_by_category, NeedCategory, money)
    rows += [
        [_("Sources"), source["name"], *money(source["amount"]), Ratio(source["share"])]
        for source in report.sources
    ]
    for key, section in (
        ("needs", _("Needs by month")),
        ("monetary", _("Monetary resources by month")),
        ("valued", _("Valued resources by month")),
        ("spending", _("Spending by month")),
    ):
        rows += [
            [section, f"{month['month']:%Y-%m}", *money(month[key]), None]
            for month in report.months
        ]
    rows += _rates(report.rates)
    return Sheet(_("Sustainability"), columns, rows)


def _ratios() -> list[tuple[str, str]]:
    """The headline figures that are shares, with their names (defined in the docs)."""
    return [
        ("coverage", _("Coverage")),
        ("coverage_with_valued", _("Coverage with valued resources")),
        ("contributions_share", _("Share of needs covered by users' contributions")),
        ("diversification_natures", _("Diversification of resource natures")),
        ("diversification_sources", _("Diversification of sources")),
        ("dependency", _("Dependency on the largest source")),
    ]


def _breakdown(section: str, amounts: dict, choices, money: Callable, total=None) -> list[list]:
    labels = dict(choices.choices)
    return [
        [section, str(labels.get(key, key)), *money(amount), _share(amount, total)]
        for key, amount in amounts.items()
    ]


def _share(amount, total) -> Ratio | None:
    return Ratio(maths.ratio(amount, total)) if total else None


def _rates(rates: dict) -> list[list]:
    """Which rates the conversions used, and which were missing: a report says it."""
    rows = [
        [
            _("Rates used"),
            f"{rate['date']} {rate['commodity']} → {rate['quote']}",
            _plain(rate["rate"]),
            rate["quote"],
            None,
        ]
        for rate in rates.get("used", [])
    ]
    rows += [
        [_("Missing rates"), f"{missing['date']} {missing['commodity']}", None, "", None]
        for missing in rates.get("missing", [])
    ]
    return rows


REPORTS = {
    "trial-balance": lambda *, fund, period, on: trial_balance_sheet(fund=fund, on=on),
    "income-statement": lambda *, fund, period, on: income_statement_sheet(
        fund=fund, period=period
    ),
    "balance-sheet": lambda *, fund, period, on: balance_sheet_sheet(fund=fund, on=on),
    "sustainability": lambda *, fund, period, on: sustainability_sheet(fund=fund, period=period),
}


def report_sheets(
    name: str, *, fund: Fund | None, period: maths.Period, on: datetime.date
) -> list[Sheet]:
    """One report by its name, or ``all`` of them (one sheet each in a workbook)."""
    names = list(REPORTS) if name == "all" else [name]
    return [REPORTS[each](fund=fund, period=period, on=on) for each in names]


def _plain(value: Decimal) -> Decimal:
    """A rate without its trailing zeros (0.0015240000 → 0.001524), never in exponent form."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value
