"""OFX statements, 1 (SGML) and 2 (XML)."""

import html
import io

from django.utils.translation import gettext as _

from remix.core.imports import ImportRefused
from remix.ledger.bankfiles.statement import OFX, BankRow, Statement, one_account, one_currency
from remix.ledger.bankfiles.values import amount_check, amount_parse, date_parse


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
    one_account(accounts)
    currencies = {_ofx_text(s, "CURDEF") or "EUR" for s in statements}
    commodity = one_currency(currencies)
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
