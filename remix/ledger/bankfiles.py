"""Bank statement files read into plain rows: CSV as French (and other) banks export them, OFX 1
(SGML) and 2 (XML) through ofxtools' parser, and ISO 20022 CAMT.053 through defusedxml.

Nothing here touches the database. A file is read whole first; anything that cannot be read
refuses the whole file with its line (CSV) or entry (OFX, CAMT) and the reason, in the reader's
language. Amounts are signed as on the bank account: money in is positive, money out negative.

What real CSV exports do, and what is read:
- separators ``;``, ``,``, tab or ``|`` (the one whose first lines hold a recognisable header);
- UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 / Latin-1;
- a few lines before the table (account number, period, "Solde au 31/10/2026 1 234,56 €");
  a closing-balance line before or after the table gives the statement's closing balance;
- dates ``dd/mm/yyyy`` (``-`` or ``.`` too, two-digit years) and ISO ``yyyy-mm-dd``;
- decimal comma or point, thousands with spaces, points or commas, ``-12,50``, ``12,50-``,
  ``(12.50)``, a currency sign;
- one signed amount column, or a debit and a credit column (either sign in the debit column);
- column names in French or English (Date, Date opération, Libellé, Débit, Crédit, Montant,
  Amount, Description…), with or without accents and a currency word ("Débit euros").
Rows of zero are left out: a transaction is never zero.
"""

import csv
import datetime
import html
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from remix.core.imports import ImportRefused
from remix.core.money import MoneyError, commodity_read, minor_digits, to_minor

CSV, OFX, CAMT053 = "csv", "ofx", "camt.053"


@dataclass(frozen=True)
class BankRow:
    line: int  # the CSV line where the row starts, or the entry's number in OFX and CAMT
    date: datetime.date
    amount: Decimal  # signed as on the bank account: money in is positive
    label: str
    reference: str = ""


@dataclass
class Statement:
    format: str
    commodity: str
    rows: list[BankRow] = field(default_factory=list)
    closing_date: datetime.date | None = None
    closing_balance: Decimal | None = None
    account: str = ""  # the account number (IBAN, ACCTID) when the file says it
    encoding: str = ""


def statement_read(data: bytes, *, commodity: str = "EUR") -> Statement:
    """Any supported bank file; ``commodity`` is for CSV files that do not say their currency."""
    commodity = commodity_read(commodity)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if not head:
        raise ImportRefused(None, _("The file is empty."))
    upper = head.upper()
    if upper.startswith(b"OFXHEADER") or b"<OFX>" in upper or b"<?OFX " in upper:
        return ofx_read(data)
    if upper.startswith(b"<?XML") or upper.startswith(b"<DOCUMENT"):
        if b"CAMT.053" in upper or b"BKTOCSTMRSTMT" in upper:
            return camt_read(data)
        raise ImportRefused(
            None, _("This XML file is neither an OFX nor a CAMT.053 bank statement.")
        )
    text, encoding = text_decode(data)
    statement = csv_read(text, commodity=commodity)
    statement.encoding = encoding
    return statement


def text_decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise ImportRefused(
                data[: error.start].count(b"\n\x00") + 1, _("This is not UTF-16 text.")
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise ImportRefused(
                data[: error.start].count(b"\n") + 1,
                _("The file starts as UTF-8 but this line is not UTF-8 text."),
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


# --- values --------------------------------------------------------------------------------------

_TIME = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"  # "03/10/2026 14:05" is still the 3rd
_DATE_FORMS = [
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME), "dmy"),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+Z-]*)?"), "ymd"),
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})" + _TIME), "dmy"),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd"),
]


def date_parse(text: str) -> datetime.date:
    """``dd/mm/yyyy`` (or ``-`` and ``.``, or two-digit years), ``yyyy-mm-dd``, ``yyyymmdd``."""
    value = (text or "").strip()
    for pattern, order in _DATE_FORMS:
        match = pattern.fullmatch(value)
        if not match:
            continue
        first, second, third = (int(part) for part in match.groups())
        day, month, year = (first, second, third) if order == "dmy" else (third, second, first)
        if year < 100:
            year += 2000
        try:
            return datetime.date(year, month, day)
        except ValueError:
            break
    raise ValueError(_("“%(value)s” is not a date (dd/mm/yyyy or yyyy-mm-dd).") % {"value": value})


_AMOUNT_NOISE = re.compile(
    r"[\s\u00a0\u202f\u2009'’€$£]|\b(?:EUR|EUROS?|XOF|F?CFA|USD|CAD|CHF|GBP)\b", re.IGNORECASE
)
_AMOUNT_SHAPE = re.compile(r"\d[\d.,]*|[.,]\d+")


def amount_parse(text: str, *, decimal_mark: str | None = None) -> Decimal:
    """A signed decimal from a bank's way of writing it; ``decimal_mark`` settles "1,234"."""
    raw = (text or "").strip()
    value = raw.replace("\u2212", "-")
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1]
    value = _AMOUNT_NOISE.sub("", value)
    if value.startswith("-"):
        negative, value = True, value[1:]
    elif value.startswith("+"):
        value = value[1:]
    elif value.endswith("-"):
        negative, value = True, value[:-1]
    if not _AMOUNT_SHAPE.fullmatch(value):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": raw})
    commas, points = value.count(","), value.count(".")
    if commas and points:
        mark = "," if value.rfind(",") > value.rfind(".") else "."
    elif commas + points == 0:
        mark = None
    else:
        sep = "," if commas else "."
        if commas + points > 1:
            mark = None  # "1.234.567": thousands only
        elif len(value) - value.rfind(sep) - 1 != 3:
            mark = sep  # "12,5", "12,50"
        elif decimal_mark is not None:
            mark = sep if sep == decimal_mark else None  # "1.234" in a decimal-comma file
        else:
            mark = "." if sep == "." else None  # alone, "1,234" reads as English thousands
    integer, fraction = value.rsplit(mark, 1) if mark else (value, "")
    groups = re.split(r"[.,]", integer)
    if len(groups) > 1 and not (
        1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])
    ):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": raw})
    if (mark and ("," if mark == "." else ".") in fraction) or not (integer or fraction):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": raw})
    amount = Decimal(("".join(groups) or "0") + ("." + fraction if fraction else ""))
    return -amount if negative else amount


def amount_check(amount: Decimal, commodity: str) -> int:
    """The amount in minor units, or why it cannot be (too many decimals)."""
    try:
        return to_minor(amount, commodity)
    except MoneyError:
        raise ValueError(
            _("%(commodity)s has %(digits)s decimal places: %(amount)s has more.")
            % {"commodity": commodity, "digits": minor_digits(commodity), "amount": amount}
        ) from None


def label_normalise(label: str) -> str:
    """The label as rows are compared: same letters, any case, any run of spaces."""
    return " ".join(unicodedata.normalize("NFC", label or "").casefold().split())


def _words(text: str) -> str:
    """A header cell or a line as bare lowercase words: "Débit euros" → "debit euros"."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# --- CSV -----------------------------------------------------------------------------------------

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


def _table_find(text: str) -> tuple[str, int, dict[str, int]]:
    """The separator, the header's line and its columns: the separator that finds a header
    earliest wins."""
    best = None
    for delimiter in (";", ",", "\t", "|"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
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


def _decimal_mark(cells: list[str], delimiter: str) -> str:
    """The file's decimal mark, from the amounts that show it; else the separator's habit."""
    votes = {",": 0, ".": 0}
    for cell in cells:
        value = _AMOUNT_NOISE.sub("", cell).strip("-+()")
        if "," in value and "." in value:
            votes["," if value.rfind(",") > value.rfind(".") else "."] += 1
            continue
        for sep in (",", "."):
            if value.count(sep) == 1 and len(value) - value.rfind(sep) - 1 in (1, 2):
                votes[sep] += 1
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
    delimiter, header_line, columns = _table_find(text)
    records = []  # (line where the record starts, cells)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous = 0
    try:
        for cells in reader:
            records.append((previous + 1, cells))
            previous = reader.line_num
    except csv.Error as error:
        raise ImportRefused(reader.line_num, str(error)) from None
    money_columns = [columns[key] for key in ("amount", "debit", "credit") if key in columns]
    body = [(line, cells) for line, cells in records if line > header_line]
    decimal_mark = _decimal_mark(
        [cells[i] for _line, cells in body for i in money_columns if i < len(cells)], delimiter
    )
    statement = Statement(format=CSV, commodity=commodity)
    for line, cells in records:
        if line < header_line:
            _closing_from(statement, delimiter.join(cells), decimal_mark)
    for line, cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        row = _csv_row(line, cells, columns, statement, decimal_mark, delimiter)
        if row is not None and row.amount:
            statement.rows.append(row)
    return statement


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


def _csv_amount(cell, columns, decimal_mark) -> Decimal:
    if "amount" in columns:
        raw = cell("amount")
        if not raw:
            raise ValueError(_("No amount on this line."))
        return amount_parse(raw, decimal_mark=decimal_mark)
    debit, credit = cell("debit"), cell("credit")
    debit_amount = amount_parse(debit, decimal_mark=decimal_mark) if debit else Decimal(0)
    credit_amount = amount_parse(credit, decimal_mark=decimal_mark) if credit else Decimal(0)
    if not debit and not credit:
        raise ValueError(_("No amount on this line: the debit and credit columns are empty."))
    if debit_amount and credit_amount:
        raise ValueError(_("This line has both a debit and a credit."))
    return abs(credit_amount) - abs(debit_amount)


# --- OFX -----------------------------------------------------------------------------------------


def ofx_read(data: bytes) -> Statement:
    """OFX 1 (SGML) or 2 (XML), parsed by ofxtools; its elements are read leniently, since
    banks' files rarely pass the full OFX validation."""
    from ofxtools.Parser import OFXTree

    tree = OFXTree()
    try:
        tree.parse(io.BytesIO(data.lstrip(b"\xef\xbb\xbf \t\r\n")))
    except Exception as error:  # ofxtools raises SyntaxError, ValueError, KeyError, UnicodeError…
        raise ImportRefused(
            None, _("This is not a readable OFX file (%(detail)s).") % {"detail": error}
        ) from None
    root = tree.getroot()
    statements = root.findall(".//STMTRS") + root.findall(".//CCSTMTRS")
    if not statements:
        raise ImportRefused(None, _("The OFX file holds no bank statement."))
    accounts = {
        _ofx_text(s, "BANKACCTFROM/ACCTID") or _ofx_text(s, "CCACCTFROM/ACCTID") for s in statements
    }
    _one_account(accounts)
    currencies = {_ofx_text(s, "CURDEF") or "EUR" for s in statements}
    commodity = _one_currency(currencies)
    statement = Statement(format=OFX, commodity=commodity, account=accounts.pop() or "")
    number = 0
    for stmt in statements:
        for entry in stmt.findall("BANKTRANLIST/STMTTRN"):
            number += 1
            row = _ofx_row(number, entry, commodity)
            if row.amount:
                statement.rows.append(row)
        balance = stmt.find("LEDGERBAL")
        if balance is not None:
            try:
                day = date_parse(_ofx_text(balance, "DTASOF")[:8])
                amount = amount_parse(_ofx_text(balance, "BALAMT"))
            except ValueError as error:
                raise ImportRefused(
                    None, _("The closing balance (LEDGERBAL): %(reason)s") % {"reason": error}
                ) from None
            if statement.closing_date is None or day >= statement.closing_date:
                statement.closing_date, statement.closing_balance = day, amount
    return statement


def _ofx_text(element, path: str) -> str:
    found = element.find(path)
    return html.unescape((found.text or "").strip()) if found is not None else ""


def _ofx_row(number: int, entry, commodity: str) -> BankRow:
    fitid = _ofx_text(entry, "FITID")
    try:
        date = date_parse(_ofx_text(entry, "DTPOSTED")[:8])
        amount = amount_parse(_ofx_text(entry, "TRNAMT"))
        amount_check(amount, commodity)
    except ValueError as error:
        raise ImportRefused(
            None,
            _("Transaction %(n)s (%(id)s): %(reason)s")
            % {"n": number, "id": fitid or "—", "reason": error},
        ) from None
    name, memo = _ofx_text(entry, "NAME"), _ofx_text(entry, "MEMO")
    label = name if not memo or memo in name else f"{name} {memo}".strip()
    return BankRow(line=number, date=date, amount=amount, label=label, reference=fitid)


def _one_account(accounts: set[str]) -> None:
    if len(accounts) > 1:
        raise ImportRefused(
            None,
            _(
                "The file holds the statements of several accounts (%(accounts)s): import one "
                "account at a time."
            )
            % {"accounts": ", ".join(sorted(accounts))},
        )


def _one_currency(currencies: set[str]) -> str:
    if len(currencies) > 1:
        raise ImportRefused(
            None,
            _("The file mixes currencies (%(currencies)s).")
            % {"currencies": ", ".join(sorted(currencies))},
        )
    code = currencies.pop()
    try:
        return commodity_read(code)
    except MoneyError:
        raise ImportRefused(None, _("Unknown currency: %(code)s.") % {"code": code}) from None


# --- CAMT.053 ------------------------------------------------------------------------------------


def camt_read(data: bytes) -> Statement:
    """ISO 20022 bank-to-customer statements (camt.053, any version): booked entries and the
    closing booked balance (CLBD)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException) as error:
        raise ImportRefused(
            None, _("This is not a readable CAMT.053 file (%(detail)s).") % {"detail": error}
        ) from None
    ns = root.tag[1 : root.tag.index("}")] if root.tag.startswith("{") else ""
    q = _Camt(ns)
    statements = root.findall(q("BkToCstmrStmt/Stmt"))
    if not statements:
        raise ImportRefused(None, _("The CAMT.053 file holds no statement (Stmt)."))
    accounts = {q.text(s, "Acct/Id/IBAN") or q.text(s, "Acct/Id/Othr/Id") for s in statements}
    _one_account(accounts)
    currencies = {q.text(s, "Acct/Ccy") for s in statements} - {""}
    currencies |= {e.get("Ccy", "") for s in statements for e in s.findall(q("Ntry/Amt"))} - {""}
    commodity = _one_currency(currencies or {"EUR"})
    statement = Statement(format=CAMT053, commodity=commodity, account=accounts.pop() or "")
    number = 0
    for stmt in statements:
        for entry in stmt.findall(q("Ntry")):
            number += 1
            status = q.text(entry, "Sts/Cd") or q.text(entry, "Sts")
            if status and status != "BOOK":
                continue  # pending or information-only entries are not on the account yet
            row = _camt_row(number, entry, q)
            if row.amount:
                statement.rows.append(row)
        for balance in stmt.findall(q("Bal")):
            if q.text(balance, "Tp/CdOrPrtry/Cd") != "CLBD":
                continue
            try:
                day = date_parse((q.text(balance, "Dt/Dt") or q.text(balance, "Dt/DtTm"))[:10])
                amount = _camt_amount(balance, q)
            except ValueError as error:
                raise ImportRefused(
                    None, _("The closing balance (CLBD): %(reason)s") % {"reason": error}
                ) from None
            if statement.closing_date is None or day >= statement.closing_date:
                statement.closing_date, statement.closing_balance = day, amount
    return statement


class _Camt:
    """Paths in the file's namespace: ``q("Ntry/Amt")``."""

    def __init__(self, ns: str):
        self.prefix = f"{{{ns}}}" if ns else ""

    def __call__(self, path: str) -> str:
        return "/".join(self.prefix + part for part in path.split("/"))

    def text(self, element, path: str) -> str:
        found = element.find(self(path))
        return " ".join((found.text or "").split()) if found is not None else ""

    def texts(self, element, path: str) -> list[str]:
        return [" ".join((f.text or "").split()) for f in element.findall(self(path)) if f.text]


def _camt_amount(element, q: _Camt) -> Decimal:
    raw = q.text(element, "Amt")
    indicator = q.text(element, "CdtDbtInd")
    if indicator not in ("CRDT", "DBIT"):
        raise ValueError(_("CdtDbtInd is “%(value)s”, not CRDT or DBIT.") % {"value": indicator})
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": raw}) from None
    return -amount if indicator == "DBIT" else amount


def _camt_row(number: int, entry, q: _Camt) -> BankRow:
    reference = q.text(entry, "AcctSvcrRef") or q.text(entry, "NtryRef")
    try:
        day = q.text(entry, "BookgDt/Dt") or q.text(entry, "BookgDt/DtTm")[:10]
        date = date_parse(day)
        amount = _camt_amount(entry, q)
        amount_check(amount, entry.find(q("Amt")).get("Ccy") or "EUR")
    except ValueError as error:
        raise ImportRefused(
            None,
            _("Entry %(n)s (%(id)s): %(reason)s")
            % {"n": number, "id": reference or "—", "reason": error},
        ) from None
    side = "Dbtr" if amount > 0 else "Cdtr"  # who paid us, or whom we paid
    parts = []
    for details in entry.findall(q("NtryDtls/TxDtls")):
        name = q.text(details, f"RltdPties/{side}/Nm") or q.text(
            details, f"RltdPties/{side}/Pty/Nm"
        )
        parts += [name] if name and name not in parts else []
        parts += [u for u in q.texts(details, "RmtInf/Ustrd") if u not in parts]
    label = " — ".join(parts) or q.text(entry, "AddtlNtryInf")
    return BankRow(line=number, date=date, amount=amount, label=label, reference=reference)
