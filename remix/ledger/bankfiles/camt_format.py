"""ISO 20022 CAMT.053 statements, read through defusedxml."""

from decimal import Decimal, InvalidOperation

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
    one_account(accounts)
    currencies = {q.text(s, "Acct/Ccy") for s in statements} - {""}
    currencies |= {e.get("Ccy", "") for s in statements for e in s.findall(q("Ntry/Amt"))} - {""}
    commodity = one_currency(currencies or {"EUR"})
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
