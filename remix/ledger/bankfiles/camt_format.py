"""ISO 20022 CAMT.053 statements, read through defusedxml."""

import io
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import BinaryIO

from django.utils.translation import gettext as _

from remix.core.imports import ImportRefused
from remix.ledger.bankfiles.statement import (
    CAMT053,
    BankRow,
    Statement,
    one_account,
    one_currency,
)
from remix.ledger.bankfiles.values import amount_check, date_parse


def camt_read(data: bytes) -> Statement:
    """A CAMT.053 file's statement, its rows read at once."""
    statement = camt_open(io.BytesIO(data))
    statement.rows = list(statement.rows)
    return statement


def camt_open(source: BinaryIO) -> Statement:
    """ISO 20022 bank-to-customer statements (camt.053, any version): booked entries and the
    closing booked balance (CLBD), from a seekable binary file.

    Read twice as a stream, each entry dropped once read: first the accounts, currencies and
    closing balances (one account and one currency, or the file is refused), then the entries,
    yielded one at a time as ``rows``."""
    accounts, currencies, balances, entries = set(), set(), [], 0
    q = None
    for element, q in _camt_elements(source):
        if element.tag == q("Ntry"):
            entries += 1
            amount = element.find(q("Amt"))
            currencies.add(amount.get("Ccy", "") if amount is not None else "")
        elif element.tag == q("Stmt"):
            accounts.add(q.text(element, "Acct/Id/IBAN") or q.text(element, "Acct/Id/Othr/Id"))
            currencies.add(q.text(element, "Acct/Ccy"))
            balances += [
                b for b in element.findall(q("Bal")) if q.text(b, "Tp/CdOrPrtry/Cd") == "CLBD"
            ]
    if not accounts:
        raise ImportRefused(None, _("The CAMT.053 file holds no statement (Stmt)."))
    one_account(accounts)
    commodity = one_currency((currencies - {""}) or {"EUR"})
    statement = Statement(
        format=CAMT053, commodity=commodity, account=accounts.pop() or "", expected=entries
    )
    for balance in balances:
        _closing_from(statement, balance, q)

    def rows() -> Iterator[BankRow]:
        number = 0
        for entry, q in _camt_elements(source):
            if entry.tag != q("Ntry"):
                continue
            number += 1
            status = q.text(entry, "Sts/Cd") or q.text(entry, "Sts")
            if status and status != "BOOK":
                continue  # pending or information-only entries are not on the account yet
            row = _camt_row(number, entry, q)
            if row.amount:
                yield row

    statement.rows = rows()
    return statement


def _camt_elements(source: BinaryIO) -> Iterator[tuple]:
    """Each entry (``Ntry``) and each statement (``Stmt``, its entries dropped) once read, with
    the file's namespace; an entry is dropped from memory once its reader is done with it."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    source.seek(0)
    q = statement = None
    try:
        for event, element in iterparse(source, events=("start", "end")):
            if q is None:
                tag = element.tag
                q = _Camt(tag[1 : tag.index("}")] if tag.startswith("{") else "")
            if event == "start":
                statement = element if element.tag == q("Stmt") else statement
            elif element.tag == q("Ntry"):
                yield element, q
                if statement is not None and element in statement:
                    statement.remove(element)
                element.clear()
            elif element.tag == q("Stmt"):
                yield element, q
                element.clear()
    except (ParseError, DefusedXmlException) as error:
        raise ImportRefused(
            None, _("This is not a readable CAMT.053 file (%(detail)s).") % {"detail": error}
        ) from None


def _closing_from(statement: Statement, balance, q: "_Camt") -> None:
    """The latest closing booked balance (CLBD) is the statement's."""
    try:
        day = date_parse((q.text(balance, "Dt/Dt") or q.text(balance, "Dt/DtTm"))[:10])
        amount = _camt_amount(balance, q)
    except ValueError as error:
        raise ImportRefused(
            None, _("The closing balance (CLBD): %(reason)s") % {"reason": error}
        ) from None
    if statement.closing_date is None or day >= statement.closing_date:
        statement.closing_date, statement.closing_balance = day, amount


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
