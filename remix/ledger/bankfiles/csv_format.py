"""CSV statements as banks export them: the table found among the lines around it, its
columns named in French or English, the closing balance said before or after it."""

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from remix.core.imports import ImportRefused
from remix.ledger.bankfiles.statement import CSV, BankRow, Statement
from remix.ledger.bankfiles.values import AMOUNT_NOISE, amount_check, amount_parse, date_parse


def _words(text: str) -> str:
    """A header cell or a line as bare lowercase words: "Débit euros" → "debit euros"."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_CURRENCY_WORDS = r"(?: en)? (?:eur|euro|euros|xof|fcfa|cfa|usd|cad|chf|gbp)"
COLUMNS = {
    # field: accepted header names, best first (bare words, see _words)
    "date": [
        "date operation",
        "date de l operation",
        "date d operation",
        "date",
        "date comptable",
        "date de comptabilisation",
        "date compta",
        "booking date",
        "transaction date",
        "posting date",
        "date valeur",
        "date de valeur",
        "value date",
    ],
    "label": [
        "libelle",
        "libelle operation",
        "libelle de l operation",
        "libelle complet",
        "libelle simplifie",
        "intitule",
        "description",
        "label",
        "details",
        "nature de l operation",
        "operation",
        "narrative",
        "memo",
        "payee",
    ],
    "more": [
        "informations complementaires",
        "information complementaire",
        "complement",
        "complement libelle",
        "libelle complementaire",
    ],
    "amount": ["montant", "montant operation", "montant de l operation", "amount", "somme"],
    "debit": ["debit", "debits", "withdrawal", "withdrawals", "paid out", "money out", "sortie"],
    "credit": ["credit", "credits", "deposit", "deposits", "paid in", "money in", "entree"],
    "sense": ["sens", "sens de l operation", "sens operation", "debit credit", "d c", "dc"],
    "reference": [
        "reference",
        "ref",
        "reference operation",
        "numero d operation",
        "transaction id",
        "id",
    ],
    "currency": ["devise", "currency", "monnaie"],
}
_BALANCE_LINE = re.compile(
    r"^(?:solde au|solde final|nouveau solde|solde de cloture|solde fin de periode|"
    r"closing balance|balance at|balance on|ending balance)\b"
)
_SUM_LINE = re.compile(r"^(?:total|totaux|solde|ancien solde|nouveau solde|balance)\b")
_DATE_IN_TEXT = re.compile(r"\b(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\b")
_AMOUNT_IN_TEXT = re.compile(r"[-+\u2212]?\s?\d{1,3}(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d{1,2})?")


def _header_name(cell: str) -> str:
    return re.sub(_CURRENCY_WORDS + r"$", "", _words(cell))


def columns_find(cells: list[str]) -> dict[str, int] | None:
    """Which column holds what, when this line is a statement's header; else None."""
    names = [_header_name(cell) for cell in cells]
    found: dict[str, int] = {}
    for key, accepted in COLUMNS.items():
        for name in accepted:
            if name in names and names.index(name) not in found.values():
                found[key] = names.index(name)
                break
    money = "amount" in found or "debit" in found or "credit" in found
    return found if "date" in found and money else None


def _table_find(lines: Callable[[], Iterable[str]]) -> tuple[str, int, dict[str, int]]:
    """The separator, the header's line and its columns: the separator that finds a header
    earliest wins. ``lines()`` gives the text's lines from the start, each time it is called."""
    best = None
    for delimiter in (";", ",", "\t", "|"):
        reader = csv.reader(lines(), delimiter=delimiter)
        try:
            for index, cells in enumerate(reader):
                if index >= 60:
                    break
                columns = columns_find(cells)
                if columns:
                    candidate = (reader.line_num, -len(columns), delimiter, columns)
                    if best is None or candidate[:2] < best[:2]:
                        best = candidate
                    break
        except csv.Error:
            continue
    if best is None:
        raise ImportRefused(
            None,
            _(
                "No table found: no line among the first ones names a date column and an amount "
                "column (or a debit and a credit column)."
            ),
        )
    line, _width, delimiter, columns = best
    return delimiter, line, columns


def _mark_vote(votes: dict[str, int], cell: str) -> None:
    """The decimal mark one amount shows, if it shows one."""
    value = AMOUNT_NOISE.sub("", cell).strip("-+()")
    if "," in value and "." in value:
        votes["," if value.rfind(",") > value.rfind(".") else "."] += 1
        return
    for sep in (",", "."):
        if value.count(sep) == 1 and len(value) - value.rfind(sep) - 1 in (1, 2):
            votes[sep] += 1


def _decimal_mark(votes: dict[str, int], delimiter: str) -> str:
    """The file's decimal mark, from the amounts that show it; else the separator's habit."""
    if votes[","] != votes["."]:
        return "," if votes[","] > votes["."] else "."
    return "," if delimiter == ";" else "."


def _balance_line(text: str, decimal_mark: str) -> tuple[datetime.date, Decimal] | None:
    """ "Solde au 31/10/2026 : 1 234,56 €" and the like, before or after the table."""
    if not _BALANCE_LINE.match(_words(text)):
        return None
    date_match = _DATE_IN_TEXT.search(text)
    if not date_match:
        return None
    rest = text[date_match.end() :]
    amounts = _AMOUNT_IN_TEXT.findall(rest)
    if not amounts:
        return None
    try:
        return date_parse(date_match.group(1)), amount_parse(amounts[-1], decimal_mark=decimal_mark)
    except ValueError:
        return None


def csv_read(text: str, *, commodity: str = "EUR") -> Statement:
    """A CSV statement from its text, its rows read at once."""
    statement = csv_open(lambda: io.StringIO(text, newline=""), commodity=commodity)
    statement.rows = list(statement.rows)
    return statement


def csv_open(lines: Callable[[], Iterable[str]], *, commodity: str = "EUR") -> Statement:
    """A CSV statement whose rows are read as they are asked for, one at a time; ``lines()``
    gives the text's lines from the start each time it is called.

    A first reading finds the table, the decimal mark (from every amount) and the closing
    balance written before the table, and counts the rows (``expected``); ``rows`` then reads
    the file again, yielding each row, and sets a closing balance found among or after them.
    A line that cannot be read refuses the file when it is reached."""
    delimiter, header_line, columns = _table_find(lines)
    money_columns = [columns[key] for key in ("amount", "debit", "credit") if key in columns]
    votes = {",": 0, ".": 0}
    before, expected = [], 0
    for line, cells in _records(lines(), delimiter):
        if line < header_line:
            before.append(delimiter.join(cells))
        elif line > header_line:
            expected += any(cell.strip() for cell in cells)
            for index in money_columns:
                if index < len(cells):
                    _mark_vote(votes, cells[index])
    decimal_mark = _decimal_mark(votes, delimiter)
    statement = Statement(format=CSV, commodity=commodity, expected=expected)
    for text in before:
        _closing_from(statement, text, decimal_mark)

    def rows() -> Iterator[BankRow]:
        for line, cells in _records(lines(), delimiter):
            if line <= header_line or not any(cell.strip() for cell in cells):
                continue
            row = _csv_row(line, cells, columns, statement, decimal_mark, delimiter)
            if row is not None and row.amount:
                yield row

    statement.rows = rows()
    return statement


def _records(lines: Iterable[str], delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line where it starts (a quoted cell may hold line breaks)."""
    reader = csv.reader(lines, delimiter=delimiter)
    previous = 0
    try:
        for cells in reader:
            yield previous + 1, cells
            previous = reader.line_num
    except csv.Error as error:
        raise ImportRefused(reader.line_num, str(error)) from None


def _closing_from(statement: Statement, text: str, decimal_mark: str) -> bool:
    found = _balance_line(text.strip(), decimal_mark)
    if found:
        statement.closing_date, statement.closing_balance = found
    return found is not None


def _csv_row(line, cells, columns, statement, decimal_mark, delimiter) -> BankRow | None:
    def cell(key: str) -> str:
        index = columns.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    raw_date = cell("date")
    try:
        date, date_error = date_parse(raw_date) if raw_date else None, None
    except ValueError as error:
        date, date_error = None, error
    if date is None:
        # A balance or a total line among the rows ("Solde au 31/10/2026;;1 234,56") is no row.
        joined = delimiter.join(c.strip() for c in cells).strip(delimiter + " ")
        if _closing_from(statement, joined, decimal_mark) or _SUM_LINE.match(_words(joined)):
            return None
        raise ImportRefused(line, str(date_error) if date_error else _("No date on this line."))
    currency = cell("currency").upper()
    if currency and currency != statement.commodity:
        raise ImportRefused(
            line,
            _("The row is in %(found)s but the statement is in %(commodity)s.")
            % {"found": currency, "commodity": statement.commodity},
        )
    try:
        amount = _csv_amount(cell, columns, decimal_mark)
        amount_check(amount, statement.commodity)
    except ValueError as error:
        raise ImportRefused(line, str(error)) from None
    label = " ".join(cell("label").split())
    more = " ".join(cell("more").split())
    if more and more not in label:
        label = f"{label} {more}".strip()
    return BankRow(line=line, date=date, amount=amount, label=label, reference=cell("reference"))


# What a sense column says (bare words, see _words): money out, or money in.
_SENSE = {
    **dict.fromkeys(("d", "db", "dr", "debit", "dbit", "sortie", "-"), -1),
    **dict.fromkeys(("c", "cr", "credit", "crdt", "entree", "+"), 1),
}


def _csv_amount(cell, columns, decimal_mark) -> Decimal:
    if "amount" in columns:
        raw = cell("amount")
        if not raw:
            raise ValueError(_("No amount on this line."))
        amount = amount_parse(raw, decimal_mark=decimal_mark)
        return _sensed(amount, cell("sense")) if "sense" in columns else amount
    debit, credit = cell("debit"), cell("credit")
    debit_amount = amount_parse(debit, decimal_mark=decimal_mark) if debit else Decimal(0)
    credit_amount = amount_parse(credit, decimal_mark=decimal_mark) if credit else Decimal(0)
    if not debit and not credit:
        raise ValueError(_("No amount on this line: the debit and credit columns are empty."))
    if debit_amount and credit_amount:
        raise ValueError(_("This line has both a debit and a credit."))
    return abs(credit_amount) - abs(debit_amount)


def _sensed(amount: Decimal, sense: str) -> Decimal:
    """An amount column with a separate sense column (« Montant » + « Sens »: « Débit » or
    « D », « Crédit » or « C »): the sense signs the amount, written with or without a sign."""
    words = _words(sense) or sense.strip()
    if words not in _SENSE:
        raise ValueError(
            _("The sense “%(value)s” is neither a debit (D) nor a credit (C).") % {"value": sense}
        )
    return abs(amount) * _SENSE[words]
